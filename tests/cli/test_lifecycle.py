"""The month's lifecycle on the command line, on a fresh database: demo, solve, publish,
a withdrawal by amendment, its publication; versions and diff; solve refused after."""

from __future__ import annotations

import json
import time

import pytest

from sas_roster.domain.enums import Role
from sas_roster.services import Services
from tests.cli.test_solve import _run


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('lifecycle') / 'sas.db'}"
    assert _run(url, "demo", "--today", "2027-04-12")[0] == 0
    code, _, err = _run(url, "solve", "2027-05", "--time-limit", "5")
    assert code == 0, err
    code, out, err = _run(url, "publish", "2027-05")
    assert code == 0, err
    assert "version 1" in out
    return url


def test_withdraw_by_amendment_then_versions_and_diff(published):
    url = published
    with Services.open(url) as s:
        victim = next(a for a in s.rosters.assignments(2027, 5) if a.role is Role.REGULATOR and not a.pinned)
        person = s.persons.get(victim.person_id)
    # A draft command on a published month points to the amendment.
    code, _, err = _run(url, "replace", "2027-05", "--person", person.rpps, "--date", victim.day.isoformat())
    assert code == 1 and "amend 2027-05 withdraw" in err
    code, out, err = _run(url, "amend", "2027-05", "withdraw", "--person", person.rpps, "--date",
                          victim.day.isoformat(), "--shift", victim.template_code, "--reason", "enfant malade",
                          "--json")
    assert code == 0, err
    outcome = json.loads(out)
    assert [c["person"] for c in outcome["cancelled"]] == [person.id]
    assert all(not g["new"] or g["explanation"] for g in outcome["uncovered"])
    code, out, err = _run(url, "amend", "2027-05", "publish", "--reason", "Désistement du 2027-05")
    assert code == 0, err
    code, out, _ = _run(url, "versions", "2027-05", "--json")
    versions = json.loads(out)
    assert [v["number"] for v in versions["versions"]] == [1, 2]
    assert versions["versions"][1]["reason"] == "Désistement du 2027-05"
    code, out, _ = _run(url, "diff", "2027-05", "1", "2", "--json")
    diff = json.loads(out)
    by_person = {p["person_id"]: p for p in diff["persons"]}
    lost = by_person[person.id]["lost"]
    assert [(x["day"], x["shift"]) for x in lost] == [(victim.day.isoformat(), victim.template_code)]
    takers = [p for p in diff["persons"] if any((g["day"], g["shift"]) == (victim.day.isoformat(), victim.template_code)
                                               for g in p["gained"])]
    added = [(a["person"], a["day"], a["shift"]) for a in outcome["added"]]
    assert {(p["person_id"], victim.day.isoformat(), victim.template_code) for p in takers} == \
        {x for x in added if x[1:] == (victim.day.isoformat(), victim.template_code)}
    # Solving a published month is refused at once, before any solving.
    t0 = time.monotonic()
    code, _, err = _run(url, "solve", "2027-05", "--time-limit", "30")
    assert code == 1 and time.monotonic() - t0 < 10
    assert "publié" in err and "amend" in err


def test_amend_assign_unassign_by_number_and_their_refusals(published):
    url = published
    with Services.open(url) as s:
        osnp = next(a for a in s.rosters.assignments(2027, 5) if a.role is Role.OSNP)
        day = osnp.day.isoformat()
    # OSNP have no RPPS: the app's number names them.
    code, out, err = _run(url, "amend", "2027-05", "unassign", "--person", str(osnp.person_id), "--date", day,
                          "--shift", osnp.template_code, "--reason", "formation")
    assert code == 0, err
    code, out, err = _run(url, "amend", "2027-05", "assign", "--person", str(osnp.person_id), "--date", day,
                          "--shift", osnp.template_code, "--reason", "formation annulée")
    assert code == 0, err
    code, _, err = _run(url, "amend", "2027-05", "assign", "--person", "999999", "--date", day, "--shift", "X",
                        "--reason", "x")
    assert code == 1 and "Aucune personne" in err
    code, _, err = _run(url, "amend", "2027-05", "publish", "--reason", "  ")
    assert code == 1 and "motif" in err
    code, out, _ = _run(url, "amend", "2027-05", "status")
    assert code == 0


def test_validate_on_a_draft_and_publish_refused_without_assignments(tmp_path):
    url = f"sqlite:///{tmp_path / 'sas.db'}"
    assert _run(url, "demo", "--today", "2027-04-12")[0] == 0
    code, _, err = _run(url, "publish", "2027-08")
    assert code == 1 and "Aucun planning" in err
    code, _, err = _run(url, "versions", "2027-05")
    assert code == 0
