"""Hours worked before the first month kept in the app (entered once, at onboarding)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.enums import Role
from ..base import Base, enum_type


class WorkedHoursRow(Base):
    """Minutes a person worked in one role and month before the app kept his rosters."""

    __tablename__ = "worked_hours_history"
    __table_args__ = (
        UniqueConstraint("person_id", "role", "year", "month"),
        Index("ix_worked_hours_history_year", "year", "month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="RESTRICT"))
    role: Mapped[Role] = mapped_column(enum_type(Role))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    minutes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(200), default="")
