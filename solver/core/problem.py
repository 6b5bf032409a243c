"""The core rostering problem: people × days × shift types, plus lists of rules.

Everything here is plain data that round-trips through JSON. Days are integer indexes
``0 .. days-1``; ``first_weekday`` (0 = Monday) anchors weekends. Each rule family lives
in its own module (``coverage``, ``totals``, ``sequences``, ``weekends``,
``successions``, ``availability``, ``requests``, ``pins``, ``stability``) which holds both
the rule dataclass and the function that adds it to the CP-SAT model.

Convention shared by all rules: ``people=None`` means "everyone", ``weight=None`` means
hard (never broken), an integer weight makes the rule soft with that cost per unit of
violation, ``name`` overrides the French name used in reports.
"""

from __future__ import annotations

from typing import Any

import json
from dataclasses import dataclass, field

from .availability import Unavailable
from .base import build, opt_tuple, plain
from .coverage import Cover
from .pins import Pin
from .requests import Request
from .sequences import RunLimit
from .stability import Assignment
from .successions import ForbiddenSuccession, MinimumRest
from .totals import TotalLimit
from .weekends import WeekendLimit


@dataclass
class ShiftType:
    """A shift template. ``start``/``end`` are minutes from the day's midnight (``end`` may
    exceed 1440 for a night shift); they are only needed for rest and overlap rules."""

    id: str
    minutes: int = 0
    start: int | None = None
    end: int | None = None
    label: str = ""

    def overlaps(self, other: ShiftType) -> bool:
        if self.start is None or self.end is None or other.start is None or other.end is None:
            return False
        return self.start < other.end and other.start < self.end


@dataclass
class Person:
    """Someone who can be rostered; ``shifts`` limits the templates they may work
    (``None``: all). No variable is created for a template a person may not work."""

    id: str
    name: str = ""
    shifts: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        self.shifts = opt_tuple(self.shifts)


# Rule lists of a Problem and their dataclass, in build order.
RULE_LISTS: dict[str, type] = {
    "coverage": Cover,
    "totals": TotalLimit,
    "runs": RunLimit,
    "weekends": WeekendLimit,
    "successions": ForbiddenSuccession,
    "rests": MinimumRest,
    "unavailable": Unavailable,
    "requests": Request,
    "pins": Pin,
}


@dataclass
class Problem:
    days: int
    shifts: list[ShiftType]
    people: list[Person]
    first_weekday: int = 0
    day_labels: list[str] | None = None
    max_shifts_per_day: int = 1
    coverage: list[Cover] = field(default_factory=list)
    totals: list[TotalLimit] = field(default_factory=list)
    runs: list[RunLimit] = field(default_factory=list)
    weekends: list[WeekendLimit] = field(default_factory=list)
    successions: list[ForbiddenSuccession] = field(default_factory=list)
    rests: list[MinimumRest] = field(default_factory=list)
    unavailable: list[Unavailable] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    pins: list[Pin] = field(default_factory=list)
    # Minimal perturbation: each assignment added to or removed from ``reference``
    # costs ``change_weight`` (0 = the reference is ignored).
    reference: list[Assignment] = field(default_factory=list)
    change_weight: int = 0

    # -- helpers ---------------------------------------------------------------
    def shift(self, shift_id: str) -> ShiftType:
        for s in self.shifts:
            if s.id == shift_id:
                return s
        raise KeyError(shift_id)

    def weekday(self, day: int) -> int:
        """0 = Monday … 6 = Sunday."""
        return (self.first_weekday + day) % 7

    def day_label(self, day: int | None) -> str:
        if day is None:
            return ""
        if self.day_labels and 0 <= day < len(self.day_labels):
            return self.day_labels[day]
        return f"jour {day}"

    def validate(self) -> None:
        """Raise ``ValueError`` (French message) on references to unknown ids or days."""
        shift_ids = {s.id for s in self.shifts}
        person_ids = {p.id for p in self.people}
        if len(shift_ids) != len(self.shifts) or len(person_ids) != len(self.people):
            raise ValueError("Identifiants de postes ou de personnes en double")
        if self.days <= 0:
            raise ValueError("L'horizon doit compter au moins un jour")
        for p in self.people:
            for s in p.shifts or ():
                if s not in shift_ids:
                    raise ValueError(f"{p.id} : poste inconnu « {s} »")
        for key in RULE_LISTS:
            for i, rule in enumerate(getattr(self, key)):
                for pid in _people_refs(rule):
                    if pid not in person_ids:
                        raise ValueError(f"{key}[{i}] : personne inconnue « {pid} »")
                for sid in _shift_refs(rule):
                    if sid not in shift_ids:
                        raise ValueError(f"{key}[{i}] : poste inconnu « {sid} »")
                for d in _day_refs(rule):
                    if not 0 <= d < self.days:
                        raise ValueError(f"{key}[{i}] : jour {d} hors de l'horizon")

    # -- JSON ------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = plain(self)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Problem:
        data = dict(data)
        kwargs = {
            "shifts": [build(ShiftType, s) for s in data.pop("shifts")],
            "people": [build(Person, p) for p in data.pop("people")],
            "reference": [build(Assignment, a) for a in data.pop("reference", [])],
        }
        for key, rule_cls in RULE_LISTS.items():
            kwargs[key] = [build(rule_cls, r) for r in data.pop(key, [])]
        built: Problem = cls(**data, **kwargs)  # type: ignore[arg-type]
        return built

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_json(cls, text: str) -> Problem:
        return cls.from_dict(json.loads(text))


def _people_refs(rule: Any) -> tuple[str, ...]:
    if hasattr(rule, "person"):
        return (rule.person,)
    return tuple(getattr(rule, "people", None) or ())


def _shift_refs(rule: Any) -> tuple[str, ...]:
    refs: list[str] = []
    for name in ("shift", "first", "second"):
        v = getattr(rule, name, None)
        if isinstance(v, str):
            refs.append(v)
    refs.extend(getattr(rule, "shifts", None) or ())
    refs.extend(s for _, s in getattr(rule, "slots", None) or ())
    return tuple(refs)


def _day_refs(rule: Any) -> tuple[int, ...]:
    refs: list[int] = []
    if isinstance(getattr(rule, "day", None), int):
        refs.append(rule.day)
    refs.extend(getattr(rule, "days", None) or ())
    refs.extend(d for d, _ in getattr(rule, "slots", None) or ())
    return tuple(refs)
