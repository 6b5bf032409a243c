"""Create and upgrade the schema, safely.

``upgrade_database(url)`` is called at every start. For a SQLite file it first checks that
the file really is a SQLite database (a corrupt or foreign file raises a French
``DomainError`` and is never written to), then, when the schema is behind, copies the file
to ``<name>.YYYYmmdd-HHMMSS.bak`` next to it before migrating.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from ..domain.errors import DomainError
from .engine import is_sqlite, make_engine, sqlite_path

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_HEADER = b"SQLite format 3\x00"


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic configured in code: no alembic.ini needed at run time."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_sqlite_file(path: Path) -> None:
    """Raise a French DomainError when `path` exists but is not a healthy SQLite database.

    Read-only: the file is opened with mode=ro so that nothing is ever written to it.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    if path.is_dir():
        raise DomainError(f"« {path} » est un dossier, pas un fichier de base de données.")
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DomainError(
            f"Le fichier « {path} » n'est pas une base de données sas-roster (fichier corrompu ou "
            "d'un autre type). Il n'a pas été modifié ; restaurez une sauvegarde (*.bak) ou "
            "indiquez un autre fichier."
        )
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DomainError(
            f"La base de données « {path} » est illisible ({exc}). Elle n'a pas été modifiée ; "
            "restaurez une sauvegarde (*.bak)."
        ) from exc
    if not result or result[0] != "ok":
        raise DomainError(
            f"La base de données « {path} » est endommagée. Elle n'a pas été modifiée ; "
            "restaurez une sauvegarde (*.bak)."
        )


def backup_sqlite_file(path: Path, now: datetime | None = None) -> Path:
    """Copy `path` to ``<name>.YYYYmmdd-HHMMSS.bak`` beside it and return the copy's path.

    SQLite's online backup is used rather than a file copy: in WAL mode, committed data may
    still sit in the -wal file, which a plain copy of the main file would miss.
    """
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{stamp}-{n}.bak")
        n += 1
    src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def upgrade_database(url: str, revision: str = "head") -> Path | None:
    """Bring the database at `url` to `revision` (head by default).

    Returns the backup file made before migrating a SQLite file, or None when no backup was
    needed (new or empty database, already at the target, not SQLite).
    """
    path = sqlite_path(url)
    backup: Path | None = None
    if path is not None:
        check_sqlite_file(path)
    engine = make_engine(url, foreign_keys=False)
    try:
        current = current_revision(engine)
        target = head_revision() if revision == "head" else revision
        known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
        if current is not None and current not in known:
            raise DomainError(
                f"La base de données a été créée par une version plus récente de sas-roster "
                f"(schéma « {current} »). Mettez l'application à jour."
            )
        if current == target:
            return None
        if current is None and _has_tables(engine):
            raise DomainError(
                "La base de données contient des tables mais pas de version de schéma : ce n'est "
                "pas une base sas-roster. Elle n'a pas été modifiée."
            )
        if path is not None and current is not None:
            backup = backup_sqlite_file(path)
        _run(engine, "upgrade", target)
    finally:
        engine.dispose()
    return backup


def downgrade_database(url: str, revision: str) -> None:
    """Step the schema back to `revision` (for tests and support; data of dropped tables is lost)."""
    engine = make_engine(url, foreign_keys=False)
    try:
        _run(engine, "downgrade", revision)
    finally:
        engine.dispose()


def _has_tables(engine: Engine) -> bool:
    return bool(set(inspect(engine).get_table_names()) - {"alembic_version"})


def _run(engine: Engine, direction: str, revision: str) -> None:
    cfg = alembic_config(engine)
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, direction)(cfg, revision)
        if is_sqlite(engine):
            # Foreign keys were off while batch mode rebuilt tables: check nothing dangles.
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                conn.rollback()
                raise DomainError(
                    f"La mise à jour du schéma laisserait {len(broken)} référence(s) cassée(s) : "
                    "elle a été annulée."
                )
        conn.commit()
