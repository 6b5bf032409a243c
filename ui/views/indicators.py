"""The copil's dashboard: the indicators of the month, its quarter or its year, as key figures
and Qt charts, with the PDF + XLSX report one click away.

The figures come from `services.indicators.compute` (the same numbers as the report); the view
only lays them out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from exports.indicators_format import number, percent
from exports.indicators_report import write_report
from sas_roster.domain.enums import Role
from sas_roster.domain.errors import DomainError
from sas_roster.domain.indicators import MONTHS_FR, Indicators

from ..context import AppContext
from ..dialogs.import_dialog import ImportDialog
from ..i18n import N_, _
from .base import View

PERIODS = (("month", N_("Mois")), ("quarter", N_("Trimestre")), ("year", N_("Année")))
BLUE, LIGHT, RED, GREEN = "#2F5D8C", "#A9C4E0", "#C0504D", "#4F8A55"


def _chart(title: str) -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return chart, view


def _bars(chart: QChart, sets: list[tuple[str, str, list[float]]], categories: list[str],
          horizontal: bool = False) -> None:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    top = 0.0
    for label, color, values in sets:
        bar = QBarSet(label)
        bar.setColor(QColor(color))
        bar.append([float(v) for v in values])
        series.append(bar)
        top = max([top, *values])
    chart.addSeries(series)
    category_axis = QBarCategoryAxis()
    category_axis.append(categories)
    value_axis = QValueAxis()
    value_axis.setRange(0, max(5.0, top * 1.1))  # below 5, whole-number ticks would repeat
    value_axis.setTickCount(6)
    value_axis.setLabelFormat("%d")
    value_axis.applyNiceNumbers()
    chart.addAxis(category_axis, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(category_axis)
    series.attachAxis(value_axis)
    chart.legend().setVisible(len(sets) > 1)


class IndicatorsView(View):
    key = "indicators"
    topics = (AppContext.ROSTER, AppContext.SETTINGS)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, _("Indicateurs"), _("Couverture, équipes et activité pour le comité de pilotage "
                                                   "et l'ARS : le mois affiché, son trimestre ou son année."))
        self.indicators: Indicators | None = None
        self.period_box = QComboBox(objectName="indicatorsPeriod")
        for key, label in PERIODS:
            self.period_box.addItem(_(label), key)
        self.period_box.currentIndexChanged.connect(lambda _i: self.mark_dirty())
        self.export_button = QPushButton(_("Exporter le rapport (PDF + XLSX)…"), objectName="exportIndicators")
        self.export_button.clicked.connect(self._export)
        self.import_button = QPushButton(_("Importer l'activité…"), objectName="importActivity")
        self.import_button.clicked.connect(lambda: self.import_activity())
        self.header.addWidget(self.period_box)
        self.header.addWidget(self.import_button)
        self.header.addWidget(self.export_button)

        self.kpis: dict[str, QLabel] = {}
        kpi_row = QGridLayout()
        for column, (key, caption) in enumerate((
                ("regulation", N_("de la régulation couverte")), ("osnp", N_("des heures OSNP couvertes")),
                ("uncovered", N_("heures non couvertes")), ("calls", N_("appels reçus")),
                ("answered", N_("d'appels décrochés")), ("no_show", N_("de rendez-vous non honorés")))):
            frame = QFrame(objectName="kpi")
            frame.setStyleSheet("QFrame#kpi { border: 1px solid #A9C4E0; border-radius: 4px; }")
            box = QVBoxLayout(frame)
            value = QLabel("—", alignment=Qt.AlignmentFlag.AlignCenter, objectName=f"kpi-{key}")
            value.setStyleSheet(f"font-size: 20px; font-weight: 700; color: {BLUE}; border: none;")
            text = QLabel(_(caption), alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
            text.setStyleSheet("border: none;")
            box.addWidget(value)
            box.addWidget(text)
            kpi_row.addWidget(frame, 0, column)
            self.kpis[key] = value
        self.body.addLayout(kpi_row)

        grid = QGridLayout()
        self.coverage_chart, coverage_view = _chart(_("Heures de continuité demandées et couvertes"))
        self.calls_chart, calls_view = _chart(_("Appels reçus par heure"))
        self.causes_chart, causes_view = _chart(_("Heures non couvertes par cause"))
        self.hours_chart, hours_view = _chart(_("Heures par régulateur"))
        self.chart_views = [coverage_view, calls_view, causes_view, hours_view]
        for n, view in enumerate(self.chart_views):
            grid.addWidget(view, n // 2, n % 2)
        self.body.addLayout(grid, 1)
        self.summary = QLabel(wordWrap=True, objectName="indicatorsSummary")
        self.body.addWidget(self.summary)

    # ------------------------------------------------------------------ data

    def period_key(self) -> str:
        year, month = self.ctx.year, self.ctx.month
        kind = self.period_box.currentData()
        if kind == "quarter":
            return f"{year:04d}-Q{(month - 1) // 3 + 1}"
        if kind == "year":
            return f"{year:04d}"
        return f"{year:04d}-{month:02d}"

    def reload(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.indicators = self.ctx.services.indicators.compute(self.period_key())
        except DomainError as exc:
            self.indicators = None
            self.summary.setText(str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self._show(self.indicators)

    def _show(self, ind: Indicators) -> None:
        self.kpis["regulation"].setText(percent(ind.coverage(Role.REGULATOR)))
        self.kpis["osnp"].setText(percent(ind.coverage(Role.OSNP)))
        self.kpis["uncovered"].setText(number(ind.uncovered(Role.REGULATOR) + ind.uncovered(Role.OSNP)))
        self.kpis["calls"].setText(number(ind.activity.calls_received))
        self.kpis["answered"].setText(percent(ind.activity.answer_rate))
        self.kpis["no_show"].setText(percent(ind.no_show_rate, 1))
        roles = [r for r in (Role.REGULATOR, Role.OSNP) if ind.required(r)]
        names = {Role.REGULATOR: _("Régulation"), Role.OSNP: _("OSNP")}
        if len(ind.months) == 1:
            _bars(self.coverage_chart, [(_("demandées"), LIGHT, [ind.required(r) for r in roles]),
                                        (_("couvertes"), BLUE, [ind.covered(r) for r in roles])],
                  [names[r] for r in roles])
        else:
            _bars(self.coverage_chart, [(_("demandées"), LIGHT, [sum(m.required.values()) for m in ind.months]),
                                        (_("couvertes"), BLUE, [sum(m.covered.values()) for m in ind.months])],
                  [MONTHS_FR[m.month - 1][:4] for m in ind.months])
        hours = sorted(ind.calls_by_hour)
        _bars(self.calls_chart, [(_("appels"), BLUE, [ind.calls_by_hour[h] for h in hours])], [f"{h}h" for h in hours])
        causes = sorted(ind.uncovered_by_cause().items(), key=lambda kv: kv[1])[-6:]
        _bars(self.causes_chart, [(_("heures"), RED, [n for _, n in causes])],
              [f"{names.get(role, role.label_fr)} : {cause}" for (role, cause), _ in causes], horizontal=True)
        if not causes:  # an empty chart with axes would look like a fault
            self.causes_chart.removeAllSeries()
            for axis in self.causes_chart.axes():
                self.causes_chart.removeAxis(axis)
            self.causes_chart.setTitle(_("Heures non couvertes par cause : aucune, tout est couvert"))
        else:
            self.causes_chart.setTitle(_("Heures non couvertes par cause"))
        people = ind.hours[Role.REGULATOR]
        _bars(self.hours_chart, [(_("heures"), GREEN, [p.hours for p in people])], [p.name.split()[-1] for p in people])
        est = ind.recruitment.get(Role.REGULATOR)
        recruit = ""
        if est is not None and est.extra_doctors:
            recruit = _("Environ {n} régulateur(s) de plus, disponibles comme ceux d'aujourd'hui, couvriraient "
                        "les {hours} h non couvertes.").format(n=est.extra_doctors, hours=number(est.uncovered_hours))
        money = (ind.money.note[:1].upper() + ind.money.note[1:] + ".") if not ind.money.available else ""
        sources = ind.sources_text()
        self.summary.setText(" ".join(t for t in (
            _("{period} — plannings lus : {sources}.").format(period=ind.period.label, sources=sources),
            recruit, money) if t))

    # ------------------------------------------------------------------ import, export

    def import_activity(self, path: str | None = None) -> ImportDialog:
        """The activity file (aggregates from the platform's software), checked then imported."""
        dialog = ImportDialog(self.ctx.services, "activity", self, path=path)
        dialog.accepted.connect(lambda: self._imported(dialog))
        dialog.open()
        return dialog

    def _imported(self, dialog: ImportDialog) -> None:
        self.mark_dirty()
        if dialog.report is not None:
            self.summary.setText(dialog.report.summary())

    def _export(self) -> None:
        if self.indicators is None:
            return
        folder = QFileDialog.getExistingDirectory(self, _("Dossier du rapport"), str(Path.home()))
        written = self.export_to(folder) if folder else None
        if written:
            QMessageBox.information(self, _("Rapport écrit"), _("Rapport écrit :\n{pdf}\n{xlsx}").format(
                pdf=written[0], xlsx=written[1]))

    def export_to(self, folder: str | Path) -> tuple[Path, Path] | None:
        if self.indicators is None:
            return None
        return write_report(self.indicators, folder, self.ctx.today)
