"""Unavailability: a person cannot work on a given day (or only some shifts of it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .base import opt_tuple

if TYPE_CHECKING:
    from .model import RosterModel

NAME = "Indisponibilité"


@dataclass
class Unavailable:
    """``person`` may not work ``shifts`` (all by default) on ``day``. Always hard;
    a wish to be off is a :class:`~solver.core.requests.Request`."""

    person: str
    day: int
    shifts: tuple[str, ...] | None = None
    name: str | None = None

    def __post_init__(self) -> None:
        self.shifts = opt_tuple(self.shifts)


def add(rm: RosterModel) -> None:
    for u in rm.problem.unavailable:
        xs = rm.shift_vars(u.person, u.day, u.shifts)
        if not xs:
            continue
        what = "aucun poste" if u.shifts is None else "pas de " + "/".join(u.shifts)
        enforce = rm.hard("unavailable", u.name or NAME, rm.who(u.person), (u.day,),
                          f"{what} le {rm.problem.day_label(u.day)}")
        for v in xs:
            rm.clause([v.Not()], enforce)
