"""A demand curve as an editable grid: weekdays as rows, hours as columns, headcount in cells."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from .. import labels
from ..theme import CLOSED_FILL

FIRST_HOUR, LAST_HOUR = 6, 22  # columns shown: 6h–7h … 21h–22h (continuity and its margins)
SHADES = ("#ffffff", "#dbe9fb", "#b3d0f5", "#86b4ee", "#5a97e4", "#3b7dd8")


class DemandGridModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._counts: dict[int, dict[int, int]] = {}
        self._open: dict[int, tuple[int, int]] = {}  # weekday → [first hour, last hour) open

    def set_curve(self, by_weekday: dict[int, dict[int, int]], open_hours: dict[int, tuple[int, int]] | None = None) -> None:
        self.beginResetModel()
        self._counts = {wd: dict(hours) for wd, hours in by_weekday.items()}
        self._open = dict(open_hours or {})
        self.endResetModel()

    def curve(self) -> dict[int, dict[int, int]]:
        """The edited counts, without empty weekdays (hours outside the grid are kept)."""
        return {wd: dict(h) for wd, h in self._counts.items() if h}

    def hour_of(self, column: int) -> int:
        return FIRST_HOUR + column

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 7

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else LAST_HOUR - FIRST_HOUR

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return f"{self.hour_of(section)}h"
        return labels.weekday(section).capitalize()

    def _is_open(self, wd: int, hour: int) -> bool:
        rng = self._open.get(wd)
        return rng is not None and rng[0] <= hour < rng[1]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        wd, hour = index.row(), self.hour_of(index.column())
        n = self._counts.get(wd, {}).get(hour, 0)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return n if (n or role == Qt.ItemDataRole.EditRole) else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            if n:
                return QColor(SHADES[min(n, len(SHADES) - 1)])
            return CLOSED_FILL if not self._is_open(wd, hour) else None
        if role == Qt.ItemDataRole.ForegroundRole and n >= 4:
            return QColor("white")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        try:
            n = int(str(value).strip() or 0)
        except ValueError:
            return False
        if n < 0 or n > 50:
            return False
        wd, hour = index.row(), self.hour_of(index.column())
        hours = self._counts.setdefault(wd, {})
        if n:
            hours[hour] = n
        else:
            hours.pop(hour, None)
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True
