"""The bridge between stored data and the solver: a month's SAS problem, and a solution
written back as a draft roster.

`build_problem` reads everything one solve needs — continuity calendar, templates, hourly
demand (with dated overrides), on-call needs per territory, people with their commitments,
retiree quotas counted against the hours already worked this year, availability, PDSA
duties (including the night before the month, for rest), the last week of the previous
month (rest and weekly limits), pins, the CPTS rota, and the current roster as reference —
into a self-contained `SasProblem` (plain data: the worker thread gets only that).
`apply_solution` turns the solver's assignments into domain assignments and stores them as
the month's draft, never touching pinned, CPTS or published assignments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from solver import sas

from .domain.calendar import MonthCalendar, month_calendar
from .domain.demand import RotaSource, required_headcount
from .domain.enums import ContractKind, PersonStatus, Presence, Role, RosterStatus
from .domain.errors import DomainError, NotFoundError
from .domain.person import Person
from .domain.quotas import quota_status
from .domain.roster import Assignment
from .domain.settings import AssociationSettings

HISTORY_DAYS = 7
_STATUS = {
    PersonStatus.INSTALLED: "installed",
    PersonStatus.RETIRED_CUMUL: "retired",
    PersonStatus.RETIRED_AUTHORISED: "retired",
    PersonStatus.LOCUM: "locum",
    PersonStatus.SALARIED: "salaried",
}


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _time(minutes: int) -> time:
    return time(minutes // 60, minutes % 60) if minutes < 1440 else time(23, 59)


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


@dataclass(frozen=True)
class MonthProblem:
    """The solver problem of a month, with what is needed to map its answer back."""

    year: int
    month: int
    problem: sas.SasProblem
    persons: dict[str, Person]  # solver person id → stored person


def hourly_demand(services, cal: MonthCalendar) -> dict[tuple[Role, date, int], int]:
    """Required headcount per (role, day, hour) over the month's open hours, dated overrides applied."""
    curves = services.settings.demand_curves()
    overrides = services.settings.demand_overrides()
    required: dict[tuple[Role, date, int], int] = {}
    for d in cal.days:
        for role in (Role.REGULATOR, Role.OSNP):
            rng = d.hours.get(role)
            if rng is None or role not in curves:
                continue
            for hour in range(rng.start.hour, rng.end.hour + (rng.end.minute > 0)):
                if need := required_headcount(curves[role], overrides, d.day, hour):
                    required[(role, d.day, hour)] = need
    return required


def solver_settings(s: AssociationSettings) -> sas.Settings:
    return sas.Settings(
        policy=s.availability_policy.value,
        max_minutes_per_day=s.max_regulator_hours_per_day * 60,
        rest_after_pdsa_minutes=s.rest_after_pdsa_hours * 60 if s.rest_after_pdsa_night else 0,
        remote_min_on_site_percent=round(s.remote_min_on_site_share * 100),
        handover=s.handover_policy.value,
        osnp_max_minutes_per_day=s.osnp_max_hours_per_day * 60,
        osnp_min_rest_minutes=s.osnp_min_rest_hours * 60,
        osnp_max_minutes_per_week=s.osnp_max_hours_per_week * 60,
    )


def _solver_person(p: Person, first: date, last: date, worked_before: int) -> sas.Person:
    quota = quota_status(p, first, worked_before).minutes_left
    locum_days = None
    if p.status is PersonStatus.LOCUM:
        locum_days = tuple(
            (first + timedelta(n)).isoformat() for n in range((last - first).days + 1)
            if p.contract_on(ContractKind.LOCUM, first + timedelta(n))
        )
    osnp = next((c for c in p.contracts if c.kind is ContractKind.OSNP and c.weekly_hours), None)
    return sas.Person(
        id=str(p.id),
        name=p.short_name,
        roles=tuple(r.value for r in sorted(p.roles)),
        skills=tuple(sorted(p.skills)),
        territory=p.territory,
        status=_STATUS[p.status],
        remote=p.may_regulate_remotely_on(first),
        max_shifts=p.monthly_max_shifts,
        max_minutes=p.monthly_max_hours * 60 if p.monthly_max_hours is not None else None,
        quota_minutes=quota,
        contract_days=locum_days,
        weekly_minutes=round(osnp.weekly_hours * 60) if osnp and Role.OSNP in p.roles else None,
        # The engine keeps a retiree off every day after it (the quota covers the month).
        eligible_until=(p.quota.eligible_until.isoformat()
                        if p.quota is not None and p.quota.eligible_until is not None
                        and p.status.is_retired else None),
    )


def solver_assignment(a: Assignment) -> sas.Assignment:
    oncall = a.role is Role.EFFECTOR
    return sas.Assignment(
        person=str(a.person_id), day=a.day.isoformat(),
        template=sas.ONCALL if oncall else a.template_code,
        remote=a.presence is Presence.REMOTE, territory=a.territory if oncall else None,
    )


def build_problem(services, year: int, month: int, *, with_reference: bool | None = None) -> MonthProblem:
    """The month's `SasProblem` from stored data.

    `with_reference`: use the stored roster as the reference (few changes when re-solving);
    by default only once the roster has been published.
    """
    settings = services.settings.get()
    if settings is None:
        raise NotFoundError("Aucune association n'est configurée dans cette base (lancez « sas-roster demo »)")
    first, last = _month_bounds(year, month)
    cal = month_calendar(settings, year, month)
    if not cal.days:
        raise DomainError(f"Aucun jour de continuité en {year:04d}-{month:02d}")
    days = [sas.ContinuityDay(d.day, {r.value: (_minutes(rg.start), _minutes(rg.end)) for r, rg in d.hours.items()})
            for d in cal.days]
    templates = [
        sas.Template(t.code, t.role.value, _minutes(t.start), _minutes(t.end), tuple(sorted(t.weekdays)), t.skill, t.label)
        for t in services.settings.shift_templates() if t.role in (Role.REGULATOR, Role.OSNP)
    ]
    demand = [sas.HourDemand(role.value, day, hour, need)
              for (role, day, hour), need in hourly_demand(services, cal).items()]
    territories = services.settings.territories()
    solver_territories = [sas.Territory(t.code, t.name, t.rota_source is RotaSource.CPTS) for t in territories]
    oncall = [sas.OnCallDemand(t.code, d.day, t.oncall_per_day) for t in territories
              if t.rota_source is RotaSource.ASSOCIATION and t.oncall_per_day > 0
              for d in cal.days if Role.EFFECTOR in d.hours]

    persons = {str(p.id): p for p in services.persons.list(active=True)
               if any(p.is_active_on(d.day) for d in cal.days)}
    worked = services.history.minutes_in_year_before(year, first)
    people = [_solver_person(p, first, last, worked.get(p.id, 0)) for p in persons.values()]
    cpts_codes = {t.code for t in territories if t.rota_source is RotaSource.CPTS}
    for sp in people:
        # The monthly commitment is what a doctor gives the association's own rostering; an
        # effector whose CPTS sends its rota is not rostered by us, so it does not bind him.
        if sp.roles == (Role.EFFECTOR.value,) and sp.territory in cpts_codes:
            sp.max_shifts = sp.max_minutes = None

    availability = [sas.Availability(str(e.person_id), e.day, _minutes(e.range.start), _minutes(e.range.end), e.kind.value,
                                     remote=e.remote)
                    for e in services.availability.list_month(year, month) if str(e.person_id) in persons]
    # Days a person is not active are unavailable whatever they said.
    for pid, p in persons.items():
        for d in cal.days:
            if not p.is_active_on(d.day):
                availability.append(sas.Availability(pid, d.day, 0, 1440, "unavailable"))
    pdsa = [sas.PdsaDuty(str(x.person_id), x.start, x.end, x.kind.value)
            for x in services.pdsa.list_period(first - timedelta(days=1), last + timedelta(days=1))
            if str(x.person_id) in persons]

    py, pm = (year - 1, 12) if month == 1 else (year, month - 1)
    history = [sas.PastShift(str(a.person_id), a.day, _minutes(a.start), _minutes(a.end), a.role.value)
               for a in services.rosters.assignments(py, pm)
               if a.day >= first - timedelta(days=HISTORY_DAYS) and str(a.person_id) in persons]

    roster = services.rosters.get(year, month)
    stored = roster.assignments or [] if roster else []
    cpts_rota = [solver_assignment(a) for a in stored if a.fixed_by_cpts and a.territory in cpts_codes]
    pins = [solver_assignment(a) for a in stored if a.pinned and not a.fixed_by_cpts]
    # A CPTS that sends its rota vouches for its doctors' availability on those days: they do
    # not answer the association's availability forms.
    availability += [sas.Availability(str(a.person_id), a.day, _minutes(a.start), _minutes(a.end), "available")
                     for a in stored if a.fixed_by_cpts and a.territory in cpts_codes]
    if with_reference is None:
        with_reference = roster is not None and roster.status is RosterStatus.PUBLISHED
    reference = [solver_assignment(a) for a in stored if not a.fixed_by_cpts] if with_reference else []

    problem = sas.SasProblem(
        days=days, templates=templates, people=people, demand=demand,
        territories=solver_territories, oncall=oncall, availability=availability, pdsa=pdsa,
        history=history, pins=pins, cpts_rota=cpts_rota, reference=reference,
        settings=solver_settings(settings), name=f"{settings.name} — {year:04d}-{month:02d}",
    )
    return MonthProblem(year, month, problem, persons)


def to_domain_assignments(services, mp: MonthProblem, assignments: list[sas.Assignment]) -> list[Assignment]:
    """Solver assignments → domain assignments (on-call duties get the effector template of the weekday)."""
    effector_templates = services.settings.shift_templates(Role.EFFECTOR)
    templates = {t.code: t for t in services.settings.shift_templates()}
    days = {d.date: d for d in mp.problem.days}
    out: list[Assignment] = []
    for a in assignments:
        day = date.fromisoformat(a.day)
        if a.template == sas.ONCALL:
            tpl = next((t for t in effector_templates if day.weekday() in t.weekdays), None)
            start, end = days[a.day].open[sas.EFFECTOR]
            out.append(Assignment(int(a.person), day, tpl.code if tpl else sas.ONCALL, Role.EFFECTOR,
                                  _time(start), _time(end), territory=a.territory))
        else:
            t = templates[a.template]
            # On a day closing early the engine worked the template up to the closing time.
            close = days[a.day].open.get(t.role.value, (0, 1440))[1]
            end = min(_minutes(t.end), close)
            out.append(Assignment(int(a.person), day, t.code, t.role, t.start, _time(end),
                                  Presence.REMOTE if a.remote else Presence.ON_SITE))
    return out


def apply_solution(services, mp: MonthProblem, solution: sas.SasSolution, actor: str | None = None) -> list[Assignment]:
    """Store the solution as the month's draft: pinned and CPTS assignments stay as they are."""
    if not solution.has_roster:
        raise DomainError("Le moteur n'a trouvé aucun planning à enregistrer")
    roster = services.rosters.get_or_create(mp.year, mp.month, actor=actor)
    if roster.status is not RosterStatus.DRAFT:
        raise DomainError(
            f"Le planning {mp.year:04d}-{mp.month:02d} est {'publié' if roster.status is RosterStatus.PUBLISHED else 'validé'} : "
            "il ne se modifie plus que par avenant")
    kept = {(a.person, a.day, a.template, a.territory) for a in mp.problem.pins + mp.problem.cpts_rota}
    fresh = [a for a in solution.assignments if (a.person, a.day, a.template, a.territory) not in kept]
    return services.rosters.replace_draft(mp.year, mp.month, to_domain_assignments(services, mp, fresh), actor=actor)


def current_solution(assignments: list[Assignment]) -> sas.SasSolution:
    """The stored roster as a solver solution (for ranking candidates and re-solving)."""
    return sas.SasSolution("feasible", [solver_assignment(a) for a in assignments])


def apply_replacement(services, mp: MonthProblem, stored: list[Assignment], person_id: int,
                      result, actor: str | None = None) -> list[Assignment]:
    """Store a cancellation's re-solve (`solver.sas.replace.replace` result): the cancelled
    assignment goes even when it was pinned, the re-solved rest becomes the draft."""
    cancelled = {(a.day, a.template, a.territory) for a in result.cancelled}
    for a in stored:
        sa = solver_assignment(a)
        if a.person_id == person_id and a.pinned and (sa.day, sa.template, sa.territory) in cancelled:
            services.rosters.remove(a.id, actor=actor)
    if not result.solution.has_roster:
        return services.rosters.assignments(mp.year, mp.month)
    return apply_solution(services, mp, result.solution, actor=actor)
