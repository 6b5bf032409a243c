"""Every error path, run as the user runs it (a real command-line process): a French
message, nothing half-written, and none of the demo's personal data (names, RPPS, phones,
e-mails) on the terminal or in the log file."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from sas_roster.domain.errors import DomainError
from sas_roster.persistence import migrate
from sas_roster.persistence.migrate import downgrade_database, upgrade_database

from .demo_files import MONTH, build_demo_db, copy_db, doctors, members_csv
from .processes import count, run_cli, table_hashes


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_db(path)
    return path


@pytest.fixture(scope="module")
def secrets(demo_db: Path) -> list[str]:
    """The demo's personal data, as it would appear in a leak."""
    with sqlite3.connect(demo_db) as c:
        rows = c.execute("SELECT last_name, first_name, rpps, phone, email FROM persons").fetchall()
    found: set[str] = set()
    for last, first, rpps, phone, email in rows:
        found |= {v for v in (last, rpps, phone, email) if v}
        found.add(f"{first} {last}")
        if phone:
            found.add(phone.replace(" ", ""))
    return sorted(found)


def _no_leak(secrets: list[str], *texts: str, logs: Path | None = None) -> None:
    everything = list(texts)
    if logs is not None:
        everything += [p.read_text(encoding="utf-8") for p in logs.glob("*.log*")]
    for blob in everything:
        leaked = [s for s in secrets if s in blob]
        assert not leaked, f"personal data in the output: {leaked[:3]}"


@pytest.fixture
def logs(tmp_path: Path) -> Path:
    folder = tmp_path / "logs"
    folder.mkdir()
    return folder


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder other users can enter (pytest's own is private to its user)."""
    folder = Path(tempfile.mkdtemp(prefix="sas-roster-ro-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_import_into_a_read_only_database(demo_db: Path, shared_tmp: Path, logs: Path, secrets: list[str]) -> None:
    db = shared_tmp / "ro.db"
    url = copy_db(demo_db, db)
    source = members_csv(shared_tmp / "membres.csv")
    before = table_hashes(url)
    if os.geteuid() == 0:
        # Root writes through file modes: make the file immutable instead (as a protected medium).
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(db)]).returncode != 0:
            pytest.skip("running as root and the file cannot be made immutable (chattr)")
        undo = ["chattr", "-i", str(db)]
    else:
        db.chmod(0o444)
        shared_tmp.chmod(0o555)
        undo = ["chmod", "755", str(shared_tmp)]
    try:
        r = run_cli(url, "import", "members", str(source), log_dir=logs)
    finally:
        subprocess.run(undo, check=True)
    assert r.returncode == 1
    assert r.stderr.startswith("Erreur : La base de données"), r.stderr
    assert "ne peut pas être modifiée" in r.stderr and "lecture seule" in r.stderr
    assert "restaurez" not in r.stderr and "Traceback" not in r.stderr
    _no_leak(secrets, r.stdout, r.stderr, logs=logs)
    assert table_hashes(url) == before


def test_a_busy_database_is_told_in_french_and_debug_shows_a_masked_traceback(
        demo_db: Path, tmp_path: Path, logs: Path, secrets: list[str]) -> None:
    url = copy_db(demo_db, tmp_path / "busy.db")
    people = doctors(url, 3)
    source = tmp_path / "dispos.csv"
    source.write_text("RPPS;Nom;Prénom;Date;Début;Fin;Type\n" + "".join(
        f"{r};{last};{first};0{d}/12/2026;08:00;12:00;disponible\n" for r, last, first in people for d in range(1, 4)),
        encoding="utf-8")
    holder = sqlite3.connect(tmp_path / "busy.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another coordinator in the middle of a save
    try:
        r = run_cli(url, "import", "availability", str(source), log_dir=logs, SAS_ROSTER_BUSY_TIMEOUT_MS="300")
        d = run_cli(url, "--debug", "import", "availability", str(source), log_dir=logs,
                    SAS_ROSTER_BUSY_TIMEOUT_MS="300")
    finally:
        holder.rollback()
        holder.close()
    assert r.returncode == 1 and r.stderr.startswith("Erreur : La base de données est occupée"), r.stderr
    assert "Traceback" not in r.stderr and "journal" in r.stderr
    assert d.returncode == 1 and "Traceback (most recent call last)" in d.stderr
    assert "OperationalError" in d.stderr and "[parameters:" not in d.stderr.replace("[parameters: masqués]", "")
    assert any(logs.glob("*.log")) and "Traceback" in next(logs.glob("*.log")).read_text(encoding="utf-8")
    _no_leak(secrets, r.stdout, r.stderr, d.stdout, d.stderr, logs=logs)
    # And once the other save is over, the same import goes through.
    assert run_cli(url, "import", "availability", str(source), log_dir=logs).returncode == 0


@pytest.mark.parametrize(("column", "value", "limit"), [("Téléphone", "0" * 62, 40), ("Nom", "N" * 500, 120)])
def test_long_values_are_refused_before_the_database_sees_them(
        tmp_path: Path, column: str, value: str, limit: int, request: pytest.FixtureRequest) -> None:
    source = members_csv(tmp_path / "long.csv", n=2)
    lines = source.read_text(encoding="utf-8").splitlines()
    headers = lines[0].split(";")
    cells = lines[2].split(";")
    cells[headers.index(column)] = value
    lines[2] = ";".join(cells)
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run_cli(f"sqlite:///{tmp_path / 'x.db'}", "import", "members", str(source))
    assert r.returncode == 1, r.stdout
    assert f"ligne 3, colonne « {column} » : texte trop long : {len(value)} caractères pour {limit} au plus" in r.stderr
    assert "Traceback" not in r.stderr  # (the phone rule may quote what was typed: the user's own file)


def test_solve_problem_file_is_pseudonymised_unless_asked(demo_db: Path, tmp_path: Path, secrets: list[str]) -> None:
    url = copy_db(demo_db, tmp_path / "solve.db")
    plain, named = tmp_path / "probleme.json", tmp_path / "avec-noms.json"
    r = run_cli(url, "solve", MONTH, "--time-limit", "10", "--dry-run", "--problem-out", str(plain))
    assert r.returncode == 0, r.stderr
    r = run_cli(url, "solve", MONTH, "--time-limit", "10", "--dry-run", "--problem-out", str(named), "--with-names")
    assert r.returncode == 0, r.stderr
    people = json.loads(plain.read_text(encoding="utf-8"))["people"]
    assert people and all(p["name"].startswith("Personne ") for p in people)
    _no_leak(secrets, plain.read_text(encoding="utf-8"))
    named_people = json.loads(named.read_text(encoding="utf-8"))["people"]
    assert [p["id"] for p in named_people] == [p["id"] for p in people]
    assert not any(p["name"].startswith("Personne ") for p in named_people)


def test_a_zero_byte_database_is_refused_unless_our_own_first_start_made_it(tmp_path: Path) -> None:
    path = tmp_path / "vide.db"
    path.write_bytes(b"")
    with pytest.raises(DomainError, match=r"est vide \(0 octet\)"):
        upgrade_database(f"sqlite:///{path}")
    assert path.read_bytes() == b""
    migrate.creating_marker(path).touch()  # a first start killed right after creating the file
    upgrade_database(f"sqlite:///{path}")
    assert path.stat().st_size > 0 and not migrate.creating_marker(path).exists()


def test_another_applications_alembic_database_is_called_so(tmp_path: Path) -> None:
    path = tmp_path / "autre.db"
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        c.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
        c.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(DomainError, match="appartient à une autre application") as caught:
        upgrade_database(f"sqlite:///{path}")
    assert "plus récente" not in str(caught.value)


def test_backup_without_room_stops_the_migration_and_leaves_no_file(
        demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = copy_db(demo_db, tmp_path / "plein.db")
    downgrade_database(url, "0002")
    before = table_hashes(url)
    monkeypatch.setattr(migrate.shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(10**9, 10**9 - 4096, 4096))
    with pytest.raises(DomainError, match="La sauvegarde .* n'a pas pu être faite .*il reste 0,0 Mo"):
        upgrade_database(url)
    assert sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name) == []
    assert table_hashes(url) == before


def test_backup_failing_midway_leaves_no_partial_file(
        demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = copy_db(demo_db, tmp_path / "io.db")
    downgrade_database(url, "0002")

    def disk_full(*_args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(migrate, "_backup_progress", disk_full)
    with pytest.raises(DomainError, match=r"\(le disque est plein\)"):
        upgrade_database(url)
    assert not [p for p in tmp_path.iterdir() if ".bak" in p.name]


def test_uniqueness_migration_names_duplicates_to_fix_and_changes_nothing(demo_db: Path, tmp_path: Path) -> None:
    url = copy_db(demo_db, tmp_path / "doublons.db")
    downgrade_database(url, "0002")
    engine = create_engine(url)
    with engine.begin() as c:
        c.execute(text("INSERT INTO availability_entries (person_id, day, start, \"end\", kind) "
                       "SELECT person_id, day, start, \"end\", kind FROM availability_entries ORDER BY id LIMIT 2"))
    engine.dispose()
    before = table_hashes(url)
    with pytest.raises(DomainError) as caught:
        upgrade_database(url)
    message = str(caught.value)
    assert "rien n'a été modifié" in message and "disponibilité en double (2 fois) : personne n°" in message
    assert len(caught.value.problems) == 2
    assert table_hashes(url) == before
    assert count(url, "SELECT COUNT(*) FROM alembic_version WHERE version_num = '0002'") == 1
