"""A real association from its first start, through the command line and real files only:
settings file, members, availability, PDSA, CPTS rota, hours before the app, then solve.
The demo is kept apart: it never overwrites an association unless forced, has its own
file, and its settings exported then imported give the same calendar and demand."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

import main as app_main
from sas_roster.domain.calendar import month_calendar
from sas_roster.domain.enums import Role
from sas_roster.domain.rpps import make_rpps
from sas_roster.roster_check import check_month
from sas_roster.services import Services
from sas_roster.services.setup import DatabaseKind

MONTH = "2027-03"
YEAR, MON = 2027, 3


@pytest.fixture
def run(tmp_path, capsys):
    def call(url: str, *args: str) -> tuple[int, str, str]:
        code = app_main.main(["--db", url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return call


def _fill(path: Path, sheet: str | None, rows: list[dict[str, object]]) -> None:
    book = load_workbook(path)
    ws = book[sheet] if sheet else book.worksheets[0]
    headers = [c.value for c in ws[1]]
    for values in rows:
        ws.append([values.get(h) for h in headers])
    book.save(path)


def _rpps(n: int) -> str:
    return make_rpps(f"3888800{n:03d}")


REGULATORS = [  # (last name, status, extra columns)
    ("Aubrac", "libéral installé", {}),
    ("Brézé", "Libéral installé", {"Secteur": "secteur 2"}),
    ("Cassan", "libéral installé", {"Secteur": "OPTAM"}),
    ("Dalmas", "libéral installé", {}),
    ("Espéron", "retraité", {}),  # no quota of his own: the association's default
    ("Fabrègue", "retraité autorisé", {"Contrat début": "01/01/2027", "Employeur": "CH de Lunel-Imaginaire"}),
    ("Garrigue", "remplaçant", {"Contrat début": "01/02/2027", "Contrat fin": "30/06/2027",
                                "Médecin remplacé": "Dr Paul Imaginaire"}),
    ("Hérail", "libéral installé", {}),
]
OSNP = ["Issartel", "Jalabert", "Lafont"]
EFFECTORS = [("Mazel", "NORD"), ("Nogaret", "NORD"), ("Ortholan", "SUD"), ("Pujol", "SUD")]


def _settings_file(run, url, tmp_path) -> Path:
    path = tmp_path / "parametres.xlsx"
    code, out, err = run(url, "settings", "template", "--out", str(path), "--year", "2027")
    assert code == 0, err
    book = load_workbook(path)
    params = {row[0].value: row[1] for row in book["Association"].iter_rows(min_row=2)}
    params["Nom de l'association"].value = "Association SAS Garrigues-Imaginaires"
    params["Département"].value = "30"
    params["Zone des jours fériés"].value = None
    params["Fuseau horaire"].value = None
    params["Quota annuel par défaut des retraités (h)"].value = 120
    terr = book["Territoires"]
    terr.append(["NORD", "CPTS du Nord-Garrigue", "CPTS", 1, "planifié par l'association"])
    terr.append(["SUD", "CPTS Sud-Vidourle", "cpts", 1, "transmis par le territoire"])
    book.save(path)
    return path


def _members_file(run, url, tmp_path) -> Path:
    path = tmp_path / "membres.xlsx"
    assert run(url, "template", "members", "--out", str(path))[0] == 0
    rows = []
    for i, (last, status, extra) in enumerate(REGULATORS):
        rows.append({"Nom": last, "Prénom": "Camille", "Rôles": "régulateur", "Statut": status, "RPPS": _rpps(i),
                     "Secteur": "1", "Téléphone": f"06 12 34 56 {i:02d}", "E-mail": f"{last.lower()}@exemple.fr",
                     **extra})
    for i, last in enumerate(OSNP):
        rows.append({"Nom": last, "Prénom": "Lou", "Rôles": "OSNP", "Statut": "salarié", "E-mail": f"{last.lower()}@ex.fr",
                     "Contrat début": "01/09/2026", "Employeur": "association", "Heures hebdomadaires": 35})
    for i, (last, territory) in enumerate(EFFECTORS, start=20):
        rows.append({"Nom": last, "Prénom": "Sacha", "Rôles": "effecteur", "Statut": "installé", "RPPS": _rpps(i),
                     "Secteur": "1", "Territoire": territory, "Téléphone": "+590 690 12 34 56"})
    _fill(path, None, rows)
    return path


def _days():
    first = date(YEAR, MON, 1)
    return [first + timedelta(days=n) for n in range(31)]


def _availability_file(run, url, tmp_path) -> Path:
    path = tmp_path / "dispos.xlsx"
    assert run(url, "template", "availability", "--out", str(path))[0] == 0
    rows = []
    for d in _days():
        if d.weekday() == 6:
            continue
        for i, _ in enumerate(REGULATORS):
            rows.append({"RPPS": _rpps(i), "Date": d, "Début": "8:00", "Fin": "20:00", "Type": "disponible"})
        for last in OSNP:
            rows.append({"E-mail": f"{last.lower()}@ex.fr", "Date": d, "Type": "disponible"})
        for i, _ in enumerate(EFFECTORS, start=20):
            rows.append({"RPPS": _rpps(i), "Date": d, "Type": "si besoin"})
    _fill(path, None, rows)
    return path


def _pdsa_file(run, url, tmp_path) -> Path:
    path = tmp_path / "pdsa.xlsx"
    assert run(url, "template", "pdsa", "--out", str(path))[0] == 0
    _fill(path, None, [{"RPPS": _rpps(0), "Début": "03/03/2027 20:00", "Fin": "04/03/2027 08:00", "Type": "régulation"},
                       {"RPPS": _rpps(20), "Début": "13/03/2027 12:00", "Fin": "13/03/2027 20:00", "Type": "effection"}])
    return path


def _rota_file(run, url, tmp_path) -> Path:
    path = tmp_path / "astreintes.xlsx"
    assert run(url, "template", "rota", "--out", str(path))[0] == 0
    rows = []
    open_days = [d for d in _days() if d.weekday() < 5]  # no public holiday in March 2027
    for n, d in enumerate(open_days):
        rows.append({"Territoire": "cpts sud-vidourle" if n % 3 == 0 else "SUD", "Date": d, "RPPS": _rpps(22 + n % 2)})
    _fill(path, None, rows)
    return path


def _history_file(run, url, tmp_path) -> Path:
    path = tmp_path / "heures.xlsx"
    code, _, err = run(url, "template", "history", "--out", str(path))
    assert code == 0, err
    _fill(path, None, [{"RPPS": _rpps(4), "Rôle": "régulateur", "Mois": "01/2027", "Heures": "40"},
                       {"RPPS": _rpps(4), "Rôle": "régulateur", "Mois": "février 2027", "Heures": "60,5"},
                       {"RPPS": _rpps(5), "Rôle": "Régulateur", "Mois": "2027-02", "Heures": "12h30"}])
    return path


def _import_real_association(run, url, tmp_path) -> None:
    steps = [
        ("settings", "import", str(_settings_file(run, url, tmp_path))),
        ("import", "members", str(_members_file(run, url, tmp_path))),
        ("import", "availability", str(_availability_file(run, url, tmp_path))),
        ("import", "pdsa", str(_pdsa_file(run, url, tmp_path))),
        ("import", "rota", str(_rota_file(run, url, tmp_path))),
        ("import", "history", str(_history_file(run, url, tmp_path))),
    ]
    for args in steps:
        code, out, err = run(url, *args)
        assert code == 0, (args, err)


def test_a_month_solved_for_an_association_built_from_files_only(run, tmp_path):
    url = f"sqlite:///{tmp_path / 'association.db'}"
    _import_real_association(run, url, tmp_path)
    code, out, err = run(url, "solve", MONTH, "--time-limit", "20", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["stored_assignments"] > 100 and report["coverage_percent"] > 90
    with Services.open(url) as s:
        assert s.setup.database_kind() is DatabaseKind.ASSOCIATION
        names = {p.last_name for p in s.persons.list()}
        assert names == {r[0] for r in REGULATORS} | set(OSNP) | {e[0] for e in EFFECTORS}  # never a demo person
        assert not any(e.actor == "démo" for e in s.audit.entries(limit=100_000))
        settings = s.settings.get()
        assert (settings.department, settings.zone.value, settings.default_retiree_quota_hours) == ("30", "metropole", 120)
        assert check_month(s, YEAR, MON) == []
        people = {p.last_name: p for p in s.persons.list()}
        # the retiree without a quota: the association's 120 h, minus the 100.5 h entered before the app
        esperon = people["Espéron"].id
        minutes = sum(a.minutes for a in s.rosters.assignments(YEAR, MON) if a.person_id == esperon)
        assert minutes <= 120 * 60 - 100 * 60 - 30
        assert s.history.regulation_minutes_before(YEAR, date(YEAR, MON, 1))[esperon] == 100 * 60 + 30
        sud = [a for a in s.rosters.assignments(YEAR, MON) if a.territory == "SUD"]
        assert sud and all(a.fixed_by_cpts for a in sud)
        assert people["Garrigue"].contracts[0].replaces == "Dr Paul Imaginaire"
        assert people["Fabrègue"].contracts[0].kind.value == "hospital"


def test_demo_refuses_a_real_association_then_force_resets_it(run, tmp_path):
    url = f"sqlite:///{tmp_path / 'association.db'}"
    assert run(url, "settings", "import", str(_settings_file(run, url, tmp_path)))[0] == 0
    assert run(url, "import", "members", str(_members_file(run, url, tmp_path)))[0] == 0
    with Services.open(url) as s:
        before = (s.settings.get(), len(s.persons.list()), len(s.audit.entries(limit=100_000)))
    code, out, err = run(url, "demo", "--today", "2026-11-23")
    assert code == 1 and out == ""
    assert "contient une association « Association SAS Garrigues-Imaginaires »" in err
    assert "rien n'a été modifié" in err and "--force" in err
    with Services.open(url) as s:
        assert (s.settings.get(), len(s.persons.list()), len(s.audit.entries(limit=100_000))) == before
    code, out, err = run(url, "demo", "--today", "2026-11-23", "--force")
    assert code == 0, err
    with Services.open(url) as s:
        assert s.setup.database_kind() is DatabaseKind.DEMO and len(s.persons.list()) > 60


def test_demo_on_a_zero_byte_file_changes_nothing_unless_forced(run, tmp_path):
    path = tmp_path / "perdue.db"
    path.write_bytes(b"")
    url = f"sqlite:///{path}"
    code, _, err = run(url, "demo", "--today", "2026-11-23")
    assert code == 1 and "vide (0 octet)" in err
    assert path.stat().st_size == 0
    assert run(url, "demo", "--today", "2026-11-23", "--force")[0] == 0


def test_demo_without_db_has_a_file_of_its_own(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    association = tmp_path / "partagee.db"
    monkeypatch.setenv("SAS_ROSTER_DB_URL", f"sqlite:///{association}")
    assert app_main.main(["demo", "--today", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    from sas_roster.persistence.engine import demo_database_url, sqlite_path

    demo_file = sqlite_path(demo_database_url())
    assert demo_file.name == "demo.sqlite" and demo_file.is_relative_to(tmp_path / "data")
    assert str(demo_file) in out and "--db demo" in out
    assert not association.exists()  # the association's database was never touched
    with Services.open("demo") as s:
        assert s.setup.is_demo()
    assert app_main.main(["--db", "demo", "calendar", "2026-12", "--json"]) == 0


def test_settings_exported_from_the_demo_give_the_same_calendar_and_demand(run, tmp_path):
    demo = f"sqlite:///{tmp_path / 'demo.db'}"
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert run(demo, "demo", "--today", "2026-11-23")[0] == 0
    exported = tmp_path / "parametres-demo.xlsx"
    code, out, err = run(demo, "settings", "export", "--out", str(exported))
    assert code == 0 and exported.exists(), err
    code, out, err = run(fresh, "settings", "import", str(exported), "--dry-run")
    assert code == 0 and "Rien n'a été enregistré" in out, err
    code, out, err = run(fresh, "settings", "import", str(exported))
    assert code == 0 and "Association créée" in out, err
    for month in ("2026-12", "2027-05"):
        assert json.loads(run(demo, "calendar", month, "--json")[1]) == json.loads(run(fresh, "calendar", month, "--json")[1])
    with Services.open(demo) as a, Services.open(fresh) as b:
        def strip(items):
            return sorted((dataclasses.replace(x, id=None) for x in items), key=repr)

        assert strip(a.settings.shift_templates()) == strip(b.settings.shift_templates())
        assert a.settings.demand_curves() == b.settings.demand_curves()
        assert strip(a.settings.demand_overrides()) == strip(b.settings.demand_overrides())
        assert strip(a.settings.territories()) == strip(b.settings.territories())
        assert b.setup.database_kind() is DatabaseKind.ASSOCIATION  # imported settings are not the demo
        cal = month_calendar(b.settings.get(), 2026, 12)
        assert cal.day(date(2026, 12, 24)).hours[Role.REGULATOR].end.hour == 12


def test_settings_import_errors_name_sheet_row_and_column(run, tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    path = _settings_file(run, url, tmp_path)
    book = load_workbook(path)
    book["Créneaux"]["D2"] = "25:00"
    book.save(path)
    code, out, err = run(url, "settings", "import", str(path))
    assert code == 1 and "feuille « Créneaux », ligne 2, colonne « Début » : heure impossible" in err
    with Services.open(url) as s:
        assert s.setup.database_kind() is DatabaseKind.EMPTY


def test_solve_on_an_empty_database_advises_the_settings_not_the_demo(run, tmp_path):
    code, _, err = run(f"sqlite:///{tmp_path / 'vide.db'}", "solve", MONTH)
    assert code == 1
    assert "settings import" in err and "assistant" in err and "sas-roster demo" not in err


def test_members_before_the_settings_are_told_to_describe_the_association_first(run, tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    code, _, err = run(url, "import", "members", str(_members_file(run, url, tmp_path)))
    assert code == 1 and "aucun territoire enregistré" in err and "settings import" in err
    with Services.open(url) as s:
        assert s.persons.list() == []
