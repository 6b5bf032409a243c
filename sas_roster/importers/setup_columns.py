"""The settings file: one XLSX workbook, one sheet per part of the association's setup,
French headers. This module names the sheets and columns and how enumerated values are
written and read (every usual spelling, without accents or case)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sas_roster.domain.demand import RotaSource
from sas_roster.domain.enums import AvailabilityPolicy, HandoverPolicy, HolidayZone, RateKind, Role, TerritoryKind

from .parsing import _ROLE_ALIASES
from .values import CellError, fold, read_choice, text

SHEET_ASSOCIATION = "Association"
SHEET_HOURS = "Horaires"
SHEET_TERRITORIES = "Territoires"
SHEET_TEMPLATES = "Créneaux"
SHEET_DEMAND = "Besoins"
SHEET_BRIDGES = "Ponts"
SHEET_RATES = "Taux"
SHEET_TIERS = "Indicateur 9"
SHEET_HELP = "Aide"

PARAM, VALUE, EXPLAIN = "Paramètre", "Valeur", "Explication"
ROLE, DAY, START, END = "Rôle", "Jour", "Début", "Fin"
CODE, NAME, KIND, ONCALL, ROTA = "Code", "Nom", "Type", "Astreintes par jour", "Planning des astreintes"
LABEL, DAYS, SKILL = "Libellé", "Jours", "Compétence requise"
PERIOD, FROM, UNTIL, HOUR = "Période", "Du", "Au", "Heure"
DATE, PDSA_FROM, KEEP = "Date", "PDSA dès", "Retenu"
AMOUNT, VALID_FROM, NOTE = "Montant", "À partir du", "Note"
MIN_ACTS, MAX_ACTS = "Actes min", "Actes max"

WEEKDAY_SHORT = ("lun", "mar", "mer", "jeu", "ven", "sam", "dim")
WEEKDAY_LONG = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

COLUMNS: dict[str, tuple[str, ...]] = {
    SHEET_HOURS: (ROLE, DAY, START, END),
    SHEET_TERRITORIES: (CODE, NAME, KIND, ONCALL, ROTA),
    SHEET_TEMPLATES: (ROLE, CODE, LABEL, START, END, DAYS, SKILL),
    SHEET_DEMAND: (ROLE, PERIOD, FROM, UNTIL, HOUR, *WEEKDAY_SHORT),
    SHEET_BRIDGES: (DATE, PDSA_FROM, LABEL, KEEP),
    SHEET_RATES: (KIND, AMOUNT, VALID_FROM, NOTE),
    SHEET_TIERS: (VALID_FROM, MIN_ACTS, MAX_ACTS, AMOUNT),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    SHEET_HOURS: (ROLE, DAY, START, END),
    SHEET_TERRITORIES: (CODE, NAME),
    SHEET_TEMPLATES: (ROLE, CODE, START, END),
    SHEET_DEMAND: (ROLE, HOUR),
    SHEET_BRIDGES: (DATE,),
    SHEET_RATES: (KIND, AMOUNT, VALID_FROM),
    SHEET_TIERS: (VALID_FROM, MIN_ACTS, AMOUNT),
}

# --- the "Association" sheet: one parameter per row ------------------------------------------

P_NAME = "Nom de l'association"
P_DEPARTMENT = "Département"
P_ZONE = "Zone des jours fériés"
P_TIME_ZONE = "Fuseau horaire"
P_POLICY = "Disponibilités"
P_HANDOVER = "Relais continuité → PDSA"
P_REST = "Repos après une garde PDSA de nuit"
P_REST_HOURS = "Heures de repos après une garde PDSA de nuit"
P_ON_SITE = "Part minimale sur site des régulateurs à distance (%)"
P_QUOTA = "Quota annuel par défaut des retraités (h)"
P_REG_DAY = "Régulation : heures au plus par jour"
P_OSNP_DAY = "OSNP : heures au plus par jour"
P_OSNP_REST = "OSNP : repos minimal entre deux jours (h)"
P_OSNP_WEEK = "OSNP : heures au plus par semaine"
P_RETENTION = "Conservation des données personnelles (ans)"

PARAMETERS: tuple[tuple[str, str], ...] = (
    (P_NAME, "Obligatoire. Nom de l'association tel qu'il figure sur les plannings."),
    (P_DEPARTMENT, "Code du département (57, 974, 2A…). La zone des jours fériés et le fuseau horaire en "
                   "découlent : 57, 67, 68 → Alsace-Moselle ; 971 à 976 → leurs propres jours fériés et heure locale."),
    (P_ZONE, "Vide : déduite du département. Sinon : métropole, Alsace-Moselle, Guadeloupe, Martinique, Guyane, "
             "La Réunion ou Mayotte (doit concorder avec le département)."),
    (P_TIME_ZONE, "Information : heure locale de l'association, déduite de la zone (non modifiable ici)."),
    (P_POLICY, "désidérata (opt-in) : seules les disponibilités déclarées sont planifiées ; indisponibilités "
               "(opt-out) : tout le monde est disponible sauf indisponibilité déclarée."),
    (P_HANDOVER, "Même médecin de la continuité à la PDSA (relais de 20h ou de 12h) : préférer, autoriser ou interdire."),
    (P_REST, "oui / non : pas de continuité le lendemain matin d'une garde PDSA de nuit."),
    (P_REST_HOURS, "Heures de repos après la fin d'une garde de nuit (11 par défaut)."),
    (P_ON_SITE, "Part des heures mensuelles qu'un régulateur autorisé à distance fait sur site (20 par défaut)."),
    (P_QUOTA, "Quota d'heures de régulation par an d'un retraité dont la fiche n'en indique pas ; vide : aucun."),
    (P_REG_DAY, "Heures de régulation au plus par jour et par médecin (12 par défaut)."),
    (P_OSNP_DAY, "Code du travail : 10 h au plus par jour."),
    (P_OSNP_REST, "Code du travail : 11 h de repos au moins entre deux journées."),
    (P_OSNP_WEEK, "Code du travail : 48 h au plus par semaine."),
    (P_RETENTION, "Durée après laquelle les données personnelles d'une personne partie sont effacées."),
)

# --- enumerated values: written label, and every spelling read --------------------------------

ROLE_LABELS = {Role.REGULATOR: "régulateur", Role.EFFECTOR: "effecteur", Role.OSNP: "OSNP"}
ZONE_LABELS = {
    HolidayZone.METROPOLE: "métropole", HolidayZone.ALSACE_MOSELLE: "Alsace-Moselle",
    HolidayZone.GUADELOUPE: "Guadeloupe", HolidayZone.MARTINIQUE: "Martinique", HolidayZone.GUYANE: "Guyane",
    HolidayZone.REUNION: "La Réunion", HolidayZone.MAYOTTE: "Mayotte",
}
POLICY_LABELS = {AvailabilityPolicy.OPT_IN: "désidérata (opt-in)",
                 AvailabilityPolicy.OPT_OUT: "indisponibilités (opt-out)"}
HANDOVER_LABELS = {HandoverPolicy.PREFER: "préférer", HandoverPolicy.ALLOW: "autoriser",
                   HandoverPolicy.FORBID: "interdire"}
TERRITORY_KIND_LABELS = {
    TerritoryKind.CPTS: "CPTS", TerritoryKind.PDSA_SECTOR: "secteur PDSA",
    TerritoryKind.URGENT_CARE: "unité de soins non programmés",
    TerritoryKind.EMERGENCY_DOCTORS: "association de médecins d'urgence",
}
ROTA_LABELS = {RotaSource.ASSOCIATION: "planifié par l'association", RotaSource.CPTS: "transmis par le territoire"}
RATE_LABELS = {
    RateKind.REGULATION_HOURLY: "régulation (€/h)",
    RateKind.CONSULTATION_C: "consultation C/G (€)",
    RateKind.TRAINING_HOURLY_C_MULTIPLE: "formation (nombre de C par heure)",
    RateKind.COORDINATION_HOURLY: "coordination (€/h)",
    RateKind.SNP_MAJORATION: "majoration SNP (€)",
}


def _aliases(labels: dict[Any, str], extra: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {fold(label): value for value, label in labels.items()}
    out.update({fold(str(value.value)): value for value in labels})  # the stored identifier
    out.update({fold(k): v for k, v in extra.items()})
    return out


ZONE_ALIASES = _aliases(ZONE_LABELS, {
    "metropolitaine": HolidayZone.METROPOLE, "france metropolitaine": HolidayZone.METROPOLE,
    "alsace moselle": HolidayZone.ALSACE_MOSELLE, "alsace": HolidayZone.ALSACE_MOSELLE,
    "moselle": HolidayZone.ALSACE_MOSELLE, "reunion": HolidayZone.REUNION, "la reunion": HolidayZone.REUNION,
})
POLICY_ALIASES = _aliases(POLICY_LABELS, {
    "opt in": AvailabilityPolicy.OPT_IN, "optin": AvailabilityPolicy.OPT_IN, "desiderata": AvailabilityPolicy.OPT_IN,
    "disponibilites": AvailabilityPolicy.OPT_IN, "disponibilites declarees": AvailabilityPolicy.OPT_IN,
    "opt out": AvailabilityPolicy.OPT_OUT, "optout": AvailabilityPolicy.OPT_OUT,
    "indisponibilites": AvailabilityPolicy.OPT_OUT, "indisponibilites declarees": AvailabilityPolicy.OPT_OUT,
})
HANDOVER_ALIASES = _aliases(HANDOVER_LABELS, {
    "prefere": HandoverPolicy.PREFER, "preference": HandoverPolicy.PREFER, "autorise": HandoverPolicy.ALLOW,
    "permis": HandoverPolicy.ALLOW, "interdit": HandoverPolicy.FORBID,
})
TERRITORY_KIND_ALIASES = _aliases(TERRITORY_KIND_LABELS, {
    "secteur": TerritoryKind.PDSA_SECTOR, "secteur de pdsa": TerritoryKind.PDSA_SECTOR,
    "secteur de garde": TerritoryKind.PDSA_SECTOR, "usnp": TerritoryKind.URGENT_CARE,
    "csnp": TerritoryKind.URGENT_CARE, "centre de soins non programmes": TerritoryKind.URGENT_CARE,
    "unite de soins non programmes": TerritoryKind.URGENT_CARE, "maison medicale de garde": TerritoryKind.URGENT_CARE,
    "sos medecins": TerritoryKind.EMERGENCY_DOCTORS, "medecins d urgence": TerritoryKind.EMERGENCY_DOCTORS,
    "association de medecins d urgence": TerritoryKind.EMERGENCY_DOCTORS,
})
ROTA_ALIASES = _aliases(ROTA_LABELS, {
    "association": RotaSource.ASSOCIATION, "planifie": RotaSource.ASSOCIATION, "planifie par nous": RotaSource.ASSOCIATION,
    "transmis": RotaSource.CPTS, "territoire": RotaSource.CPTS, "cpts": RotaSource.CPTS,
    "envoye par le territoire": RotaSource.CPTS, "son propre planning": RotaSource.CPTS,
})
RATE_ALIASES = _aliases(RATE_LABELS, {
    "regulation": RateKind.REGULATION_HOURLY, "taux horaire de regulation": RateKind.REGULATION_HOURLY,
    "c": RateKind.CONSULTATION_C, "g": RateKind.CONSULTATION_C, "consultation": RateKind.CONSULTATION_C,
    "formation": RateKind.TRAINING_HOURLY_C_MULTIPLE, "3c": RateKind.TRAINING_HOURLY_C_MULTIPLE,
    "coordination": RateKind.COORDINATION_HOURLY, "majoration snp": RateKind.SNP_MAJORATION,
    "snp": RateKind.SNP_MAJORATION,
})
ROLE_ALIASES: dict[str, object] = dict(_ROLE_ALIASES)


def read_role(value: object) -> Role:
    return read_choice(value, ROLE_ALIASES, list(ROLE_LABELS.values()), "rôle")  # type: ignore[return-value]


_DAY_ALIASES = {**{fold(s): i for i, s in enumerate(WEEKDAY_SHORT)}, **{fold(s): i for i, s in enumerate(WEEKDAY_LONG)}}


def read_weekday(value: object) -> int:
    raw = text(value) or ""
    found = _DAY_ALIASES.get(fold(raw))
    if found is None:
        raise CellError(f"jour « {raw} » inconnu : lundi, mardi … dimanche (ou lun, mar …)")
    return found


def read_weekdays(value: object) -> frozenset[int]:
    """'lun-ven', 'lundi à vendredi', 'lun, mer, sam', 'samedi', 'tous les jours'."""
    typed = text(value) or ""
    if fold(typed) in ("tous", "tous les jours", "7j 7", "7 7"):
        return frozenset(range(7))
    raw = "".join(c for c in unicodedata.normalize("NFKD", typed.lower()) if not unicodedata.combining(c))
    days: set[int] = set()
    for part in re.split(r"\s*[,;/+]\s*|\s+et\s+", raw):
        if not part:
            continue
        bounds = re.split(r"\s*(?:-|–|\ba\b|\bau\b)\s*", part.strip())
        if len(bounds) == 2:
            lo, hi = read_weekday(bounds[0]), read_weekday(bounds[1])
            if hi < lo:
                raise CellError(f"jours « {text(value)} » : {WEEKDAY_LONG[hi]} précède {WEEKDAY_LONG[lo]}")
            days.update(range(lo, hi + 1))
        else:
            days.add(read_weekday(part))
    if not days:
        raise CellError("aucun jour indiqué")
    return frozenset(days)


def write_weekdays(days: frozenset[int]) -> str:
    """The shortest usual writing: 'lun-ven', 'sam', 'lun, mer, ven'."""
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{WEEKDAY_SHORT[ordered[0]]}-{WEEKDAY_SHORT[ordered[-1]]}"
    return ", ".join(WEEKDAY_SHORT[d] for d in ordered)
