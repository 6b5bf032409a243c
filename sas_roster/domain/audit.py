"""One entry of the audit log, as the services hand it out (who changed what, when)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class AuditEntry:
    at: datetime  # aware, Europe/Paris
    actor: str
    entity: str  # table name, e.g. "persons"
    entity_id: str
    action: str  # insert, update, delete, reset
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    id: int | None = None


def checkpoint_label(chain_hash: str | None) -> str:
    """The line published exports print (planning footer, statements, minutes): the audit
    chain's newest hash, shortened, an outside checkpoint for `audit verify --expect`."""
    if not chain_hash:
        return ""
    return f"Journal d'audit — empreinte {chain_hash[:16]}"
