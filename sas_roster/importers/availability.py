"""Availability form → `AvailabilityEntry` objects (one row = one person, one day, one span).

People are found by RPPS (doctors), else by e-mail, else by last and first name (operators
without RPPS). Empty start and end mean the whole day. Two rows of the same person that
overlap on the same day are refused, naming both rows.
"""

from __future__ import annotations

from collections import defaultdict

from sas_roster.domain.availability import AvailabilityEntry
from sas_roster.domain.person import Person
from sas_roster.domain.settings import TimeRange

from .columns import EMAIL, NOM, PRENOM, REMOTE, RPPS, ImportKind
from .directory import Directory, whole_day
from .parsing import Line, ParseResult, RowReader, check_name, read_availability_kind
from .reading import Table
from .values import CellError, read_date, read_email, read_rpps, read_time, read_yes_no

DATE, START, END, TYPE = "Date", "Début", "Fin", "Type"


def find_person(r: RowReader, directory: Directory) -> Person | None:
    """The person a row of availability (or any person-keyed file) is about."""
    if not r.blank(RPPS):
        rpps = r.get(RPPS, read_rpps)
        if rpps is None:
            return None
        person = r.get(RPPS, lambda _: directory.person_by_rpps(rpps))
        if person is not None and r.has(NOM):
            check_name(r, NOM, person.last_name, rpps)
        return person
    email = r.get(EMAIL, read_email)
    if not r.blank(EMAIL) and email is None:
        return None
    column = EMAIL if email else NOM
    try:
        return directory.person_without_rpps(email, r.text(NOM), r.text(PRENOM))
    except CellError as err:
        r.fail(column, str(err))
        return None


def read_span(r: RowReader, *, start_col: str = START, end_col: str = END) -> TimeRange | None:
    """Start and end of a row; both empty means the whole day."""
    if r.blank(start_col) and r.blank(end_col):
        return whole_day()
    start = r.get(start_col, read_time, required=True)
    end = r.get(end_col, lambda v: read_time(v, allow_24=True), required=True)
    if start is None or end is None:
        return None
    if end <= start:
        r.fail(end_col, f"la fin ({end:%H:%M}) doit être après le début ({start:%H:%M})")
        return None
    return TimeRange(start, end)


def parse_availability(table: Table, directory: Directory) -> ParseResult[AvailabilityEntry]:
    result: ParseResult[AvailabilityEntry] = ParseResult(ImportKind.AVAILABILITY, notes=list(table.notes))
    placed: dict[tuple[int, object], list[tuple[int, TimeRange]]] = defaultdict(list)
    for row in table.rows:
        r = RowReader(row, result.problems, table.columns)
        person = find_person(r, directory)
        day = r.get(DATE, read_date, required=True)
        span = read_span(r)
        kind = r.get(TYPE, read_availability_kind, required=True)
        remote = bool(r.get(REMOTE, read_yes_no)) if r.has(REMOTE) else False
        if remote and person is not None and day is not None and not person.may_regulate_remotely_on(day):
            r.fail(REMOTE, f"{person.display_name} n'est pas autorisé(e) à réguler à distance "
                           f"le {day:%d/%m/%Y}")
        if r.failed or person is None or day is None or span is None or kind is None:
            continue
        assert person.id is not None
        clash = next((n for n, other in placed[(person.id, day)] if other.overlaps(span)), None)
        if clash is not None:
            r.fail(START, f"{person.display_name} a déjà une disponibilité le {day:%d/%m/%Y} sur ces heures "
                          f"(ligne {clash} et ligne {row.number})")
            continue
        placed[(person.id, day)].append((row.number, span))
        result.lines.append(Line(row.number, AvailabilityEntry(person.id, day, span, kind, remote=remote)))
    return result
