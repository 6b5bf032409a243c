"""Attendance keyed by month and published shift uid; attendance confirmations, numbered
statements, indemnity entries, SNP counts, indicator 8, budget lines.

The old `attendance_lines` (one per assignment id) is rebuilt: each line keeps a copy of
its shift as published (person, day, times) and refers to the shift by its uid.

Revision ID: 0006_attendance_and_claims
Revises: 0005_onboarding
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_attendance_and_claims"
down_revision: str | None = "0005_onboarding"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(column: str, target: str, nullable: bool = False) -> sa.Column:
    return sa.Column(column, sa.Integer(), sa.ForeignKey(target, ondelete="RESTRICT"), nullable=nullable)


def _new_attendance(name: str) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("shift_uid", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("person_id", "persons.id"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("template_code", sa.String(40), nullable=False),
        sa.Column("start", sa.Time(), nullable=False),
        sa.Column("end", sa.Time(), nullable=False),
        sa.Column("presence", sa.String(32), nullable=False),
        sa.Column("territory", sa.String(40), nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
        _fk("replaced_by", "persons.id", nullable=True),
        sa.Column("replacement_name", sa.String(120), nullable=False),
        sa.Column("actual_start", sa.Time(), nullable=True),
        sa.Column("actual_end", sa.Time(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.UniqueConstraint("year", "month", "shift_uid", name="uq_attendance_lines_year_month_shift_uid"),
    )


def upgrade() -> None:
    conn = op.get_bind()
    has_uid = "uid" in {c["name"] for c in sa.inspect(conn).get_columns("assignments")}
    uid = "a.uid" if has_uid else "'assignment-' || a.id"
    _new_attendance("attendance_lines_new")
    conn.execute(sa.text(
        "INSERT INTO attendance_lines_new (year, month, shift_uid, version, person_id, day, role, template_code,"
        " start, \"end\", presence, territory, status, replaced_by, replacement_name, actual_start, actual_end, note)"
        f" SELECT r.year, r.month, {uid}, r.version, a.person_id, a.day, a.role, a.template_code, a.start, a.\"end\","
        " a.presence, t.code, l.status, l.replaced_by, '', l.actual_start, l.actual_end, l.note"
        " FROM attendance_lines l JOIN assignments a ON a.id = l.assignment_id JOIN rosters r ON r.id = a.roster_id"
        " LEFT JOIN territories t ON t.id = a.territory_id"))
    op.drop_table("attendance_lines")
    op.rename_table("attendance_lines_new", "attendance_lines")
    op.create_index("ix_attendance_lines_day", "attendance_lines", ["day"])
    op.create_table(
        "attendance_confirmations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=False),
        sa.Column("confirmed_by", sa.String(120), nullable=False),
        sa.UniqueConstraint("year", "month", name="uq_attendance_confirmations_year_month"),
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.String(24), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        _fk("person_id", "persons.id"),
        sa.Column("payer", sa.String(32), nullable=False),
        sa.Column("payer_name", sa.String(200), nullable=False),
        sa.Column("total", sa.String(40), nullable=False),
        sa.Column("total_minutes", sa.Integer(), nullable=False),
        sa.Column("header", sa.JSON(), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        _fk("corrects_id", "statements.id", nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(120), nullable=False),
        sa.UniqueConstraint("number", name="uq_statements_number"),
    )
    op.create_index("ix_statements_person_period", "statements", ["person_id", "period"])
    op.create_table(
        "indemnity_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("person_id", "persons.id"),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
    )
    op.create_index("ix_indemnity_entries_person_day", "indemnity_entries", ["person_id", "day"])
    op.create_table(
        "snp_counts",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("person_id", "persons.id"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=True),
        sa.Column("acts", sa.Integer(), nullable=False),
        sa.Column("majorations", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(80), nullable=False),
        sa.UniqueConstraint("person_id", "year", "month", "week_start", name="uq_snp_counts_person_id_year_month_week_start"),
    )
    op.create_table(
        "indicator8_status",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("person_id", "persons.id"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("validated", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(80), nullable=False),
        sa.UniqueConstraint("person_id", "year", name="uq_indicator8_status_person_id_year"),
    )
    op.create_table(
        "budget_lines",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("planned", sa.String(40), nullable=False),
        sa.Column("copil_date", sa.Date(), nullable=True),
        sa.Column("copil_decision", sa.Text(), nullable=False),
        sa.UniqueConstraint("year", "source", name="uq_budget_lines_year_source"),
    )


def downgrade() -> None:
    for table in ("budget_lines", "indicator8_status", "snp_counts"):
        op.drop_table(table)
    op.drop_index("ix_indemnity_entries_person_day", table_name="indemnity_entries")
    op.drop_table("indemnity_entries")
    op.drop_index("ix_statements_person_period", table_name="statements")
    op.drop_table("statements")
    op.drop_table("attendance_confirmations")
    # Lines whose shift has no assignment any more cannot go back: they are dropped.
    op.drop_index("ix_attendance_lines_day", table_name="attendance_lines")
    op.rename_table("attendance_lines", "attendance_lines_new")
    op.create_table(
        "attendance_lines",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("assignment_id", sa.Integer(), sa.ForeignKey("assignments.id", ondelete="RESTRICT"),
                  nullable=False, unique=True),
        sa.Column("status", sa.String(32), nullable=False),
        _fk("replaced_by", "persons.id", nullable=True),
        sa.Column("actual_start", sa.Time(), nullable=True),
        sa.Column("actual_end", sa.Time(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
    )
    conn = op.get_bind()
    has_uid = "uid" in {c["name"] for c in sa.inspect(conn).get_columns("assignments")}
    uid = "a.uid" if has_uid else "'assignment-' || a.id"
    conn.execute(sa.text(
        "INSERT INTO attendance_lines (assignment_id, status, replaced_by, actual_start, actual_end, note)"
        " SELECT a.id, l.status, l.replaced_by, l.actual_start, l.actual_end, l.note"
        f" FROM attendance_lines_new l JOIN assignments a ON {uid} = l.shift_uid"))
    op.drop_table("attendance_lines_new")
