"""``python -m solver.bench curtois``: results, verification, rosters written."""

from __future__ import annotations

import json

import pytest

from solver.bench.__main__ import main
from solver.curtois.paths import resolve

try:
    resolve("1")
    HAVE_DATA = True
except FileNotFoundError:  # pragma: no cover
    HAVE_DATA = False


@pytest.mark.skipif(not HAVE_DATA, reason="Curtois instances not found")
def test_bench_instance1_json_and_roster(tmp_path, capsys):
    code = main(["curtois", "1", "--time-limit", "10", "--workers", "1", "--json",
                 "--roster-out", str(tmp_path)])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    [result] = out["runs"]
    assert out["summary"][0]["median"] == 607
    assert result["instance"] == "Instance1"
    assert result["objective"] == result["rescored"] == result["best_known"] == 607
    assert result["gap_best_pct"] == 0.0 and result["verified"]
    roster = json.loads((tmp_path / "Instance1-seed0.json").read_text())
    assert set(roster) == set("ABCDEFGH")
    assert all(shift == "D" for days in roster.values() for shift in days.values())


def test_bench_accepts_a_file_path(tmp_path, capsys):
    path = tmp_path / "tiny.txt"
    path.write_text("SECTION_HORIZON\n3\n\nSECTION_SHIFTS\nD,480,\n\nSECTION_STAFF\n"
                    "A,D=3,1440,0,3,1,1,1\n\nSECTION_COVER\n0,D,1,100,1\n")
    assert main(["curtois", str(path), "--time-limit", "5", "--workers", "1",
                 "--markdown"]) == 0
    out = capsys.readouterr().out
    assert "| tiny | 3 | 1 | 1 | 0 | 0 |" in out
