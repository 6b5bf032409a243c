"""Tiny problems solved with one worker and short limits: the whole folder stays fast."""

from __future__ import annotations

import pytest

from solver.core import Person, Problem, ShiftType, SolveOptions, solve


def tiny(days: int = 3, people=("A", "B"), shifts=("D",), **rules) -> Problem:
    return Problem(days=days, shifts=[ShiftType(s, minutes=480) for s in shifts],
                   people=[Person(p) for p in people], **rules)


def quick(problem: Problem, **options):
    options.setdefault("time_limit", 10.0)
    options.setdefault("num_workers", 1)
    return solve(problem, SolveOptions(**options))


def costs(solution) -> dict[str, int]:
    """Total cost per rule id."""
    out: dict[str, int] = {}
    for v in solution.violations:
        out[v.rule] = out.get(v.rule, 0) + v.cost
    return out


@pytest.fixture
def make():
    return tiny
