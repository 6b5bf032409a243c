"""Fault injection for the reliability tests: a named point in a multi-step write where a
test can have the process killed outright (SIGKILL, no cleanup, like a power cut).

`checkpoint("solve.store.deleted")` does nothing unless the environment variable
``SAS_ROSTER_FAULT`` names that point; the tests run a real child process with it set and
check that the database is exactly as before or as after, never in between.
"""

from __future__ import annotations

import os
import signal

ENV = "SAS_ROSTER_FAULT"


def checkpoint(name: str) -> None:
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
