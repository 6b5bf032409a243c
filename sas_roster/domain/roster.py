"""Monthly rosters, their assignments and the attendance actually recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from .enums import Presence, Role, RosterStatus


@dataclass(frozen=True)
class Assignment:
    """One person on one shift of one day (an on-call duty for effectors)."""

    person_id: int
    day: date
    template_code: str
    role: Role
    start: time
    end: time
    presence: Presence = Presence.ON_SITE
    pinned: bool = False
    territory: str | None = None  # for on-call effectors
    fixed_by_cpts: bool = False  # imported from a CPTS's own rota
    id: int | None = None
    # Stable identifier of the planned shift (UUID), kept from version to version while the
    # same person holds it: calendar events, notices and attendance refer to it.
    uid: str | None = None

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)

    def key(self) -> tuple[object, ...]:
        """Identity of the slot held, independent of the database id."""
        return (self.day, self.role, self.template_code, self.territory, self.person_id)


@dataclass
class Roster:
    year: int
    month: int
    status: RosterStatus = RosterStatus.DRAFT
    version: int = 0  # 0 while never published; 1 = first publication, then amendments
    published_at: datetime | None = None
    assignments: list[Assignment] | None = None
    id: int | None = None

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
