"""Attendance lines (keyed by month and published shift uid), the treasurer's monthly
certification, numbered statements, indemnity entries, SNP counts, indicator 8, budget."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.budget import FundingSource
from ...domain.claims import Payer, StatementKind
from ...domain.enums import AttendanceStatus, Presence, Role
from ..base import Base, DecimalText, UtcDateTime, enum_type


class AttendanceRow(Base):
    """What happened on one published shift, with a copy of the shift as published."""

    __tablename__ = "attendance_lines"
    __table_args__ = (
        UniqueConstraint("year", "month", "shift_uid"),
        Index("ix_attendance_lines_day", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    shift_uid: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    day: Mapped[date] = mapped_column(Date)
    role: Mapped[Role] = mapped_column(enum_type(Role))
    template_code: Mapped[str] = mapped_column(String(40))
    start: Mapped[time] = mapped_column(Time)
    end: Mapped[time] = mapped_column(Time)
    presence: Mapped[Presence] = mapped_column(enum_type(Presence))
    territory: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[AttendanceStatus] = mapped_column(enum_type(AttendanceStatus))
    replaced_by: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    replacement_name: Mapped[str] = mapped_column(String(120), default="")
    actual_start: Mapped[time | None] = mapped_column(Time)
    actual_end: Mapped[time | None] = mapped_column(Time)
    note: Mapped[str] = mapped_column(Text, default="")


class AttendanceConfirmationRow(Base):
    """The treasurer's certification of a month's attendance."""

    __tablename__ = "attendance_confirmations"
    __table_args__ = (UniqueConstraint("year", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    confirmed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    confirmed_by: Mapped[str] = mapped_column(String(120))


class StatementRow(Base):
    """A numbered, frozen statement: header as issued and its lines (JSON, exact amounts)."""

    __tablename__ = "statements"
    __table_args__ = (Index("ix_statements_person_period", "person_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True)
    kind: Mapped[StatementKind] = mapped_column(enum_type(StatementKind))
    period: Mapped[str] = mapped_column(String(10))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    payer: Mapped[Payer] = mapped_column(enum_type(Payer))
    payer_name: Mapped[str] = mapped_column(String(200))
    total: Mapped[Decimal] = mapped_column(DecimalText)
    total_minutes: Mapped[int] = mapped_column(Integer)
    header: Mapped[dict[str, Any]] = mapped_column(JSON)
    lines: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("statements.id", ondelete="RESTRICT"))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    issued_by: Mapped[str] = mapped_column(String(120))


class IndemnityRow(Base):
    """Training or coordination time the association pays (3C per hour, coordination rate)."""

    __tablename__ = "indemnity_entries"
    __table_args__ = (Index("ix_indemnity_entries_person_day", "person_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    kind: Mapped[StatementKind] = mapped_column(enum_type(StatementKind))
    day: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200), default="")


class SnpCountRow(Base):
    """SNP acts and 15 € majorations of one effector for one month (or one week of it):
    aggregates only, never patients."""

    __tablename__ = "snp_counts"
    __table_args__ = (UniqueConstraint("person_id", "year", "month", "week_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    week_start: Mapped[date | None] = mapped_column(Date)
    acts: Mapped[int] = mapped_column(Integer)
    majorations: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(80), default="")


class Indicator8Row(Base):
    __tablename__ = "indicator8_status"
    __table_args__ = (UniqueConstraint("person_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    year: Mapped[int] = mapped_column(Integer)
    validated: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(80), default="")


class BudgetLineRow(Base):
    __tablename__ = "budget_lines"
    __table_args__ = (UniqueConstraint("year", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    source: Mapped[FundingSource] = mapped_column(enum_type(FundingSource))
    planned: Mapped[Decimal] = mapped_column(DecimalText)
    copil_date: Mapped[date | None] = mapped_column(Date)
    copil_decision: Mapped[str] = mapped_column(Text, default="")
