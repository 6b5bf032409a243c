"""Availability asked "à distance" (remote regulation wished by an authorised regulator).

Revision ID: 0010_remote_availability
Revises: 0006_attendance_and_claims
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_remote_availability"
down_revision: str | None = "0007_governance"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("availability_entries") as batch:
        batch.add_column(sa.Column("remote", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("availability_entries") as batch:
        batch.drop_column("remote")
