"""The engine's words in the interface's language.

The rostering engine reports in French (its explanations of uncovered hours, its reasons
why a person cannot take a shift, its notes on candidates). The interface shows them as they
are in French, with the whole day read as such ("indisponible toute la journée", not
"0h–23h59"); in English it renders them through the table below, built from the engine's
fixed phrases (its rule names and reason templates, `solver/sas/rules/`). A phrase the table
does not know stays French rather than being guessed. The solve summary is rebuilt from the
solution's figures (`solve_summary`), not translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from babel.dates import format_date

from .i18n import _, language, ngettext

WHOLE_DAY = re.compile(r"\b0h(?:00)?–23h59\b")
_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")
_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_FR_DATE = re.compile(r"\b(?:(?:%s) )?(\d{1,2}) (%s) (\d{4})\b" % ("|".join(_WEEKDAYS), "|".join(_MONTHS)))
_FR_HOUR = re.compile(r"\b(\d{1,2})h(\d{2})?\b")

# Rule names (the groups of an explanation) and fixed phrases, French → English.
PHRASES: dict[str, str] = {
    "Libres mais non affecté(e)s (planning non prouvé optimal)": "Free but not assigned (roster not proven optimal)",
    "Disponibilités déclarées": "Declared availability",
    "Compétence requise": "Required skill",
    "Contrat de remplaçant": "Locum contract",
    "Durée maximale par jour": "Maximum hours a day",
    "Enchaînement continuité → PDSA interdit": "Continuity → PDSA chaining forbidden",
    "Engagement mensuel (heures)": "Monthly commitment (hours)",
    "Engagement mensuel (postes)": "Monthly commitment (shifts)",
    "Engagement mensuel": "Monthly commitment",
    "Garde PDSA en même temps": "PDSA duty at the same time",
    "OSNP : durée hebdomadaire maximale": "OSNP: maximum weekly hours",
    "OSNP : durée quotidienne maximale": "OSNP: maximum daily hours",
    "OSNP : heures du contrat": "OSNP: contract hours",
    "OSNP : repos quotidien": "OSNP: daily rest",
    "Part minimale de régulation sur site": "Minimum share of on-site regulation",
    "Pas deux postes en même temps": "Not two shifts at once",
    "Quota horaire de retraité": "Retiree hour quota",
    "Repos après une garde PDSA de nuit": "Rest after a PDSA night",
    "Tour d'astreinte de la CPTS": "CPTS on-call rota",
    "Astreinte non demandée": "On-call not requested",
    "Nombre d'astreintes demandé": "On-call duties requested",
    "Relève PDSA non assurée par le médecin de garde": "PDSA handover not by the doctor on duty",
    "Créneau non souhaité": "Slot not wished",
    "Créneau « si besoin »": "“If needed” slot",
    "Personne inconnue": "Unknown person",
    "Rôle": "Role",
    "Personne inactive": "Inactive person",
    "Remplaçant sans contrat": "Locum without a contract",
    "Fin d'éligibilité du retraité": "End of the retiree's eligibility",
    "Régulation à distance non autorisée": "Remote regulation not authorised",
    "Territoire": "Territory",
    "Indisponibilité": "Unavailability",
    "Part minimale sur site": "Minimum on-site share",
    "OSNP : durée maximale par jour": "OSNP: maximum hours a day",
    "OSNP : durée maximale par semaine": "OSNP: maximum hours a week",
    "Régulateur : durée maximale par jour": "Regulator: maximum hours a day",
    "aucune disponibilité déclarée ce jour": "no availability declared that day",
    "remplaçant(e) sans contrat ce jour": "locum without a contract that day",
    "déjà d'astreinte effecteur": "already the on-call effector",
    "créneau souhaité": "preferred slot",
    "seulement « si besoin »": "only “if needed”",
    "garde PDSA proche": "PDSA duty close by",
    "longue journée": "long day",
    "à distance": "remote",
    "disponible": "available",
    "Personne n'a pu le prendre :": "Nobody could take it:",
    "Personne n'a ce rôle.": "Nobody has this role.",
    "Personne ne peut prendre ce poste.": "Nobody can take this shift.",
    "Aucun poste type ne couvre cette heure ce jour-là : revoir les postes types ou les horaires d'ouverture "
    "dans les paramètres.": "No shift template covers this hour that day: review the shift templates or the "
                           "opening hours in the settings.",
    "toute la journée": "all day",
}

# Reason templates with values, French → English (applied in order, each once per place).
PATTERNS: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [(re.compile(p), r) for p, r in (
    (r"astreinte effecteur du territoire (\S+) : il manque (\d+) personne\(s\) sur (\d+)",
     r"on-call effector of territory \1: \2 missing of \3"),
    (r"\b(régulation|OSNP) ([^:]+?) : il manque (\d+) personne\(s\) sur (\d+)", r"\1 \2: \3 missing of \4"),
    (r"\bindisponible ", "unavailable "),
    (r"\bdisponible seulement ", "available only "),
    (r"n'a pas la compétence « ([^»]+) »", r"lacks the skill “\1”"),
    (r"repos de ([^(]+?) après son poste de la veille \(fini à ([^)]+)\)", r"\1 of rest after the previous day's shift (ended at \2)"),
    (r"déjà ([^(]+?) de régulation ce jour \(maximum ([^)]+)\)", r"already \1 of regulation that day (maximum \2)"),
    (r"déjà ([^(]+?) ce jour \(maximum ([^)]+)\)", r"already \1 that day (maximum \2)"),
    (r"déjà ([^(]+?) cette semaine \(maximum ([^)]+)\)", r"already \1 this week (maximum \2)"),
    (r"repos de ([^(]+?) entre deux journées \(", r"\1 of rest between two days ("),
    (r"déjà affecté\(e\) : ", "already on: "),
    (r"astreinte fixée par la CPTS \(", "on-call set by the CPTS ("),
    (r"pas d'astreinte demandée \(", "no on-call requested ("),
    (r"astreinte du territoire (\S+) déjà pourvue \(", r"on-call of territory \1 already filled ("),
    (r"de garde PDSA \(", "on PDSA duty ("),
    (r"repos après sa garde PDSA de nuit \(finie ", "rest after a PDSA night (ended "),
    (r"enchaînerait avec sa garde PDSA à ", "would go straight into a PDSA duty at "),
    (r"pas assez d'heures sur site ce mois-ci \((\d+) % minimum\)", r"not enough on-site hours this month (\1 % minimum)"),
    (r"engagement mensuel atteint \((\d+) poste\(s\)\)", r"monthly commitment reached (\1 shift(s))"),
    (r"engagement mensuel atteint \(", "monthly commitment reached ("),
    (r"quota de retraité atteint \(reste ([^)]+)\)", r"retiree quota reached (\1 left)"),
    (r"(en dessous|au-dessus) de sa part équitable \((\d+) %\)",
     lambda m: ("below" if m.group(1) == "en dessous" else "above") + f" their fair share ({m.group(2)} %)"),
    (r" et (\d+) autre\(s\)", r" and \1 other(s)"),
    # the month's rule checks (sas_roster.domain.roster_rules)
    (r" n'a pas déclaré de disponibilité couvrant ", " declared no availability covering "),
    (r" s'est déclaré\(e\) indisponible ", " declared themselves unavailable "),
    (r" n'a pas le rôle ", " does not have the role "),
    (r" n'est pas actif\(ve\) le ", " is not active on "),
    (r" n'a pas de contrat de remplacement le ", " has no locum contract on "),
    (r" n'est plus autorisé\(e\) à réguler après le ", " may no longer regulate after "),
    (r" n'est pas autorisé\(e\) à réguler à distance", " is not authorised to regulate remotely"),
    (r" n'est pas effecteur du territoire ", " is not an effector of territory "),
    (r" demande la compétence « ([^»]+) »", r" needs the skill “\1”"),
    (r" se chevauchent", " overlap"),
    (r" est de garde PDSA ", " is on PDSA duty "),
    (r" pendant ", " during "),
    (r" sort d'une garde de nuit finie à ", " is off a PDSA night that ended at "),
    (r"\(au plus ([^)]+)\)", r"(at most \1)"),
    (r"\(au moins ([^)]+)\)", r"(at least \1)"),
    (r"\(engagement : ([^)]+)\)", r"(commitment: \1)"),
    (r" h ce mois pour ([\d.,]+) h de quota restant", r" h this month for \1 h of quota left"),
    (r" % sur site ", " % on site "),
    (r" h de repos avant le ", " h of rest before "),
    (r" la semaine (\d+)", r" in week \1"),
    (r" (\d+) postes ", r" \1 shifts "),
    (r" le (\d{2}/\d{2})\b", r" on \1"),
    (r"\brégulation\b", "regulation"),
    (r"\beffection\b", "effection"),
)]


def _english_date(m: re.Match[str]) -> str:
    d = date(int(m.group(3)), _MONTHS.index(m.group(2)) + 1, int(m.group(1)))
    with_weekday = m.group(0)[0].isalpha() and not m.group(0)[0].isdigit()
    return format_date(d, "EEEE d MMMM yyyy" if with_weekday else "d MMMM yyyy", locale="en")


def _english_hour(m: re.Match[str]) -> str:
    return f"{int(m.group(1)):02d}:{m.group(2) or '00'}"


_PHRASE = re.compile(r"(?<!\w)(%s)(?!\w)" % "|".join(re.escape(k) for k in sorted(PHRASES, key=len, reverse=True)))


def to_english(text: str) -> str:
    for pattern, repl in PATTERNS:
        text = pattern.sub(repl, text)
    text = _PHRASE.sub(lambda m: PHRASES[m.group(1)], text)
    text = _FR_DATE.sub(_english_date, text)
    text = _FR_HOUR.sub(_english_hour, text)
    return text.replace(" : ", ": ").replace(" ; ", "; ")  # French spacing of punctuation


def readable(text: str | None) -> str:
    """An engine text as the coordinator should read it, in the interface's language."""
    if not text:
        return text or ""
    text = WHOLE_DAY.sub("toute la journée", text)
    return to_english(text) if language() == "en" else text


def solve_summary(solution) -> str:
    """The engine's end-of-run sentence, rebuilt from the solution's figures."""
    status = getattr(solution, "status", "")
    if not getattr(solution, "has_roster", True):
        if status == "infeasible":
            return readable(solution.message) if language() == "fr" else \
                _("Aucun planning ne respecte toutes les règles impératives.") + "\n" + readable(solution.message)
        return _("Arrêté avant d'avoir trouvé un planning.")
    head = _("Planning optimal") if status == "optimal" else _("Planning non prouvé optimal")
    stop = " " + _("(arrêté à la demande)") if getattr(solution, "cancelled", False) else ""
    hours, oncall = solution.uncovered_hours, solution.uncovered_oncall
    if not (hours or oncall):
        gaps = _("toute la demande est couverte")
    else:
        gaps = ngettext("{n} heure-personne non couverte", "{n} heures-personnes non couvertes", hours).format(n=hours) \
            + ", " + ngettext("{n} astreinte non pourvue", "{n} astreintes non pourvues", oncall).format(n=oncall)
    n = len(solution.assignments)
    return _("{head}{stop} : {assignments}, {gaps}.").format(
        head=head, stop=stop, gaps=gaps,
        assignments=ngettext("{n} affectation", "{n} affectations", n).format(n=n))
