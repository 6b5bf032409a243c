"""French labour law for salaried OSNP operators and their contract hours.

Hard: at most 10 h a day, at least 11 h of rest between two days, at most 48 h per
calendar week (history days before the horizon included), and never more than the
contract's weekly hours plus the overtime the association allows.

Soft: the contract's hours are a target, since the employer pays the contract either
way — over the horizon, hours further than a tolerance from the contract's pro-rata
hours cost ``weights.osnp_contract`` each; and each week, hours below the floor the
association sets (contract − accepted shortfall, pro rata on a partial week) cost
``weights.osnp_floor`` each."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from ...core import MinimumRest, TotalLimit
from ..records import OSNP
from ..state import Reason
from ..timeutil import DAY, duration_fr, hfr

if TYPE_CHECKING:
    from ..context import Context, Slot
    from ..model import SasModel
    from ..records import Person
    from ..state import RosterState

DAILY = "OSNP : durée quotidienne maximale"
REST = "OSNP : repos quotidien"
WEEKLY = "OSNP : durée hebdomadaire maximale"
CONTRACT = "OSNP : heures du contrat"


def _osnp_slot(slot: Slot) -> bool:
    return slot.role == OSNP


def _operators(ctx: Context) -> list[Person]:
    return [p for p in ctx.problem.people if OSNP in p.roles]


TARGET = "OSNP : heures du contrat sur la période"
FLOOR = "OSNP : plancher hebdomadaire"
WEEKDAYS = 5  # a full week of OSNP contract hours is spread over Monday–Friday


def week_limit(ctx: Context, person: Person) -> tuple[int, str]:
    """The weekly ceiling: the legal maximum, or the contract plus the overtime
    allowed if lower."""
    limit, name = ctx.settings.osnp_max_minutes_per_week, WEEKLY
    if person.weekly_minutes is not None:
        contract = person.weekly_minutes + max(0, ctx.settings.osnp_overtime_minutes_per_week)
        if contract < limit:
            limit, name = contract, CONTRACT
    return limit, name


def open_weekdays(ctx: Context, days: Iterable[int]) -> int:
    """Monday–Friday continuity days among ``days`` where OSNP work."""
    return sum(1 for d in days if d in ctx.cday and OSNP in ctx.cday[d].open
               and (ctx.origin.weekday() + d) % 7 < WEEKDAYS)


def contract_target(ctx: Context, person: Person) -> int | None:
    """Contract minutes over the horizon, pro rata of its open weekdays."""
    if person.weekly_minutes is None:
        return None
    return person.weekly_minutes * open_weekdays(ctx, range(ctx.n_days)) // WEEKDAYS


def week_floor(ctx: Context, person: Person, days: Iterable[int]) -> int:
    under = ctx.settings.osnp_undertime_minutes_per_week
    if person.weekly_minutes is None or under is None:
        return 0
    full = max(0, person.weekly_minutes - under)
    return full * open_weekdays(ctx, days) // WEEKDAYS


def add(sm: SasModel) -> None:
    """Heures du contrat : cible sur la période (avec tolérance), plancher hebdomadaire."""
    ctx = sm.ctx
    if sm.explain:
        return
    w, settings = ctx.weights, ctx.settings
    minutes: dict[tuple[str, int], list[tuple[int, Any]]] = {}
    for (pid, d, sid), var in sm.live.items():
        slot = ctx.slots[sid]
        if _osnp_slot(slot) and ctx.people[pid].weekly_minutes is not None:
            minutes.setdefault((pid, d), []).append((slot.minutes, var))
    model = sm.model
    for p in _operators(ctx):
        if p.weekly_minutes is None:
            continue
        def load(days: Iterable[int]) -> tuple[Any, int]:
            terms = [(m, v) for d in days for m, v in minutes.get((p.id, d), ())]
            return sum(m * v for m, v in terms), sum(m for m, _ in terms)
        target = contract_target(ctx, p)
        tol = max(0, settings.osnp_contract_tolerance_minutes)
        expr, top = load(range(ctx.n_days))
        if w.osnp_contract and target:
            # Hours started beyond the tolerance, each way: 60 × h ≥ distance − tol.
            lo, hi = target - tol, target + tol
            if lo > 0:
                under = model.new_int_var(0, lo // 60 + 1, f"osnp_under|{p.id}")
                model.add(60 * under + expr >= lo)
                sm.rm.penalize(under, w.osnp_contract, "osnp.contract", TARGET, sm.who(p.id),
                               None)
            if hi < top:
                over = model.new_int_var(0, (top - hi) // 60 + 1, f"osnp_over|{p.id}")
                model.add(expr - 60 * over <= hi)
                sm.rm.penalize(over, w.osnp_contract, "osnp.contract", TARGET, sm.who(p.id),
                               None)
        if w.osnp_floor:
            for week, days in weeks(ctx).items():
                floor = week_floor(ctx, p, days) - history_minutes(ctx, p.id, week)
                if floor <= 0:
                    continue
                expr, _ = load(days)
                short = model.new_int_var(0, floor // 60 + 1, f"osnp_floor|{p.id}|{week}")
                model.add(60 * short + expr >= floor)
                sm.rm.penalize(short, w.osnp_floor, "osnp.floor", FLOOR, sm.who(p.id), days[0])


def weeks(ctx: Context) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for d in range(ctx.n_days):
        out.setdefault(ctx.week_of(d), []).append(d)
    return out


def history_minutes(ctx: Context, pid: str, week: int) -> int:
    """OSNP minutes worked before the horizon in calendar week ``week``."""
    total = 0
    for s, e, role in ctx.history.get(pid, ()):
        if role == OSNP and (s // DAY + ctx.origin.weekday()) // 7 == week:
            total += e - s
    return total


def core(ctx: Context, explain: bool) -> dict[str, list[Any]]:
    ops = _operators(ctx)
    if not ops:
        return {}
    slots = tuple(s.id for s in ctx.slots.values() if _osnp_slot(s))
    ids = tuple(p.id for p in ops)
    totals = [TotalLimit(maximum=ctx.settings.osnp_max_minutes_per_day, unit="minutes",
                         shifts=slots, days=(d,), people=ids, name=DAILY)
              for d in sorted(ctx.cday)]
    for p in ops:
        limit, name = week_limit(ctx, p)
        for w, days in weeks(ctx).items():
            left = max(0, limit - history_minutes(ctx, p.id, w))
            totals.append(TotalLimit(maximum=left, unit="minutes", shifts=slots,
                                     days=tuple(days), people=(p.id,), name=name))
    rests = [MinimumRest(ctx.settings.osnp_min_rest_minutes, people=ids, name=REST)]
    return {"totals": totals, "rests": rests}


def static(ctx: Context, pid: str, d: int, sid: str) -> list[Reason]:
    """Repos quotidien de l'OSNP après le travail des jours précédant l'horizon."""
    person = ctx.people[pid]
    if OSNP not in person.roles or pid not in ctx.history:
        return []
    start = d * DAY + ctx.slots[sid].start
    rest = ctx.settings.osnp_min_rest_minutes
    for s, e, _role in ctx.history[pid]:
        if e <= start < e + rest and start // DAY != s // DAY:
            return [Reason("osnp.rest", REST, f"repos de {duration_fr(rest)} après son "
                                              f"poste de la veille (fini à {hfr(e % DAY)})",
                           ("osnp.rest", pid))]
    return []


def check(ctx: Context, state: RosterState, pid: str, d: int, sid: str) -> list[Reason]:
    """OSNP : 10 h par jour, 11 h de repos, 48 h par semaine, heures du contrat."""
    person = ctx.people[pid]
    if OSNP not in person.roles:
        return []
    slot = ctx.slots[sid]
    out = []
    if _osnp_slot(slot):
        today = state.minutes(pid, (d,), _osnp_slot)
        limit = ctx.settings.osnp_max_minutes_per_day
        if today + slot.minutes > limit:
            out.append(Reason("osnp.daily", DAILY, f"déjà {duration_fr(today)} ce jour "
                                                   f"(maximum {duration_fr(limit)})"))
        w = ctx.week_of(d)
        limit, name = week_limit(ctx, person)
        days = [x for x in range(max(0, d - 6), min(ctx.n_days, d + 7)) if ctx.week_of(x) == w]
        done = state.minutes(pid, days, _osnp_slot) + history_minutes(ctx, pid, w)
        if done + slot.minutes > limit:
            out.append(Reason("osnp.weekly", name, f"déjà {duration_fr(done)} cette semaine "
                                                   f"(maximum {duration_fr(limit)})"))
    rest = ctx.settings.osnp_min_rest_minutes
    a, b = d * DAY + slot.start, d * DAY + slot.end
    for other_day in (d - 1, d + 1):
        for other in state.on(pid, other_day):
            o = ctx.slots[other]
            oa, ob = other_day * DAY + o.start, other_day * DAY + o.end
            if (other_day < d and a - ob < rest) or (other_day > d and oa - b < rest):
                out.append(Reason("osnp.rest", REST, f"repos de {duration_fr(rest)} entre "
                                                     f"deux journées ({o.label()})"))
    return out
