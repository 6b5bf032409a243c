"""month_view: a stored month evaluated for the roster grid, and a cancellation stored."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date, time

import pytest

from sas_roster.demo.loader import load_demo
from sas_roster.domain.enums import Role
from sas_roster.domain.roster import Assignment
from sas_roster.planning import build_problem, solver_assignment
from sas_roster.services import Services
from sas_roster.services.month_view import month_state, solver_shift
from solver.sas.context import Context
from solver.sas.evaluation import roster_keys

TODAY = date(2027, 4, 12)
MAY_4 = date(2027, 5, 4)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("month_view") / "demo.db"
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


def test_engine_keys_leave_out_what_the_engine_cannot_place(services):
    mp = build_problem(services, 2027, 5)
    ctx = Context(mp.problem)
    pid = next(iter(mp.persons))
    ok = Assignment(int(pid), MAY_4, "REG-M", Role.REGULATOR, time(8), time(12))
    holiday = dataclasses.replace(ok, day=date(2027, 5, 6))  # Ascension: no continuity
    stranger = dataclasses.replace(ok, person_id=999_999)
    keys = roster_keys(ctx, [solver_assignment(a) for a in (ok, holiday, stranger)])
    assert keys == [(pid, ctx.index[MAY_4.isoformat()], "REG-M")]
    assert solver_shift(ok) == "REG-M"


def test_a_withdrawal_removes_a_pinned_cancelled_shift(services):
    job = services.solving.prepare(2027, 5, time_limit=5.0, deterministic=True)
    services.solving.store(job, job.run(), actor="test")
    stored = services.rosters.assignments(2027, 5)
    a = next(x for x in stored if x.role is Role.REGULATOR)
    services.rosters.pin(a.id)
    stored = services.rosters.assignments(2027, 5)
    wjob = services.solving.prepare_withdrawal(2027, 5, a.person_id, a.day, a.template_code, time_limit=3.0)
    result = wjob.run()
    outcome = services.solving.store_withdrawal(wjob, result, "malade", actor="test")
    after = services.rosters.assignments(2027, 5)
    assert a.key() not in {x.key() for x in after}
    assert [c.key() for c in outcome.cancelled] == [a.key()]
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


def test_evaluate_gives_coverage_per_role_and_what_it_cannot_place(services):
    from solver.sas import evaluate

    mp = build_problem(services, 2027, 5)
    pid = next(iter(mp.persons))
    ok = Assignment(int(pid), MAY_4, "REG-M", Role.REGULATOR, time(8), time(12))
    stranger = dataclasses.replace(ok, person_id=999_999)
    ev = evaluate(mp.problem, [solver_assignment(a) for a in (ok, stranger)], explain=False)
    assert [(a.person, a.day) for a in ev.skipped] == [("999999", MAY_4.isoformat())]
    assert ev.covered[("regulator", MAY_4.isoformat(), 8)] == 1
    assert [c.role for c in ev.coverage][:2] == ["regulator", "osnp"]
