"""A Curtois & Qu instance expressed in the general core — no model of its own.

Rule by rule (README of the data set): one shift a day is the core's default; the
successions, per-type maxima, minutes range, run lengths (minimum ones with open edges),
weekends (Saturday/Sunday, day 0 is a Monday) and days off are hard; requests and
cover are the soft objective.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from solver.core import (Cover, ForbiddenSuccession, Person, Problem, Request, RunLimit,
                         SolveOptions,
                         ShiftType, TotalLimit, Unavailable, WeekendLimit)

from .instance import Instance

if TYPE_CHECKING:
    from solver.core import Assignment


def to_problem(inst: Instance) -> Problem:
    problem = Problem(
        days=inst.horizon,
        shifts=[ShiftType(s.id, minutes=s.minutes) for s in inst.shifts],
        people=[],
        first_weekday=0,
    )
    for e in inst.staff:
        # A type whose maximum is 0 gets no variable at all: smaller model, same rule.
        allowed = tuple(s.id for s in inst.shifts if e.max_shifts.get(s.id, inst.horizon) > 0)
        problem.people.append(Person(e.id, shifts=allowed))
        who = (e.id,)
        for sid, maximum in e.max_shifts.items():
            if 0 < maximum < inst.horizon:
                problem.totals.append(TotalLimit(maximum=maximum, unit="shifts",
                                                 shifts=(sid,), people=who))
        problem.totals.append(TotalLimit(minimum=e.min_minutes, maximum=e.max_minutes,
                                         unit="minutes", people=who))
        problem.runs.append(RunLimit("work", minimum=e.min_consecutive,
                                     maximum=e.max_consecutive, people=who))
        problem.runs.append(RunLimit("off", minimum=e.min_consecutive_off, people=who))
        problem.weekends.append(WeekendLimit(maximum=e.max_weekends, people=who))
        for d in inst.days_off.get(e.id, ()):
            problem.unavailable.append(Unavailable(e.id, d))
    for s in inst.shifts:
        for nxt in s.cannot_follow:
            problem.successions.append(ForbiddenSuccession(s.id, nxt))
    for r in inst.on_requests:
        problem.requests.append(Request(r.employee, r.day, r.shift, on=True, weight=r.weight))
    for r in inst.off_requests:
        problem.requests.append(Request(r.employee, r.day, r.shift, on=False, weight=r.weight))
    for c in inst.cover:
        problem.coverage.append(Cover(((c.day, c.shift),), c.requirement,
                                      under_weight=c.under_weight,
                                      over_weight=c.over_weight))
    return problem


def roster_table(assignments: Iterable[Assignment]) -> dict[str, dict[str, str]]:
    """Core assignments → ``{"employee": {"day": "shift"}}`` (days as strings)."""
    out: dict[str, dict[str, str]] = {}
    for a in sorted(assignments, key=lambda a: (a.person, a.day)):
        out.setdefault(a.person, {})[str(a.day)] = a.shift
    return out


def solve_options(time_limit: float = 60.0, num_workers: int = 2,
                  random_seed: int = 0) -> SolveOptions:
    """The settings the benchmark uses: LNS, with uncovered demand (weight 100 against
    1–3 for requests) minimised first as the search's starting point."""
    return SolveOptions(time_limit=time_limit, num_workers=num_workers,
                        random_seed=random_seed, lns=True, priority=("coverage.under",))
