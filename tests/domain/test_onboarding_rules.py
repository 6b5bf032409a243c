"""Issue 10's domain rules: one test per rule (contact details, sector, territory, contracts,
text lengths, retiree eligibility per day, default quota, départements, bridge days)."""

from datetime import date, time

import pytest

from sas_roster.domain.departments import normalise_department, time_zone_of, zone_for_department
from sas_roster.domain.enums import AvailabilityPolicy, ContractKind, HolidayZone, PersonStatus, Role, Sector
from sas_roster.domain.person import Contract, Person, RetireeQuota
from sas_roster.domain.person_rules import email_problem, person_rule_problems, phone_problem
from sas_roster.domain.quotas import quota_status
from sas_roster.domain.roster import Assignment
from sas_roster.domain.roster_rules import RosterFacts, check_roster
from sas_roster.domain.settings import AssociationSettings
from sas_roster.domain.setup import usual_bridge_days


OPT_OUT = AssociationSettings("t", availability_policy=AvailabilityPolicy.OPT_OUT)


def doctor(roles=(Role.REGULATOR,), status=PersonStatus.INSTALLED, **kw) -> Person:
    kw.setdefault("sector", Sector.S1)
    kw.setdefault("last_name", "Quérelle")
    return Person(first_name="Inès", roles=frozenset(roles), status=status, rpps="10000000016", id=1, **kw)


def fields(person: Person) -> list[str]:
    return [p.field for p in person_rule_problems(person)]


@pytest.mark.parametrize("phone", ["06 12 34 56 78", "0612345678", "01.23.45.67.89", "+33 6 12 34 56 78",
                                   "+33 (0)6 12 34 56 78", "0033 6 12 34 56 78", "0590 12 34 56",
                                   "0692 12 34 56", "+590 690 12 34 56", "+262 692 12 34 56", "+596 596 12 34 56"])
def test_french_metropolitan_and_overseas_phones_are_accepted(phone):
    assert phone_problem(phone) is None


@pytest.mark.parametrize("phone", ["06 12 34", "6 12 34 56 78", "+33 06 12 34 56 78", "00 00 00 00 00",
                                   "+44 20 7946 0958", "06 12 34 56 7A", "+590 690 12 34"])
def test_short_or_foreign_phones_are_refused_in_french(phone):
    reason = phone_problem(phone)
    # The message names the field and the expected form, never the value typed (personal data).
    assert reason and "numéro de téléphone invalide" in reason
    assert reason in (phone_problem("12"), phone_problem("+12"))  # the same words whatever was typed


def test_email_must_be_complete():
    assert email_problem("claire.martin@exemple.fr") is None
    for bad in ("claire.martin@", "claire.martin", "@exemple.fr", "claire martin@exemple.fr", "claire@exemple"):
        assert "adresse e-mail" in email_problem(bad)
    assert fields(doctor(email="claire.martin@", phone="06 12 34")) == ["téléphone", "e-mail"]


def test_sector_required_for_regulators_paid_by_the_health_insurance():
    assert fields(doctor(sector=None)) == ["secteur"]
    assert fields(doctor(status=PersonStatus.RETIRED_CUMUL, sector=None)) == ["secteur"]
    assert fields(doctor(status=PersonStatus.LOCUM, sector=None, contracts=())) == ["secteur"]
    # a fully retired doctor is paid by the hospital; an effector's sector is not needed here
    assert fields(doctor(status=PersonStatus.RETIRED_AUTHORISED, sector=None)) == []
    assert "secteur" not in fields(doctor(roles=(Role.EFFECTOR,), sector=None, territory="NORD"))


def test_territory_required_for_effectors():
    assert fields(doctor(roles=(Role.EFFECTOR,))) == ["territoire"]
    assert fields(doctor(roles=(Role.REGULATOR, Role.EFFECTOR), territory="NORD")) == []


def test_locum_contract_names_the_doctor_replaced():
    bare = Contract(ContractKind.LOCUM, date(2027, 1, 1), date(2027, 6, 30))
    [p] = person_rule_problems(doctor(status=PersonStatus.LOCUM, contracts=(bare,)))
    assert p.field == "médecin remplacé" and "01/01/2027" in p.message
    named = Contract(ContractKind.LOCUM, date(2027, 1, 1), date(2027, 6, 30), replaces="Dr Paul Imaginaire")
    assert fields(doctor(status=PersonStatus.LOCUM, contracts=(named,))) == []


def test_hospital_contract_for_fully_retired_doctors_names_the_paying_hospital():
    paid = Contract(ContractKind.HOSPITAL, date(2027, 1, 1), employer="CH de Brennac")
    assert fields(doctor(status=PersonStatus.RETIRED_AUTHORISED, contracts=(paid,))) == []
    unpaid = Contract(ContractKind.HOSPITAL, date(2027, 1, 1))
    assert fields(doctor(status=PersonStatus.RETIRED_AUTHORISED, contracts=(unpaid,))) == ["employeur"]
    assert fields(doctor(status=PersonStatus.INSTALLED, contracts=(paid,))) == ["statut"]
    assert ContractKind.HOSPITAL.label_fr == "contrat hospitalier (retraité)"


def test_text_lengths_are_checked_in_the_domain():
    problems = person_rule_problems(doctor(last_name="X" * 121, phone=None,
                                           contracts=(Contract(ContractKind.LOCUM, date(2027, 1, 1),
                                                               replaces="Y" * 201),)))
    assert {(p.field, p.message) for p in problems} >= {
        ("nom", "texte trop long : 121 caractères pour 120 au plus"),
        ("médecin remplacé", "texte trop long : 201 caractères pour 200 au plus"),
    }


def test_retiree_eligibility_is_checked_per_day():
    p = doctor(status=PersonStatus.RETIRED_CUMUL, quota=RetireeQuota(200, None, date(2027, 3, 15)))
    assert p.may_regulate_on(date(2027, 3, 15)) and not p.may_regulate_on(date(2027, 3, 16))
    # the month itself is still open to him (he was eligible on the 1st)
    assert quota_status(p, date(2027, 3, 1), 0).minutes_left == 200 * 60
    shifts = [Assignment(1, date(2027, 3, d), "REG", Role.REGULATOR, time(8), time(12)) for d in (15, 16)]
    found = check_roster(RosterFacts(OPT_OUT, {1: p}, {}, shifts))
    assert [(v.rule, v.day) for v in found] == [("Fin d'éligibilité du retraité", date(2027, 3, 16))]
    assert "15/03/2027" in found[0].message


def test_eligibility_does_not_bind_an_effector_on_call_day():
    p = doctor(roles=(Role.REGULATOR, Role.EFFECTOR), territory="NORD", status=PersonStatus.RETIRED_CUMUL,
               quota=RetireeQuota(200, None, date(2027, 3, 15)))
    oncall = Assignment(1, date(2027, 3, 16), "AST", Role.EFFECTOR, time(8), time(20), territory="NORD")
    assert check_roster(RosterFacts(OPT_OUT, {1: p}, {}, [oncall])) == []


def test_association_default_quota_for_a_retiree_without_one():
    bare = doctor(status=PersonStatus.RETIRED_CUMUL)
    assert quota_status(bare, date(2027, 3, 1), 0).minutes_left is None  # no default: unlimited
    assert quota_status(bare, date(2027, 3, 1), 600, default_yearly_hours=100).minutes_left == 100 * 60 - 600
    own = doctor(status=PersonStatus.RETIRED_CUMUL, quota=RetireeQuota(50))
    assert quota_status(own, date(2027, 3, 1), 0, default_yearly_hours=100).minutes_left == 50 * 60
    only_date = doctor(status=PersonStatus.RETIRED_CUMUL, quota=RetireeQuota(None, None, date(2027, 12, 31)))
    assert quota_status(only_date, date(2027, 3, 1), 0, default_yearly_hours=100).minutes_left == 100 * 60
    installed = doctor()
    assert quota_status(installed, date(2027, 3, 1), 0, default_yearly_hours=100).minutes_left is None


def test_default_quota_is_checked_on_the_roster():
    bare = doctor(status=PersonStatus.RETIRED_CUMUL)
    shifts = [Assignment(1, date(2027, 3, d), "REG", Role.REGULATOR, time(8), time(12)) for d in (1, 2, 3)]
    settings = AssociationSettings("t", availability_policy=AvailabilityPolicy.OPT_OUT, default_retiree_quota_hours=10)
    rules = [v.rule for v in check_roster(RosterFacts(settings, {1: bare}, {}, shifts))]
    assert rules == ["Quota horaire de retraité"]
    settings.default_retiree_quota_hours = 12
    assert check_roster(RosterFacts(settings, {1: bare}, {}, shifts)) == []


@pytest.mark.parametrize("code, zone, tz", [
    ("57", HolidayZone.ALSACE_MOSELLE, "Europe/Paris"), ("67", HolidayZone.ALSACE_MOSELLE, "Europe/Paris"),
    ("68", HolidayZone.ALSACE_MOSELLE, "Europe/Paris"), ("75", HolidayZone.METROPOLE, "Europe/Paris"),
    ("2a", HolidayZone.METROPOLE, "Europe/Paris"), ("1", HolidayZone.METROPOLE, "Europe/Paris"),
    ("971", HolidayZone.GUADELOUPE, "America/Guadeloupe"), ("972", HolidayZone.MARTINIQUE, "America/Martinique"),
    ("973", HolidayZone.GUYANE, "America/Cayenne"), ("974", HolidayZone.REUNION, "Indian/Reunion"),
    ("976", HolidayZone.MAYOTTE, "Indian/Mayotte"),
])
def test_holiday_zone_and_time_zone_follow_the_department(code, zone, tz):
    assert zone_for_department(code) is zone
    assert time_zone_of(zone) == tz
    assert AssociationSettings("t", zone=zone).time_zone == tz


def test_unknown_department_codes():
    assert normalise_department("2a") == "2A" and normalise_department("7") == "07"
    for bad in ("96", "975", "Val-de-Brenne", "", "977"):
        assert zone_for_department(bad) is None


def test_usual_bridge_days_to_tick():
    def listed(year):
        return [(b.day, b.pdsa_from, b.label) for b in usual_bridge_days(year)]

    assert listed(2026) == [
        (date(2026, 5, 15), None, "pont de l'Ascension"),  # Ascension on Thursday 14 May
        (date(2026, 7, 13), None, "pont du 14 juillet"),  # 14 July on a Tuesday
        (date(2026, 12, 24), time(12), "veille de Noël"),
        (date(2026, 12, 31), time(12), "veille du jour de l'an"),
    ]
    assert listed(2027) == [
        (date(2027, 5, 7), None, "pont de l'Ascension"),
        (date(2027, 11, 12), None, "pont du 11 novembre"),  # 11 November on a Thursday
        (date(2027, 12, 24), time(12), "veille de Noël"),
        (date(2027, 12, 31), time(12), "veille du jour de l'an"),
    ]
    # 2028: 15 August on a Tuesday; 24 and 31 December on Sundays (no continuity to shorten)
    assert [d for d, _, _ in listed(2028)] == [date(2028, 5, 26), date(2028, 8, 14)]
    # overseas: the same Ascension bridge (the day is a holiday there too)
    assert date(2027, 5, 7) in [b.day for b in usual_bridge_days(2027, HolidayZone.REUNION)]


def test_overseas_continuity_days_are_in_local_time():
    from sas_roster.domain.calendar import month_calendar

    reunion = month_calendar(AssociationSettings("t", zone=HolidayZone.REUNION), 2027, 3).days[0]
    paris = month_calendar(AssociationSettings("t"), 2027, 3).days[0]
    assert reunion.start_of(Role.REGULATOR).utcoffset().total_seconds() == 4 * 3600
    assert paris.start_of(Role.REGULATOR).utcoffset().total_seconds() == 3600
    guadeloupe = month_calendar(AssociationSettings("t", zone=HolidayZone.GUADELOUPE), 2027, 7).days[0]
    assert guadeloupe.start_of(Role.REGULATOR).utcoffset().total_seconds() == -4 * 3600
