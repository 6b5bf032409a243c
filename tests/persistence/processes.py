"""Real child processes of the app, and fingerprints of a database's content.

`run_cli` / `start_cli` run ``python main.py --db URL …`` from the checkout being tested, with
an optional fault (``SAS_ROSTER_FAULT``) and a private log folder. `table_hashes` reads every
table in primary-key order and hashes its rows, so two states of a database compare in one
`==`; audit timestamps are left out (two identical runs write them at different times).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import MetaData, create_engine, select, text

ROOT = Path(__file__).resolve().parents[2]
# The chain hash covers the entry's time, so it differs from run to run like the time itself.
VOLATILE = {("audit_log", "at"), ("audit_log", "chain"), ("rosters", "published_at")}


def cli_env(fault: str | None = None, log_dir: Path | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SAS_ROSTER_FAULT", "SAS_ROSTER_DB_URL")}
    env.update(extra)
    if fault:
        env["SAS_ROSTER_FAULT"] = fault
    if log_dir is not None:
        env["SAS_ROSTER_LOG_DIR"] = str(log_dir)
    env["PYTHONPATH"] = str(ROOT)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def start_cli(url: str, *args: str, fault: str | None = None, log_dir: Path | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", url, *args], cwd=ROOT,
                            env=cli_env(fault, log_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_cli(url: str, *args: str, fault: str | None = None, log_dir: Path | None = None,
            timeout: float = 300, prefix: tuple[str, ...] = (), **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*prefix, sys.executable, str(ROOT / "main.py"), "--db", url, *args], cwd=ROOT,
                          env=cli_env(fault, log_dir, **extra), capture_output=True, text=True, timeout=timeout)


def run_python(code: str, *, fault: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=cli_env(fault),
                          capture_output=True, text=True, timeout=timeout)


def table_hashes(url: str, volatile: set[tuple[str, str]] = frozenset()) -> dict[str, tuple[int, str]]:
    """Per table: (row count, hash of its rows in primary-key order); `volatile` names more
    (table, column) pairs to leave out."""
    engine = create_engine(url)
    try:
        md = MetaData()
        md.reflect(engine)
        out = {}
        with engine.connect() as c:
            for name, table in sorted(md.tables.items()):
                cols = [col for col in table.columns if (name, col.name) not in VOLATILE | volatile]
                order = list(table.primary_key.columns) or cols
                digest = hashlib.sha256()
                n = 0
                for row in c.execute(select(*cols).order_by(*order)):
                    digest.update(repr(tuple(row)).encode())
                    n += 1
                out[name] = (n, digest.hexdigest())
        return out
    finally:
        engine.dispose()


def integrity(url: str) -> str:
    """SQLite's own check of the file ("ok" when sound); "ok" on a server database."""
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            if engine.dialect.name != "sqlite":
                return "ok"
            return str(c.execute(text("PRAGMA integrity_check")).scalar())
    finally:
        engine.dispose()


def count(url: str, sql: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            return int(c.execute(text(sql)).scalar() or 0)
    finally:
        engine.dispose()
