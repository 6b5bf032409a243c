"""Writes an association's setup as the settings file (XLSX, one sheet per part).

`settings export` writes what is stored; `settings template` writes the defaults a new
association starts from, with the usual bridge days of the year proposed (column "Retenu"
at "non": write "oui" to keep one).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sas_roster.domain.departments import time_zone_of
from sas_roster.domain.enums import Role
from sas_roster.domain.errors import ValidationError
from sas_roster.domain.settings import BridgeDay
from sas_roster.domain.setup import AssociationSetup

from .setup_columns import (
    COLUMNS,
    EXPLAIN,
    HANDOVER_LABELS,
    P_DEPARTMENT,
    P_HANDOVER,
    P_NAME,
    P_ON_SITE,
    P_OSNP_DAY,
    P_OSNP_REST,
    P_OSNP_WEEK,
    P_POLICY,
    P_QUOTA,
    P_REG_DAY,
    P_REST,
    P_REST_HOURS,
    P_RETENTION,
    P_TIME_ZONE,
    P_ZONE,
    PARAM,
    PARAMETERS,
    POLICY_LABELS,
    RATE_LABELS,
    REQUIRED,
    ROLE_LABELS,
    ROTA_LABELS,
    SHEET_ASSOCIATION,
    SHEET_BRIDGES,
    SHEET_DEMAND,
    SHEET_HELP,
    SHEET_HOURS,
    SHEET_RATES,
    SHEET_TEMPLATES,
    SHEET_TERRITORIES,
    SHEET_TIERS,
    TERRITORY_KIND_LABELS,
    VALUE,
    WEEKDAY_LONG,
    ZONE_LABELS,
    write_weekdays,
)

_HEADER_FILL = "DCE6F1"
_FORMATS = {"time": "HH:MM", "date": "DD/MM/YYYY", "money": "0.00"}
_ROLE_ORDER = (Role.REGULATOR, Role.OSNP, Role.EFFECTOR)


def write_setup(setup: AssociationSetup, path: str | Path, proposals: Sequence[BridgeDay] = ()) -> Path:
    """Write `setup` to `path` (.xlsx); `proposals` are bridge days offered unticked."""
    from openpyxl import Workbook

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError(f"Extension « {path.suffix or 'aucune'} » non prise en charge pour le fichier de "
                              "paramètres : choisissez .xlsx (un classeur de plusieurs feuilles)")
    book = Workbook()
    _association(book.active, setup)
    s = setup.settings
    _table(book, SHEET_HOURS, [
        (ROLE_LABELS[role], WEEKDAY_LONG[wd], rng.start, rng.end)
        for role in _ROLE_ORDER for wd, rng in sorted(s.opening_hours.get(role, {}).items())
    ], {2: "time", 3: "time"})
    _table(book, SHEET_TERRITORIES, [
        (t.code, t.name, TERRITORY_KIND_LABELS[t.kind], t.oncall_per_day, ROTA_LABELS[t.rota_source])
        for t in setup.territories
    ])
    _table(book, SHEET_TEMPLATES, [
        (ROLE_LABELS[t.role], t.code, t.label, t.start, t.end, write_weekdays(t.weekdays), t.skill)
        for t in sorted(setup.templates, key=lambda t: (_ROLE_ORDER.index(t.role), t.start, t.code))
    ], {3: "time", 4: "time"})
    demand: list[tuple[Any, ...]] = []
    for c in sorted(setup.curves, key=lambda c: _ROLE_ORDER.index(c.role)):
        demand += _curve_rows(ROLE_LABELS[c.role], None, None, None, c.by_weekday)
    for o in setup.overrides:
        demand += _curve_rows(ROLE_LABELS[o.curve.role], o.label, o.start, o.end, o.curve.by_weekday)
    _table(book, SHEET_DEMAND, demand, {2: "date", 3: "date"})
    kept = {b.day for b in s.bridge_days}
    bridges = [(b.day, b.pdsa_from, b.label, "oui") for b in s.bridge_days]
    bridges += [(b.day, b.pdsa_from, b.label, "non") for b in proposals if b.day not in kept]
    _table(book, SHEET_BRIDGES, sorted(bridges, key=lambda r: r[0]), {0: "date", 1: "time"})
    _table(book, SHEET_RATES, [
        (RATE_LABELS[r.kind], float(r.value), r.valid_from, r.note)
        for r in sorted(setup.rates, key=lambda r: (list(RATE_LABELS).index(r.kind), r.valid_from))
    ], {1: "money", 2: "date"})
    _table(book, SHEET_TIERS, [
        (t.valid_from, t.min_acts, t.max_acts, float(t.amount))
        for t in sorted(setup.tiers, key=lambda t: (t.valid_from, t.min_acts))
    ], {0: "date", 3: "money"})
    _help(book.create_sheet(SHEET_HELP))
    book.active = 0
    book.save(path)
    return path


def _curve_rows(role: str, label: str | None, start: date | None, end: date | None,
                by_weekday: dict[int, dict[int, int]]) -> list[tuple[Any, ...]]:
    hours = sorted({h for day in by_weekday.values() for h in day})
    return [(role, label, start, end, f"{h}h", *(by_weekday.get(wd, {}).get(h) for wd in range(7)))
            for h in hours]


def _style_header(sheet: Any, names: Iterable[str], required: tuple[str, ...] = ()) -> None:
    from openpyxl.styles import Font, PatternFill

    for col, name in enumerate(names, start=1):
        cell = sheet.cell(row=1, column=col, value=name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        sheet.column_dimensions[cell.column_letter].width = max(12, min(40, len(name) + 6))
    sheet.freeze_panes = "A2"


def _table(book: Any, title: str, rows: list[tuple[Any, ...]], formats: dict[int, str] | None = None) -> None:
    sheet = book.create_sheet(title)
    columns = COLUMNS[title]
    _style_header(sheet, columns, REQUIRED[title])
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            fmt = (formats or {}).get(c - 1)
            if fmt:
                cell.number_format = _FORMATS[fmt]


def _association(sheet: Any, setup: AssociationSetup) -> None:
    s = setup.settings
    values = {
        P_NAME: s.name, P_DEPARTMENT: s.department, P_ZONE: ZONE_LABELS[s.zone], P_TIME_ZONE: time_zone_of(s.zone),
        P_POLICY: POLICY_LABELS[s.availability_policy], P_HANDOVER: HANDOVER_LABELS[s.handover_policy],
        P_REST: "oui" if s.rest_after_pdsa_night else "non", P_REST_HOURS: s.rest_after_pdsa_hours,
        P_ON_SITE: round(s.remote_min_on_site_share * 100, 2), P_QUOTA: s.default_retiree_quota_hours,
        P_REG_DAY: s.max_regulator_hours_per_day, P_OSNP_DAY: s.osnp_max_hours_per_day,
        P_OSNP_REST: s.osnp_min_rest_hours, P_OSNP_WEEK: s.osnp_max_hours_per_week, P_RETENTION: s.retention_years,
    }
    sheet.title = SHEET_ASSOCIATION
    _style_header(sheet, (PARAM, VALUE, EXPLAIN))
    sheet.column_dimensions["A"].width = 52
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 100
    for r, (name, explanation) in enumerate(PARAMETERS, start=2):
        sheet.cell(row=r, column=1, value=name)
        value = values[name]
        sheet.cell(row=r, column=2, value=value if not isinstance(value, float) or not value.is_integer() else int(value))
        sheet.cell(row=r, column=3, value=explanation)


_HELP = (
    "Fichier de paramètres de l'association : une feuille par partie, à garder et à transmettre.",
    "Importez-le avec : sas-roster settings import FICHIER --dry-run (vérifier), puis sans --dry-run.",
    "L'import est tout ou rien : à la moindre erreur rien n'est enregistré, chaque erreur est listée avec sa "
    "feuille, sa ligne et sa colonne.",
    "",
    "Association : un paramètre par ligne (colonne Valeur).",
    "Horaires : une ligne par rôle (régulateur, OSNP, effecteur) et par jour ouvert ; un jour sans ligne est fermé. "
    "Les jours fériés de la zone et les ponts retenus sont fermés d'office.",
    "Territoires : Type = CPTS, secteur PDSA, unité de soins non programmés ou association de médecins d'urgence ; "
    "Planning des astreintes = planifié par l'association, ou transmis par le territoire (importé : "
    "sas-roster import rota).",
    "Créneaux : Jours = lun-ven, sam, lun, mer, ven … ; Compétence requise facultative (pédiatrie …).",
    "Besoins : effectif requis par heure (8h = de 8h à 9h) et par jour de semaine. Période vide : besoin de base "
    "du rôle ; Période nommée avec Du et Au : besoin daté qui remplace celui de base (épidémie hivernale …). "
    "Case vide : pas de besoin à cette heure.",
    "Ponts : ponts et autres extensions de la PDSA. PDSA dès vide : toute la journée ; une heure (12:00) : "
    "continuité jusqu'à cette heure. Retenu = oui pour le garder, non pour l'écarter (les ponts proposés "
    "d'usage sont à cocher selon le cahier des charges régional).",
    "Taux : montants datés (À partir du) ; un taux n'est jamais supprimé par un import, il est remplacé à sa date.",
    "Indicateur 9 : barème trimestriel des actes SNP (Actes max vide : sans plafond).",
    "Dates JJ/MM/AAAA, heures 8:00 ou 8h30, nombres décimaux avec une virgule ou un point.",
)


def _help(sheet: Any) -> None:
    from openpyxl.styles import Font

    sheet.column_dimensions["A"].width = 140
    for r, line in enumerate(_HELP, start=1):
        cell = sheet.cell(row=r, column=1, value=line)
        if r == 1:
            cell.font = Font(bold=True)
