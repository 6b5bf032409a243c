"""French formatting of the attendance and claims documents (Babel)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal

LOCALE = "fr_FR"


def money(amount: Decimal) -> str:
    return format_currency(amount, "EUR", locale=LOCALE)


def rate(amount: Decimal) -> str:
    return f"{money(amount)}/h"


def day(d: date) -> str:
    return format_date(d, "EEE dd/MM/yyyy", locale=LOCALE)


def long_day(d: date) -> str:
    return format_date(d, "full", locale=LOCALE)


def hm(t: time | None) -> str:
    return "" if t is None else f"{t:%H:%M}"


def hours(minutes: int) -> str:
    """'3 h 30' style, exact (wall-clock minutes)."""
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d}" if m else f"{h} h"


def decimal_hours(minutes: int) -> str:
    return format_decimal(Decimal(minutes) / 60, format="#,##0.00", locale=LOCALE)


def month_title(year: int, month: int) -> str:
    return format_date(date(year, month, 1), "MMMM yyyy", locale=LOCALE).capitalize()


def instant(at: datetime, tz: str = "Europe/Paris") -> str:
    """An instant in the association's local time (stored instants are UTC)."""
    return format_datetime(at, "d MMM yyyy HH:mm", tzinfo=ZoneInfo(tz), locale=LOCALE)
