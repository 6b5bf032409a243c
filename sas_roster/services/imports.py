"""Import use case: a filled-in file → checked against the database → written all or nothing.

``import_file(services, kind, path, dry_run=False, actor=None) -> ImportReport``

1. read the file (file-level faults raise at once: wrong type, broken file, missing columns);
2. in one transaction, parse the rows against the stored persons and territories, check them
   against what is stored, and collect every problem;
3. any problem → `ValidationError` listing them all (row, column, reason), nothing written;
4. otherwise write everything in that same transaction (`dry_run` stops before writing).

What a re-import replaces:
- members: rows are matched to stored persons (RPPS, else e-mail, else name) and update them;
  the others are created;
- availability: each person's entries on the days the file covers for them are replaced;
- PDSA: each doctor's duties starting on the days the file covers for them are replaced;
- CPTS rota: the CPTS assignments of each (territory, day) in the file are replaced, in the
  month's roster (created as a draft if needed; refused once validated or published).
Identical entries already stored are kept untouched, so the audit log shows real changes only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..domain.enums import RosterStatus
from ..domain.errors import Problem, ValidationError
from ..importers.activity import parse_activity, screen_patient_data
from ..importers.availability import parse_availability
from ..importers.columns import COLUMNS, ImportKind
from ..importers.directory import Directory
from ..importers.history import parse_history
from ..importers.members import UNCHANGED, parse_members
from ..importers.parsing import ParseResult
from ..importers.pdsa import parse_pdsa
from ..importers.reading import Table, read_table
from ..importers.report import ImportReport
from ..importers.rota import parse_rota
from ..importers.values import fold
from ..persistence import mapping as m
from ..persistence.bulk import insert_persons
from ..persistence.faults import checkpoint
from ..persistence.models import AssignmentRow, AvailabilityRow, PdsaDutyRow, PersonRow, RosterRow, TerritoryRow
from ..persistence.repositories import PersonRepository, SettingsRepository
from .activity import import_step as _activity
from .base import ServiceBase
from .history import write_worked_hours
from .persons import normalised, person_problems

if TYPE_CHECKING:
    from ..domain.person import Person
    from .facade import Services

__all__ = ["ImportReport", "ImportService", "import_file"]

Write = Callable[[], None]
_PARSERS: dict[ImportKind, Callable[[Table, Directory], ParseResult]] = {
    ImportKind.MEMBERS: parse_members,
    ImportKind.AVAILABILITY: parse_availability,
    ImportKind.PDSA: parse_pdsa,
    ImportKind.ROTA: parse_rota,
    ImportKind.ACTIVITY: parse_activity,
    ImportKind.HISTORY: parse_history,
}
_STATUS_FR = {RosterStatus.DRAFT: "brouillon", RosterStatus.VALIDATED: "validé", RosterStatus.PUBLISHED: "publié"}


def import_file(
    services: Services | sessionmaker[Session], kind: ImportKind | str, path: str | Path, dry_run: bool = False, actor: str | None = None
) -> ImportReport:
    """Import `path` as `kind` into the database behind `services` (see the module docstring).

    Raises `ValidationError` (every problem in `.problems`, with row and column) and writes
    nothing when anything is wrong. `dry_run=True` checks everything and writes nothing.
    """
    kind = ImportKind.parse(kind)
    path = Path(path)
    if kind is ImportKind.ACTIVITY:
        screen_patient_data(path)  # aggregates only: a file naming patients is refused unread
    table = read_table(path, kind)
    if not table.rows:
        raise ValidationError(f"Le fichier « {path.name} » ne contient aucune ligne à importer sous les en-têtes")
    return ImportService(_sessions_of(services)).import_table(table, path.name, dry_run=dry_run, actor=actor)


def _sessions_of(services: Services | sessionmaker[Session]) -> sessionmaker[Session]:
    # The Services facade is itself a ServiceBase holding the session factory.
    if isinstance(services, sessionmaker):
        return services
    return services._sessions


class ImportService(ServiceBase):
    def import_table(self, table: Table, file_name: str, *, dry_run: bool = False,
                     actor: str | None = None) -> ImportReport:
        kind = table.kind
        with self._tx(actor) as s:
            result = _PARSERS[kind](table, _directory(self._sessions, s))
            report = ImportReport(kind, file_name, dry_run, lines=len(table.rows), notes=list(result.notes))
            # The parsed items are all that is used from here on: the raw cells go now, so that
            # the write reuses their memory (≈ 30 MB for a 20 000-row members sheet).
            table.rows = []
            problems = list(result.problems)
            step = {ImportKind.MEMBERS: _members, ImportKind.AVAILABILITY: _availability,
                    ImportKind.PDSA: _pdsa, ImportKind.ROTA: _rota, ImportKind.HISTORY: _history,
                    ImportKind.ACTIVITY: _activity}[kind]
            write = step(s, result, report, problems)
            if problems:
                raise ValidationError(
                    f"Import des {kind.label_fr} refusé : rien n'a été enregistré "
                    f"({len(problems)} problème{'s' if len(problems) > 1 else ''})",
                    _in_file_order(problems, table),
                )
            if not dry_run:
                checkpoint("import.before-write")
                write()
                s.flush()
                checkpoint("import.after-flush")
        if not dry_run:
            checkpoint("import.after-commit")
        return report


def _in_file_order(problems: list[Problem], table: Table) -> list[Problem]:
    order = {name: i for i, name in enumerate(c.name for c in COLUMNS[table.kind])}
    return sorted(problems, key=lambda p: (p.row or 0, order.get(p.field or "", 99)))


def _directory(sessions: sessionmaker[Session], s: Session) -> Directory:
    repo = SettingsRepository(sessions)
    settings = repo.get(session=s)
    directory = Directory(PersonRepository(sessions).list(session=s), repo.territories(session=s))
    if settings is not None:
        directory.settings = settings
    return directory


def _territory_ids(s: Session) -> dict[str, int]:
    return {code: id_ for code, id_ in s.execute(select(TerritoryRow.code, TerritoryRow.id))}


# --------------------------------------------------------------------------- members

# The person service names fields in lower case; the user knows them by the file's columns.
_FIELD_TO_COLUMN = {"fin d'activite": "Actif jusqu'au", "fin de contrat": "Contrat fin", "quota": "Quota annuel (h)"}


def _column_for(field: str | None) -> str | None:
    if field is None:
        return None
    key = fold(field)
    if key in _FIELD_TO_COLUMN:
        return _FIELD_TO_COLUMN[key]
    return next((c.name for c in COLUMNS[ImportKind.MEMBERS] if fold(c.name) == key), field)


def _members(s: Session, result: ParseResult, report: ImportReport, problems: list[Problem]) -> Write:
    reported = {(p.row, p.field) for p in problems}
    for line in result.lines:
        for p in person_problems(normalised(line.item.person), line.row):
            column = _column_for(p.field)
            if (line.row, column) not in reported:
                problems.append(Problem(p.message, line.row, column))
    changes = [line.item for line in result.lines]
    report.created = sum(1 for c in changes if c.previous is None)
    report.unchanged = sum(1 for c in changes if c.action == UNCHANGED)
    report.updated = len(changes) - report.created - report.unchanged
    report.persons = len(changes)

    def write() -> None:
        territories = _territory_ids(s)

        def with_territory(person: Person) -> tuple[Person, int | None]:
            return person, territories.get(person.territory) if person.territory else None

        for change in changes:
            if change.action == UNCHANGED or change.previous is None:
                continue
            row = s.get(PersonRow, change.previous.id)
            assert row is not None, "an update is only planned for a person read from this database"
            m.apply_person(row, *with_territory(normalised(change.person)))
        s.flush()
        # New persons in bulk (a whole association's file): same rows and audit as the ORM,
        # normalised batch by batch as they are written (not all 20 000 copies at once).
        insert_persons(s, (with_territory(normalised(c.person)) for c in changes if c.previous is None))

    return write


# --------------------------------------------------------------------------- availability & PDSA


def _split(old_rows: list, wanted: list, key_row, key_new) -> tuple[list, list, int]:
    """Stored rows to delete, new items to add, and how many identical ones stay untouched."""
    pending: dict[tuple, list] = defaultdict(list)
    for item in wanted:
        pending[key_new(item)].append(item)
    delete, kept = [], 0
    for row in old_rows:
        bucket = pending.get(key_row(row))
        if bucket:
            bucket.pop()
            kept += 1
        else:
            delete.append(row)
    return delete, [item for bucket in pending.values() for item in bucket], kept


def _write_rows(s: Session, delete: list, add: list) -> None:
    for row in delete:
        s.delete(row)
    s.flush()  # deletions first: nothing may collide with what replaces it
    checkpoint("import.after-delete")
    s.add_all(add)


def _availability(s: Session, result: ParseResult, report: ImportReport, problems: list[Problem]) -> Write:
    entries = result.items
    if not entries:
        return lambda: None
    covered = {(e.person_id, e.day) for e in entries}
    days = [e.day for e in entries]
    stored = s.scalars(select(AvailabilityRow).where(
        AvailabilityRow.person_id.in_({e.person_id for e in entries}),
        AvailabilityRow.day.between(min(days), max(days))))
    old = [r for r in stored if (r.person_id, r.day) in covered]
    delete, add, kept = _split(old, entries, lambda r: (r.person_id, r.day, r.start, r.end, r.kind, r.remote),
                               lambda e: (e.person_id, e.day, e.range.start, e.range.end, e.kind, e.remote))
    report.added, report.kept, report.replaced = len(add), kept, len(delete)
    report.persons = len({e.person_id for e in entries})
    report.first_day, report.last_day = min(days), max(days)
    return lambda: _write_rows(s, delete, [m.availability_row(e) for e in add])


def _pdsa(s: Session, result: ParseResult, report: ImportReport, problems: list[Problem]) -> Write:
    lines = result.lines
    if not lines:
        return lambda: None
    duties = [line.item for line in lines]
    covered = {(d.person_id, d.start.date()) for d in duties}
    lo = datetime.combine(min(d.start.date() for d in duties), time.min) - timedelta(days=1)
    hi = max(d.end for d in duties) + timedelta(days=1)
    stored = list(s.scalars(select(PdsaDutyRow).where(
        PdsaDutyRow.person_id.in_({d.person_id for d in duties}), PdsaDutyRow.start < hi, PdsaDutyRow.end > lo)))
    old = [r for r in stored if (r.person_id, r.start.date()) in covered]
    others = [r for r in stored if (r.person_id, r.start.date()) not in covered]
    for line in lines:
        d = line.item
        clash = next((r for r in others if r.person_id == d.person_id and r.start < d.end and d.start < r.end), None)
        if clash is not None:
            problems.append(Problem(
                f"chevauche une garde déjà enregistrée ({clash.start:%d/%m/%Y %H:%M} → {clash.end:%d/%m/%Y %H:%M}) "
                "qui n'est pas remplacée (elle commence un autre jour)", line.row, "Début"))
    delete, add, kept = _split(old, duties, lambda r: (r.person_id, r.start, r.end, r.kind, r.sector),
                               lambda d: (d.person_id, d.start, d.end, d.kind, d.sector))
    report.added, report.kept, report.replaced = len(add), kept, len(delete)
    report.persons = len({d.person_id for d in duties})
    report.first_day = min(d.start.date() for d in duties)
    report.last_day = max(d.start.date() for d in duties)
    return lambda: _write_rows(s, delete, [m.duty_row(d) for d in add])


# --------------------------------------------------------------------------- history


def _history(s: Session, result: ParseResult, report: ImportReport, problems: list[Problem]) -> Write:
    """Hours before the app: refused for a month the app already keeps a roster for (its
    hours already count); each (person, role, month) replaces what was entered for it."""
    lines = result.lines
    if not lines:
        return lambda: None
    kept = {(y, m) for y, m in s.execute(select(RosterRow.year, RosterRow.month).where(
        select(AssignmentRow.id).where(AssignmentRow.roster_id == RosterRow.id).exists()))}
    for line in lines:
        w = line.item
        if (w.year, w.month) in kept:
            problems.append(Problem(
                f"le mois {w.month:02d}/{w.year} a déjà un planning dans l'application : ses heures y sont "
                "comptées (n'entrez que les mois d'avant)", line.row, "Mois"))
    items = [line.item for line in lines]
    report.persons = len({w.person_id for w in items})
    months = sorted({(w.year, w.month) for w in items})
    report.first_day = date(*months[0], 1)
    report.last_day = date(*months[-1], 1)
    report.added = len(items)  # what a dry run announces; the write counts exactly

    def write() -> None:
        added, updated, removed = write_worked_hours(s, items)
        report.added, report.replaced = added + updated, removed
        report.kept = len(items) - added - updated - removed

    return write


# --------------------------------------------------------------------------- CPTS rota


def _rota(s: Session, result: ParseResult, report: ImportReport, problems: list[Problem]) -> Write:
    lines = result.lines
    if not lines:
        return lambda: None
    territory_ids = _territory_ids(s)
    persons = {p.id: m.person_to_domain(p) for p in s.scalars(
        select(PersonRow).where(PersonRow.id.in_({line.item.person_id for line in lines})))}
    by_month: dict[tuple[int, int], list] = defaultdict(list)
    for line in lines:
        by_month[(line.item.day.year, line.item.day.month)].append(line)
    plans: list[tuple[tuple[int, int], RosterRow | None, list, list]] = []
    kept_total = 0
    for (year, month), month_lines in sorted(by_month.items()):
        roster = s.scalars(select(RosterRow).where(RosterRow.year == year, RosterRow.month == month)).first()
        if roster is not None and roster.status is not RosterStatus.DRAFT:
            problems.append(Problem(
                f"le planning {month:02d}/{year} est {_STATUS_FR[roster.status]} : il ne peut plus recevoir "
                "d'astreintes importées (seul un brouillon peut être modifié)", month_lines[0].row, "Date"))
            continue
        stored = [] if roster is None else list(s.scalars(
            select(AssignmentRow).where(AssignmentRow.roster_id == roster.id)))
        covered = {(line.item.territory, line.item.day) for line in month_lines}
        ids_covered = {(territory_ids.get(t), d) for t, d in covered}
        old = [r for r in stored if r.fixed_by_cpts and (r.territory_id, r.day) in ids_covered]
        others = [r for r in stored if r not in old]
        for line in month_lines:
            a = line.item
            person = persons.get(a.person_id)
            if person is not None and not person.is_active_on(a.day):
                problems.append(Problem(f"{person.display_name} n'est pas actif(ve) le {a.day:%d/%m/%Y}",
                                        line.row, "RPPS"))
            clash = next((r for r in others if r.person_id == a.person_id and r.day == a.day
                          and r.start < a.end and a.start < r.end), None)
            if clash is not None:
                problems.append(Problem(
                    f"déjà au planning le {a.day:%d/%m/%Y} de {clash.start:%H:%M} à {clash.end:%H:%M} "
                    f"({clash.role.label_fr})", line.row, "RPPS"))
        delete, add, kept = _split(
            old, [line.item for line in month_lines],
            lambda r: (r.person_id, r.day, r.territory_id, r.start, r.end),
            lambda a: (a.person_id, a.day, territory_ids.get(a.territory), a.start, a.end))
        kept_total += kept
        plans.append(((year, month), roster, delete, add))
    report.added = sum(len(p[3]) for p in plans)
    report.replaced = sum(len(p[2]) for p in plans)
    report.kept = kept_total
    report.persons = len({line.item.person_id for line in lines})
    report.first_day = min(line.item.day for line in lines)
    report.last_day = max(line.item.day for line in lines)
    report.territories = tuple(sorted({line.item.territory for line in lines}))

    def write() -> None:
        for (year, month), roster, delete, add in plans:
            if roster is None:
                roster = RosterRow(year=year, month=month, status=RosterStatus.DRAFT, version=0, published_at=None)
                s.add(roster)
                s.flush()
            _write_rows(s, delete, [m.assignment_row(a, roster.id, territory_ids[a.territory]) for a in add])

    return write
