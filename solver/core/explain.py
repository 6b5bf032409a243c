"""Why a problem is infeasible: a minimal set of clashing hard rule instances.

The problem is rebuilt in *explain* mode, where each hard rule instance is switched on
by its own literal and all of them are CP-SAT assumptions. An infeasible solve gives a
sufficient subset (``sufficient_assumptions_for_infeasibility``), which a deletion
filter then shrinks to a minimal one: drop one rule instance, and if the rest is still
infeasible, it was not needed. Every candidate set is checked by a real solve, so the
answer is right even if the solver's first core is loose.
"""

from __future__ import annotations

from typing import Any

import threading
import time

from ortools.sat.python import cp_model

from .families import build_model
from .model import HardGroup, RosterModel
from .problem import Problem
from .solution import Conflict

_FEASIBLE = (cp_model.OPTIMAL, cp_model.FEASIBLE)


def explain_infeasibility(problem: Problem, *, time_limit: float = 20.0,
                          random_seed: int = 0,
                          stop: threading.Event | None = None) -> list[Conflict] | None:
    """A minimal clashing set of hard rules, or ``None`` if the problem is feasible
    (or could not be decided in time). The set is minimal unless time ran out, in which
    case it is still a clashing set."""
    deadline = time.monotonic() + time_limit
    rm = build_model(problem, explain=True)
    core = minimal_clash(rm, time_limit=deadline - time.monotonic(), random_seed=random_seed, stop=stop)
    return None if core is None else [_conflict(g) for g in core]


def minimal_clash(rm: RosterModel, *, time_limit: float = 20.0, random_seed: int = 0,
                  stop: threading.Event | None = None) -> list[Any] | None:
    """The hard groups of a model built in explain mode (``rm.hard_groups``, each with an
    assumption literal) that cannot all hold together, shrunk to a minimal set by a
    deletion filter; ``None`` if they can all hold (or nothing was decided in time).
    Shared by the core and by models built on it (the SAS model)."""
    deadline = time.monotonic() + time_limit
    groups = {g.literal.index: g for g in rm.hard_groups}
    if not groups:
        return None

    def infeasible(subset: list[int]) -> tuple[bool | None, list[int]]:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or (stop is not None and stop.is_set()):
            return None, subset
        rm.model.clear_assumptions()
        rm.model.add_assumptions([groups[i].literal for i in subset])
        solver = cp_model.CpSolver()
        # One worker and no presolve: the core is only reliable that way (presolve may
        # report literals that are not assumptions, or-tools issue #5141).
        solver.parameters.num_workers = 1
        solver.parameters.cp_model_presolve = False
        solver.parameters.random_seed = random_seed
        solver.parameters.max_time_in_seconds = max(0.05, min(remaining, time_limit / 4))
        status = solver.solve(rm.model)
        if status == cp_model.INFEASIBLE:
            core = [i for i in solver.sufficient_assumptions_for_infeasibility() if i in groups]
            return True, (core if core and set(core) <= set(subset) else subset)
        if status in _FEASIBLE:
            return False, subset
        return None, subset

    ok, core = infeasible(sorted(groups))
    if not ok:
        return None
    # The solver's core may be loose or (rarely) wrong: confirm it, else start from all.
    if len(core) < len(groups):
        confirmed, core2 = infeasible(core)
        core = core2 if confirmed else sorted(groups)
    i = 0
    while i < len(core):
        trial = core[:i] + core[i + 1:]
        verdict, smaller = infeasible(trial)
        if verdict:
            # Keep the order; the solver may hand back an even smaller subset.
            keep = set(smaller)
            core = [c for c in trial if c in keep]
        else:
            i += 1  # needed (or undecided in time: kept, so the set still clashes)
    return [groups[i] for i in core]


def _conflict(g: HardGroup) -> Conflict:
    return Conflict(rule=g.rule, name=g.name, subject=g.subject, days=g.days,
                    detail=g.detail)
