"""Invented, realistic records of every domain type (no real persons), shared by the
persistence and services tests."""

from __future__ import annotations

from datetime import date, datetime, time

from sas_roster.domain.availability import AvailabilityEntry, PdsaDuty
from sas_roster.domain.demand import DemandCurve, DemandOverride, RotaSource, ShiftTemplate, Territory
from sas_roster.domain.enums import (
    AvailabilityKind,
    AvailabilityPolicy,
    ContractKind,
    DutyKind,
    HandoverPolicy,
    HolidayZone,
    PersonStatus,
    Presence,
    Role,
    Sector,
)
from sas_roster.domain.person import Contract, Person, RemoteAuthorisation, RetireeQuota, TrainingRecord
from sas_roster.domain.roster import Assignment
from sas_roster.domain.rpps import make_rpps
from sas_roster.domain.settings import AssociationSettings, BridgeDay, TimeRange, default_opening_hours

R = Role.REGULATOR
E = Role.EFFECTOR
O = Role.OSNP  # noqa: E741


def rpps(n: int) -> str:
    return make_rpps(f"10{n:08d}")


def settings() -> AssociationSettings:
    hours = default_opening_hours()
    hours[Role.OSNP][4] = TimeRange(time(8), time(19))  # Friday OSNP closes at 19h
    del hours[Role.EFFECTOR][5]  # no effector on Saturday
    return AssociationSettings(
        name="Association SAS Libéral du Val-Imaginaire",
        zone=HolidayZone.ALSACE_MOSELLE,
        department="57",
        opening_hours=hours,
        bridge_days=(BridgeDay(date(2027, 5, 7), None, "pont de l'Ascension"), BridgeDay(date(2027, 12, 24), time(12), "veille de Noël")),
        availability_policy=AvailabilityPolicy.OPT_OUT,
        rest_after_pdsa_night=False,
        rest_after_pdsa_hours=9,
        remote_min_on_site_share=0.25,
        handover_policy=HandoverPolicy.PREFER,
        max_regulator_hours_per_day=8,
        retention_years=7,
    )


def territories() -> list[Territory]:
    return [
        Territory("CPTS-NORD", "CPTS du Plateau Nord", 1, RotaSource.ASSOCIATION),
        Territory("CPTS-SUD", "CPTS Vallée Sud", 2, RotaSource.CPTS),
    ]


def templates() -> list[ShiftTemplate]:
    week = frozenset(range(5))
    return [
        ShiftTemplate(R, "R-M", "Régulation matin", time(8), time(12), frozenset(range(6))),
        ShiftTemplate(R, "R-AM", "Régulation après-midi", time(12), time(16), week),
        ShiftTemplate(R, "R-S", "Régulation soir", time(16), time(20), week, skill="pédiatrie"),
        ShiftTemplate(O, "O-M", "OSNP matin", time(8), time(14), week),
        ShiftTemplate(O, "O-AM", "OSNP après-midi", time(14), time(20), week),
        ShiftTemplate(E, "ASTR", "Astreinte effecteur", time(8), time(20), week),
    ]


def curve(role: Role = R, n: int = 2) -> DemandCurve:
    return DemandCurve(role, {wd: {h: n + (1 if 9 <= h < 11 else 0) for h in range(8, 20)} for wd in range(5)} | {5: {h: 1 for h in range(8, 12)}})


def override() -> DemandOverride:
    return DemandOverride("Épidémie hivernale", date(2027, 12, 1), date(2028, 2, 28), curve(R, 3))


def regulator(n: int = 1, **kw) -> Person:
    base = dict(
        last_name=f"Lefèvre{n}", first_name="Anne", roles=frozenset({R}), status=PersonStatus.INSTALLED,
        rpps=rpps(n), sector=Sector.S1, phone="06 00 00 00 01", email=f"anne{n}@exemple.invalid",
    )
    base.update(kw)
    return Person(**base)


def full_person() -> Person:
    """A person using every field (retired regulator-effector, remote, quota, contracts...)."""
    return Person(
        last_name="Gaillard-Dupré", first_name="Émile", roles=frozenset({R, E}),
        status=PersonStatus.RETIRED_CUMUL, rpps=rpps(42), sector=Sector.OPTAM,
        phone="+33 6 11 22 33 44", email="emile.gd@exemple.invalid", territory="CPTS-NORD",
        remote=RemoteAuthorisation(date(2026, 9, 1), "cabinet de Saint-Imaginaire"),
        skills=frozenset({"pédiatrie", "senior"}),
        trainings=(TrainingRecord("formation régulation", date(2025, 3, 2), date(2028, 3, 2)),
                   TrainingRecord("écoute de bandes", date(2026, 1, 15))),
        monthly_max_shifts=6, monthly_max_hours=30,
        quota=RetireeQuota(300, 40, date(2028, 6, 30)),
        contracts=(Contract(ContractKind.LOCUM, date(2026, 1, 1), date(2026, 12, 31), replaces="Dr Paul Imaginaire"),),
        consent_contact=False, active=True, active_from=date(2025, 1, 1), active_until=date(2029, 12, 31),
        extra={"note": "préfère les matinées"},
    )


def osnp(n: int = 1) -> Person:
    return Person(
        last_name=f"Moreau{n}", first_name="Lina", roles=frozenset({O}), status=PersonStatus.SALARIED,
        contracts=(Contract(ContractKind.OSNP, date(2026, 1, 1), None, "GESA Val-Imaginaire", 35.0),),
    )


def availability(person_id: int, year: int = 2027, month: int = 5) -> list[AvailabilityEntry]:
    return [
        AvailabilityEntry(person_id, date(year, month, 3), TimeRange(time(8), time(12)), AvailabilityKind.PREFERRED),
        AvailabilityEntry(person_id, date(year, month, 4), TimeRange(time(8), time(20)), AvailabilityKind.AVAILABLE),
        AvailabilityEntry(person_id, date(year, month, 10), TimeRange(time(12), time(20)), AvailabilityKind.UNAVAILABLE),
    ]


def duties(person_id: int) -> list[PdsaDuty]:
    return [
        PdsaDuty(person_id, datetime(2027, 5, 3, 20), datetime(2027, 5, 4, 8), DutyKind.REGULATION, "secteur 3"),
        PdsaDuty(person_id, datetime(2027, 5, 8, 12), datetime(2027, 5, 8, 20), DutyKind.EFFECTION),
    ]


def assignment(person_id: int, day: int, code: str = "R-M", start: int = 8, end: int = 12, role: Role = R, **kw) -> Assignment:
    return Assignment(person_id, date(2027, 5, day), code, role, time(start), time(end), **kw)


def remote_assignment(person_id: int) -> Assignment:
    return assignment(person_id, 5, "R-AM", 12, 16, presence=Presence.REMOTE, pinned=True)

