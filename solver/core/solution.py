"""What a solve returns: the roster, its cost, the broken soft rules, or the clash of
hard rules that made it impossible. Plain data, JSON round-trip."""

from __future__ import annotations

from typing import Any

import json
from dataclasses import dataclass, field

from .base import build, plain
from .stability import Assignment

OPTIMAL = "optimal"        # proven best
FEASIBLE = "feasible"      # a roster, not proven best (time limit or cancel)
INFEASIBLE = "infeasible"  # hard rules cannot all hold: see ``conflicts``
UNKNOWN = "unknown"        # stopped before any roster was found
INVALID = "model_invalid"  # a bug: the model was rejected by CP-SAT


@dataclass
class Violation:
    """One broken soft rule: ``amount`` units of violation costing ``cost``."""

    rule: str
    name: str
    subject: str
    day: int | None
    amount: int
    cost: int

    def text(self, day_label: str = "") -> str:
        when = f", {day_label}" if day_label else (f", jour {self.day}" if self.day is not None else "")
        return f"{self.name} — {self.subject}{when} : {self.amount} (coût {self.cost})"


@dataclass
class Conflict:
    """One hard rule instance of a minimal clashing set."""

    rule: str
    name: str
    subject: str
    days: tuple[int, ...] = ()
    detail: str = ""

    def __post_init__(self) -> None:
        self.days = tuple(self.days)

    def text(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.name} — {self.subject}{detail}"


@dataclass
class Progress:
    """Sent to the progress callback at each improving roster and bound change."""

    objective: int | None
    bound: float | None
    elapsed: float
    phase: str


@dataclass
class Solution:
    status: str
    objective: int | None = None
    bound: float | None = None
    wall_time: float = 0.0
    cancelled: bool = False
    assignments: list[Assignment] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    message: str = ""

    @property
    def has_roster(self) -> bool:
        return self.status in (OPTIMAL, FEASIBLE)

    def table(self) -> dict[str, dict[str, list[str]]]:
        """``{person: {str(day): [shift, ...]}}`` for the days worked."""
        out: dict[str, dict[str, list[str]]] = {}
        for a in sorted(self.assignments, key=lambda a: (a.person, a.day, a.shift)):
            out.setdefault(a.person, {}).setdefault(str(a.day), []).append(a.shift)
        return out

    def explanation(self) -> str:
        """French text: the clash of hard rules, or the broken soft rules."""
        if self.conflicts:
            lines = ["Les règles impératives suivantes ne peuvent pas être toutes respectées :"]
            lines += [f"  - {c.text()}" for c in self.conflicts]
            return "\n".join(lines)
        return "\n".join(v.text() for v in self.violations)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = plain(self)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Solution:
        data = dict(data)
        return cls(
            assignments=[build(Assignment, a) for a in data.pop("assignments", [])],
            violations=[build(Violation, v) for v in data.pop("violations", [])],
            conflicts=[build(Conflict, c) for c in data.pop("conflicts", [])],
            **data,
        )

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_json(cls, text: str) -> Solution:
        return cls.from_dict(json.loads(text))
