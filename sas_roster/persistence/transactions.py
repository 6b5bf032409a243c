"""Which transaction a piece of code runs in.

- `write_session(sessions)`: the use case's own writing transaction (BEGIN IMMEDIATE on
  SQLite, the writers' lock on PostgreSQL), committed at the end, rolled back on error — or,
  inside `one_transaction(sessions)`, the enclosing transaction, committed only when that one
  ends (the demo loader writes a whole association through many use cases, all or nothing).
- `read_session(sessions)`: a short session that only reads (deferred, takes no writers'
  lock), or the enclosing transaction's session, so a read inside a multi-step write sees
  what the earlier steps wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy.orm import Session, sessionmaker

from .engine import READ_ONLY

_ambient: ContextVar[tuple[sessionmaker[Session], Session] | None] = ContextVar("sas_roster_tx", default=None)


def _joined(sessions: sessionmaker[Session]) -> Session | None:
    current = _ambient.get()
    if current is not None and current[0] is sessions:
        return current[1]
    return None


@contextmanager
def write_session(sessions: sessionmaker[Session]) -> Iterator[Session]:
    joined = _joined(sessions)
    if joined is not None:
        yield joined
        return
    with sessions.begin() as session:
        yield session


@contextmanager
def read_session(sessions: sessionmaker[Session]) -> Iterator[Session]:
    joined = _joined(sessions)
    if joined is not None:
        yield joined
        return
    with sessions(execution_options={READ_ONLY: True}) as session:
        yield session


@contextmanager
def one_transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """Run every `write_session` / `read_session` of `sessions` inside one transaction."""
    joined = _joined(sessions)
    if joined is not None:
        yield joined
        return
    with sessions.begin() as session:
        token = _ambient.set((sessions, session))
        try:
            yield session
        finally:
            _ambient.reset(token)
