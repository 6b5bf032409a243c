"""Schema migrations: up, down, up again, from the first revision with data, backups, and
refusal to touch a corrupt or foreign file."""

from __future__ import annotations

import os
import random
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, select

from sas_roster.domain.errors import DomainError
from sas_roster.persistence.base import Base
from sas_roster.persistence.engine import make_engine
from sas_roster.persistence.migrate import current_revision, downgrade_database, head_revision, upgrade_database
from sas_roster.services import Services

from . import seed_0001


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _dump(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    e = make_engine(url)
    try:
        md = MetaData()
        md.reflect(e)
        with e.connect() as c:
            return {
                name: [tuple(r) for r in c.execute(select(t).order_by(*t.primary_key.columns))]
                for name, t in md.tables.items() if name != "alembic_version"
            }
    finally:
        e.dispose()


def _revision(url: str) -> str | None:
    e = make_engine(url)
    try:
        return current_revision(e)
    finally:
        e.dispose()


def test_there_are_at_least_two_revisions_and_head_is_known() -> None:
    assert head_revision() != "0001"


def test_revision_graph_read_from_the_scripts_is_alembics_own() -> None:
    # Opening a database at head reads the revisions from the scripts' source, without Alembic.
    from alembic.script import ScriptDirectory

    from sas_roster.persistence.migrate import _known_revisions, alembic_config

    scripts = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == scripts.get_current_head()
    assert _known_revisions() == {s.revision for s in scripts.walk_revisions()}


def test_upgrade_from_empty_gives_exactly_the_models(tmp_path: Path) -> None:
    url = _url(tmp_path / "new.db")
    assert upgrade_database(url) is None  # nothing to back up in a new file
    e = make_engine(url)
    try:
        with e.connect() as c:
            diff = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}), Base.metadata)
        assert diff == []
        assert current_revision(e) == head_revision()
    finally:
        e.dispose()


def test_downgrade_to_base_then_upgrade_again(tmp_path: Path) -> None:
    url = _url(tmp_path / "db.db")
    upgrade_database(url)
    downgrade_database(url, "base")
    assert set(_dump(url)) == set()  # only alembic_version remains
    upgrade_database(url)
    assert _revision(url) == head_revision()
    assert "audit_log" in _dump(url)


def test_upgrade_from_first_revision_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    url = _url(path)
    upgrade_database(url, "0001")
    e = make_engine(url)
    try:
        with e.begin() as c:
            seed_0001.seed(c)
    finally:
        e.dispose()
    before = _dump(url)
    assert all(before[t] for t in before), [t for t in before if not before[t]]  # every table has rows

    backup = upgrade_database(url)

    after = _dump(url)
    assert _revision(url) == head_revision()
    for table, rows in before.items():
        if table == "attendance_lines":  # rebuilt by 0006 (keyed by shift uid): checked below
            continue
        # Columns added later come after the old ones: the old values are kept as they were.
        assert [r[: len(rows[0])] for r in after[table]] == rows, table
    uids = [r[-1] for r in after["assignments"]]
    assert len(set(uids)) == len(uids) and all(len(u) == 36 for u in uids)  # 0003: a UUID each
    assert after["audit_log"] == []
    # Each old line (id, assignment id, status, replaced by, times, note) is kept with a copy
    # of its shift as published.
    shifts = {a[0]: a for a in before["assignments"]}
    kept = {r[0]: r for r in after["attendance_lines"]}
    assert len(kept) == len(before["attendance_lines"])
    for (lid, assignment_id, status, replaced_by, a_start, a_end, note) in before["attendance_lines"]:
        new = kept[lid]
        assert (new[5], new[6], new[9], new[10]) == (shifts[assignment_id][2], shifts[assignment_id][3],
                                                     shifts[assignment_id][6], shifts[assignment_id][7])
        assert (new[13], new[14], new[16], new[17], new[18]) == (status, replaced_by, a_start, a_end, note)
        assert new[3] == next(r[-1] for r in after["assignments"] if r[0] == assignment_id)  # its 0003 uid
    # The data is usable through the services at head.
    with Services.open(url) as sv:
        assert len(sv.persons.list()) == seed_0001.N_REGULATORS + seed_0001.N_OSNP
        assert sv.rosters.get(2027, 4).assignments
    assert backup is not None


def test_existing_database_is_backed_up_before_migrating(tmp_path: Path) -> None:
    path = tmp_path / "sas-roster.db"
    url = _url(path)
    upgrade_database(url, "0001")
    e = make_engine(url)
    try:
        with e.begin() as c:
            seed_0001.seed(c)
    finally:
        e.dispose()

    backup = upgrade_database(url)

    assert backup is not None and backup.parent == path.parent
    assert re.fullmatch(r"sas-roster\.db\.\d{8}-\d{6}\.bak", backup.name)
    # The copy was taken before migrating: it is still at 0001 and holds the data.
    assert _revision(_url(backup)) == "0001"
    with sqlite3.connect(backup) as b:
        assert b.execute("SELECT count(*) FROM persons").fetchone()[0] == seed_0001.N_REGULATORS + seed_0001.N_OSNP
        assert b.execute("SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'").fetchone()[0] == 0
    # Already at head: no new backup.
    assert upgrade_database(url) is None
    assert len(list(tmp_path.glob("*.bak"))) == 1


@pytest.mark.parametrize("content", [
    # Seeded: random header bytes 18-19 equal to 2 mean "WAL", and SQLite then creates -wal/-shm
    # beside even a read-only connection's file (a flaky failure with os.urandom).
    random.Random(1).randbytes(8192),
    b"SQLite format 3\x00" + random.Random(2).randbytes(8176),
    "Nom;Prénom;RPPS\nMartin;Anne;123\n".encode(),
])
def test_corrupt_file_gives_a_french_error_and_stays_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "sas-roster.db"
    path.write_bytes(content)

    with pytest.raises(DomainError) as caught:
        upgrade_database(_url(path))
    with pytest.raises(DomainError):
        Services.open(_url(path))

    message = str(caught.value)
    assert str(path) in message and ("n'a pas été modifié" in message or "n'a pas été modifiée" in message)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sas-roster.db"]  # no backup, no -wal


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "autre.db"
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE patients (id INTEGER PRIMARY KEY, nom TEXT)")
    before = path.read_bytes()
    with pytest.raises(DomainError, match="pas une base sas-roster"):
        upgrade_database(_url(path))
    assert path.read_bytes() == before


def test_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "futur.db"
    upgrade_database(_url(path))
    with sqlite3.connect(path) as c:
        c.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DomainError, match="plus récente"):
        upgrade_database(_url(path))


def test_unreachable_server_gives_a_french_error_without_the_password() -> None:
    with pytest.raises(DomainError, match="Impossible de se connecter") as caught:
        upgrade_database("postgresql+psycopg://sas:secret@127.0.0.1:1/sas?connect_timeout=2")
    assert "secret" not in str(caught.value)


def test_a_failing_migration_rolls_back_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sas_roster.persistence import migrate

    url = _url(tmp_path / "sas-roster.db")
    upgrade_database(url)
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    (scripts / "versions" / "9999_broken.py").write_text(
        'from alembic import op\nimport sqlalchemy as sa\n'
        f'revision = "9999"\ndown_revision = "{head}"\nbranch_labels = None\ndepends_on = None\n'
        'def upgrade():\n'
        '    op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))\n'
        '    op.add_column("persons", sa.Column("nickname", sa.String(20)))\n'
        '    raise RuntimeError("migration bug")\n'
        'def downgrade():\n    pass\n'
    )
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)

    with pytest.raises(RuntimeError, match="migration bug"):
        upgrade_database(url)

    monkeypatch.undo()
    assert _revision(url) == head
    with sqlite3.connect(tmp_path / "sas-roster.db") as c:
        assert c.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
        assert "nickname" not in {r[1] for r in c.execute("PRAGMA table_info(persons)")}
    assert len(list(tmp_path.glob("*.bak"))) == 1  # and the backup made before trying is there


def test_demo_association_survives_first_revision_to_head(tmp_path: Path) -> None:
    """The demo association, brought back to revision 0001 (its data kept), then upgraded
    to head: every row of every table is still there, unchanged."""
    from datetime import date

    from sas_roster.demo.loader import load_demo

    url = _url(tmp_path / "demo.db")
    with Services.open(url) as sv:
        load_demo(sv, date(2026, 11, 23))
    downgrade_database(url, "0001")
    before = _dump(url)
    assert "audit_log" not in before
    assert len(before["persons"]) > 60 and len(before["availability_entries"]) > 1000
    assert before["assignments"] and before["pdsa_duties"] and before["rosters"]

    upgrade_database(url)

    after = _dump(url)
    assert _revision(url) == head_revision()
    for table, rows in before.items():
        assert [r[: len(rows[0])] for r in after[table]] == rows, table
