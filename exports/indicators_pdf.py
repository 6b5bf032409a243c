"""The copil's indicators report as a PDF: a one-page summary with charts, then the detail.

`write_pdf(indicators, path, today)` takes the plain `Indicators` (computed by
`sas_roster.services.indicators.compute`) and writes an A4 portrait document with DejaVu
Sans embedded (French numbers use U+202F).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from sas_roster.domain.activity import WEEKDAYS_FR
from sas_roster.domain.capacity import ROLE_NAMES, PlanHour, PlanResult, combined_service_level
from sas_roster.domain.enums import Role
from sas_roster.domain.indicators import MONTHS_FR, Indicators

from . import indicators_charts as charts
from .indicators_format import hours, long_date, money, number, percent, register_fonts

ROLE_TITLE = {Role.REGULATOR: "Régulateurs", Role.EFFECTOR: "Effecteurs", Role.OSNP: "OSNP"}
HEAD_FILL = colors.HexColor("#DCE6F1")
WIDTH = A4[0] - 30 * mm


class _Styles:
    def __init__(self, font: str, bold: str) -> None:
        self.font, self.bold = font, bold
        self.title = ParagraphStyle("title", fontName=bold, fontSize=15, leading=18, spaceAfter=2)
        self.subtitle = ParagraphStyle("subtitle", fontName=font, fontSize=8.5, leading=11, textColor=charts.GREY)
        self.h2 = ParagraphStyle("h2", fontName=bold, fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=4,
                                 textColor=charts.BLUE)
        self.body = ParagraphStyle("body", fontName=font, fontSize=8.5, leading=11)
        self.small = ParagraphStyle("small", fontName=font, fontSize=7.5, leading=9.5, textColor=charts.GREY)
        self.kpi_value = ParagraphStyle("kv", fontName=bold, fontSize=15, leading=18, alignment=TA_CENTER,
                                        textColor=charts.BLUE)
        self.kpi_label = ParagraphStyle("kl", fontName=font, fontSize=7.2, leading=9, alignment=TA_CENTER)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _table(rows: list[list[Any]], widths: list[float] | None, st: _Styles, *, numeric_from: int = 1) -> Table:
    t = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), st.font),
        ("FONTNAME", (0, 0), (-1, 0), st.bold),
        ("FONTSIZE", (0, 0), (-1, -1), 7.8),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("ALIGN", (numeric_from, 1), (-1, -1), "RIGHT"),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#B0B0B0")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return t


def _kpis(ind: Indicators, st: _Styles) -> Table:
    uncovered = ind.uncovered(Role.REGULATOR) + ind.uncovered(Role.OSNP)
    cells = [
        (percent(ind.coverage(Role.REGULATOR)), "de la régulation libérale couverte"),
        (percent(ind.coverage(Role.OSNP)), "des heures OSNP couvertes"),
        (number(uncovered), "heures non couvertes (régulation + OSNP)"),
        (number(ind.activity.calls_received), "appels reçus"),
        (percent(ind.activity.answer_rate), "d'appels décrochés"),
        (percent(ind.no_show_rate, 1), "de rendez-vous non honorés"),
    ]
    row = [[Paragraph(v, st.kpi_value), Paragraph(label, st.kpi_label)] for v, label in cells]
    t = Table([row], colWidths=[WIDTH / len(cells)] * len(cells))
    t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.4, charts.LIGHT),
                           ("INNERGRID", (0, 0), (-1, -1), 0.4, charts.LIGHT),
                           ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return t


def _recruitment_text(ind: Indicators) -> str:
    parts = []
    for role, title in ((Role.REGULATOR, "régulateurs"), (Role.OSNP, "OSNP")):
        est = ind.recruitment.get(role)
        if est is None or not est.uncovered_hours:
            continue
        if est.extra_doctors is None:
            parts.append(f"{title} : {number(est.uncovered_hours)} h non couvertes, et aucune disponibilité "
                         "déclarée ne tombe sur ces heures : pas d'estimation possible.")
        else:
            parts.append(f"{title} : environ <b>{est.extra_doctors} de plus</b> couvriraient les "
                         f"{number(est.uncovered_hours)} h restantes (chacun apportant "
                         f"{number(est.hours_per_new_doctor, 1)} h utiles, comme la moyenne d'aujourd'hui).")
    year, month = ind.recruitment_month
    head = f"En {MONTHS_FR[month - 1]} {year}, " if len(ind.months) > 1 else ""
    return _cap(head + (" ".join(parts) or "toutes les heures demandées sont couvertes : aucun recrutement "
                                            "nécessaire."))


def _summary(ind: Indicators, st: _Styles, today: date) -> list[object]:
    sources = ind.sources_text()
    half = (WIDTH - 6 * mm) / 2
    grid = Table([
        [charts.coverage_chart(ind, half, 62 * mm, st.font, st.bold),
         charts.calls_chart(ind, half, 62 * mm, st.font, st.bold)],
        [charts.causes_chart(ind, half, 58 * mm, st.font, st.bold),
         charts.hours_chart(ind, Role.REGULATOR, half, 58 * mm, st.font, st.bold)],
    ], colWidths=[half + 3 * mm, half + 3 * mm])
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    spread = ind.spreads[Role.REGULATOR]
    return [
        Paragraph(f"Indicateurs du SAS — {ind.association}", st.title),
        Paragraph(f"{_cap(ind.period.label)} · édité le {long_date(today)} · plannings lus : {sources}",
                  st.subtitle),
        Spacer(1, 5 * mm), _kpis(ind, st), Spacer(1, 5 * mm), grid, Spacer(1, 3 * mm),
        Paragraph(f"<b>Équipes.</b> {ind.working[Role.REGULATOR]} régulateurs sur {ind.pool[Role.REGULATOR]} "
                  f"inscrits ont régulé, {ind.working[Role.OSNP]} OSNP sur {ind.pool[Role.OSNP]}, "
                  f"{ind.working[Role.EFFECTOR]} effecteurs d'astreinte sur {ind.pool[Role.EFFECTOR]}. "
                  f"Heures par régulateur : moyenne {hours(round(spread.mean, 1))}, de {hours(spread.minimum)} à "
                  f"{hours(spread.maximum)} (écart-type {number(spread.stdev, 1)} h). "
                  f"Astreintes d'effecteurs non pourvues : {ind.oncall_missing} sur {ind.oncall_required}.", st.body),
        Spacer(1, 2 * mm),
        Paragraph(f"<b>Recrutement.</b> {_recruitment_text(ind)}", st.body),
        Spacer(1, 2 * mm),
        Paragraph(f"<b>États et budget.</b> {_money_line(ind)}", st.body),
    ] + ([Spacer(1, 2 * mm), Paragraph(f"<b>Capacité.</b> {_capacity_line(ind.capacity)}", st.body)]
         if ind.capacity is not None else [])


def _money_line(ind: Indicators) -> str:
    if not ind.money.available:
        return _cap(ind.money.note)
    if not ind.statements:
        text = "Aucun état de régulation ni d'indemnité sur la période"
        text += f" ({ind.money.note})." if ind.money.note else "."
    else:
        total = sum((s.amount for s in ind.statements), start=Decimal("0.00"))
        kinds = "; ".join(f"{s.kind.lower()} ({s.payer}) {money(s.amount)}" for s in ind.statements)
        text = f"{money(total)} d'états sur la période : {kinds}."
        if ind.money.note:
            text += f" ({_cap(ind.money.note)}.)"
    planned = sum((b.planned for b in ind.budget), start=Decimal("0.00"))
    if planned:
        used = sum((b.committed + b.spent for b in ind.budget), start=Decimal("0.00"))
        text += f" Budget de l'année : {money(used)} engagés ou dépensés sur {money(planned)} prévus."
    return text


def _detail(ind: Indicators, st: _Styles) -> list[object]:
    out: list[object] = [Paragraph("Continuité des soins", st.h2)]
    rows: list[list[Any]] = [["Mois", "Planning lu", "Rôle", "Demandées", "Couvertes", "Non couvertes", "Taux"]]
    for m in ind.months:
        for role in (Role.REGULATOR, Role.OSNP):
            need = m.required.get(role, 0)
            if need:
                rows.append([f"{MONTHS_FR[m.month - 1]} {m.year}", m.source, ROLE_TITLE[role], number(need),
                             number(m.covered.get(role, 0)), number(m.uncovered(role)),
                             percent(m.covered.get(role, 0) / need)])
        if m.oncall_required:
            rows.append([f"{MONTHS_FR[m.month - 1]} {m.year}", m.source, "Astreintes effecteurs",
                         number(m.oncall_required), number(m.oncall_required - m.oncall_missing),
                         number(m.oncall_missing), percent(1 - m.oncall_missing / m.oncall_required)])
    out += [_table(rows, [22 * mm, 38 * mm, 34 * mm, 20 * mm, 20 * mm, 26 * mm, 16 * mm], st, numeric_from=3),
            Paragraph("Heures demandées : une personne pendant une heure, selon la courbe de besoin en vigueur. "
                      "Planning lu : la dernière version publiée, sinon le brouillon.", st.small)]
    causes = ind.uncovered_by_cause()
    if causes:
        out.append(Paragraph("Heures non couvertes par cause", st.h2))
        rows = [["Rôle", "Cause principale", "Heures"]] + [
            [ROLE_TITLE[role], cause, number(n)] for (role, cause), n in causes.items()]
        out += [_table(rows, [30 * mm, 110 * mm, 20 * mm], st, numeric_from=2),
                Paragraph("Cause principale : la raison partagée par le plus grand nombre des personnes qui "
                          "auraient pu prendre l'heure (explication du planning).", st.small)]
    out.append(Paragraph("Équipes et heures par personne", st.h2))
    rows = [["Rôle", "Inscrits actifs", "Ayant travaillé", "Heures", "Moyenne", "Médiane", "Min", "Max",
             "Écart-type"]]
    for role in Role:
        s = ind.spreads[role]
        rows.append([ROLE_TITLE[role], ind.pool[role], ind.working[role], number(s.total, 1), number(s.mean, 1),
                     number(s.median, 1), number(s.minimum, 1), number(s.maximum, 1), number(s.stdev, 1)])
    out.append(_table(rows, None, st))
    for role in Role:
        people = ind.hours.get(role, [])
        if people:
            rows = [["Personne", "Vacations", "Heures"]] + [[p.name, p.shifts, number(p.hours, 1)] for p in people]
            out += [Spacer(1, 2 * mm), Paragraph(ROLE_TITLE[role], st.body),
                    _table(rows, [70 * mm, 22 * mm, 22 * mm], st)]
    out += _activity(ind, st) + _capacity(ind, st) + _money(ind, st) + _method(ind, st)
    return out


def _activity(ind: Indicators, st: _Styles) -> list[object]:
    out: list[object] = [Paragraph("Activité de la plateforme", st.h2)]
    if not ind.activity_by_territory:
        return out + [Paragraph("Aucune activité importée pour cette période "
                                "(sas-roster import activity FICHIER).", st.body)]
    codes = list(ind.activity_by_territory)
    head = ["Indicateur"] + [c or "Département" for c in codes] + ["Total"]
    rows: list[list[Any]] = [head]
    for label, total in ind.activity.items():
        rows.append([label] + [number(dict(ind.activity_by_territory[c].items())[label]) for c in codes]
                    + [number(total)])
    rows.append(["Taux de rendez-vous non honorés"] + [percent(ind.activity_by_territory[c].no_show_rate, 1)
                                                       for c in codes] + [percent(ind.no_show_rate, 1)])
    first = 52 * mm
    out.append(_table(rows, [first] + [(WIDTH - first) / (len(codes) + 1)] * (len(codes) + 1), st))
    if ind.calls_by_weekday_hour:
        hours_ = sorted({h for _, h in ind.calls_by_weekday_hour})
        days = sorted({d for d, _ in ind.calls_by_weekday_hour})
        rows = [["Appels reçus"] + [f"{h}h" for h in hours_]]
        for d in days:
            rows.append([WEEKDAYS_FR[d]] + [number(ind.calls_by_weekday_hour.get((d, h))) if (d, h) in
                                            ind.calls_by_weekday_hour else "" for h in hours_])
        out += [Spacer(1, 3 * mm), KeepTogether([Paragraph("Appels reçus par jour de la semaine et heure", st.body),
                                                 _table(rows, None, st)])]
    return out


def capacity_runs(result: PlanResult) -> list[tuple[str, int, int, int, int, int, float, float]]:
    """(role, weekday, from hour, to hour, today's headcount, computed headcount, today's level,
    computed level) per run of consecutive hours where both headcounts stay the same."""
    runs: list[list[PlanHour]] = []
    for h in sorted(result.hours, key=lambda h: (result.roles.index(h.role), h.weekday, h.hour)):
        last = runs[-1][-1] if runs else None
        if last is not None and (last.role, last.weekday, last.hour + 1, last.current.agents, last.needed.agents) == \
                (h.role, h.weekday, h.hour, h.current.agents, h.needed.agents):
            runs[-1].append(h)
        else:
            runs.append([h])
    return [(g[0].role, g[0].weekday, g[0].hour, g[-1].hour + 1, g[0].current.agents, g[0].needed.agents,
             combined_service_level([h.current for h in g]), combined_service_level([h.needed for h in g]))
            for g in runs]


def _capacity_line(result: PlanResult) -> str:
    p = result.plan
    parts = []
    for role in result.roles:
        name = ROLE_NAMES[role][1]
        now, need = result.agent_hours(role, "current"), result.agent_hours(role, "needed")
        parts.append(f"{name} : {percent(result.service_level(role, 'current'))} des appels décrochés en moins de "
                     f"{number(p.within_seconds)} s avec le besoin actuel ({number(now)} h-personnes par semaine), "
                     f"{percent(result.service_level(role, 'needed'))} avec le besoin calculé ({number(need)} h)")
    return f"Objectif {percent(p.target)} en {number(p.within_seconds)} s (Erlang C) — " + " ; ".join(parts) + "."


def _capacity(ind: Indicators, st: _Styles) -> list[object]:
    result = ind.capacity
    if result is None:
        return []
    out: list[object] = [Paragraph("Capacité d'après les appels (Erlang C)", st.h2),
                         Paragraph(_capacity_line(result), st.body), Spacer(1, 2 * mm)]
    rows: list[list[Any]] = [["Rôle", "Jour", "Heures", "Besoin actuel", "À temps", "Besoin calculé",
                              "À temps"]]
    for role, weekday, start, end, now, need, level_now, level_need in capacity_runs(result):
        rows.append([ROLE_NAMES[role][1], WEEKDAYS_FR[weekday], f"{start}h–{end}h", now, percent(level_now), need,
                     percent(level_need)])
    out.append(_table(rows, [24 * mm, 22 * mm, 22 * mm, 24 * mm, 18 * mm, 24 * mm, 18 * mm], st, numeric_from=3))
    source = (f"appels par heure : moyenne de l'activité importée ({result.plan.activity_period})"
              if result.plan.activity_period else "appels par heure tapés dans le plan")
    roles = ", ".join(f"{ROLE_NAMES[r.role][1]} {number(r.handling_seconds / 60, 1)} min par appel, "
                      f"{percent(r.share)} des appels" for r in result.plan.roles)
    out.append(Paragraph(f"À temps : part des appels de la tranche décrochés dans le délai. Besoin actuel : la courbe de besoin de la semaine du "
                         f"{result.reference_day:%d/%m/%Y} ; {source} ; {roles}. {result.arm_note()}", st.small))
    return out


def _money(ind: Indicators, st: _Styles) -> list[object]:
    out: list[object] = [Paragraph("États de régulation, indemnités et budget", st.h2)]
    if not ind.money.available:
        out.append(Paragraph(_cap(ind.money.note) + ".", st.body))
    else:
        if ind.statements:
            rows = [["État", "Payeur", "Nombre", "Heures", "Montant"]] + [
                [s.kind, s.payer, s.count, number(s.hours, 2), money(s.amount)] for s in ind.statements]
            out.append(_table(rows, None, st, numeric_from=2))
        if ind.money.note:
            out.append(Paragraph(_cap(ind.money.note) + ".", st.small))
        if ind.budget:
            rows = [["Source de financement", "Prévu", "Engagé", "Dépensé", "Reste"], *[
                [b.source, money(b.planned), money(b.committed), money(b.spent), money(b.remaining)]
                for b in ind.budget if b.planned or b.committed or b.spent]]
            out += [Spacer(1, 2 * mm), _table(rows, None, st)]
    out.append(Paragraph("Actes SNP et indicateur 9", st.h2))
    if not ind.snp.available:
        out.append(Paragraph(_cap(ind.snp.note) + ".", st.body))
        return out
    if ind.snp_rows:
        tiers = sorted({t for r in ind.snp_rows for t in r.tiers}, key=lambda t: float(t.split()[0].replace(",", ".")))
        rows = [["Territoire", "Effecteurs", "Actes SNP"] + [f"palier {t}" for t in tiers]]
        rows += [[r.territory, r.effectors, number(r.acts)] + [r.tiers.get(t, 0) for t in tiers] for r in ind.snp_rows]
        out.append(_table(rows, None, st))
    out.append(Paragraph(_cap(ind.snp.note) + ".", st.small))
    return out


def _method(ind: Indicators, st: _Styles) -> list[object]:
    return [Paragraph("Méthode", st.h2), Paragraph(
        "Recrutement : un nouveau médecin est supposé disponible comme la moyenne des médecins d'aujourd'hui. "
        "Seules ses heures disponibles tombant sur une heure encore non couverte servent, et personne ne dépasse "
        "son engagement mensuel ; le nombre proposé est le total d'heures non couvertes divisé par ces heures "
        "utiles, arrondi au-dessus. C'est un ordre de grandeur. Activité : chiffres agrégés importés du logiciel "
        "de la plateforme, jamais de données de patients.", st.small)]


def write_pdf(ind: Indicators, path: str | Path, today: date | None = None) -> Path:
    font, bold = register_fonts()
    st = _Styles(font, bold)
    path = Path(path)
    today = today or date.today()

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 7)
        canvas.setFillColor(charts.GREY)
        canvas.drawString(15 * mm, 8 * mm, f"{ind.association} — indicateurs — {ind.period.label}")
        canvas.drawRightString(A4[0] - 15 * mm, 8 * mm, f"page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=12 * mm,
                            bottomMargin=14 * mm, title=f"Indicateurs {ind.period.label} — {ind.association}",
                            author=ind.association, subject="Indicateurs du SAS pour le comité de pilotage")
    doc.build(_summary(ind, st, today) + [PageBreak()] + _detail(ind, st), onFirstPage=footer, onLaterPages=footer)
    return path
