"""Availability, PDSA duties, monthly rosters, their assignments and attendance."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...domain.enums import AvailabilityKind, DutyKind, Presence, Role, RosterStatus
from ..base import Base, UtcDateTime, enum_type
from .settings import TerritoryRow


class AvailabilityRow(Base):
    __tablename__ = "availability_entries"
    __table_args__ = (
        Index("ix_availability_entries_person_day", "person_id", "day"),
        # The same entry twice is never meant: a race between two imports (migration 0004).
        Index("uq_availability_entries_slot", "person_id", "day", "start", "end", "kind", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # RESTRICT: what people declared is kept as long as they are (they are never deleted once used).
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    day: Mapped[date] = mapped_column(Date)
    start: Mapped[time] = mapped_column(Time)
    end: Mapped[time] = mapped_column(Time)
    kind: Mapped[AvailabilityKind] = mapped_column(enum_type(AvailabilityKind))


class PdsaDutyRow(Base):
    """A PDSA duty imported from the PDSA rota; naive local wall times (Europe/Paris)."""

    __tablename__ = "pdsa_duties"
    __table_args__ = (
        Index("ix_pdsa_duties_person_start", "person_id", "start"),
        Index("uq_pdsa_duties_person_start", "person_id", "start", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    start: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    end: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    kind: Mapped[DutyKind] = mapped_column(enum_type(DutyKind))
    sector: Mapped[str | None] = mapped_column(String(80))


class RosterRow(Base):
    __tablename__ = "rosters"
    __table_args__ = (UniqueConstraint("year", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    status: Mapped[RosterStatus] = mapped_column(enum_type(RosterStatus))
    version: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    assignments: Mapped[list[AssignmentRow]] = relationship(
        back_populates="roster", order_by="(AssignmentRow.day, AssignmentRow.start, AssignmentRow.id)"
    )


class AssignmentRow(Base):
    __tablename__ = "assignments"
    __table_args__ = (
        Index("ix_assignments_roster_day", "roster_id", "day"),
        Index("ix_assignments_person_day", "person_id", "day"),
        Index("ix_assignments_uid", "uid"),
        Index("uq_assignments_shift", "roster_id", "person_id", "day", "start", "end", "template_code",
              unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    roster_id: Mapped[int] = mapped_column(ForeignKey("rosters.id", ondelete="RESTRICT"))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    day: Mapped[date] = mapped_column(Date)
    template_code: Mapped[str] = mapped_column(String(40))
    role: Mapped[Role] = mapped_column(enum_type(Role))
    start: Mapped[time] = mapped_column(Time)
    end: Mapped[time] = mapped_column(Time)
    presence: Mapped[Presence] = mapped_column(enum_type(Presence))
    pinned: Mapped[bool] = mapped_column(Boolean)
    territory_id: Mapped[int | None] = mapped_column(ForeignKey("territories.id", ondelete="RESTRICT"))
    fixed_by_cpts: Mapped[bool] = mapped_column(Boolean)
    # Stable identifier of the planned shift (UUID), kept across versions (see domain.versions).
    uid: Mapped[str] = mapped_column(String(36))

    roster: Mapped[RosterRow] = relationship(back_populates="assignments")
    territory: Mapped[TerritoryRow | None] = relationship(lazy="joined")
