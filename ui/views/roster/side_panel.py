"""The roster's side panel: uncovered hours with their French explanation, broken rules,
and each person's hours against target with a chart of the spread."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sas_roster.domain.enums import Role

from ... import labels
from ...i18n import _
from ...theme import ROLE_STRONG

DAY_ROLE = Qt.ItemDataRole.UserRole


def gap_title(g) -> str:
    day = labels.day_title(g.day)
    if g.hour is None:
        return _("{day} · astreinte {territory} : manque {n}").format(day=day, territory=g.territory, n=g.missing)
    return _("{day} · {h}h–{h1}h · {role} : manque {n} sur {req}").format(
        day=day, h=g.hour, h1=g.hour + 1, role=labels.role(g.role).lower() if g.role is Role.REGULATOR
        else labels.role(g.role), n=g.missing, req=g.required)


class SidePanel(QTabWidget):
    day_selected = Signal(object)  # a date: the grid scrolls to it

    def __init__(self) -> None:
        super().__init__()
        # uncovered hours: list on top, the selected one's explanation below
        self.gaps = QListWidget()
        self.explanation = QPlainTextEdit(readOnly=True)
        self.explanation.setPlaceholderText(_("Choisissez une heure non couverte pour lire pourquoi personne n'a pu la prendre."))
        gaps_page = QSplitter(Qt.Orientation.Vertical)
        gaps_page.addWidget(self.gaps)
        gaps_page.addWidget(self.explanation)
        gaps_page.setSizes([300, 300])
        self.gaps.currentItemChanged.connect(self._show_gap)

        self.violations = QListWidget()
        self.violations.setWordWrap(True)
        self.violations.currentItemChanged.connect(
            lambda item, _prev: item is not None and item.data(DAY_ROLE) and self.day_selected.emit(item.data(DAY_ROLE)))

        hours_page = QWidget()
        hv = QVBoxLayout(hours_page)
        hv.setContentsMargins(0, 0, 0, 0)
        self.loads = QTableWidget(0, 4)
        self.loads.setHorizontalHeaderLabels([_("Personne"), _("Heures"), _("Cible"), _("Écart")])
        self.loads.verticalHeader().setVisible(False)
        self.loads.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.loads.setSortingEnabled(True)
        self.loads.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.chart = QChart()
        self.chart.setTitle(_("Heures attribuées / cible, par personne"))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setMargins(QMargins(0, 0, 0, 0))
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(260)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.loads)
        split.addWidget(self.chart_view)
        split.setSizes([280, 320])
        hv.addWidget(split)

        self.addTab(gaps_page, _("Non couvert"))
        self.addTab(self.violations, _("Règles"))
        self.addTab(hours_page, _("Heures"))

    def show_state(self, state) -> None:
        self._fill_gaps(state.gaps)
        if state.complete:
            self._fill_violations(state)
            self._fill_loads(state)

    def _fill_gaps(self, gaps) -> None:
        self.gaps.clear()
        self.explanation.clear()
        for g in gaps:
            item = QListWidgetItem(gap_title(g))
            item.setData(DAY_ROLE, g.day)
            text = g.explanation or _("Explication en cours de calcul…")
            item.setData(DAY_ROLE + 1, text)
            item.setToolTip(text)
            item.setForeground(QColor("#a11414"))
            self.gaps.addItem(item)
        if not gaps:
            self.gaps.addItem(QListWidgetItem(_("Toute la demande est couverte.")))
        self.setTabText(0, _("Non couvert ({n})").format(n=len(gaps)))

    def _show_gap(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None or not item.data(DAY_ROLE):
            self.explanation.clear()
            return
        self.explanation.setPlainText(item.data(DAY_ROLE + 1))
        self.day_selected.emit(item.data(DAY_ROLE))

    def _fill_violations(self, state) -> None:
        self.violations.clear()
        for v in state.violations:
            p = state.persons.get(v.person_id)
            who = p.short_name if p else str(v.person_id)
            when = f"{labels.day_title(v.day)} · " if v.day else ""
            item = QListWidgetItem(f"⚠ {when}{who} — {v.rule} : {v.message}")
            item.setData(DAY_ROLE, v.day)
            self.violations.addItem(item)
        if not state.violations:
            self.violations.addItem(QListWidgetItem(_("Aucune règle impérative enfreinte.")))
        self.setTabText(1, _("Règles ({n})").format(n=len(state.violations)))

    def _fill_loads(self, state) -> None:
        loads = [x for x in state.loads if x.minutes or x.target_minutes]
        self.loads.setSortingEnabled(False)
        self.loads.setRowCount(len(loads))
        for i, x in enumerate(loads):
            target = x.target_minutes
            ratio = f"{100 * x.minutes / target:.0f} %" if target else "—"
            cells = [x.name, labels.hours(x.minutes), labels.hours(target) if target else "—", ratio]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j:
                    item.setData(Qt.ItemDataRole.UserRole, [x.minutes, x.minutes, target or 0, x.ratio or 0][j])
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if target and x.minutes > target:
                    item.setForeground(QColor("#a15c00"))
                self.loads.setItem(i, j, item)
        self.loads.setSortingEnabled(True)
        self._fill_chart(loads)

    def _fill_chart(self, loads) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        shown = [x for x in loads if x.target_minutes][:40]
        if not shown:
            return
        worked = QBarSet(_("Attribuées"))
        target = QBarSet(_("Cible"))
        worked.setColor(ROLE_STRONG[Role.REGULATOR])
        target.setColor(QColor("#c9d3de"))
        for x in shown:
            worked.append(x.minutes / 60)
            target.append(x.target_minutes / 60)
        series = QBarSeries()
        series.append(worked)
        series.append(target)
        self.chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([x.name.replace("Dr ", "") for x in shown])
        names.setLabelsAngle(-60)
        font = names.labelsFont()
        font.setPointSizeF(7)
        names.setLabelsFont(font)
        values = QValueAxis()
        values.setLabelFormat("%d h")
        values.setRange(0, max(max(x.minutes, x.target_minutes) for x in shown) / 60 * 1.1)
        self.chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        series.attachAxis(values)
