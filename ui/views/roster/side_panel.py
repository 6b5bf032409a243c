"""The roster's side panel: uncovered hours with their French explanation, broken rules,
and each person's hours against target with a chart of the spread."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QStackedBarSeries, QValueAxis
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

DAY_ROLE = Qt.ItemDataRole.UserRole
INF = float("inf")
# Share of the target reached: (from, to, label, colour); the middle band is the fair one.
SPREAD_BANDS = (
    (0.0, 0.5, "0–50", "#e35d5d"),
    (0.5, 0.8, "50–80", "#f0a35e"),
    (0.8, 1.0, "80–100", "#9ccf7a"),
    (1.0, 1.2, "100–120", "#5fb36b"),
    (1.2, INF, "120+", "#8fc7f0"),
)


def gap_title(g) -> str:
    day = labels.day_title(g.day)
    if g.hour is None:
        return _("{day} · astreinte {territory} : manque {n}").format(day=day, territory=g.territory, n=g.missing)
    return _("{day} · {h}h–{h1}h · {role} : manque {n} sur {req}").format(
        day=day, h=g.hour, h1=g.hour + 1, role=labels.role(g.role).lower() if g.role is Role.REGULATOR
        else labels.role(g.role), n=g.missing, req=g.required)


class _NumberItem(QTableWidgetItem):
    """Sorts by the number behind the text ("75 %" before "100 %")."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        a, b = self.data(Qt.ItemDataRole.UserRole), other.data(Qt.ItemDataRole.UserRole)
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return a < b
        return super().__lt__(other)


class SidePanel(QTabWidget):
    day_selected = Signal(object)  # a date: the grid scrolls to it
    gap_selected = Signal(object)  # a Gap: the grid shows its cell

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
        self.loads.setHorizontalHeaderLabels([_("Personne"), _("Heures"), _("Cible"), _("% cible")])
        self.loads.verticalHeader().setVisible(False)
        self.loads.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.loads.setSortingEnabled(True)
        header = self.loads.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.loads.setWordWrap(False)
        self.loads.verticalHeader().setDefaultSectionSize(22)
        self.chart = QChart()
        self.chart.setTitle(_("Répartition : heures attribuées par rapport à la cible"))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setMargins(QMargins(0, 0, 0, 0))
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(240)
        self.spread: list[int] = []
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.loads)
        split.addWidget(self.chart_view)
        split.setSizes([340, 260])
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
            item.setData(DAY_ROLE + 2, g)
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
        self.gap_selected.emit(item.data(DAY_ROLE + 2))

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
                item = _NumberItem(text) if j else QTableWidgetItem(text)
                if j:
                    # no target: sorted after everyone (nothing to compare against)
                    item.setData(Qt.ItemDataRole.UserRole, [x.minutes, x.minutes, target or 0,
                                                            x.ratio if x.ratio is not None else 99.0][j])
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if target and x.minutes > target:
                    item.setForeground(QColor("#a15c00"))
                self.loads.setItem(i, j, item)
        self.loads.setSortingEnabled(True)
        self.loads.sortItems(3, Qt.SortOrder.AscendingOrder)  # the furthest below target first
        self._fill_chart(loads)

    def _fill_chart(self, loads) -> None:
        """The spread of loads: how many people got what share of their target, in bands
        (a fair roster puts nearly everyone in the middle band)."""
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        ratios = [x.minutes / x.target_minutes for x in loads if x.target_minutes]
        if not ratios:
            return
        counts = [sum(1 for r in ratios if lo <= r < hi) for lo, hi, _label, _color in SPREAD_BANDS]
        series = QStackedBarSeries()  # one coloured set per band, each only in its own column
        series.setBarWidth(0.8)
        for i, (_lo, _hi, label, color) in enumerate(SPREAD_BANDS):
            bar = QBarSet(label)
            bar.setColor(QColor(color))
            bar.append([counts[j] if j == i else 0 for j in range(len(SPREAD_BANDS))])
            series.append(bar)
        series.setLabelsVisible(False)
        self.chart.addSeries(series)
        self.chart.legend().setVisible(False)
        bands = QBarCategoryAxis()
        bands.append([label for _lo, _hi, label, _color in SPREAD_BANDS])
        font = bands.labelsFont()
        font.setPointSizeF(7)
        bands.setLabelsFont(font)
        self.chart.setMargins(QMargins(0, 0, 8, 0))
        people = QValueAxis()
        people.setLabelFormat("%d")
        people.setRange(0, max(counts) + 1)
        if max(counts) + 1 <= 10:
            people.setTickCount(max(counts) + 2)  # one tick per person: whole numbers only
        else:
            people.applyNiceNumbers()
        people.setTitleText(_("personnes"))
        bands.setTitleText(_("% de la cible atteint"))
        self.chart.addAxis(bands, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(people, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(bands)
        series.attachAxis(people)
        self.spread = counts
