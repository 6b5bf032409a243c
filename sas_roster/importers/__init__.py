"""Importers: the files a coordinator fills in, turned into domain objects.

Five kinds (`ImportKind`): ``members`` (pools of people), ``availability`` (who is
available when), ``pdsa`` (PDSA duties rostered elsewhere, e.g. Ordigard), ``rota``
(a CPTS's own on-call rota for its territory) and ``history`` (hours worked per person,
role and month before the first month kept in the app, counted by retiree quotas).
The association's settings are one file of several sheets: ``setup_read.read_setup`` /
``setup_write.write_setup`` (services: ``services.setup.import_file / export_file``). Files are XLSX (.xlsx/.xlsm) or CSV
(';' ',' or tab, UTF-8 with or without BOM, UTF-16, cp1252).

Stable entry points (the command line is built on them):

``write_template(kind, path) -> Path``
    Writes the blank template of `kind` (a kind or its name) to `path`; the format
    follows the extension, ``.xlsx`` (drop-down lists, "Aide" sheet) or ``.csv``.
    CLI: ``sas-roster template KIND --out FILE``.

``sas_roster.services.imports.import_file(services, kind, path, dry_run=False, actor=None) -> ImportReport``
    Parses the file, checks it against the database and writes everything in one
    transaction, or raises `ValidationError` listing every problem (`.problems`: row as
    the user sees it, French column name, reason) and writes nothing. ``dry_run=True``
    makes every check and writes nothing. `actor` goes to the audit log. The report
    counts what was (or would be) created / updated / replaced; ``report.summary()`` is
    the French text to show. Also importable from here (late import).
    CLI: ``sas-roster import KIND FILE [--dry-run]``.

`kind` is ``ImportKind`` or its name: members|availability|pdsa|rota (French labels
"membres", "disponibilités", "gardes PDSA", "astreintes CPTS" are accepted too).

``parse_file(kind, path, directory) -> ParseResult``
    The pure part (no database): file → domain objects + problems; `directory` holds
    the stored persons and territories the rows refer to.

Columns, per kind, are in `columns.py` (one table drives both templates and parsers).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .activity import parse_activity
from .availability import parse_availability
from .columns import COLUMNS, Column, ImportKind
from .directory import Directory
from .history import parse_history
from .members import CREATED, UNCHANGED, UPDATED, MemberChange, parse_members
from .parsing import Line, ParseResult
from .pdsa import parse_pdsa
from .reading import Table, read_table
from .rota import ONCALL_TEMPLATE, parse_rota
from .templates import write_template

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from sas_roster.services.facade import Services
    from sas_roster.services.imports import ImportReport

_PARSERS: dict[ImportKind, Callable[[Table, Directory], ParseResult[Any]]] = {
    ImportKind.MEMBERS: parse_members,
    ImportKind.AVAILABILITY: parse_availability,
    ImportKind.PDSA: parse_pdsa,
    ImportKind.ROTA: parse_rota,
    ImportKind.ACTIVITY: parse_activity,
    ImportKind.HISTORY: parse_history,
}


def parse_file(kind: ImportKind | str, path: str | Path, directory: Directory | None = None) -> ParseResult:
    """Read and parse `path` as `kind`. File-level faults raise `ValidationError`; row faults
    are listed in `ParseResult.problems`."""
    kind = ImportKind.parse(kind)
    table = read_table(path, kind)
    return _PARSERS[kind](table, directory or Directory())


def import_file(
    services: Services | sessionmaker[Session], kind: ImportKind | str, path: str | Path, dry_run: bool = False, actor: str | None = None
) -> ImportReport:
    """See `sas_roster.services.imports.import_file` (imported late: services depend on importers)."""
    from sas_roster.services.imports import import_file as _import_file

    return _import_file(services, kind, path, dry_run=dry_run, actor=actor)


__all__ = [
    "COLUMNS", "CREATED", "Column", "Directory", "ImportKind", "Line", "MemberChange", "ONCALL_TEMPLATE",
    "ParseResult", "UNCHANGED", "UPDATED", "import_file", "parse_file", "write_template",
]
