"""PDSA duties file (often exported from Ordigard) → `PdsaDuty` objects.

Each row is one duty of one doctor, found by RPPS. The end may be a full date and time or
an hour alone (20:00 → 08:00 means the next morning). Overlapping duties of the same
doctor inside the file are refused, naming both rows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sas_roster.domain.availability import PdsaDuty

from .columns import NOM, RPPS, ImportKind
from .directory import Directory
from .parsing import Line, ParseResult, RowReader, check_name, read_duty_kind
from .reading import Table
from .values import CellError, read_datetime, read_rpps, read_time

START, END, TYPE, SECTOR = "Début", "Fin", "Type", "Secteur"
MAX_DUTY = timedelta(hours=24)  # the PDSA service refuses longer duties: a longer one is a typo in a date


def _read_end(raw: object, start: datetime | None) -> datetime:
    try:
        return read_datetime(raw)
    except CellError as as_datetime:
        if start is None:
            raise
        try:
            clock = read_time(raw, allow_24=True)
        except CellError:
            raise as_datetime from None
        end = datetime.combine(start.date(), clock)
        return end if end > start else end + timedelta(days=1)


def parse_pdsa(table: Table, directory: Directory) -> ParseResult[PdsaDuty]:
    result: ParseResult[PdsaDuty] = ParseResult(ImportKind.PDSA, notes=list(table.notes))
    placed: dict[int, list[tuple[int, datetime, datetime]]] = defaultdict(list)
    for row in table.rows:
        r = RowReader(row, result.problems, table.columns)
        rpps = r.get(RPPS, read_rpps, required=True)
        person = r.get(RPPS, lambda _: directory.person_by_rpps(rpps)) if rpps else None
        if person is not None and r.has(NOM):
            check_name(r, NOM, person.last_name, rpps)  # type: ignore[arg-type]
        start = r.get(START, read_datetime, required=True)
        end = r.get(END, lambda v: _read_end(v, start), required=True)
        kind = r.get(TYPE, read_duty_kind, required=True)
        sector = r.text(SECTOR)
        if sector and len(sector) > 80:  # the column's size: the same refusal on SQLite and PostgreSQL
            r.fail(SECTOR, f"texte trop long : {len(sector)} caractères pour 80 au plus")
        if start and end:
            if end <= start:
                r.fail(END, f"la fin ({end:%d/%m/%Y %H:%M}) doit être après le début ({start:%d/%m/%Y %H:%M})")
            elif end - start > MAX_DUTY:
                r.fail(END, f"garde de plus de 24 h ({start:%d/%m/%Y %H:%M} → {end:%d/%m/%Y %H:%M}) : vérifiez les dates")
        if r.failed or person is None or start is None or end is None or kind is None:
            continue
        assert person.id is not None
        clash = next((n for n, s, e in placed[person.id] if s < end and start < e), None)
        if clash is not None:
            r.fail(START, f"{person.display_name} a déjà une garde sur ces heures (ligne {clash} et ligne {row.number})")
            continue
        placed[person.id].append((row.number, start, end))
        result.lines.append(Line(row.number, PdsaDuty(person.id, start, end, kind, sector or None)))
    return result
