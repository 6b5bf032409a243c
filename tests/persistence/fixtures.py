"""Database fixtures: a SQLite file migrated once per session, copied for each test (fast,
and every test still gets its own real file)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sas_roster.persistence.engine import make_engine, make_session_factory
from sas_roster.persistence.migrate import upgrade_database
from sas_roster.services import Services


@pytest.fixture(scope="session")
def migrated_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade_database(f"sqlite:///{path}")
    return path


@pytest.fixture
def db_url(tmp_path: Path, migrated_file: Path) -> str:
    target = tmp_path / "sas-roster.db"
    shutil.copyfile(migrated_file, target)
    return f"sqlite:///{target}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    e = make_engine(db_url)
    yield e
    e.dispose()


@pytest.fixture
def sessions(engine: Engine):
    return make_session_factory(engine)


@pytest.fixture
def services(engine: Engine) -> Services:
    return Services(engine)
