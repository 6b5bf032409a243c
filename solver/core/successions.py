"""Successions and rest: which shift may follow which, from one day to the next.

``ForbiddenSuccession`` names a pair explicitly (shift ``first`` on day d, then
``second`` on day d + ``gap``). ``MinimumRest`` derives the forbidden pairs from the
shift times: any pair leaving less than ``minutes`` between the end of one and the
start of the next on a following day.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from .base import opt_tuple

if TYPE_CHECKING:
    from .model import RosterModel
    from .problem import Problem

SUCCESSION = "Enchaînement interdit"
REST = "Repos entre deux postes"
DAY = 24 * 60


@dataclass
class ForbiddenSuccession:
    """``first`` on day d and ``second`` on day d + ``gap`` is forbidden (soft: ``weight``
    per occurrence)."""

    first: str
    second: str
    gap: int = 1
    people: tuple[str, ...] | None = None
    weight: int | None = None
    name: str | None = None

    def __post_init__(self) -> None:
        self.people = opt_tuple(self.people)


@dataclass
class MinimumRest:
    """At least ``minutes`` between the end of a shift and the start of any shift on a
    later day (needs ``start``/``end`` on the shift types; soft: ``weight`` per
    occurrence)."""

    minutes: int
    people: tuple[str, ...] | None = None
    weight: int | None = None
    name: str | None = None

    def __post_init__(self) -> None:
        self.people = opt_tuple(self.people)


def rest_pairs(problem: Problem, minutes: int) -> list[tuple[str, str, int]]:
    """(first, second, gap) triples that leave less than ``minutes`` of rest."""
    pairs = []
    timed = [(s.id, s.start, s.end) for s in problem.shifts
             if s.start is not None and s.end is not None]
    longest = max((end for _, _, end in timed), default=0)
    max_gap = 1 + max(0, (longest + minutes) // DAY)
    for a, _, a_end in timed:
        for b, b_start, _ in timed:
            for gap in range(1, max_gap + 1):
                if gap * DAY + b_start - a_end < minutes:
                    pairs.append((a, b, gap))
    return pairs


def add(rm: RosterModel) -> None:
    problem = rm.problem
    for f in problem.successions:
        _pairs(rm, [(f.first, f.second, f.gap)], f.people, f.weight,
               f.name or SUCCESSION, "successions",
               f"pas de {f.second} {f.gap} jour(s) après {f.first}")
    for r in problem.rests:
        _pairs(rm, rest_pairs(problem, r.minutes), r.people, r.weight, r.name or REST,
               "rests", f"au moins {r.minutes // 60} h {r.minutes % 60:02d} de repos")


def _pairs(rm: RosterModel, pairs: list[tuple[str, str, int]], people: Iterable[str] | None,
           weight: int | None, name: str, rule: str, detail: str) -> None:
    if not pairs:
        return
    for p in rm.people_of(people):
        subject = rm.who(p)
        enforce = rm.hard(rule, name, subject, (), detail) if weight is None else []
        for a, b, gap in pairs:
            for d in range(rm.problem.days - gap):
                first, second = rm.x.get((p, d, a)), rm.x.get((p, d + gap, b))
                if first is None or second is None:
                    continue
                if weight is None:
                    rm.clause([first.Not(), second.Not()], enforce)
                else:
                    v = rm.model.new_bool_var(f"succ|{p}|{d}|{a}|{b}")
                    rm.clause([first.Not(), second.Not(), v])
                    rm.penalize(v, weight, rule, name, subject, d + gap)
