"""Indicators for a month, a quarter or a year, read from the stored data (no writes).

``compute(services, period) -> Indicators``
    Each month of the period is evaluated as the roster window evaluates it
    (`month_view.month_state`: demand per role and hour against the people at work,
    uncovered hours explained), on the month's **published version** when there is one
    (`services.rosters.version(y, m)`), on its draft assignments otherwise. Hours per person
    come from the same assignments; activity from the imported aggregates; statements,
    budget and SNP acts from the money services when this build has them (`services.claims`,
    `services.budget`), otherwise those sections say "non disponible".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from ..domain.activity import calls_by_hour, calls_by_weekday_hour, totals, totals_by_territory
from ..domain.availability import AvailabilityEntry
from ..domain.capacity import RecruitmentEstimate, extra_doctors
from ..domain.enums import AvailabilityKind, AvailabilityPolicy, Role, RosterStatus
from ..domain.errors import DomainError, NotFoundError
from ..domain.indicators import (
    BudgetRow,
    Indicators,
    MonthCoverage,
    Period,
    PersonHours,
    Section,
    SnpRow,
    StatementTotal,
    cause_of,
    parse_period,
    spread,
)
from ..domain.person import Person
from ..domain.roster import Assignment, Roster
from .amendments import AmendmentService
from .availability import AvailabilityService, PdsaService
from .history import HistoryService
from .month_view import MonthState, month_state
from .persons import PersonService
from .rosters import RosterService
from .settings import SettingsService

NOT_AVAILABLE = "non disponible"


def month_source(services: Any, year: int, month: int) -> tuple[str, list[Assignment]]:
    """Which assignments stand for the month: the latest published version, else the stored
    roster (a draft, or a publication made before versions existed), else none."""
    version_of = getattr(services.rosters, "version", None)
    if callable(version_of):
        version = version_of(year, month)
        if version is not None:
            when = version.published_at.astimezone().strftime("%d/%m/%Y")
            return f"version {version.number} publiée le {when}", list(version.assignments)
    roster = services.rosters.get(year, month)
    if roster is None:
        return "aucun planning", []
    assignments = list(roster.assignments or [])
    if roster.status is RosterStatus.PUBLISHED:
        return f"publié (version {roster.version})", assignments
    return ("brouillon" if roster.status is RosterStatus.DRAFT else "validé"), assignments


class _PublishedRosters(RosterService):
    """`services.rosters` on the same database, whose `get` answers with the chosen
    assignments (the published version) instead of the working copy."""

    def __init__(self, rosters: RosterService, chosen: dict[tuple[int, int], list[Assignment]]) -> None:
        super().__init__(rosters._sessions)  # noqa: SLF001 - the same database
        self._chosen = chosen

    def get(self, year: int, month: int, with_assignments: bool = True) -> Roster | None:
        roster = super().get(year, month, with_assignments)
        if roster is None or (year, month) not in self._chosen:
            return roster
        return replace(roster, assignments=list(self._chosen[(year, month)]))


@dataclass(frozen=True)
class _Reads:
    """The facade's reads a month evaluation uses (`planning.MonthReads`), rosters swapped."""

    settings: SettingsService
    persons: PersonService
    availability: AvailabilityService
    pdsa: PdsaService
    rosters: RosterService
    history: HistoryService
    amendments: AmendmentService


def evaluate_month(services: Any, year: int, month: int) -> tuple[str, MonthState]:
    source, assignments = month_source(services, year, month)
    view = _Reads(services.settings, services.persons, services.availability, services.pdsa,
                  _PublishedRosters(services.rosters, {(year, month): assignments}), services.history,
                  services.amendments)
    return source, month_state(view, year, month)


def coverage_of(source: str, state: MonthState) -> MonthCoverage:
    required: dict[Role, int] = defaultdict(int)
    covered: dict[Role, int] = defaultdict(int)
    for (role, day, hour), need in state.required.items():
        required[role] += need
        covered[role] += min(need, state.covered.get((role, day, hour), 0))
    causes: dict[tuple[Role, str], int] = defaultdict(int)
    oncall_missing = 0
    for gap in state.gaps:
        if gap.hour is None:
            oncall_missing += gap.missing
        else:
            causes[(gap.role, cause_of(gap.explanation))] += gap.missing
    oncall_required = sum(
        t.oncall_per_day for d in state.calendar.days if Role.EFFECTOR in d.hours
        for t in state.territories if t.rota_source.value == "association")
    return MonthCoverage(state.year, state.month, source, dict(required), dict(covered), dict(causes),
                         oncall_required, oncall_missing)


def _active_in(p: Person, period: Period) -> bool:
    return p.active and (p.active_from is None or p.active_from <= period.end) and (
        p.active_until is None or p.active_until >= period.start)


def _available(entries: list[AvailabilityEntry], hour: int, policy: AvailabilityPolicy) -> bool:
    touching = [e for e in entries if e.range.start.hour <= hour < e.range.end.hour + (1 if e.range.end.minute else 0)]
    if any(e.kind is AvailabilityKind.UNAVAILABLE for e in touching):
        return False
    return policy is AvailabilityPolicy.OPT_OUT or bool(touching)


def recruitment(services: Any, state: MonthState, persons: list[Person],
                policy: AvailabilityPolicy) -> dict[Role, RecruitmentEstimate]:
    """How many more people, available like today's, would cover the month's open hours
    (regulators and OSNP): see `capacity.extra_doctors` for the method."""
    out: dict[Role, RecruitmentEstimate] = {}
    month = parse_period(f"{state.year:04d}-{state.month:02d}")
    entries: dict[tuple[int, date], list[AvailabilityEntry]] = defaultdict(list)
    for e in services.availability.list_month(state.year, state.month):
        entries[(e.person_id, e.day)].append(e)
    for role in (Role.REGULATOR, Role.OSNP):
        gaps = [g for g in state.gaps if g.role is role and g.hour is not None]
        people = [p for p in persons if role in p.roles and _active_in(p, month) and p.id is not None]
        useful = [float(sum(1 for g in gaps if _available(entries.get((p.id or 0, g.day), []), g.hour or 0, policy)))
                  for p in people]
        caps = [float(p.monthly_max_hours) for p in people if p.monthly_max_hours]
        out[role] = extra_doctors(float(sum(g.missing for g in gaps)), useful, caps or None)
    return out


def compute(services: Any, period: Period | str) -> Indicators:
    period = parse_period(period) if isinstance(period, str) else period
    settings = services.settings.get()
    if settings is None:
        raise NotFoundError("Aucune association n'est configurée dans cette base")
    months: list[MonthCoverage] = []
    states: list[MonthState] = []
    assignments: list[Assignment] = []
    for year, month in period.months:
        source, state = evaluate_month(services, year, month)
        months.append(coverage_of(source, state))
        states.append(state)
        assignments.extend(state.assignments)
    persons = services.persons.list()
    by_id = {p.id: p for p in persons}
    # "With availability like today's": the last month of the period that has a roster.
    last = max((n for n, m in enumerate(months) if m.source != "aucun planning"), default=len(months) - 1)
    per_person: dict[tuple[int, Role], list[Assignment]] = defaultdict(list)
    for a in assignments:
        per_person[(a.person_id, a.role)].append(a)
    hours: dict[Role, list[PersonHours]] = {role: [] for role in Role}
    for (pid, role), items in per_person.items():
        name = by_id[pid].display_name if pid in by_id else f"n° {pid}"
        hours[role].append(PersonHours(pid, name, role, sum(a.minutes for a in items) / 60, len(items)))
    for role in hours:
        hours[role].sort(key=lambda h: (-h.hours, h.name))
    records = services.activity.records(period.start, period.end)
    indicators = Indicators(
        period=period, association=settings.name, months=months,
        pool={role: sum(1 for p in persons if role in p.roles and _active_in(p, period)) for role in Role},
        working={role: len(hours[role]) for role in Role},
        hours=hours, spreads={role: spread([h.hours for h in hours[role]]) for role in Role},
        activity=totals(records), activity_by_territory=totals_by_territory(records),
        calls_by_hour=calls_by_hour(records), calls_by_weekday_hour=calls_by_weekday_hour(records),
        recruitment=recruitment(services, states[last], persons, settings.availability_policy),
        recruitment_month=(states[last].year, states[last].month),
    )
    return _with_money(services, indicators, by_id)


# ------------------------------------------------------------------------ money (issue 14)


def _with_money(services: Any, ind: Indicators, persons: dict[int | None, Person]) -> Indicators:
    """Statements, budget and SNP acts through the money services, when this build has them."""
    claims = getattr(services, "claims", None)
    if claims is None:
        missing = Section(False, f"{NOT_AVAILABLE} : les états de régulation, indemnités et budget ne sont pas "
                          "encore gérés par cette version de l'application")
        return replace(ind, money=missing, snp=Section(False, f"{NOT_AVAILABLE} : actes SNP non importés "
                                                        "dans cette version"))
    period = ind.period
    notes: list[str] = []
    statements: list[Any] = []
    for year, month in period.months:
        try:
            statements += claims.regulation(year, month)
        except DomainError:
            notes.append(f"{month:02d}/{year}")
    for year in sorted({y for y, _ in period.months}):
        statements += claims.indemnities(year, [m for y, m in period.months if y == year])
    totals_by_kind: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for st in statements:
        totals_by_kind[(st.kind.label_fr, st.payer_name)].append(st)
    rows = [StatementTotal(kind, payer, len(items),
                           sum((ln.quantity for st in items for ln in st.lines if ln.minutes is not None), Decimal(0)),
                           sum((st.total for st in items), Decimal(0)))
            for (kind, payer), items in sorted(totals_by_kind.items())]
    note = ("présences non confirmées, donc pas d'état : " + ", ".join(notes)) if notes else ""
    budget_rows: list[BudgetRow] = []
    budget = getattr(services, "budget", None)
    if budget is not None:
        for year in sorted({y for y, _ in period.months}):
            for b in budget.show(year):
                label = getattr(b.source, "label_fr", str(b.source))
                budget_rows.append(BudgetRow(f"{label} {year}" if len(period.months) > 12 else label,
                                             b.planned, b.committed, b.spent))
    snp_rows: list[SnpRow] = []
    by_territory: dict[str, list[Any]] = defaultdict(list)
    for year, q in period.quarters:
        for st in claims.effectors(year, q):
            person = persons.get(st.person_id)
            by_territory[(person.territory if person else None) or "sans territoire"].append(st)
    for territory, items in sorted(by_territory.items()):
        tiers: dict[str, int] = defaultdict(int)
        for st in items:
            amount = st.lines[0].rate if st.lines else Decimal(0)
            tiers[f"{amount:.0f} €"] += 1
        snp_rows.append(SnpRow(territory, len({st.person_id for st in items}),
                               sum(int(st.extra.get("acts", 0)) for st in items), dict(tiers)))
    snp_note = "" if period.quarters else "les actes SNP se comptent par trimestre entier"
    return replace(ind, money=Section(True, note), statements=rows, budget=budget_rows,
                   snp=Section(True, snp_note + " — estimation de l'association" if snp_note else
                               "estimation de l'association : les chiffres officiels sont ceux de l'Assurance maladie"),
                   snp_rows=snp_rows)


class IndicatorsService:
    """`services.indicators`: the reads above on the facade, for callers that must not import
    the services package (the exports' command line, the window)."""

    def __init__(self, services: Any) -> None:
        self._services = services

    def compute(self, period: Period | str) -> Indicators:
        return compute(self._services, period)
