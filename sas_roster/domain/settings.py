"""Association settings: zone, opening hours per weekday and role, bridge days, policies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from .enums import AvailabilityPolicy, HandoverPolicy, HolidayZone, Role


@dataclass(frozen=True)
class TimeRange:
    """A wall-clock range within one day, start < end."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if not self.start < self.end:
            raise ValueError(f"time range end {self.end} must follow start {self.start}")

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)

    def overlaps(self, other: TimeRange) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: TimeRange) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __str__(self) -> str:
        return f"{self.start.hour}h{self.start.minute:02d}–{self.end.hour}h{self.end.minute:02d}".replace(
            "h00", "h"
        )


WEEKDAY_NAMES_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def default_opening_hours() -> dict[Role, dict[int, TimeRange]]:
    """Continuity hours by default: Monday–Friday 8–20, Saturday 8–12, for every role."""
    week = {wd: TimeRange(time(8), time(20)) for wd in range(5)}
    week[5] = TimeRange(time(8), time(12))
    return {role: dict(week) for role in Role}


@dataclass(frozen=True)
class BridgeDay:
    """A PDSA extension for a date: the whole day (pdsa_from None) or from a given hour."""

    day: date
    pdsa_from: time | None = None
    label: str = "pont"


@dataclass
class AssociationSettings:
    name: str
    zone: HolidayZone = HolidayZone.METROPOLE
    department: str = ""
    opening_hours: dict[Role, dict[int, TimeRange]] = field(default_factory=default_opening_hours)
    bridge_days: tuple[BridgeDay, ...] = ()
    availability_policy: AvailabilityPolicy = AvailabilityPolicy.OPT_IN
    rest_after_pdsa_night: bool = True
    rest_after_pdsa_hours: int = 11  # hours of rest after a PDSA night before continuity
    remote_min_on_site_share: float = 0.20
    handover_policy: HandoverPolicy = HandoverPolicy.ALLOW
    max_regulator_hours_per_day: int = 12
    osnp_max_hours_per_day: int = 10
    osnp_min_rest_hours: int = 11
    osnp_max_hours_per_week: int = 48
    retention_years: int = 10
    # Yearly hour quota of a retired doctor imported without one (None: no default quota).
    default_retiree_quota_hours: int | None = None
    # This database holds the invented demo association (never a real one).
    is_demo: bool = False
    id: int | None = None

    @property
    def time_zone(self) -> str:
        """The association's wall-clock zone: Europe/Paris, or the overseas département's own."""
        from .departments import time_zone_of

        return time_zone_of(self.zone)

    def hours_for(self, role: Role, weekday: int) -> TimeRange | None:
        return self.opening_hours.get(role, {}).get(weekday)

    def bridge_for(self, day: date) -> BridgeDay | None:
        return next((b for b in self.bridge_days if b.day == day), None)
