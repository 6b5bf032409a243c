"""The charts of the indicators report, as ReportLab drawings (vector, embedded in the PDF)."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors

from sas_roster.domain.enums import Role
from sas_roster.domain.indicators import MONTHS_FR, Indicators

from .indicators_format import number

BLUE = colors.HexColor("#2F5D8C")
LIGHT = colors.HexColor("#A9C4E0")
RED = colors.HexColor("#C0504D")
GREEN = colors.HexColor("#4F8A55")
GREY = colors.HexColor("#7F7F7F")
ROLE_FR = {Role.REGULATOR: "Régulation", Role.OSNP: "OSNP"}


def _title(d: Drawing, text: str, font: str) -> None:
    d.add(String(0, d.height - 11, text, fontName=font, fontSize=9.5, fillColor=colors.black))


def _style(chart: VerticalBarChart | HorizontalBarChart, font: str) -> None:
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.forceZero = True
    chart.valueAxis.labelTextFormat = lambda v: number(v)
    chart.categoryAxis.strokeColor = GREY
    chart.valueAxis.strokeColor = GREY


def _empty(d: Drawing, font: str, text: str) -> Drawing:
    d.add(String(d.width / 2, d.height / 2, text, fontName=font, fontSize=8, fillColor=GREY, textAnchor="middle"))
    return d


def coverage_chart(ind: Indicators, width: float, height: float, font: str, bold: str) -> Drawing:
    """Demand-hours required and covered per role (per month when the period has several)."""
    d = Drawing(width, height)
    _title(d, "Continuité : heures demandées, couvertes", bold)
    roles = [r for r in (Role.REGULATOR, Role.OSNP) if ind.required(r)]
    if not roles:
        return _empty(d, font, "aucune heure demandée sur la période")
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 34, 40, width - 44, height - 68
    if len(ind.months) == 1:
        chart.data = [[ind.required(r) for r in roles], [ind.covered(r) for r in roles]]
        chart.categoryAxis.categoryNames = [ROLE_FR[r] for r in roles]
        names = ["demandées", "couvertes"]
        fills = [LIGHT, BLUE]
    else:
        chart.data = [[m.required.get(r, 0) for m in ind.months] for r in roles] + \
            [[m.covered.get(r, 0) for m in ind.months] for r in roles]
        chart.categoryAxis.categoryNames = [_month_label(m.month, len(ind.months)) for m in ind.months]
        names = [f"{ROLE_FR[r]} demandées" for r in roles] + [f"{ROLE_FR[r]} couvertes" for r in roles]
        fills = [LIGHT, colors.HexColor("#F2C7A5")][:len(roles)] + [BLUE, colors.HexColor("#D9822B")][:len(roles)]
    for n, fill in enumerate(fills):
        chart.bars[n].fillColor = fill
        chart.bars[n].strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 6
    _style(chart, font)
    d.add(chart)
    d.add(_legend(list(zip(fills, names, strict=True)), 34, 18 if len(names) > 2 else 12, font))
    return d


def _legend(items: list[tuple[colors.Color, str]], x: float, y: float, font: str) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName = font
    legend.fontSize = 7
    legend.alignment = "right"
    legend.columnMaximum = 1 if len(items) <= 2 else 2
    legend.dx = legend.dy = 6
    legend.deltax = 86 if len(items) <= 2 else 98
    legend.deltay = 9
    legend.colorNamePairs = items
    return legend


def calls_chart(ind: Indicators, width: float, height: float, font: str, bold: str) -> Drawing:
    d = Drawing(width, height)
    _title(d, "Appels reçus par heure", bold)
    if not ind.calls_by_hour:
        return _empty(d, font, "activité par heure non importée")
    hours = sorted(ind.calls_by_hour)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 34, 20, width - 44, height - 44
    chart.data = [[ind.calls_by_hour[h] for h in hours]]
    chart.categoryAxis.categoryNames = [f"{h}h" for h in hours]
    chart.bars[0].fillColor = BLUE
    chart.bars[0].strokeColor = None
    _style(chart, font)
    d.add(chart)
    return d


def causes_chart(ind: Indicators, width: float, height: float, font: str, bold: str) -> Drawing:
    d = Drawing(width, height)
    _title(d, "Heures non couvertes par cause", bold)
    causes = list(ind.uncovered_by_cause().items())
    causes.sort(key=lambda kv: -kv[1])
    causes = causes[:6]
    if not causes:
        return _empty(d, font, "toutes les heures demandées sont couvertes")
    chart = HorizontalBarChart()
    label_width = min(190.0, width * 0.55)
    chart.x, chart.y, chart.width, chart.height = label_width, 8, width - label_width - 14, height - 30
    chart.data = [[n for _, n in reversed(causes)]]
    chart.categoryAxis.categoryNames = [_short(f"{ROLE_FR.get(role, role.label_fr)} : {cause}", 48)
                                        for (role, cause), _ in reversed(causes)]
    chart.bars[0].fillColor = RED
    chart.bars[0].strokeColor = None
    chart.barWidth = 10
    chart.groupSpacing = max(4.0, (chart.height - 10 * len(causes)) / max(1, len(causes)))
    _style(chart, font)
    chart.categoryAxis.labels.fontSize = 6.5
    d.add(chart)
    return d


def hours_chart(ind: Indicators, role: Role, width: float, height: float, font: str, bold: str) -> Drawing:
    """Hours of each person of `role`, highest first, with the mean as a line."""
    d = Drawing(width, height)
    label = "régulateur" if role is Role.REGULATOR else role.label_fr
    _title(d, f"Heures par {label} (une barre par personne)", bold)
    people = ind.hours.get(role, [])
    if not people:
        return _empty(d, font, "aucune heure sur la période")
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 34, 14, width - 44, height - 38
    chart.data = [[p.hours for p in people]]
    chart.categoryAxis.categoryNames = ["" for _ in people]
    chart.bars[0].fillColor = GREEN
    chart.bars[0].strokeColor = None
    chart.barSpacing = 1
    _style(chart, font)
    d.add(chart)
    top = max(p.hours for p in people)
    mean = ind.spreads[role].mean
    if top:
        chart.valueAxis.valueMin = 0
        chart.valueAxis.valueMax = top * 1.1
        y = chart.y + chart.height * mean / (top * 1.1)
        d.add(Line(chart.x, y, chart.x + chart.width, y, strokeColor=RED, strokeDashArray=[3, 2]))
        d.add(String(chart.x + chart.width, y + 2, f"moyenne {number(mean, 1)} h", fontName=font, fontSize=7,
                     fillColor=RED, textAnchor="end"))
    return d


def _month_label(month: int, count: int) -> str:
    name = MONTHS_FR[month - 1]
    if count > 6:
        return name[0].upper()  # J F M A M J J A S O N D: twelve groups of bars leave no room
    return name if len(name) <= 4 else name[:4].rstrip("é") + "."


def _short(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
