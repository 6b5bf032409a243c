"""The capacity command: one hour (text and JSON), a week's plan, applying it, recruitment."""

from __future__ import annotations

import json

import pytest


def test_one_hour_textbook_example(cli):
    # callcentrehelper.com's worked example: 200 calls an hour, 3 minutes, 80 % within 20 s.
    code, out, err = cli("capacity", "--calls-per-hour", "200", "--handling-minutes", "3", "--target", "80",
                         "--within", "20")
    assert code == 0, err
    assert "14 personne(s) dans l'heure" in out and "88,8 %" in out
    code, out, _ = cli("capacity", "--calls-per-hour", "200", "--handling-minutes", "3", "--target", "80",
                       "--within", "20", "--json")
    data = json.loads(out)
    assert data["agents"] == 14 and data["offered_load_erlangs"] == 10.0
    assert data["service_level"] == pytest.approx(0.8884, abs=1e-4)
    below = next(a for a in data["around"] if a["agents"] == 12)
    assert below["service_level"] < 0.8
    assert data["minimum_agents_for_a_stable_queue"] == 11


def test_one_hour_edge_cases(cli):
    code, out, _ = cli("capacity", "--calls-per-hour", "0", "--handling-minutes", "6", "--json")
    assert code == 0 and json.loads(out)["agents"] == 0
    code, _, err = cli("capacity", "--calls-per-hour", "10", "--handling-minutes", "6", "--target", "100")
    assert code == 1 and "--target" in err
    code, _, err = cli("capacity")
    assert code == 1 and "--calls-per-hour" in err


def test_plan_apply_and_recruitment_on_the_demo(demo_cli, tmp_path):
    code, _, err = demo_cli("capacity", "--example-plan", str(tmp_path / "plan.toml"), "--activity", "2026-11")
    assert code == 0, err
    code, out, err = demo_cli("capacity", "--plan", str(tmp_path / "plan.toml"), "--out", str(tmp_path / "cap"),
                              "--on", "2026-11-23")
    assert code == 0, err
    assert "Avec le besoin actuel (semaine du 23/11/2026)" in out
    assert "régulateurs de 8h à" in out and "des appels répondus en moins d'une minute" in out
    assert "1 ARM (N1) pour 2 OSNP (N2)" in out
    assert (tmp_path / "cap" / "capacite.csv").is_file()
    code, out, err = demo_cli("capacity", "--plan", str(tmp_path / "plan.toml"), "--apply", "--from", "2027-01-01",
                              "--to", "2027-01-31", "--label", "Hiver")
    assert code == 0, err
    assert "Période de besoin enregistrée : « Hiver (régulateurs) » du 01/01/2027 au 31/01/2027" in out
    code, out, err = demo_cli("capacity", "--recruitment", "2026-11")
    assert code == 0, err
    assert "Régulateurs :" in out and "Méthode" in out


def test_activity_template_and_import(cli, tmp_path):
    code, out, err = cli("template", "activity", "--out", str(tmp_path / "a.csv"))
    assert code == 0, err
    (tmp_path / "a.csv").write_text("Période;Appels reçus;Nom du patient\n2027-03;12;DUPONT\n", encoding="utf-8")
    code, _, err = cli("import", "activity", str(tmp_path / "a.csv"), "--dry-run")
    assert code == 1 and "données de patients" in err and "DUPONT" not in err
