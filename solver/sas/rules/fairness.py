"""Fair shares of hours and of Saturdays, relative to each person's target.

**Effective target** ``T`` of a person: his target (explicit, or from his monthly
commitment), capped by what his availability and hard limits allow over the horizon —
a doctor who offered two days cannot be held to a 40-hour commitment. People with no
target are held to their availability alone.

**Fair share** ``F`` (per group: regulators, OSNP, and effectors per territory in
on-call days): the demand of the group shared in proportion to the targets, by
water-filling — ``F = min(T, ρ·T_commitment)`` with ``ρ`` such that the shares add up
to the demand (or to everyone's capacity). Each person's deviation ``e`` from his share,
in percent points of ``T`` and beyond a tolerance of
``weights.fairness_tolerance_minutes`` (half a day for on-call days), costs
``weights.fairness`` per point, and the group's largest ``weights.fairness_max``:

    T·e ≥ 100·(L − F − tol)   and   T·e ≥ 100·(F − L − tol)

The shares are computed before the solve rather than left to a common ratio variable:
each deviation then depends on one person's load only, which CP-SAT bounds well
(a free ratio couples everyone and the bound no longer closes). The tolerance matters
too: shifts come in blocks of hours, so without it a deviation an integer roster can
never avoid would be counted against a fractional LP that can.

**Saturdays** (regulators): a person's fair share is
``ceil(Saturday demand × T / ΣT)``; each Saturday beyond it costs ``weights.saturday``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Iterable

from ..records import EFFECTOR, OSNP, REGULATOR

if TYPE_CHECKING:
    from ..context import Context, Slot
    from ..model import SasModel

HOURS = "Équité des heures"
HOURS_MAX = "Équité des heures (écart maximal)"
ONCALL = "Équité des astreintes"
SATURDAYS = "Équité des samedis"
GROUP_FR = {REGULATOR: "régulateurs", OSNP: "OSNP"}


def _day_capacity(ctx: Context, slots: Iterable[Slot], limit: int) -> int:
    """Most minutes of non-overlapping ``slots`` in one day, within ``limit``."""
    end, total = -1, 0
    for s in sorted(slots, key=lambda s: s.end):
        if s.start >= end and total + s.minutes <= limit:
            end, total = s.end, total + s.minutes
    return total


def capacities(sm: SasModel) -> dict[tuple[str, str], int]:
    """(person, role) → most load the static rules allow (minutes; days for effectors)."""
    ctx = sm.ctx
    per_day: dict[tuple[str, str, int], list[Slot]] = defaultdict(list)
    for pid, d, sid in sm.live:
        slot = ctx.slots[sid]
        if not slot.remote:
            per_day[pid, slot.role, d].append(slot)
    cap: dict[tuple[str, str], int] = defaultdict(int)
    for (pid, role, d), slots in per_day.items():
        if role == EFFECTOR:
            cap[pid, role] += 1
            continue
        limit = (ctx.settings.osnp_max_minutes_per_day if role == OSNP
                 else ctx.settings.max_minutes_per_day)
        cap[pid, role] += _day_capacity(ctx, slots, limit)
    return cap


def effective_targets(sm: SasModel) -> dict[tuple[str, str], int]:
    ctx = sm.ctx
    months = len(ctx.months)
    out = {}
    for (pid, role), cap in capacities(sm).items():
        p = ctx.people[pid]
        limits = [cap]
        if role == EFFECTOR:
            if p.max_shifts is not None:
                limits.append(p.max_shifts * months)
        else:
            target = ctx.target(p)
            for v in (target, p.max_minutes and p.max_minutes * months,
                      p.quota_minutes if role == REGULATOR else None):
                if v is not None:
                    limits.append(v)
        t = min(limits)
        if t > 0:
            out[pid, role] = t
    return out


def add(sm: SasModel) -> None:
    """Équité des heures, des astreintes et des samedis."""
    if sm.explain:
        return
    ctx = sm.ctx
    w = ctx.weights
    targets = effective_targets(sm)
    loads: dict[tuple[str, str], list[tuple[int, Any]]] = defaultdict(list)
    for (pid, d, sid), var in sm.live.items():
        slot = ctx.slots[sid]
        loads[pid, slot.role].append((1 if slot.oncall else slot.minutes, var))
    groups: dict[tuple[str, str | None], list[tuple[str, int]]] = defaultdict(list)
    for (pid, role), t in targets.items():
        terr = ctx.people[pid].territory if role == EFFECTOR else None
        groups[role, terr].append((pid, t))
    if w.fairness or w.fairness_max:
        for (role, terr), members in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1] or "")):
            if len(members) >= 2:
                _group(sm, role, terr, members, loads)
    if w.saturday:
        _saturdays(sm, {pid: t for (pid, role), t in targets.items() if role == REGULATOR})


def shares(targets: dict[str, int], commitments: dict[str, int], demand: int) -> dict[str, float]:
    """Water-filling: ``min(T, ρ·C)`` for each person, ``ρ`` so that the shares add up
    to ``demand`` (everyone at ``T`` if the demand exceeds the capacities)."""
    if not targets:
        return {}
    if demand >= sum(targets.values()):
        return {p: float(t) for p, t in targets.items()}
    lo, hi = 0.0, max(t / max(1, commitments[p]) for p, t in targets.items())
    for _ in range(60):
        mid = (lo + hi) / 2
        if sum(min(t, mid * commitments[p]) for p, t in targets.items()) < demand:
            lo = mid
        else:
            hi = mid
    return {p: min(t, hi * commitments[p]) for p, t in targets.items()}


def group_demand(ctx: Context, role: str, terr: str | None) -> int:
    """What a group has to provide: person-minutes of demand (on-call days)."""
    if role == EFFECTOR:
        return sum(n for (t, _d), n in ctx.oncall_need.items() if t == terr)
    return sum(60 * h.required for h in ctx.problem.demand if h.role == role)


def _group(sm: SasModel, role: str, terr: str | None, members: list[tuple[str, int]],
           loads: dict[tuple[str, str], list[tuple[int, Any]]]) -> None:
    ctx, m, w = sm.ctx, sm.model, sm.ctx.weights
    tag = f"{role}|{terr or ''}"
    targets = dict(members)
    commitments = {}
    for pid, t in members:
        explicit = ctx.target(ctx.people[pid]) if role != EFFECTOR else None
        commitments[pid] = explicit if explicit else t
    fair = shares(targets, commitments, group_demand(ctx, role, terr))
    worst = m.new_int_var(0, 1000, f"fair_max|{tag}") if w.fairness_max else None
    name = ONCALL if role == EFFECTOR else HOURS
    tol = 0.5 if role == EFFECTOR else w.fairness_tolerance_minutes
    for pid, t in members:
        terms = loads[pid, role]
        load = sum(c * v for c, v in terms)
        top = sum(c for c, _ in terms)
        share = round(fair[pid])
        # Largest possible deviation, in percent points of the target.
        span = math.ceil(100 * max(share, top - share) / t) + 1
        e = m.new_int_var(0, span, f"fair|{tag}|{pid}")
        lo, hi = share - tol, share + tol
        m.add(t * e >= 100 * load - round(100 * hi))
        m.add(t * e >= round(100 * lo) - 100 * load)
        if worst is not None:
            m.add(worst >= e)
        sm.rm.penalize(e, w.fairness, "fairness.hours", name, sm.who(pid), None)
    if worst is not None:
        subject = f"effecteurs {terr}" if role == EFFECTOR else GROUP_FR[role]
        sm.rm.penalize(worst, w.fairness_max, "fairness.max", HOURS_MAX, subject, None)


def saturday_need(ctx: Context) -> int:
    """Regulator-Saturdays the demand asks for (peak headcount of each Saturday)."""
    peak: dict[int, int] = defaultdict(int)
    for h in ctx.problem.demand:
        d = ctx.index[h.day]
        if h.role == REGULATOR and ctx.weekday(d) == 5:
            peak[d] = max(peak[d], h.required)
    return sum(peak.values())


def _saturdays(sm: SasModel, targets: dict[str, int]) -> None:
    ctx = sm.ctx
    need = saturday_need(ctx)
    total = sum(targets.values())
    if not need or not total:
        return
    sat: dict[str, list[Any]] = defaultdict(list)
    for (pid, d, sid), var in sm.live.items():
        if ctx.weekday(d) == 5 and ctx.slots[sid].role == REGULATOR and pid in targets:
            sat[pid].append(var)
    for pid, xs in sorted(sat.items()):
        fair = max(1, math.ceil(need * targets[pid] / total))
        if len(xs) <= fair:
            continue
        excess = sm.model.new_int_var(0, len(xs) - fair, f"sat_excess|{pid}")
        sm.model.add(sum(xs) - excess <= fair)
        sm.rm.penalize(excess, ctx.weights.saturday, "fairness.saturday", SATURDAYS,
                       sm.who(pid), None)
