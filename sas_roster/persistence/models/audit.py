"""The audit log: one row per changed database row (who, when, what, before, after)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, UtcDateTime


class AuditRow(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_entity", "entity", "entity_id"),
        Index("ix_audit_log_at", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)  # given by the chain (consecutive)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(120))
    entity: Mapped[str] = mapped_column(String(60))  # table name
    entity_id: Mapped[str] = mapped_column(String(60))  # primary key, "/"-joined when composite
    action: Mapped[str] = mapped_column(String(20))  # insert, update, delete, reset
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # HMAC of the previous entry's chain and this entry (audit_chain); never updated.
    chain: Mapped[str | None] = mapped_column(String(64))
