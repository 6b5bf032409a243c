"""The month's attendance spreadsheet: the columns it has, and reading it back once filled.

One row per published shift. « Présence » takes présent / absent / remplacé / partiel (or
stays empty: still open); « Remplaçant » is a person of the pools (name as printed, or RPPS)
or anyone else (kept as a name, not paid by a statement); « Arrivée » / « Départ » are the
actual times (required for partiel). The shift's identifier ties the row to its line.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, time
from pathlib import Path

from ..domain.attendance import STATUS_FROM_FR, AttendanceLine
from ..domain.enums import AttendanceStatus
from ..domain.errors import Problem, ValidationError
from ..domain.person import Person

SHEET = "Présences"
COLUMNS = ("Date", "Jour", "Début", "Fin", "Créneau", "Rôle", "Personne prévue", "RPPS",
           "Présence", "Remplaçant", "Arrivée", "Départ", "Note", "Identifiant du créneau")
PRESENCE_CHOICES = tuple(STATUS_FROM_FR)  # présent, absent, remplacé, partiel


def _fold(text: str) -> str:
    t = unicodedata.normalize("NFKD", text.strip().lower())
    return re.sub(r"\s+", " ", "".join(c for c in t if not unicodedata.combining(c)))


_STATUS = {_fold(k): v for k, v in STATUS_FROM_FR.items()}
_STATUS.update({"present": AttendanceStatus.PRESENT, "remplace": AttendanceStatus.REPLACED})


def _time(value: object) -> time | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    m = re.fullmatch(r"\s*(\d{1,2})\s*[h:.]\s*(\d{2})?\s*", str(value))
    if m is None or int(m.group(1)) > 23 or int(m.group(2) or 0) > 59:
        raise ValueError(str(value))
    return time(int(m.group(1)), int(m.group(2) or 0))


def read_attendance_sheet(path: str | Path, lines: Mapping[str, AttendanceLine],
                          persons: Mapping[int, Person]) -> list[AttendanceLine]:
    """The filled lines (only rows whose « Présence » is set), checked; every problem is listed
    with its row and column, and nothing is returned when there is any."""
    from openpyxl import load_workbook

    p = Path(path)
    try:
        book = load_workbook(p, data_only=True, read_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ValidationError(f"Le fichier « {p.name} » n'est pas un classeur XLSX lisible") from exc
    try:
        ws = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
    finally:
        book.close()
    if not rows:
        raise ValidationError(f"Le fichier « {p.name} » est vide")
    header = [str(c).strip() if c is not None else "" for c in rows[0]]
    missing = [c for c in ("Présence", "Remplaçant", "Arrivée", "Départ", "Identifiant du créneau") if c not in header]
    if missing:
        raise ValidationError(f"Colonnes manquantes dans « {p.name} » : {', '.join(missing)}")
    col = {name: header.index(name) for name in COLUMNS if name in header}
    by_name: dict[str, list[int]] = {}
    for pid, person in persons.items():
        for key in {_fold(person.display_name), _fold(f"{person.last_name} {person.first_name}"), _fold(person.short_name)}:
            by_name.setdefault(key, []).append(pid)
    by_rpps = {person.rpps: pid for pid, person in persons.items() if person.rpps}

    problems: list[Problem] = []
    out: list[AttendanceLine] = []
    for number, cells in enumerate(rows[1:], 2):
        def cell(name: str, cells: tuple[object, ...] = cells) -> object:
            i = col.get(name)
            return cells[i] if i is not None and i < len(cells) else None

        uid = str(cell("Identifiant du créneau") or "").strip()
        presence = str(cell("Présence") or "").strip()
        if not uid and not presence:
            continue
        line = lines.get(uid)
        if line is None:
            problems.append(Problem("créneau inconnu (ligne ajoutée ou identifiant modifié ?)", number,
                                    "Identifiant du créneau"))
            continue
        if not presence:
            continue  # still open
        status = _STATUS.get(_fold(presence))
        if status is None:
            problems.append(Problem(f"« {presence} » : attendu {', '.join(PRESENCE_CHOICES)}", number, "Présence"))
            continue
        try:
            start, end = _time(cell("Arrivée")), _time(cell("Départ"))
        except ValueError as exc:
            problems.append(Problem(f"heure « {exc} » illisible (attendu HH:MM)", number, "Arrivée/Départ"))
            continue
        replaced_by, replacement_name = None, ""
        who = str(cell("Remplaçant") or "").strip()
        if status is AttendanceStatus.REPLACED:
            if who in by_rpps:
                replaced_by = by_rpps[who]
            elif len(by_name.get(_fold(who), [])) == 1:
                replaced_by = by_name[_fold(who)][0]
            elif len(by_name.get(_fold(who), [])) > 1:
                problems.append(Problem(f"« {who} » désigne plusieurs personnes : indiquez son RPPS", number, "Remplaçant"))
                continue
            else:
                replacement_name = who
        elif who:
            problems.append(Problem("un remplaçant n'a de sens que pour « remplacé »", number, "Remplaçant"))
            continue
        filled = replace(line, status=status, replaced_by=replaced_by, replacement_name=replacement_name,
                         actual_start=start if status in (AttendanceStatus.PARTIAL, AttendanceStatus.REPLACED) else None,
                         actual_end=end if status in (AttendanceStatus.PARTIAL, AttendanceStatus.REPLACED) else None,
                         note=str(cell("Note") or "").strip())
        from ..domain.attendance import line_problems

        bad = line_problems(filled)
        problems += [Problem(msg, number, {"horaires": "Arrivée/Départ", "remplaçant": "Remplaçant"}.get(f, f))
                     for f, msg in bad]
        if not bad:
            out.append(filled)
    if problems:
        raise ValidationError(f"Feuille de présence « {p.name} » refusée : rien n'a été enregistré", problems)
    return out
