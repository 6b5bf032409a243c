"""A roster evaluated against its problem without solving: demand against people at
work per role, day and hour, on-call duties held, the uncovered hours explained in
French, and the coverage per role.

The public entry point for what reads a stored roster (the roster window, a report):
they need not know the solver's indexing (:mod:`.context`, :mod:`.state`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .context import Context
from .explain import uncovered_of
from .problem import SasProblem
from .records import EFFECTOR, OSNP, REGULATOR, Assignment
from .rules.coverage import demand_table
from .solution import RoleCoverage, Uncovered, grouped_explanations
from .state import RosterState

__all__ = ["Evaluation", "RoleCoverage", "evaluate", "role_coverage"]


@dataclass
class Evaluation:
    """``covered[(role, day, hour)]``: people of ``role`` at work (regulators, OSNP);
    ``required`` likewise; ``uncovered``: the shortfalls, explained unless asked not
    to; ``skipped``: the assignments the problem cannot place (a person not in it, a
    day without continuity, a template unknown that day)."""

    covered: dict[tuple[str, str, int], int] = field(default_factory=dict)
    required: dict[tuple[str, str, int], int] = field(default_factory=dict)
    uncovered: list[Uncovered] = field(default_factory=list)
    coverage: list[RoleCoverage] = field(default_factory=list)
    skipped: list[Assignment] = field(default_factory=list)

    def explanations(self) -> list[str]:
        """One French paragraph per run of consecutive hours with the same shortfall
        and the same reasons."""
        return grouped_explanations(self.uncovered)


def evaluate(problem: SasProblem, assignments: Iterable[Assignment], *,
             explain: bool = True) -> Evaluation:
    """Evaluate ``assignments`` (a stored or proposed roster) against ``problem``."""
    ctx = Context(problem)
    keys, skipped = [], []
    for a in assignments:
        d = ctx.index.get(a.day)
        if d is None or d not in ctx.cday or a.person not in ctx.people:
            skipped.append(a)
            continue
        try:
            keys.append((a.person, d, ctx.slot_of(a.template, a.remote, d)))
        except KeyError:
            skipped.append(a)
    state = RosterState(ctx, keys)
    out = Evaluation(skipped=skipped)
    for (role, d, hour), (req, _) in demand_table(ctx).items():
        day = ctx.iso[d]
        out.required[role, day, hour] = req
        have = state.covering(role, d, hour)
        if have:
            out.covered[role, day, hour] = have
    out.uncovered = uncovered_of(ctx, state, explain=explain)
    out.coverage = role_coverage(problem, out.uncovered)
    return out


def role_coverage(problem: SasProblem, uncovered: Iterable[Uncovered]) -> list[RoleCoverage]:
    """Coverage per role (in the order regulators, OSNP, effectors; roles without any
    demand left out): one percentage mixing roles would hide a short role behind a
    well-covered one."""
    required: dict[str, int] = {}
    for h in problem.demand:
        required[h.role] = required.get(h.role, 0) + h.required
    oncall = sum(o.count for o in problem.oncall)
    if oncall:
        required[EFFECTOR] = oncall
    missing: dict[str, int] = {}
    for u in uncovered:
        missing[u.role] = missing.get(u.role, 0) + u.missing
    order = (REGULATOR, OSNP, EFFECTOR)
    return [RoleCoverage(role, required[role], min(required[role], missing.get(role, 0)))
            for role in sorted(required, key=lambda r: order.index(r) if r in order else 9)]
