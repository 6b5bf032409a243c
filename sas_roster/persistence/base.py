"""Declarative base and the column types shared by every table.

Choices that matter for both SQLite and PostgreSQL:
- constraint names follow a fixed convention, so Alembic batch migrations on SQLite (which
  rebuild tables) and PostgreSQL (which alters them) can drop and recreate them by name;
- enums are stored as their string values in plain VARCHAR columns (no native ENUM, no CHECK),
  so adding a value to a domain enum needs no migration;
- money and rates are stored as exact decimal text: SQLite has no decimal type and would
  silently round through floats;
- instants (publication, audit) are stored in UTC and come back aware in Europe/Paris.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime, Enum, MetaData, String
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

PARIS = ZoneInfo("Europe/Paris")

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def enum_type(enum_cls: type[StrEnum], length: int = 32) -> Enum:
    """A VARCHAR holding the enum's values ('regulator'), mapped to the Python enum."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        values_callable=lambda cls: [m.value for m in cls],
        length=length,
        validate_strings=True,
    )


class DecimalText(TypeDecorator[Decimal]):
    """An exact Decimal stored as its text ('90.00'), identical on SQLite and PostgreSQL."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"Decimal expected, got {type(value).__name__}")
        return str(value)

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


class UtcDateTime(TypeDecorator[datetime]):
    """An instant: stored as naive UTC, returned aware in Europe/Paris.

    Naive inputs are refused: an instant without a zone is ambiguous twice a year.
    """

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("aware datetime expected for an instant")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC).astimezone(PARIS)


def utc_now() -> datetime:
    return datetime.now(UTC)
