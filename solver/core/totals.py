"""Totals per person over a window of days: number of shifts, minutes, or days worked."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .base import opt_tuple

if TYPE_CHECKING:
    from .model import RosterModel

UNITS = ("shifts", "minutes", "days")
NAMES = {
    "shifts": ("Nombre minimal de postes", "Nombre maximal de postes"),
    "minutes": ("Durée de travail minimale", "Durée de travail maximale"),
    "days": ("Nombre minimal de jours travaillés", "Nombre maximal de jours travaillés"),
}
UNIT_TXT = {"shifts": "poste(s)", "minutes": "minute(s)", "days": "jour(s) travaillé(s)"}


@dataclass
class TotalLimit:
    """Each person of ``people`` works between ``minimum`` and ``maximum`` ``unit``s of
    ``shifts`` (all by default) over ``days`` (whole horizon by default).

    Soft (``weight`` set): the cost is ``weight`` per unit (per shift, minute or day)
    outside the range.
    """

    minimum: int | None = None
    maximum: int | None = None
    unit: str = "shifts"
    shifts: tuple[str, ...] | None = None
    days: tuple[int, ...] | None = None
    people: tuple[str, ...] | None = None
    weight: int | None = None
    name: str | None = None

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"Unité inconnue « {self.unit} » (attendu : {', '.join(UNITS)})")
        self.shifts = opt_tuple(self.shifts)
        self.days = opt_tuple(self.days)
        self.people = opt_tuple(self.people)


def add(rm: RosterModel) -> None:
    problem = rm.problem
    minutes = {s.id: s.minutes for s in problem.shifts}
    for t in problem.totals:
        days = list(t.days) if t.days is not None else list(rm.days)
        shift_ids = list(t.shifts) if t.shifts is not None else rm.shift_ids
        low_name, high_name = (t.name, t.name) if t.name else NAMES[t.unit]
        for p in rm.people_of(t.people):
            if t.unit == "days":
                terms = [(1, lit) for d in days if (lit := rm.works(p, d, t.shifts)) is not False]
            else:
                terms = [(minutes[s] if t.unit == "minutes" else 1, rm.x[k])
                         for d in days for s in shift_ids if (k := (p, d, s)) in rm.x]
            expr = sum(c * v for c, v in terms)
            top = sum(c for c, _ in terms)
            subject = rm.who(p)
            if t.weight is None:
                span = days[:1] + days[-1:]
                low = high = []
                if t.minimum is not None:
                    low = rm.hard("totals.min", low_name, subject, span,
                                  f"au moins {t.minimum} {UNIT_TXT[t.unit]}")
                    rm.linear(expr >= t.minimum, low)
                if t.maximum is not None and t.maximum < top:
                    high = rm.hard("totals.max", high_name, subject, span,
                                   f"au plus {t.maximum} {UNIT_TXT[t.unit]}")
                    rm.linear(expr <= t.maximum, high)
                if t.unit == "minutes":
                    _count_bounds(rm, t, terms, low, high)
            else:
                rm.soft_range(expr, top, t.minimum, t.maximum, t.weight, "totals",
                              (low_name, high_name), subject, days[0] if days else None)


def _count_bounds(rm: RosterModel, t: TotalLimit, terms: list[tuple[int, Any]],
                  low: list[Any], high: list[Any]) -> None:
    """Redundant bounds on the *number* of shifts implied by a minutes range.

    A minutes range is a knapsack constraint; the implied cardinality bounds are
    cheap, propagate earlier, and tighten the LP relaxation when lengths are equal.
    """
    lengths = [c for c, _ in terms if c > 0]
    if not lengths:
        return
    count = sum(v for c, v in terms if c > 0)
    if t.maximum is not None:
        rm.linear(count <= t.maximum // min(lengths), high)
    if t.minimum is not None and t.minimum > 0:
        rm.linear(count >= math.ceil(t.minimum / max(lengths)), low)
