"""Where the database is and how to connect to it.

SQLite by default, in the user's data folder; PostgreSQL when the association shares one
database between several coordinators (``postgresql+psycopg://...``). The URL comes from
the ``--db`` option, else the ``SAS_ROSTER_DB_URL`` environment variable, else the default.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

ENV_VAR = "SAS_ROSTER_DB_URL"
APP_NAME = "sas-roster"
SQLITE_FILE_NAME = "sas-roster.db"
DEMO_FILE_NAME = "demo.sqlite"  # the demo association's own file, beside the association's
# How long a writer waits for another one to finish before saying the base is busy: longer
# than any write the app makes (a 20 000-row import, a solve's store), short enough to answer.
BUSY_TIMEOUT_MS = int(os.environ.get("SAS_ROSTER_BUSY_TIMEOUT_MS", "30000"))
# Execution option marking a connection whose transactions only read: plain BEGIN (deferred)
# on SQLite, no writers' lock on PostgreSQL. Every other transaction is taken as a writer.
READ_ONLY = "sas_roster_read_only"
# PostgreSQL advisory lock every writing transaction takes first (held until commit or
# rollback): writers run one after the other, as on SQLite, so read-then-write use cases
# (an import replacing a month's entries, a solve storing its month) cannot interleave.
WRITERS_LOCK_KEY = 0x5A5_0011


def user_data_folder() -> Path:
    """Where the user's databases live (platformdirs: never the source or install tree)."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_NAME))


def default_database_url() -> str:
    """The association's SQLite file in the user's data folder (created on first start)."""
    return f"sqlite:///{(user_data_folder() / SQLITE_FILE_NAME).as_posix()}"


def demo_database_url() -> str:
    """The demo association's SQLite file, kept apart from the association's."""
    return f"sqlite:///{(user_data_folder() / DEMO_FILE_NAME).as_posix()}"


def is_zero_byte_file(url: str) -> bool:
    """True for a SQLite URL whose file exists and is empty (never filled silently)."""
    path = sqlite_path(url)
    return path is not None and path.is_file() and path.stat().st_size == 0


DEMO_ALIAS = "demo"  # `--db demo`: the demo association's own file


def database_url(cli_url: str | None = None) -> str:
    """The URL to use: ``--db URL`` (``--db demo``: the demo's file), then
    ``$SAS_ROSTER_DB_URL``, then the association's default file."""
    if cli_url == DEMO_ALIAS:
        return demo_database_url()
    if cli_url:
        return cli_url
    env = os.environ.get(ENV_VAR, "").strip()
    return env or default_database_url()


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None (in-memory database, or not SQLite)."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return None
    if not u.database or u.database == ":memory:" or u.database.startswith("file:"):
        return None
    return Path(u.database)


def is_sqlite(url_or_engine: str | Engine) -> bool:
    url = url_or_engine.url if isinstance(url_or_engine, Engine) else make_url(url_or_engine)
    return url.get_backend_name() == "sqlite"


def make_engine(url: str, *, foreign_keys: bool = True, echo: bool = False) -> Engine:
    """An engine for `url`; on SQLite, every connection gets the pragmas the app relies on.

    - foreign_keys=ON: SQLite ignores FOREIGN KEY clauses unless told otherwise per connection
      (migrations turn it off while they rebuild tables, then run a foreign_key_check);
    - journal_mode=WAL: readers do not block the writer (GUI reads while a save runs);
    - busy_timeout: wait for a lock instead of failing at once;
    - writing transactions begin IMMEDIATE (see `READ_ONLY` for the ones that only read).

    On PostgreSQL, every writing transaction first takes one advisory lock (`WRITERS_LOCK_KEY`)
    with a lock timeout, so concurrent writers wait for each other instead of interleaving.

    The driver's own transaction handling is switched off and SQLAlchemy emits BEGIN itself,
    so DDL is transactional too (pysqlite would otherwise commit DDL implicitly, and a migration
    failing halfway would leave a half-built schema).
    """
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    # hide_parameters: an error's text never carries the row being written (personal data).
    engine = create_engine(url, echo=echo, hide_parameters=True)
    if is_sqlite(url):
        _install_sqlite_hooks(engine, foreign_keys=foreign_keys)
    elif engine.dialect.name == "postgresql":
        _install_postgres_hooks(engine)
    return engine


def _read_only(conn: Any) -> bool:
    return bool(conn.get_execution_options().get(READ_ONLY))


def _install_sqlite_hooks(engine: Engine, *, foreign_keys: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # autocommit at driver level; BEGIN below
        cur = dbapi_connection.cursor()
        try:
            cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA journal_mode=WAL")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A writer takes the write lock at BEGIN, where the busy timeout applies: a deferred
        # transaction that reads and then upgrades to write fails at once ("database is
        # locked") when another writer committed meanwhile, and the timeout never helps.
        conn.exec_driver_sql("BEGIN" if _read_only(conn) else "BEGIN IMMEDIATE")


def _install_postgres_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if _read_only(conn):
            return
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = {BUSY_TIMEOUT_MS}")
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITERS_LOCK_KEY})")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Audited, guarded sessions that keep loaded values after commit (detached reads stay usable)."""
    from . import lengths
    from .audit import AuditedSession  # late: audit imports the models, engine stays light
    from .guard import PRINCIPAL_KEY, Principal

    lengths.install(AuditedSession)
    # One Principal per factory: every session (and so every service) sees who is signed in.
    return sessionmaker(engine, class_=AuditedSession, expire_on_commit=False, info={PRINCIPAL_KEY: Principal()})
