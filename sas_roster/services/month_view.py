"""The month view: a stored month evaluated as a whole — demand against assignments per
hour, uncovered hours explained in French, rule violations, hours per person, the
published version and what no longer fits the calendar. The read model the roster window
shows and the exports read.

Plain functions on the `Services` facade, no Qt: the window calls them on its main thread
and hands the solver only the immutable `MonthProblem` snapshot they build.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from solver import sas

from ..domain.calendar import MonthCalendar, month_calendar
from ..domain.demand import RotaSource, ShiftTemplate, Territory
from ..domain.enums import Role
from ..domain.errors import NotFoundError
from ..domain.person import Person
from ..domain.roster import Assignment, Roster
from ..domain.roster_rules import Violation
from ..planning import MonthProblem, MonthReads, build_problem, hourly_demand, solver_assignment
from ..roster_check import check_month
from ..solve_report import PersonLoad, person_loads

ROLE_OF = {sas.REGULATOR: Role.REGULATOR, sas.OSNP: Role.OSNP, sas.EFFECTOR: Role.EFFECTOR}


@dataclass(frozen=True)
class Gap:
    """Demand not met: an hour of a role (`hour` set) or an on-call duty of a territory."""

    role: Role
    day: date
    hour: int | None
    territory: str | None
    required: int
    missing: int
    explanation: str  # French, with who could have taken it and why not


@dataclass(frozen=True)
class MonthState:
    """A stored month as the roster grid shows it."""

    year: int
    month: int
    calendar: MonthCalendar
    roster: Roster | None
    assignments: list[Assignment]
    persons: dict[int, Person]
    templates: list[ShiftTemplate]
    territories: list[Territory]
    required: dict[tuple[Role, date, int], int]  # headcount required per role, day, hour
    covered: dict[tuple[Role, date, int], int]  # people at work per role, day, hour
    gaps: list[Gap]
    violations: list[Violation]
    loads: list[PersonLoad]
    problem: MonthProblem | None  # None in a quick first look (`month_grid`)
    complete: bool = True  # False: no rule check, loads nor solver problem yet

    @property
    def uncovered_hours(self) -> int:
        return sum(g.missing for g in self.gaps if g.hour is not None)

    @property
    def demand_hours(self) -> int:
        return sum(self.required.values())


class _Reads:
    """One service's reads, each asked once: building the problem, checking the rules and
    showing the grid all read the same persons, availability and duties of the month."""

    def __init__(self, service: object) -> None:
        self._service = service
        self._memo: dict[tuple[object, ...], object] = {}

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._service, name)
        if not callable(method):
            return method

        def remembered(*args: Any, **kwargs: Any) -> object:
            key = (name, args, tuple(sorted(kwargs.items())))
            if key not in self._memo:
                self._memo[key] = method(*args, **kwargs)
            return self._memo[key]

        return remembered


class _PersonReads(_Reads):
    def list(self, *, active: bool | None = None, **filters: Any) -> Any:
        # list(active=True) is the full list filtered on the flag (same order): read it once.
        everyone = self.__getattr__("list")(**filters)
        return everyone if active is None else [p for p in everyone if p.active is active]


class ReadOnce:
    """Read-only view of the `Services` facade whose reads are remembered (one evaluation).
    It answers the same reads as the facade (`planning.MonthReads`); `month_state` uses it
    through that protocol."""

    def __init__(self, services: MonthReads) -> None:
        for name in ("settings", "availability", "pdsa", "rosters", "history", "amendments"):
            setattr(self, name, _Reads(getattr(services, name)))
        self.persons = _PersonReads(services.persons)


def check_violations(services: MonthReads, year: int, month: int, assignments: list[Assignment]) -> list[Violation]:
    return check_month(services, year, month, assignments)


def month_state(services: MonthReads, year: int, month: int, *, explain: bool = True) -> MonthState:
    """Read the month, build its solver problem and evaluate the stored roster against it.

    With `explain=False` the gaps come without their French explanation (the slow part on
    a big département): `explain_gaps` computes them from the state's snapshot, off the
    GUI thread if need be."""
    services = cast("MonthReads", ReadOnce(services))
    settings = services.settings.get()
    if settings is None:
        raise NotFoundError("Aucune association n'est configurée dans cette base")
    mp = build_problem(services, year, month)
    roster = services.rosters.get(year, month)
    assignments = list(roster.assignments or []) if roster else []
    required = {(ROLE_OF[h.role], _day(h.day), h.hour): h.required for h in mp.problem.demand}
    gaps = [Gap(ROLE_OF[u.role], _day(u.day), u.hour, u.territory, u.required, u.missing, u.explanation)
            for u in sas.evaluate_uncovered(mp.problem, _engine_assignments(assignments), explain=explain)]
    return MonthState(
        year=year, month=month, calendar=month_calendar(settings, year, month), roster=roster,
        assignments=assignments, persons={p.id: p for p in services.persons.list() if p.id is not None},
        templates=services.settings.shift_templates(), territories=services.settings.territories(),
        required=required, covered=_covered(assignments), gaps=gaps,
        violations=check_violations(services, year, month, assignments),
        loads=person_loads(mp.problem, [solver_assignment(a) for a in assignments
                                        if str(a.person_id) in mp.persons]),
        problem=mp,
    )


def month_grid(services: MonthReads, year: int, month: int, persons: list[Person] | None = None) -> MonthState:
    """A quick first look at the month, enough to paint the grid: assignments, demand
    against people at work, unmet hours and on-call duties (without explanations). The
    rule check, the loads and the solver problem come with `month_state`, which replaces it.
    `persons`: the pools if the caller holds them already (they are only needed for names)."""
    settings = services.settings.get()
    if settings is None:
        raise NotFoundError("Aucune association n'est configurée dans cette base")
    cal = month_calendar(settings, year, month)
    roster = services.rosters.get(year, month)
    assignments = list(roster.assignments or []) if roster else []
    territories = services.settings.territories()
    required = hourly_demand(services, cal)
    covered = _covered(assignments)
    gaps = [Gap(role, day, hour, None, need, need - covered.get((role, day, hour), 0), "")
            for (role, day, hour), need in sorted(required.items(), key=lambda k: (k[0][1], k[0][2], k[0][0].value))
            if covered.get((role, day, hour), 0) < need]
    held: dict[tuple[str, date], int] = defaultdict(int)
    for a in assignments:
        if a.role is Role.EFFECTOR and a.territory:
            held[(a.territory, a.day)] += 1
    gaps += [Gap(Role.EFFECTOR, d.day, None, t.code, t.oncall_per_day, t.oncall_per_day - held[(t.code, d.day)], "")
             for d in cal.days if Role.EFFECTOR in d.hours
             for t in territories if t.rota_source is RotaSource.ASSOCIATION and held[(t.code, d.day)] < t.oncall_per_day]
    return MonthState(
        year=year, month=month, calendar=cal, roster=roster, assignments=assignments,
        persons={p.id: p for p in (persons if persons is not None else services.persons.list()) if p.id is not None},
        templates=services.settings.shift_templates(),
        territories=territories, required=required, covered=covered, gaps=gaps, violations=[], loads=[],
        problem=None, complete=False,
    )


def _covered(assignments: list[Assignment]) -> dict[tuple[Role, date, int], int]:
    covered: dict[tuple[Role, date, int], int] = defaultdict(int)
    for a in assignments:
        if a.role is not Role.EFFECTOR:
            for hour in range(a.start.hour, a.end.hour + (1 if a.end.minute else 0)):
                covered[(a.role, a.day, hour)] += 1
    return dict(covered)


def explain_gaps(state: MonthState) -> list[Gap]:
    """The state's gaps with their French explanations (pure: reads only the state)."""
    assert state.problem is not None, "explain_gaps needs a complete state (month_state)"
    return [Gap(ROLE_OF[u.role], _day(u.day), u.hour, u.territory, u.required, u.missing, u.explanation)
            for u in sas.evaluate_uncovered(state.problem.problem, _engine_assignments(state.assignments))]


def _engine_assignments(assignments: list[Assignment]) -> list[sas.Assignment]:
    return [solver_assignment(a) for a in assignments]


def solver_shift(a: Assignment) -> str:
    """The solver's name of an assignment's shift (on-call duties share one name)."""
    return solver_assignment(a).template


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
