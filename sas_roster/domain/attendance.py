"""Attendance: what happened on each shift of a month's published version.

A line is keyed by the month and the published shift's identifier (`Assignment.uid`) and
keeps a copy of the shift as published (person, day, times), so the hours paid never depend
on later changes to the plan or the settings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time

from .enums import AttendanceStatus, Presence, Role
from .roster import Assignment

STATUS_LABELS_FR = {
    AttendanceStatus.PLANNED: "à saisir",
    AttendanceStatus.PRESENT: "présent",
    AttendanceStatus.ABSENT: "absent",
    AttendanceStatus.REPLACED: "remplacé",
    AttendanceStatus.PARTIAL: "partiel",
}
STATUS_FROM_FR = {v: k for k, v in STATUS_LABELS_FR.items() if k is not AttendanceStatus.PLANNED}


@dataclass(frozen=True)
class AttendanceLine:
    year: int
    month: int
    shift_uid: str
    person_id: int  # planned person, as published
    day: date
    role: Role
    template_code: str
    start: time
    end: time
    version: int  # published version the shift comes from
    presence: Presence = Presence.ON_SITE
    territory: str | None = None
    status: AttendanceStatus = AttendanceStatus.PLANNED
    replaced_by: int | None = None  # a person of the pools (planned this month or not)
    replacement_name: str = ""  # someone outside the pools: recorded, never paid by a statement
    actual_start: time | None = None
    actual_end: time | None = None
    note: str = ""
    id: int | None = None

    @classmethod
    def from_assignment(cls, year: int, month: int, version: int, a: Assignment) -> AttendanceLine:
        if a.uid is None:
            raise ValueError("a published shift has an identifier")
        return cls(year, month, a.uid, a.person_id, a.day, a.role, a.template_code, a.start, a.end,
                   version, a.presence, a.territory)

    @property
    def open(self) -> bool:
        return self.status is AttendanceStatus.PLANNED

    def worked(self) -> tuple[int | None, time, time] | None:
        """Who is paid for this shift and for which wall times, or None (absent, open, or a
        replacement from outside the pools)."""
        if self.status is AttendanceStatus.PRESENT:
            return self.person_id, self.start, self.end
        if self.status is AttendanceStatus.PARTIAL and self.actual_start and self.actual_end:
            return self.person_id, self.actual_start, self.actual_end
        if self.status is AttendanceStatus.REPLACED and self.replaced_by is not None:
            return self.replaced_by, self.actual_start or self.start, self.actual_end or self.end
        return None

    def with_status(self, status: AttendanceStatus, **changes: object) -> AttendanceLine:
        return replace(self, status=status, **changes)  # type: ignore[arg-type]


def line_problems(line: AttendanceLine, row: int | None = None) -> list[tuple[str, str]]:
    """(field, French message) for each thing wrong with a recorded line."""
    out: list[tuple[str, str]] = []
    if line.status is AttendanceStatus.REPLACED and line.replaced_by is None and not line.replacement_name.strip():
        out.append(("remplaçant", "remplacement sans remplaçant"))
    if line.status is AttendanceStatus.REPLACED and line.replaced_by == line.person_id:
        out.append(("remplaçant", "la personne ne peut pas se remplacer elle-même"))
    if line.status is AttendanceStatus.PARTIAL and (line.actual_start is None or line.actual_end is None):
        out.append(("horaires", "présence partielle sans heures d'arrivée et de départ"))
    if (line.actual_start is None) != (line.actual_end is None):
        out.append(("horaires", "il faut l'heure d'arrivée et l'heure de départ"))
    elif line.actual_start and line.actual_end and line.start < line.end and line.actual_end <= line.actual_start:
        out.append(("horaires", "l'heure de départ précède l'heure d'arrivée"))
    return out
