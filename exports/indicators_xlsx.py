"""The indicators as a workbook: one sheet per part, real numbers (not text) so the copil's
secretary can chart and total them; percentages as Excel percentages, money in euros."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sas_roster.domain.activity import WEEKDAYS_FR
from sas_roster.domain.capacity import ROLE_NAMES
from sas_roster.domain.enums import Role
from sas_roster.domain.indicators import MONTHS_FR, Indicators

ROLE_TITLE = {Role.REGULATOR: "Régulateurs", Role.EFFECTOR: "Effecteurs", Role.OSNP: "OSNP"}
_FILL = PatternFill("solid", fgColor="DCE6F1")
_PERCENT = "0.0 %"
_EUROS = '#,##0.00 "€"'


def _sheet(book: Workbook, title: str, headers: list[str], rows: list[list[object]],
           formats: dict[int, str] | None = None) -> Worksheet:
    ws: Worksheet = book.create_sheet(title)
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = _FILL
    for row in rows:
        ws.append([float(v) if isinstance(v, Decimal) else v for v in row])
    for col, fmt in (formats or {}).items():
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = fmt
    for n, header in enumerate(headers, start=1):
        width = max([len(str(header))] + [len(str(r[n - 1])) for r in rows if n - 1 < len(r) and r[n - 1] is not None])
        ws.column_dimensions[get_column_letter(n)].width = min(60, max(10, width + 2))
    ws.freeze_panes = "A2"
    return ws


def write_xlsx(ind: Indicators, path: str | Path) -> Path:
    path = Path(path)
    book = Workbook()
    summary = book.active
    assert isinstance(summary, Worksheet)
    summary.title = "Synthèse"
    summary.append([f"Indicateurs du SAS — {ind.association}"])
    summary["A1"].font = Font(bold=True, size=13)
    summary.append([ind.period.label])
    summary.append([])
    summary.append(["Indicateur", "Valeur"])
    for cell in summary[4]:
        cell.font = Font(bold=True)
        cell.fill = _FILL
    lines: list[tuple[str, object, str | None]] = [
        ("Heures de régulation demandées", ind.required(Role.REGULATOR), None),
        ("Heures de régulation couvertes", ind.covered(Role.REGULATOR), None),
        ("Taux de couverture de la régulation", ind.coverage(Role.REGULATOR), _PERCENT),
        ("Heures OSNP demandées", ind.required(Role.OSNP), None),
        ("Heures OSNP couvertes", ind.covered(Role.OSNP), None),
        ("Taux de couverture OSNP", ind.coverage(Role.OSNP), _PERCENT),
        ("Astreintes d'effecteurs demandées", ind.oncall_required, None),
        ("Astreintes d'effecteurs non pourvues", ind.oncall_missing, None),
        *((f"{ROLE_TITLE[r]} inscrits actifs", ind.pool[r], None) for r in Role),
        *((f"{ROLE_TITLE[r]} ayant travaillé", ind.working[r], None) for r in Role),
        *((label, value, None) for label, value in ind.activity.items()),
        ("Taux de décroché", ind.activity.answer_rate, _PERCENT),
        ("Taux de rendez-vous non honorés", ind.no_show_rate, _PERCENT),
        *((f"Recrutement estimé ({ROLE_TITLE[r]}, {MONTHS_FR[ind.recruitment_month[1] - 1]} "
           f"{ind.recruitment_month[0]})", est.extra_doctors, None) for r, est in ind.recruitment.items()),
    ]
    for label, value, fmt in lines:
        summary.append([label, value])
        if fmt:
            summary.cell(row=summary.max_row, column=2).number_format = fmt
    summary.column_dimensions["A"].width = 52
    summary.column_dimensions["B"].width = 14

    rows: list[list[object]] = []
    for m in ind.months:
        for role in (Role.REGULATOR, Role.OSNP):
            need = m.required.get(role, 0)
            rows.append([f"{m.year:04d}-{m.month:02d}", m.source, ROLE_TITLE[role], need, m.covered.get(role, 0),
                         m.uncovered(role), m.covered.get(role, 0) / need if need else None])
        rows.append([f"{m.year:04d}-{m.month:02d}", m.source, "Astreintes effecteurs", m.oncall_required,
                     m.oncall_required - m.oncall_missing, m.oncall_missing,
                     1 - m.oncall_missing / m.oncall_required if m.oncall_required else None])
    _sheet(book, "Continuité", ["Mois", "Planning lu", "Rôle", "Demandées", "Couvertes", "Non couvertes", "Taux"],
           rows, {7: _PERCENT})
    _sheet(book, "Causes", ["Rôle", "Cause principale", "Heures non couvertes"],
           [[ROLE_TITLE[r], cause, n] for (r, cause), n in ind.uncovered_by_cause().items()])
    _sheet(book, "Heures par personne", ["Rôle", "Personne", "Vacations", "Heures"],
           [[ROLE_TITLE[r], p.name, p.shifts, round(p.hours, 2)] for r in Role for p in ind.hours[r]])
    _sheet(book, "Répartition", ["Rôle", "Personnes", "Heures", "Moyenne", "Médiane", "Min", "Max", "Écart-type",
                                 "Coefficient de variation"],
           [[ROLE_TITLE[r], s.count, s.total, s.mean, s.median, s.minimum, s.maximum, s.stdev, s.variation]
            for r, s in ind.spreads.items()], {9: _PERCENT})
    codes = list(ind.activity_by_territory)
    _sheet(book, "Activité", ["Indicateur", *[c or "Département" for c in codes], "Total"],
           [[label, *[dict(ind.activity_by_territory[c].items())[label] for c in codes], total]
            for label, total in ind.activity.items()])
    hours = sorted({h for _, h in ind.calls_by_weekday_hour})
    _sheet(book, "Appels par heure", ["Jour", *[f"{h}h" for h in hours]],
           [[WEEKDAYS_FR[d], *[ind.calls_by_weekday_hour.get((d, h)) for h in hours]]
            for d in sorted({d for d, _ in ind.calls_by_weekday_hour})])
    if ind.capacity is not None:
        _sheet(book, "Capacité", ["Rôle", "Jour", "Heure", "Appels", "Charge (Erlangs)", "Besoin actuel",
                                  "Décrochés à temps (actuel)", "Besoin calculé", "Décrochés à temps (calculé)"],
               [[ROLE_NAMES[h.role][1], WEEKDAYS_FR[h.weekday], h.hour, h.calls, h.needed.load, h.current.agents,
                 h.current.service_level, h.needed.agents, h.needed.service_level] for h in ind.capacity.hours],
               {7: _PERCENT, 9: _PERCENT})
    if ind.money.available:
        _sheet(book, "États", ["État", "Payeur", "Nombre", "Heures", "Montant"],
               [[s.kind, s.payer, s.count, s.hours, s.amount] for s in ind.statements], {5: _EUROS})
        _sheet(book, "Budget", ["Source", "Prévu", "Engagé", "Dépensé", "Reste"],
               [[b.source, b.planned, b.committed, b.spent, b.remaining] for b in ind.budget],
               {2: _EUROS, 3: _EUROS, 4: _EUROS, 5: _EUROS})
    else:
        _sheet(book, "États", ["État"], [[ind.money.note]])
    if ind.snp.available:
        tiers = sorted({t for r in ind.snp_rows for t in r.tiers})
        _sheet(book, "SNP", ["Territoire", "Effecteurs", "Actes SNP", *[f"palier {t}" for t in tiers]],
               [[r.territory, r.effectors, r.acts, *[r.tiers.get(t, 0) for t in tiers]] for r in ind.snp_rows])
    else:
        _sheet(book, "SNP", ["Actes SNP"], [[ind.snp.note]])
    book.save(path)
    return path
