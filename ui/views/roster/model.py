"""The month's roster as a grid: continuity days as rows; regulator and OSNP shifts (one
column per time range), their hourly coverage, and on-call effectors per territory as
columns. Names in cells, colours by role, uncovered demand in red, broken rules flagged."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyledItemDelegate

from sas_roster.domain.enums import Presence, Role
from sas_roster.domain.roster import Assignment

from ... import labels
from ...i18n import _
from ...theme import CLOSED_FILL, PINNED_MARK, ROLE_FILL, UNCOVERED_FILL, UNCOVERED_TEXT, VIOLATION_FILL

ASSIGNMENTS_ROLE = Qt.ItemDataRole.UserRole
COVERAGE_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2  # "closed" | "uncovered" | "violation" | "ok"
WARNING_MARK = "⚠"
COVERED, MISSING, OVER = "#7cc489", "#e35d5d", "#8fc7f0"  # hourly coverage boxes


@dataclass(frozen=True)
class Column:
    kind: str  # "slot" | "coverage" | "oncall"
    role: Role
    start: time | None = None
    ends: tuple[time, ...] = ()  # shifts starting at `start` (Saturday's may end earlier)
    territory: str | None = None
    territory_name: str = ""

    def holds(self, a: Assignment) -> bool:
        if self.kind == "oncall":
            return a.role is Role.EFFECTOR and a.territory == self.territory
        return self.kind == "slot" and a.role is self.role and a.start == self.start and a.end in self.ends

    def title(self) -> str:
        if self.kind == "slot":
            # One line per length (Saturday's shift may end earlier): the title stays narrow.
            ranges = "\n".join(f"{labels.hour(self.start)}–{labels.hour(e)}" for e in self.ends)
            return f"{labels.role(self.role)}\n{ranges}"
        if self.kind == "coverage":
            return _("Couverture\n{role}").format(role=labels.role(self.role))
        return _("Astreinte\n{territory}").format(territory=self.territory)


def _slot_columns(templates, role: Role) -> list[Column]:
    """One column per start time; shifts of the same start that share a weekday (two
    lengths offered the same day) get a column each."""
    groups: dict[time, list] = defaultdict(list)
    for t in templates:
        if t.role is role:
            groups[t.start].append(t)
    cols = []
    for start in sorted(groups):
        merged: list[tuple[set[time], set[int]]] = []
        for t in sorted(groups[start], key=lambda t: t.end, reverse=True):
            target = next((m for m in merged if not (m[1] & t.weekdays) or t.end in m[0]), None)
            if target is None:
                merged.append(({t.end}, set(t.weekdays)))
            else:
                target[0].add(t.end)
                target[1].update(t.weekdays)
        cols += [Column("slot", role, start, tuple(sorted(ends, reverse=True))) for ends, _days in merged]
    return cols


def build_columns(state) -> list[Column]:
    cols: list[Column] = []
    for role in (Role.REGULATOR, Role.OSNP):
        slots = _slot_columns(state.templates, role)
        cols += slots
        if slots:
            cols.append(Column("coverage", role))
    for t in sorted(state.territories, key=lambda t: t.code):
        if t.oncall_per_day > 0:
            cols.append(Column("oncall", Role.EFFECTOR, territory=t.code, territory_name=t.name))
    return cols


def is_unsolved(state) -> bool:
    """Nothing computed nor placed yet (a CPTS's imported rota does not count): the month is to
    be computed, not 'missing' everything."""
    return not any(not a.fixed_by_cpts for a in state.assignments)


class RosterGridModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.state = None
        self.days: list[date] = []
        self.columns: list[Column] = []
        self._cells: dict[tuple[date, int], list[Assignment]] = {}
        self._gaps: dict[tuple[Role, date, int | None, str | None], object] = {}
        self._flags: dict[int, list] = defaultdict(list)  # assignment id → violations
        self._names: dict[int, str] = {}
        self.editable = True
        self.unsolved = False  # no assignment yet: nothing is "missing", the month is to be computed

    def set_state(self, state, editable: bool = True) -> None:
        """Show a `MonthState` (sas_roster.services.month_view)."""
        self.beginResetModel()
        self.state = state
        self.editable = editable
        self.unsolved = is_unsolved(state)
        self.days = [d.day for d in state.calendar.days]
        self._open = {d.day: d.hours for d in state.calendar.days}
        self.columns = build_columns(state)
        self._names = {pid: p.short_name for pid, p in state.persons.items()}
        self._cells = defaultdict(list)
        for a in state.assignments:
            column = next((i for i, c in enumerate(self.columns) if c.holds(a)), None)
            if column is not None:
                self._cells[(a.day, column)].append(a)
        for cell in self._cells.values():
            cell.sort(key=lambda a: self._names.get(a.person_id, ""))
        self._gaps = {} if self.unsolved else {(g.role, g.day, g.hour, g.territory): g for g in state.gaps}
        self._flags = defaultdict(list)
        for v in state.violations:
            for aid in v.assignment_ids:
                self._flags[aid].append(v)
            if not v.assignment_ids:  # a monthly rule: flag every assignment of the person that month
                for a in state.assignments:
                    if a.person_id == v.person_id and (v.day is None or a.day == v.day) and a.id is not None:
                        self._flags[a.id].append(v)
        self.endResetModel()

    # --- lookups ------------------------------------------------------------------------------

    def assignments_at(self, row: int, column: int) -> list[Assignment]:
        return list(self._cells.get((self.days[row], column), []))

    def column_index(self, column: Column) -> int:
        return self.columns.index(column)

    def row_of(self, day: date) -> int | None:
        return self.days.index(day) if day in self.days else None

    def is_open(self, row: int, column: int) -> bool:
        """Can this cell hold anyone (the role works that day, a shift has these hours)?"""
        day, col = self.days[row], self.columns[column]
        hours = self._open.get(day, {})
        if col.role not in hours:
            return False
        if col.kind != "slot":
            return True
        return self.template_for(row, column) is not None

    def template_for(self, row: int, column: int):
        """The shift template a person put in this cell would work (None if there is none)."""
        day, col = self.days[row], self.columns[column]
        hours = self._open.get(day, {}).get(col.role)
        if hours is None:
            return None
        if col.kind == "oncall":
            return next((t for t in self.state.templates if t.role is Role.EFFECTOR and day.weekday() in t.weekdays), None)
        if col.kind != "slot":
            return None
        return next((t for t in self.state.templates if t.role is col.role and t.start == col.start
                     and t.end in col.ends and day.weekday() in t.weekdays
                     and hours.start <= t.start and t.end <= hours.end), None)

    def cell_gaps(self, row: int, column: int) -> list:
        day, col = self.days[row], self.columns[column]
        if col.kind == "oncall":
            g = self._gaps.get((Role.EFFECTOR, day, None, col.territory))
            return [g] if g else []
        if col.kind == "coverage":
            return [g for (r, d, h, _t), g in self._gaps.items() if r is col.role and d == day and h is not None]
        tpl = self.template_for(row, column)
        if tpl is None:
            return []
        return [g for h in range(tpl.start.hour, tpl.end.hour + (1 if tpl.end.minute else 0))
                if (g := self._gaps.get((col.role, day, h, None)))]

    def violations_of(self, a: Assignment) -> list:
        return self._flags.get(a.id, []) if a.id is not None else []

    def coverage(self, row: int, role: Role) -> list[tuple[int, int, int]]:
        """(hour, people at work, people required) for the role's open hours of the day."""
        day = self.days[row]
        rng = self._open.get(day, {}).get(role)
        if rng is None:
            return []
        return [(h, self.state.covered.get((role, day, h), 0), self.state.required.get((role, day, h), 0))
                for h in range(rng.start.hour, rng.end.hour + (1 if rng.end.minute else 0))]

    # --- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.days)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal:
            col = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return col.title()
            if role == Qt.ItemDataRole.ToolTipRole and col.kind == "oncall":
                return col.territory_name
            if role == Qt.ItemDataRole.BackgroundRole:
                return ROLE_FILL[col.role]
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return labels.day_title(self.days[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return labels.long_date(self.days[section])
        return None

    def _person_line(self, a: Assignment) -> str:
        # The column names the role: "Dr" would only take room.
        name = self._names.get(a.person_id, f"n° {a.person_id}").removeprefix("Dr ")
        text = (PINNED_MARK + " " if a.pinned and not a.fixed_by_cpts else "") + name
        if a.presence is Presence.REMOTE:
            text += " " + _("(à dist.)")
        if a.fixed_by_cpts:
            text += "\n" + _("(CPTS)")  # on its own line: the name keeps the column's width
        if self.violations_of(a):
            text = WARNING_MARK + " " + text
        return text

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        col = self.columns[column]
        if col.kind == "coverage":
            return self._coverage_data(row, col, role)
        cell = self._cells.get((self.days[row], column), [])
        if role == ASSIGNMENTS_ROLE:
            return list(cell)
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [self._person_line(a) for a in cell]
            gaps = self.cell_gaps(row, column)
            if gaps and col.kind == "oncall" and not cell:
                lines.append(_("non pourvue"))
            elif gaps:
                lines.append(_("manque {n}").format(n=max(g.missing for g in gaps)))
            return "\n".join(lines)
        if role == STATE_ROLE:
            return self._state(row, column, cell)
        if role == Qt.ItemDataRole.BackgroundRole:
            return {"closed": CLOSED_FILL, "uncovered": UNCOVERED_FILL, "violation": VIOLATION_FILL,
                    "ok": ROLE_FILL[col.role], "empty": None}[self._state(row, column, cell)]
        if role == Qt.ItemDataRole.ForegroundRole and self.cell_gaps(row, column):
            return UNCOVERED_TEXT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column, cell)
        return None

    def _state(self, row: int, column: int, cell: list[Assignment]) -> str:
        if not self.is_open(row, column):
            return "closed"
        if any(self.violations_of(a) for a in cell):
            return "violation"
        if self.cell_gaps(row, column):
            return "uncovered"
        return "ok" if cell else "empty"

    def _tooltip(self, row: int, column: int, cell: list[Assignment]) -> str:
        day, col = self.days[row], self.columns[column]
        if not self.is_open(row, column):
            return _("Pas de créneau ce jour-là")
        head = labels.long_date(day) + " — " + col.title().replace("\n", " ")
        lines = [head]
        for a in cell:
            p = self.state.persons.get(a.person_id)
            line = f"• {p.display_name if p else a.person_id} ({a.template_code}, {labels.hour(a.start)}–{labels.hour(a.end)})"
            if a.pinned:
                line += " — " + (_("liste de la CPTS") if a.fixed_by_cpts else _("épinglé"))
            lines.append(line)
            lines += [f"   {WARNING_MARK} {v.rule} : {v.message}" for v in self.violations_of(a)]
        for g in self.cell_gaps(row, column):
            lines.append("")
            lines.append(g.explanation or _("Explication en cours de calcul…"))
        return "\n".join(lines)

    def _coverage_data(self, row: int, col: Column, role: int):
        hours = self.coverage(row, col.role)
        if role == COVERAGE_ROLE:
            return hours
        if role == Qt.ItemDataRole.DisplayRole:
            missing = sum(max(0, req - have) for _h, have, req in hours)
            if self.unsolved:
                return ""
            return _("manque {n} h").format(n=missing) if missing else _("complet")
        if role == STATE_ROLE:
            if self.unsolved:
                return "empty" if hours else "closed"
            return "uncovered" if any(have < req for _h, have, req in hours) else ("ok" if hours else "closed")
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [labels.long_date(self.days[row]) + " — " + col.title().replace("\n", " ")]
            lines += [_("{h}h–{h1}h : {have} / {req}").format(h=h, h1=h + 1, have=have, req=req)
                      + (" — " + _("manque {n}").format(n=req - have) if have < req else "")
                      for h, have, req in hours]
            return "\n".join(lines)
        return None


class CoverageDelegate(QStyledItemDelegate):
    """Paints a coverage cell as one small box per hour: green when the demand is met,
    red when it is not, with 'at work/required' inside."""

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        hours = index.data(COVERAGE_ROLE)
        if not hours:
            painter.fillRect(option.rect, CLOSED_FILL)
            return
        unsolved = getattr(index.model(), "unsolved", False)  # nothing computed yet: no red
        painter.save()
        r = option.rect.adjusted(2, 3, -2, -3)
        width = r.width() / len(hours)
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        painter.setFont(font)
        for i, (_h, have, req) in enumerate(hours):
            box = QRect(int(r.left() + i * width), r.top(), max(1, int(width) - 1), r.height())
            if req == 0 or unsolved:
                fill = QColor("#f2f2f2")
            elif have < req:
                fill = QColor(MISSING)
            elif have > req:
                fill = QColor(OVER)
            else:
                fill = QColor(COVERED)
            painter.fillRect(box, fill)
            if width >= 14:
                painter.setPen(QColor("white") if have < req and req and not unsolved else QColor("#1d1d1d"))
                text = (str(req) if unsolved else f"{have}/{req}") if width >= 26 else str(req if unsolved else have)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
