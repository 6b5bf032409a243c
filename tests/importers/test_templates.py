"""Templates: what a coordinator opens, and that a filled template parses back."""

import csv
from datetime import date, datetime, time

import pytest
from openpyxl import load_workbook

from sas_roster.domain.errors import ValidationError
from sas_roster.importers import COLUMNS, ImportKind, parse_file, write_template

from .helpers import RPPS_A, RPPS_B, RPPS_NEW, directory, fill_template


@pytest.mark.parametrize("kind", list(ImportKind))
def test_xlsx_template_is_comfortable(tmp_path, kind):
    path = write_template(kind.value, tmp_path / f"{kind.value}.xlsx")
    book = load_workbook(path)
    assert book.sheetnames[:2] == [kind.sheet_name, "Aide"]
    sheet = book[kind.sheet_name]
    headers = [c.value for c in sheet[1]]
    assert headers == [c.name for c in COLUMNS[kind]]
    assert all(c.font.bold for c in sheet[1]) and sheet.freeze_panes == "A2"
    assert sheet.max_row == 1  # blank: nothing below the headers
    assert all(sheet.column_dimensions[c.column_letter].width >= 9 for c in sheet[1])
    validated = {str(r).split(":")[0].rstrip("0123456789") for dv in sheet.data_validations.dataValidation
                 for r in dv.sqref.ranges}
    for index, column in enumerate(COLUMNS[kind], start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        assert (letter in validated) == bool(column.choices), column.name
    help_text = " ".join(str(c.value) for row in book["Aide"].iter_rows() for c in row if c.value)
    assert all(column.name in help_text for column in COLUMNS[kind])
    assert book["Listes"].sheet_state == "hidden"


def test_members_drop_down_lists(tmp_path):
    book = load_workbook(write_template(ImportKind.MEMBERS, tmp_path / "m.xlsx"))
    sheet = book["Membres"]
    formulas = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    lists = book["Listes"]
    values = {str(c.value) for row in lists.iter_rows() for c in row if c.value is not None}
    assert {"régulateur", "effecteur", "OSNP", "libéral installé", "retraité cumul", "OPTAM", "oui"} <= values
    assert all(f.startswith("Listes!$") for f in formulas)


@pytest.mark.parametrize("kind", list(ImportKind))
def test_csv_template_has_french_headers_and_parses(tmp_path, kind):
    path = write_template(kind, tmp_path / f"{kind.value}.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert header == [c.name for c in COLUMNS[kind]]
    assert parse_file(kind, path, directory()).lines == []


def test_template_refuses_other_extensions(tmp_path):
    with pytest.raises(ValidationError, match="choisissez .xlsx ou .csv"):
        write_template("members", tmp_path / "m.ods")
    with pytest.raises(ValidationError, match="Type d'import « salaires » inconnu"):
        write_template("salaires", tmp_path / "m.xlsx")


def test_members_template_round_trip(tmp_path):
    path = fill_template(ImportKind.MEMBERS, tmp_path / "m.xlsx", [
        {"Nom": "LEROY", "Prénom": "Noé", "Rôles": "régulateur, effecteur", "Statut": "libéral installé",
         "RPPS": RPPS_NEW, "Secteur": "1", "Territoire": "SUD", "Actif depuis": date(2027, 1, 1),
         "Consentement contact": "oui"},
        {"Nom": "NEUF", "Prénom": "Ana", "Rôles": "OSNP", "Statut": "salarié", "E-mail": "ana@example.org",
         "Contrat début": date(2027, 2, 1), "Employeur": "association", "Heures hebdomadaires": 35},
    ])
    result = parse_file(ImportKind.MEMBERS, path, directory())
    assert result.problems == [] and result.notes == []
    assert [c.person.last_name for c in result.items] == ["LEROY", "NEUF"]
    assert result.items[0].person.territory == "SUD"


def test_availability_template_round_trip(tmp_path):
    path = fill_template(ImportKind.AVAILABILITY, tmp_path / "a.xlsx", [
        {"RPPS": RPPS_A, "Nom": "MARTIN", "Prénom": "Camille", "Date": date(2027, 5, 3), "Début": time(8),
         "Fin": time(12), "Type": "disponible"},
        {"E-mail": "sacha.petit@example.org", "Date": "04/05/2027", "Début": "14h", "Fin": "20h", "Type": "si besoin"},
    ])
    result = parse_file(ImportKind.AVAILABILITY, path, directory())
    assert result.problems == []
    assert [(e.person_id, e.day) for e in result.items] == [(1, date(2027, 5, 3)), (3, date(2027, 5, 4))]


def test_pdsa_and_rota_templates_round_trip(tmp_path):
    pdsa = fill_template(ImportKind.PDSA, tmp_path / "p.xlsx", [
        {"RPPS": RPPS_B, "Début": datetime(2027, 5, 3, 20), "Fin": datetime(2027, 5, 4, 8), "Type": "effection"}])
    assert parse_file(ImportKind.PDSA, pdsa, directory()).items[0].person_id == 2
    rota = fill_template(ImportKind.ROTA, tmp_path / "r.xlsx", [
        {"Territoire": "NORD", "Date": date(2027, 5, 3), "RPPS": RPPS_A, "Nom": "MARTIN"}])
    assigned = parse_file(ImportKind.ROTA, rota, directory()).items[0]
    assert (assigned.person_id, assigned.territory, assigned.fixed_by_cpts) == (1, "NORD", True)
