"""Requests (desiderata): a person asks to work, or not to work, a shift or a day."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import RosterModel

ON = "Demande de poste"
OFF = "Demande de repos"


@dataclass
class Request:
    """``on=True``: ``weight`` is paid if ``person`` does not work ``shift`` on ``day``
    (any shift if ``shift`` is ``None``). ``on=False``: paid if they do."""

    person: str
    day: int
    shift: str | None = None
    on: bool = True
    weight: int = 1
    name: str | None = None


def add(rm: RosterModel) -> None:
    for r in rm.problem.requests:
        if r.shift is None:
            lit = rm.works(r.person, r.day)
        else:
            lit = rm.x.get((r.person, r.day, r.shift), False)
        name = r.name or (ON if r.on else OFF)
        rule = "requests.on" if r.on else "requests.off"
        subject = rm.who(r.person)
        if lit is False:
            # The request can never be met: a constant cost, still reported.
            if r.on:
                rm.penalize(1, r.weight, rule, name, subject, r.day)
            continue
        cells = tuple(k for s in rm.shift_ids if (k := (r.person, r.day, s)) in rm.x)
        rm.penalize(lit.Not() if r.on else lit, r.weight, rule, name, subject, r.day, cells)
