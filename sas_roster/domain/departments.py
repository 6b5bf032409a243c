"""Départements: which holiday zone and which local time zone follow from the code.

Alsace-Moselle (57, 67, 68) keeps Good Friday and 26 December; the overseas départements
(971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte) have their own
public holidays and their own local time. Everything else is metropolitan France.
"""

from __future__ import annotations

import re

from .enums import HolidayZone

_ALSACE_MOSELLE = frozenset({"57", "67", "68"})
_OVERSEAS = {
    "971": HolidayZone.GUADELOUPE,
    "972": HolidayZone.MARTINIQUE,
    "973": HolidayZone.GUYANE,
    "974": HolidayZone.REUNION,
    "976": HolidayZone.MAYOTTE,
}
_TIME_ZONES = {
    HolidayZone.GUADELOUPE: "America/Guadeloupe",
    HolidayZone.MARTINIQUE: "America/Martinique",
    HolidayZone.GUYANE: "America/Cayenne",
    HolidayZone.REUNION: "Indian/Reunion",
    HolidayZone.MAYOTTE: "Indian/Mayotte",
}
PARIS_ZONE = "Europe/Paris"

ZONE_LABELS_FR = {
    HolidayZone.METROPOLE: "métropole",
    HolidayZone.ALSACE_MOSELLE: "Alsace-Moselle",
    HolidayZone.GUADELOUPE: "Guadeloupe",
    HolidayZone.MARTINIQUE: "Martinique",
    HolidayZone.GUYANE: "Guyane",
    HolidayZone.REUNION: "La Réunion",
    HolidayZone.MAYOTTE: "Mayotte",
}

_METRO = re.compile(r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B)$")


def normalise_department(raw: str) -> str | None:
    """'1' → '01', '2a' → '2A', ' 971 ' → '971'; None when it is not a French département code
    (metropolitan 01–95 with 2A/2B for Corsica, or an overseas 971–976)."""
    code = raw.strip().upper()
    if code.isdigit() and len(code) == 1:
        code = "0" + code
    if _METRO.match(code) or code in _OVERSEAS:
        return code
    return None


def zone_for_department(raw: str) -> HolidayZone | None:
    """The holiday zone of a département code, None when `raw` is not a known code."""
    code = normalise_department(raw)
    if code is None:
        return None
    if code in _ALSACE_MOSELLE:
        return HolidayZone.ALSACE_MOSELLE
    return _OVERSEAS.get(code, HolidayZone.METROPOLE)


def time_zone_of(zone: HolidayZone) -> str:
    """The IANA time zone of the association's wall clock."""
    return _TIME_ZONES.get(zone, PARIS_ZONE)
