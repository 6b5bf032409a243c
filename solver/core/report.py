"""Reading a solution vector back: the roster and the named soft-rule violations."""

from __future__ import annotations

from typing import Any, Iterable

from .model import Penalty, RosterModel
from .solution import Violation
from .stability import Assignment


def value_of(expr: Any, values: list[int]) -> int:
    """Value of a penalty expression (constant, variable or negated literal)."""
    if isinstance(expr, int):
        return expr
    index: int
    index = expr.index
    return values[index] if index >= 0 else 1 - values[-index - 1]


def roster_of(rm: RosterModel, values: list[int]) -> list[Assignment]:
    return [Assignment(p, d, s) for (p, d, s), v in rm.x.items() if values[v.index]]


def violations_of(rm: RosterModel, values: list[int]) -> list[Violation]:
    """Every penalty term with a non-zero value, most expensive first."""
    out = []
    for pen in rm.penalties:
        amount = value_of(pen.expr, values)
        if amount:
            out.append(Violation(pen.rule, pen.name, pen.subject, pen.day, amount,
                                 amount * pen.coef))
    out.sort(key=lambda v: (-v.cost, v.day if v.day is not None else -1, v.subject))
    return out


def objective_of_terms(penalties: Iterable[Penalty], values: list[int]) -> int:
    return sum(pen.coef * value_of(pen.expr, values) for pen in penalties)


def objective_of(rm: RosterModel, values: list[int]) -> int:
    return objective_of_terms(rm.penalties, values)
