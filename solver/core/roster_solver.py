"""A solve of a core :class:`~solver.core.problem.Problem`: build the model, run the
one solve loop (:mod:`solver.core.loop`) on its single-level objective, and read the
roster back — or, if the hard rules clash, name them
(:func:`~solver.core.explain.explain_infeasibility`).

The reported objective is the objective of the returned roster, re-evaluated after the
solve (:meth:`~solver.core.loop.SolveLoop.rescore`).
"""

from __future__ import annotations

import time

from .explain import explain_infeasibility
from .families import build_model
from .loop import Level, ProgressCallback, SolveLoop
from .model import RosterModel
from .options import SolveOptions
from .problem import Problem
from .report import objective_of, roster_of, violations_of
from .solution import FEASIBLE, INFEASIBLE, INVALID, OPTIMAL, UNKNOWN, Solution
from .stability import Assignment

__all__ = ["ProgressCallback", "RosterSolver", "SolveOptions", "solve"]


class RosterSolver:
    """One solve of one problem. ``solve()`` blocks; ``cancel()`` may be called from any
    thread and makes ``solve()`` return the best roster found so far."""

    def __init__(self, problem: Problem, options: SolveOptions | None = None) -> None:
        self.problem = problem
        self.options = options or SolveOptions()
        self.rm: RosterModel | None = None
        self._loop: SolveLoop | None = None
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True
        if self._loop is not None:
            self._loop.cancel()

    @property
    def cancelled(self) -> bool:
        return self._cancelled or (self._loop is not None and self._loop.cancelled)

    def solve(self, on_progress: ProgressCallback | None = None) -> Solution:
        opts = self.options
        started = time.monotonic()
        rm = self.rm = build_model(self.problem, objective=False)
        loop = self._loop = SolveLoop(rm, opts, on_progress, started=started)
        if self._cancelled:
            loop.cancel()
        if opts.hint:
            _add_hint(rm, opts.hint)
        result = loop.solve([Level("objective", rm.penalties)])
        status = result.status
        best = result.values
        sol = Solution(status=status, cancelled=loop.cancelled)
        if best is not None:
            sol.objective = objective_of(rm, best)
            level = result.levels[-1] if result.levels else None
            sol.bound = level.bound if level is not None else None
            if status == OPTIMAL:
                sol.bound = sol.objective
            sol.assignments = roster_of(rm, best)
            sol.violations = violations_of(rm, best)
            sol.message = _summary(sol)
        elif status == INFEASIBLE:
            if opts.explain and not loop.cancelled:
                sol.conflicts = explain_infeasibility(
                    self.problem, time_limit=opts.explain_time_limit,
                    random_seed=opts.random_seed, stop=loop.stop_event) or []
            sol.message = ("Aucun planning ne respecte toutes les règles impératives."
                           if not sol.conflicts else sol.explanation())
        elif status == INVALID:
            sol.message = "Modèle refusé par CP-SAT (erreur interne)."
        elif status in (UNKNOWN, FEASIBLE):
            sol.status = UNKNOWN
            sol.message = "Arrêté avant d'avoir trouvé un planning."
        sol.wall_time = loop.elapsed()
        return sol


def _add_hint(rm: RosterModel, hint: list[Assignment]) -> None:
    wanted = {(a.person, a.day, a.shift) for a in hint}
    for key, v in rm.x.items():
        rm.model.add_hint(v, key in wanted)


def _summary(sol: Solution) -> str:
    state = {OPTIMAL: "optimal", FEASIBLE: "non prouvé optimal"}.get(sol.status, sol.status)
    stop = " (arrêté à la demande)" if sol.cancelled else ""
    return (f"Planning {state}{stop} : coût {sol.objective}, "
            f"{len(sol.violations)} règle(s) souple(s) non respectée(s).")


def solve(problem: Problem, options: SolveOptions | None = None,
          on_progress: ProgressCallback | None = None) -> Solution:
    """Solve ``problem`` once (see :class:`RosterSolver` to be able to cancel)."""
    return RosterSolver(problem, options).solve(on_progress)
