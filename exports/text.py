"""Words and formats of the documents, in French (default) or English.

Dates, numbers and money go through Babel ("lundi 3 mai 2027", "1 234,50 €" with the narrow
no-break spaces French typography uses); the few sentences of the documents are kept here,
per language, since exports have no gettext catalog of their own (the window's catalogs
belong to `ui/`, which exports must not import).
"""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from decimal import Decimal
from typing import Final
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal

from sas_roster.domain.enums import Presence, Role

LANGUAGES: Final = ("fr", "en")
_LOCALES = {"fr": "fr_FR", "en": "en_GB"}

_WORDS: dict[str, tuple[str, str]] = {
    "planning": ("Planning", "Roster"),
    "monthly_planning": ("Planning du mois", "Monthly roster"),
    "personal_schedule": ("Planning personnel", "Personal schedule"),
    "notice": ("Avis de modification du planning", "Roster change notice"),
    "addressing": ("Fiche d'adressage", "Addressing sheet"),
    "version": ("version {n}", "version {n}"),
    "draft": ("BROUILLON — non publié", "DRAFT — not published"),
    "published_on": ("publiée le {date}", "published on {date}"),
    "page": ("page {n}/{total}", "page {n}/{total}"),
    "printed": ("édité le {date}", "printed on {date}"),
    "day": ("Jour", "Day"),
    "uncovered": ("non couvert", "uncovered"),
    "missing": ("manque {n}", "{n} missing"),
    "oncall": ("Effecteurs d'astreinte", "On-call effectors"),
    "regulation_osnp": ("Régulation et OSNP", "Regulation and OSNP"),
    "legend": ("Légende", "Legend"),
    "remote_mark": ("⌂ régulation à distance", "⌂ remote regulation"),
    "closed": ("Fermé (PDSA)", "Closed (PDSA)"),
    "closed_days": ("Jours sans continuité", "Days without continuity"),
    "uncovered_legend": ("créneau non couvert", "uncovered slot"),
    "date": ("Date", "Date"),
    "hours": ("Horaires", "Hours"),
    "role": ("Rôle", "Role"),
    "where": ("Lieu", "Where"),
    "territory": ("Territoire", "Territory"),
    "shift": ("Créneau", "Shift"),
    "on_site": ("sur la plateforme", "at the platform"),
    "remote": ("à distance", "remote"),
    "total": ("Total", "Total"),
    "shifts_hours": ("{shifts} créneaux, {hours}", "{shifts} shifts, {hours}"),
    "no_shift": ("Aucun créneau ce mois-ci.", "No shift this month."),
    "contacts": ("Contacts de la plateforme", "Platform contacts"),
    "hello": ("Bonjour {name},", "Dear {name},"),
    "schedule_intro": ("Voici vos créneaux de {month} ({version}).", "Here are your shifts for {month} ({version})."),
    "notice_intro": ("Le planning de {month} a été modifié ({version}, motif : {reason}). Voici ce qui change pour vous.",
                     "The roster of {month} has changed ({version}, reason: {reason}). Here is what changes for you."),
    "gained": ("Créneaux ajoutés", "Shifts added"),
    "lost": ("Créneaux retirés", "Shifts removed"),
    "moved": ("Créneaux déplacés", "Shifts moved"),
    "before": ("avant", "before"),
    "after": ("après", "after"),
    "calendar_note": ("Les invitations de calendrier jointes mettent votre agenda à jour.",
                      "The calendar invitations attached update your agenda."),
    "signature": ("L'équipe de coordination", "The coordination team"),
    "level": ("Recours", "Level"),
    "who": ("Qui", "Who"),
    "phone": ("Téléphone", "Phone"),
    "nobody": ("aucun effecteur d'astreinte", "nobody on call"),
    "charter_note": ("Adresser dans l'ordre de la charte ; effecteurs du planning publié.",
                     "Refer in charter order; effectors of the published roster."),
    "hours_per_person": ("Heures par personne", "Hours per person"),
    "name": ("Nom", "Name"),
    "first_name": ("Prénom", "First name"),
    "shifts": ("Créneaux", "Shifts"),
    "hours_total": ("Heures", "Hours"),
    "saturdays": ("Samedis", "Saturdays"),
    "cancelled": ("ANNULÉ", "CANCELLED"),
    "event_title": ("SAS {role} {hours}", "SAS {role} {hours}"),
    "mail_schedule_subject": ("Votre planning SAS de {month}", "Your SAS schedule for {month}"),
    "mail_notice_subject": ("Modification de votre planning SAS de {month}", "Change to your SAS schedule for {month}"),
    "mail_invite_subject": ("SAS : {what}", "SAS: {what}"),
    "mail_cancel_subject": ("Annulé — SAS : {what}", "Cancelled — SAS: {what}"),
    "mail_attached": ("Votre planning est en pièce jointe (PDF), avec un fichier de calendrier (.ics).",
                      "Your schedule is attached (PDF), with a calendar file (.ics)."),
    "mail_invites_follow": ("Chaque créneau vous parvient aussi comme invitation de calendrier, à accepter pour l'ajouter à votre agenda.",
                            "Each shift also reaches you as a calendar invitation: accept it to add it to your agenda."),
}

_ROLES = {Role.REGULATOR: ("Régulation", "Regulation"), Role.OSNP: ("OSNP", "OSNP"),
          Role.EFFECTOR: ("Astreinte effecteur", "On-call effector")}
_ROLE_ONE = {Role.REGULATOR: ("régulateur", "regulator"), Role.OSNP: ("opérateur OSNP", "OSNP operator"),
             Role.EFFECTOR: ("effecteur", "effector")}
_ROLE_PEOPLE = {Role.REGULATOR: ("Régulateurs", "Regulators"), Role.OSNP: ("OSNP", "OSNP operators"),
                Role.EFFECTOR: ("Effecteurs", "Effectors")}


class Texts:
    """The words and formats of one language."""

    def __init__(self, lang: str = "fr") -> None:
        self.lang = lang if lang in LANGUAGES else "fr"
        self.locale = _LOCALES[self.lang]
        self._i = 1 if self.lang == "en" else 0

    def __call__(self, key: str, **values: object) -> str:
        text = _WORDS[key][self._i]
        return text.format(**values) if values else text

    def role(self, role: Role) -> str:
        return _ROLES[role][self._i]

    def role_one(self, role: Role) -> str:
        return _ROLE_ONE[role][self._i]

    def role_people(self, role: Role) -> str:
        return _ROLE_PEOPLE[role][self._i]

    def presence(self, presence: Presence) -> str:
        return self("remote") if presence is Presence.REMOTE else self("on_site")

    # --- dates and times -----------------------------------------------------------------

    def long_date(self, d: date) -> str:
        """'lundi 3 mai 2027' / 'Monday 3 May 2027'."""
        return format_date(d, "EEEE d MMMM y", locale=self.locale)

    def day_month(self, d: date) -> str:
        """'lundi 3 mai' / 'Monday 3 May'."""
        return format_date(d, "EEEE d MMMM", locale=self.locale)

    def short_day(self, d: date) -> str:
        """'lun. 3' / 'Mon 3'."""
        return format_date(d, "EEE d", locale=self.locale)

    def month_title(self, year: int, month: int) -> str:
        """'mai 2027' / 'May 2027'."""
        return format_date(date(year, month, 1), "LLLL y", locale=self.locale)

    def stamp(self, when: datetime, tz: str = "Europe/Paris") -> str:
        """A publication instant in the association's wall time."""
        if self.lang == "en":
            return format_datetime(when, "d MMMM y, HH:mm", tzinfo=_zone(tz), locale=self.locale)
        return format_datetime(when, "d MMMM y 'à' HH'h'mm", tzinfo=_zone(tz), locale=self.locale)

    def time(self, t: dt.time) -> str:
        """'8h', '8h30' in French; '08:00' in English."""
        if self.lang == "en":
            return f"{t.hour:02d}:{t.minute:02d}"
        return f"{t.hour}h{t.minute:02d}" if t.minute else f"{t.hour}h"

    def hours(self, start: dt.time, end: dt.time) -> str:
        return f"{self.time(start)}–{self.time(end)}"

    def duration(self, minutes: int) -> str:
        """'4 h', '3 h 30' / '4 h', '3 h 30'."""
        h, m = divmod(minutes, 60)
        return f"{h}\u202fh\u202f{m:02d}" if m else f"{h}\u202fh"

    # --- numbers -------------------------------------------------------------------------

    def number(self, value: float | Decimal, digits: int = 2) -> str:
        return format_decimal(value, format=f"#,##0.{'#' * digits}", locale=self.locale)

    def money(self, value: Decimal) -> str:
        """'1 234,50 €' / '€1,234.50'."""
        return format_currency(value, "EUR", locale=self.locale)


def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)
