"""What a SAS solve returns (plain dataclasses, JSON round-trip): the roster, every
uncovered hour and on-call day with its French explanation, the named costs, or the
named clash of hard rules, plus the figures of the solve."""

from __future__ import annotations

from typing import Any

import json
from dataclasses import dataclass, field

from ..core.solution import FEASIBLE, INFEASIBLE, OPTIMAL, UNKNOWN
from .records import ROLE_FR, Assignment, Record
from .timeutil import date_fr, range_fr

__all__ = ["OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN", "Excuse", "Uncovered",
           "Cost", "Clash", "Phase", "Rejected", "RoleCoverage", "SasSolution",
           "grouped_explanations"]


@dataclass
class Excuse(Record):
    """Why ``person`` did not take an uncovered slot (French ``reasons``). ``free``:
    nothing prevented it (only possible when the roster is not proven optimal)."""

    person: str
    name: str
    reasons: tuple[str, ...] = ()
    free: bool = False

    def __post_init__(self) -> None:
        self.reasons = tuple(self.reasons)

    def text(self) -> str:
        if self.free:
            return f"{self.name} : rien ne l'empêchait (planning non prouvé optimal)"
        return f"{self.name} : {' ; '.join(self.reasons)}"


@dataclass
class Uncovered(Record):
    """A missing person: ``role`` at ``hour`` of ``day`` (regulators, OSNP), or an
    on-call effector of ``territory`` (``hour`` is None)."""

    role: str
    day: str
    hour: int | None
    required: int
    missing: int
    priority: int = 1
    territory: str | None = None
    excuses: list[Excuse] = field(default_factory=list)
    explanation: str = ""

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["excuses"] = [e.to_dict() for e in self.excuses]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Uncovered:
        data = dict(data)
        excuses = [Excuse.from_dict(e) for e in data.pop("excuses", [])]
        return cls(**data, excuses=excuses)

    def title(self) -> str:
        if self.hour is None:
            what = f"astreinte effecteur du territoire {self.territory}"
        else:
            what = f"{ROLE_FR[self.role]} {range_fr(self.hour * 60, self.hour * 60 + 60)}"
        return (f"{date_fr(self.day)}, {what} : il manque {self.missing} personne(s) "
                f"sur {self.required}")


@dataclass
class Cost(Record):
    """A named soft-goal term the roster pays (a bonus if ``cost`` < 0)."""

    rule: str
    name: str
    subject: str
    day: str | None
    amount: int
    cost: int

    def text(self) -> str:
        when = f", {date_fr(self.day)}" if self.day else ""
        return f"{self.name} — {self.subject}{when} : {self.amount} (coût {self.cost})"


@dataclass
class Clash(Record):
    """One hard rule instance of a minimal clashing set."""

    rule: str
    name: str
    subject: str
    days: tuple[str, ...] = ()
    detail: str = ""

    def __post_init__(self) -> None:
        self.days = tuple(self.days)

    def text(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.name} — {self.subject}{detail}"


@dataclass
class RoleCoverage(Record):
    """Demand of one role against what the roster covers: person-hours for regulators
    and OSNP, on-call duties for effectors."""

    role: str
    required: int
    missing: int

    @property
    def covered(self) -> int:
        return self.required - self.missing

    @property
    def percent(self) -> float:
        return 100.0 if not self.required else 100.0 * self.covered / self.required

    def text(self) -> str:
        unit = "astreinte(s)" if self.role == "effector" else "h-personne"
        return (f"{ROLE_FR[self.role]} : {self.percent:.1f} % "
                f"({self.missing} {unit} manquante(s) sur {self.required})")


@dataclass
class Rejected(Record):
    """A fixed line set aside before the solve because a hard rule forbids it:
    ``source`` is ``"pins"`` or ``"cpts_rota"``, ``index`` its place in that list
    (0-based), ``text`` the French data error naming the line."""

    source: str
    index: int
    person: str
    day: str
    template: str
    rule: str
    text: str


@dataclass
class Phase(Record):
    """One level of the lexicographic solve: ``coverage`` then ``quality``."""

    name: str
    status: str
    objective: int | None = None
    bound: float | None = None
    seconds: float = 0.0

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.bound)


def grouped_explanations(uncovered: list[Uncovered]) -> list[str]:
    """One paragraph per run of consecutive hours with the same shortfall and the same
    excuses ("régulation 14h–16h" rather than two identical paragraphs)."""
    out: list[str] = []
    run: list[Uncovered] = []

    def flush() -> None:
        if not run:
            return
        first, last = run[0], run[-1]
        if len(run) == 1:
            out.append(first.explanation)
            return
        assert first.hour is not None and last.hour is not None  # runs are of hours
        span = range_fr(first.hour * 60, last.hour * 60 + 60)
        one = range_fr(first.hour * 60, first.hour * 60 + 60)
        out.append(first.explanation.replace(one, span, 1))

    for u in uncovered:
        prev = run[-1] if run else None
        if prev is not None and u.hour is not None and prev.hour is not None \
                and (u.role, u.day, u.missing, u.required, u.excuses) == \
                (prev.role, prev.day, prev.missing, prev.required, prev.excuses) \
                and u.hour == prev.hour + 1:
            run.append(u)
            continue
        flush()
        run = [u]
    flush()
    return out


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    """|objective − bound| / max(1, |objective|), as CP-SAT reports it."""
    if objective is None or bound is None:
        return None
    return float(abs(objective - bound) / max(1.0, abs(objective)))


@dataclass
class SasSolution:
    status: str
    assignments: list[Assignment] = field(default_factory=list)
    uncovered: list[Uncovered] = field(default_factory=list)
    costs: list[Cost] = field(default_factory=list)
    conflicts: list[Clash] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    objective: int | None = None
    bound: float | None = None
    cancelled: bool = False
    build_seconds: float = 0.0
    solve_seconds: float = 0.0
    stats: dict[str, int] = field(default_factory=dict)
    message: str = ""
    coverage: list[RoleCoverage] = field(default_factory=list)
    """Demand against coverage per role (regulators, OSNP, effectors' on-call)."""
    rejected: list[Rejected] = field(default_factory=list)
    """Pins and CPTS rota lines set aside as data errors; the rest was solved."""

    @property
    def has_roster(self) -> bool:
        return self.status in (OPTIMAL, FEASIBLE)

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.bound)

    @property
    def uncovered_hours(self) -> int:
        """Missing person-hours (regulators and OSNP)."""
        return sum(u.missing for u in self.uncovered if u.hour is not None)

    @property
    def uncovered_oncall(self) -> int:
        return sum(u.missing for u in self.uncovered if u.hour is None)

    def of(self, person: str) -> list[Assignment]:
        return [a for a in self.assignments if a.person == person]

    def explanation(self) -> str:
        """French text: the clash of hard rules, or every uncovered hour explained."""
        if self.conflicts:
            lines = ["Les règles impératives suivantes ne peuvent pas être toutes respectées :"]
            lines += [f"  - {c.text()}" for c in self.conflicts]
            return "\n".join(lines)
        if not self.uncovered:
            return self.message
        return "\n\n".join(grouped_explanations(self.uncovered))

    # -- JSON ----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "assignments": [a.to_dict() for a in self.assignments],
            "uncovered": [u.to_dict() for u in self.uncovered],
            "costs": [c.to_dict() for c in self.costs],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "phases": [p.to_dict() for p in self.phases],
            "objective": self.objective, "bound": self.bound, "cancelled": self.cancelled,
            "build_seconds": self.build_seconds, "solve_seconds": self.solve_seconds,
            "stats": dict(self.stats), "message": self.message,
            "coverage": [c.to_dict() for c in self.coverage],
            "rejected": [r.to_dict() for r in self.rejected],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SasSolution:
        data = dict(data)
        return cls(
            assignments=[Assignment.from_dict(a) for a in data.pop("assignments", [])],
            uncovered=[Uncovered.from_dict(u) for u in data.pop("uncovered", [])],
            costs=[Cost.from_dict(c) for c in data.pop("costs", [])],
            conflicts=[Clash.from_dict(c) for c in data.pop("conflicts", [])],
            phases=[Phase.from_dict(p) for p in data.pop("phases", [])],
            coverage=[RoleCoverage.from_dict(c) for c in data.pop("coverage", [])],
            rejected=[Rejected.from_dict(r) for r in data.pop("rejected", [])],
            **data,
        )

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_json(cls, text: str) -> SasSolution:
        return cls.from_dict(json.loads(text))
