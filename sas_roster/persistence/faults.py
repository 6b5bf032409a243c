"""Fault injection for the reliability tests: kill the process at a named write step.

``checkpoint("import.after-delete")`` does nothing unless the environment variable
``SAS_ROSTER_FAULT`` names that checkpoint; then the process is killed on the spot with
SIGKILL (no ``finally``, no ``atexit``, no rollback — as a power cut or ``kill -9`` would).
The tests start a real child process with the variable set, then check the database is
either as it was before the write or as it is after, never in between.

Checkpoints are placed at every write step of import, demo, migration and solve store;
``CHECKPOINTS`` lists them so the tests can go through all of them.
"""

from __future__ import annotations

import os
import signal

ENV_VAR = "SAS_ROSTER_FAULT"
ENV = ENV_VAR  # the name the month lifecycle's code uses

# Every checkpoint placed in the code, in the order a write reaches them.
CHECKPOINTS: dict[str, str] = {
    "import.before-write": "import: rows parsed and checked, before the first write",
    "import.after-delete": "import: replaced rows deleted, new rows not yet added",
    "import.after-flush": "import: every row sent to the database, before commit",
    "import.after-commit": "import: committed",
    "demo.after-reset": "demo: tables emptied, nothing written yet",
    "demo.after-persons": "demo: settings and persons written, availability not yet",
    "demo.after-availability": "demo: availability written, rosters not yet",
    "demo.before-commit": "demo: everything written, before commit",
    "migration.backup-partial": "migration: part of the backup copied to its temporary file",
    "migration.after-backup": "migration: backup complete, schema not yet changed",
    "migration.before-commit": "migration: schema changed, before commit",
    # The month lifecycle's (solve store, publication, withdrawals), tested with it.
    "solve.store.roster": "solve store: the month's roster row ready",
    "solve.store.written": "solve store: assignments written, before commit",
    "store.deleted": "roster store: replaced assignments deleted",
    "store.inserted": "roster store: new assignments inserted",
    "publish.version": "publication: version snapshot written",
    "withdraw.recorded": "withdrawal recorded",
    "withdraw.stored": "withdrawal: replacement stored",
}
# Prefixes whose checkpoints the month lifecycle's own tests exercise.
LIFECYCLE_PREFIXES = ("solve.", "store.", "publish.", "withdraw.")


def checkpoint(name: str) -> None:
    """Kill this process at once when ``$SAS_ROSTER_FAULT`` equals `name` (tests only)."""
    if os.environ.get(ENV_VAR) == name:
        if hasattr(signal, "SIGKILL"):
            os.kill(os.getpid(), signal.SIGKILL)
        os._exit(137)  # Windows: no SIGKILL; _exit skips cleanup just the same
