"""Call activity imported as aggregates (per period, territory, weekday-hour).

Revision ID: 0008_activity
Revises: 0006_attendance_and_claims
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_activity"
down_revision: str | None = "0006_attendance_and_claims"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTERS = ("calls_received", "calls_answered", "liberal_regulation", "advice_only", "appointments",
            "no_shows", "followups_72h", "redirections")


def upgrade() -> None:
    op.create_table(
        "activity_aggregates",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("territory", sa.String(40), nullable=True),
        sa.Column("weekday", sa.Integer(), nullable=True),
        sa.Column("hour", sa.Integer(), nullable=True),
        *[sa.Column(name, sa.Integer(), nullable=True) for name in COUNTERS],
    )
    op.create_index("ix_activity_aggregates_period", "activity_aggregates", ["start", "end"])


def downgrade() -> None:
    op.drop_index("ix_activity_aggregates_period", table_name="activity_aggregates")
    op.drop_table("activity_aggregates")
