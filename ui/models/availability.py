"""One person's month of availability as a grid of one-hour cells (days × hours).

Cells outside the continuity hours (Sundays, public holidays, bridge days, closed hours) are
grey and cannot be painted. Painted cells turn back into availability entries by merging
runs of the same kind on a day ("8h–14h disponible").
"""

from __future__ import annotations

import calendar as _cal
from datetime import date, time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from sas_roster.domain.availability import AvailabilityEntry
from sas_roster.domain.calendar import MonthCalendar
from sas_roster.domain.enums import AvailabilityKind, Role
from sas_roster.domain.settings import TimeRange

from .. import labels
from ..i18n import _, pgettext
from ..theme import AVAILABILITY_FILL, AVAILABILITY_TEXT, CLOSED_FILL, MUTED_TEXT

KIND_ROLE = Qt.ItemDataRole.UserRole
def short(kind: AvailabilityKind) -> str:
    """The letter painted in a cell: D(isponible), S(ouhaité) — A(vailable), P(referred) in English."""
    if kind is AvailabilityKind.AVAILABLE:
        return pgettext("availability mark", "D")
    if kind is AvailabilityKind.PREFERRED:
        return pgettext("availability mark", "S")
    return "?" if kind is AvailabilityKind.IF_NEEDED else "✕"


def nth_weekday_twin(day: date, year: int, month: int) -> date | None:
    """The same weekday of the same rank in another month (2nd Tuesday → 2nd Tuesday)."""
    rank = (day.day - 1) // 7
    first = date(year, month, 1)
    offset = (day.weekday() - first.weekday()) % 7
    n = 1 + offset + 7 * rank
    return date(year, month, n) if n <= _cal.monthrange(year, month)[1] else None


class AvailabilityGridModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.days: list[date] = []
        self.first_hour, self.last_hour = 8, 20
        self._open: dict[date, tuple[int, int]] = {}  # day → [first hour, end hour) open for the person
        self._closed_reason: dict[date, str] = {}
        self._cells: dict[tuple[date, int], AvailabilityKind] = {}
        self.dirty = False

    # --- loading ------------------------------------------------------------------------------

    def set_month(self, cal: MonthCalendar, roles: frozenset[Role] | set[Role]) -> None:
        """Days of `cal`, open at the hours of any of `roles` (all roles when none given)."""
        self.beginResetModel()
        year, month = cal.year, cal.month
        self.days = [date(year, month, n) for n in range(1, _cal.monthrange(year, month)[1] + 1)]
        self._open.clear()
        self._closed_reason = {s.day: s.reason for s in cal.skipped}
        wanted = set(roles) or set(Role)
        for d in cal.days:
            ranges = [r for role, r in d.hours.items() if role in wanted]
            if ranges:
                end = max(r.end for r in ranges)
                self._open[d.day] = (min(r.start for r in ranges).hour, end.hour + (1 if end.minute else 0))
        if self._open:
            self.first_hour = min(a for a, _b in self._open.values())
            self.last_hour = max(b for _a, b in self._open.values())
        self._cells.clear()
        self.dirty = False
        self.endResetModel()

    def load_entries(self, entries: list[AvailabilityEntry]) -> None:
        """Paint what was declared: a cell takes the kind of the entry covering its whole hour."""
        self.beginResetModel()
        self._cells.clear()
        for e in sorted(entries, key=lambda e: (e.day, e.range.start)):
            for h in range(e.range.start.hour, e.range.end.hour + (1 if e.range.end.minute else 0)):
                if self.is_open(e.day, h):
                    self._cells[(e.day, h)] = e.kind
        self.dirty = False
        self.endResetModel()

    # --- reading back -------------------------------------------------------------------------

    def entries(self, person_id: int) -> list[AvailabilityEntry]:
        out: list[AvailabilityEntry] = []
        for day in self.days:
            run_kind, run_start = None, None
            for h in range(self.first_hour, self.last_hour + 1):
                kind = self._cells.get((day, h)) if h < self.last_hour else None
                if kind != run_kind:
                    if run_kind is not None:
                        out.append(AvailabilityEntry(person_id, day, TimeRange(time(run_start), time(h)), run_kind))
                    run_kind, run_start = kind, h
        return out

    def kind_at(self, day: date, hour: int) -> AvailabilityKind | None:
        return self._cells.get((day, hour))

    def is_open(self, day: date, hour: int) -> bool:
        rng = self._open.get(day)
        return rng is not None and rng[0] <= hour < rng[1]

    def answered_hours(self) -> int:
        return len(self._cells)

    # --- painting -----------------------------------------------------------------------------

    def paint(self, index: QModelIndex, kind: AvailabilityKind | None) -> bool:
        if not index.isValid():
            return False
        day, hour = self.days[index.row()], self.first_hour + index.column()
        if not self.is_open(day, hour) or self._cells.get((day, hour)) == kind:
            return False
        if kind is None:
            self._cells.pop((day, hour), None)
        else:
            self._cells[(day, hour)] = kind
        self.dirty = True
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def paint_line(self, start: QModelIndex, end: QModelIndex, kind: AvailabilityKind | None) -> int:
        """Paint every cell on the straight line from `start` to `end`: a fast drag reports the
        mouse a few cells apart, and the cells between must not be skipped."""
        if not start.isValid():
            return int(self.paint(end, kind))
        if not end.isValid():
            return 0
        (r0, c0), (r1, c1) = (start.row(), start.column()), (end.row(), end.column())
        steps = max(abs(r1 - r0), abs(c1 - c0))
        painted = 0
        for i in range(steps + 1):
            t = i / steps if steps else 0.0
            painted += self.paint(self.index(round(r0 + (r1 - r0) * t), round(c0 + (c1 - c0) * t)), kind)
        return painted

    def paint_day(self, row: int, kind: AvailabilityKind | None) -> None:
        for c in range(self.columnCount()):
            self.paint(self.index(row, c), kind)

    # --- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.days)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else max(0, self.last_hour - self.first_hour)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{self.first_hour + section}h"
            return None
        day = self.days[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return labels.day_title(day)
        if role == Qt.ItemDataRole.ForegroundRole and day not in self._open:
            return MUTED_TEXT
        if role == Qt.ItemDataRole.ToolTipRole:
            return labels.long_date(day) + (f" — {self._closed_reason[day]}" if day in self._closed_reason else "")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        day, hour = self.days[index.row()], self.first_hour + index.column()
        kind = self._cells.get((day, hour))
        if role == KIND_ROLE:
            return kind
        if role == Qt.ItemDataRole.DisplayRole:
            return short(kind) if kind else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            if not self.is_open(day, hour):
                return CLOSED_FILL
            return AVAILABILITY_FILL[kind] if kind else None
        if role == Qt.ItemDataRole.ForegroundRole and kind:
            return AVAILABILITY_TEXT[kind]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"{labels.long_date(day)}, {hour}h–{hour + 1}h"
            if not self.is_open(day, hour):
                return where + " — " + self._closed_reason.get(day, _("fermé"))
            return where + " — " + (labels.availability(kind) if kind else _("non renseigné"))
        return None
