"""What the documents doctors hold are made of: a month's planning as one version shows it,
the calendar facts of its shifts, a change notice, the daily addressing sheet.

Plain read-model types, built by `sas_roster.services.documents.DocumentService` from the
services and handed to `exports/` (which writes files from them and never opens a session).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, time

from .addressing import AddressingLevel
from .calendar import SkippedDay
from .demand import ShiftTemplate, Territory
from .enums import HolidayZone, Role
from .mailing import AssociationContact
from .person import Person
from .roster import Assignment
from .versions import RosterVersion, VersionDiff

TIMEZONES = {
    HolidayZone.GUADELOUPE: "America/Guadeloupe",
    HolidayZone.MARTINIQUE: "America/Martinique",
    HolidayZone.GUYANE: "America/Cayenne",
    HolidayZone.REUNION: "Indian/Reunion",
    HolidayZone.MAYOTTE: "Indian/Mayotte",
}


@dataclass(frozen=True)
class Letterhead:
    """Who issues the documents."""

    name: str
    department: str = ""
    contact: AssociationContact = field(default_factory=AssociationContact)
    timezone: str = "Europe/Paris"
    sender: str = ""  # sending address: ORGANIZER of calendar invitations
    sender_name: str = ""
    checkpoint: str = ""  # the audit chain's checkpoint line, printed at the foot of each page


@dataclass(frozen=True)
class UncoveredSlot:
    role: Role
    day: date
    start: time
    end: time
    missing: int  # persons missing over the whole slot


@dataclass(frozen=True)
class ShiftState:
    """A planned shift as calendars know it: its latest times, how many material changes
    (start, end, cancellation) it went through, whether it is cancelled."""

    assignment: Assignment
    sequence: int = 0
    cancelled: bool = False

    @property
    def uid(self) -> str:
        return self.assignment.uid or ""


def _material(a: Assignment) -> tuple[object, ...]:
    return (a.person_id, a.day, a.start, a.end)


def shift_history(versions: Sequence[RosterVersion]) -> dict[str, ShiftState]:
    """Every shift identifier seen in `versions` (published, in order): its last state and its
    SEQUENCE, raised once per version in which its day, start or end changed, or in which
    it disappeared (cancelled)."""
    states: dict[str, ShiftState] = {}
    previous: dict[str, Assignment] = {}
    for version in sorted(versions, key=lambda v: v.number):
        current = {a.uid: a for a in version.assignments if a.uid}
        for uid, a in current.items():
            before = states.get(uid)
            if before is None:
                states[uid] = ShiftState(a)
            elif before.cancelled or _material(before.assignment) != _material(a):
                states[uid] = ShiftState(a, before.sequence + 1)
            else:
                states[uid] = ShiftState(a, before.sequence)
        for uid, a in previous.items():
            if uid not in current and not states[uid].cancelled:
                states[uid] = ShiftState(a, states[uid].sequence + 1, cancelled=True)
        previous = current
    return states


def shift_order(a: Assignment) -> tuple[date, time, time, str]:
    return (a.day, a.start, a.end, a.template_code)


@dataclass(frozen=True)
class MonthDocument:
    """A month's roster as one version shows it, with what is needed to print it."""

    letterhead: Letterhead
    version: RosterVersion  # number 0: the draft, not published
    persons: Mapping[int, Person]
    templates: tuple[ShiftTemplate, ...]
    territories: tuple[Territory, ...]
    days: tuple[date, ...]  # continuity days
    closed: tuple[SkippedDay, ...]  # holidays and bridge days of the month
    uncovered: tuple[UncoveredSlot, ...]
    shifts: Mapping[str, ShiftState]  # by uid: calendar facts up to this version

    @property
    def year(self) -> int:
        return self.version.year

    @property
    def month(self) -> int:
        return self.version.month

    @property
    def published(self) -> bool:
        return self.version.number > 0

    @cached_property
    def _by_person(self) -> dict[int, list[Assignment]]:
        found: dict[int, list[Assignment]] = {}
        for a in sorted(self.version.assignments, key=shift_order):
            found.setdefault(a.person_id, []).append(a)
        return found

    @cached_property
    def _cancelled_by_person(self) -> dict[int, list[ShiftState]]:
        found: dict[int, list[ShiftState]] = {}
        for s in sorted((s for s in self.shifts.values() if s.cancelled), key=lambda s: shift_order(s.assignment)):
            found.setdefault(s.assignment.person_id, []).append(s)
        return found

    def of_person(self, person_id: int) -> list[Assignment]:
        return list(self._by_person.get(person_id, ()))

    def people(self) -> list[Person]:
        """Everyone holding at least one shift, by last name then first name."""
        ids = {a.person_id for a in self.version.assignments}
        return sorted((self.persons[i] for i in ids if i in self.persons),
                      key=lambda p: (p.last_name.casefold(), p.first_name.casefold(), p.id or 0))

    def calendar_of(self, person_id: int) -> list[ShiftState]:
        """The person's calendar events: her shifts of this version, then those cancelled."""
        held = [self.shifts.get(a.uid or "", ShiftState(a)) for a in self.of_person(person_id)]
        return held + self._cancelled_by_person.get(person_id, [])


@dataclass(frozen=True)
class NoticeDocument:
    """The changes an amendment made, per person: what each one must be told."""

    month: MonthDocument
    previous: RosterVersion
    diff: VersionDiff

    def people(self) -> list[Person]:
        touched = {c.person_id for c in self.diff.persons if not c.empty}
        return [p for p in _by_name(self.month.persons[i] for i in touched if i in self.month.persons)]


@dataclass(frozen=True)
class OnCall:
    person: Person
    assignment: Assignment


@dataclass(frozen=True)
class AddressingEntry:
    level: AddressingLevel
    oncall: tuple[OnCall, ...] = ()  # filled on the on-call level only


@dataclass(frozen=True)
class AddressingTerritory:
    territory: Territory
    entries: tuple[AddressingEntry, ...]


@dataclass(frozen=True)
class AddressingDay:
    day: date
    territories: tuple[AddressingTerritory, ...]


@dataclass(frozen=True)
class AddressingSheet:
    letterhead: Letterhead
    version: RosterVersion
    days: tuple[AddressingDay, ...]


def _by_name(persons: Iterable[Person]) -> list[Person]:
    return sorted(persons, key=lambda p: (p.last_name.casefold(), p.first_name.casefold(), p.id or 0))
