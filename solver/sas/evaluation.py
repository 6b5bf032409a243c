"""A roster evaluated against its problem, without solving: what stays uncovered, explained.

The public entry point for callers that hold a roster (stored, edited by hand, re-solved)
and need its gaps in the engine's own terms — instead of reaching into the model's context
and state.
"""

from __future__ import annotations

from collections.abc import Iterable

from .context import Context
from .explain import uncovered_of
from .problem import SasProblem
from .records import Assignment
from .solution import Uncovered
from .state import RosterState


def roster_keys(ctx: Context, assignments: Iterable[Assignment]) -> list[tuple[str, int, str]]:
    """Assignments as the model's (person, day index, slot) keys; those the problem cannot
    place (a person no longer in it, a day without continuity, a slot that no longer
    exists) are left out."""
    keys = []
    for a in assignments:
        d = ctx.index.get(a.day)
        if d is None or d not in ctx.cday or a.person not in ctx.people:
            continue
        try:
            keys.append((a.person, d, ctx.slot_of(a.template, a.remote, d)))
        except KeyError:
            continue
    return keys


def evaluate_uncovered(problem: SasProblem, assignments: Iterable[Assignment],
                       explain: bool = True) -> list[Uncovered]:
    """Every hour (and on-call duty) `assignments` leave uncovered, with its French
    explanation when `explain`."""
    ctx = Context(problem)
    return list(uncovered_of(ctx, RosterState(ctx, roster_keys(ctx, assignments)), explain=explain))
