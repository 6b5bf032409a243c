"""What the roster window reads and writes beyond single use cases: a stored month evaluated
as a whole (demand against assignments per hour, uncovered hours explained in French, rule
violations, hours per person), and the storing of a cancellation's minimal re-solve.

Plain functions on the `Services` facade, no Qt: the window calls them on its main thread
and hands the solver only the immutable `MonthProblem` snapshot they build.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from solver import sas
from solver.sas.context import Context
from solver.sas.explain import uncovered_of
from solver.sas.state import RosterState

from ..domain.calendar import MonthCalendar, month_calendar
from ..domain.demand import ShiftTemplate, Territory
from ..domain.enums import Role
from ..domain.errors import NotFoundError
from ..domain.person import Person
from ..domain.roster import Assignment, Roster
from ..domain.roster_rules import Violation
from ..planning import MonthProblem, _solver_assignment, apply_solution, build_problem
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
    problem: MonthProblem

    @property
    def uncovered_hours(self) -> int:
        return sum(g.missing for g in self.gaps if g.hour is not None)

    @property
    def demand_hours(self) -> int:
        return sum(self.required.values())


def solver_keys(ctx: Context, assignments: list[Assignment]) -> list[tuple[str, int, str]]:
    """Stored assignments as the solver's (person, day index, slot) keys; assignments the
    solver cannot place (a person no longer active, a day without continuity) are left out."""
    keys = []
    for a in assignments:
        sa = _solver_assignment(a)
        d = ctx.index.get(sa.day)
        if d is None or d not in ctx.cday or sa.person not in ctx.people:
            continue
        try:
            keys.append((sa.person, d, ctx.slot_of(sa.template, sa.remote, d)))
        except KeyError:
            continue
    return keys


def month_state(services, year: int, month: int, *, explain: bool = True) -> MonthState:
    """Read the month, build its solver problem and evaluate the stored roster against it."""
    settings = services.settings.get()
    if settings is None:
        raise NotFoundError("Aucune association n'est configurée dans cette base")
    mp = build_problem(services, year, month)
    roster = services.rosters.get(year, month)
    assignments = list(roster.assignments or []) if roster else []
    ctx = Context(mp.problem)
    state = RosterState(ctx, solver_keys(ctx, assignments))
    required: dict[tuple[Role, date, int], int] = {}
    covered: dict[tuple[Role, date, int], int] = defaultdict(int)
    for h in mp.problem.demand:
        role = ROLE_OF[h.role]
        required[(role, _day(h.day), h.hour)] = h.required
    for a in assignments:
        if a.role is Role.EFFECTOR:
            continue
        for hour in range(a.start.hour, a.end.hour + (1 if a.end.minute else 0)):
            covered[(a.role, a.day, hour)] += 1
    gaps = [Gap(ROLE_OF[u.role], _day(u.day), u.hour, u.territory, u.required, u.missing, u.explanation)
            for u in uncovered_of(ctx, state, explain=explain)]
    return MonthState(
        year=year, month=month, calendar=month_calendar(settings, year, month), roster=roster,
        assignments=assignments, persons={p.id: p for p in services.persons.list()},
        templates=services.settings.shift_templates(), territories=services.settings.territories(),
        required=required, covered=dict(covered), gaps=gaps,
        violations=check_month(services, year, month, assignments),
        loads=person_loads(mp.problem, [_solver_assignment(a) for a in assignments
                                        if str(a.person_id) in mp.persons]),
        problem=mp,
    )


def current_solution(assignments: list[Assignment]) -> sas.SasSolution:
    """The stored roster as a solver solution (for ranking candidates and re-solving)."""
    return sas.SasSolution("feasible", [_solver_assignment(a) for a in assignments])


def solver_shift(a: Assignment) -> str:
    """The solver's name of an assignment's shift (on-call duties share one name)."""
    return _solver_assignment(a).template


def apply_replacement(services, mp: MonthProblem, stored: list[Assignment], person_id: int,
                      result, actor: str | None = None) -> list[Assignment]:
    """Store a cancellation's re-solve (`solver.sas.replace.replace` result): the cancelled
    assignment goes even when it was pinned, the re-solved rest becomes the draft."""
    cancelled = {(a.day, a.template, a.territory) for a in result.cancelled}
    for a in stored:
        sa = _solver_assignment(a)
        if a.person_id == person_id and a.pinned and (sa.day, sa.template, sa.territory) in cancelled:
            services.rosters.remove(a.id, actor=actor)
    if not result.solution.has_roster:
        return services.rosters.assignments(mp.year, mp.month)
    return apply_solution(services, mp, result.solution, actor=actor)


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
