"""Where the database lives and the SQLite pragmas every connection gets."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from sas_roster.persistence import engine as eng


def test_url_comes_from_cli_then_environment_then_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(eng.ENV_VAR, "sqlite:////srv/partage/sas.db")
    assert eng.database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert eng.database_url(None) == "sqlite:////srv/partage/sas.db"
    monkeypatch.setenv(eng.ENV_VAR, "  ")
    default = eng.database_url(None)
    assert default == eng.default_database_url()
    folder = Path(platformdirs.user_data_dir("sas-roster", "sas-roster"))
    assert eng.sqlite_path(default) == folder / "sas-roster.db"


def test_sqlite_path_only_for_files() -> None:
    assert eng.sqlite_path("sqlite://") is None
    assert eng.sqlite_path("sqlite:///:memory:") is None
    assert eng.sqlite_path("postgresql+psycopg://u@h/db") is None
    assert eng.sqlite_path("sqlite:////tmp/x/y.db") == Path("/tmp/x/y.db")


def test_make_engine_creates_the_folder_and_sets_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "base.db"
    e = eng.make_engine(f"sqlite:///{path}")
    try:
        with e.connect() as c:
            assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() == eng.BUSY_TIMEOUT_MS
        assert path.exists()
    finally:
        e.dispose()


def test_foreign_keys_are_enforced(engine) -> None:
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        with engine.begin() as c:
            c.execute(text(
                "INSERT INTO availability_entries (person_id, day, start, \"end\", kind) "
                "VALUES (999, '2027-05-03', '08:00:00.000000', '12:00:00.000000', 'available')"
            ))


def test_ddl_is_transactional(tmp_path: Path) -> None:
    """pysqlite would commit DDL on its own; a failed migration must leave nothing behind."""
    e = eng.make_engine(f"sqlite:///{tmp_path / 'ddl.db'}")
    try:
        with pytest.raises(RuntimeError):
            with e.begin() as c:
                c.exec_driver_sql("CREATE TABLE half_done (id INTEGER)")
                raise RuntimeError("migration failed halfway")
        with e.connect() as c:
            assert c.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").scalar() == 0
    finally:
        e.dispose()
