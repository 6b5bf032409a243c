"""The keyed hash chain over the audit log: append, verify, erase personal values.

Each entry's ``chain`` is HMAC-SHA256(key, previous chain + the entry), the key being kept
outside the database (``audit_key``). Editing, inserting or deleting a row directly in the
file breaks the chain at that row (or at the next one, for a deletion); only the last rows
can vanish unseen, which is why the last chain hash is printed on published exports and
``verify(expect=...)`` checks such a checkpoint.

The before/after values enter the chain through a keyed digest per field. The right to
erasure then replaces a personal value by ``{"$effacé": digest}``: the chain still verifies,
the value is gone, and a changed value cannot pass for an erased one.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, text

from .audit_key import audit_key
from .base import utc_now

ERASED = "$effacé"
TABLE = "audit_log"
_PG_LOCK_ID = 7_150_001  # advisory lock serialising appends on a shared PostgreSQL database


# One encoder for every value (json.dumps with options builds a new one per call: with
# ≈ 25 fields per audited row, a 20 000-person import hashes half a million values).
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _canonical(value: Any) -> bytes:
    return _ENCODER.encode(value).encode()


def is_erased(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {ERASED}


def field_digest(key: bytes, value: Any) -> str:
    if is_erased(value):
        return str(value[ERASED])
    return hmac.digest(key, b"field\x00" + _canonical(value), "sha256").hex()


def erased(key: bytes, value: Any) -> Any:
    """The stored form of an erased value (already erased, empty: unchanged)."""
    if value in (None, "", {}, []) or is_erased(value):
        return value
    return {ERASED: field_digest(key, value)}


def _digests(key: bytes, values: Mapping[str, Any] | None) -> dict[str, str] | None:
    if values is None:
        return None
    return {k: field_digest(key, v) for k, v in values.items()}


def _instant(at: datetime) -> str:
    """The instant as naive UTC text (a naive value is already UTC, as stored)."""
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def entry_hash(key: bytes, previous: str, row: Mapping[str, Any]) -> str:
    body = [
        row["id"], _instant(row["at"]), row["actor"], row["entity"], str(row["entity_id"]), row["action"],
        _digests(key, row["before"]), _digests(key, row["after"]),
    ]
    return hmac.digest(key, previous.encode() + b"\n" + _canonical(body), "sha256").hex()


def _audit_table() -> Any:
    from .models.audit import AuditRow  # late: models import base only

    return AuditRow.__table__


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_ID})


def append(conn: Connection, entries: Iterable[Mapping[str, Any]]) -> None:
    """Write entries (actor, entity, entity_id, action, before, after) at the end of the chain,
    on `conn` (so they commit or roll back with the change they describe)."""
    rows = [dict(e) for e in entries]
    if not rows:
        return
    _lock(conn)
    table = _audit_table()
    last = conn.execute(select(table.c.id, table.c.chain).order_by(table.c.id.desc()).limit(1)).first()
    next_id, previous = (last.id + 1, last.chain or "") if last else (1, "")
    key = audit_key()
    now = utc_now()
    for row in rows:
        row.setdefault("before", None)
        row.setdefault("after", None)
        row["entity_id"] = str(row["entity_id"])
        row["id"], row["at"] = next_id, now
        row["chain"] = previous = entry_hash(key, previous, dict(row))
        next_id += 1
    conn.execute(table.insert(), rows)


def last_hash(conn: Connection) -> str | None:
    """The chain hash of the newest entry: an outside checkpoint for exports."""
    table = _audit_table()
    return conn.execute(select(table.c.chain).order_by(table.c.id.desc()).limit(1)).scalar()


@dataclass(frozen=True)
class VerifyResult:
    count: int
    last_hash: str | None
    first_bad: int | None = None  # id of the first entry that does not verify
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.first_bad is None

    def summary(self) -> str:
        if self.ok:
            short = self.last_hash[:16] if self.last_hash else "—"
            return f"Journal d'audit intègre : {self.count} entrée(s), dernière empreinte {short}"
        return f"Journal d'audit altéré : entrée n° {self.first_bad} — {self.reason}"


def verify(conn: Connection, expect: str | None = None) -> VerifyResult:
    """Walk the whole chain; name the first entry that does not verify.

    `expect`: a chain hash printed on an earlier export, which must still be in the chain
    (a prefix is enough), so that deleting the newest rows is detected too."""
    table = _audit_table()
    key = audit_key()
    previous, expected_id, count, seen = "", None, 0, expect is None
    for row in conn.execute(select(table).order_by(table.c.id)).mappings():
        count += 1
        if expected_id is not None and row["id"] != expected_id:
            missing = f"n° {expected_id}" if row["id"] == expected_id + 1 else f"n° {expected_id} à {row['id'] - 1}"
            return VerifyResult(count, previous or None, row["id"], f"entrée(s) {missing} supprimée(s)")
        if not row["chain"] or not hmac.compare_digest(row["chain"], entry_hash(key, previous, dict(row))):
            reason = (
                "empreinte absente" if not row["chain"]
                else "contenu modifié, entrée insérée, ou entrée précédente supprimée"
            )
            return VerifyResult(count, previous or None, row["id"], reason)
        previous, expected_id = row["chain"], row["id"] + 1
        if expect and row["chain"].startswith(expect.lower()):
            seen = True
    if not seen:
        return VerifyResult(count, previous or None, expected_id or 0,
                            f"l'empreinte {expect} n'est plus dans le journal : des entrées récentes ont disparu")
    return VerifyResult(count, previous or None)


def seal_unchained(conn: Connection, table: Any = None) -> int:
    """Chain the entries written before the chain existed (migration 0007, which passes its own
    frozen `table`): the rows without a chain hash, in id order, continue the chain."""
    table = _audit_table() if table is None else table
    key = audit_key()
    previous = ""
    sealed = 0
    for row in conn.execute(select(table).order_by(table.c.id)).mappings():
        if row["chain"]:
            previous = row["chain"]
            continue
        chain = entry_hash(key, previous, dict(row))
        conn.execute(table.update().where(table.c.id == row["id"]).values(chain=chain))
        previous = chain
        sealed += 1
    return sealed
