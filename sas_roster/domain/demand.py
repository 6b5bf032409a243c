"""What is to be filled: shift templates, hourly demand curves, on-call effectors per territory."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum

from .enums import Role, TerritoryKind
from .settings import TimeRange


@dataclass(frozen=True)
class ShiftTemplate:
    """A shift a person of `role` can be given, e.g. regulators 8–12 on weekdays."""

    role: Role
    code: str
    label: str
    start: time
    end: time
    weekdays: frozenset[int] = frozenset(range(6))
    skill: str | None = None  # a skill the slot requires, if any
    id: int | None = None

    @property
    def range(self) -> TimeRange:
        return TimeRange(self.start, self.end)

    @property
    def minutes(self) -> int:
        return self.range.minutes


@dataclass(frozen=True)
class DemandCurve:
    """Required headcount per hour for one role: {weekday: {hour: count}}.

    Hours are the start hour of a one-hour block (8 means 8h–9h).
    """

    role: Role
    by_weekday: dict[int, dict[int, int]] = field(default_factory=dict)

    def required(self, weekday: int, hour: int) -> int:
        return self.by_weekday.get(weekday, {}).get(hour, 0)


@dataclass(frozen=True)
class DemandOverride:
    """A dated demand curve that replaces the base curve of its role (e.g. winter epidemic)."""

    label: str
    start: date
    end: date
    curve: DemandCurve
    id: int | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


def required_headcount(
    base: DemandCurve, overrides: tuple[DemandOverride, ...] | list[DemandOverride], day: date, hour: int
) -> int:
    """Headcount needed at `hour` on `day`: the latest-starting override that covers the day wins."""
    active = [o for o in overrides if o.curve.role is base.role and o.covers(day)]
    if active:
        return max(active, key=lambda o: o.start).curve.required(day.weekday(), hour)
    return base.required(day.weekday(), hour)


class RotaSource(StrEnum):
    ASSOCIATION = "association"  # the association rosters this territory's on-call effectors
    CPTS = "cpts"  # the territory (a CPTS …) sends its own rota, imported as fixed assignments

    @property
    def label_fr(self) -> str:
        return {"association": "planifié par l'association", "cpts": "transmis par le territoire"}[self.value]


@dataclass(frozen=True)
class Territory:
    """A CPTS, PDSA sector, urgent-care unit or emergency-doctor association organising
    on-call effectors; either the association rosters them or the territory sends its rota."""

    code: str
    name: str
    oncall_per_day: int = 1
    rota_source: RotaSource = RotaSource.ASSOCIATION
    kind: TerritoryKind = TerritoryKind.CPTS
    id: int | None = None
