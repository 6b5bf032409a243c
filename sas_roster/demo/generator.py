"""The demo association: an invented rural département SAS, sized like a pilot SAS.

About 18 regulators (3 retired with quotas, 2 authorised for remote regulation, 1 locum under
contract), 5 OSNP (full and part time), about 50 effectors in 5 CPTS territories (one of which
sends its own on-call rota), availability for the current and next two months (many doctors
answer for a few days only), PDSA duties, hourly demand curves with a Monday peak and a winter
epidemic override. Everything is invented and deterministic for a given seed and date.

Persons are referred to by their index in `DemoData.persons` (field `person_id` of the
availability entries, PDSA duties and rota assignments) until the loader stores them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from ..domain.availability import AvailabilityEntry, PdsaDuty
from ..domain.calendar import month_calendar
from ..domain.demand import DemandCurve, DemandOverride, RotaSource, ShiftTemplate, Territory
from ..domain.enums import (
    AvailabilityKind,
    AvailabilityPolicy,
    ContractKind,
    DutyKind,
    HandoverPolicy,
    HolidayZone,
    PersonStatus,
    Role,
    Sector,
)
from ..domain.person import Contract, Person, RemoteAuthorisation, RetireeQuota, TrainingRecord
from ..domain.rates import DatedRate, Indicator9Tier, default_indicator9_tiers, default_rates
from ..domain.roster import Assignment
from ..domain.rpps import make_rpps
from ..domain.settings import AssociationSettings, BridgeDay, TimeRange
from ..domain.setup import default_templates
from .names import FIRST_NAMES, LAST_NAMES

WEEKDAYS = frozenset(range(5))
SATURDAY = frozenset({5})


@dataclass
class DemoData:
    settings: AssociationSettings
    territories: list[Territory]
    templates: list[ShiftTemplate]
    curves: list[DemandCurve]
    overrides: list[DemandOverride]
    persons: list[Person]
    availability: list[AvailabilityEntry] = field(default_factory=list)
    pdsa: list[PdsaDuty] = field(default_factory=list)
    cpts_rota: list[Assignment] = field(default_factory=list)
    rates: list[DatedRate] = field(default_factory=list)
    tiers: list[Indicator9Tier] = field(default_factory=list)
    months: list[tuple[int, int]] = field(default_factory=list)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def demo_settings(year: int) -> AssociationSettings:
    return AssociationSettings(
        name="Association SAS Val-de-Brenne (démo)",
        is_demo=True,
        department="Val-de-Brenne (département fictif)",
        zone=HolidayZone.METROPOLE,
        bridge_days=(
            BridgeDay(date(year, 12, 24), time(12), "veille de Noël"),
            BridgeDay(date(year, 12, 31), time(12), "veille du jour de l'an"),
        ),
        availability_policy=AvailabilityPolicy.OPT_IN,
        handover_policy=HandoverPolicy.ALLOW,
    )


def demo_territories() -> list[Territory]:
    return [
        Territory("HB", "CPTS du Haut-Brenne", 1),
        Territory("VA", "CPTS Val d'Argent", 1),
        Territory("TR", "CPTS des Trois-Rivières", 2),
        Territory("PC", "CPTS du Plateau de Cèze", 1),
        Territory("BM", "CPTS Bocage et Marais", 1, RotaSource.CPTS),
    ]


def _curve(role: Role, weekday_hours: dict[int, dict[int, int]]) -> DemandCurve:
    return DemandCurve(role, weekday_hours)


def demo_curves() -> list[DemandCurve]:
    # Regulators: Monday peak (3 in the morning, 2 all day), 2 mornings otherwise.
    reg: dict[int, dict[int, int]] = {}
    for wd in range(5):
        hours = {h: 1 for h in range(8, 20)}
        for h in range(8, 12):
            hours[h] = 2
        if wd == 0:
            hours.update({h: 2 for h in range(8, 20)})
            hours.update({9: 3, 10: 3, 11: 3})
        reg[wd] = hours
    reg[5] = {h: 1 for h in range(8, 12)}
    osnp = {wd: {h: 1 for h in range(8, 20)} for wd in range(5)}
    osnp[0].update({h: 2 for h in range(9, 18)})
    osnp[5] = {h: 1 for h in range(8, 12)}
    return [_curve(Role.REGULATOR, reg), _curve(Role.OSNP, osnp)]


def demo_overrides(year: int) -> list[DemandOverride]:
    """Winter epidemic: one more regulator every weekday morning from mid-December to February."""
    reg = demo_curves()[0].by_weekday
    epidemic = {wd: dict(hours) for wd, hours in reg.items()}
    for wd in range(5):
        for h in range(8, 12):
            epidemic[wd][h] = epidemic[wd][h] + 1
    return [
        DemandOverride(
            "Épidémie hivernale", date(year, 12, 15), date(year + 1, 2, 28), DemandCurve(Role.REGULATOR, epidemic)
        )
    ]


class _People:
    """Draws distinct invented names and RPPS numbers."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[tuple[str, str]] = set()
        self.serial = 0

    def name(self) -> tuple[str, str]:
        while True:
            pair = (self.rng.choice(LAST_NAMES), self.rng.choice(FIRST_NAMES))
            if pair not in self.used:
                self.used.add(pair)
                return pair

    def rpps(self) -> str:
        # 10 fictitious digits "19999" + serial: no real RPPS starts this way in the demo's range.
        self.serial += 1
        return make_rpps(f"19999{self.serial:05d}")

    def phone(self) -> str:
        return "06 " + " ".join(f"{self.rng.randrange(100):02d}" for _ in range(4))


def _email(first: str, last: str) -> str:
    import unicodedata

    def ascii_(s: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", s) if c.isalnum() and ord(c) < 128).lower()

    return f"{ascii_(first)}.{ascii_(last)}@exemple.invalid"


def demo_persons(rng: random.Random, today: date, territories: list[Territory]) -> list[Person]:
    people = _People(rng)
    persons: list[Person] = []
    trained = (TrainingRecord("formation régulation", date(today.year - 1, 3, 14), date(today.year + 2, 3, 14)),)
    for i in range(18):
        last, first = people.name()
        status = PersonStatus.INSTALLED
        quota = None
        contracts: tuple[Contract, ...] = ()
        remote = None
        roles = {Role.REGULATOR}
        if i in (0, 1):
            status = PersonStatus.RETIRED_CUMUL
            quota = RetireeQuota(yearly_hours=240 if i == 0 else 300, monthly_hours=32 if i == 0 else None)
        elif i == 2:
            status = PersonStatus.RETIRED_AUTHORISED
            quota = RetireeQuota(yearly_hours=180, eligible_until=date(today.year + 1, 6, 30))
        elif i == 3:
            status = PersonStatus.LOCUM
            # Invented like every name here: the doctor whose practice the locum holds.
            replaced = f"Dr {FIRST_NAMES[0]} {LAST_NAMES[0]}"
            contracts = (Contract(ContractKind.LOCUM, date(today.year, 9, 1), date(today.year + 1, 2, 28),
                                  replaces=replaced),)
        if i in (4, 5):
            remote = RemoteAuthorisation(date(today.year - 1, 10, 1), "cabinet médical")
        if i >= 12:  # a few regulators are also on-call effectors of their territory
            roles.add(Role.EFFECTOR)
        skills = frozenset({"pédiatrie"}) if i in (6, 9) else frozenset({"senior superviseur"}) if i == 7 else frozenset()
        persons.append(
            Person(
                last_name=last, first_name=first, roles=frozenset(roles), status=status, rpps=people.rpps(),
                sector=Sector.S1 if i % 4 else Sector.S2 if i % 8 else Sector.OPTAM,
                phone=people.phone(), email=_email(first, last),
                territory=territories[i % len(territories)].code if Role.EFFECTOR in roles else None,
                remote=remote, skills=skills, trainings=trained,
                monthly_max_shifts=rng.choice((4, 6, 8, 10)) if i != 3 else 12,
                quota=quota, contracts=contracts, active_from=date(today.year - 1, 1, 1),
            )
        )
    employers = ("Association SAS Val-de-Brenne", "GESA Val-de-Brenne", "Centre hospitalier de Brennac")
    for i, weekly in enumerate((35, 35, 35, 24, 28)):
        last, first = people.name()
        persons.append(
            Person(
                last_name=last, first_name=first, roles=frozenset({Role.OSNP}), status=PersonStatus.SALARIED,
                phone=people.phone(), email=_email(first, last),
                trainings=(TrainingRecord("formation socle OSNP", date(today.year - 1, 9, 5)),),
                contracts=(Contract(ContractKind.OSNP, date(today.year - 1, 9, 1), None, employers[i % 3], weekly),),
                active_from=date(today.year - 1, 9, 1),
            )
        )
    per_territory = {"HB": 10, "VA": 9, "TR": 12, "PC": 8, "BM": 8}
    already = {p.territory for p in persons if p.territory}
    for code, n in per_territory.items():
        for _ in range(n - (1 if code in already else 0)):
            last, first = people.name()
            persons.append(
                Person(
                    last_name=last, first_name=first, roles=frozenset({Role.EFFECTOR}),
                    status=PersonStatus.INSTALLED, rpps=people.rpps(),
                    sector=rng.choice((Sector.S1, Sector.S1, Sector.S1, Sector.S2, Sector.OPTAM)),
                    phone=people.phone(), email=_email(first, last), territory=code,
                    consent_contact=rng.random() > 0.05, monthly_max_shifts=rng.choice((3, 4, 5, 6)),
                    active_from=date(today.year - 1, 1, 1),
                )
            )
    return persons


def _month_days(settings: AssociationSettings, months: list[tuple[int, int]]):
    for y, m in months:
        yield from month_calendar(settings, y, m).days


def demo_availability(rng: random.Random, persons: list[Person], settings: AssociationSettings,
                      months: list[tuple[int, int]]) -> list[AvailabilityEntry]:
    """Opt-in desiderata. Regulators: a few keen ones, many answering for a few days only."""
    entries: list[AvailabilityEntry] = []
    days = list(_month_days(settings, months))
    for idx, p in enumerate(persons):
        if Role.OSNP in p.roles:
            leave_start = rng.randrange(max(1, len(days) - 5))
            leave = {d.day for d in days[leave_start:leave_start + 5]}
            for d in days:
                rng_hours = d.hours[Role.OSNP]
                kind = AvailabilityKind.UNAVAILABLE if d.day in leave else AvailabilityKind.AVAILABLE
                entries.append(AvailabilityEntry(idx, d.day, rng_hours, kind))
            continue
        if Role.REGULATOR in p.roles:
            share = rng.choice((0.15, 0.2, 0.25, 0.35, 0.5, 0.7))
        elif Role.EFFECTOR in p.roles:
            share = rng.choice((0.2, 0.3, 0.4, 0.5))
        else:
            continue
        role = Role.REGULATOR if Role.REGULATOR in p.roles else Role.EFFECTOR
        for d in days:
            if rng.random() >= share:
                continue
            full = d.hours[role]
            if full.minutes > 4 * 60 and rng.random() < 0.4:
                # half a day only: the morning or the afternoon
                half = time(14) if rng.random() < 0.5 else time(12)
                rng_h = TimeRange(full.start, half) if rng.random() < 0.5 else TimeRange(half, full.end)
            else:
                rng_h = full
            roll = rng.random()
            kind = (AvailabilityKind.PREFERRED if roll < 0.2 else
                    AvailabilityKind.IF_NEEDED if roll < 0.35 else AvailabilityKind.AVAILABLE)
            entries.append(AvailabilityEntry(idx, d.day, rng_h, kind))
    return entries


def demo_pdsa(rng: random.Random, persons: list[Person], months: list[tuple[int, int]]) -> list[PdsaDuty]:
    """PDSA duties rostered elsewhere: weeknights 20h–8h, Saturday afternoons, Sundays."""
    duties: list[PdsaDuty] = []
    doctors = [i for i, p in enumerate(persons) if p.roles & {Role.REGULATOR, Role.EFFECTOR}]
    for y, m in months:
        first = date(y, m, 1)
        ny, nm = add_months(y, m, 1)
        n_days = (date(ny, nm, 1) - first).days
        for idx in doctors:
            if rng.random() > 0.45:
                continue
            kind = DutyKind.REGULATION if Role.REGULATOR in persons[idx].roles else DutyKind.EFFECTION
            sector = persons[idx].territory
            for _ in range(rng.choice((1, 1, 2, 3))):
                d = first + timedelta(days=rng.randrange(n_days))
                wd = d.weekday()
                if wd < 5:
                    start, end = datetime.combine(d, time(20)), datetime.combine(d + timedelta(days=1), time(8))
                elif wd == 5:
                    start, end = datetime.combine(d, time(12)), datetime.combine(d, time(20))
                else:
                    start, end = datetime.combine(d, time(8)), datetime.combine(d, time(20))
                if any(x.person_id == idx and x.start == start for x in duties):
                    continue
                duties.append(PdsaDuty(idx, start, end, kind, sector))
    return duties


def demo_cpts_rota(persons: list[Person], settings: AssociationSettings, territories: list[Territory],
                   templates: list[ShiftTemplate], months: list[tuple[int, int]],
                   pdsa: Sequence[PdsaDuty] = ()) -> list[Assignment]:
    """The on-call rota a CPTS that keeps its own sends: fixed assignments, round robin,
    skipping a doctor on a day his PDSA duty touches (as the CPTS would)."""
    busy = {(x.person_id, day) for x in pdsa for day in (x.start.date(), x.end.date())}
    rota: list[Assignment] = []
    for terr in territories:
        if terr.rota_source is not RotaSource.CPTS:
            continue
        members = [i for i, p in enumerate(persons) if p.territory == terr.code and Role.EFFECTOR in p.roles]
        turn = 0
        for d in _month_days(settings, months):
            code = "AST-SAM" if d.day.weekday() == 5 else "AST"
            for _ in range(terr.oncall_per_day):
                for _attempt in range(len(members)):
                    idx = members[turn % len(members)]
                    turn += 1
                    if (idx, d.day) not in busy:
                        break
                hours = d.hours[Role.EFFECTOR]  # the day's on-call span (shorter on a bridge day)
                rota.append(Assignment(idx, d.day, code, Role.EFFECTOR, hours.start, hours.end,
                                       pinned=True, territory=terr.code, fixed_by_cpts=True))
    return rota


def build_demo(today: date, seed: int = 2027) -> DemoData:
    """The whole demo association for the month of `today` and the next two."""
    rng = random.Random(seed)
    months = [add_months(today.year, today.month, k) for k in range(3)]
    settings = demo_settings(today.year)
    territories = demo_territories()
    templates = default_templates()  # the usual ones the setup wizard proposes too
    persons = demo_persons(rng, today, territories)
    pdsa = demo_pdsa(rng, persons, months)
    availability = demo_availability(rng, persons, settings, months)
    return DemoData(
        settings=settings,
        territories=territories,
        templates=templates,
        curves=demo_curves(),
        overrides=demo_overrides(today.year if today.month < 12 else today.year),
        persons=persons,
        availability=availability,
        pdsa=pdsa,
        cpts_rota=demo_cpts_rota(persons, settings, territories, templates, months, pdsa),
        rates=default_rates(),
        tiers=default_indicator9_tiers(),
        months=months,
    )
