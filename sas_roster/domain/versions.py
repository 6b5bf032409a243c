"""Published versions of a monthly roster and their comparison.

A month's roster is published as version 1; after that every change is an amendment
(*avenant*) with a reason, published as version n+1. A published version is immutable: it
keeps its own shift times whatever the settings become. Every planned shift carries a
stable identifier (`Assignment.uid`, a UUID) that survives from version to version as long
as the same person holds it, so calendars and attendance can follow it; a shift that passes
from A to B is a cancellation for A and a new shift (new identifier) for B.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .roster import Assignment


@dataclass(frozen=True)
class RosterVersion:
    """One published version of a month: its shifts exactly as they were published."""

    year: int
    month: int
    number: int  # 1 = first publication, then one per amendment
    published_at: datetime  # UTC
    published_by: str
    reason: str  # "" for version 1
    assignments: tuple[Assignment, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d} v{self.number}"


@dataclass(frozen=True)
class ShiftMove:
    """A shift kept by the same person (same identifier) whose day or times changed."""

    before: Assignment
    after: Assignment


@dataclass(frozen=True)
class PersonChanges:
    """What changed for one person between two versions."""

    person_id: int
    gained: tuple[Assignment, ...] = ()
    lost: tuple[Assignment, ...] = ()
    moved: tuple[ShiftMove, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.gained or self.lost or self.moved)


@dataclass(frozen=True)
class VersionDiff:
    year: int
    month: int
    old: int  # version numbers (0 = nothing published)
    new: int
    persons: tuple[PersonChanges, ...] = field(default=())

    def for_person(self, person_id: int) -> PersonChanges:
        return next((p for p in self.persons if p.person_id == person_id), PersonChanges(person_id))


def _material(a: Assignment) -> tuple[object, ...]:
    return (a.day, a.start, a.end, a.template_code, a.role, a.presence, a.territory)


def _order(a: Assignment) -> tuple[date, object, str]:
    return (a.day, a.start, a.template_code)


def compare(year: int, month: int, old_number: int, old: tuple[Assignment, ...] | list[Assignment],
            new_number: int, new: tuple[Assignment, ...] | list[Assignment]) -> VersionDiff:
    """Per person, the shifts gained, lost and moved from `old` to `new` (matched by uid)."""
    before = {a.uid: a for a in old}
    after = {a.uid: a for a in new}
    gained: dict[int, list[Assignment]] = {}
    lost: dict[int, list[Assignment]] = {}
    moved: dict[int, list[ShiftMove]] = {}
    for uid, a in after.items():
        b = before.get(uid)
        if b is None or b.person_id != a.person_id:
            gained.setdefault(a.person_id, []).append(a)
            if b is not None:
                lost.setdefault(b.person_id, []).append(b)
        elif _material(b) != _material(a):
            moved.setdefault(a.person_id, []).append(ShiftMove(b, a))
    for uid, b in before.items():
        if uid not in after:
            lost.setdefault(b.person_id, []).append(b)
    people = sorted(set(gained) | set(lost) | set(moved))
    return VersionDiff(year, month, old_number, new_number, tuple(
        PersonChanges(pid, tuple(sorted(gained.get(pid, []), key=_order)),
                      tuple(sorted(lost.get(pid, []), key=_order)),
                      tuple(sorted(moved.get(pid, []), key=lambda m: _order(m.after))))
        for pid in people))
