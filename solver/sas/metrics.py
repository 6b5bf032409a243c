"""Figures of a roster, independent of how it was made (solver, greedy, by hand):
uncovered demand and fairness.

**Effective target** of a regulator: his target (explicit or from his commitment)
capped by what his availability and the static rules allow — the same notion the
fairness goal uses. **Load ratio** = hours worked ÷ effective target.

* ``spread``: max − min of the load ratio over regulators who have a commitment or a
  target (the people a coordinator must treat alike);
* ``mean_deviation``: mean |hours − fair share| ÷ effective target over the same
  people, the fair share being the demand split in proportion to the targets
  (:func:`solver.sas.rules.fairness.shares`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from .context import Context
from .explain import uncovered_of
from .problem import SasProblem
from .records import REGULATOR, Assignment
from .rules import static_reasons
from .rules.fairness import shares
from .state import RosterState


def state_of(ctx: Context, assignments: Iterable[Assignment]) -> RosterState:
    keys = []
    for a in assignments:
        d = ctx.index[a.day]
        keys.append((a.person, d, ctx.slot_of(a.template, a.remote, d)))
    return RosterState(ctx, keys)


def capacity(ctx: Context, pid: str, role: str) -> int:
    """Most minutes the static rules let ``pid`` work in ``role`` over the horizon."""
    total = 0
    p = ctx.people[pid]
    limit = ctx.settings.max_minutes_per_day
    for d in ctx.cday:
        slots = [ctx.slots[s] for s in ctx.person_slots(p) if ctx.slots[s].role == role
                 and not ctx.slots[s].remote and ctx.offered(d, s)
                 and not static_reasons(ctx, pid, d, s)]
        end, day_total = -1, 0
        for s in sorted(slots, key=lambda s: s.end):
            if s.start >= end and day_total + s.minutes <= limit:
                end, day_total = s.end, day_total + s.minutes
        total += day_total
    return total


def effective_targets(ctx: Context, role: str = REGULATOR) -> dict[str, tuple[int, int]]:
    """person → (effective target, commitment-based target) for people of ``role`` who
    have a target and can work at all."""
    out = {}
    for p in ctx.problem.people:
        if role not in p.roles:
            continue
        target = ctx.target(p)
        if target is None:
            continue
        limits = [capacity(ctx, p.id, role), target]
        if p.quota_minutes is not None:
            limits.append(p.quota_minutes)
        t = min(limits)
        if t > 0:
            out[p.id] = (t, target)
    return out


def roster_metrics(problem: SasProblem, assignments: Iterable[Assignment],
                   ctx: Context | None = None) -> dict[str, float]:
    ctx = ctx or Context(problem)
    assignments = list(assignments)
    state = state_of(ctx, assignments)
    uncovered = uncovered_of(ctx, state, explain=False)
    targets = effective_targets(ctx)
    hours: dict[str, int] = defaultdict(int)
    for pid in targets:
        hours[pid] = state.minutes(pid, None, lambda s: s.role == REGULATOR and not s.oncall)
    demand = sum(60 * h.required for h in problem.demand if h.role == REGULATOR)
    fair = shares({p: t for p, (t, _) in targets.items()},
                  {p: c for p, (_, c) in targets.items()}, demand)
    ratios = [hours[p] / t for p, (t, _) in targets.items()]
    deviations = [abs(hours[p] - fair[p]) / t for p, (t, _) in targets.items()]
    return {
        "assignments": len(assignments),
        "uncovered_hours": sum(u.missing for u in uncovered if u.hour is not None),
        "uncovered_oncall": sum(u.missing for u in uncovered if u.hour is None),
        "spread": round(max(ratios) - min(ratios), 4) if ratios else 0.0,
        "mean_deviation": round(sum(deviations) / len(deviations), 4) if deviations else 0.0,
        "people_with_target": len(targets),
    }
