"""Minimal perturbation: a cost for each change against a reference roster.

Used when re-solving a published roster (someone cancels): the reference is the
published version, and every assignment added to or removed from it costs
``Problem.change_weight``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import RosterModel

NAME = "Modification du planning de référence"


@dataclass(frozen=True)
class Assignment:
    person: str
    day: int
    shift: str


def add(rm: RosterModel) -> None:
    weight = rm.problem.change_weight
    if not weight or not rm.problem.reference:
        return
    reference = {(a.person, a.day, a.shift) for a in rm.problem.reference}
    for key, v in rm.x.items():
        p, d, s = key
        if key in reference:
            rm.penalize(v.Not(), weight, "stability.removed", NAME, rm.who(p), d)
        else:
            rm.penalize(v, weight, "stability.added", NAME, rm.who(p), d)
    for p, d, s in reference - set(rm.x):
        # Impossible to keep (shift no longer allowed): counted, never hidden.
        rm.penalize(1, weight, "stability.removed", NAME, rm.who(p), d)
