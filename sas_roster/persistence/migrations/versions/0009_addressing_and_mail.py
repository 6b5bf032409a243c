"""Charte d'adressage per territory, the platform's contacts and SMTP server, the e-mail log.

Revision ID: 0009_addressing_and_mail
Revises: 0008_activity
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_addressing_and_mail"
down_revision: str | None = "0008_activity"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "addressing_levels",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("territory_id", sa.Integer(), sa.ForeignKey("territories.id", ondelete="CASCADE"), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("note", sa.String(400), nullable=False),
        sa.UniqueConstraint("territory_id", "rank"),
    )
    op.create_index("ix_addressing_levels_territory_id", "addressing_levels", ["territory_id"])
    op.create_table(
        "mail_settings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("address", sa.String(400), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("smtp_host", sa.String(200), nullable=False),
        sa.Column("smtp_port", sa.Integer(), nullable=False),
        sa.Column("smtp_security", sa.String(32), nullable=False),
        sa.Column("smtp_user", sa.String(200), nullable=False),
        sa.Column("sender", sa.String(200), nullable=False),
        sa.Column("sender_name", sa.String(200), nullable=False),
    )
    op.create_table(
        "mail_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_mail_log_person_id", "mail_log", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_mail_log_person_id", table_name="mail_log")
    op.drop_table("mail_log")
    op.drop_table("mail_settings")
    op.drop_index("ix_addressing_levels_territory_id", table_name="addressing_levels")
    op.drop_table("addressing_levels")
