"""Stores a synthetic benchmark département (`solver.bench.generator`) in a database through
the services, so that the window's and the exports' benchmarks open it the way a
coordinator would.

The generator writes solver problems; this maps them back to the association's data:
settings and opening hours, territories, shift templates, weekday demand curves, people
(invented names, RPPS made with the check digit), availability, PDSA duties, the CPTS rota
and the pins. Only what the window needs is kept (no history before the month).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sas_roster.domain.availability import AvailabilityEntry, PdsaDuty
from sas_roster.domain.demand import DemandCurve, RotaSource, ShiftTemplate, Territory
from sas_roster.domain.enums import Sector
from sas_roster.domain.enums import AvailabilityKind, AvailabilityPolicy, ContractKind, DutyKind, HandoverPolicy, PersonStatus, Role
from sas_roster.domain.person import Contract, Person, RemoteAuthorisation, RetireeQuota
from sas_roster.domain.rates import default_rates
from sas_roster.domain.roster import Assignment
from sas_roster.domain.rpps import make_rpps
from sas_roster.domain.settings import AssociationSettings, TimeRange
from solver import sas

if TYPE_CHECKING:
    from sas_roster.services.facade import Services

STATUS = {"installed": PersonStatus.INSTALLED, "retired": PersonStatus.RETIRED_CUMUL,
          "locum": PersonStatus.LOCUM, "salaried": PersonStatus.SALARIED}


def _t(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


def _person(i: int, p: sas.Person, first_day: date) -> Person:
    first, _sep, last = p.name.removeprefix("Dr ").partition(" ")
    roles = frozenset(Role(r) for r in p.roles)
    doctor = roles & {Role.REGULATOR, Role.EFFECTOR}
    contracts: tuple[Contract, ...] = ()
    if p.status == "locum" and p.contract_days:
        days = sorted(date.fromisoformat(d) for d in p.contract_days)
        contracts = (Contract(ContractKind.LOCUM, days[0], days[-1], replaces="Dr Titulaire Imaginaire"),)
    if p.weekly_minutes:
        contracts += (Contract(ContractKind.OSNP, first_day - timedelta(days=365), None, "Association", p.weekly_minutes / 60),)
    return Person(
        last_name=last or first, first_name=first if last else "", roles=roles, status=STATUS[p.status],
        rpps=make_rpps(f"18{i:08d}") if doctor else None, territory=p.territory, skills=frozenset(p.skills),
        sector=Sector.S1 if Role.REGULATOR in roles else None,
        remote=RemoteAuthorisation(first_day - timedelta(days=100), "cabinet") if p.remote else None,
        monthly_max_shifts=p.max_shifts, monthly_max_hours=p.max_minutes // 60 if p.max_minutes else None,
        quota=RetireeQuota(p.quota_minutes // 60) if p.quota_minutes is not None and p.status == "retired" else None,
        contracts=contracts, active_from=first_day - timedelta(days=365),
    )


def store_generated(services: Services, problem: sas.SasProblem) -> tuple[int, int]:
    """Writes `problem` into an empty database; returns the (year, month) of its first month."""
    first = date.fromisoformat(problem.days[0].date)
    opening: dict[Role, dict[int, TimeRange]] = defaultdict(dict)
    for d in problem.days:
        wd = date.fromisoformat(d.date).weekday()
        for role, (opens, closes) in d.open.items():
            opening[Role(role)].setdefault(wd, TimeRange(_t(opens), _t(closes)))
    st = problem.settings
    services.reset_database(actor="banc d'essai")
    services.settings.save(AssociationSettings(
        name=problem.name or "Banc d'essai", department="département synthétique", opening_hours=dict(opening),
        availability_policy=AvailabilityPolicy(st.policy), handover_policy=HandoverPolicy(st.handover),
        rest_after_pdsa_hours=st.rest_after_pdsa_minutes // 60, max_regulator_hours_per_day=st.max_minutes_per_day // 60,
        osnp_max_hours_per_day=st.osnp_max_minutes_per_day // 60, osnp_min_rest_hours=st.osnp_min_rest_minutes // 60,
        osnp_max_hours_per_week=st.osnp_max_minutes_per_week // 60,
        remote_min_on_site_share=st.remote_min_on_site_percent / 100))
    per_day: dict[str, int] = defaultdict(int)
    for o in problem.oncall:
        per_day[o.territory] = max(per_day[o.territory], o.count)
    services.settings.save_territories([
        Territory(t.code, t.name or t.code, per_day.get(t.code, 1), RotaSource.CPTS if t.cpts_rota else RotaSource.ASSOCIATION)
        for t in problem.territories])
    templates = [ShiftTemplate(Role(t.role), t.code, t.label or t.code, _t(t.start), _t(t.end), frozenset(t.weekdays), t.skill)
                 for t in problem.templates]
    eff = opening.get(Role.EFFECTOR, {})
    weekdays = frozenset(wd for wd, r in eff.items() if r.end.hour >= 20)
    saturday = frozenset(wd for wd in eff if wd not in weekdays)
    if weekdays:
        rng = eff[min(weekdays)]
        templates.append(ShiftTemplate(Role.EFFECTOR, "AST", "Astreinte effecteur", rng.start, rng.end, weekdays))
    if saturday:
        rng = eff[min(saturday)]
        templates.append(ShiftTemplate(Role.EFFECTOR, "AST-SAM", "Astreinte samedi", rng.start, rng.end, saturday))
    services.settings.save_shift_templates(templates)
    curves: dict[Role, dict[int, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for h in problem.demand:
        wd = date.fromisoformat(h.day).weekday()
        curves[Role(h.role)][wd].setdefault(h.hour, h.required)
    for role, by_weekday in curves.items():
        services.settings.save_demand_curve(DemandCurve(role, {wd: dict(x) for wd, x in by_weekday.items()}))
    services.settings.save_rates(default_rates())

    stored = services.persons.add_many([_person(i, p, first) for i, p in enumerate(problem.people, 1)])
    ids: dict[str, int] = {}  # generator's person id -> stored id
    for p, row in zip(problem.people, stored, strict=True):
        assert row.id is not None, "add_many returns the persons as stored"
        ids[p.id] = row.id
    by_month: dict[tuple[int, int], list[AvailabilityEntry]] = defaultdict(list)
    for slot in problem.availability:
        day = date.fromisoformat(slot.day)
        by_month[(day.year, day.month)].append(AvailabilityEntry(
            ids[slot.person], day, TimeRange(_t(slot.start), _t(min(slot.end, 1439))), AvailabilityKind(slot.kind)))
    for (y, m), entries in by_month.items():
        # The generator may say the same thing twice about a slot; the base keeps one of each.
        services.availability.replace_many(y, m, list(dict.fromkeys(entries)))
    # One duty per person and start (the generator may draw the same duty twice).
    duties = {(x.person, x.start): x for x in problem.pdsa}
    services.pdsa.add_many([PdsaDuty(ids[x.person], datetime.fromisoformat(x.start), datetime.fromisoformat(x.end),
                                     DutyKind(x.kind)) for x in duties.values()])
    tpl = {t.code: t for t in templates}
    fixed = []
    for a in problem.cpts_rota + problem.pins:
        day = date.fromisoformat(a.day)
        if a.template == sas.ONCALL:
            code = "AST" if day.weekday() in weekdays else "AST-SAM"
            fixed.append(Assignment(ids[a.person], day, code, Role.EFFECTOR, tpl[code].start, tpl[code].end, pinned=True,
                                    territory=a.territory, fixed_by_cpts=a in problem.cpts_rota))
        else:
            t = tpl[a.template]
            fixed.append(Assignment(ids[a.person], day, t.code, t.role, t.start, t.end, pinned=True))
    services.rosters.get_or_create(first.year, first.month)
    services.rosters.replace_draft(first.year, first.month, fixed)
    return first.year, first.month


def month_of(size: str, seed: int = 0) -> tuple[int, int]:
    """The month the generated département of `size` is about."""
    from solver.bench.generator import generate

    first = date.fromisoformat(generate(size, seed).days[0].date)
    return first.year, first.month


def store_department(services: Services, size: str, seed: int = 0, solve_seconds: float | None = None) -> tuple[int, int]:
    """Generate the benchmark département of `size`, store it; with `solve_seconds`, solve its
    month and store the draft (through the solving use case). Returns (year, month)."""
    from solver.bench.generator import generate

    problem = generate(size, seed)
    store_generated(services, problem)
    first = date.fromisoformat(problem.days[0].date)
    if solve_seconds is not None:
        job = services.solving.prepare(first.year, first.month, time_limit=solve_seconds)
        services.solving.store(job, job.run(), actor="benchmark")
    return first.year, first.month


def store_published_department(services: Services, size: str, seed: int = 0) -> tuple[int, int]:
    """The benchmark département of `size` stored, its month filled by the greedy baseline (a
    full month in a second, where the engine takes minutes) and published as version 1: what
    the export benchmark writes documents from. Returns (year, month)."""
    from solver.bench.greedy import greedy

    from .planning import build_problem, to_domain_assignments

    year, month = store_department(services, size, seed)
    mp = build_problem(services, year, month)
    kept = {(a.person, a.day, a.template, a.territory) for a in mp.problem.pins + mp.problem.cpts_rota}
    fresh = [a for a in greedy(mp.problem) if (a.person, a.day, a.template, a.territory) not in kept]
    services.rosters.replace_draft(year, month, to_domain_assignments(services, mp, fresh), actor="benchmark")
    services.rosters.publish(year, month, actor="benchmark")
    return year, month
