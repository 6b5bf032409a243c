"""French dates as the registers print them ("lundi 3 mai 2027", "1er mai 2027 à 14:05"),
without a locale lookup: the domain and the exports share them."""

from __future__ import annotations

from datetime import date, datetime

MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")
DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def date_fr(d: date) -> str:
    return f"{DAYS_FR[d.weekday()]} {d.day}{'er' if d.day == 1 else ''} {MONTHS_FR[d.month - 1]} {d.year}"


def instant_fr(at: datetime) -> str:
    return f"{date_fr(at.date())} à {at:%H:%M}"
