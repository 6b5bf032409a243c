"""Enumerations of the domain. Values are stable identifiers stored in the database and files."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    REGULATOR = "regulator"
    EFFECTOR = "effector"
    OSNP = "osnp"

    @property
    def label_fr(self) -> str:
        return {"regulator": "régulateur", "effector": "effecteur", "osnp": "OSNP"}[self.value]


class PersonStatus(StrEnum):
    INSTALLED = "installed"  # installed liberal doctor
    RETIRED_CUMUL = "retired_cumul"  # cumul emploi-retraite
    RETIRED_AUTHORISED = "retired_authorised"  # fully retired, authorised to regulate
    LOCUM = "locum"  # remplaçant, only under contract
    SALARIED = "salaried"  # OSNP operator

    @property
    def label_fr(self) -> str:
        return STATUS_LABELS_FR[self]

    @property
    def is_retired(self) -> bool:
        return self in (PersonStatus.RETIRED_CUMUL, PersonStatus.RETIRED_AUTHORISED)


STATUS_LABELS_FR = {
    PersonStatus.INSTALLED: "libéral installé",
    PersonStatus.RETIRED_CUMUL: "retraité en cumul emploi-retraite",
    PersonStatus.RETIRED_AUTHORISED: "retraité autorisé",
    PersonStatus.LOCUM: "remplaçant sous contrat",
    PersonStatus.SALARIED: "salarié",
}


class Sector(StrEnum):
    S1 = "1"
    S2 = "2"
    OPTAM = "optam"


class AvailabilityKind(StrEnum):
    AVAILABLE = "available"
    PREFERRED = "preferred"
    IF_NEEDED = "if_needed"
    UNAVAILABLE = "unavailable"

    @property
    def label_fr(self) -> str:
        return {
            "available": "disponible",
            "preferred": "souhaité",
            "if_needed": "si besoin",
            "unavailable": "indisponible",
        }[self.value]


class AvailabilityPolicy(StrEnum):
    OPT_IN = "opt_in"  # desiderata: only declared availability can be rostered
    OPT_OUT = "opt_out"  # everyone is available except declared unavailability


class HandoverPolicy(StrEnum):
    PREFER = "prefer"  # prefer the same doctor chaining continuity into PDSA
    ALLOW = "allow"
    FORBID = "forbid"


class HolidayZone(StrEnum):
    METROPOLE = "metropole"
    ALSACE_MOSELLE = "alsace-moselle"
    GUADELOUPE = "971"
    MARTINIQUE = "972"
    GUYANE = "973"
    REUNION = "974"
    MAYOTTE = "976"

    @property
    def holidays_subdivision(self) -> str | None:
        """Subdivision code of the `holidays` package for this zone."""
        if self is HolidayZone.METROPOLE:
            return None
        if self is HolidayZone.ALSACE_MOSELLE:
            return "57"
        return self.value


class DutyKind(StrEnum):
    REGULATION = "regulation"
    EFFECTION = "effection"


class RosterStatus(StrEnum):
    DRAFT = "draft"
    VALIDATED = "validated"
    PUBLISHED = "published"


class Presence(StrEnum):
    ON_SITE = "on_site"
    REMOTE = "remote"


class AttendanceStatus(StrEnum):
    PLANNED = "planned"  # not yet recorded
    PRESENT = "present"
    ABSENT = "absent"
    REPLACED = "replaced"
    PARTIAL = "partial"


class ContractKind(StrEnum):
    LOCUM = "locum"  # a locum regulating under contract; names the doctor he replaces
    OSNP = "osnp"  # an operator's employment contract
    # A fully retired doctor's occasional public-service contract with a hospital, which
    # pays him (`employer` is the paying hospital).
    HOSPITAL = "hospital"

    @property
    def label_fr(self) -> str:
        return {
            "locum": "contrat de remplacement",
            "osnp": "contrat OSNP",
            "hospital": "contrat hospitalier (retraité)",
        }[self.value]


class TerritoryKind(StrEnum):
    """What organises a territory's on-call effectors."""

    CPTS = "cpts"
    PDSA_SECTOR = "pdsa_sector"  # secteur de PDSA
    URGENT_CARE = "urgent_care"  # unité / centre de soins non programmés
    EMERGENCY_DOCTORS = "emergency_doctors"  # association de médecins d'urgence (type SOS Médecins)

    @property
    def label_fr(self) -> str:
        return {
            "cpts": "CPTS",
            "pdsa_sector": "secteur PDSA",
            "urgent_care": "unité de soins non programmés",
            "emergency_doctors": "association de médecins d'urgence",
        }[self.value]


class RateKind(StrEnum):
    REGULATION_HOURLY = "regulation_hourly"
    CONSULTATION_C = "consultation_c"  # value of the C (G) consultation, base of 3C training
    TRAINING_HOURLY_C_MULTIPLE = "training_c_multiple"  # how many C per training hour (3)
    COORDINATION_HOURLY = "coordination_hourly"
    SNP_MAJORATION = "snp_majoration"
