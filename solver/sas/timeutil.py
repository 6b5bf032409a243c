"""Dates and wall-clock times as the SAS problem file writes them.

Dates are ISO strings (``"2027-03-01"``) inside the problem; callers may pass
``datetime.date`` objects. Times of day are minutes from midnight inside the problem
(``end`` may be 1440 = midnight); callers and files may use ``"HH:MM"`` strings.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

DAY = 24 * 60
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# The usual French abbreviations (Imprimerie nationale): "déce" or "nove" read as typos.
MONTHS_SHORT_FR = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                   "oct.", "nov.", "déc.")
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")


def to_minutes(value: int | str | time) -> int:
    """``"08:30"``, ``time(8, 30)`` or ``510`` → 510. ``"24:00"`` is midnight at the end."""
    if isinstance(value, bool):
        raise ValueError(f"Heure invalide : {value!r}")
    if isinstance(value, int):
        minutes = value
    elif isinstance(value, time):
        minutes = value.hour * 60 + value.minute
    elif isinstance(value, str):
        try:
            hh, _, mm = value.strip().partition(":")
            minutes = int(hh) * 60 + int(mm or 0)
        except ValueError:
            raise ValueError(f"Heure invalide : « {value} » (attendu HH:MM)") from None
    else:
        raise ValueError(f"Heure invalide : {value!r}")
    if not 0 <= minutes <= 2 * DAY:
        raise ValueError(f"Heure hors de la journée : {value!r}")
    return minutes


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def hfr(minutes: int) -> str:
    """French short form: 480 → ``8h``, 510 → ``8h30``."""
    h, m = divmod(minutes, 60)
    return f"{h}h{m:02d}" if m else f"{h}h"


def range_fr(start: int, end: int) -> str:
    return f"{hfr(start)}–{hfr(end)}"


def duration_fr(minutes: int) -> str:
    h, m = divmod(abs(minutes), 60)
    sign = "-" if minutes < 0 else ""
    return f"{sign}{h} h {m:02d}" if m else f"{sign}{h} h"


def to_iso_date(value: str | date) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ValueError(f"Date invalide : « {value} » (attendu AAAA-MM-JJ)") from None


def to_iso_datetime(value: str | datetime) -> str:
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0).isoformat(timespec="minutes")
    try:
        return datetime.fromisoformat(str(value).strip()).isoformat(timespec="minutes")
    except ValueError:
        raise ValueError(f"Date et heure invalides : « {value} » (attendu AAAA-MM-JJTHH:MM)") from None


def parse_date(iso: str) -> date:
    return date.fromisoformat(iso)


def date_fr(iso: str) -> str:
    """``"2027-03-01"`` → ``"lundi 1 mars 2027"``."""
    d = date.fromisoformat(iso)
    return f"{WEEKDAYS_FR[d.weekday()]} {d.day} {MONTHS_FR[d.month - 1]} {d.year}"


def short_date_fr(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{WEEKDAYS_FR[d.weekday()][:3]}. {d.day} {MONTHS_SHORT_FR[d.month - 1]}"


def abs_minutes(origin: date, iso_datetime: str) -> int:
    """Minutes from ``origin`` midnight to a local wall-clock datetime (no DST shift:
    rest and overlap are counted on the wall clock, as rosters are)."""
    dt = datetime.fromisoformat(iso_datetime)
    delta = dt - datetime.combine(origin, time())
    return int(delta.total_seconds() // 60)


def day_offset(origin: date, iso: str) -> int:
    return (date.fromisoformat(iso) - origin).days


def add_days(origin: date, n: int) -> date:
    return origin + timedelta(days=n)
