"""Published versions of a month (immutable snapshots with their own shift times), stable
shift identifiers (UUID) on assignments, and the log of changes made by hand (withdrawals
kept across re-solves, amendment steps with their reasons).

A month already published before this revision gets its version snapshot from its
assignments as they are.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assignments") as batch:
        batch.add_column(sa.Column("uid", sa.String(36), nullable=True))
    conn = op.get_bind()
    ids = [r[0] for r in conn.execute(sa.text("SELECT id FROM assignments"))]
    if ids:
        conn.execute(sa.text("UPDATE assignments SET uid = :uid WHERE id = :id"),
                     [{"uid": str(uuid.uuid4()), "id": i} for i in ids])
    with op.batch_alter_table("assignments") as batch:
        batch.alter_column("uid", existing_type=sa.String(36), nullable=False)
        batch.create_index("ix_assignments_uid", ["uid"])

    op.create_table(
        "roster_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("roster_id", sa.Integer, sa.ForeignKey("rosters.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("published_by", sa.String(120), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.UniqueConstraint("roster_id", "number", name="uq_roster_versions_number"),
    )
    op.create_table(
        "version_shifts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("roster_versions.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("persons.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("template_code", sa.String(40), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("start", sa.Time, nullable=False),
        sa.Column("end", sa.Time, nullable=False),
        sa.Column("presence", sa.String(32), nullable=False),
        sa.Column("pinned", sa.Boolean, nullable=False),
        sa.Column("territory_id", sa.Integer, sa.ForeignKey("territories.id", ondelete="RESTRICT"), nullable=True),
        sa.Column("fixed_by_cpts", sa.Boolean, nullable=False),
    )
    op.create_index("ix_version_shifts_version", "version_shifts", ["version_id"])
    op.create_index("ix_version_shifts_uid", "version_shifts", ["uid"])
    op.create_table(
        "roster_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("roster_id", sa.Integer, sa.ForeignKey("rosters.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("persons.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("template_code", sa.String(40), nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("roster_versions.id", ondelete="RESTRICT"), nullable=True),
    )
    op.create_index("ix_roster_changes_roster", "roster_changes", ["roster_id"])

    # Months published before versions existed: their assignments become version n's snapshot.
    published = conn.execute(sa.text(
        "SELECT id, version, published_at FROM rosters WHERE status = 'published'")).fetchall()
    for roster_id, number, published_at in published:
        conn.execute(sa.text(
            "INSERT INTO roster_versions (roster_id, number, published_at, published_by, reason) "
            "VALUES (:r, :n, :at, :by, '')"),
            {"r": roster_id, "n": max(1, number or 1), "at": published_at, "by": "(avant les versions)"})
        version_id = conn.execute(sa.text(
            "SELECT id FROM roster_versions WHERE roster_id = :r"), {"r": roster_id}).scalar_one()
        conn.execute(sa.text(
            "INSERT INTO version_shifts (version_id, uid, person_id, day, template_code, role, start, "
            '"end", presence, pinned, territory_id, fixed_by_cpts) '
            "SELECT :v, uid, person_id, day, template_code, role, start, \"end\", presence, pinned, "
            "territory_id, fixed_by_cpts FROM assignments WHERE roster_id = :r"),
            {"v": version_id, "r": roster_id})


def downgrade() -> None:
    op.drop_index("ix_roster_changes_roster", table_name="roster_changes")
    op.drop_table("roster_changes")
    op.drop_index("ix_version_shifts_uid", table_name="version_shifts")
    op.drop_index("ix_version_shifts_version", table_name="version_shifts")
    op.drop_table("version_shifts")
    op.drop_table("roster_versions")
    with op.batch_alter_table("assignments") as batch:
        batch.drop_index("ix_assignments_uid")
        batch.drop_column("uid")
