"""Opening hours per weekday and role: a grid of "open / from / to" per cell (settings tab and
setup wizard)."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QTimeEdit, QWidget

from sas_roster.domain.enums import Role
from sas_roster.domain.errors import Problem, ValidationError
from sas_roster.domain.settings import TimeRange

from .. import labels
from ..i18n import _


class OpeningCell:
    """One role on one weekday: open or not, from, to."""

    def __init__(self) -> None:
        self.open = QCheckBox()
        self.start = QTimeEdit(displayFormat="HH:mm")
        self.end = QTimeEdit(displayFormat="HH:mm")
        self.open.toggled.connect(self.start.setEnabled)
        self.open.toggled.connect(self.end.setEnabled)

    def set(self, rng: TimeRange | None) -> None:
        self.open.setChecked(rng is not None)
        rng = rng or TimeRange(time(8), time(20))
        self.start.setTime(QTime(rng.start.hour, rng.start.minute))
        self.end.setTime(QTime(rng.end.hour, rng.end.minute))
        self.start.setEnabled(self.open.isChecked())
        self.end.setEnabled(self.open.isChecked())

    def range(self) -> tuple[time, time] | None:
        if not self.open.isChecked():
            return None
        s, e = self.start.time(), self.end.time()
        return time(s.hour(), s.minute()), time(e.hour(), e.minute())


class OpeningHoursGrid(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.cells: dict[tuple[Role, int], OpeningCell] = {}
        for c, role in enumerate(Role):
            head = QLabel(f"<b>{labels.role_plural(role)}</b>", alignment=Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(head, 0, 1 + c * 3, 1, 3)
        for wd in range(7):
            grid.addWidget(QLabel(labels.weekday(wd).capitalize()), wd + 1, 0)
            for c, role in enumerate(Role):
                cell = self.cells[(role, wd)] = OpeningCell()
                grid.addWidget(cell.open, wd + 1, 1 + c * 3)
                grid.addWidget(cell.start, wd + 1, 2 + c * 3)
                grid.addWidget(cell.end, wd + 1, 3 + c * 3)

    def set_hours(self, hours: dict[Role, dict[int, TimeRange]]) -> None:
        for (role, wd), cell in self.cells.items():
            cell.set(hours.get(role, {}).get(wd))

    def hours(self) -> dict[Role, dict[int, TimeRange]]:
        """The hours ticked; raises ValidationError naming each day whose end does not follow its start."""
        problems: list[Problem] = []
        hours: dict[Role, dict[int, TimeRange]] = {}
        for (role, wd), cell in self.cells.items():
            rng = cell.range()
            if rng is None:
                continue
            if not rng[0] < rng[1]:
                problems.append(Problem(_("{role}, {day} : la fin ({end}) doit suivre le début ({start})").format(
                    role=labels.role(role), day=labels.weekday(wd), start=labels.hour(rng[0]), end=labels.hour(rng[1]))))
                continue
            hours.setdefault(role, {})[wd] = TimeRange(*rng)
        if problems:
            raise ValidationError(_("Horaires refusés"), problems)
        return hours
