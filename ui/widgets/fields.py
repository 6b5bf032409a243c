"""Form fields for values that may be left empty: an optional date, an optional number."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QSpinBox, QWidget

from ..i18n import _


class OptionalDateEdit(QWidget):
    """A date that can be 'not set': a check box enables the date editor."""

    changed = Signal()

    def __init__(self, value: date | None = None, label: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(label)
        self.edit = QDateEdit(calendarPopup=True)
        self.edit.setDisplayFormat("dd/MM/yyyy")
        self.edit.setDate(QDate.currentDate())
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(lambda _on: self.changed.emit())
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.set_value(value)

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))

    def value(self) -> date | None:
        if not self.check.isChecked():
            return None
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())


class OptionalSpinBox(QSpinBox):
    """A whole number that can be 'not set', shown as a dash (the value just below the range)."""

    def __init__(self, maximum: int, suffix: str = "", value: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(-1, maximum)
        self.setSpecialValueText(_("—  non précisé"))
        if suffix:
            self.setSuffix(suffix)
        self.set_value(value)

    def set_value(self, value: int | None) -> None:
        self.setValue(-1 if value is None else value)

    def value_or_none(self) -> int | None:
        v = self.value()
        return None if v < 0 else v
