"""Call activity imported from the platform's software, as aggregates (no patient data)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base


class ActivityRow(Base):
    """One imported line: a period's counters for a territory, or one weekday-hour's calls.

    The territory is kept as the code typed in the file (checked against the territories at
    import), not a foreign key: a territory removed later must not erase past activity."""

    __tablename__ = "activity_aggregates"
    __table_args__ = (Index("ix_activity_aggregates_period", "start", "end"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    territory: Mapped[str | None] = mapped_column(String(40))
    weekday: Mapped[int | None] = mapped_column(Integer)
    hour: Mapped[int | None] = mapped_column(Integer)
    calls_received: Mapped[int | None] = mapped_column(Integer)
    calls_answered: Mapped[int | None] = mapped_column(Integer)
    liberal_regulation: Mapped[int | None] = mapped_column(Integer)
    advice_only: Mapped[int | None] = mapped_column(Integer)
    appointments: Mapped[int | None] = mapped_column(Integer)
    no_shows: Mapped[int | None] = mapped_column(Integer)
    followups_72h: Mapped[int | None] = mapped_column(Integer)
    redirections: Mapped[int | None] = mapped_column(Integer)
