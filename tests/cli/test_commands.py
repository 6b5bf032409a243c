import json
import subprocess
import sys
from pathlib import Path

import openpyxl

from sas_roster.domain.rpps import make_rpps
from sas_roster.services import Services

ROOT = Path(__file__).resolve().parents[2]


def test_calendar_may_2027_json(demo_cli):
    code, out, _ = demo_cli("calendar", "2027-05", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["zone"] == "metropole"
    assert data["days_count"] == 22
    assert data["total_hours"] == 240
    dates = [d["date"] for d in data["days"]]
    assert "2027-05-06" not in dates and "2027-05-17" not in dates and "2027-05-01" not in dates
    saturdays = [d for d in data["days"] if d["weekday"] == "samedi"]
    assert [s["date"] for s in saturdays] == ["2027-05-15", "2027-05-22", "2027-05-29"]
    assert all(s["hours_total"] == 4 for s in saturdays)
    assert {s["date"] for s in data["skipped"]} == {"2027-05-01", "2027-05-06", "2027-05-08", "2027-05-17"}


def test_calendar_alsace_moselle_differs_in_march_2027(demo_cli):
    _, metro, _ = demo_cli("calendar", "2027-03", "--json")
    code, am, _ = demo_cli("calendar", "2027-03", "--zone", "alsace-moselle", "--json")
    assert code == 0
    metro, am = json.loads(metro), json.loads(am)
    assert metro["total_hours"] - am["total_hours"] == 12
    assert "2027-03-26" in [d["date"] for d in metro["days"]]
    assert "2027-03-26" not in [d["date"] for d in am["days"]]
    assert any("Vendredi saint" in s["reason"] for s in am["skipped"])


def test_calendar_text_and_bad_month(demo_cli):
    code, out, _ = demo_cli("calendar", "2027-05")
    assert code == 0 and "240 h" in out and "Ascension" in out
    code, _, err = demo_cli("calendar", "2027-13")
    assert code == 1 and "AAAA-MM" in err


def _fill_members(path, rows):
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    for r in rows:
        ws.append([r.get(h) for h in headers])
    wb.save(path)


def _member(last, rpps):
    return {"Nom": last, "Prénom": "Inès", "Rôles": "régulateur", "Statut": "libéral installé",
            "RPPS": rpps, "Secteur": "1"}


def _count(url):
    with Services.open(url) as s:
        return len(s.persons.list())


def test_members_import_refuses_wrong_rpps_naming_the_row(demo_cli, tmp_path):
    f = tmp_path / "membres.xlsx"
    code, _, _ = demo_cli("template", "members", "--out", str(f))
    assert code == 0 and f.exists()
    _fill_members(f, [_member("Quérelle", make_rpps("2999900001")), _member("Fauvelle", "29999000029")])
    before = _count(demo_cli.url)
    code, out, err = demo_cli("import", "members", str(f))
    assert code != 0
    assert "ligne 3" in err and "RPPS" in err and "clé de contrôle" in err
    assert _count(demo_cli.url) == before


def test_members_dry_run_reports_and_changes_nothing(demo_cli, tmp_path):
    f = tmp_path / "membres.xlsx"
    demo_cli("template", "members", "--out", str(f))
    _fill_members(f, [_member("Quérelle", make_rpps("2999900001")), _member("Fauvelle", make_rpps("2999900002"))])
    before = _count(demo_cli.url)
    code, out, err = demo_cli("import", "members", str(f), "--dry-run")
    assert code == 0, err
    assert "2 personnes seraient créées" in out and "Rien n'a été enregistré" in out
    assert _count(demo_cli.url) == before
    code, out, err = demo_cli("import", "members", str(f))
    assert code == 0, err
    assert _count(demo_cli.url) == before + 2


def test_import_of_a_non_spreadsheet_is_refused(demo_cli, tmp_path):
    f = tmp_path / "membres.xlsx"
    f.write_bytes(b"\x89PNG\r\n\x1a\n not a spreadsheet")
    code, _, err = demo_cli("import", "members", str(f))
    assert code != 0 and err.startswith("Erreur")


def test_console_entry_point_exit_codes(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    ok = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", url, "calendar", "2027-05", "--json"],
                        capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0 and json.loads(ok.stdout)["days_count"] == 22
    bad = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", url, "import", "nope", "f.csv"],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "Erreur d'utilisation" in bad.stderr


def test_installed_console_script_runs_the_same_cli(tmp_path):
    script = Path(sys.executable).parent / "sas-roster"
    if not script.exists():
        import pytest

        pytest.skip("console script not installed (run ./scripts/setup)")
    url = f"sqlite:///{tmp_path / 'y.db'}"
    res = subprocess.run([str(script), "--db", url, "calendar", "2027-03", "--zone", "alsace-moselle", "--json"],
                         capture_output=True, text=True)
    assert res.returncode == 0 and json.loads(res.stdout)["zone"] == "alsace-moselle"
