"""One test per hard SAS rule, on a tiny instance: the rule holds in the roster and the
uncovered hour it causes is explained with the exact French reason."""

from solver.sas import (Assignment, Availability, OnCallDemand, PastShift, PdsaDuty, Settings,
                        Template, Territory)
from solver.sas.replacement import rank_candidates
from solver.sas.rules import reasons

from .tiny import day, doctor, excuses, problem, solve, state_of

OPERATOR = dict(roles=("osnp",), status="salaried")


def test_opt_in_only_inside_declared_availability():
    p = problem([doctor("a"), doctor("b")], reg={8: 1, 13: 1}, policy="opt_in",
                availability=[Availability("a", day(0), "08:00", "12:00")])
    sol = solve(p)
    assert [(a.person, a.template) for a in sol.assignments] == [("a", "R1")]
    assert excuses(sol, day(0), 13) == {
        "a": ("disponible seulement 8h–12h",),
        "b": ("aucune disponibilité déclarée ce jour",),
    }


def test_opt_out_never_overlapping_unavailability():
    p = problem([doctor("a")], reg={13: 1},
                availability=[Availability("a", day(0), "13:30", "14:00", "unavailable")])
    sol = solve(p)
    assert sol.assignments == []
    assert excuses(sol, day(0), 13) == {"a": ("indisponible 13h30–14h",)}


def test_skill_required_by_a_template():
    ped = Template("RP", "regulator", "20:00", "22:00", skill="pédiatrie")
    p = problem([doctor("a"), doctor("b", skills=("pédiatrie",))], templates=[ped],
                demand=[], reg={20: 1, 21: 1})
    p.days[0].open["regulator"] = (480, 1320)
    sol = solve(p)
    assert [(a.person, a.template) for a in sol.assignments] == [("b", "RP")]
    ctx, state = state_of(p, sol)
    assert [r.text for r in reasons(ctx, state, "a", 0, "RP")] == \
        ["n'a pas la compétence « pédiatrie »"]


def test_locum_only_on_contract_days():
    p = problem([doctor("l", status="locum", contract_days=(day(1),))], days=2, reg={8: 1})
    sol = solve(p)
    assert [(a.person, a.day) for a in sol.assignments] == [("l", day(1))]
    assert excuses(sol, day(0), 8) == {"l": ("remplaçant(e) sans contrat ce jour",)}


def test_never_during_a_pdsa_duty():
    p = problem([doctor("a")], reg={13: 1},
                pdsa=[PdsaDuty("a", f"{day(0)}T12:00", f"{day(0)}T20:00")])
    sol = solve(p)
    assert excuses(sol, day(0), 13) == {"a": ("de garde PDSA (lun. 1 mars 12h – lun. 1 mars 20h)",)}


def test_rest_after_a_pdsa_night():
    p = problem([doctor("a")], days=2, reg={8: 1, 19: 1},
                pdsa=[PdsaDuty("a", f"{day(0)}T20:00", f"{day(1)}T08:00")])
    sol = solve(p)
    assert excuses(sol, day(1), 8) == {"a": ("repos après sa garde PDSA de nuit "
                                             "(finie mar. 2 mars 8h)",)}
    # 11 h after 8h is 19h: even the 16–20 shift starts too early.
    assert excuses(sol, day(1), 19) == excuses(sol, day(1), 8)
    assert {a.day for a in sol.assignments} == {day(0)}


def test_handover_forbidden():
    p = problem([doctor("a")], reg={16: 1}, settings=Settings(policy="opt_out", handover="forbid"),
                pdsa=[PdsaDuty("a", f"{day(0)}T20:00", f"{day(1)}T08:00")])
    sol = solve(p)
    assert excuses(sol, day(0), 16) == {"a": ("enchaînerait avec sa garde PDSA à 20h",)}


def test_no_regulation_during_an_oncall_duty():
    a = doctor("a", roles=("regulator", "effector"), territory="T1")
    p = problem([a], reg={8: 1}, oncall=1,
                pins=[Assignment("a", day(0), "astreinte", territory="T1")])
    sol = solve(p)
    assert [a.template for a in sol.assignments] == ["astreinte"]
    assert excuses(sol, day(0), 8) == {"a": ("déjà d'astreinte effecteur",)}


def test_per_day_maximum():
    p = problem([doctor("a")], reg={8: 1, 13: 1}, settings=Settings(policy="opt_out", max_minutes_per_day=240))
    sol = solve(p)
    assert len(sol.assignments) == 1
    (hour,) = [u.hour for u in sol.uncovered]
    assert excuses(sol, day(0), hour) == {"a": ("déjà 4 h de régulation ce jour (maximum 4 h)",)}


def test_monthly_commitment_in_shifts_and_hours():
    p = problem([doctor("a", max_shifts=1), doctor("b", max_minutes=240)], days=2,
                reg={8: 2})
    sol = solve(p)
    assert len(sol.of("a")) == 1 and len(sol.of("b")) == 1
    # Both on one day or one each day cost the same: either way 2 hours are missing.
    assert sum(u.missing for u in sol.uncovered) == 2
    reasons = {"a": ("engagement mensuel atteint (1 poste(s))",),
               "b": ("engagement mensuel atteint (4 h)",)}
    for u in sol.uncovered:
        off = {a.person for a in sol.assignments if a.day == u.day} ^ {"a", "b"}
        assert excuses(sol, u.day, 8) == {pid: reasons[pid] for pid in off}


def test_retiree_quota():
    p = problem([doctor("r", status="retired", quota_minutes=300)], days=2, reg={8: 1})
    sol = solve(p)
    assert len(sol.assignments) == 1
    (u,) = sol.uncovered
    assert excuses(sol, u.day, 8) == {"r": ("quota de retraité atteint (reste 1 h)",)}


def test_osnp_ten_hours_a_day():
    p = problem([doctor("o", **OPERATOR)], osnp={8: 1, 15: 1})
    sol = solve(p)
    assert len(sol.assignments) == 1
    (u,) = {(u.day, u.role) for u in sol.uncovered}
    hour = sol.uncovered[0].hour
    assert excuses(sol, day(0), hour, "osnp") == {"o": ("déjà 6 h ce jour (maximum 10 h)",)}


def test_osnp_eleven_hours_rest_counts_the_day_before_the_month():
    p = problem([doctor("o", **OPERATOR)], osnp={8: 1},
                history=[PastShift("o", "2027-02-28", "14:00", "22:00", "osnp")])
    sol = solve(p)
    assert sol.assignments == []
    assert excuses(sol, day(0), 8, "osnp") == {
        "o": ("repos de 11 h après son poste de la veille (fini à 22h)",)}


def test_osnp_weekly_limit_counts_history_of_the_same_week():
    # Horizon from Wednesday; Monday and Tuesday were worked (12 h) before it.
    history = [PastShift("o", day(i), "08:00", "14:00", "osnp") for i in (0, 1)]
    p = problem([doctor("o", **OPERATOR)], days=3, first=2, osnp={8: 1},
                settings=Settings(policy="opt_out", osnp_max_minutes_per_week=24 * 60), history=history)
    sol = solve(p)
    assert len(sol.assignments) == 2
    (u,) = sol.uncovered
    assert excuses(sol, u.day, 8, "osnp") == {"o": ("déjà 24 h cette semaine (maximum 24 h)",)}


def test_osnp_contract_hours():
    p = problem([doctor("o", weekly_minutes=360, **OPERATOR)], days=2, osnp={8: 1})
    sol = solve(p)
    assert len(sol.assignments) == 1
    (u,) = sol.uncovered
    assert excuses(sol, u.day, 8, "osnp") == {"o": ("déjà 6 h cette semaine (maximum 6 h)",)}
    ctx, state = state_of(p, sol)
    (r,) = reasons(ctx, state, "o", ctx.index[u.day], "O1")
    assert r.name == "OSNP : heures du contrat"


def test_remote_regulators_do_their_share_on_site():
    pins = [Assignment("a", day(0), "R1", remote=True), Assignment("a", day(0), "R2", remote=True)]
    p = problem([doctor("a", remote=True)], days=2, reg={8: 1}, pins=pins)
    sol = solve(p)
    # 8 h remote need at least 2 h on site: the second day is done on site.
    assert (day(1), "R1", False) in {(a.day, a.template, a.remote) for a in sol.assignments}
    ctx, state = state_of(p, sol)
    state.remove("a", 1, "R1")
    assert [r.text for r in reasons(ctx, state, "a", 1, "R1 (à distance)")] == \
        ["pas assez d'heures sur site ce mois-ci (20 % minimum)"]


def test_cpts_rota_is_kept_and_closes_the_territory():
    cpts = Territory("T2", "Territoire 2", cpts_rota=True)
    people = [doctor("e2", roles=("effector",), territory="T2"),
              doctor("e3", roles=("effector",), territory="T2")]
    p = problem(people, territories=[Territory("T1"), cpts],
                cpts_rota=[Assignment("e2", day(0), "astreinte", territory="T2")])
    p.oncall = [OnCallDemand("T2", day(0), 1)]
    sol = solve(p)
    assert [(a.person, a.territory) for a in sol.assignments] == [("e2", "T2")]
    ranked = rank_candidates(p, sol, day(0), "astreinte", territory="T2")
    assert [(c.person, c.reasons) for c in ranked] == [
        ("e3", ("astreinte fixée par la CPTS (T2)", "astreinte du territoire T2 déjà pourvue (1/1)"))]


def test_no_more_oncall_effectors_than_asked():
    people = [doctor("e1", roles=("effector",), territory="T1"),
              doctor("e4", roles=("effector",), territory="T1")]
    p = problem(people, oncall=1)
    sol = solve(p)
    (held,) = sol.assignments
    other = "e4" if held.person == "e1" else "e1"
    ranked = rank_candidates(p, sol, day(0), "astreinte", territory="T1")
    assert [(c.person, c.ok, c.reasons) for c in ranked] == \
        [(other, False, ("astreinte du territoire T1 déjà pourvue (1/1)",))]


def test_uncovered_oncall_day_is_explained():
    people = [doctor("e1", roles=("effector",), territory="T1")]
    p = problem(people, oncall=1, availability=[
        Availability("e1", day(0), "10:00", "11:00", "unavailable")])
    sol = solve(p)
    assert sol.uncovered_oncall == 1
    assert excuses(sol, day(0), None, "effector") == {"e1": ("indisponible 10h–11h",)}
    assert "astreinte effecteur du territoire T1" in sol.uncovered[0].explanation


def test_pins_are_kept():
    p = problem([doctor("a"), doctor("b")], reg={8: 1}, pins=[Assignment("b", day(0), "R1")])
    sol = solve(p)
    assert [(a.person, a.template) for a in sol.assignments] == [("b", "R1")]
