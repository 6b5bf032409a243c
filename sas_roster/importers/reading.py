"""From a file on disk to a table of raw cells keyed by known column names.

Everything about files lives here: which extensions are accepted, telling a real
spreadsheet from a renamed picture, CSV encodings (UTF-8 with or without BOM, UTF-16
from Excel's "texte Unicode", cp1252 from older Excel) and separators (';' ',' tab),
finding the header row, and naming missing columns. File-level faults raise a
`ValidationError` at once: there is no point reading rows of a file we cannot trust.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain, islice
from dataclasses import dataclass, field
from pathlib import Path

from sas_roster.domain.errors import Problem, ValidationError

from .columns import COLUMNS, Column, ImportKind
from xml.etree.ElementTree import ParseError

from .values import is_blank, text
from .xlsx_stream import FormulaWithoutValue, XlsxSheets

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")
_HEADER_SCAN_ROWS = 10
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls / .doc container
# A password-protected .xlsx is an OLE container too, holding an "EncryptedPackage" stream.
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_NOT_XLSX = "ce n'est pas un classeur Excel (.xlsx) valide (fichier corrompu ou d'un autre type)"


@dataclass(slots=True)
class Row:
    number: int  # the row number the user sees in the spreadsheet (1-based, header included)
    cells: dict[str, object]  # column name -> raw value, for the known columns present

    def get(self, column: str) -> object:
        return self.cells.get(column)


@dataclass
class Table:
    kind: ImportKind
    columns: list[str]  # known columns present in the file, in file order
    rows: list[Row]
    notes: list[Problem] = field(default_factory=list)  # harmless oddities (ignored columns)

    def has(self, column: str) -> bool:
        return column in self.columns


def _fail(path: Path, reason: str) -> ValidationError:
    return ValidationError(f"Le fichier « {path.name} » ne peut pas être importé : {reason}")


def read_table(path: str | Path, kind: ImportKind) -> Table:
    """Read `path` (.xlsx/.xlsm or .csv) into a `Table` of `kind`'s columns."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SPREADSHEET_SUFFIXES + CSV_SUFFIXES:
        accepted = "un classeur Excel (.xlsx) ou un fichier CSV (.csv)"
        if suffix in (".xls", ".ods"):
            raise _fail(path, f"le format {suffix} n'est pas pris en charge ; enregistrez-le en .xlsx ou .csv")
        raise _fail(path, f"extension « {suffix or 'aucune'} » non prise en charge ; attendu {accepted}")
    if not path.is_file():
        raise _fail(path, "fichier introuvable")
    if suffix in SPREADSHEET_SUFFIXES:
        with _open_xlsx(path) as archive:
            # Rows stream from the sheet straight into the table: the sheet is never held whole.
            return _to_table(path, kind, _xlsx_rows(path, archive, kind))
    return _to_table(path, kind, iter(_read_csv(path)))


# --------------------------------------------------------------------------- xlsx


@contextmanager
def _open_xlsx(path: Path) -> Iterator[zipfile.ZipFile]:
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == _OLE_MAGIC:
        if _ENCRYPTED_MARK in path.read_bytes():
            raise _fail(path, "le classeur est protégé par un mot de passe ; ouvrez-le dans Excel ou "
                        "LibreOffice, enregistrez-le sans mot de passe, puis importez cette copie")
        raise _fail(path, "c'est un ancien classeur Excel (.xls) ; enregistrez-le au format .xlsx")
    if not zipfile.is_zipfile(path):
        raise _fail(path, _NOT_XLSX)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _fail(path, _NOT_XLSX) from None
    with archive:
        yield archive


def _xlsx_rows(path: Path, archive: zipfile.ZipFile, kind: ImportKind) -> Iterator[tuple[int, list[object]]]:
    try:
        book = XlsxSheets(archive)
        if not book.sheets:
            raise KeyError("no worksheet")
        yield from book.rows(_pick_sheet(book.sheets, kind))
    except (KeyError, ValueError, IndexError, zipfile.BadZipFile, ParseError, EOFError):
        raise _fail(path, _NOT_XLSX) from None


def _pick_sheet(sheets: list[tuple[str, str]], kind: ImportKind) -> str:
    """The sheet named like the template's, else the first sheet that is not the help sheet."""
    for title, part in sheets:
        if title.strip().lower() == kind.sheet_name.lower():
            return part
    for title, part in sheets:
        if title.strip().lower() != "aide":
            return part
    return sheets[0][1]


# --------------------------------------------------------------------------- csv


def _decode(path: Path, raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw:
        raise _fail(path, "ce n'est pas un fichier texte CSV (contenu binaire)")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw.decode("utf-8-sig")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        mixed_at = _mixed_encoding_line(raw, exc.start)
        if mixed_at is not None:
            raise _fail(path, f"l'encodage change en cours de fichier : le début est en UTF-8 mais la "
                        f"ligne {mixed_at} est en Windows-1252 (ANSI) ; enregistrez tout le fichier en "
                        "« CSV UTF-8 » (ou tout en ANSI) puis réessayez") from None
        # Excel on Windows saves "CSV (séparateur : point-virgule)" in cp1252.
        return raw.decode("cp1252", errors="replace")


def _mixed_encoding_line(raw: bytes, bad_at: int) -> int | None:
    """The line number of the first byte that is not UTF-8, when UTF-8 accents came before it
    (a UTF-8 header pasted above rows saved in cp1252); None for a file wholly in cp1252."""
    before = raw[:bad_at]
    try:
        before.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if all(b < 0x80 for b in before):
        return None  # nothing but ASCII before: a plain cp1252 file
    return before.count(b"\n") + 1


def _delimiter(sample: str) -> str:
    first = next((line for line in sample.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _read_csv(path: Path) -> list[tuple[int, list[object]]]:
    content = _decode(path, path.read_bytes())
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=_delimiter(content[:4096]))
    grid: list[tuple[int, list[object]]] = []
    try:
        for number, values in enumerate(reader, start=1):
            if all(is_blank(v) for v in values):
                continue
            grid.append((number, list(values)))
    except csv.Error:
        raise _fail(path, "ce n'est pas un fichier CSV lisible") from None
    return grid


# --------------------------------------------------------------------------- headers


def _match(columns: tuple[Column, ...], header: object) -> Column | None:
    label = text(header)
    if label is None:
        return None
    return next((c for c in columns if c.matches(label)), None)


def _to_table(path: Path, kind: ImportKind, rows_in: Iterator[tuple[int, list[object]]]) -> Table:
    columns = COLUMNS[kind]
    grid = list(islice(rows_in, _HEADER_SCAN_ROWS))
    if not grid:
        raise _fail(path, "le fichier est vide")
    header_at = None
    for index, (_, values) in enumerate(grid[:_HEADER_SCAN_ROWS]):
        if sum(1 for v in values if _match(columns, v)) >= 2:
            header_at = index
            break
    if header_at is None:
        expected = ", ".join(c.name for c in columns if c.required)
        raise _fail(path, f"aucune ligne d'en-tête reconnue ; colonnes attendues : {expected} "
                    f"(partez du modèle : sas-roster template {kind.value})")
    header_row, headers = grid[header_at]
    positions: dict[str, int] = {}
    notes: list[Problem] = []
    for position, header in enumerate(headers):
        column = _match(columns, header)
        if column is None:
            if not is_blank(header):
                notes.append(Problem(f"colonne « {text(header)} » non reconnue : ignorée", header_row))
        elif column.name in positions:
            notes.append(Problem(f"colonne « {column.name} » en double : seule la première est lue", header_row))
        else:
            positions[column.name] = position
    missing = [c.name for c in columns if c.required and c.name not in positions]
    if missing:
        names = ", ".join(f"« {m} »" for m in missing)
        raise ValidationError(
            f"Le fichier « {path.name} » ne peut pas être importé : colonne(s) obligatoire(s) absente(s) : {names}",
            [Problem("colonne obligatoire absente", header_row, m) for m in missing],
        )
    rows = []
    uncomputed: list[Problem] = []
    for number, values in chain(grid[header_at + 1:], rows_in):
        # Only the cells that hold something: a members sheet has 25 columns, mostly empty.
        cells = {name: values[pos] for name, pos in positions.items() if pos < len(values) and values[pos] is not None}
        if all(is_blank(v) for v in cells.values()):
            continue
        for name, value in cells.items():
            if isinstance(value, FormulaWithoutValue):
                uncomputed.append(Problem(
                    f"formule « {value.formula[:60]} » sans valeur calculée (le fichier a été produit "
                    "par un programme qui ne calcule pas les formules)", number, name))
        rows.append(Row(number, cells))
    if uncomputed:
        raise ValidationError(
            f"Le fichier « {path.name} » ne peut pas être importé : des formules n'ont pas de valeur "
            "calculée ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le (les valeurs seront "
            "calculées), ou remplacez ces formules par leur valeur", uncomputed)
    ordered = sorted(positions, key=lambda n: positions[n])
    return Table(kind, ordered, rows, notes)
