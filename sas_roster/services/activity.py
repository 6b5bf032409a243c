"""Call activity imported as aggregates: the import step and the reads.

``services.activity``
    records(start, end, territory=None) → list[ActivityRecord] whose period lies in [start, end]
    periods() → list[(start, end)] imported, oldest first
    save(records) → int: each (period, territory, totals|hourly) of `records` replaces what was stored for it

The import itself goes through `services.imports.import_file(services, "activity", path)`:
each (period, territory) present in the file replaces what was stored for it (totals and
hourly lines apart: a totals file leaves the hourly profile alone, and the other way round),
so re-importing a corrected export is idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.activity import ActivityRecord
from ..domain.errors import Problem
from ..importers.columns import ImportKind
from ..importers.parsing import Line, ParseResult
from ..importers.report import ImportReport
from ..persistence.models import ActivityRow
from .base import ServiceBase

_FIELDS = [f.name for f in fields(ActivityRecord) if f.name != "id"]


def to_domain(row: ActivityRow) -> ActivityRecord:
    return ActivityRecord(**{name: getattr(row, name) for name in _FIELDS}, id=row.id)


def to_row(record: ActivityRecord) -> ActivityRow:
    return ActivityRow(**{name: getattr(record, name) for name in _FIELDS})


class ActivityService(ServiceBase):
    def records(self, start: date, end: date, territory: str | None = None) -> list[ActivityRecord]:
        """Lines whose whole period lies within [start, end] (a month's lines for a quarter)."""
        with self._sessions() as s:
            query = select(ActivityRow).where(ActivityRow.start >= start, ActivityRow.end <= end)
            if territory is not None:
                query = query.where(ActivityRow.territory == territory)
            rows = s.scalars(query.order_by(ActivityRow.start, ActivityRow.territory, ActivityRow.weekday,
                                            ActivityRow.hour))
            return [to_domain(r) for r in rows]

    def save(self, records: list[ActivityRecord], actor: str | None = None) -> int:
        """Store `records` (e.g. the demo's, or a typed month); same replacement rule as the import."""
        with self._tx(actor) as s:
            result: ParseResult[ActivityRecord] = ParseResult(ImportKind.ACTIVITY)
            result.lines = [Line(n, r) for n, r in enumerate(records, 1)]
            report = ImportReport(ImportKind.ACTIVITY, "")
            import_step(s, result, report, [])()
            return report.added

    def periods(self) -> list[tuple[date, date]]:
        with self._sessions() as s:
            return [(a, b) for a, b in s.execute(
                select(ActivityRow.start, ActivityRow.end).distinct().order_by(ActivityRow.start, ActivityRow.end))]


def import_step(s: Session, result: ParseResult[ActivityRecord], report: ImportReport,
                problems: list[Problem]) -> Callable[[], None]:
    """The activity kind's step of `ImportService.import_table`: what a write would replace."""
    records = result.items
    if not records:
        return lambda: None
    # A totals export and an hourly export of the same month are often two files: each
    # replaces only its own kind of line.
    covered = {(r.start, r.end, r.territory, r.hourly) for r in records}
    lo, hi = min(r.start for r in records), max(r.end for r in records)
    stored = s.scalars(select(ActivityRow).where(ActivityRow.start >= lo, ActivityRow.end <= hi))
    old = [row for row in stored if (row.start, row.end, row.territory, row.hour is not None) in covered]
    stored_keys = {(row.start, row.end, row.territory, row.weekday, row.hour,
                    *(getattr(row, n) for n in _FIELDS[5:])) for row in old}
    new_keys = {tuple(getattr(r, n) for n in _FIELDS) for r in records}
    kept = len(stored_keys & new_keys)
    report.added = len(records) - kept
    report.kept = kept
    report.replaced = len(old) - kept
    report.first_day, report.last_day = lo, hi
    report.territories = tuple(sorted({r.territory or "tout le département" for r in records}))

    def write() -> None:
        for row in old:
            s.delete(row)
        s.flush()
        s.add_all(to_row(r) for r in records)

    return write
