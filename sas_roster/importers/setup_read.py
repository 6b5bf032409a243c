"""Reads the settings file (see `setup_columns`) into an `AssociationSetup`, listing every
problem with its sheet, row and column (nothing is stored here: the setup service does it,
all or nothing)."""

from __future__ import annotations

import dataclasses
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from sas_roster.domain.demand import DemandCurve, DemandOverride, RotaSource, ShiftTemplate, Territory
from sas_roster.domain.departments import normalise_department, time_zone_of, zone_for_department
from sas_roster.domain.enums import HolidayZone, RateKind, Role, TerritoryKind
from sas_roster.domain.errors import Problem, ValidationError
from sas_roster.domain.rates import DatedRate, Indicator9Tier
from sas_roster.domain.settings import AssociationSettings, BridgeDay, TimeRange
from sas_roster.domain.setup import AssociationSetup

from .parsing import RowReader
from .reading import Row
from .setup_columns import (
    AMOUNT, CODE, COLUMNS, DATE, DAY, DAYS, END, FROM, HANDOVER_ALIASES, HANDOVER_LABELS, HOUR, KEEP, KIND, LABEL,
    MAX_ACTS, MIN_ACTS, NAME, NOTE, ONCALL, P_DEPARTMENT, P_HANDOVER, P_NAME, P_ON_SITE, P_OSNP_DAY, P_OSNP_REST,
    P_OSNP_WEEK, P_POLICY, P_QUOTA, P_REG_DAY, P_REST, P_REST_HOURS, P_RETENTION, P_TIME_ZONE, P_ZONE, PARAM,
    PARAMETERS, PDSA_FROM, PERIOD, POLICY_ALIASES, POLICY_LABELS, RATE_ALIASES, RATE_LABELS, REQUIRED, ROLE, ROTA,
    ROTA_ALIASES, ROTA_LABELS, SHEET_ASSOCIATION, SHEET_BRIDGES, SHEET_DEMAND, SHEET_HELP, SHEET_HOURS, SHEET_RATES,
    SHEET_TEMPLATES, SHEET_TERRITORIES, SHEET_TIERS, SKILL, START, TERRITORY_KIND_ALIASES, TERRITORY_KIND_LABELS,
    UNTIL, VALID_FROM, VALUE, WEEKDAY_SHORT, ZONE_ALIASES, ZONE_LABELS, read_role, read_weekday, read_weekdays,
)
from .values import CellError, fold, is_blank, read_choice, read_count, read_date, read_decimal, read_time, read_yes_no, text

_REQUIRED_SHEETS = (SHEET_ASSOCIATION, SHEET_HOURS, SHEET_TERRITORIES, SHEET_TEMPLATES, SHEET_DEMAND, SHEET_BRIDGES)
_OPTIONAL_SHEETS = (SHEET_RATES, SHEET_TIERS)
Grid = list[tuple[int, list[object]]]
_MONEY = {RateKind.REGULATION_HOURLY, RateKind.CONSULTATION_C, RateKind.COORDINATION_HOURLY, RateKind.SNP_MAJORATION}


@dataclass
class SetupParse:
    setup: AssociationSetup | None
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def read_setup(path: str | Path) -> SetupParse:
    """Read the settings file at `path`. File-level faults raise `ValidationError`; cell
    faults are listed in `.problems` (then `.setup` is None)."""
    path = Path(path)
    sheets = _load(path)
    out = SetupParse(None)
    for name in sheets:
        if name not in _REQUIRED_SHEETS + _OPTIONAL_SHEETS + (SHEET_HELP,):
            out.notes.append(Problem(f"feuille « {name} » non reconnue : ignorée"))
    missing = [n for n in _REQUIRED_SHEETS if n not in sheets]
    if missing:
        raise ValidationError(
            f"Le fichier « {path.name} » ne peut pas être importé : feuille(s) absente(s) : "
            + ", ".join(f"« {m} »" for m in missing) + " (partez du modèle : sas-roster settings template)")
    settings = _association(sheets[SHEET_ASSOCIATION], out)
    parts: dict[str, Any] = {}
    for name, parse in ((SHEET_HOURS, _hours), (SHEET_TERRITORIES, _territories), (SHEET_TEMPLATES, _templates),
                        (SHEET_DEMAND, _demand), (SHEET_BRIDGES, _bridges), (SHEET_RATES, _rates),
                        (SHEET_TIERS, _tiers)):
        parts[name] = _with_sheet(name, sheets.get(name), parse, out)
    if out.problems or settings is None:
        return out
    curves, overrides = parts[SHEET_DEMAND]
    settings = dataclasses.replace(settings, opening_hours=parts[SHEET_HOURS], bridge_days=parts[SHEET_BRIDGES])
    out.setup = AssociationSetup(settings, parts[SHEET_TERRITORIES], parts[SHEET_TEMPLATES], curves, overrides,
                                 parts[SHEET_RATES], parts[SHEET_TIERS])
    return out


# --------------------------------------------------------------------------- file


def _load(path: Path) -> dict[str, list[tuple[int, list[object]]]]:
    from openpyxl import load_workbook

    def fail(reason: str) -> ValidationError:
        return ValidationError(f"Le fichier « {path.name} » ne peut pas être importé : {reason}")

    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise fail(f"extension « {path.suffix or 'aucune'} » non prise en charge ; le fichier de paramètres est "
                   "un classeur Excel (.xlsx) de plusieurs feuilles")
    if not path.is_file():
        raise fail("fichier introuvable")
    if not zipfile.is_zipfile(path):
        raise fail("ce n'est pas un classeur Excel (.xlsx) valide (fichier corrompu ou d'un autre type)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(path, data_only=True)
    except Exception:  # openpyxl raises many kinds on broken files
        raise fail("ce n'est pas un classeur Excel (.xlsx) valide (fichier corrompu ou d'un autre type)") from None
    try:
        known = {fold(n): n for n in _REQUIRED_SHEETS + _OPTIONAL_SHEETS + (SHEET_HELP,)}
        sheets: dict[str, list[tuple[int, list[object]]]] = {}
        rows: list[tuple[int, list[object]]]
        for ws in book.worksheets:
            name = known.get(fold(ws.title), ws.title.strip())
            rows = [(n, list[object](v)) for n, v in enumerate(ws.iter_rows(values_only=True), start=1)
                    if not all(is_blank(x) for x in v)]
            sheets[name] = rows
        return sheets
    finally:
        book.close()


def _rows(sheet: str, grid: list[tuple[int, list[object]]], problems: list[Problem],
          notes: list[Problem]) -> tuple[list[Row], list[str]]:
    """The sheet's rows keyed by column name, and the columns present."""
    columns = COLUMNS[sheet]
    by_fold = {fold(c): c for c in columns}
    for index, (number, values) in enumerate(grid[:5]):
        found = {by_fold[fold(text(v) or "")]: i for i, v in enumerate(values) if fold(text(v) or "") in by_fold}
        if all(c in found for c in REQUIRED[sheet]):
            for i, v in enumerate(values):
                if not is_blank(v) and fold(text(v) or "") not in by_fold:
                    notes.append(Problem(f"colonne « {text(v)} » non reconnue : ignorée", number, sheet=sheet))
            rows = [Row(n, {c: (vals[i] if i < len(vals) else None) for c, i in found.items()})
                    for n, vals in grid[index + 1:]]
            return [r for r in rows if not all(is_blank(v) for v in r.cells.values())], list(found)
    if grid:
        names = ", ".join(f"« {c} »" for c in REQUIRED[sheet])
        problems.append(Problem(f"ligne d'en-tête introuvable : colonnes attendues {names}", sheet=sheet))
    return [], []


def _with_sheet(sheet: str, grid: Grid | None, parse: Callable[..., Any], out: SetupParse) -> Any:
    problems: list[Problem] = []
    rows, present = _rows(sheet, grid or [], problems, out.notes)
    value = parse(rows, present, problems)
    out.problems += [dataclasses.replace(p, sheet=sheet) for p in problems]
    return value


# --------------------------------------------------------------------------- "Association"


def _association(grid: Grid, out: SetupParse) -> AssociationSettings | None:
    by_name = {fold(name): name for name, _ in PARAMETERS}
    cells: dict[str, tuple[int, object]] = {}
    header_skipped = False
    for number, values in grid:
        key = fold((text(values[0]) or "") if values else "")
        if not header_skipped and key == fold(PARAM):
            header_skipped = True
            continue
        name = by_name.get(key)
        if name is None:
            if key:
                out.notes.append(Problem(f"paramètre « {text(values[0])} » non reconnu : ignoré", number,
                                         sheet=SHEET_ASSOCIATION))
            continue
        cells[name] = (number, values[1] if len(values) > 1 else None)
    problems: list[Problem] = []
    defaults = AssociationSettings(name="")

    def get(name: str, reader: Callable[[object], Any], default: Any = None, required: bool = False) -> Any:
        number, raw = cells.get(name, (None, None))
        if is_blank(raw):
            if required:
                problems.append(Problem("valeur obligatoire manquante", number, name))
            return default
        try:
            return reader(raw)
        except CellError as err:
            problems.append(Problem(str(err), number, name))
            return default

    name = get(P_NAME, lambda v: text(v) or "", "", required=True)
    department = get(P_DEPARTMENT, lambda v: text(v) or "", "")
    zone_typed = get(P_ZONE, lambda v: read_choice(v, ZONE_ALIASES, list(ZONE_LABELS.values()), "zone"))
    from_department = zone_for_department(department) if department else None
    zone = zone_typed or from_department
    zone_clash = bool(zone_typed and from_department and zone_typed is not from_department)
    if zone_clash:
        assert zone_typed is not None and from_department is not None
        problems.append(Problem(f"la zone {ZONE_LABELS[zone_typed]} ne correspond pas au département {department} "
                                f"({ZONE_LABELS[from_department]})", cells[P_ZONE][0], P_ZONE))
    if zone is None:
        if department:
            problems.append(Problem(f"département « {department} » inconnu : indiquez son code (57, 974, 2A …) ou la "
                                    "zone des jours fériés", cells.get(P_DEPARTMENT, (None,))[0], P_DEPARTMENT))
        zone = HolidayZone.METROPOLE
    if department and normalise_department(department):
        department = normalise_department(department) or department
    tz = get(P_TIME_ZONE, lambda v: text(v) or "")
    if tz and tz != time_zone_of(zone) and not zone_clash:
        problems.append(Problem(f"le fuseau horaire découle de la zone ({time_zone_of(zone)}), pas « {tz} »",
                                cells[P_TIME_ZONE][0], P_TIME_ZONE))
    share = get(P_ON_SITE, read_decimal, Decimal(str(round(defaults.remote_min_on_site_share * 100, 2))))
    if not 0 <= share <= 100:
        problems.append(Problem("un pourcentage entre 0 et 100 est attendu", cells[P_ON_SITE][0], P_ON_SITE))
    settings = AssociationSettings(
        name=name, department=department, zone=zone,
        availability_policy=get(P_POLICY, lambda v: read_choice(v, POLICY_ALIASES, list(POLICY_LABELS.values()),
                                                                 "politique"), defaults.availability_policy),
        handover_policy=get(P_HANDOVER, lambda v: read_choice(v, HANDOVER_ALIASES, list(HANDOVER_LABELS.values()),
                                                               "relais"), defaults.handover_policy),
        rest_after_pdsa_night=get(P_REST, read_yes_no, defaults.rest_after_pdsa_night),
        rest_after_pdsa_hours=get(P_REST_HOURS, read_count, defaults.rest_after_pdsa_hours),
        remote_min_on_site_share=float(share) / 100,
        default_retiree_quota_hours=get(P_QUOTA, read_count),
        max_regulator_hours_per_day=get(P_REG_DAY, read_count, defaults.max_regulator_hours_per_day),
        osnp_max_hours_per_day=get(P_OSNP_DAY, read_count, defaults.osnp_max_hours_per_day),
        osnp_min_rest_hours=get(P_OSNP_REST, read_count, defaults.osnp_min_rest_hours),
        osnp_max_hours_per_week=get(P_OSNP_WEEK, read_count, defaults.osnp_max_hours_per_week),
        retention_years=get(P_RETENTION, read_count, defaults.retention_years),
    )
    for p in (settings.max_regulator_hours_per_day, settings.osnp_max_hours_per_day):
        if p > 24:
            problems.append(Problem(f"{p} h dans une journée : impossible", field=P_REG_DAY))
    out.problems += [dataclasses.replace(p, sheet=SHEET_ASSOCIATION) for p in problems]
    return None if problems else settings


# --------------------------------------------------------------------------- tables


def _range(r: RowReader, start_col: str, end_col: str) -> TimeRange | None:
    start = r.get(start_col, read_time, required=True)
    end = r.get(end_col, lambda v: read_time(v, allow_24=True), required=True)
    if start is None or end is None:
        return None
    if not start < end:
        r.fail(end_col, f"la fin ({end:%H:%M}) doit suivre le début ({start:%H:%M})")
        return None
    return TimeRange(start, end)


def _hours(rows: list[Row], present: list[str], problems: list[Problem]) -> dict[Role, dict[int, TimeRange]]:
    out: dict[Role, dict[int, TimeRange]] = {}
    seen: dict[tuple[Role, int], int] = {}
    for row in rows:
        r = RowReader(row, problems, present)
        role, day, rng = r.get(ROLE, read_role, required=True), r.get(DAY, read_weekday, required=True), _range(r, START, END)
        if role is None or day is None or rng is None:
            continue
        if (role, day) in seen:
            r.fail(DAY, f"{ROLE_FR(role)} le {WEEKDAY_SHORT[day]} : déjà à la ligne {seen[(role, day)]}")
            continue
        seen[(role, day)] = row.number
        out.setdefault(role, {})[day] = rng
    return out


def ROLE_FR(role: Role) -> str:  # noqa: N802 - reads as the label it is
    return role.label_fr


def _territory_kind(v: object) -> TerritoryKind:
    return cast(TerritoryKind, read_choice(v, TERRITORY_KIND_ALIASES, list(TERRITORY_KIND_LABELS.values()),
                                           "type de territoire"))


def _rota_source(v: object) -> RotaSource:
    return cast(RotaSource, read_choice(v, ROTA_ALIASES, list(ROTA_LABELS.values()), "planning"))


def _rate_kind(v: object) -> RateKind:
    return cast(RateKind, read_choice(v, RATE_ALIASES, list(RATE_LABELS.values()), "taux"))


def _territories(rows: list[Row], present: list[str], problems: list[Problem]) -> list[Territory]:
    out: list[Territory] = []
    seen: dict[str, int] = {}
    for row in rows:
        r = RowReader(row, problems, present)
        code, name = r.text(CODE, required=True), r.text(NAME, required=True)
        kind = r.get(KIND, _territory_kind) or TerritoryKind.CPTS
        oncall = r.get(ONCALL, read_count)
        rota = r.get(ROTA, _rota_source) or RotaSource.ASSOCIATION
        if code and fold(code) in seen:
            r.fail(CODE, f"territoire {code} en double : déjà à la ligne {seen[fold(code)]}")
        if r.failed or not code or not name:
            continue
        seen[fold(code)] = row.number
        out.append(Territory(code, name, 1 if oncall is None else oncall, rota, kind))
    return out


def _templates(rows: list[Row], present: list[str], problems: list[Problem]) -> list[ShiftTemplate]:
    out: list[ShiftTemplate] = []
    seen: dict[tuple[Role, str], int] = {}
    for row in rows:
        r = RowReader(row, problems, present)
        role, code = r.get(ROLE, read_role, required=True), r.text(CODE, required=True)
        label = r.text(LABEL)
        rng = _range(r, START, END)
        days = r.get(DAYS, read_weekdays)
        skill = r.text(SKILL)
        if role is not None and code and (role, code) in seen:
            r.fail(CODE, f"créneau {code} ({role.label_fr}) en double : déjà à la ligne {seen[(role, code)]}")
        if r.failed or role is None or not code or rng is None:
            continue
        seen[(role, code)] = row.number
        out.append(ShiftTemplate(role, code, label or code, rng.start, rng.end,
                                 frozenset(range(6)) if days is None else days, skill.lower() if skill else None))
    return out


def _hour(value: object) -> int:
    t = read_time(value)
    if t.minute:
        raise CellError(f"« {text(value)} » : une heure pleine est attendue (8h = de 8h à 9h)")
    return t.hour


def _demand(rows: list[Row], present: list[str],
            problems: list[Problem]) -> tuple[list[DemandCurve], list[DemandOverride]]:
    groups: dict[tuple[Any, ...], dict[int, dict[int, int]]] = {}
    first_row: dict[tuple[Any, ...], dict[int, int]] = {}
    for row in rows:
        r = RowReader(row, problems, present)
        role, label = r.get(ROLE, read_role, required=True), r.text(PERIOD)
        start, end = r.get(FROM, read_date), r.get(UNTIL, read_date)
        hour = r.get(HOUR, _hour, required=True)
        counts = {wd: r.get(day, read_count) for wd, day in enumerate(WEEKDAY_SHORT)}
        if label and (start is None or end is None):
            r.fail(FROM if start is None else UNTIL, f"la période « {label} » doit avoir ses dates Du et Au")
        if not label and (start is not None or end is not None):
            r.fail(PERIOD, "nommez la période datée (Du / Au remplis), ou videz ses dates pour le besoin de base")
        if start and end and end < start:
            r.fail(UNTIL, f"la fin de période ({end:%d/%m/%Y}) précède son début ({start:%d/%m/%Y})")
        if r.failed or role is None or hour is None:
            continue
        key = (role, label or None, start, end)
        rows_of = first_row.setdefault(key, {})
        if hour in rows_of:
            r.fail(HOUR, f"heure {hour}h déjà décrite à la ligne {rows_of[hour]} pour ce rôle et cette période")
            continue
        rows_of[hour] = row.number
        week = groups.setdefault(key, {})
        for wd, n in counts.items():
            if n is not None:
                week.setdefault(wd, {})[hour] = n
    curves = [DemandCurve(k[0], v) for k, v in groups.items() if k[1] is None]
    overrides = [DemandOverride(k[1], k[2], k[3], DemandCurve(k[0], v)) for k, v in groups.items() if k[1] is not None]
    return curves, overrides


def _bridges(rows: list[Row], present: list[str], problems: list[Problem]) -> tuple[BridgeDay, ...]:
    out: dict[date, BridgeDay] = {}
    seen: dict[date, int] = {}
    for row in rows:
        r = RowReader(row, problems, present)
        day, since = r.get(DATE, read_date, required=True), r.get(PDSA_FROM, read_time)
        label, keep = r.text(LABEL), r.get(KEEP, read_yes_no)
        if r.failed or day is None or keep is False:
            continue
        if day in seen:
            r.fail(DATE, f"le {day:%d/%m/%Y} est déjà retenu à la ligne {seen[day]}")
            continue
        seen[day] = row.number
        out[day] = BridgeDay(day, since if since != time(0) else None, label or "pont")
    return tuple(out[d] for d in sorted(out))


def _rates(rows: list[Row], present: list[str], problems: list[Problem]) -> list[DatedRate]:
    out: list[DatedRate] = []
    for row in rows:
        r = RowReader(row, problems, present)
        kind = r.get(KIND, _rate_kind, required=True)
        value, since, note = r.get(AMOUNT, read_decimal, required=True), r.get(VALID_FROM, read_date, required=True), r.text(NOTE)
        if value is not None and value < 0:
            r.fail(AMOUNT, "un montant positif est attendu")
        if r.failed or kind is None or value is None or since is None:
            continue
        value = value.quantize(Decimal("0.01")) if kind in _MONEY else _plain(value)
        out.append(DatedRate(kind, value, since, note or ""))
    return out


def _plain(value: Decimal) -> Decimal:
    """3.0 → 3 (never 7E+1: the text is stored as it is)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _tiers(rows: list[Row], present: list[str], problems: list[Problem]) -> list[Indicator9Tier]:
    out: list[Indicator9Tier] = []
    for row in rows:
        r = RowReader(row, problems, present)
        since, low = r.get(VALID_FROM, read_date, required=True), r.get(MIN_ACTS, read_count, required=True)
        high, amount = r.get(MAX_ACTS, read_count), r.get(AMOUNT, read_decimal, required=True)
        if low is not None and high is not None and high < low:
            r.fail(MAX_ACTS, f"le maximum ({high}) est inférieur au minimum ({low})")
        if r.failed or since is None or low is None or amount is None:
            continue
        out.append(Indicator9Tier(low, high, amount.quantize(Decimal("0.01")) if amount % 1 else _plain(amount),
                                  since))
    return out
