"""ui_support: a stored month evaluated for the roster grid, and a cancellation stored."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date, time

import pytest

from sas_roster.demo.loader import load_demo
from sas_roster.domain.enums import Role
from sas_roster.domain.roster import Assignment
from sas_roster.planning import apply_replacement, apply_solution, build_problem, current_solution
from sas_roster.services import Services
from sas_roster.services.ui_support import (
    month_state,
    evaluate,
    solver_shift,
)
from solver.sas.replace import replace

TODAY = date(2027, 4, 12)
MAY_4 = date(2027, 5, 4)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("ui_support") / "demo.db"
    with Services.open(f"sqlite:///{path}") as services:
        load_demo(services, TODAY)
    return path


@pytest.fixture
def services(demo_file, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_file, path)
    with Services.open(f"sqlite:///{path}") as s:
        yield s


def _regulator_without_availability(services, day: date) -> int:
    declared = {e.person_id for e in services.availability.list_month(day.year, day.month) if e.day == day}
    return next(p.id for p in services.persons.list(role=Role.REGULATOR) if p.id not in declared)


def test_month_state_of_the_cpts_rota_alone(services):
    st = month_state(services, 2027, 5)
    assert len(st.assignments) == len(services.rosters.assignments(2027, 5)) > 0
    assert all(a.fixed_by_cpts for a in st.assignments)
    # Tuesday 4 May 2027 8h: the demo asks 2 regulators, nobody is rostered yet
    assert st.required[(Role.REGULATOR, MAY_4, 8)] == 2
    assert st.covered.get((Role.REGULATOR, MAY_4, 8), 0) == 0
    assert st.uncovered_hours == st.demand_hours == sum(st.required.values())
    gap = next(g for g in st.gaps if g.role is Role.REGULATOR and g.day == MAY_4 and g.hour == 8)
    assert gap.missing == 2 and "mardi 4 mai 2027" in gap.explanation
    assert st.violations == []
    assert {x.person_id for x in st.loads} <= set(st.problem.persons)


def test_month_state_counts_a_manual_assignment_and_its_violation(services):
    pid = _regulator_without_availability(services, MAY_4)
    services.rosters.add(2027, 5, Assignment(pid, MAY_4, "REG-M", Role.REGULATOR, time(8), time(12)))
    st = month_state(services, 2027, 5)
    assert st.covered[(Role.REGULATOR, MAY_4, 8)] == 1 and st.covered[(Role.REGULATOR, MAY_4, 11)] == 1
    assert next(g for g in st.gaps if g.day == MAY_4 and g.hour == 8 and g.role is Role.REGULATOR).missing == 1
    assert [v.rule for v in st.violations] == ["Disponibilités déclarées"]
    load = next(x for x in st.loads if x.person_id == str(pid))
    assert load.minutes == 240 and load.shifts == 1


def test_evaluate_leaves_out_what_the_solver_cannot_place(services):
    mp = build_problem(services, 2027, 5)
    pid = next(iter(mp.persons))
    ok = Assignment(int(pid), MAY_4, "REG-M", Role.REGULATOR, time(8), time(12))
    holiday = dataclasses.replace(ok, day=date(2027, 5, 6))  # Ascension: no continuity
    stranger = dataclasses.replace(ok, person_id=999_999)
    ev = evaluate(mp.problem, [ok, holiday, stranger], explain=False)
    assert sorted((a.person, a.day) for a in ev.skipped) == sorted(
        [("999999", MAY_4.isoformat()), (pid, "2027-05-06")])
    assert ev.covered[("regulator", MAY_4.isoformat(), 8)] == 1
    assert solver_shift(ok) == "REG-M"


def test_apply_replacement_removes_a_pinned_cancelled_shift(services):
    mp = build_problem(services, 2027, 5)
    from solver.sas import solve_sas

    apply_solution(services, mp, solve_sas(mp.problem, 3.0, num_workers=2, seed=0))
    stored = services.rosters.assignments(2027, 5)
    a = next(x for x in stored if x.role is Role.REGULATOR)
    services.rosters.pin(a.id)
    stored = services.rosters.assignments(2027, 5)
    mp = build_problem(services, 2027, 5, with_reference=False)
    result = replace(mp.problem, current_solution(stored), str(a.person_id), a.day, solver_shift(a), time_limit=3.0)
    after = apply_replacement(services, mp, stored, a.person_id, result)
    assert a.key() not in {x.key() for x in after}
    assert len({x.key() for x in stored} ^ {x.key() for x in after}) == result.changes


def test_the_month_problem_carries_a_distance_wishes_and_eligibility_end(services):
    from sas_roster.domain.availability import AvailabilityEntry
    from sas_roster.domain.enums import AvailabilityKind
    from sas_roster.domain.settings import TimeRange

    reg = next(p for p in services.persons.list(active=True)
               if Role.REGULATOR in p.roles and p.remote is not None)
    wish = AvailabilityEntry(reg.id, MAY_4, TimeRange(time(8), time(12)), AvailabilityKind.AVAILABLE, remote=True)
    kept = services.availability.list_month(2027, 5, reg.id)
    try:
        services.availability.set_month(reg.id, 2027, 5, [wish])
        mp = build_problem(services, 2027, 5)
        assert [(a.day, a.remote) for a in mp.problem.availability if a.person == str(reg.id)] == [
            (MAY_4.isoformat(), True)]
        retirees = [p for p in mp.problem.people if p.status == "retired"]
        stored = {str(p.id): p for p in services.persons.list()}
        for sp in retirees:
            q = stored[sp.id].quota
            assert sp.eligible_until == (q.eligible_until.isoformat() if q and q.eligible_until else None)
    finally:
        services.availability.set_month(reg.id, 2027, 5, [dataclasses.replace(e, id=None) for e in kept])
