"""Pins: fixed assignments that the solver must keep (hard)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import RosterModel

NAME = "Affectation imposée"


@dataclass
class Pin:
    """``person`` works ``shift`` on ``day``; ``shift=None`` pins the day off."""

    person: str
    day: int
    shift: str | None = None
    name: str | None = None


def add(rm: RosterModel) -> None:
    for pin in rm.problem.pins:
        subject = rm.who(pin.person)
        label = rm.problem.day_label(pin.day)
        if pin.shift is None:
            enforce = rm.hard("pins", pin.name or NAME, subject, (pin.day,),
                              f"repos le {label}")
            for v in rm.shift_vars(pin.person, pin.day):
                rm.clause([v.Not()], enforce)
        else:
            enforce = rm.hard("pins", pin.name or NAME, subject, (pin.day,),
                              f"{pin.shift} le {label}")
            rm.clause([rm.x.get((pin.person, pin.day, pin.shift), False)], enforce)
