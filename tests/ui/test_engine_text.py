"""The engine's French reports in the coordinator's words and language: names, shift labels
and full dates instead of identifiers; English through the table of the engine's phrases."""

from __future__ import annotations

from datetime import date, time
from types import SimpleNamespace as NS

import pytest

from sas_roster.domain.demand import ShiftTemplate, Territory
from sas_roster.domain.enums import Role
from ui import i18n
from ui.engine_text import readable, solve_summary
from ui.views.roster.wording import Wording

PERSONS = {4: NS(display_name="Dr Anne Test"), 66: NS(display_name="Dr Paul Essai")}
TEMPLATES = [ShiftTemplate(Role.REGULATOR, "REG-A", "Régulation après-midi", time(12), time(16))]
WORDING = Wording(PERSONS, TEMPLATES, [Territory("PC", "CPTS Pays des Collines")])


def test_whole_day_reads_as_such():
    assert readable("indisponible 0h–23h59") == "indisponible toute la journée"
    i18n.install("en")
    assert readable("indisponible 0h–23h59") == "unavailable all day"


def test_english_explanation_of_an_uncovered_hour():
    i18n.install("en")
    text = ("mardi 4 mai 2027, régulation 8h–9h : il manque 1 personne(s) sur 2. Personne n'a pu le prendre :\n"
            "  - Disponibilités déclarées (3) — aucune disponibilité déclarée ce jour : Dr A, Dr B ; "
            "disponible seulement 14h–20h : Dr C\n"
            "  - Quota horaire de retraité (1) — quota de retraité atteint (reste 2 h 30) : Dr D\n"
            "  - Durée maximale par jour (9) — déjà 8 h de régulation ce jour (maximum 8 h) : Dr E et 1 autre(s)")
    assert readable(text) == (
        "Tuesday 4 May 2027, regulation 08:00–09:00: 1 missing of 2. Nobody could take it:\n"
        "  - Declared availability (3) — no availability declared that day: Dr A, Dr B; "
        "available only 14:00–20:00: Dr C\n"
        "  - Retiree hour quota (1) — retiree quota reached (2 h 30 left): Dr D\n"
        "  - Maximum hours a day (9) — already 8 h of regulation that day (maximum 8 h): Dr E and 1 other(s)")
    assert readable("créneau souhaité, en dessous de sa part équitable (20 %), garde PDSA proche") == \
        "preferred slot, below their fair share (20 %), PDSA duty close by"
    i18n.install("fr")
    assert readable(text) == text  # French stays the engine's


@pytest.mark.parametrize("lang, one, many, stopped", [
    ("fr", "Planning optimal : 1 affectation, toute la demande est couverte.",
     "Planning non prouvé optimal (arrêté à la demande) : 12 affectations, 3 heures-personnes non couvertes, "
     "1 astreinte non pourvue.", "Arrêté avant d'avoir trouvé un planning."),
    ("en", "Optimal roster: 1 assignment, all demand is covered.",
     "Roster not proven optimal (stopped on request): 12 assignments, 3 person-hours uncovered, "
     "1 on-call duty unfilled.", "Stopped before finding a roster."),
])
def test_solve_summary_from_the_figures(lang, one, many, stopped):
    i18n.install(lang)
    assert solve_summary(NS(status="optimal", has_roster=True, cancelled=False, assignments=[1],
                            uncovered_hours=0, uncovered_oncall=0)) == one
    assert solve_summary(NS(status="feasible", has_roster=True, cancelled=True, assignments=list(range(12)),
                            uncovered_hours=3, uncovered_oncall=1)) == many
    assert solve_summary(NS(status="unknown", has_roster=False, message="x")) == stopped


def _a(person, day, template, territory=None, remote=False):
    return NS(person=person, day=day, template=template, territory=territory, remote=remote)


@pytest.mark.parametrize("lang, expected", [
    ("fr", ["Annulation de Dr Anne Test : Régulation après-midi 12h–16h, dimanche 7 février 2027",
            "  + Dr Paul Essai prend Régulation après-midi 12h–16h à distance, dimanche 7 février 2027",
            "  - Dr Anne Test quitte astreinte CPTS Pays des Collines, lundi 8 février 2027",
            "2 changements, annulation comprise."]),
    ("en", ["Cancellation of Dr Anne Test: Régulation après-midi 12:00–16:00, Sunday 7 February 2027",
            "  + Dr Paul Essai takes Régulation après-midi 12:00–16:00 remote, Sunday 7 February 2027",
            "  - Dr Anne Test leaves on-call CPTS Pays des Collines, Monday 8 February 2027",
            "2 changes, cancellation included."]),
])
def test_a_replacement_in_names_labels_and_dates(lang, expected):
    i18n.install(lang)
    cancelled = _a("4", "2027-02-07", "REG-A")
    result = NS(cancelled=[cancelled], removed=[cancelled, _a("4", "2027-02-08", "astreinte", "PC")],
                added=[_a("66", "2027-02-07", "REG-A", remote=True)], changes=2)
    assert WORDING.replacement(result).splitlines() == expected


def test_engine_messages_lose_their_identifiers():
    assert WORDING.humanise("4 n'a pas de poste REG-A le 2027-02-07") == \
        "Dr Anne Test n'a pas de poste Régulation après-midi 12h–16h le dimanche 7 février 2027"
    assert WORDING.humanise("personne 66 : effecteur sans territoire connu") == \
        "Dr Paul Essai : effecteur sans territoire connu"
    assert WORDING.humanise("personne 99 : x") == "personne n° 99 : x"
    assert WORDING.humanise("REG-AB reste") == "REG-AB reste"  # only whole codes


def test_broken_rules_name_the_shift_not_its_code():
    from sas_roster.domain.roster_rules import Violation

    v = Violation("Disponibilités déclarées", 4, None,
                  "Dr A. Test n'a pas déclaré de disponibilité couvrant REG-A 12h–16h le 07/02")
    assert WORDING.violation(v).message == \
        "Dr A. Test n'a pas déclaré de disponibilité couvrant Régulation après-midi 12h–16h le 07/02"
    i18n.install("en")
    shown = WORDING.violation(v)
    assert (shown.rule, shown.message) == (
        "Declared availability", "Dr A. Test declared no availability covering Régulation après-midi 12:00–16:00 on 07/02")
    quota = WORDING.violation(Violation("Engagement mensuel (heures)", 4, None, "Dr A. Test : 40 h (engagement : 32 h)"))
    assert (quota.rule, quota.message) == ("Monthly commitment (hours)", "Dr A. Test: 40 h (commitment: 32 h)")
