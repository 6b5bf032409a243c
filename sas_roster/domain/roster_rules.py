"""The hard rules of a roster, checked on stored assignments (pure, no solver).

This is the association's own reading of DESIGN §5, written independently of the CP-SAT
model: it flags a manual change that breaks a rule at once (the roster grid shows it on the
cell), and it re-checks what the engine stored. Each violation names its rule in French.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from .availability import AvailabilityEntry, PdsaDuty
from .demand import ShiftTemplate
from .enums import AvailabilityKind, AvailabilityPolicy, ContractKind, PersonStatus, Presence, Role
from .person import Person
from .quotas import quota_status
from .roster import Assignment
from .settings import AssociationSettings


@dataclass(frozen=True)
class Violation:
    rule: str  # French rule name
    person_id: int
    day: date | None
    message: str
    assignment_ids: tuple[int, ...] = ()

    def __str__(self) -> str:
        return f"{self.rule} : {self.message}"


@dataclass
class RosterFacts:
    """Everything the check needs for one month (the caller loads it)."""

    settings: AssociationSettings
    persons: dict[int, Person]
    templates: dict[str, ShiftTemplate]
    assignments: list[Assignment]  # the month
    availability: list[AvailabilityEntry] = field(default_factory=list)
    pdsa: list[PdsaDuty] = field(default_factory=list)
    history: list[Assignment] = field(default_factory=list)  # the days just before the month
    worked_before_month: dict[int, int] = field(default_factory=dict)  # regulation minutes this year
    cpts_territories: frozenset[str] = frozenset()


def _span(a: Assignment) -> tuple[datetime, datetime]:
    return datetime.combine(a.day, a.start), datetime.combine(a.day, a.end)


def _hm(dt: datetime) -> str:
    return f"{dt.hour}h{dt.minute:02d}".replace("h00", "h")


def _label(a: Assignment) -> str:
    return f"{a.template_code} {_hm(_span(a)[0])}–{_hm(_span(a)[1])} le {a.day.strftime('%d/%m')}"


def _ids(*assignments: Assignment) -> tuple[int, ...]:
    return tuple(a.id for a in assignments if a.id is not None)


def _pid(p: Person) -> int:
    """The id of a person the check was given (persons come from the store, keyed by id)."""
    assert p.id is not None, "roster check on a person that was never stored"
    return p.id


def _by_person(items) -> dict[int, list]:
    out: dict[int, list] = defaultdict(list)
    for x in items:
        out[x.person_id].append(x)
    return out


def check_roster(f: RosterFacts) -> list[Violation]:
    """Every violation of the month, person by person (every hard rule is about one person,
    so each sees only his own availability, duties and history: fast on a big département)."""
    out: list[Violation] = []
    availability, pdsa, history = _by_person(f.availability), _by_person(f.pdsa), _by_person(f.history)
    for pid, items in _by_person(f.assignments).items():
        mine = replace(f, assignments=items, availability=availability.get(pid, []), pdsa=pdsa.get(pid, []),
                       history=history.get(pid, []))
        out += _check_person(mine, pid, items)
    return out


def _check_person(f: RosterFacts, pid: int, items: list[Assignment]) -> list[Violation]:
    p = f.persons.get(pid)
    if p is None:
        return [Violation("Personne inconnue", pid, None, "affectation d'une personne absente du vivier")]
    out: list[Violation] = []
    items.sort(key=lambda a: (a.day, a.start))
    for a in items:
        out += _eligibility(f, p, a)
        out += _availability(f, p, a)
    out += _overlaps(p, items)
    out += _pdsa(f, p, items)
    out += _daily_and_weekly(f, p, items)
    out += _monthly(f, p, items)
    return out


def _eligibility(f: RosterFacts, p: Person, a: Assignment) -> list[Violation]:
    v = []
    pid = _pid(p)
    if a.role not in p.roles:
        v.append(Violation("Rôle", pid, a.day, f"{p.short_name} n'a pas le rôle {a.role.label_fr}", _ids(a)))
    if not p.is_active_on(a.day):
        v.append(Violation("Personne inactive", pid, a.day, f"{p.short_name} n'est pas actif(ve) le {a.day:%d/%m}", _ids(a)))
    if a.role is Role.REGULATOR:
        if p.status is PersonStatus.LOCUM and p.contract_on(ContractKind.LOCUM, a.day) is None:
            v.append(Violation("Remplaçant sans contrat", pid, a.day, f"{p.short_name} n'a pas de contrat de remplacement le {a.day:%d/%m}", _ids(a)))
        if not p.retiree_eligible_on(a.day):
            until = p.quota.eligible_until if p.quota else None
            v.append(Violation("Fin d'éligibilité du retraité", pid, a.day, f"{p.short_name} n'est plus autorisé(e) à réguler "
                               f"après le {until:%d/%m/%Y} ({_label(a)})", _ids(a)))
        if a.presence is Presence.REMOTE and not p.may_regulate_remotely_on(a.day):
            v.append(Violation("Régulation à distance non autorisée", pid, a.day, f"{p.short_name} n'est pas autorisé(e) à réguler à distance", _ids(a)))
    if a.role is Role.EFFECTOR and a.territory and p.territory != a.territory:
        v.append(Violation("Territoire", pid, a.day, f"{p.short_name} n'est pas effecteur du territoire {a.territory}", _ids(a)))
    t = f.templates.get(a.template_code)
    if t is not None and t.skill and t.skill not in p.skills:
        v.append(Violation("Compétence requise", pid, a.day, f"{_label(a)} demande la compétence « {t.skill} »", _ids(a)))
    return v


def _availability(f: RosterFacts, p: Person, a: Assignment) -> list[Violation]:
    if a.fixed_by_cpts:
        return []  # the CPTS vouches for its own rota
    s, e = _span(a)
    same_day = [x for x in f.availability if x.person_id == p.id and x.day == a.day]
    unavailable = [x for x in same_day if x.kind is AvailabilityKind.UNAVAILABLE]
    for x in unavailable:
        if x.range.start < a.end and a.start < x.range.end:
            return [Violation("Indisponibilité", _pid(p), a.day, f"{p.short_name} s'est déclaré(e) indisponible {x.range} ({_label(a)})", _ids(a))]
    if f.settings.availability_policy is AvailabilityPolicy.OPT_IN:
        ranges = sorted((x.range.start, x.range.end) for x in same_day if x.kind is not AvailabilityKind.UNAVAILABLE)
        cursor = a.start
        for rs, re_ in ranges:
            if rs <= cursor < re_:
                cursor = re_
        if cursor < a.end:
            return [Violation("Disponibilités déclarées", _pid(p), a.day, f"{p.short_name} n'a pas déclaré de disponibilité couvrant {_label(a)}", _ids(a))]
    return []


def _overlaps(p: Person, items: list[Assignment]) -> list[Violation]:
    v = []
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if b.day != a.day:
                break
            if a.start < b.end and b.start < a.end:
                v.append(Violation("Pas deux postes en même temps", _pid(p), a.day, f"{p.short_name} : {_label(a)} et {_label(b)} se chevauchent", _ids(a, b)))
    return v


def _pdsa(f: RosterFacts, p: Person, items: list[Assignment]) -> list[Violation]:
    v = []
    rest = timedelta(hours=f.settings.rest_after_pdsa_hours) if f.settings.rest_after_pdsa_night else timedelta(0)
    for duty in (d for d in f.pdsa if d.person_id == p.id):
        night = duty.end.date() > duty.start.date()
        for a in items:
            s, e = _span(a)
            if s < duty.end and duty.start < e:
                v.append(Violation("Garde PDSA en même temps", _pid(p), a.day, f"{p.short_name} est de garde PDSA {_hm(duty.start)}–{_hm(duty.end)} pendant {_label(a)}", _ids(a)))
            elif night and duty.end <= s < duty.end + rest:
                v.append(Violation("Repos après une garde PDSA de nuit", _pid(p), a.day, f"{p.short_name} sort d'une garde de nuit finie à {_hm(duty.end)} le {duty.end:%d/%m} ({_label(a)})", _ids(a)))
    return v


def _daily_and_weekly(f: RosterFacts, p: Person, items: list[Assignment]) -> list[Violation]:
    v = []
    st = f.settings
    per_day: dict[tuple[date, Role], int] = defaultdict(int)
    for a in items:
        per_day[(a.day, a.role)] += a.minutes
    for (day, role), minutes in per_day.items():
        limit = {Role.REGULATOR: st.max_regulator_hours_per_day, Role.OSNP: st.osnp_max_hours_per_day}.get(role)
        if limit is not None and minutes > limit * 60:
            name = "Durée maximale par jour" if role is Role.REGULATOR else "OSNP : durée quotidienne maximale"
            v.append(Violation(name, _pid(p), day, f"{p.short_name} : {minutes / 60:g} h le {day:%d/%m} (au plus {limit} h)"))
    osnp = [a for a in f.history + items if a.person_id == p.id and a.role is Role.OSNP]
    if not osnp:
        return v
    days: dict[date, tuple[datetime, datetime]] = {}
    for a in osnp:
        s, e = _span(a)
        lo, hi = days.get(a.day, (s, e))
        days[a.day] = (min(lo, s), max(hi, e))
    ordered = sorted(days)
    month_days = {a.day for a in items}
    for d1, d2 in zip(ordered, ordered[1:]):
        gap = days[d2][0] - days[d1][1]
        if d2 in month_days and gap < timedelta(hours=st.osnp_min_rest_hours):
            v.append(Violation("OSNP : repos quotidien", _pid(p), d2, f"{p.short_name} : {gap.total_seconds() / 3600:g} h de repos avant le {d2:%d/%m} (au moins {st.osnp_min_rest_hours} h)"))
    weekly: dict[tuple[int, int], int] = defaultdict(int)
    for a in osnp:
        weekly[a.day.isocalendar()[:2]] += a.minutes
    contract = next((c.weekly_hours for c in p.contracts if c.kind is ContractKind.OSNP and c.weekly_hours), None)
    week_limit: float = min(st.osnp_max_hours_per_week, contract) if contract else st.osnp_max_hours_per_week
    for week, minutes in weekly.items():
        if minutes > week_limit * 60 and any(a.day.isocalendar()[:2] == week for a in items if a.role is Role.OSNP):
            name = "OSNP : heures du contrat" if contract and contract < st.osnp_max_hours_per_week else "OSNP : durée hebdomadaire maximale"
            v.append(Violation(name, _pid(p), None, f"{p.short_name} : {minutes / 60:g} h la semaine {week[1]} (au plus {week_limit:g} h)"))
    return v


def _monthly(f: RosterFacts, p: Person, items: list[Assignment]) -> list[Violation]:
    v = []
    mine = [a for a in items if not a.fixed_by_cpts]
    if p.monthly_max_shifts is not None and len(mine) > p.monthly_max_shifts:
        v.append(Violation("Engagement mensuel (postes)", _pid(p), None, f"{p.short_name} : {len(mine)} postes (engagement : {p.monthly_max_shifts})"))
    minutes = sum(a.minutes for a in mine)
    if p.monthly_max_hours is not None and minutes > p.monthly_max_hours * 60:
        v.append(Violation("Engagement mensuel (heures)", _pid(p), None, f"{p.short_name} : {minutes / 60:g} h (engagement : {p.monthly_max_hours} h)"))
    regulated = [a for a in items if a.role is Role.REGULATOR]
    if regulated:
        first = regulated[0].day.replace(day=1)
        left = quota_status(p, first, f.worked_before_month.get(_pid(p), 0),
                            default_yearly_hours=f.settings.default_retiree_quota_hours).quota_left
        reg_minutes = sum(a.minutes for a in regulated)
        if left is not None and reg_minutes > left:
            v.append(Violation("Quota horaire de retraité", _pid(p), None, f"{p.short_name} : {reg_minutes / 60:g} h ce mois pour {left / 60:g} h de quota restant"))
        remote = sum(a.minutes for a in regulated if a.presence is Presence.REMOTE)
        share = f.settings.remote_min_on_site_share
        if remote and (reg_minutes - remote) < share * reg_minutes:
            v.append(Violation("Part minimale sur site", _pid(p), None, f"{p.short_name} : {100 * (reg_minutes - remote) / reg_minutes:.0f} % sur site (au moins {100 * share:.0f} %)"))
    return v
