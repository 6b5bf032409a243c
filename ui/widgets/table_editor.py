"""An editable table of typed rows (text, number, decimal, time, date, choice, weekdays),
for the settings lists: bridge days, territories, shift templates, rates.

Values are kept as Python values (`time`, `date`, `Decimal`, enum members); the delegate
gives each column the right editor, so the coordinator cannot type a malformed time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from .. import labels
from ..i18n import _

VALUE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Col:
    title: str
    kind: str = "text"  # text | int | decimal | time | date | choice | weekdays | optional_time
    choices: tuple[tuple[str, Any], ...] = ()  # (label, value) for "choice"
    default: Any = None
    maximum: int = 999
    width: int = 0
    extra: dict = field(default_factory=dict)


def weekdays_text(days: frozenset[int] | set[int]) -> str:
    if not days:
        return ""
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{labels.weekday_short(ordered[0])}–{labels.weekday_short(ordered[-1])}"
    return ", ".join(labels.weekday_short(d) for d in ordered)


def parse_weekdays(text: str) -> frozenset[int] | None:
    """'lun.–ven.', 'sam.', 'lun., mer.' (or English) → weekday numbers; None if unreadable."""
    names = {labels.weekday_short(i).rstrip(".").casefold(): i for i in range(7)}
    names.update({labels.weekday(i).casefold(): i for i in range(7)})
    days: set[int] = set()
    for part in text.replace(";", ",").split(","):
        part = part.strip().casefold()
        if not part:
            continue
        if "–" in part or "-" in part:
            lo, _sep, hi = part.replace("–", "-").partition("-")
            a, b = names.get(lo.strip().rstrip(".")), names.get(hi.strip().rstrip("."))
            if a is None or b is None or b < a:
                return None
            days.update(range(a, b + 1))
        else:
            d = names.get(part.rstrip("."))
            if d is None:
                return None
            days.add(d)
    return frozenset(days)


def display(col: Col, value: Any) -> str:
    if value is None:
        return _("toute la journée") if col.kind == "optional_time" else ""
    if col.kind in ("time", "optional_time"):
        return labels.hour(value)
    if col.kind == "date":
        return labels.short_date(value)
    if col.kind == "decimal":
        return labels.amount(value)  # Babel: '1 234,50' / '1,234.50', the same on every page
    if col.kind == "choice":
        return next((text for text, v in col.choices if v == value), str(value))
    if col.kind == "weekdays":
        return weekdays_text(value)
    return str(value)


class _Delegate(QStyledItemDelegate):
    def __init__(self, columns: list[Col], parent: QWidget) -> None:
        super().__init__(parent)
        self.columns = columns

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        col = self.columns[index.column()]
        if col.kind == "optional_time":
            editor = QComboBox(parent)
            editor.addItem(display(col, None), None)
            for minutes in range(6 * 60, 22 * 60 + 1, 30):
                t = time(minutes // 60, minutes % 60)
                editor.addItem(display(col, t), t)
            return editor
        if col.kind == "time":
            editor = QTimeEdit(parent)
            editor.setDisplayFormat("HH:mm")
            return editor
        if col.kind == "date":
            editor = QDateEdit(parent, calendarPopup=True)
            editor.setDisplayFormat("dd/MM/yyyy")
            return editor
        if col.kind == "int":
            editor = QSpinBox(parent)
            editor.setRange(0, col.maximum)
            return editor
        if col.kind == "decimal":
            editor = QDoubleSpinBox(parent)
            editor.setRange(0, 100000)
            editor.setDecimals(2)
            return editor
        if col.kind == "choice":
            editor = QComboBox(parent)
            for text, value in col.choices:
                editor.addItem(text, value)
            return editor
        return QLineEdit(parent)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        col = self.columns[index.column()]
        value = index.data(VALUE)
        if isinstance(editor, QTimeEdit):
            v = value or time(12)
            editor.setTime(QTime(v.hour, v.minute))
        elif isinstance(editor, QDateEdit):
            v = value or date.today()
            editor.setDate(QDate(v.year, v.month, v.day))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        elif isinstance(editor, QDoubleSpinBox):
            editor.setValue(float(value or 0))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, next((i for i in range(editor.count()) if editor.itemData(i) == value), 0)))
        elif isinstance(editor, QLineEdit):
            editor.setText(display(col, value) if col.kind == "weekdays" else ("" if value is None else str(value)))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        col = self.columns[index.column()]
        if isinstance(editor, QTimeEdit):
            t = editor.time()
            value: Any = time(t.hour(), t.minute())
        elif isinstance(editor, QDateEdit):
            d = editor.date()
            value = date(d.year(), d.month(), d.day())
        elif isinstance(editor, QSpinBox):
            value = editor.value()
        elif isinstance(editor, QDoubleSpinBox):
            value = Decimal(str(round(editor.value(), 2)))
        elif isinstance(editor, QComboBox):
            value = editor.currentData()
        elif col.kind == "weekdays":
            parsed = parse_weekdays(editor.text())
            value = parsed if parsed is not None else index.data(VALUE)
        else:
            value = editor.text().strip()
        model.setData(index, value, VALUE)
        model.setData(index, display(col, value), Qt.ItemDataRole.DisplayRole)


class TableEditor(QWidget):
    """Rows of typed values with Add / Remove buttons."""

    def __init__(self, columns: list[Col], parent: QWidget | None = None, add_text: str | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([c.title for c in columns])
        self.table.verticalHeader().setVisible(False)
        self.table.setItemDelegate(_Delegate(columns, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for i, c in enumerate(columns):
            if c.width:
                self.table.setColumnWidth(i, c.width)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton(add_text or _("Ajouter une ligne"))
        self.remove_button = QPushButton(_("Supprimer la ligne"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_rows(self, rows: list[list[Any]]) -> None:
        self.table.setRowCount(0)
        for row in rows:
            self.add_row(row)

    def add_row(self, values: list[Any] | None = None) -> int:
        values = values if values is not None else [c.default for c in self.columns]
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, (col, value) in enumerate(zip(self.columns, values, strict=True)):
            item = QTableWidgetItem(display(col, value))
            item.setData(VALUE, value)
            self.table.setItem(r, c, item)
        return r

    def set_value(self, row: int, column: int, value: Any) -> None:
        item = self.table.item(row, column)
        item.setData(VALUE, value)
        item.setText(display(self.columns[column], value))

    def lock(self, row: int, columns: tuple[int, ...]) -> None:
        """Make cells read-only (e.g. the kind and date of a stored rate: history is kept)."""
        for c in columns:
            item = self.table.item(row, c)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)

    def remove_selected(self) -> None:
        for r in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(r)

    def rows(self) -> list[list[Any]]:
        return [[self.value(r, c) for c in range(len(self.columns))] for r in range(self.table.rowCount())]

    def value(self, row: int, column: int) -> Any:
        raw = self.table.item(row, column).data(VALUE)
        col = self.columns[column]
        if col.kind == "choice":
            # Item data turns a StrEnum member into a plain str: hand back the member.
            return next((v for _text, v in col.choices if v == raw), raw)
        return raw


def to_decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
