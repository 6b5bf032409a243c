"""`solve` and `replace` on the demo association, re-checked by the independent rule check."""

import contextlib
import io
import json

import pytest

import main as app_main
from sas_roster.roster_check import check_month
from sas_roster.services import Services


def _run(url, *args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = app_main.main(["--db", url, *args])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('solve') / 'sas.db'}"
    assert _run(url, "demo", "--today", "2026-11-23")[0] == 0
    code, out, err = _run(url, "solve", "2026-12", "--time-limit", "8", "--json")
    assert code == 0, err
    return url, json.loads(out)


def test_demo_month_solves_with_every_gap_explained(solved):
    _, report = solved
    assert report["status"] in ("optimal", "feasible")
    assert report["stored_assignments"] > 200
    assert report["coverage_percent"] > 90
    for u in report["uncovered"]:
        assert u["missing"] > 0
        title, _, why = u["explanation"].partition(". ")
        assert "il manque" in title and len(why) > 10  # a French reason follows the title


def test_stored_roster_breaks_no_hard_rule(solved):
    url, _ = solved
    with Services.open(url) as s:
        stored = s.rosters.assignments(2026, 12)
        assert len(stored) > 200
        assert check_month(s, 2026, 12) == []


def test_loads_are_reported_against_targets(solved):
    _, report = solved
    loads = report["loads"]
    assert loads and all(x["minutes"] >= 0 for x in loads)
    assert any(x["target_minutes"] for x in loads)


def test_replace_changes_little_and_keeps_rules(solved):
    url, _ = solved
    with Services.open(url) as s:
        regs = [a for a in s.rosters.assignments(2026, 12) if a.role.value == "regulator" and not a.pinned]
        victim = regs[len(regs) // 2]
        person = s.persons.get(victim.person_id)
        before = s.rosters.assignments(2026, 12)
    code, out, err = _run(url, "replace", "2026-12", "--person", person.rpps, "--date", victim.day.isoformat(), "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["cancelled"] and all(c["person"] == person.id for c in result["cancelled"])
    with Services.open(url) as s:
        after = s.rosters.assignments(2026, 12)
        assert not [a for a in after if a.person_id == person.id and a.day == victim.day]
        changed = {a.key() for a in before} ^ {a.key() for a in after}
        assert len(changed) == result["changes"]
        assert result["changes"] <= 2 * len(result["cancelled"]) + 4
        assert check_month(s, 2026, 12) == []


def test_replace_refuses_unknown_person(solved):
    url, _ = solved
    code, _, err = _run(url, "replace", "2026-12", "--person", "10000000009", "--date", "2026-12-07")
    assert code == 1 and "Aucune personne" in err


def test_bridge_day_closing_at_noon_is_worked_until_noon(solved):
    # The demo declares 24 December a bridge day with PDSA from 12h: the 8h–14h OSNP
    # template is worked 8h–12h that day instead of leaving the morning uncovered.
    url, report = solved
    with Services.open(url) as s:
        eve = [a for a in s.rosters.assignments(2026, 12) if a.day.isoformat() == "2026-12-24"]
    assert eve and all(a.end.hour <= 12 for a in eve)
    assert any(a.role.value == "osnp" for a in eve)
    assert not [u for u in report["uncovered"] if u["day"] == "2026-12-24" and u["role"] == "osnp"]
