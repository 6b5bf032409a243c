"""Audit trail written by the unit of work itself: every row inserted, updated or deleted
through the ORM gets an ``audit_log`` row (who, when, table, id, action, before, after).

Built on mapper-level flush events rather than ``before_flush`` alone (as in SQLAlchemy's
versioned_history example) because rows removed by a delete-orphan cascade only appear
during the flush. Rows are collected per session and written in one executemany at the end
of the flush, on the same connection, so they commit or roll back with the change itself.

Bulk DML run through the session (``session.execute(delete(table))``) is caught by the
``do_orm_execute`` event and recorded as one entry per statement. The entries are chained by a
keyed hash (``audit_chain``). Everything here is generic over the mapper registry: a table
added later is audited without any code; ``EXCLUDED_TABLES`` lists those that are not.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, object_session
from sqlalchemy.sql import Delete, Update

from . import audit_chain
from .audit_key import audit_key
from .base import Base
from .models.audit import AuditRow

ACTOR_KEY = "audit_actor"
DEFAULT_ACTOR = "système"
_PENDING_KEY = "_audit_pending"
# Tables whose rows are not audited: the log itself. Add a table here only with a reason.
EXCLUDED_TABLES: set[str] = {"audit_log"}


class AuditedSession(Session):
    """A Session whose flushes write the audit log (see module docstring)."""


def json_value(value: Any) -> Any:
    """A JSON-safe form of a column value (dates ISO, decimals as text, enums by value)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):  # a stored file: its size and digest, not its bytes
        data = bytes(value)
        return {"octets": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    return value


def _columns(mapper: Mapper[Any]) -> list[str]:
    return [attr.key for attr in mapper.column_attrs]


def _snapshot(target: Any, mapper: Mapper[Any]) -> dict[str, Any]:
    state_dict = inspect(target).dict
    return {key: json_value(state_dict.get(key)) for key in _columns(mapper)}


def _before_update(target: Any, mapper: Mapper[Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(target)
    before, after = {}, {}
    for key in _columns(mapper):
        hist = state.attrs[key].history
        current = state.dict.get(key)
        if hist.deleted:
            old = hist.deleted[0]
        elif hist.unchanged:
            old = hist.unchanged[0]
        else:
            old = current if not hist.added else None
        before[key] = json_value(old)
        after[key] = json_value(current)
    return before, after


def _entity_id(target: Any, mapper: Mapper[Any]) -> str:
    ident = mapper.primary_key_from_instance(target)
    return "/".join(str(json_value(v)) for v in ident)


def _queue(target: Any, mapper: Mapper[Any], action: str, before: Any, after: Any) -> None:
    session = object_session(target)
    table = str(getattr(mapper.local_table, "name", ""))
    if session is None or not isinstance(session, AuditedSession) or table in EXCLUDED_TABLES:
        return
    session.info.setdefault(_PENDING_KEY, []).append(
        {
            "actor": session.info.get(ACTOR_KEY, DEFAULT_ACTOR),
            "entity": table,
            "entity_id": _entity_id(target, mapper),
            "action": action,
            "before": before,
            "after": after,
        }
    )


@event.listens_for(Base, "after_insert", propagate=True)
def _after_insert(mapper: Mapper[Any], _conn: Any, target: Any) -> None:
    if not isinstance(target, AuditRow):
        _queue(target, mapper, "insert", None, _snapshot(target, mapper))


@event.listens_for(Base, "after_update", propagate=True)
def _after_update(mapper: Mapper[Any], _conn: Any, target: Any) -> None:
    if isinstance(target, AuditRow):
        return
    before, after = _before_update(target, mapper)
    if before != after:  # after_update also fires for objects with no net column change
        changed = [k for k in after if before[k] != after[k]]
        keep = set(changed) | {attr.key for attr in mapper.column_attrs if attr.columns[0].primary_key}
        _queue(
            target,
            mapper,
            "update",
            {k: v for k, v in before.items() if k in keep},
            {k: v for k, v in after.items() if k in keep},
        )


@event.listens_for(Base, "after_delete", propagate=True)
def _after_delete(mapper: Mapper[Any], _conn: Any, target: Any) -> None:
    if not isinstance(target, AuditRow):
        _queue(target, mapper, "delete", _snapshot(target, mapper), None)


@event.listens_for(AuditedSession, "after_flush")
def _write_pending(session: Session, _ctx: Any) -> None:
    pending = session.info.pop(_PENDING_KEY, None)
    if not pending:
        return
    audit_chain.append(session.connection(), pending)


@event.listens_for(AuditedSession, "do_orm_execute")
def _bulk_statement(state: ORMExecuteState) -> None:
    """A bulk UPDATE/DELETE run through the session: one entry naming the table and the filter."""
    stmt = state.statement
    # Bulk INSERTs are left to their caller, which writes one entry per row (persistence/bulk.py).
    if not isinstance(stmt, (Update, Delete)):
        return
    table = getattr(stmt.table, "name", None)
    if table is None or table in EXCLUDED_TABLES:
        return
    where = getattr(stmt, "whereclause", None)
    action = "bulk_update" if isinstance(stmt, Update) else "bulk_delete"
    detail: dict[str, Any] = {"where": str(where) if where is not None else None}
    audit_chain.append(state.session.connection(), [
        {"actor": state.session.info.get(ACTOR_KEY, DEFAULT_ACTOR), "entity": table, "entity_id": "*",
         "action": action, "before": None, "after": detail}
    ])


@event.listens_for(AuditedSession, "after_rollback")
def _drop_pending(session: Session) -> None:
    session.info.pop(_PENDING_KEY, None)


def erase_fields(
    session: Session, entity: str, entity_id: str, fields: set[str], keep: dict[str, Any] | None = None
) -> int:
    """Replace `fields` in every audit entry of one row by their erased form (right to erasure):
    the value is gone, its keyed digest stays so the chain still verifies. Values equal to
    `keep` (the pseudonymised ones now stored) stay readable. Returns the count."""
    keep = keep or {}
    key = audit_key()
    changed = 0
    for entry in session.scalars(
        select(AuditRow).where(AuditRow.entity == entity, AuditRow.entity_id == str(entity_id))
    ):
        for side in ("before", "after"):
            values = getattr(entry, side)
            if not values:
                continue
            new = {
                k: (audit_chain.erased(key, v) if k in fields and (k not in keep or keep[k] != v) else v)
                for k, v in values.items()
            }
            if new != values:
                setattr(entry, side, new)
                changed += 1
    return changed
