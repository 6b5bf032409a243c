"""The continuity calendar: which days and hours of a month the association rosters.

Continuity (continuité des soins) is the SAS daytime outside PDSA: by default Monday–Friday
8h–20h and Saturday 8h–12h, per role as the association sets it, minus the public holidays
of the association's zone (from the `holidays` package, never hard-coded) and minus the
bridge days and other PDSA extensions the association declares for the year. Times are
Europe/Paris wall time; aware datetimes are given for the daylight-saving weeks.
"""

from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from .departments import time_zone_of
from .enums import HolidayZone, Role
from .settings import AssociationSettings, BridgeDay, TimeRange

PARIS = ZoneInfo("Europe/Paris")


@lru_cache(maxsize=64)
def _holidays_of(zone: HolidayZone, year: int) -> dict[date, str]:
    found = holidays.country_holidays(
        "FR", subdiv=zone.holidays_subdivision, years=year, language="fr"
    )
    return dict(found.items())


def public_holidays(zone: HolidayZone, year: int) -> dict[date, str]:
    """Public holidays of `zone` in `year`, with their French names."""
    return dict(_holidays_of(zone, year))


@dataclass(frozen=True)
class ContinuityDay:
    day: date
    hours: dict[Role, TimeRange]  # open hours per role this day
    shortened_by: BridgeDay | None = None
    time_zone: str = "Europe/Paris"  # the association's wall clock (overseas: its own)

    def minutes(self, role: Role) -> int:
        r = self.hours.get(role)
        return r.minutes if r else 0

    def start_of(self, role: Role) -> datetime | None:
        r = self.hours.get(role)
        return datetime.combine(self.day, r.start, ZoneInfo(self.time_zone)) if r else None

    def end_of(self, role: Role) -> datetime | None:
        r = self.hours.get(role)
        return datetime.combine(self.day, r.end, ZoneInfo(self.time_zone)) if r else None


@dataclass(frozen=True)
class SkippedDay:
    day: date
    reason: str  # French: "jour férié : Lundi de Pâques", "pont", "dimanche" is not listed


@dataclass(frozen=True)
class MonthCalendar:
    year: int
    month: int
    zone: HolidayZone
    days: tuple[ContinuityDay, ...]
    skipped: tuple[SkippedDay, ...]

    def total_minutes(self, role: Role) -> int:
        return sum(d.minutes(role) for d in self.days)

    def day(self, day: date) -> ContinuityDay | None:
        return next((d for d in self.days if d.day == day), None)


def _clip(rng: TimeRange, until: time) -> TimeRange | None:
    if until <= rng.start:
        return None
    return TimeRange(rng.start, min(rng.end, until))


def continuity_day(settings: AssociationSettings, day: date, zone: HolidayZone | None = None) -> ContinuityDay | SkippedDay | None:
    """The continuity hours of `day`, a SkippedDay (holiday, bridge), or None (never open)."""
    zone = zone or settings.zone
    weekday = day.weekday()
    hours = {
        role: rng for role in Role if (rng := settings.hours_for(role, weekday)) is not None
    }
    if not hours:
        return None
    name = _holidays_of(zone, day.year).get(day)
    if name:
        return SkippedDay(day, f"jour férié : {name}")
    bridge = settings.bridge_for(day)
    if bridge is not None:
        if bridge.pdsa_from is None:
            return SkippedDay(day, f"{bridge.label} (PDSA toute la journée)")
        clipped = {r: c for r, rng in hours.items() if (c := _clip(rng, bridge.pdsa_from)) is not None}
        if not clipped:
            return SkippedDay(day, f"{bridge.label} (PDSA dès {bridge.pdsa_from.hour}h)")
        return ContinuityDay(day, clipped, shortened_by=bridge, time_zone=time_zone_of(zone))
    return ContinuityDay(day, hours, time_zone=time_zone_of(zone))


def month_calendar(
    settings: AssociationSettings, year: int, month: int, zone: HolidayZone | None = None
) -> MonthCalendar:
    zone = zone or settings.zone
    days: list[ContinuityDay] = []
    skipped: list[SkippedDay] = []
    for n in range(1, _cal.monthrange(year, month)[1] + 1):
        found = continuity_day(settings, date(year, month, n), zone)
        if isinstance(found, ContinuityDay):
            days.append(found)
        elif isinstance(found, SkippedDay):
            skipped.append(found)
    return MonthCalendar(year, month, zone, tuple(days), tuple(skipped))


def parse_month(text: str) -> tuple[int, int]:
    """'2027-05' → (2027, 5), with a French message for anything else."""
    from .errors import ValidationError

    try:
        year_s, month_s = text.strip().split("-")
        year, month = int(year_s), int(month_s)
        if not (1 <= month <= 12 and 1900 <= year <= 2200) or len(year_s) != 4:
            raise ValueError
    except ValueError:
        raise ValidationError(f"Mois « {text} » invalide : format attendu AAAA-MM, par ex. 2027-05") from None
    return year, month


MONTH_NAMES_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                  "septembre", "octobre", "novembre", "décembre")


def day_fr(day: date, with_year: bool = False) -> str:
    """``vendredi 8 janvier`` (``vendredi 8 janvier 2027`` with the year)."""
    from .settings import WEEKDAY_NAMES_FR

    text = f"{WEEKDAY_NAMES_FR[day.weekday()]} {day.day} {MONTH_NAMES_FR[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text
