"""The documents' read models (types in `sas_roster.domain.documents`), assembled from the
services: a month's planning, a person's schedule, a change notice, the daily addressing sheet.

Handed to `exports/`, which writes files from them and never opens a session. A document always shows one roster version: the latest
published one unless a number is asked; the draft (version 0) only where asked for, as a
preview. Calendar facts (sequence numbers, cancellations) come from the published versions
up to the one shown: see `shift_history`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from ..domain.addressing import LevelKind, default_charter
from ..domain.calendar import MonthCalendar, month_calendar
from ..domain.audit import checkpoint_label
from ..domain.documents import (
    TIMEZONES,
    AddressingDay,
    AddressingEntry,
    AddressingSheet,
    AddressingTerritory,
    Letterhead,
    MonthDocument,
    NoticeDocument,
    OnCall,
    ShiftState,
    UncoveredSlot,
    shift_history,
    shift_order,
)
from ..domain.enums import Role
from ..domain.errors import NotFoundError
from ..domain.roster import Assignment
from ..domain.versions import RosterVersion, compare

if TYPE_CHECKING:
    from .facade import Services

__all__ = [
    "AddressingDay", "AddressingEntry", "AddressingSheet", "AddressingTerritory", "DocumentService", "Letterhead",
    "MonthDocument", "NoticeDocument", "OnCall", "ShiftState", "UncoveredSlot", "shift_history",
]
_DRAFT_NAMESPACE = uuid.UUID("6f1c1d2e-8a59-4d8e-9a43-3b1f0f1f5e11")


class DocumentService:
    """Builds the read models of the documents from the services (no writes)."""

    def __init__(self, services: Services) -> None:
        self._services = services

    # --- versions ------------------------------------------------------------------------

    def versions(self, year: int, month: int) -> list[RosterVersion]:
        """Published versions of the month (immutable snapshots), oldest first."""
        return sorted(self._services.rosters.versions(year, month), key=lambda v: v.number)

    def version(self, year: int, month: int, number: int | None = None, *, draft: bool = False) -> RosterVersion:
        """Version `number` (the latest published when None). With `draft`, an unpublished
        month gives its draft as version 0 instead of an error."""
        versions = self.versions(year, month)
        if number is None and versions:
            return versions[-1]
        found = next((v for v in versions if v.number == number), None)
        if found is not None:
            return found
        if number is None or number == 0:
            if draft or number == 0:
                return self._draft(year, month)
            raise NotFoundError(f"Le planning {year:04d}-{month:02d} n'est pas publié")
        raise NotFoundError(f"Le planning {year:04d}-{month:02d} n'a pas de version {number}")

    def _draft(self, year: int, month: int) -> RosterVersion:
        roster = self._services.rosters.get(year, month)
        assignments = roster.assignments or [] if roster is not None else []
        return RosterVersion(year, month, 0, datetime.now(UTC), "", "",
                             tuple(_with_uid(a, year, month) for a in assignments))

    # --- documents -----------------------------------------------------------------------

    def letterhead(self) -> Letterhead:
        settings = self._services.settings.get()
        if settings is None:
            raise NotFoundError("Aucune association n'est configurée dans cette base")
        contact, smtp = self._services.mailing.contact(), self._services.mailing.smtp()
        return Letterhead(settings.name, settings.department, contact, TIMEZONES.get(settings.zone, "Europe/Paris"),
                          smtp.sender, smtp.sender_name or settings.name,
                          checkpoint_label(self._services.audit_checkpoint()))

    def month(self, year: int, month: int, number: int | None = None, *, draft: bool = False) -> MonthDocument:
        version = self.version(year, month, number, draft=draft)
        settings = self._services.settings.get()
        if settings is None:
            raise NotFoundError("Aucune association n'est configurée dans cette base")
        cal = month_calendar(settings, year, month)
        history = [v for v in self.versions(year, month) if v.number <= version.number] or [version]
        return MonthDocument(
            letterhead=self.letterhead(),
            version=version,
            persons={p.id: p for p in self._services.persons.list() if p.id is not None},
            templates=tuple(self._services.settings.shift_templates()),
            territories=tuple(self._services.settings.territories()),
            days=tuple(d.day for d in cal.days),
            closed=cal.skipped,
            uncovered=tuple(self._uncovered(cal, version.assignments)),
            shifts=shift_history(history),
        )

    def notice(self, year: int, month: int, number: int | None = None) -> NoticeDocument:
        """The changes of version `number` (latest when None) against the version before it."""
        doc = self.month(year, month, number)
        previous = next((v for v in reversed(self.versions(year, month)) if v.number < doc.version.number), None)
        if previous is None:
            previous = RosterVersion(year, month, 0, doc.version.published_at, "", "", ())
        diff = compare(year, month, previous.number, previous.assignments, doc.version.number, doc.version.assignments)
        return NoticeDocument(doc, previous, diff)

    def addressing(self, year: int, month: int, number: int | None = None) -> AddressingSheet:
        """Per continuity day and territory, the charter's levels with the on-call effectors of
        the published version (never the draft) on the on-call level."""
        doc = self.month(year, month, number)
        charters = self._services.addressing.charters()
        oncall: dict[tuple[date, str], list[OnCall]] = {}
        for a in sorted(doc.version.assignments, key=shift_order):
            if a.role is Role.EFFECTOR and a.territory and a.person_id in doc.persons:
                oncall.setdefault((a.day, a.territory), []).append(OnCall(doc.persons[a.person_id], a))
        days = []
        for day in doc.days:
            territories = []
            for t in doc.territories:
                levels = charters.get(t.code) or default_charter(t.code)
                territories.append(AddressingTerritory(t, tuple(
                    AddressingEntry(lv, tuple(oncall.get((day, t.code), ())) if lv.kind is LevelKind.ONCALL else ())
                    for lv in levels)))
            days.append(AddressingDay(day, tuple(territories)))
        return AddressingSheet(doc.letterhead, doc.version, tuple(days))

    # --- helpers -------------------------------------------------------------------------

    def _uncovered(self, cal: MonthCalendar, assignments: Sequence[Assignment]) -> list[UncoveredSlot]:
        from ..planning import hourly_demand

        required = hourly_demand(self._services, cal)
        covered: dict[tuple[Role, date, int], int] = {}
        for a in assignments:
            if a.role is Role.EFFECTOR:
                continue
            for hour in range(a.start.hour, a.end.hour + (a.end.minute > 0)):
                covered[(a.role, a.day, hour)] = covered.get((a.role, a.day, hour), 0) + 1
        slots: list[UncoveredSlot] = []
        for (role, day, hour), need in sorted(required.items(), key=lambda kv: (kv[0][1], kv[0][0], kv[0][2])):
            missing = need - covered.get((role, day, hour), 0)
            if missing <= 0:
                continue
            last = slots[-1] if slots else None
            if last and last.role is role and last.day == day and last.end == time(hour) and last.missing == missing:
                slots[-1] = replace(last, end=_hour_end(hour))
            else:
                slots.append(UncoveredSlot(role, day, time(hour), _hour_end(hour), missing))
        return slots


def _hour_end(hour: int) -> time:
    return time(hour + 1) if hour < 23 else time(23, 59)


def _with_uid(a: Assignment, year: int, month: int) -> Assignment:
    if a.uid:
        return a
    # Stored before shift identifiers existed: a stable one derived from the row.
    return replace(a, uid=str(uuid.uuid5(_DRAFT_NAMESPACE, f"{year}-{month}-{a.id}-{a.person_id}")))
