"""What people said about their time, and the PDSA duties rostered elsewhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .enums import AvailabilityKind, DutyKind
from .settings import TimeRange


@dataclass(frozen=True)
class AvailabilityEntry:
    person_id: int
    day: date
    range: TimeRange
    kind: AvailabilityKind
    id: int | None = None
    remote: bool = False
    """Asked "à distance": a remote-authorised regulator wishes to regulate from his
    remote site in that span (a wish the solver weighs; the on-site share is kept)."""


@dataclass(frozen=True)
class PdsaDuty:
    """A PDSA duty imported from the PDSA rota (often Ordigard); local wall times."""

    person_id: int
    start: datetime
    end: datetime
    kind: DutyKind
    sector: str | None = None
    id: int | None = None

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)
