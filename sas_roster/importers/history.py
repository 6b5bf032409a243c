"""Hours worked before the app → `WorkedHours` (one row = one person, one role, one month).

Entered once, when the association starts with the app: retiree quotas count the hours of
the year already worked. People are found as in the availability file (RPPS, else e-mail,
else name).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from sas_roster.domain.enums import Role
from sas_roster.domain.quotas import WorkedHours

from .availability import find_person
from .columns import ImportKind
from .directory import Directory
from .parsing import Line, ParseResult, RowReader, read_roles
from .reading import Table
from .values import CellError, fold, read_decimal, text

ROLE, MONTH, HOURS, NOTE = "Rôle", "Mois", "Heures", "Remarque"

_MONTHS_FR = {fold(n): i for i, n in enumerate(
    ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
     "décembre"), start=1)}
_MONTHS_FR.update({k[:4]: v for k, v in list(_MONTHS_FR.items()) if len(k) > 4})
_MONTHS_FR.update({"juil": 7, "janv": 1, "fevr": 2, "sept": 9})


def read_month(value: object) -> tuple[int, int]:
    """A month: an Excel date, '01/2027', '1/27', '2027-01', 'janvier 2027', 'janv. 2027'."""
    if isinstance(value, (date, datetime)):
        return value.year, value.month
    raw = text(value) or ""
    m = re.match(r"^(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$", raw) or None
    if m:
        month, year = int(m.group(1)), int(m.group(2))
    elif m2 := re.match(r"^(\d{4})\s*[-/]\s*(\d{1,2})$", raw):
        year, month = int(m2.group(1)), int(m2.group(2))
    elif m3 := re.match(r"^([^\d]+?)\s*(\d{4})$", fold(raw)):
        month = _MONTHS_FR.get(m3.group(1).strip(), 0)
        year = int(m3.group(2))
    else:
        raise CellError(f"« {raw} » n'est pas un mois (format attendu MM/AAAA, par ex. 01/2027)")
    if year < 100:
        year += 2000
    if not 1 <= month <= 12:
        raise CellError(f"« {raw} » : mois impossible (format attendu MM/AAAA)")
    return year, month


def read_minutes(value: object) -> int:
    """Hours as '12', '12,5', '12h30', '12:30' → minutes (>= 0)."""
    raw = text(value) or ""
    m = re.match(r"^(\d+)\s*[hH:]\s*(\d{1,2})$", raw)
    if m:
        minutes = int(m.group(1)) * 60 + int(m.group(2))
    else:
        number = read_decimal(value)
        if number < 0:
            raise CellError(f"« {raw} » : un nombre d'heures positif est attendu")
        minutes = int((number * 60).to_integral_value())
    return minutes


def _role(value: object) -> Role:
    roles = read_roles(value)
    if len(roles) != 1:
        raise CellError("un seul rôle par ligne (une ligne par rôle)")
    return next(iter(roles))


def parse_history(table: Table, directory: Directory) -> ParseResult[WorkedHours]:
    result: ParseResult[WorkedHours] = ParseResult(ImportKind.HISTORY, notes=list(table.notes))
    seen: dict[tuple[int, Role, int, int], int] = {}
    for row in table.rows:
        r = RowReader(row, result.problems, table.columns)
        person = find_person(r, directory)
        role = r.get(ROLE, _role, required=True)
        month = r.get(MONTH, read_month, required=True)
        minutes = r.get(HOURS, read_minutes, required=True)
        note = r.text(NOTE) or ""
        if person is not None and role is not None and role not in person.roles:
            r.fail(ROLE, f"{person.display_name} n'a pas le rôle {role.label_fr}")
        if minutes is not None and minutes > 31 * 24 * 60:
            r.fail(HOURS, f"{minutes / 60:g} h dans un mois : impossible")
        if r.failed or person is None or role is None or month is None or minutes is None:
            continue
        assert person.id is not None
        key = (person.id, role, *month)
        if key in seen:
            r.fail(MONTH, f"{person.display_name}, {role.label_fr}, {month[1]:02d}/{month[0]} : déjà à la ligne "
                          f"{seen[key]} (ligne {seen[key]} et ligne {row.number})")
            continue
        seen[key] = row.number
        result.lines.append(Line(row.number, WorkedHours(person.id, role, month[0], month[1], minutes, note)))
    return result
