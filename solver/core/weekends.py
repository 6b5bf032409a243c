"""Working weekends: a weekend counts as worked if any of its days is worked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from .base import opt_tuple

if TYPE_CHECKING:
    from .model import RosterModel
    from .problem import Problem

NAMES = ("Week-ends travaillés (minimum)", "Week-ends travaillés (maximum)")


@dataclass
class WeekendLimit:
    """Between ``minimum`` and ``maximum`` worked weekends per person over the horizon.

    ``weekend_days`` are weekdays (0 = Monday … 6 = Sunday); the days of one weekend are
    those of one calendar week (Monday-based), so a weekend cut by the horizon's edge
    still counts. Soft: ``weight`` per weekend outside the range.
    """

    maximum: int | None = None
    minimum: int | None = None
    weekend_days: tuple[int, ...] = (5, 6)
    shifts: tuple[str, ...] | None = None
    people: tuple[str, ...] | None = None
    weight: int | None = None
    name: str | None = None

    def __post_init__(self) -> None:
        self.weekend_days = tuple(self.weekend_days)
        self.shifts = opt_tuple(self.shifts)
        self.people = opt_tuple(self.people)


def weekends_of(problem: Problem, weekend_days: Iterable[int]) -> list[list[int]]:
    """The horizon's weekends as lists of day indexes, in order."""
    groups: dict[int, list[int]] = {}
    for d in range(problem.days):
        if problem.weekday(d) in weekend_days:
            groups.setdefault((problem.first_weekday + d) // 7, []).append(d)
    return [groups[k] for k in sorted(groups)]


def add(rm: RosterModel) -> None:
    for w in rm.problem.weekends:
        weekends = weekends_of(rm.problem, set(w.weekend_days))
        if not weekends:
            continue
        for p in rm.people_of(w.people):
            worked = []
            for days in weekends:
                lits = [lit for d in days if (lit := rm.works(p, d, w.shifts)) is not False]
                if not lits:
                    continue
                if len(lits) == 1:
                    worked.append(lits[0])
                    continue
                we = rm.model.new_bool_var(f"weekend|{p}|{days[0]}")
                # we == OR(lits), exact both ways so that counts in reports are true
                # ones; written as linear inequalities so that the LP sees them.
                for lit in lits:
                    rm.model.add(we >= lit)
                rm.model.add(we <= sum(lits))
                worked.append(we)
            total = sum(worked)
            subject = rm.who(p)
            if w.weight is None:
                if w.minimum is not None:
                    enforce = rm.hard("weekends.min", w.name or NAMES[0], subject, (),
                                      f"au moins {w.minimum} week-end(s) travaillé(s)")
                    rm.linear(total >= w.minimum, enforce)
                if w.maximum is not None and w.maximum < len(worked):
                    enforce = rm.hard("weekends.max", w.name or NAMES[1], subject, (),
                                      f"au plus {w.maximum} week-end(s) travaillé(s)")
                    rm.linear(total <= w.maximum, enforce)
            else:
                names = (w.name, w.name) if w.name else NAMES
                rm.soft_range(total, len(worked), w.minimum, w.maximum, w.weight,
                              "weekends", names, subject, None)
