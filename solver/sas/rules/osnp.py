"""French labour law for salaried OSNP operators: at most 10 h a day, at least 11 h
of rest between two days, at most 48 h per calendar week (history days before the
horizon included) and never more than the contract's weekly hours."""

from __future__ import annotations

from ...core import MinimumRest, TotalLimit
from ..records import OSNP
from ..state import Reason
from ..timeutil import DAY, duration_fr, hfr

DAILY = "OSNP : durée quotidienne maximale"
REST = "OSNP : repos quotidien"
WEEKLY = "OSNP : durée hebdomadaire maximale"
CONTRACT = "OSNP : heures du contrat"


def _osnp_slot(slot) -> bool:
    return slot.role == OSNP


def _operators(ctx):
    return [p for p in ctx.problem.people if OSNP in p.roles]


def week_limit(ctx, person) -> tuple[int, str]:
    limit, name = ctx.settings.osnp_max_minutes_per_week, WEEKLY
    if person.weekly_minutes is not None and person.weekly_minutes < limit:
        limit, name = person.weekly_minutes, CONTRACT
    return limit, name


def weeks(ctx) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for d in range(ctx.n_days):
        out.setdefault(ctx.week_of(d), []).append(d)
    return out


def history_minutes(ctx, pid: str, week: int) -> int:
    """OSNP minutes worked before the horizon in calendar week ``week``."""
    total = 0
    for s, e, role in ctx.history.get(pid, ()):
        if role == OSNP and (s // DAY + ctx.origin.weekday()) // 7 == week:
            total += e - s
    return total


def core(ctx, explain) -> dict[str, list]:
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


def static(ctx, pid, d, sid) -> list[Reason]:
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


def check(ctx, state, pid, d, sid) -> list[Reason]:
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
