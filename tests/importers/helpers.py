"""Build real spreadsheet and CSV files for the importer tests, and a small directory of people."""

from __future__ import annotations

import csv

from pathlib import Path

from openpyxl import Workbook, load_workbook

from sas_roster.domain.demand import RotaSource, Territory
from sas_roster.domain.enums import PersonStatus, Role, Sector
from sas_roster.domain.person import Person
from sas_roster.domain.rpps import make_rpps
from sas_roster.importers import Directory, ImportKind, write_template

RPPS_A = make_rpps("1000000001")
RPPS_B = make_rpps("1000000002")
RPPS_C = make_rpps("1000000003")
RPPS_NEW = make_rpps("1000000099")


def bad_key(rpps: str) -> str:
    """The same RPPS with a wrong Luhn key."""
    return rpps[:10] + str((int(rpps[10]) + 1) % 10)


def write_xlsx(path: Path, headers: list[str], rows: list[list[object]], title: str = "Feuille1") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, headers: list[str], rows: list[list[object]], *, delimiter: str = ";",
              encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


def fill_template(kind: ImportKind, path: Path, rows: list[dict[str, object]]) -> Path:
    """Write the app's own template, then fill it as a coordinator would, by column name."""
    write_template(kind, path)
    book = load_workbook(path)
    sheet = book[kind.sheet_name]
    headers = [c.value for c in sheet[1]]
    for n, values in enumerate(rows, start=2):
        for name, value in values.items():
            sheet.cell(row=n, column=headers.index(name) + 1, value=value)
    book.save(path)
    return path


def people() -> list[Person]:
    return [
        Person("MARTIN", "Camille", frozenset({Role.REGULATOR, Role.EFFECTOR}), PersonStatus.INSTALLED,
               rpps=RPPS_A, id=1, sector=Sector.S1, email="camille.martin@example.org", territory="NORD"),
        Person("BERNARD", "Lou", frozenset({Role.EFFECTOR}), PersonStatus.INSTALLED, rpps=RPPS_B, id=2,
               territory="SUD"),
        Person("PETIT", "Sacha", frozenset({Role.OSNP}), PersonStatus.SALARIED, id=3,
               email="sacha.petit@example.org"),
        Person("ROUX", "Élise", frozenset({Role.OSNP}), PersonStatus.SALARIED, id=4),
        Person("MOREAU", "Jean", frozenset({Role.REGULATOR}), PersonStatus.RETIRED_CUMUL, rpps=RPPS_C, id=5,
               sector=Sector.S2),
    ]


def territories() -> list[Territory]:
    return [Territory("NORD", "CPTS du Nord", rota_source=RotaSource.CPTS, id=1),
            Territory("SUD", "CPTS Sud-Vallée", rota_source=RotaSource.CPTS, id=2)]


def directory() -> Directory:
    return Directory(people(), territories())


def problem_at(problems, row: int, field: str):
    """The problem at (row, field), failing with the whole list when there is none."""
    found = [p for p in problems if p.row == row and p.field == field]
    assert found, f"no problem at row {row}, column {field!r}: {[str(p) for p in problems]}"
    return found[0]


