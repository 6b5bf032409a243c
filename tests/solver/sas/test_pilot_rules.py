"""The rules the pilots needed (issue 12), each with its exact penalty or French message."""

from __future__ import annotations

from solver.sas import (ONCALL, Assignment, Availability, HourDemand, PdsaDuty, SasSolution,
                        Settings, Territory, evaluate)
from solver.sas.context import Context
from solver.sas.rules.osnp import CONTRACT, WEEKLY, week_limit
from solver.sas.solution import OPTIMAL

from .tiny import costs, day, doctor, excuses, problem, solve

CPTS = [Territory("T1", "Territoire 1", cpts_rota=True)]


def test_a_cpts_rota_line_during_a_pdsa_duty_is_set_aside_and_the_month_solved():
    p = problem([doctor("e", roles=("effector",), territory="T1"), doctor("a")], days=2,
                reg={8: 1}, oncall=1, territories=CPTS,
                pdsa=[PdsaDuty("e", "2027-03-01T10:00", "2027-03-01T14:00")],
                cpts_rota=[Assignment("e", day(0), ONCALL, territory="T1"),
                           Assignment("e", day(1), ONCALL, territory="T1")])
    sol = solve(p)
    assert sol.status == OPTIMAL
    assert [r.text for r in sol.rejected] == [
        "Tour d'astreinte de la CPTS, ligne 1 (Dr E, lundi 1 mars 2027, astreinte 8h–20h) "
        "écartée : Garde PDSA en même temps — de garde PDSA (lun. 1 mars 10h – lun. 1 mars 14h)."]
    assert sorted((a.person, a.day, a.template) for a in sol.assignments) == [
        ("a", day(0), "R1"), ("a", day(1), "R1"), ("e", day(1), ONCALL)]
    # Coverage per role: the regulators' hours, the on-call duty the rota no longer holds.
    assert [(c.role, c.required, c.missing) for c in sol.coverage] == [
        ("regulator", 2, 0), ("effector", 2, 1)]
    back = SasSolution.from_json(sol.to_json())
    assert back.rejected == sol.rejected and back.coverage == sol.coverage


def test_osnp_contract_hours_are_a_target_with_a_weekly_floor():
    # 35 h contract, Monday–Friday; unavailable on Friday; 6-hour shifts and 10 h a day
    # at most: 24 h is the most he can work. Floor 35 − 5 = 30 h: 6 h short (6 × 30);
    # target 35 h ± 4 h: 31 − 24 = 7 hours short (7 × 10).
    settings = Settings(policy="opt_out", osnp_undertime_minutes_per_week=300)
    p = problem([doctor("o", roles=("osnp",), status="salaried", weekly_minutes=2100)],
                days=5, osnp={8: 1, 14: 1}, settings=settings,
                availability=[Availability("o", day(4), "00:00", "23:59", "unavailable")])
    sol = solve(p)
    assert sol.status == OPTIMAL
    assert len(sol.assignments) == 4
    assert costs(sol, "osnp.floor") == [("Dr O", 6, 180)]
    assert costs(sol, "osnp.contract") == [("Dr O", 7, 70)]


def test_osnp_hours_within_the_tolerance_are_free_and_pull_the_roster_to_the_contract():
    # Demand only 8h–9h: 5 morning shifts are 30 h, 1 hour short of 35 h − 4 h → 10.
    p = problem([doctor("o", roles=("osnp",), status="salaried", weekly_minutes=2100)],
                days=5, osnp={8: 1}, policy="opt_out")
    sol = solve(p)
    assert costs(sol, "osnp.contract") == [("Dr O", 1, 10)]
    assert costs(sol, "osnp.floor") == []  # no floor set


def test_osnp_weekly_ceiling_is_contract_plus_overtime_within_the_legal_maximum():
    o = doctor("o", roles=("osnp",), status="salaried", weekly_minutes=2100)
    ctx = Context(problem([o], settings=Settings(osnp_overtime_minutes_per_week=240)))
    assert week_limit(ctx, o) == (2340, CONTRACT)
    ctx = Context(problem([o], settings=Settings(osnp_overtime_minutes_per_week=1200)))
    assert week_limit(ctx, o) == (2880, WEEKLY)


def test_remote_wishes_are_honoured_while_keeping_the_on_site_share():
    # Five mornings asked "à distance"; 20 % on site at least: one on site (4 h × 2).
    wish = [Availability("r", day(i), "08:00", "12:00", "available", remote=True)
            for i in range(5)]
    p = problem([doctor("r", remote=True)], days=5, reg={8: 1}, policy="opt_out",
                availability=wish)
    sol = solve(p)
    assert sol.status == OPTIMAL
    assert sorted(a.remote for a in sol.assignments) == [False, True, True, True, True]
    assert [(c.name, c.subject, c.amount, c.cost) for c in sol.costs
            if c.rule == "preference.remote"] == [
        ("Régulation à distance souhaitée, tenue sur site", "Dr R", 1, 8)]


def test_nobody_is_sent_to_regulate_remotely_unasked():
    p = problem([doctor("r", remote=True)], days=2, reg={8: 1}, policy="opt_out")
    sol = solve(p)
    assert [a.remote for a in sol.assignments] == [False, False]
    assert costs(sol, "preference.remote") == []


def test_a_retiree_is_not_rostered_after_his_eligibility_end_date():
    p = problem([doctor("r", status="retired", eligible_until=day(1))], days=3, reg={8: 1},
                policy="opt_out")
    sol = solve(p)
    assert sorted(a.day for a in sol.assignments) == [day(0), day(1)]
    assert excuses(sol, day(2), 8) == {"r": ("plus éligible après le mardi 2 mars 2027",)}


def test_on_call_duties_do_not_count_in_a_retirees_regulation_quota():
    # Two 12-hour on-call days, then a 4-hour shift: within a 4-hour quota.
    p = problem([doctor("r", roles=("regulator", "effector"), territory="T1",
                        status="retired", quota_minutes=240)],
                days=3, policy="opt_out", oncall=1,
                demand=[HourDemand("regulator", day(2), 8, 1)])
    p.oncall = [o for o in p.oncall if o.day != day(2)]
    sol = solve(p)
    held = sorted((a.day, a.template) for a in sol.assignments)
    assert held == [(day(0), ONCALL), (day(1), ONCALL), (day(2), "R1")]


def test_explanations_are_grouped_over_consecutive_hours_with_the_same_reasons():
    p = problem([doctor("a", max_shifts=0)], reg={8: 1, 9: 1, 10: 1, 14: 2},
                policy="opt_out")
    sol = solve(p)
    texts = sol.explanation().split("\n\n")
    assert len(sol.uncovered) == 4 and len(texts) == 2
    assert texts[0].startswith("lundi 1 mars 2027, régulation 8h–11h : il manque 1 personne(s)")
    assert texts[1].startswith("lundi 1 mars 2027, régulation 14h–15h : il manque 2 personne(s)")
    ev = evaluate(p, sol.assignments)
    assert ev.explanations() == texts
    assert [(c.role, c.required, c.missing) for c in ev.coverage] == [("regulator", 5, 5)]
