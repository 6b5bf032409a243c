"""Kill -9 at every write step: the database is as before or as after, never in between.

Each case runs the real command line in a child process with ``SAS_ROSTER_FAULT`` naming a
checkpoint (`sas_roster.persistence.faults`); the child kills itself there with SIGKILL.
Then SQLite's ``PRAGMA integrity_check`` must say "ok" and the per-table row hashes must equal
those before the command, or those after the same command run to the end without a fault.
"""

from __future__ import annotations

import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from sas_roster.persistence.faults import CHECKPOINTS, LIFECYCLE_PREFIXES
from sas_roster.persistence.migrate import downgrade_database, head_revision

from .demo_files import MONTH, TODAY, availability_csv, build_demo_db, copy_db, doctors, members_csv
from .processes import integrity, run_cli, run_python, table_hashes

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
KILLED = -signal.SIGKILL


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_db(path)
    return path


def _revision(url: str) -> str:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as c:
        return str(c.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def _import_file(kind: str, folder: Path, url: str) -> Path:
    if kind == "members":
        return members_csv(folder / "membres.csv")
    return availability_csv(folder / "dispos.csv", doctors(url))


IMPORT_POINTS = [name for name in CHECKPOINTS if name.startswith("import.")]


# Members are created or updated, never deleted: no "after-delete" step.
IMPORT_CASES = [(kind, point) for kind in ("members", "availability") for point in IMPORT_POINTS
                if not (kind == "members" and point == "import.after-delete")]


@pytest.fixture(scope="module")
def import_references(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict, dict]]:
    """Per kind: the file, the hashes before, and after the import run to its end (once)."""
    out = {}
    for kind in ("members", "availability"):
        folder = tmp_path_factory.mktemp(f"import-{kind}")
        reference = copy_db(demo_db, folder / "reference.db")
        source = _import_file(kind, folder, reference)
        before = table_hashes(reference)
        done = run_cli(reference, "import", kind, str(source))
        assert done.returncode == 0, done.stderr
        after = table_hashes(reference)
        assert after != before
        out[kind] = (source, before, after)
    return out


@pytest.mark.parametrize(("kind", "point"), IMPORT_CASES)
def test_import_killed_at_each_step(demo_db: Path, tmp_path: Path, kind: str, point: str,
                                    import_references: dict[str, tuple[Path, dict, dict]]) -> None:
    url = copy_db(demo_db, tmp_path / "faulty.db")
    source, before, after = import_references[kind]
    assert table_hashes(url) == before

    killed = run_cli(url, "import", kind, str(source), fault=point)
    assert killed.returncode == KILLED, killed.stderr  # the checkpoint was reached
    assert integrity(url) == "ok"
    state = table_hashes(url)
    assert state in (before, after)
    if point == "import.after-commit":
        assert state == after
    else:
        assert state == before


DEMO_POINTS = [name for name in CHECKPOINTS if name.startswith("demo.")]


@pytest.fixture(scope="module")
def other_association(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:
    """A database holding another association (the demo of another seed and month), and the
    hashes before and after `demo` replaces it."""
    folder = tmp_path_factory.mktemp("other")
    other, reference = folder / "other.db", folder / "reference.db"
    assert run_cli(f"sqlite:///{other}", "demo", "--today", "2026-10-05", "--seed", "7").returncode == 0
    before = table_hashes(f"sqlite:///{other}")
    ref_url = copy_db(other, reference)
    done = run_cli(ref_url, "demo", "--today", TODAY.isoformat())
    assert done.returncode == 0, done.stderr
    return other, before, table_hashes(ref_url)


@pytest.mark.parametrize("point", DEMO_POINTS)
def test_demo_killed_at_each_step(other_association: tuple[Path, dict, dict], tmp_path: Path, point: str) -> None:
    """The demo replaces another association all at once, or not at all."""
    other, before, after = other_association
    url = copy_db(other, tmp_path / "other.db")
    killed = run_cli(url, "demo", "--today", TODAY.isoformat(), fault=point)
    assert killed.returncode == KILLED, killed.stderr
    assert integrity(url) == "ok"
    assert table_hashes(url) == before != after


MIGRATION_POINTS = [name for name in CHECKPOINTS if name.startswith("migration.")]
# Migration 0003 gives every stored shift a fresh random identifier: two runs differ there only.
NEW_UIDS = {("assignments", "uid"), ("version_shifts", "uid")}


@pytest.mark.parametrize("point", MIGRATION_POINTS)
def test_migration_killed_at_each_step(demo_db: Path, tmp_path: Path, point: str) -> None:
    old = "0002"
    url = copy_db(demo_db, tmp_path / "old.db")
    downgrade_database(url, old)
    reference = copy_db(tmp_path / "old.db", tmp_path / "reference.db")
    before = table_hashes(url, NEW_UIDS)
    code = "import sys; from sas_roster.persistence.migrate import upgrade_database; upgrade_database(sys.argv[1])"
    done = run_python(code.replace("sys.argv[1]", repr(reference)))
    assert done.returncode == 0, done.stderr
    after = table_hashes(reference, NEW_UIDS)

    killed = run_python(code.replace("sys.argv[1]", repr(url)), fault=point)
    assert killed.returncode == KILLED, killed.stderr
    assert integrity(url) == "ok"
    revision = _revision(url)
    assert (revision, table_hashes(url, NEW_UIDS)) in ((old, before), (head_revision(), after))
    # The next start cleans up and migrates; a backup, when there is one, is complete.
    restarted = run_python(code.replace("sys.argv[1]", repr(url)))
    assert restarted.returncode == 0, restarted.stderr
    assert table_hashes(url, NEW_UIDS) == after and _revision(url) == head_revision()
    assert not list(tmp_path.glob("*.tmp"))
    for bak in tmp_path.glob("old.db.*.bak"):
        bak_url = f"sqlite:///{bak}"
        assert integrity(bak_url) == "ok" and _revision(bak_url) == old and table_hashes(bak_url, NEW_UIDS) == before


def test_every_checkpoint_is_exercised() -> None:
    """A checkpoint added to the code without a case here would go untested."""
    tested = set(IMPORT_POINTS) | set(DEMO_POINTS) | set(MIGRATION_POINTS)
    lifecycle = {name for name in CHECKPOINTS if name.startswith(LIFECYCLE_PREFIXES)}  # their own tests
    assert set(CHECKPOINTS) - lifecycle == tested
    assert MONTH  # (the month the concurrency tests solve)
