"""Names of domain values as the interface shows them, in the current language.

The domain carries French labels (`Role.label_fr`, ...); the interface goes through the
catalogs instead so that English works too. Dates and months use Babel's locale data.
"""

from __future__ import annotations

from datetime import date, time

from babel.dates import format_date

from sas_roster.domain.enums import (
    AvailabilityKind,
    AvailabilityPolicy,
    HandoverPolicy,
    HolidayZone,
    PersonStatus,
    Role,
    RosterStatus,
    Sector,
)

from .i18n import N_, _, language

_ROLE = {Role.REGULATOR: N_("Régulateur"), Role.EFFECTOR: N_("Effecteur"), Role.OSNP: N_("OSNP")}
_ROLE_PLURAL = {Role.REGULATOR: N_("Régulateurs"), Role.EFFECTOR: N_("Effecteurs"), Role.OSNP: N_("OSNP")}
_STATUS = {
    PersonStatus.INSTALLED: N_("Libéral installé"),
    PersonStatus.RETIRED_CUMUL: N_("Retraité (cumul emploi-retraite)"),
    PersonStatus.RETIRED_AUTHORISED: N_("Retraité autorisé"),
    PersonStatus.LOCUM: N_("Remplaçant sous contrat"),
    PersonStatus.SALARIED: N_("Salarié"),
}
_SECTOR = {Sector.S1: N_("Secteur 1"), Sector.S2: N_("Secteur 2"), Sector.OPTAM: N_("OPTAM")}
_AVAILABILITY = {
    AvailabilityKind.AVAILABLE: N_("Disponible"),
    AvailabilityKind.PREFERRED: N_("Souhaité"),
    AvailabilityKind.IF_NEEDED: N_("Si besoin"),
    AvailabilityKind.UNAVAILABLE: N_("Indisponible"),
}
_ZONE = {
    HolidayZone.METROPOLE: N_("France métropolitaine"),
    HolidayZone.ALSACE_MOSELLE: N_("Alsace-Moselle"),
    HolidayZone.GUADELOUPE: N_("Guadeloupe (971)"),
    HolidayZone.MARTINIQUE: N_("Martinique (972)"),
    HolidayZone.GUYANE: N_("Guyane (973)"),
    HolidayZone.REUNION: N_("La Réunion (974)"),
    HolidayZone.MAYOTTE: N_("Mayotte (976)"),
}
_ROSTER_STATUS = {
    RosterStatus.DRAFT: N_("brouillon"),
    RosterStatus.VALIDATED: N_("validé"),
    RosterStatus.PUBLISHED: N_("publié"),
}
_AVAILABILITY_POLICY = {
    AvailabilityPolicy.OPT_IN: N_("Désidérata : seules les disponibilités déclarées"),
    AvailabilityPolicy.OPT_OUT: N_("Indisponibilités : tout le monde est disponible sauf déclaration"),
}
_HANDOVER = {
    HandoverPolicy.PREFER: N_("Privilégier le même médecin à la relève PDSA"),
    HandoverPolicy.ALLOW: N_("Autoriser l'enchaînement continuité → PDSA"),
    HandoverPolicy.FORBID: N_("Interdire l'enchaînement continuité → PDSA"),
}
WEEKDAYS = (N_("lundi"), N_("mardi"), N_("mercredi"), N_("jeudi"), N_("vendredi"), N_("samedi"), N_("dimanche"))
WEEKDAYS_SHORT = (N_("lun."), N_("mar."), N_("mer."), N_("jeu."), N_("ven."), N_("sam."), N_("dim."))


def role(r: Role) -> str:
    return _(_ROLE[r])


def role_plural(r: Role) -> str:
    return _(_ROLE_PLURAL[r])


def roles(rs) -> str:
    return ", ".join(role(r) for r in Role if r in rs)


def status(s: PersonStatus) -> str:
    return _(_STATUS[s])


def sector(s: Sector | None) -> str:
    return _(_SECTOR[s]) if s else ""


def availability(k: AvailabilityKind) -> str:
    return _(_AVAILABILITY[k])


def zone(z: HolidayZone) -> str:
    return _(_ZONE[z])


def roster_status(s: RosterStatus) -> str:
    return _(_ROSTER_STATUS[s])


def availability_policy(p: AvailabilityPolicy) -> str:
    return _(_AVAILABILITY_POLICY[p])


def handover(p: HandoverPolicy) -> str:
    return _(_HANDOVER[p])


def weekday(wd: int) -> str:
    return _(WEEKDAYS[wd])


def weekday_short(wd: int) -> str:
    return _(WEEKDAYS_SHORT[wd])


def month_title(year: int, month: int) -> str:
    """'mai 2027' / 'May 2027'."""
    return format_date(date(year, month, 1), "LLLL yyyy", locale=language())


def day_title(day: date) -> str:
    """'lun. 3' — the row header of a month grid."""
    return f"{weekday_short(day.weekday())} {day.day}"


def long_date(day: date) -> str:
    """'lundi 3 mai 2027'."""
    return format_date(day, "full", locale=language()).replace(",", "") if language() == "fr" else \
        format_date(day, "EEEE d MMMM yyyy", locale=language())


def short_date(day: date | None) -> str:
    if day is None:
        return ""
    return day.strftime("%d/%m/%Y")


def hour(t: time) -> str:
    """'8h', '12h30' in French, '08:00' in English."""
    if language() == "fr":
        return f"{t.hour}h{t.minute:02d}" if t.minute else f"{t.hour}h"
    return t.strftime("%H:%M")


def hours(minutes: int) -> str:
    """'12 h', '7,5 h'."""
    value = minutes / 60
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return (text.replace(".", ",") if language() == "fr" else text) + " h"


def hour_range(rng) -> str:
    """'8h–12h'; a range covering the whole day reads 'toute la journée', not '0h–23h59'."""
    if rng.start == time(0) and (rng.end.hour, rng.end.minute) >= (23, 59):
        return _("toute la journée")
    return f"{hour(rng.start)}–{hour(rng.end)}"


_TERRITORY_KIND = {
    "cpts": N_("CPTS"),
    "pdsa_sector": N_("Secteur de PDSA"),
    "urgent_care": N_("Unité de soins non programmés"),
    "emergency_doctors": N_("Association de médecins d'urgence"),
}


_BRIDGE = {  # the usual bridge days' labels (sas_roster.domain.setup.usual_bridge_days)
    "pont de l'Ascension": N_("pont de l'Ascension"),
    "pont du 14 juillet": N_("pont du 14 juillet"),
    "pont du 15 août": N_("pont du 15 août"),
    "pont de la Toussaint": N_("pont de la Toussaint"),
    "pont du 11 novembre": N_("pont du 11 novembre"),
    "veille de Noël": N_("veille de Noël"),
    "veille du jour de l'an": N_("veille du jour de l'an"),
    "pont": N_("pont"),
}


def bridge(label: str) -> str:
    """A bridge day's label in the interface's language (the coordinator's own stay as typed)."""
    return _(_BRIDGE[label]) if label in _BRIDGE else label


def territory_kind(kind) -> str:
    value = getattr(kind, "value", kind)
    return _(_TERRITORY_KIND[value]) if value in _TERRITORY_KIND else str(value)


def number(value, decimals: int | None = None) -> str:
    """A number in the interface's locale ('1 234,5' / '1,234.5'); `decimals` fixes the digits."""
    from babel.numbers import format_decimal

    pattern = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=language())


def amount(value) -> str:
    """Money in the interface's locale, always two decimals ('90,00' / '90.00'), no symbol."""
    return number(value, 2)


def money(value) -> str:
    """An amount in euros in the interface's locale ('1 234,50 €' / '€1,234.50')."""
    from babel.numbers import format_currency

    return format_currency(value, "EUR", locale="fr_FR" if language() == "fr" else "en_GB")
