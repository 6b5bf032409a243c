"""Reading files: extensions, broken files, CSV encodings and separators, header rows."""

import zipfile

import pytest
from openpyxl import Workbook

from sas_roster.domain.errors import ValidationError
from sas_roster.importers import ImportKind, parse_file
from sas_roster.importers.reading import read_table

from .helpers import RPPS_A, directory, write_csv, write_xlsx

HEADERS = ["RPPS", "Nom", "Prénom", "Date", "Début", "Fin", "Type"]
ROW = [RPPS_A, "MARTIN", "Camille", "03/05/2027", "8:00", "12:00", "disponible"]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(40)


def test_unsupported_extension(tmp_path):
    path = tmp_path / "dispos.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(ValidationError, match=r"extension « \.pdf » non prise en charge"):
        read_table(path, ImportKind.AVAILABILITY)


def test_old_formats_are_named(tmp_path):
    path = tmp_path / "dispos.ods"
    path.write_bytes(b"PK")
    with pytest.raises(ValidationError, match=r"\.ods n'est pas pris en charge ; enregistrez-le en \.xlsx"):
        read_table(path, ImportKind.AVAILABILITY)
    renamed = tmp_path / "ancien.xlsx"
    renamed.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(ValidationError, match=r"ancien classeur Excel \(\.xls\)"):
        read_table(renamed, ImportKind.AVAILABILITY)


def test_a_picture_renamed_xlsx(tmp_path):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(PNG)
    with pytest.raises(ValidationError, match="« photo.xlsx » ne peut pas être importé : ce n'est pas un classeur"):
        read_table(path, ImportKind.MEMBERS)


def test_a_corrupt_zip(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", HEADERS, [ROW])
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    with pytest.raises(ValidationError, match="ce n'est pas un classeur Excel"):
        read_table(broken, ImportKind.AVAILABILITY)
    other_zip = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("notes.txt", "pas un classeur")
    with pytest.raises(ValidationError, match="ce n'est pas un classeur Excel"):
        read_table(other_zip, ImportKind.AVAILABILITY)


def test_a_picture_renamed_csv(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(PNG)
    with pytest.raises(ValidationError, match="contenu binaire"):
        read_table(path, ImportKind.MEMBERS)


def test_missing_required_columns_are_named(tmp_path):
    path = write_xlsx(tmp_path / "m.xlsx", ["Nom", "Prénom", "RPPS"], [["MARTIN", "Camille", RPPS_A]])
    with pytest.raises(ValidationError) as caught:
        read_table(path, ImportKind.MEMBERS)
    assert "« Rôles », « Statut »" in str(caught.value)
    assert {p.field for p in caught.value.problems} == {"Rôles", "Statut"}
    assert all(p.row == 1 for p in caught.value.problems)


def test_no_header_row_at_all(tmp_path):
    path = write_xlsx(tmp_path / "m.xlsx", ["a", "b"], [[1, 2]])
    with pytest.raises(ValidationError, match="aucune ligne d'en-tête reconnue ; colonnes attendues : Date, Type"):
        read_table(path, ImportKind.AVAILABILITY)


def test_empty_file(tmp_path):
    path = tmp_path / "vide.csv"
    path.write_bytes(b"")
    with pytest.raises(ValidationError, match="le fichier est vide"):
        read_table(path, ImportKind.AVAILABILITY)


def test_title_rows_blank_rows_and_unknown_columns(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Disponibilités de mai"])
    sheet.append([])
    sheet.append(["rpps", "NOM", "prenom", "Date", "Debut", "FIN", "type", "Remarque"])
    sheet.append(ROW + ["merci"])
    sheet.append([None] * 8)
    sheet.append(ROW[:3] + ["04/05/2027", "14h", "18h", "Si besoin"])
    for _ in range(30):
        sheet.append([None, "", " "])
    book.save(tmp_path / "dispos.xlsx")
    table = read_table(tmp_path / "dispos.xlsx", ImportKind.AVAILABILITY)
    assert [r.number for r in table.rows] == [4, 6]  # numbers the user sees, blank row skipped
    assert "Remarque" in str(table.notes[0])
    assert table.columns == ["RPPS", "Nom", "Prénom", "Date", "Début", "Fin", "Type"]


@pytest.mark.parametrize("delimiter, encoding", [(";", "utf-8"), (",", "utf-8"), (";", "utf-8-sig"),
                                                 (";", "cp1252"), ("\t", "utf-16"), (",", "utf-8-sig")])
def test_csv_variants(tmp_path, delimiter, encoding):
    path = write_csv(tmp_path / "dispos.csv", HEADERS,
                     [ROW, [RPPS_A, "MARTIN", "Camille", "04/05/2027", "8h", "12h", "Souhaité"]],
                     delimiter=delimiter, encoding=encoding)
    result = parse_file(ImportKind.AVAILABILITY, path, directory())
    assert result.problems == []
    assert [e.kind.value for e in result.items] == ["available", "preferred"]
    assert result.lines[1].row == 3


def test_cp1252_accents_are_read_back(tmp_path):
    path = write_csv(tmp_path / "membres.csv", ["Nom", "Prénom", "Rôles", "Statut"],
                     [["ROUX", "Élise", "opérateur", "salariée"]], encoding="cp1252")
    result = parse_file(ImportKind.MEMBERS, path)
    assert result.problems == []
    assert result.items[0].person.first_name == "Élise"
