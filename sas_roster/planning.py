"""The bridge between stored data and the solver: a month's SAS problem, and a solution
written back as a draft roster.

`build_problem` reads everything one solve needs — continuity calendar, templates, hourly
demand (with dated overrides), on-call needs per territory, people with their commitments,
retiree quotas counted against the hours already worked this year, availability, PDSA
duties (including the night before the month, for rest), the last week of the previous
month (rest and weekly limits), pins, the CPTS rota, and the current roster as reference —
into a self-contained `SasProblem` (plain data: the worker thread gets only that).
`to_domain_assignments` turns the solver's assignments back into domain assignments; the
solving use case (`services.solving`) stores them, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import TYPE_CHECKING, Protocol

from solver import sas

from .domain.calendar import MonthCalendar, month_calendar
from .domain.demand import RotaSource, required_headcount
from .domain.enums import ContractKind, PersonStatus, Presence, Role, RosterStatus
from .domain.errors import DomainError, NotFoundError
from .domain.person import Person
from .domain.quotas import quota_status
from .domain.roster import Assignment
from .domain.settings import AssociationSettings

if TYPE_CHECKING:
    from .services.amendments import AmendmentService
    from .services.availability import AvailabilityService, PdsaService
    from .services.history import HistoryService
    from .services.persons import PersonService
    from .services.rosters import RosterService
    from .services.settings import SettingsService


class MonthReads(Protocol):
    """The reads a month's problem needs: the `Services` facade, or a view of it whose reads
    are remembered (`month_view.ReadOnce`)."""

    @property
    def settings(self) -> SettingsService: ...
    @property
    def persons(self) -> PersonService: ...
    @property
    def availability(self) -> AvailabilityService: ...
    @property
    def pdsa(self) -> PdsaService: ...
    @property
    def rosters(self) -> RosterService: ...
    @property
    def history(self) -> HistoryService: ...
    @property
    def amendments(self) -> AmendmentService: ...

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


def hourly_demand(services: MonthReads, cal: MonthCalendar) -> dict[tuple[Role, date, int], int]:
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


def _solver_person(p: Person, first: date, last: date, worked_before: int,
                   default_quota_hours: int | None = None) -> sas.Person:
    quota = quota_status(p, first, worked_before, default_yearly_hours=default_quota_hours).minutes_left
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
        weekly_minutes=round(osnp.weekly_hours * 60) if osnp and osnp.weekly_hours and Role.OSNP in p.roles else None,
        # The engine keeps a retiree off every day after it (the quota covers the month).
        eligible_until=(p.quota.eligible_until.isoformat()
                        if p.quota is not None and p.quota.eligible_until is not None
                        and p.status.is_retired else None),
    )


def _eligibility_ends(people: list[sas.Person], persons: dict[str, Person], cal: MonthCalendar) -> bool:
    """Give the engine each retiree's eligibility end date when it falls in the month (it is
    checked day by day, not per month), if the engine's Person has a field for it; says
    whether it has one."""
    fields = getattr(sas.Person, "__dataclass_fields__", {})
    name = next((f for f in ("eligible_until", "eligibility_end") if f in fields), None)
    if name is None:
        return False
    for sp in people:
        p = persons[sp.id]
        until = p.quota.eligible_until if p.status.is_retired and p.quota else None
        if until is not None and until < cal.days[-1].day and getattr(sp, name) is None:
            setattr(sp, name, until.isoformat())
    return True


def solver_assignment(a: Assignment) -> sas.Assignment:
    oncall = a.role is Role.EFFECTOR
    return sas.Assignment(
        person=str(a.person_id), day=a.day.isoformat(),
        template=sas.ONCALL if oncall else a.template_code,
        remote=a.presence is Presence.REMOTE, territory=a.territory if oncall else None,
    )


def build_problem(services: MonthReads, year: int, month: int, *, with_reference: bool | None = None) -> MonthProblem:
    """The month's `SasProblem` from stored data.

    `with_reference`: use the stored roster as the reference (few changes when re-solving);
    by default only once the roster has been published.
    """
    settings = services.settings.get()
    if settings is None:
        raise NotFoundError(
            "Aucune association n'est configurée dans cette base : décrivez-la d'abord avec l'assistant de "
            "configuration de la fenêtre, ou avec un fichier de paramètres (« sas-roster settings template "
            "--out parametres.xlsx », puis « sas-roster settings import parametres.xlsx »)")
    first, last = _month_bounds(year, month)
    cal = month_calendar(settings, year, month)
    if not cal.days:
        raise DomainError(f"Aucun jour de continuité en {year:04d}-{month:02d}")
    days = [sas.ContinuityDay(d.day.isoformat(), {r.value: (_minutes(rg.start), _minutes(rg.end)) for r, rg in d.hours.items()})
            for d in cal.days]
    templates = [
        sas.Template(t.code, t.role.value, _minutes(t.start), _minutes(t.end), tuple(sorted(t.weekdays)), t.skill, t.label)
        for t in services.settings.shift_templates() if t.role in (Role.REGULATOR, Role.OSNP)
    ]
    demand = [sas.HourDemand(role.value, day.isoformat(), hour, need)
              for (role, day, hour), need in hourly_demand(services, cal).items()]
    territories = services.settings.territories()
    solver_territories = [sas.Territory(t.code, t.name, t.rota_source is RotaSource.CPTS) for t in territories]
    oncall = [sas.OnCallDemand(t.code, d.day.isoformat(), t.oncall_per_day) for t in territories
              if t.rota_source is RotaSource.ASSOCIATION and t.oncall_per_day > 0
              for d in cal.days if Role.EFFECTOR in d.hours]

    persons = {str(p.id): p for p in services.persons.list(active=True)
               if any(p.is_active_on(d.day) for d in cal.days)}
    # Retiree quotas count regulation only (effector on-call hours do not), history included.
    worked = services.history.regulation_minutes_before(year, first)
    people = [_solver_person(p, first, last, worked.get(p.id, 0) if p.id is not None else 0,
                             settings.default_retiree_quota_hours)
              for p in persons.values()]
    engine_checks_eligibility = _eligibility_ends(people, persons, cal)
    cpts_codes = {t.code for t in territories if t.rota_source is RotaSource.CPTS}
    for sp in people:
        # The monthly commitment is what a doctor gives the association's own rostering; an
        # effector whose CPTS sends its rota is not rostered by us, so it does not bind him.
        if sp.roles == (Role.EFFECTOR.value,) and sp.territory in cpts_codes:
            sp.max_shifts = sp.max_minutes = None

    availability = [sas.Availability(str(e.person_id), e.day.isoformat(), _minutes(e.range.start), _minutes(e.range.end), e.kind.value,
                                     remote=e.remote)
                    for e in services.availability.list_month(year, month) if str(e.person_id) in persons]
    # Days a person is not active are unavailable whatever they said; so are, for a retiree
    # who only regulates, the days after his eligibility end date when the engine has no
    # field of its own for it (with one, its explanations name the real reason).
    for pid, p in persons.items():
        for d in cal.days:
            past_eligibility = (not engine_checks_eligibility and p.roles == {Role.REGULATOR}
                                and not p.retiree_eligible_on(d.day))
            if not p.is_active_on(d.day) or past_eligibility:
                availability.append(sas.Availability(pid, d.day.isoformat(), 0, 1440, "unavailable"))
    pdsa = [sas.PdsaDuty(str(x.person_id), x.start.isoformat(timespec="minutes"),
                         x.end.isoformat(timespec="minutes"), x.kind.value)
            for x in services.pdsa.list_period(first - timedelta(days=1), last + timedelta(days=1))
            if str(x.person_id) in persons]

    py, pm = (year - 1, 12) if month == 1 else (year, month - 1)
    history = [sas.PastShift(str(a.person_id), a.day.isoformat(), _minutes(a.start), _minutes(a.end), a.role.value)
               for a in services.rosters.assignments(py, pm)
               if a.day >= first - timedelta(days=HISTORY_DAYS) and str(a.person_id) in persons]

    roster = services.rosters.get(year, month)
    stored = roster.assignments or [] if roster else []
    # Settings may have changed since these were stored (a bridge day, shorter hours): what
    # the calendar no longer has is left to the month view's warnings, not given to the engine.
    open_days = {d.day: d for d in cal.days}
    stored = [a for a in stored if a.day in open_days and a.role in open_days[a.day].hours]
    cpts_rota = [solver_assignment(a) for a in stored if a.fixed_by_cpts and a.territory in cpts_codes]
    pins = [solver_assignment(a) for a in stored if a.pinned and not a.fixed_by_cpts]
    # A CPTS that sends its rota vouches for its doctors' availability on those days: they do
    # not answer the association's availability forms.
    availability += [sas.Availability(str(a.person_id), a.day.isoformat(), _minutes(a.start), _minutes(a.end), "available")
                     for a in stored if a.fixed_by_cpts and a.territory in cpts_codes]
    # Whoever withdrew from a slot stays off it in every later re-solve of the month.
    if roster is not None:
        availability += _withdrawals(services, year, month, persons)
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


def _withdrawals(services: MonthReads, year: int, month: int, persons: dict[str, Person]) -> list[sas.Availability]:
    templates = {t.code: t for t in services.settings.shift_templates()}
    out = []
    for c in services.amendments.changes(year, month):
        if c.action != "withdraw" or str(c.person_id) not in persons:
            continue
        t = templates.get(c.template_code) if c.template_code else None
        if t is not None and t.role is not Role.EFFECTOR:
            out.append(sas.Availability(str(c.person_id), c.day.isoformat(), _minutes(t.start), _minutes(t.end), "unavailable"))
        else:  # the whole day, or an on-call duty (which spans the day)
            out.append(sas.Availability(str(c.person_id), c.day.isoformat(), 0, 1440, "unavailable"))
    return out


def to_domain_assignments(services: MonthReads, mp: MonthProblem, assignments: list[sas.Assignment]) -> list[Assignment]:
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


def current_solution(assignments: list[Assignment]) -> sas.SasSolution:
    """The stored roster as a solver solution (for ranking candidates and re-solving)."""
    return sas.SasSolution("feasible", [solver_assignment(a) for a in assignments])
