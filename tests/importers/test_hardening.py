"""Files that used to be read wrong: rows after a long blank gap, password-protected
workbooks, formulas saved without a value, mixed CSV encodings, formula text and control
characters in cells."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from sas_roster.domain.cells import neutralise, safe_cell
from sas_roster.domain.errors import ValidationError
from sas_roster.importers import ImportKind
from sas_roster.importers.reading import read_table

from .helpers import RPPS_A, bad_key

HEADERS = ["Nom", "Prénom", "RPPS", "Rôles", "Statut"]


def _members_xlsx(path: Path, rows: dict[int, list[object]]) -> Path:
    """Rows at the sheet row numbers given (1 = header), blank rows in between."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Membres"
    sheet.append(HEADERS)
    for number, values in rows.items():
        for col, value in enumerate(values, start=1):
            sheet.cell(row=number, column=col, value=value)
    # Formatting down the gap, as a sheet prepared "for later" has: rows that exist, empty.
    for number in range(3, max(rows)):
        sheet.row_dimensions[number].height = 15
    book.save(path)
    return path


def test_a_bad_row_after_1200_blank_rows_is_refused_naming_that_row(tmp_path: Path) -> None:
    from sas_roster.importers.directory import Directory
    from sas_roster.importers.members import parse_members

    good = ["Martin", "Anne", RPPS_A, "régulateur", "libéral installé"]
    bad = ["Durand", "Paul", bad_key(RPPS_A), "régulateur", "libéral installé"]
    path = _members_xlsx(tmp_path / "trou.xlsx", {2: good, 1203: bad})
    table = read_table(path, ImportKind.MEMBERS)
    assert [r.number for r in table.rows] == [2, 1203]
    result = parse_members(table, Directory([], []))
    assert [(p.row, p.field) for p in result.problems] == [(1203, "RPPS")]


def test_rows_up_to_the_real_last_row_are_read(tmp_path: Path) -> None:
    far = 60_000
    path = _members_xlsx(tmp_path / "loin.xlsx", {2: ["A", "B", RPPS_A, "régulateur", "libéral installé"],
                                                  far: ["C", "D", RPPS_A, "régulateur", "libéral installé"]})
    assert [r.number for r in read_table(path, ImportKind.MEMBERS).rows] == [2, far]


def test_password_protected_workbook_is_called_so(tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = _members_xlsx(tmp_path / "clair.xlsx", {2: ["A", "B", RPPS_A, "régulateur", "libéral installé"]})
    locked = tmp_path / "protégé.xlsx"
    with plain.open("rb") as src, locked.open("wb") as dst:
        OOXMLFile(src).encrypt("secret", dst)
    with pytest.raises(ValidationError, match="protégé par un mot de passe"):
        read_table(locked, ImportKind.MEMBERS)


def test_old_xls_is_still_called_an_old_workbook(tmp_path: Path) -> None:
    path = tmp_path / "ancien.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048)
    with pytest.raises(ValidationError, match=r"ancien classeur Excel \(\.xls\)"):
        read_table(path, ImportKind.MEMBERS)


def test_formula_without_cached_value_is_named_not_taken_as_empty(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(['=UPPER("martin")', "Anne", RPPS_A, "régulateur", "libéral installé"])
    path = tmp_path / "formule.xlsx"
    book.save(path)  # openpyxl never computes formulas: no cached value in the file
    with pytest.raises(ValidationError) as caught:
        read_table(path, ImportKind.MEMBERS)
    assert "sans valeur calculée" in str(caught.value)
    assert [(p.row, p.field) for p in caught.value.problems] == [(2, "Nom")]


def test_utf8_header_with_cp1252_rows_names_the_first_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "mixte.csv"
    path.write_bytes("Nom;Prénom;RPPS;Rôles;Statut\n".encode() + f"Martin;Anne;{RPPS_A};régulateur;libéral installé\n"
                     .encode() + f"Durand;Hélène;{RPPS_A};régulateur;libéral installé\n".encode("cp1252"))
    with pytest.raises(ValidationError, match="ligne 3 est en Windows-1252"):
        read_table(path, ImportKind.MEMBERS)


def test_a_whole_cp1252_file_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "ansi.csv"
    path.write_bytes(f"Nom;Prénom;RPPS;Rôles;Statut\nDurand;Hélène;{RPPS_A};régulateur;libéral installé\n"
                     .encode("cp1252"))
    assert read_table(path, ImportKind.MEMBERS).rows[0].get("Prénom") == "Hélène"


@pytest.mark.parametrize(("typed", "stored"), [
    ('=HYPERLINK("http://x.invalid","clic")', '\'=HYPERLINK("http://x.invalid","clic")'),
    ("@SUM(A1:A3)", "'@SUM(A1:A3)"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("Ma\x07rtin\x00", "Martin"),
    ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
    ("-", "-"),
    ("Jean-Pierre", "Jean-Pierre"),
])
def test_formula_text_and_control_characters_are_neutralised(typed: str, stored: str) -> None:
    assert neutralise(typed) == stored
    assert safe_cell(typed) == stored and safe_cell(3) == 3


def test_neutralised_on_import_and_in_written_spreadsheets(tmp_path: Path) -> None:
    path = tmp_path / "injection.csv"
    path.write_text(f'Nom;Prénom;RPPS;Rôles;Statut\n=HYPERLINK("x");@SUM(1);{RPPS_A};régulateur;libéral installé\n',
                    encoding="utf-8")
    from sas_roster.importers.directory import Directory
    from sas_roster.importers.members import parse_members

    result = parse_members(read_table(path, ImportKind.MEMBERS), Directory([], []))
    person = result.lines[0].item.person
    assert (person.last_name, person.first_name) == ("'=HYPERLINK(\"x\")", "'@SUM(1)")
    # A writer using safe_cell: the text stays text when the sheet is opened again.
    book = Workbook()
    book.active.append([safe_cell('=HYPERLINK("x")')])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    cell = load_workbook(out).active["A1"]
    assert cell.data_type == "s" and cell.value == "'=HYPERLINK(\"x\")"
