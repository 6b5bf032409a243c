"""Coverage: how many people work a set of (day, shift) slots.

A requirement counts every assignment of ``people`` (everyone by default) to any of its
``slots``. Using a *set* of slots lets a caller express "the hour 10–11 on day d" as all
the shifts of day d that contain that hour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .base import opt_tuple

if TYPE_CHECKING:
    from .model import RosterModel

UNDER = "Couverture du besoin"
OVER = "Sureffectif"


@dataclass
class Cover:
    """``required`` people on ``slots``.

    ``under_weight``: cost per missing person, ``None`` = hard minimum.
    ``over_weight``: cost per extra person, ``None`` = hard maximum, ``0`` = free.
    """

    slots: tuple[tuple[int, str], ...]
    required: int
    under_weight: int | None = None
    over_weight: int | None = 0
    people: tuple[str, ...] | None = None
    label: str = ""
    name: str | None = None

    def __post_init__(self) -> None:
        self.slots = tuple((int(d), str(s)) for d, s in self.slots)
        self.people = opt_tuple(self.people)

    @property
    def day(self) -> int | None:
        return min((d for d, _ in self.slots), default=None)


def subject_of(rm: RosterModel, c: Cover) -> str:
    if c.label:
        return c.label
    shifts = sorted({s for _, s in c.slots})
    days = sorted({d for d, _ in c.slots})
    day_txt = rm.problem.day_label(days[0]) if len(days) == 1 else f"jours {days[0]}–{days[-1]}"
    return f"poste {'/'.join(shifts)}, {day_txt}"


def add(rm: RosterModel) -> None:
    for c in rm.problem.coverage:
        keys = tuple(k for p in rm.people_of(c.people) for d, s in c.slots
                     if (k := (p, d, s)) in rm.x)
        terms = [rm.x[k] for k in keys]
        count = sum(terms)
        subject = subject_of(rm, c)
        day = c.day
        under_name = c.name or UNDER
        over_name = c.name or OVER
        if c.under_weight is None:
            enforce = rm.hard("coverage.min", under_name, subject, (day,) if day is not None else (),
                              f"au moins {c.required} personne(s)")
            rm.linear(count >= c.required, enforce)
        elif c.required > 0:
            under = rm.model.new_int_var(0, c.required, f"under|coverage|{subject}")
            rm.model.add(count + under >= c.required)
            rm.penalize(under, c.under_weight, "coverage.under", under_name, subject, day,
                        keys)
        if c.over_weight is None:
            enforce = rm.hard("coverage.max", over_name, subject, (day,) if day is not None else (),
                              f"au plus {c.required} personne(s)")
            rm.linear(count <= c.required, enforce)
        elif c.over_weight > 0 and len(terms) > c.required:
            over = rm.model.new_int_var(0, len(terms) - c.required, f"over|coverage|{subject}")
            rm.model.add(count - over <= c.required)
            rm.penalize(over, c.over_weight, "coverage.over", over_name, subject, day, keys)
