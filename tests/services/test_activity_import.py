"""Activity aggregates: template round trip, re-import, refusals (patient data first)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import func, select

from sas_roster.domain.activity import calls_by_hour, mean_calls_per_hour, totals, weekday_count
from sas_roster.domain.errors import ValidationError
from sas_roster.importers import ImportKind
from sas_roster.persistence.models import ActivityRow
from sas_roster.services.imports import import_file
from tests.importers.helpers import fill_template, problem_at, territories, write_csv, write_xlsx

H = ["Période", "Territoire", "Jour de la semaine", "Heure", "Appels reçus", "Appels décrochés",
     "Régulés par la régulation libérale", "Conseils seuls", "Rendez-vous pris", "Rendez-vous non honorés",
     "Suivis à 72 h", "Réorientations"]


@pytest.fixture
def svc(services):
    services.settings.save_territories([dataclasses.replace(t, id=None) for t in territories()])
    return services


def count(services) -> int:
    with services.engine.connect() as c:
        return c.execute(select(func.count()).select_from(ActivityRow)).scalar_one()


def test_template_round_trip_and_reimport(svc, tmp_path):
    path = fill_template(ImportKind.ACTIVITY, tmp_path / "activite.xlsx", [
        {"Période": "2027-03", "Territoire": "NORD", "Appels reçus": 1200, "Appels décrochés": 1150,
         "Régulés par la régulation libérale": 600, "Conseils seuls": 200, "Rendez-vous pris": 300,
         "Rendez-vous non honorés": 15, "Suivis à 72 h": 40, "Réorientations": 50},
        {"Période": "2027-03", "Territoire": "CPTS Sud-Vallée", "Appels reçus": 800, "Rendez-vous pris": 100,
         "Rendez-vous non honorés": 5},
        {"Période": "2027-03", "Jour de la semaine": "lundi", "Heure": "8h", "Appels reçus": 90},
        {"Période": "2027-03", "Jour de la semaine": "lundi", "Heure": 9, "Appels reçus": 60},
        {"Période": "16/03/2027", "Appels reçus": 70},
    ])
    dry = import_file(svc, "activity", path, dry_run=True)
    assert dry.added == 5 and count(svc) == 0
    assert "serai" in dry.summary()
    report = import_file(svc, "activité", path)
    assert report.added == 5 and count(svc) == 5
    records = svc.activity.records(date(2027, 3, 1), date(2027, 3, 31))
    assert len(records) == 5
    month = [r for r in records if r.end == date(2027, 3, 31)]
    t = totals(month)
    assert (t.calls_received, t.appointments, t.no_shows) == (2000, 400, 20)
    assert t.no_show_rate == pytest.approx(0.05)
    assert {r.territory for r in month} == {"NORD", "SUD", None}
    assert calls_by_hour(records) == {8: 90, 9: 60}
    # March 2027 has five Mondays: 90 calls over five 8h-9h slots.
    assert weekday_count(date(2027, 3, 1), date(2027, 3, 31), 0) == 5
    assert mean_calls_per_hour(records)[(0, 8)] == pytest.approx(18.0)

    # Re-import of a corrected NORD line: its period-territory is replaced, the rest stays.
    fixed = write_csv(tmp_path / "nord.csv", H, [["2027-03", "NORD", "", "", 1210, 1150]])
    again = import_file(svc, "activity", fixed)
    assert (again.added, again.replaced) == (1, 1)
    assert count(svc) == 5
    nord = svc.activity.records(date(2027, 3, 1), date(2027, 3, 31), territory="NORD")
    assert [r.calls_received for r in nord] == [1210]
    same = import_file(svc, "activity", fixed)
    assert (same.added, same.kept, same.replaced) == (0, 1, 0)
    # A totals file for the whole département leaves its hourly profile alone, and back.
    totals_only = write_csv(tmp_path / "dep.csv", H, [["2027-03", "", "", "", 2100]])
    assert import_file(svc, "activity", totals_only).replaced == 0
    hourly_only = write_csv(tmp_path / "hours.csv", H, [["2027-03", "", "lundi", "8", 95]])
    assert import_file(svc, "activity", hourly_only).replaced == 2  # lundi 8h and 9h
    records = svc.activity.records(date(2027, 3, 1), date(2027, 3, 31))
    assert calls_by_hour(records) == {8: 95}
    assert totals([r for r in records if r.territory is None]).calls_received == 2100 + 70  # + the 16/03 line


@pytest.mark.parametrize("header", ["Nom du patient", "NIR", "N° de sécurité sociale", "Date de naissance"])
def test_patient_columns_are_refused(svc, tmp_path, header):
    path = write_xlsx(tmp_path / "export.xlsx", H[:5] + [header], [["2027-03", "NORD", "", "", 12, "x"]])
    with pytest.raises(ValidationError, match="données de patients") as err:
        import_file(svc, "activity", path, dry_run=True)
    assert err.value.problems[0].field == header
    assert count(svc) == 0


def test_nir_shaped_value_anywhere_is_refused(svc, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Activité"
    book.active.append(H[:5])
    book.active.append(["2027-03", "NORD", "", "", 12])
    notes = book.create_sheet("Notes")  # hidden away on another sheet, unknown column
    notes.append(["Commentaire", "Divers"])
    notes.append(["rappel", "1 85 05 78 006 084 36"])
    book.save(tmp_path / "a.xlsx")
    with pytest.raises(ValidationError, match="NIR"):
        import_file(svc, "activity", tmp_path / "a.xlsx")
    csv_path = write_csv(tmp_path / "b.csv", H[:5] + ["Remarque"], [["2027-03", "", "", "", 3, "2850578006084"]])
    with pytest.raises(ValidationError, match="NIR"):
        import_file(svc, "activity", csv_path)
    assert count(svc) == 0


def test_row_and_field_errors_refuse_everything(svc, tmp_path):
    path = write_csv(tmp_path / "bad.csv", H, [
        ["2027-03", "NORD", "", "", 100, 90],                 # fine
        ["2027-13", "NORD", "", "", 100],                     # impossible month
        ["2027-03", "OUEST", "", "", 100],                    # unknown territory
        ["2027-03", "", "lundi", "", 10],                     # weekday without hour
        ["2027-03", "SUD", "", "", 100, 120],                 # answered > received
        ["2027-03", "SUD", "", "", "", "", "", "", 10, 12],   # no-shows > appointments
        ["2027-03", "", "jeudi", "25", 10],                   # hour 25
        ["2027-03", "NORD", "", "", 5],                       # same key as row 2
        ["2027-03", "SUD", "", "", -4],                       # negative
    ])
    with pytest.raises(ValidationError, match="rien n'a été enregistré") as err:
        import_file(svc, "activity", path)
    problems = err.value.problems
    problem_at(problems, 3, "Période")
    assert "OUEST" in str(problem_at(problems, 4, "Territoire"))
    problem_at(problems, 5, "Heure")
    assert "dépasse" in problem_at(problems, 6, "Appels décrochés").message
    problem_at(problems, 7, "Rendez-vous non honorés")
    problem_at(problems, 8, "Heure")
    assert "ligne 2" in problem_at(problems, 9, "Période").message
    problem_at(problems, 10, "Appels reçus")
    assert count(svc) == 0


def test_template_command_writes_activity_template(tmp_path):
    from openpyxl import load_workbook

    from sas_roster.importers import write_template

    path = write_template("activity", tmp_path / "modele.xlsx")
    headers = [c.value for c in load_workbook(path)["Activité"][1]]
    assert headers == H
