"""The solve loop: time limit, progress, cancel, warm start, optional LNS, explanations.

Phases (each reports :class:`~solver.core.solution.Progress`):

1. ``search`` — CP-SAT on the full model. Alone when LNS is off; with LNS it gets a
   share of the time (``lns_start``) to find a first roster and a lower bound.
2. ``lns`` — large-neighbourhood search (:mod:`solver.core.lns`): most of the incumbent
   is fixed, a few people or a window of days is re-optimised, repeat.
3. ``proof`` — with LNS, a last full solve warm-started from the incumbent
   (``lns_proof`` share of the time) to close the bound on small problems.

If the hard rules clash, :func:`~solver.core.explain.explain_infeasibility` names them.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from typing import Callable

from ortools.sat.python import cp_model

from . import lns
from .explain import explain_infeasibility
from .model import RosterModel, build_model
from .problem import Problem
from .report import objective_of, objective_of_terms, roster_of, violations_of
from .solution import FEASIBLE, INFEASIBLE, INVALID, OPTIMAL, UNKNOWN, Progress, Solution
from .stability import Assignment

ProgressCallback = Callable[[Progress], None]


@dataclass
class SolveOptions:
    time_limit: float = 60.0
    """Wall-clock seconds for the whole solve; always enforced."""
    num_workers: int = 2
    random_seed: int = 0
    deterministic: bool = False
    """Same roster for the same seed and worker count: CP-SAT runs with
    ``interleave_search`` and every budget is counted in deterministic time
    (``deterministic_limit``, default = ``time_limit``), the wall-clock limit staying as
    a safety net (if it is reached first, the run is not reproducible)."""
    deterministic_limit: float | None = None
    hint: list[Assignment] | None = None
    """Warm start: a roster CP-SAT starts from (need not be feasible)."""
    lp_level: int | None = None
    """CP-SAT ``linearization_level`` of the full solves (None: CP-SAT's default)."""
    lns: bool = False
    lns_start: float = 0.05
    """Share of the time for the first full solve (more if no roster yet)."""
    lns_proof: float = 0.05
    """Share of the time kept for the final warm-started full solve."""
    lns_subsolve: float = 1.5
    """Budget (seconds, or deterministic units) of one LNS neighbourhood solve."""
    lns_lp_level: int = 2
    """``linearization_level`` of the LNS steps: with all clauses in the LP, CP-SAT
    closes small neighbourhoods an order of magnitude faster on rostering models."""
    lns_plateau: bool = True
    """LNS moves to an equally good roster when a step returns one."""
    lns_cutoff: bool = False
    """LNS steps look for a strictly better roster only (objective cut-off)."""
    lns_grow: float = 1.2
    lns_shrink: float = 0.85
    """Neighbourhood size factors after a step closed without gain / ran out of time."""
    priority: tuple[str, ...] = ()
    """Rule ids (prefixes of ``Violation.rule``, e.g. ``"coverage.under"``) minimised
    alone first, from which the full objective is then minimised. A heuristic order of
    search, not a lexicographic objective: the final objective is the full one."""
    lns_priority_share: float = 0.5
    lns_priority_bound: float = 0.03
    """Share of the time for a bound of the priority part, where its phase stops."""
    lns_priority_stall: float = 0.1
    """The priority phase ends after this share of the time without gain."""
    explain: bool = True
    explain_time_limit: float = 20.0
    log: bool = False


class RosterSolver:
    """One solve of one problem. ``solve()`` blocks; ``cancel()`` may be called from any
    thread and makes ``solve()`` return the best roster found so far."""

    def __init__(self, problem: Problem, options: SolveOptions | None = None) -> None:
        self.problem = problem
        self.options = options or SolveOptions()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._running: set[cp_model.CpSolver] = set()
        self._rm: RosterModel | None = None
        self._on_progress: ProgressCallback | None = None
        self._t0 = 0.0
        self.best: list[int] | None = None
        self.best_objective: int | None = None
        self.bound: float | None = None
        self.deterministic_used = 0.0

    # -- public ------------------------------------------------------------------
    def cancel(self) -> None:
        self._stop.set()
        with self._lock:
            for solver in self._running:
                solver.stop_search()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def solve(self, on_progress: ProgressCallback | None = None) -> Solution:
        opts = self.options
        self._on_progress = on_progress
        self._t0 = time.monotonic()
        rm = self._rm = build_model(self.problem)
        if opts.hint:
            _add_hint(rm, opts.hint)
        if not opts.lns or not rm.penalties:
            status, _ = self.run(rm.model, self.limit(), "search")
        else:
            status = self._solve_lns(rm)
        return self._finish(rm, status)

    def _solve_lns(self, rm: RosterModel) -> str | None:
        opts = self.options
        total = self.limit()
        full = rm.penalties
        prio = [p for p in full if opts.priority and p.rule.startswith(tuple(opts.priority))]
        use_prio = 0 < len(prio) < len(full)
        # A first roster and a bound on the full objective (small problems end here,
        # proven optimal): lns_start of the time, more if no roster yet.
        status, start = self.run(rm.model, total * opts.lns_start, "search")
        while start is None and status == UNKNOWN and self.budget_left() > 0.1 \
                and not self.cancelled:
            status, start = self.run(rm.model, self.budget_left(), "search")
        if start is None or status in (OPTIMAL, INFEASIBLE, INVALID) or self.cancelled:
            return status
        end = total * (1 - opts.lns_proof)
        if use_prio:
            rm.model.minimize(sum(p.coef * p.expr for p in prio))
            # A lower bound of the priority part (the LP is often tight on it: every
            # possible night worked, say): the priority phase stops once it is reached
            # and leaves the time to the full objective.
            target = self.priority_bound(rm, total * opts.lns_priority_bound)
            stall = max(2.0, opts.lns_priority_stall * total)
            start = lns.run(self, rm, start, prio, until=total * opts.lns_priority_share,
                            stall=stall, phase="lns-priority", target=target).values
            rm.model.minimize(rm.objective_expr())
            # Continue from whichever roster is lexicographically best (priority, full).
            key = lambda vals: (objective_of_terms(prio, vals), objective_of_terms(full, vals))
            if self.best is not None and key(self.best) < key(start):
                start = self.best
        if lns.run(self, rm, start, full, until=end, phase="lns").proven:
            return OPTIMAL
        status = FEASIBLE
        if not self.cancelled and self.budget_left() > 0.5:
            _set_hint_vector(rm.model, self.best)
            status = self.run(rm.model, self.budget_left(), "proof")[0] or status
        if self.best_objective is not None and self.bound is not None \
                and self.best_objective <= self.bound:
            status = OPTIMAL
        return status

    def priority_bound(self, rm: RosterModel, budget: float) -> int | None:
        """Lower bound of ``rm.model``'s current objective from a short solve whose
        workers all keep every clause in the LP (CP-SAT's LP-bound worker and its
        LP-guided search); any roster it finds on the way is offered too."""
        if budget <= 0 or self.budget_left() <= budget:
            return None
        solver = self.new_cp_solver(budget, lp_level=2)
        if solver.parameters.num_workers > 1:
            solver.parameters.subsolvers.extend(["max_lp", "reduced_costs"])
        status = self.solve_with(solver, rm.model, _Callback(self, "bound"))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        bound = math.ceil(solver.best_objective_bound - 1e-6)
        self._raise_bound(bound)
        return bound

    # -- used by the LNS loop ------------------------------------------------------
    def elapsed(self) -> float:
        return time.monotonic() - self._t0

    def remaining(self) -> float:
        return self.options.time_limit - self.elapsed()

    def limit(self) -> float:
        """The budget that drives the phases: deterministic units or wall seconds."""
        if self.options.deterministic:
            return self.options.deterministic_limit or self.options.time_limit
        return self.options.time_limit

    def clock(self) -> float:
        return self.deterministic_used if self.options.deterministic else self.elapsed()

    def budget_left(self) -> float:
        """Remaining budget in the unit that drives the stop (deterministic or wall)."""
        if self.options.deterministic:
            return min(self.limit() - self.deterministic_used, self.remaining())
        return self.remaining()

    def new_cp_solver(self, budget: float, workers: int | None = None,
                      lp_level: int | None = None) -> cp_model.CpSolver:
        opts = self.options
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.num_workers = workers or opts.num_workers
        if lp_level is not None:
            p.linearization_level = lp_level
        p.random_seed = opts.random_seed
        p.log_search_progress = opts.log
        p.max_time_in_seconds = max(0.01, min(budget, self.remaining()))
        if opts.deterministic:
            p.interleave_search = True
            p.max_time_in_seconds = max(0.01, self.remaining())
            p.max_deterministic_time = max(0.01, min(budget, self.budget_left()))
        return solver

    def solve_with(self, solver: cp_model.CpSolver, model: cp_model.CpModel,
                   callback: cp_model.CpSolverSolutionCallback | None = None):
        """Run ``solver`` on ``model`` so that ``cancel()`` can reach it."""
        with self._lock:
            if self._stop.is_set():
                return cp_model.UNKNOWN
            self._running.add(solver)
        try:
            status = solver.solve(model, callback)
        finally:
            with self._lock:
                self._running.discard(solver)
                self.deterministic_used += solver.deterministic_time
        return status

    def offer(self, values: list[int], phase: str) -> bool:
        """Keep ``values`` if better than the incumbent (full objective); report."""
        objective = objective_of(self._rm, values)
        with self._lock:
            if self.best_objective is not None and objective >= self.best_objective:
                return False
            self.best, self.best_objective = values, objective
        self.report(phase)
        return True

    def report(self, phase: str) -> None:
        if self._on_progress is not None:
            self._on_progress(Progress(self.best_objective, self.bound, self.elapsed(), phase))

    # -- internals -----------------------------------------------------------------
    def run(self, model: cp_model.CpModel, budget: float,
            phase: str) -> tuple[str | None, list[int] | None]:
        """Full CP-SAT solve of ``model`` (whatever its objective: the full one or its
        priority part, whose bound is also a bound of the full one since every
        penalty is non-negative). Returns the core status and the solution vector
        that is best for ``model``'s own objective."""
        if budget <= 0 or self.budget_left() <= 0:
            return None, None
        solver = self.new_cp_solver(budget, lp_level=self.options.lp_level)
        status = self.solve_with(solver, model, _Callback(self, phase))
        values = None
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            values = list(solver.response_proto.solution)
            if model.has_objective():
                self._raise_bound(solver.best_objective_bound)
            self.offer(values, phase)
        if status == cp_model.OPTIMAL:
            return OPTIMAL, values
        if status == cp_model.FEASIBLE:
            return FEASIBLE, values
        if status == cp_model.INFEASIBLE:
            # A hint built from the incumbent never makes CP-SAT answer INFEASIBLE on a
            # feasible model: this is a real clash of hard rules.
            return (INFEASIBLE if self.best is None else OPTIMAL), values
        if status == cp_model.MODEL_INVALID:
            return INVALID, None
        return (FEASIBLE if self.best is not None else UNKNOWN), None

    def _raise_bound(self, bound: float) -> None:
        with self._lock:
            bound = math.ceil(bound - 1e-6)  # integer objective
            self.bound = bound if self.bound is None else max(self.bound, bound)

    def _finish(self, rm: RosterModel, status: str | None) -> Solution:
        status = status or (FEASIBLE if self.best is not None else UNKNOWN)
        if status == OPTIMAL and self.best_objective is not None:
            self.bound = self.best_objective
        sol = Solution(status=status, objective=self.best_objective, bound=self.bound,
                       cancelled=self.cancelled)
        if self.best is not None:
            sol.assignments = roster_of(rm, self.best)
            sol.violations = violations_of(rm, self.best)
            sol.message = _summary(sol)
        elif status == INFEASIBLE:
            if self.options.explain and not self.cancelled:
                sol.conflicts = explain_infeasibility(
                    self.problem, time_limit=self.options.explain_time_limit,
                    random_seed=self.options.random_seed, stop=self._stop) or []
            sol.message = ("Aucun planning ne respecte toutes les règles impératives."
                           if not sol.conflicts else sol.explanation())
        elif status == UNKNOWN:
            sol.message = "Arrêté avant d'avoir trouvé un planning."
        sol.wall_time = self.elapsed()
        return sol


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, owner: RosterSolver, phase: str) -> None:
        super().__init__()
        self.owner, self.phase = owner, phase

    def on_solution_callback(self) -> None:
        if self.owner._rm.penalties:
            self.owner._raise_bound(self.best_objective_bound)
        self.owner.offer(list(self.response_proto.solution), self.phase)


def _add_hint(rm: RosterModel, hint: list[Assignment]) -> None:
    wanted = {(a.person, a.day, a.shift) for a in hint}
    for key, v in rm.x.items():
        rm.model.add_hint(v, key in wanted)


def _set_hint_vector(model: cp_model.CpModel, values: list[int] | None) -> None:
    if values is None:
        return
    model.clear_hints()
    h = model.proto.solution_hint
    h.vars.extend(range(len(values)))
    h.values.extend(values)


def _summary(sol: Solution) -> str:
    state = {OPTIMAL: "optimal", FEASIBLE: "non prouvé optimal"}.get(sol.status, sol.status)
    stop = " (arrêté à la demande)" if sol.cancelled else ""
    return (f"Planning {state}{stop} : coût {sol.objective}, "
            f"{len(sol.violations)} règle(s) souple(s) non respectée(s).")


def solve(problem: Problem, options: SolveOptions | None = None,
          on_progress: ProgressCallback | None = None) -> Solution:
    """Solve ``problem`` once (see :class:`RosterSolver` to be able to cancel)."""
    return RosterSolver(problem, options).solve(on_progress)
