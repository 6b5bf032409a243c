"""The charte d'adressage: per territory, the ordered list of whom an OSNP sends a patient to.

The usual order is the patient's own doctor, then the territory's on-call effector, then a
maison de santé (MSP) or health centre, then SOS Médecins or an urgent-care unit. Each
association writes its own; the daily addressing sheet follows it, filling the on-call level
with the effectors of the published roster.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LevelKind(StrEnum):
    OWN_DOCTOR = "own_doctor"  # the patient's own GP (médecin traitant)
    ONCALL = "oncall"  # the territory's on-call effector(s) of the day, from the roster
    HEALTH_CENTRE = "health_centre"  # MSP, centre de santé
    SOS = "sos"  # SOS Médecins
    URGENT_CARE = "urgent_care"  # unité de soins non programmés, maison médicale de garde
    OTHER = "other"

    @property
    def label_fr(self) -> str:
        return LEVEL_LABELS[self][0]

    def label(self, lang: str) -> str:
        return LEVEL_LABELS[self][1 if lang == "en" else 0]


LEVEL_LABELS = {
    LevelKind.OWN_DOCTOR: ("Médecin traitant du patient", "Patient's own doctor"),
    LevelKind.ONCALL: ("Effecteur d'astreinte", "On-call effector"),
    LevelKind.HEALTH_CENTRE: ("Maison ou centre de santé", "Health centre"),
    LevelKind.SOS: ("SOS Médecins", "SOS Médecins"),
    LevelKind.URGENT_CARE: ("Soins non programmés / urgences", "Urgent-care unit"),
    LevelKind.OTHER: ("Autre recours", "Other"),
}


@dataclass(frozen=True)
class AddressingLevel:
    """One level of a territory's charter; `rank` 1 is tried first."""

    territory: str  # territory code
    rank: int
    kind: LevelKind
    label: str = ""  # e.g. "MSP des Tilleuls"; empty: the kind's own label
    phone: str = ""
    note: str = ""  # hours, conditions ("sur rendez-vous, 8h–19h")
    id: int | None = None


def default_charter(territory: str) -> list[AddressingLevel]:
    """The usual order, for a territory that has no charter of its own yet."""
    return [
        AddressingLevel(territory, 1, LevelKind.OWN_DOCTOR),
        AddressingLevel(territory, 2, LevelKind.ONCALL),
        AddressingLevel(territory, 3, LevelKind.HEALTH_CENTRE),
        AddressingLevel(territory, 4, LevelKind.SOS),
    ]
