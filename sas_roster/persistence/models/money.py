"""Dated rates and indicator-9 tiers: amounts are data with effective dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.enums import RateKind
from ..base import Base, DecimalText, enum_type


class RateRow(Base):
    __tablename__ = "dated_rates"
    __table_args__ = (UniqueConstraint("kind", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[RateKind] = mapped_column(enum_type(RateKind))
    value: Mapped[Decimal] = mapped_column(DecimalText)
    valid_from: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(200))


class Indicator9TierRow(Base):
    __tablename__ = "indicator9_tiers"
    __table_args__ = (UniqueConstraint("valid_from", "min_acts"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    min_acts: Mapped[int] = mapped_column(Integer)
    max_acts: Mapped[int | None] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(DecimalText)
    valid_from: Mapped[date] = mapped_column(Date)
