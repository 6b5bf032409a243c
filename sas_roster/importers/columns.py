"""The four import kinds and their columns: French headers, help text, examples, choices.

One table per kind drives both the blank templates (headers, widths, drop-down lists,
the "Aide" sheet) and the parsers (which headers are recognised, which are required),
so a template always round-trips through its parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sas_roster.domain.activity import COUNTERS, WEEKDAYS_FR
from sas_roster.domain.errors import ValidationError

from .values import fold


class ImportKind(StrEnum):
    MEMBERS = "members"
    AVAILABILITY = "availability"
    PDSA = "pdsa"
    ROTA = "rota"
    HISTORY = "history"  # hours worked before the first month kept in the app
    ACTIVITY = "activity"

    @property
    def label_fr(self) -> str:
        return {
            "members": "membres",
            "availability": "disponibilités",
            "pdsa": "gardes PDSA",
            "rota": "astreintes CPTS",
            "history": "heures antérieures",
            "activity": "données d'activité",
        }[self.value]

    @property
    def sheet_name(self) -> str:
        return {
            "members": "Membres",
            "availability": "Disponibilités",
            "pdsa": "Gardes PDSA",
            "rota": "Astreintes CPTS",
            "history": "Heures antérieures",
            "activity": "Activité",
        }[self.value]

    @classmethod
    def parse(cls, raw: str | ImportKind) -> ImportKind:
        if isinstance(raw, ImportKind):
            return raw
        key = fold(raw)
        for kind in cls:
            if key in (kind.value, fold(kind.label_fr)) or (kind.value == "activity" and key == "activite"):
                return kind
        names = ", ".join(k.value for k in cls)
        raise ValidationError(f"Type d'import « {raw} » inconnu : types possibles : {names}")


class Fmt(StrEnum):
    """How a column is formatted in a template (and, loosely, what it holds)."""

    TEXT = "text"
    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    NUMBER = "number"


@dataclass(frozen=True)
class Column:
    name: str  # header exactly as the templates write it
    help: str  # one French sentence for the "Aide" sheet
    example: str  # an example value, as someone would type it
    required: bool = False  # the column must be in the file and its cells filled
    fmt: Fmt = Fmt.TEXT
    choices: tuple[str, ...] = ()  # drop-down list in XLSX templates
    aliases: tuple[str, ...] = ()  # other headers people write for the same column
    width: int = 16

    def matches(self, header: str) -> bool:
        key = fold(header)
        return key == fold(self.name) or key in {fold(a) for a in self.aliases}


ROLE_CHOICES = ("régulateur", "effecteur", "OSNP", "régulateur, effecteur")
STATUS_CHOICES = ("libéral installé", "retraité cumul", "retraité autorisé", "remplaçant", "salarié")
HISTORY_ROLE_CHOICES = ("régulateur", "effecteur", "OSNP")
SECTOR_CHOICES = ("1", "2", "OPTAM")
AVAILABILITY_CHOICES = ("disponible", "souhaité", "si besoin", "indisponible")
DUTY_CHOICES = ("régulation", "effection")
YES_NO = ("oui", "non")

# Column names used by the parsers (one constant each, so a rename cannot split them).
NOM, PRENOM, RPPS, EMAIL = "Nom", "Prénom", "RPPS", "E-mail"

MEMBERS = (
    Column(NOM, "Nom de famille.", "MARTIN", required=True, aliases=("nom de famille",)),
    Column(PRENOM, "Prénom.", "Camille", required=True, aliases=("prenom",)),
    Column("Rôles", "Un ou plusieurs rôles séparés par « , » ou « ; » : régulateur, effecteur, OSNP.",
           "régulateur, effecteur", required=True, choices=ROLE_CHOICES, aliases=("role", "roles"), width=22),
    Column("Statut", "libéral installé, retraité cumul (cumul emploi-retraite), retraité autorisé, "
           "remplaçant (sous contrat) ou salarié (OSNP).", "libéral installé", required=True,
           choices=STATUS_CHOICES, width=20),
    Column(RPPS, "Numéro RPPS à 11 chiffres, obligatoire pour un médecin (régulateur, effecteur). "
           "Sert à reconnaître une personne déjà enregistrée : sa fiche est alors mise à jour.",
           "10001234567", aliases=("n rpps", "numero rpps", "no rpps"), width=15),
    Column("Secteur", "Secteur conventionnel du médecin : 1, 2 ou OPTAM.", "1", choices=SECTOR_CHOICES,
           aliases=("secteur conventionnel",), width=10),
    Column("Téléphone", "Numéro de téléphone.", "06 12 34 56 78", aliases=("tel", "telephone portable", "portable")),
    Column(EMAIL, "Adresse e-mail (sert aussi à reconnaître un OSNP sans RPPS).", "camille.martin@example.org",
           aliases=("email", "mail", "courriel", "adresse e mail"), width=28),
    Column("Territoire", "Code ou nom du territoire (CPTS, secteur) de l'effecteur.", "CPTS-NORD", width=16),
    Column("Régulation à distance autorisée le", "Date de l'autorisation de régulation délocalisée, "
           "vide si non autorisée.", "01/09/2026", fmt=Fmt.DATE, width=18),
    Column("Lieu de régulation à distance", "Lieu d'où le médecin régule à distance (cabinet, site).",
           "cabinet", width=20),
    Column("Compétences", "Compétences séparées par « , » (pédiatrie, psychiatrie, senior ...).",
           "pédiatrie, senior", width=22),
    Column("Engagement mensuel (gardes)", "Nombre maximum de créneaux par mois.", "6", fmt=Fmt.NUMBER, width=14),
    Column("Engagement mensuel (heures)", "Nombre maximum d'heures par mois.", "24", fmt=Fmt.NUMBER, width=14),
    Column("Quota annuel (h)", "Retraités : quota d'heures par an fixé par le cahier des charges régional.",
           "", fmt=Fmt.NUMBER, width=12),
    Column("Quota mensuel (h)", "Retraités : quota d'heures par mois, s'il y en a un.", "", fmt=Fmt.NUMBER, width=12),
    Column("Éligible jusqu'au", "Retraités : date de fin d'éligibilité.", "", fmt=Fmt.DATE, width=14),
    Column("Contrat début", "Remplaçant ou OSNP : date de début du contrat.", "", fmt=Fmt.DATE, width=14),
    Column("Contrat fin", "Date de fin du contrat, vide si sans fin.", "", fmt=Fmt.DATE, width=14),
    Column("Employeur", "OSNP : employeur (l'association, un GESA, l'hôpital). Retraité autorisé : l'hôpital qui "
           "le paie (contrat d'activité ponctuelle de service public).", "", aliases=("hopital payeur",
                                                                                     "etablissement payeur"), width=18),
    Column("Médecin remplacé", "Remplaçant : le médecin remplacé (nom, RPPS) que nomme le contrat.", "",
           aliases=("remplace", "medecin remplace"), width=20),
    Column("Heures hebdomadaires", "OSNP : heures par semaine du contrat.", "", fmt=Fmt.NUMBER, width=12),
    Column("Consentement contact", "oui / non : accepte d'être contacté (vide = oui).", "oui", choices=YES_NO,
           aliases=("consentement",), width=12),
    Column("Actif depuis", "Date de début d'activité dans l'association.", "01/01/2027", fmt=Fmt.DATE, width=14),
    Column("Actif jusqu'au", "Date de fin d'activité, vide si toujours actif.", "", fmt=Fmt.DATE, width=14),
)

AVAILABILITY = (
    Column(RPPS, "RPPS du médecin. Un OSNP sans RPPS est reconnu par son e-mail, ou à défaut par "
           "Nom et Prénom.", "10001234567", aliases=("n rpps", "numero rpps"), width=15),
    Column(EMAIL, "E-mail, pour les OSNP sans RPPS.", "", aliases=("email", "mail", "courriel"), width=26),
    Column(NOM, "Nom de famille.", "MARTIN", width=16),
    Column(PRENOM, "Prénom.", "Camille", aliases=("prenom",), width=14),
    Column("Date", "Jour concerné (JJ/MM/AAAA).", "03/05/2027", required=True, fmt=Fmt.DATE, width=13),
    Column("Début", "Heure de début (8:00, 8h, 08h30). Début et Fin vides : toute la journée.", "8:00",
           fmt=Fmt.TIME, aliases=("heure debut", "de"), width=9),
    Column("Fin", "Heure de fin, après le début.", "12:00", fmt=Fmt.TIME, aliases=("heure fin", "a"), width=9),
    Column("Type", "disponible, souhaité, si besoin ou indisponible.", "disponible", required=True,
           choices=AVAILABILITY_CHOICES, aliases=("disponibilite", "type de disponibilite"), width=14),
)

PDSA = (
    Column(RPPS, "RPPS du médecin de garde.", "10001234567", required=True, aliases=("n rpps",), width=15),
    Column(NOM, "Nom (facultatif, pour la lecture ; vérifié s'il est rempli).", "MARTIN", width=16),
    Column("Début", "Date et heure de début (JJ/MM/AAAA HH:MM).", "03/05/2027 20:00", required=True,
           fmt=Fmt.DATETIME, width=18),
    Column("Fin", "Date et heure de fin ; une heure seule vaut le lendemain si elle précède le début.",
           "04/05/2027 08:00", required=True, fmt=Fmt.DATETIME, width=18),
    Column("Type", "régulation ou effection.", "effection", required=True, choices=DUTY_CHOICES, width=12),
    Column("Secteur", "Secteur PDSA (facultatif).", "Secteur 3", aliases=("secteur pdsa",), width=14),
)

ROTA = (
    Column("Territoire", "Code ou nom du territoire (CPTS).", "CPTS-NORD", required=True, width=16),
    Column("Date", "Jour d'astreinte (JJ/MM/AAAA).", "03/05/2027", required=True, fmt=Fmt.DATE, width=13),
    Column(RPPS, "RPPS de l'effecteur d'astreinte.", "10001234567", required=True, aliases=("n rpps",), width=15),
    Column(NOM, "Nom (facultatif, pour la lecture ; vérifié s'il est rempli).", "MARTIN", width=16),
    Column("Début", "Heure de début, vide : heures d'ouverture du jour.", "", fmt=Fmt.TIME, width=9),
    Column("Fin", "Heure de fin, vide : heures d'ouverture du jour.", "", fmt=Fmt.TIME, width=9),
)

# Activity: aggregates exported from the platform's software (see importers/activity.py).
PERIOD, TERRITORY, WEEKDAY, HOUR = "Période", "Territoire", "Jour de la semaine", "Heure"

_COUNTER_HELP = {
    "calls_received": ("Appels reçus sur la période (ou dans l'heure, pour une ligne horaire).", "1240"),
    "calls_answered": ("Appels décrochés.", "1175"),
    "liberal_regulation": ("Appels traités par la régulation libérale (médecins régulateurs).", "640"),
    "advice_only": ("Appels conclus par un conseil médical seul.", "210"),
    "appointments": ("Rendez-vous de soins non programmés pris chez un effecteur.", "380"),
    "no_shows": ("Rendez-vous pris non honorés par le patient.", "19"),
    "followups_72h": ("Rappels de suivi à 72 h.", "45"),
    "redirections": ("Appels réorientés (SAMU, urgences, PDSA, autre).", "60"),
}
_ALIASES = {
    "calls_received": ("appels", "nombre d'appels", "appels recus"),
    "calls_answered": ("appels decroches", "appels traites", "appels repondus"),
    "liberal_regulation": ("regulation liberale", "traites par la regulation liberale"),
    "advice_only": ("conseil seul", "conseils"),
    "appointments": ("rdv pris", "rendez vous"),
    "no_shows": ("rdv non honores", "absences", "lapins"),
    "followups_72h": ("suivis 72h", "suivi a 72 h", "suivi 72h", "rappels a 72 h"),
    "redirections": ("reorientations", "reorientation"),
}

ACTIVITY = (
    Column(PERIOD, "Mois (AAAA-MM, par ex. 2027-03) ou jour (JJ/MM/AAAA) que couvrent les chiffres.",
           "2027-03", required=True, aliases=("mois", "date", "periode"), width=12),
    Column(TERRITORY, "Code ou nom du territoire (CPTS, secteur) ; vide : tout le département.", "CPTS-NORD",
           width=16),
    Column(WEEKDAY, "Ligne horaire : jour de la semaine (lundi … dimanche), avec l'heure. Vide pour une "
           "ligne de totaux.", "", choices=WEEKDAYS_FR, aliases=("jour",), width=14),
    Column(HOUR, "Ligne horaire : heure de début de la tranche d'une heure (8 = 8h-9h), avec le jour. Les "
           "appels de cette tranche sur toute la période.", "", fmt=Fmt.NUMBER, aliases=("tranche horaire",),
           width=9),
    *(Column(label, _COUNTER_HELP[name][0], _COUNTER_HELP[name][1], fmt=Fmt.NUMBER, aliases=_ALIASES[name],
             width=14) for name, label in COUNTERS.items()),
)

HISTORY = (
    Column(RPPS, "RPPS du médecin. Un OSNP sans RPPS est reconnu par son e-mail, ou à défaut par Nom et Prénom.",
           "10001234567", aliases=("n rpps", "numero rpps"), width=15),
    Column(EMAIL, "E-mail, pour les OSNP sans RPPS.", "", aliases=("email", "mail", "courriel"), width=26),
    Column(NOM, "Nom de famille.", "MARTIN", width=16),
    Column(PRENOM, "Prénom.", "Camille", aliases=("prenom",), width=14),
    Column("Rôle", "régulateur, effecteur ou OSNP : les quotas des retraités ne comptent que la régulation.",
           "régulateur", required=True, choices=HISTORY_ROLE_CHOICES, aliases=("role",), width=14),
    Column("Mois", "Mois travaillé avant le premier mois tenu dans l'application (MM/AAAA).", "01/2027",
           required=True, aliases=("periode",), width=12),
    Column("Heures", "Heures travaillées ce mois dans ce rôle (12,5 ou 12h30) ; 0 efface une saisie.", "24",
           required=True, fmt=Fmt.NUMBER, aliases=("heures travaillees", "nombre d heures"), width=10),
    Column("Remarque", "Facultatif : d'où vient le chiffre (relevé CPAM, planning papier …).", "",
           aliases=("note", "commentaire"), width=30),
)

COLUMNS: dict[ImportKind, tuple[Column, ...]] = {
    ImportKind.MEMBERS: MEMBERS,
    ImportKind.AVAILABILITY: AVAILABILITY,
    ImportKind.PDSA: PDSA,
    ImportKind.ROTA: ROTA,
    ImportKind.HISTORY: HISTORY,
    ImportKind.ACTIVITY: ACTIVITY,
}
