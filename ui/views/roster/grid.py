"""The roster table with drag and drop: drag a name from its cell onto another to move that
person there (the move is then an undoable command, checked against the rules at once)."""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView

from sas_roster.domain.roster import Assignment

MIME = "application/x-sas-roster-assignment"


def encode(a: Assignment) -> QMimeData:
    data = QMimeData()
    payload = {"person": a.person_id, "day": a.day.isoformat(), "template": a.template_code,
               "role": a.role.value, "territory": a.territory}
    data.setData(MIME, QByteArray(json.dumps(payload).encode()))
    data.setText(a.template_code)
    return data


def decode(data: QMimeData) -> dict | None:
    if not data.hasFormat(MIME):
        return None
    return json.loads(bytes(data.data(MIME)).decode())


class RosterGrid(QTableView):
    """`can_drop(row, column)` says whether a cell may receive someone; `on_drop(payload, row,
    column)` moves them. Both are the view's (the grid knows no rule)."""

    def __init__(self, can_drop: Callable[[int, int], bool], on_drop: Callable[[dict, int, int], bool]) -> None:
        super().__init__()
        self.can_drop, self.on_drop = can_drop, on_drop
        self._press: QPoint | None = None
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDropIndicatorShown(True)

    def assignment_at(self, pos: QPoint) -> Assignment | None:
        """The person under the mouse in a cell listing several (one name per line)."""
        index = self.indexAt(pos)
        if not index.isValid():
            return None
        cell = [a for a in self.model().assignments_at(index.row(), index.column()) if not a.fixed_by_cpts]
        everyone = self.model().assignments_at(index.row(), index.column())
        if not cell:
            return None
        line = max(0, (pos.y() - self.visualRect(index).top() - 4) // self.fontMetrics().lineSpacing())
        picked = everyone[min(line, len(everyone) - 1)]
        return picked if picked in cell else cell[0]

    # --- dragging -----------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._press = event.position().toPoint() if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton and \
                (event.position().toPoint() - self._press).manhattanLength() >= QApplication.startDragDistance():
            a = self.assignment_at(self._press)
            self._press = None
            if a is not None and self.model().editable:
                drag = QDrag(self)
                drag.setMimeData(encode(a))
                drag.exec(Qt.DropAction.MoveAction)
                return
        super().mouseMoveEvent(event)

    # --- dropping -----------------------------------------------------------------------------

    def _target(self, event) -> tuple[int, int] | None:
        index = self.indexAt(event.position().toPoint())
        if not index.isValid() or decode(event.mimeData()) is None or not self.can_drop(index.row(), index.column()):
            return None
        return index.row(), index.column()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if decode(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._target(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        target = self._target(event)
        if target is None:
            event.ignore()
            return
        if self.on_drop(decode(event.mimeData()), *target):
            event.acceptProposedAction()
        else:
            event.ignore()
