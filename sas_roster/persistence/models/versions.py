"""Published versions of a month (immutable snapshots) and the changes made to a month
after its publication (withdrawals, amendment steps)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...domain.enums import Presence, Role
from ..base import Base, UtcDateTime, enum_type
from .settings import TerritoryRow


class RosterVersionRow(Base):
    """One published version of a month. Never updated nor deleted once written."""

    __tablename__ = "roster_versions"
    __table_args__ = (UniqueConstraint("roster_id", "number", name="uq_roster_versions_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    roster_id: Mapped[int] = mapped_column(ForeignKey("rosters.id", ondelete="RESTRICT"))
    number: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime] = mapped_column(UtcDateTime)
    published_by: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(Text)

    shifts: Mapped[list[VersionShiftRow]] = relationship(
        order_by="(VersionShiftRow.day, VersionShiftRow.start, VersionShiftRow.id)"
    )


class VersionShiftRow(Base):
    """A shift as published in one version, with its own times (settings may change later)."""

    __tablename__ = "version_shifts"
    __table_args__ = (
        Index("ix_version_shifts_version", "version_id"),
        Index("ix_version_shifts_uid", "uid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("roster_versions.id", ondelete="RESTRICT"))
    uid: Mapped[str] = mapped_column(String(36))
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

    territory: Mapped[TerritoryRow | None] = relationship(lazy="joined")


class RosterChangeRow(Base):
    """A change made to a month by hand (withdrawal, assignment, removal, move, pin), with
    its reason. Withdrawals keep the person off the slot in every later re-solve."""

    __tablename__ = "roster_changes"
    __table_args__ = (Index("ix_roster_changes_roster", "roster_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    roster_id: Mapped[int] = mapped_column(ForeignKey("rosters.id", ondelete="RESTRICT"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(20))  # withdraw, assign, unassign, move, pin, unpin
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    day: Mapped[date] = mapped_column(Date)
    template_code: Mapped[str | None] = mapped_column(String(40))  # None: the whole day
    reason: Mapped[str] = mapped_column(Text)
    # The version this change went into (None while the amendment is not published).
    version_id: Mapped[int | None] = mapped_column(ForeignKey("roster_versions.id", ondelete="RESTRICT"))
