"""Onboarding: default retiree quota and demo flag in the settings, territory kind, the doctor
a locum replaces, a wider département, and the hours worked before the app (history).

Revision ID: 0005_onboarding
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_onboarding"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("association_settings") as batch:
        batch.add_column(sa.Column("default_retiree_quota_hours", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("is_demo", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("territories") as batch:
        batch.add_column(sa.Column("kind", sa.String(32), nullable=False, server_default="cpts"))
    with op.batch_alter_table("person_contracts") as batch:
        batch.add_column(sa.Column("replaces", sa.String(200), nullable=True))
    op.create_table(
        "worked_hours_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name="fk_worked_hours_history_person_id_persons",
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name="pk_worked_hours_history"),
        sa.UniqueConstraint("person_id", "role", "year", "month",
                            name="uq_worked_hours_history_person_id_role_year_month"),
    )
    op.create_index("ix_worked_hours_history_year", "worked_hours_history", ["year", "month"])
    # A demo database made before this revision is recognised by its association's name.
    op.execute("UPDATE association_settings SET is_demo = true WHERE name LIKE '%(démo)%'")


def downgrade() -> None:
    op.drop_index("ix_worked_hours_history_year", table_name="worked_hours_history")
    op.drop_table("worked_hours_history")
    with op.batch_alter_table("person_contracts") as batch:
        batch.drop_column("replaces")
    with op.batch_alter_table("territories") as batch:
        batch.drop_column("kind")
    with op.batch_alter_table("association_settings") as batch:
        batch.drop_column("is_demo")
        batch.drop_column("default_retiree_quota_hours")
