"""Cover the demand: the hourly demand curve of regulators and OSNP (hour h of day d
is covered by anyone on a slot of that role containing the whole hour, on site or
remote) and the on-call effectors per territory and day. Posted as core coverage
sets: a missing person costs ``weights.uncovered × priority`` per hour
(``weights.oncall_uncovered`` per on-call day), an extra person-hour
``weights.overcover``; never more on-call effectors than asked."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ...core import Cover
from ..records import EFFECTOR, ROLE_FR
from ..timeutil import range_fr

if TYPE_CHECKING:
    from ..context import Context

ONCALL_NAME = "Astreinte effecteur"


def demand_table(ctx: Context) -> dict[tuple[str, int, int], tuple[int, int]]:
    """(role, day, hour) → (required, priority) for every hour with a demand or a slot."""
    table: dict[tuple[str, int, int], tuple[int, int]] = {}
    for h in ctx.problem.demand:
        d = ctx.index[h.day]
        req, _ = table.get((h.role, d, h.hour), (0, 0))
        table[h.role, d, h.hour] = (req + h.required, max(1, h.priority) if h.priority else 0)
    for d in ctx.cday:
        for sid, slot in ctx.slots.items():
            if not slot.oncall and ctx.offered(d, sid):
                for hour in range(slot.start // 60, slot.end // 60):
                    if slot.start <= hour * 60 and (hour + 1) * 60 <= slot.end:
                        table.setdefault((slot.role, d, hour), (0, 1))
    return table


def hour_slots(ctx: Context, role: str, d: int, hour: int) -> list[str]:
    return [sid for sid, s in ctx.slots.items() if s.role == role and not s.oncall
            and s.start <= hour * 60 and (hour + 1) * 60 <= s.end and ctx.offered(d, sid)]


def core(ctx: Context, explain: bool) -> dict[str, list[Any]]:
    w = ctx.weights
    covers = []
    by_role: dict[str, list[str]] = defaultdict(list)
    for p in ctx.problem.people:
        for r in p.roles:
            by_role[r].append(p.id)
    for (role, d, hour), (req, prio) in sorted(demand_table(ctx).items()):
        slots = tuple((d, sid) for sid in hour_slots(ctx, role, d, hour))
        label = f"{ROLE_FR[role]}, {ctx.label(d)}, {range_fr(hour * 60, hour * 60 + 60)}"
        covers.append(Cover(slots=slots, required=req, under_weight=w.uncovered * prio,
                            over_weight=w.overcover, people=tuple(by_role[role]), label=label))
    territory_people: dict[str, list[str]] = defaultdict(list)
    for p in ctx.problem.people:
        if EFFECTOR in p.roles and p.territory is not None:
            territory_people[p.territory].append(p.id)
    for (terr, d), need in sorted(ctx.oncall_need.items()):
        sid = ctx.oncall_slot(d)
        if need <= 0 or sid is None or ctx.territories[terr].cpts_rota:
            continue
        covers.append(Cover(slots=((d, sid),), required=need, under_weight=w.oncall_uncovered,
                            over_weight=None, people=tuple(territory_people[terr]),
                            label=f"astreinte {terr}, {ctx.label(d)}", name=ONCALL_NAME))
    return {"coverage": covers}
