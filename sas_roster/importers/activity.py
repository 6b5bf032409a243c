"""Activity file (aggregates exported from the platform's software) → `ActivityRecord`s.

Each row is either a totals line (a month or a day, a territory or the whole département,
with its counters) or an hourly line (the same plus a weekday and an hour: the calls of
that hour of that weekday over the period). The same key twice in the file is refused,
naming both rows.

The app never holds patient data: `screen_patient_data` refuses a file that carries a
patient column (name, NIR, social security number, birth date) or a NIR-shaped value in
any cell of any sheet, before a single row is read.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

from sas_roster.domain.activity import COUNTERS, WEEKDAYS_FR, ActivityRecord
from sas_roster.domain.errors import Problem, ValidationError

from .columns import HOUR, PERIOD, TERRITORY, WEEKDAY, ImportKind
from .directory import Directory
from .parsing import Line, ParseResult, RowReader
from .reading import CSV_SUFFIXES, Table, _decode, _delimiter
from .values import CellError, fold, read_choice, read_count, read_date, shown, text

_MONTH = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$")
_MONTH_FR = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{4})$")
_WEEKDAYS: dict[str, object] = {}
for _n, _name in enumerate(WEEKDAYS_FR):
    _WEEKDAYS[fold(_name)] = _WEEKDAYS[fold(_name[:3])] = _n

# Headers that name a patient's identity (compared on folded text, punctuation removed). A
# count such as "Nombre de patients" is an aggregate and stays allowed.
_PATIENT_WORDS = {"nir", "ins", "ipp", "ddn", "secu", "patient", "patiente"}
_PATIENT_PHRASES = ("securite sociale", "date de naissance", "nom du patient", "prenom du patient",
                    "nom patient", "prenom patient", "identite du patient", "adresse du patient",
                    "telephone du patient", "nom de naissance", "ne le", "nee le", "ne e le")

# A NIR: sex, birth year, month, département (2A/2B for Corsica), commune, order, optional key.
_NIR = re.compile(r"^[12378]\s?\d{2}\s?(0[1-9]|1[0-2]|[2-9]\d)\s?(\d{2}|2[AB])\s?\d{3}\s?\d{3}(\s?\d{2})?$",
                  re.IGNORECASE)


def _refused(path: Path, why: str, row: int | None = None, column: str | None = None) -> ValidationError:
    return ValidationError(
        f"Le fichier « {path.name} » est refusé : il contient des données de patients ({why}). "
        "L'application n'importe que des chiffres agrégés : exportez les totaux depuis le logiciel "
        "de la plateforme, sans identité de patient, et supprimez ce fichier s'il n'est plus utile.",
        [Problem(why, row, column)],
    )


def _patient_header(value: object) -> bool:
    label = text(value)
    if label is None:
        return False
    key = " ".join(re.sub(r"[^a-z0-9]+", " ", fold(label)).split())
    words = set(key.split())
    if key in _PATIENT_WORDS or words & {"nir", "ins", "ipp", "ddn", "secu"}:
        return True
    return any(phrase in f" {key} " for phrase in (f" {p} " for p in _PATIENT_PHRASES))


def _nir_shaped(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = f"{value:.0f}" if float(value).is_integer() else ""
    label = text(value)
    return bool(label) and len(label) <= 25 and _NIR.match(label) is not None  # type: ignore[arg-type]


def screen_patient_data(path: str | Path) -> None:
    """Raise `ValidationError` when the file holds patient identifiers (any sheet, any cell).

    Reads the file as it is on disk; a file that cannot be read is left to the normal
    reading, which names what is wrong with it."""
    path = Path(path)
    for sheet, number, values in _all_cells(path):
        where = f"feuille « {sheet} », " if sheet else ""
        for index, value in enumerate(values):
            if _patient_header(value):
                raise _refused(path, f"{where}colonne « {text(value)} »", number, text(value))
            if _nir_shaped(value):
                raise _refused(path, f"{where}ligne {number}, colonne {index + 1} : un numéro de sécurité sociale "
                               "(NIR)", number)


def _all_cells(path: Path) -> list[tuple[str, int, list[object]]]:
    suffix = path.suffix.lower()
    if not path.is_file():
        return []
    if suffix in CSV_SUFFIXES:
        try:
            content = _decode(path, path.read_bytes())
        except ValidationError:
            return []
        reader = csv.reader(io.StringIO(content, newline=""), delimiter=_delimiter(content[:4096]))
        try:
            return [("", n, list(row)) for n, row in enumerate(reader, start=1)]
        except csv.Error:
            return []
    if not zipfile.is_zipfile(path):
        return []
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # a broken workbook: the normal reading names the fault
        return []
    try:
        return [(sheet.title, n, list(row)) for sheet in book.worksheets
                for n, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()


def read_period(value: object) -> tuple[date, date]:
    """A month (AAAA-MM, MM/AAAA) → its first and last day; a day → that day twice."""
    if isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
        return day, day
    raw = text(value) or ""
    found = _MONTH.match(raw)
    year_month = (int(found.group(1)), int(found.group(2))) if found else None
    if year_month is None and (fr := _MONTH_FR.match(raw)):
        year_month = (int(fr.group(2)), int(fr.group(1)))
    if year_month is not None:
        year, month = year_month
        if not 1 <= month <= 12:
            raise CellError(f"mois impossible : « {shown(value)} »")
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    try:
        day = read_date(value)
    except CellError:
        raise CellError(f"« {shown(value)} » n'est ni un mois (AAAA-MM) ni un jour (JJ/MM/AAAA)") from None
    return day, day


def read_weekday(value: object) -> int:
    return read_choice(value, _WEEKDAYS, list(WEEKDAYS_FR), "jour de la semaine")  # type: ignore[return-value]


def read_hour(value: object) -> int:
    raw = text(value) or ""
    found = re.match(r"^(\d{1,2})\s*(h|:00|h00)?$", raw.lower())
    if not found or int(found.group(1)) > 23:
        raise CellError(f"« {shown(value)} » : une heure de 0 à 23 est attendue (8 pour la tranche 8h-9h)")
    return int(found.group(1))


def parse_activity(table: Table, directory: Directory) -> ParseResult[ActivityRecord]:
    result: ParseResult[ActivityRecord] = ParseResult(ImportKind.ACTIVITY, notes=list(table.notes))
    seen: dict[tuple[object, ...], int] = {}
    for row in table.rows:
        r = RowReader(row, result.problems, table.columns)
        period = r.get(PERIOD, read_period, required=True)
        territory = r.get(TERRITORY, lambda v: directory.territory_code(text(v) or ""))
        weekday = r.get(WEEKDAY, read_weekday)
        hour = r.get(HOUR, read_hour)
        counts = {name: r.get(label, read_count) for name, label in COUNTERS.items()}
        if (weekday is None) != (hour is None) and not r.failed:
            r.fail(HOUR if hour is None else WEEKDAY,
                   "une ligne horaire donne à la fois le jour de la semaine et l'heure")
        if hour is not None and counts["calls_received"] is None and not r.failed:
            r.fail(COUNTERS["calls_received"], "une ligne horaire donne le nombre d'appels reçus de la tranche")
        if all(v is None for v in counts.values()) and not r.failed:
            r.fail(COUNTERS["calls_received"], "aucun chiffre sur la ligne")
        if not r.failed:
            _check_consistency(r, counts)
        if r.failed or period is None:
            continue
        record = ActivityRecord(period[0], period[1], territory, weekday, hour, **counts)
        if record.key() in seen:
            r.fail(PERIOD, f"même période, territoire et tranche que la ligne {seen[record.key()]}")
            continue
        seen[record.key()] = row.number
        result.lines.append(Line(row.number, record))
    return result


def _check_consistency(r: RowReader, counts: dict[str, int | None]) -> None:
    """Counts that cannot exceed others: a typo in an exported total is caught here."""
    pairs = (("calls_answered", "calls_received"), ("no_shows", "appointments"),
             ("liberal_regulation", "calls_answered"))
    for part, whole in pairs:
        a, b = counts[part], counts[whole]
        if a is not None and b is not None and a > b:
            r.fail(COUNTERS[part], f"{a} dépasse « {COUNTERS[whole]} » ({b})")
