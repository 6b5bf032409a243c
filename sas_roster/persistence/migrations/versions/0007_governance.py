"""Governance: the audit log becomes a keyed hash chain, append-only in the database; user
accounts; the association's registry (members, dues, bodies, colleges, seats, meetings,
decisions, documents, complaints); data-protection settings.

The entries already in the log are sealed into the chain here, with the installation's key
(kept outside the database, see ``audit_key``).

Revision ID: 0007_governance
Revises: 0009_addressing_and_mail
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_governance"
down_revision: str | None = "0009_addressing_and_mail"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE_TRIGGERS = (
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'journal d''audit : suppression interdite'); END""",
    # Only an erasure (personal values replaced by their digest) may touch before/after;
    # the chain proves the rest.
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor
      OR NEW.entity IS NOT OLD.entity OR NEW.entity_id IS NOT OLD.entity_id
      OR NEW.action IS NOT OLD.action OR NEW.chain IS NOT OLD.chain
    BEGIN SELECT RAISE(ABORT, 'journal d''audit : modification interdite'); END""",
)
_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'journal d''audit : suppression interdite';
  END IF;
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.at IS DISTINCT FROM OLD.at
     OR NEW.actor IS DISTINCT FROM OLD.actor OR NEW.entity IS DISTINCT FROM OLD.entity
     OR NEW.entity_id IS DISTINCT FROM OLD.entity_id OR NEW.action IS DISTINCT FROM OLD.action
     OR NEW.chain IS DISTINCT FROM OLD.chain THEN
    RAISE EXCEPTION 'journal d''audit : modification interdite';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql"""
_PG_TRIGGER = """CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"""


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _fk(column: str, target: str, ondelete: str | None = None, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(column, sa.Integer(), sa.ForeignKey(target, ondelete=ondelete), nullable=nullable)


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("chain", sa.String(64), nullable=True))
    from sas_roster.persistence.audit_chain import seal_unchained

    seal_unchained(op.get_bind(), sa.table(
        "audit_log", sa.column("id", sa.Integer()), sa.column("at", sa.DateTime()), sa.column("actor", sa.String()),
        sa.column("entity", sa.String()), sa.column("entity_id", sa.String()), sa.column("action", sa.String()),
        sa.column("before", sa.JSON()), sa.column("after", sa.JSON()), sa.column("chain", sa.String()),
    ))
    if op.get_bind().dialect.name == "sqlite":
        for ddl in _SQLITE_TRIGGERS:
            op.execute(ddl)
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute(_PG_TRIGGER)

    op.create_table(
        "users",
        _id(),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("name", name="uq_users_name"),
    )
    op.create_table(
        "user_roles",
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("role", sa.String(20), primary_key=True),
    )
    op.create_table(
        "members",
        _id(),
        _fk("person_id", "persons.id", nullable=True),
        sa.Column("last_name", sa.String(120), nullable=False),
        sa.Column("first_name", sa.String(120), nullable=False),
        sa.Column("email", sa.String(200), nullable=True),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("pseudonymised", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "member_dues",
        _id(),
        _fk("member_id", "members.id"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount", sa.String(40), nullable=False),
        sa.Column("paid", sa.Boolean(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.UniqueConstraint("member_id", "year", name="uq_member_dues_member_id_year"),
    )
    op.create_table(
        "bodies",
        _id(),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("majority", sa.String(20), nullable=False),
        sa.Column("proxies_allowed", sa.Boolean(), nullable=False),
        sa.Column("max_proxies_per_member", sa.Integer(), nullable=False),
        sa.Column("proxies_count_for_quorum", sa.Boolean(), nullable=False),
        sa.Column("quorum_on_seats", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("code", name="uq_bodies_code"),
    )
    op.create_table(
        "body_colleges",
        _id(),
        _fk("body_id", "bodies.id", "CASCADE"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("quorum", sa.String(40), nullable=False),
        sa.UniqueConstraint("body_id", "name", name="uq_body_colleges_body_id_name"),
    )
    op.create_table(
        "body_seats",
        _id(),
        _fk("college_id", "body_colleges.id", "CASCADE"),
        _fk("member_id", "members.id"),
        sa.Column("start", sa.Date(), nullable=True),
        sa.Column("end", sa.Date(), nullable=True),
    )
    op.create_table(
        "meetings",
        _id(),
        _fk("body_id", "bodies.id"),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
    )
    op.create_table(
        "meeting_attendees",
        _id(),
        _fk("meeting_id", "meetings.id", "CASCADE"),
        _fk("member_id", "members.id"),
        sa.Column("present", sa.Boolean(), nullable=False),
        _fk("proxy_holder_id", "members.id", nullable=True),
        sa.UniqueConstraint("meeting_id", "member_id", name="uq_meeting_attendees_meeting_id_member_id"),
    )
    op.create_table(
        "meeting_decisions",
        _id(),
        _fk("meeting_id", "meetings.id", "CASCADE"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("votes_for", sa.Integer(), nullable=False),
        sa.Column("votes_against", sa.Integer(), nullable=False),
        sa.Column("abstentions", sa.Integer(), nullable=False),
        sa.Column("adopted", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "documents",
        _id(),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
    )
    op.create_table(
        "document_versions",
        _id(),
        _fk("document_id", "documents.id", "CASCADE"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("document_id", "number", name="uq_document_versions_document_id_number"),
    )
    op.create_table(
        "complaints",
        _id(),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("territory_code", sa.String(40), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
    )
    op.create_table(
        "data_protection_settings",
        _id(),
        sa.Column("retention_months", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "data_protection_settings", "complaints", "document_versions", "documents", "meeting_decisions",
        "meeting_attendees", "meetings", "body_seats", "body_colleges", "bodies", "member_dues", "members",
        "user_roles", "users",
    ):
        op.drop_table(table)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    elif op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("chain")
