"""Create and upgrade the schema, safely.

``upgrade_database(url)`` is called at every start. For a SQLite file it first checks that
the file really is a SQLite database (a corrupt or foreign file raises a French
``DomainError`` and is never written to), then, when the schema is behind, copies the file
to ``<name>.YYYYmmdd-HHMMSS.bak`` next to it before migrating.
"""

from __future__ import annotations

import ast
import os
import shutil
import sqlite3
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import OperationalError

from ..domain.errors import DomainError
from .engine import is_sqlite, make_engine, sqlite_path
from .faults import checkpoint

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every sas-roster database has had since revision 0001: how an unknown schema
# revision is told apart between a newer sas-roster and another application's database.
OWN_TABLES = frozenset({"persons", "association_settings", "rosters", "assignments"})
_BACKUP_PAGES_PER_STEP = 256
_FREE_SPACE_MARGIN = 1.1  # the copy, plus a tenth for the file system's own needs


def creating_marker(path: Path) -> Path:
    """The file that says the app itself is creating `path` on its first start."""
    return path.with_name(f".{path.name}.creating")


def _read_only_error(path: Path) -> DomainError:
    return DomainError(
        f"La base de données « {path} » ne peut pas être modifiée : le fichier ou son dossier "
        f"« {path.parent} » est en lecture seule (droits, support protégé ou dossier partagé). "
        "Elle n'a pas été modifiée ; donnez les droits d'écriture ou copiez-la dans un dossier "
        "accessible en écriture."
    )


def _writable(path: Path) -> bool:
    folder_ok = os.access(path.parent, os.W_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic configured in code: no alembic.ini needed at run time."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def _revisions() -> dict[str, str | None]:
    return _revision_graph(MIGRATIONS)


@cache
def _revision_graph(folder: Path) -> dict[str, str | None]:
    """Each migration's revision and the one it follows, read from the scripts' source.

    Alembic (and Mako, Pygments behind it: ≈ 13 MB) is loaded only when a migration really
    runs; opening a database already at head only needs these two names per script. A test
    checks this reading against Alembic's own graph."""
    graph: dict[str, str | None] = {}
    for script in sorted((folder / "versions").glob("*.py")):
        names: dict[str, str | None] = {}
        for node in ast.parse(script.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.AnnAssign | ast.Assign):
                targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
                for target in targets:
                    if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                        value = node.value
                        constant = value.value if isinstance(value, ast.Constant) else None
                        names[target.id] = constant if isinstance(constant, str) else None
        if isinstance(names.get("revision"), str):
            graph[str(names["revision"])] = names.get("down_revision")
    return graph


def head_revision() -> str:
    graph = _revisions()
    heads = set(graph) - {down for down in graph.values() if down is not None}
    assert len(heads) == 1, f"migrations must form one chain, heads: {sorted(heads)}"
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_sqlite_file(path: Path, accept_zero_byte: bool = False) -> tuple[str | None, bool]:
    """Check, without writing a byte, that `path` is a healthy sas-roster SQLite database.

    Returns (schema revision or None, whether it holds tables other than Alembic's). Raises
    a French DomainError for a corrupt file, a foreign database or one from a newer version.
    Everything is read through a read-only connection: even opening the file with the app's
    engine would switch it to WAL mode, which rewrites its header.
    """
    if not path.exists():
        return None, False
    if path.is_file() and path.stat().st_size == 0:
        if accept_zero_byte or creating_marker(path).exists():
            return None, False  # the user's choice, or the app's own first start interrupted
        raise DomainError(
            f"Le fichier « {path} » est vide (0 octet) : ce n'est pas une base sas-roster, ou elle "
            "a été perdue (copie interrompue, disque plein). Il n'a pas été modifié ; restaurez une "
            "sauvegarde (*.bak), ou supprimez ce fichier vide pour créer une nouvelle base."
        )
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
            health = conn.execute("PRAGMA quick_check").fetchone()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if not _writable(path):
            raise _read_only_error(path) from exc
        raise DomainError(
            f"La base de données « {path} » est illisible ({exc}). Elle n'a pas été modifiée ; "
            "restaurez une sauvegarde (*.bak)."
        ) from exc
    if not health or health[0] != "ok":
        raise DomainError(
            f"La base de données « {path} » est endommagée. Elle n'a pas été modifiée ; "
            "restaurez une sauvegarde (*.bak)."
        )
    has_tables = bool(tables - {"alembic_version"})
    _check_revision(revision, has_tables, tables)
    return revision, has_tables


def _check_revision(current: str | None, has_tables: bool, tables: set[str] | None = None) -> None:
    if current is not None and current not in _known_revisions():
        if tables is not None and not OWN_TABLES <= tables:
            raise DomainError(
                f"Cette base de données appartient à une autre application (schéma Alembic "
                f"« {current} », sans les tables de sas-roster). Elle n'a pas été modifiée ; "
                "indiquez le fichier ou l'adresse de la base sas-roster."
            )
        raise DomainError(
            f"La base de données a été créée par une version plus récente de sas-roster "
            f"(schéma « {current} »). Elle n'a pas été modifiée ; mettez l'application à jour."
        )
    if current is None and has_tables:
        raise DomainError(
            "La base de données contient des tables mais pas de version de schéma : ce n'est "
            "pas une base sas-roster. Elle n'a pas été modifiée."
        )


def _known_revisions() -> set[str]:
    return set(_revisions())


def backup_sqlite_file(path: Path, now: datetime | None = None) -> Path:
    """Copy `path` to ``<name>.YYYYmmdd-HHMMSS.bak`` beside it and return the copy's path.

    SQLite's online backup is used rather than a file copy: in WAL mode, committed data may
    still sit in the -wal file, which a plain copy of the main file would miss. The copy is
    written to a temporary ``.bak.tmp`` file, after checking there is room for it, and renamed
    only once complete: a failed backup raises a French `DomainError` and leaves no file.
    """
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{stamp}-{n}.bak")
        n += 1
    if not _writable(path):
        raise _read_only_error(path)
    wal = path.with_name(path.name + "-wal")
    needed = int((path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)) * _FREE_SPACE_MARGIN)
    free = shutil.disk_usage(path.parent).free
    if free < needed:
        raise _backup_failed(path, f"il faut {_mb(needed)} libres, il reste {_mb(free)} sur le disque")
    partial = target.with_name(target.name + ".tmp")
    try:
        src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst, pages=_BACKUP_PAGES_PER_STEP, progress=_backup_progress)
                dst.execute("PRAGMA journal_mode=DELETE")  # a lone, self-contained file
            finally:
                dst.close()
        finally:
            src.close()
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise _backup_failed(path, _reason(exc)) from None
    return target


def _backup_progress(_status: int, remaining: int, _total: int) -> None:
    if remaining:
        checkpoint("migration.backup-partial")


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} Mo".replace(".", ",")


def _reason(exc: BaseException) -> str:
    text = str(exc).lower()
    if "full" in text or "no space" in text or getattr(exc, "errno", None) == 28:
        return "le disque est plein"
    if ("read" in text and "only" in text) or isinstance(exc, PermissionError):
        return "le dossier est en lecture seule"
    return "erreur d'écriture sur le disque"


def _backup_failed(path: Path, reason: str) -> DomainError:
    return DomainError(
        f"La sauvegarde de « {path.name} » avant la mise à jour de la base n'a pas pu être faite "
        f"({reason}). La mise à jour n'a pas été lancée et la base n'a pas été modifiée ; libérez "
        "de la place ou vérifiez les droits du dossier, puis relancez."
    )


def remove_stale_partial_backups(path: Path) -> None:
    """A backup interrupted by a crash leaves its ``.bak.tmp``: never a usable copy."""
    for stale in path.parent.glob(f"{path.name}.*.bak.tmp"):
        stale.unlink(missing_ok=True)


def upgrade_database(url: str, revision: str = "head", *, accept_zero_byte: bool = False) -> Path | None:
    """Bring the database at `url` to `revision` (head by default).

    Returns the backup file made before migrating a SQLite file, or None when no backup was
    needed (new or empty database, already at the target, not SQLite).
    """
    target = head_revision() if revision == "head" else revision
    path = sqlite_path(url)
    backup: Path | None = None
    creating: Path | None = None
    if path is not None:
        current, _ = check_sqlite_file(path, accept_zero_byte)
        if current == target:
            return None
        if path.parent.is_dir():
            remove_stale_partial_backups(path)
        if current is not None:
            backup = backup_sqlite_file(path)
            checkpoint("migration.after-backup")
        elif not path.exists() or path.stat().st_size == 0:
            if path.parent.is_dir() and not _writable(path):
                raise _read_only_error(path)
            creating = creating_marker(path)
            creating.parent.mkdir(parents=True, exist_ok=True)
            creating.touch()
    engine = make_engine(url, foreign_keys=False)
    try:
        if path is None:  # a server database: same checks, through the engine
            try:
                current = current_revision(engine)
            except OperationalError as exc:
                raise DomainError(
                    f"Impossible de se connecter à la base de données "
                    f"« {engine.url.render_as_string(hide_password=True)} » : {exc.orig}"
                ) from exc
            _check_revision(current, _has_tables(engine))
            if current == target:
                return None
        _run(engine, "upgrade", target)
    finally:
        engine.dispose()
    if creating is not None:
        creating.unlink(missing_ok=True)
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
    from alembic import command

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
        checkpoint("migration.before-commit")
        conn.commit()
