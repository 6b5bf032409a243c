"""Initial schema: settings, territories, templates, demand, persons, availability, PDSA,
rosters, assignments, attendance, rates.

Frozen on purpose: migrations never import the app's models or enums, so that they keep
describing the schema as it was when they were written. Enums are VARCHAR(32) holding
the enum values; decimals are exact text; instants are naive UTC.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _enum(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(32), nullable=nullable)


def _fk(column: str, target: str, ondelete: str, nullable: bool = False) -> sa.Column:
    return sa.Column(column, sa.Integer(), sa.ForeignKey(target, ondelete=ondelete), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "association_settings",
        _id(),
        sa.Column("name", sa.String(200), nullable=False),
        _enum("zone"),
        sa.Column("department", sa.String(10), nullable=False),
        _enum("availability_policy"),
        sa.Column("rest_after_pdsa_night", sa.Boolean(), nullable=False),
        sa.Column("rest_after_pdsa_hours", sa.Integer(), nullable=False),
        sa.Column("remote_min_on_site_share", sa.Float(), nullable=False),
        _enum("handover_policy"),
        sa.Column("max_regulator_hours_per_day", sa.Integer(), nullable=False),
        sa.Column("osnp_max_hours_per_day", sa.Integer(), nullable=False),
        sa.Column("osnp_min_rest_hours", sa.Integer(), nullable=False),
        sa.Column("osnp_max_hours_per_week", sa.Integer(), nullable=False),
        sa.Column("retention_years", sa.Integer(), nullable=False),
    )
    op.create_table(
        "opening_hours",
        _id(),
        _fk("settings_id", "association_settings.id", "CASCADE"),
        _enum("role"),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("start", sa.Time(), nullable=False),
        sa.Column("end", sa.Time(), nullable=False),
        sa.UniqueConstraint("settings_id", "role", "weekday"),
    )
    op.create_table(
        "bridge_days",
        _id(),
        _fk("settings_id", "association_settings.id", "CASCADE"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("pdsa_from", sa.Time(), nullable=True),
        sa.Column("label", sa.String(100), nullable=False),
        sa.UniqueConstraint("settings_id", "day"),
    )
    op.create_table(
        "territories",
        _id(),
        sa.Column("code", sa.String(40), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("oncall_per_day", sa.Integer(), nullable=False),
        _enum("rota_source"),
    )
    op.create_table(
        "shift_templates",
        _id(),
        _enum("role"),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("start", sa.Time(), nullable=False),
        sa.Column("end", sa.Time(), nullable=False),
        sa.Column("weekdays", sa.String(20), nullable=False),
        sa.Column("skill", sa.String(80), nullable=True),
        sa.UniqueConstraint("role", "code"),
    )
    op.create_table(
        "demand_points",
        _id(),
        _enum("role"),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("hour", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.UniqueConstraint("role", "weekday", "hour"),
    )
    op.create_table(
        "demand_overrides",
        _id(),
        sa.Column("label", sa.String(200), nullable=False),
        _enum("role"),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
    )
    op.create_table(
        "demand_override_points",
        _id(),
        _fk("override_id", "demand_overrides.id", "CASCADE"),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("hour", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.UniqueConstraint("override_id", "weekday", "hour"),
    )
    op.create_table(
        "persons",
        _id(),
        sa.Column("last_name", sa.String(120), nullable=False),
        sa.Column("first_name", sa.String(120), nullable=False),
        _enum("status"),
        sa.Column("rpps", sa.String(11), nullable=True, unique=True),
        _enum("sector", nullable=True),
        sa.Column("phone", sa.String(40), nullable=True),
        sa.Column("email", sa.String(200), nullable=True),
        _fk("territory_id", "territories.id", "RESTRICT", nullable=True),
        sa.Column("remote_granted_on", sa.Date(), nullable=True),
        sa.Column("remote_place", sa.String(200), nullable=True),
        sa.Column("monthly_max_shifts", sa.Integer(), nullable=True),
        sa.Column("monthly_max_hours", sa.Integer(), nullable=True),
        sa.Column("quota_yearly_hours", sa.Integer(), nullable=True),
        sa.Column("quota_monthly_hours", sa.Integer(), nullable=True),
        sa.Column("quota_eligible_until", sa.Date(), nullable=True),
        sa.Column("consent_contact", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("active_from", sa.Date(), nullable=True),
        sa.Column("active_until", sa.Date(), nullable=True),
        sa.Column("pseudonymised", sa.Boolean(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
    )
    op.create_table(
        "person_roles",
        sa.Column(
            "person_id", sa.Integer(), sa.ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("role", sa.String(32), primary_key=True),
    )
    op.create_table(
        "person_skills",
        sa.Column(
            "person_id", sa.Integer(), sa.ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("skill", sa.String(80), primary_key=True),
    )
    op.create_table(
        "person_trainings",
        _id(),
        _fk("person_id", "persons.id", "CASCADE"),
        sa.Column("kind", sa.String(80), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
    )
    op.create_table(
        "person_contracts",
        _id(),
        _fk("person_id", "persons.id", "CASCADE"),
        _enum("kind"),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("employer", sa.String(200), nullable=True),
        sa.Column("weekly_hours", sa.Float(), nullable=True),
    )
    op.create_table(
        "availability_entries",
        _id(),
        _fk("person_id", "persons.id", "RESTRICT"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start", sa.Time(), nullable=False),
        sa.Column("end", sa.Time(), nullable=False),
        _enum("kind"),
    )
    op.create_table(
        "pdsa_duties",
        _id(),
        _fk("person_id", "persons.id", "RESTRICT"),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("end", sa.DateTime(), nullable=False),
        _enum("kind"),
        sa.Column("sector", sa.String(80), nullable=True),
    )
    op.create_table(
        "rosters",
        _id(),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        _enum("status"),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("year", "month"),
    )
    op.create_table(
        "assignments",
        _id(),
        _fk("roster_id", "rosters.id", "RESTRICT"),
        _fk("person_id", "persons.id", "RESTRICT"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("template_code", sa.String(40), nullable=False),
        _enum("role"),
        sa.Column("start", sa.Time(), nullable=False),
        sa.Column("end", sa.Time(), nullable=False),
        _enum("presence"),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        _fk("territory_id", "territories.id", "RESTRICT", nullable=True),
        sa.Column("fixed_by_cpts", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "attendance_lines",
        _id(),
        sa.Column(
            "assignment_id",
            sa.Integer(),
            sa.ForeignKey("assignments.id", ondelete="RESTRICT"),
            nullable=False,
            unique=True,
        ),
        _enum("status"),
        _fk("replaced_by", "persons.id", "RESTRICT", nullable=True),
        sa.Column("actual_start", sa.Time(), nullable=True),
        sa.Column("actual_end", sa.Time(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
    )
    op.create_table(
        "dated_rates",
        _id(),
        _enum("kind"),
        sa.Column("value", sa.String(40), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("note", sa.String(200), nullable=False),
        sa.UniqueConstraint("kind", "valid_from"),
    )
    op.create_table(
        "indicator9_tiers",
        _id(),
        sa.Column("min_acts", sa.Integer(), nullable=False),
        sa.Column("max_acts", sa.Integer(), nullable=True),
        sa.Column("amount", sa.String(40), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.UniqueConstraint("valid_from", "min_acts"),
    )


TABLES_IN_CREATION_ORDER = (
    "association_settings",
    "opening_hours",
    "bridge_days",
    "territories",
    "shift_templates",
    "demand_points",
    "demand_overrides",
    "demand_override_points",
    "persons",
    "person_roles",
    "person_skills",
    "person_trainings",
    "person_contracts",
    "availability_entries",
    "pdsa_duties",
    "rosters",
    "assignments",
    "attendance_lines",
    "dated_rates",
    "indicator9_tiers",
)


def downgrade() -> None:
    for table in reversed(TABLES_IN_CREATION_ORDER):
        op.drop_table(table)
