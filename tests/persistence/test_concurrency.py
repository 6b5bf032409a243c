"""Two real processes writing at once, on SQLite and on a real PostgreSQL server.

Each pair is started together: two imports of the same availability file, two solves of the
same month, an import and a solve. Each must end consistent: both commands succeed (the
second writer waits for the first), or one is refused in French; never duplicates.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from .demo_files import MONTH, TODAY, availability_csv, build_demo_db, copy_db, doctors
from .processes import count, integrity, run_cli, start_cli
from .test_postgres import pg_server, pg_url  # noqa: F401  (the real server, started once here)

DUPLICATES = {
    "availability_entries": "SELECT COUNT(*) FROM (SELECT 1 FROM availability_entries "
                            "GROUP BY person_id, day, start, \"end\", kind HAVING COUNT(*) > 1) d",
    "assignments": "SELECT COUNT(*) FROM (SELECT 1 FROM assignments GROUP BY roster_id, person_id, day, start "
                   "HAVING COUNT(*) > 1) d",
    "pdsa_duties": "SELECT COUNT(*) FROM (SELECT 1 FROM pdsa_duties GROUP BY person_id, start HAVING COUNT(*) > 1) d",
}
FRENCH_REFUSAL = re.compile(r"^Erreur : (La base de données est occupée|Cet enregistrement existe déjà)", re.M)
SOLVE = ("solve", MONTH, "--time-limit", "6", "--workers", "1")


@pytest.fixture(scope="module")
def sqlite_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_db(path)
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_url(request: pytest.FixtureRequest, sqlite_demo: Path, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield copy_db(sqlite_demo, tmp_path / "demo.db")
        return
    url = request.getfixturevalue("pg_url")
    done = run_cli(url, "demo", "--today", TODAY.isoformat())  # the demo itself works on PostgreSQL
    assert done.returncode == 0, done.stderr
    yield url


def _together(url: str, *commands: tuple[str, ...]) -> list[subprocess.CompletedProcess[str]]:
    procs = [start_cli(url, *cmd) for cmd in commands]
    out = []
    for cmd, p in zip(commands, procs, strict=True):
        stdout, stderr = p.communicate(timeout=600)
        out.append(subprocess.CompletedProcess(cmd, p.returncode, stdout, stderr))
    return out


def _consistent(url: str, results: list[subprocess.CompletedProcess[str]]) -> int:
    """Checks common to every pair; returns how many commands succeeded."""
    assert integrity(url) == "ok"
    for table, sql in DUPLICATES.items():
        assert count(url, sql) == 0, f"duplicates in {table}"
    ok = 0
    for r in results:
        assert "Traceback" not in r.stderr, r.stderr
        if r.returncode == 0:
            ok += 1
        else:
            assert FRENCH_REFUSAL.search(r.stderr), r.stderr
    return ok


def _month_entries(url: str, people: list[tuple[str, str, str]]) -> int:
    rpps = ", ".join(f"'{p[0]}'" for p in people)
    return count(url, "SELECT COUNT(*) FROM availability_entries a JOIN persons p ON p.id = a.person_id "
                      f"WHERE p.rpps IN ({rpps}) AND a.day >= '2026-12-01' AND a.day <= '2026-12-31'")


def test_two_imports_of_the_same_file_leave_one_copy(demo_url: str, tmp_path: Path) -> None:
    people = doctors(demo_url, 15)
    source = availability_csv(tmp_path / "dispos.csv", people, days=31)
    results = _together(demo_url, ("import", "availability", str(source)), ("import", "availability", str(source)))
    assert _consistent(demo_url, results) == 2  # the second waited, then found everything there
    assert _month_entries(demo_url, people) == len(people) * 31


def test_two_solves_of_one_month(demo_url: str) -> None:
    results = _together(demo_url, SOLVE, SOLVE)
    assert _consistent(demo_url, results) == 2
    stored = [int(m.group(1)) for r in results for m in [re.search(r"enregistré : (\d+) affectation", r.stdout)] if m]
    assert len(stored) == 2
    month_rows = count(demo_url, "SELECT COUNT(*) FROM assignments a JOIN rosters r ON r.id = a.roster_id "
                                 "WHERE r.year = 2026 AND r.month = 12")
    assert month_rows in stored  # the last store is the month's draft, whole


def test_import_and_solve_together(demo_url: str, tmp_path: Path) -> None:
    people = doctors(demo_url, 15)
    source = availability_csv(tmp_path / "dispos.csv", people, days=31)
    results = _together(demo_url, ("import", "availability", str(source)), SOLVE)
    assert _consistent(demo_url, results) == 2
    assert _month_entries(demo_url, people) == len(people) * 31


def test_members_created_in_bulk_on_each_engine(demo_url: str, tmp_path: Path) -> None:
    """New persons take the bulk path (ids from RETURNING on PostgreSQL, from max(id) on SQLite)."""
    from .demo_files import members_csv

    persons, roles = (count(demo_url, f"SELECT COUNT(*) FROM {t}") for t in ("persons", "person_roles"))
    audits = count(demo_url, "SELECT COUNT(*) FROM audit_log WHERE entity = 'persons'")
    done = run_cli(demo_url, "import", "members", str(members_csv(tmp_path / "membres.csv", n=5)))
    assert done.returncode == 0, done.stderr
    assert count(demo_url, "SELECT COUNT(*) FROM persons") == persons + 5
    assert count(demo_url, "SELECT COUNT(*) FROM person_roles") == roles + 5
    assert count(demo_url, "SELECT COUNT(*) FROM audit_log WHERE entity = 'persons'") == audits + 5
    assert count(demo_url, "SELECT COUNT(*) FROM persons p JOIN audit_log a ON a.entity = 'persons' "
                           "AND a.entity_id = CAST(p.id AS VARCHAR(20)) WHERE p.last_name LIKE 'Essainom%'") == 5
