"""The one solve loop of the engine, for any :class:`~solver.core.model.RosterModel`.

Used by the general core (:class:`~solver.core.roster_solver.RosterSolver`, the Curtois
benchmark) and by the SAS model (:class:`~solver.sas.solve.SasSolver`). It owns what
both need once: the time limit (wall clock, or CP-SAT deterministic time), cancel from
any thread, progress, warm-start hints, the CP-SAT parameters, the incumbent, the bound
and the final re-evaluation of the returned roster.

An objective is a list of :class:`Level`; several levels are lexicographic (the SAS
model: uncovered demand first, then everything else): each level is minimised with the
earlier ones kept at the value reached. Inside a level the loop runs either one full
CP-SAT solve, or (``lns``) a first full solve, large-neighbourhood search
(:mod:`solver.core.lns`) and a last warm-started full solve:

1. ``search`` — CP-SAT on the full model, ``lns_start`` of the level's time (more if
   no roster yet); small problems end here, proven optimal;
2. ``lns-priority`` (optional) — LNS on the ``priority`` terms of the level alone,
   a heuristic order of search, not an objective of its own;
3. ``lns`` — LNS on the whole level objective;
4. ``proof`` — a full solve warm-started from the incumbent (``lns_proof`` share).
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from ortools.sat.python import cp_model

from .lns import LnsSearch
from .model import Penalty, RosterModel
from .options import SolveOptions
from .report import objective_of_terms
from .solution import FEASIBLE, INFEASIBLE, INVALID, OPTIMAL, UNKNOWN, Progress

ProgressCallback = Callable[[Progress], None]


@dataclass
class Level:
    """One lexicographic level of the objective: the sum of ``terms``."""

    name: str
    terms: list[Penalty]


@dataclass
class LevelResult:
    """What one level reached (objective and bound of that level's terms)."""

    name: str
    status: str
    objective: int | None = None
    bound: float | None = None
    seconds: float = 0.0


@dataclass
class LoopResult:
    status: str
    values: list[int] | None
    levels: list[LevelResult] = field(default_factory=list)
    cancelled: bool = False


class SolveLoop:
    """Solves one model; ``cancel()`` may be called from any thread and makes
    :meth:`solve` return the best roster found so far."""

    def __init__(self, rm: RosterModel, options: SolveOptions,
                 on_progress: ProgressCallback | None = None,
                 started: float | None = None) -> None:
        """``started``: ``time.monotonic()`` when the time limit started (default
        now), so that building the model counts."""
        self.rm = rm
        self.options = options
        self.on_progress = on_progress
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._running: set[cp_model.CpSolver] = set()
        self._t0 = time.monotonic() if started is None else started
        self.levels: list[Level] = []
        self.level = 0
        """Index of the level being minimised."""
        self.best: list[int] | None = None
        self.best_key: tuple[int, ...] | None = None
        self.bound: float | None = None
        """Best lower bound of the current level's objective."""
        self.deterministic_used = 0.0

    # -- cancel and clock ----------------------------------------------------------
    def cancel(self) -> None:
        self._stop.set()
        with self._lock:
            for solver in self._running:
                solver.stop_search()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    @property
    def stop_event(self) -> threading.Event:
        return self._stop

    def restart_clock(self) -> None:
        self._t0 = time.monotonic()
        self.deterministic_used = 0.0

    def elapsed(self) -> float:
        return time.monotonic() - self._t0

    def remaining(self) -> float:
        return self.options.time_limit - self.elapsed()

    @property
    def reserve(self) -> float:
        """Wall seconds kept for :meth:`rescore` at the end: 15 µs a constraint
        (measured: 0.6 s for 105 000 constraints on a loaded machine), at most a tenth
        of the limit."""
        return min(0.1 * self.options.time_limit, 1.5e-5 * len(self.rm.model.proto.constraints))

    def limit(self) -> float:
        """The budget that drives the phases: deterministic units or wall seconds."""
        if self.options.deterministic:
            return self.options.deterministic_limit or self.options.time_limit
        return self.options.time_limit

    def clock(self) -> float:
        return self.deterministic_used if self.options.deterministic else self.elapsed()

    def budget_left(self) -> float:
        """Remaining budget in the unit that drives the stop (deterministic or wall),
        the time kept for the final re-evaluation deducted."""
        if self.options.deterministic:
            return min(self.limit() - self.deterministic_used, self.remaining())
        return self.remaining() - self.reserve

    # -- the incumbent -------------------------------------------------------------
    @property
    def best_objective(self) -> int | None:
        """Objective of the incumbent for the current level."""
        return None if self.best_key is None else self.best_key[self.level]

    def key(self, values: list[int]) -> tuple[int, ...]:
        return tuple(objective_of_terms(level.terms, values) for level in self.levels)

    def offer(self, values: list[int], phase: str) -> bool:
        """Keep ``values`` if lexicographically better than the incumbent; report."""
        key = self.key(values)
        with self._lock:
            if self.best_key is not None and key >= self.best_key:
                return False
            self.best, self.best_key = values, key
        self.report(phase)
        return True

    def report(self, phase: str) -> None:
        if self.on_progress is not None:
            self.on_progress(Progress(self.best_objective, self.bound, self.elapsed(), phase))

    def raise_bound(self, bound: float) -> None:
        with self._lock:
            bound = math.ceil(bound - 1e-6)  # integer objective
            self.bound = bound if self.bound is None else max(self.bound, bound)

    # -- CP-SAT ----------------------------------------------------------------------
    def new_cp_solver(self, budget: float, workers: int | None = None,
                      lp_level: int | None = None, full: bool = False) -> cp_model.CpSolver:
        """A CP-SAT solver within the budget; ``full``: with the options' extra
        subsolvers and parameters (the full solves, not the LNS steps)."""
        opts = self.options
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.num_workers = workers or opts.num_workers
        if lp_level is not None:
            p.linearization_level = lp_level
        p.random_seed = opts.random_seed
        p.log_search_progress = opts.log
        p.max_time_in_seconds = max(0.01, min(budget, self.remaining() - self.reserve))
        if full:
            if p.num_workers > 1 and opts.subsolvers:
                p.subsolvers.extend(opts.subsolvers)
            for name, value in (opts.parameters or {}).items():
                if isinstance(value, (list, tuple)):
                    getattr(p, name).extend(value)
                else:
                    setattr(p, name, value)
        if opts.deterministic:
            p.interleave_search = True
            p.max_time_in_seconds = max(0.01, self.remaining())
            p.max_deterministic_time = max(0.01, min(budget, self.budget_left()))
        return solver

    def solve_with(self, solver: cp_model.CpSolver, model: cp_model.CpModel,
                   callback: cp_model.CpSolverSolutionCallback | None = None) -> Any:
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

    def run(self, budget: float, phase: str,
            first: bool = False) -> tuple[str | None, list[int] | None]:
        """Full CP-SAT solve of the model with its current objective (``first``: stop at
        the first solution). Returns the core status and the solution vector best for
        that objective."""
        if budget <= 0 or self.budget_left() <= 0:
            return None, None
        model = self.rm.model
        solver = self.new_cp_solver(budget, lp_level=self.options.lp_level, full=True)
        if first:
            solver.parameters.stop_after_first_solution = True
        status = self.solve_with(solver, model, _Callback(self, phase))
        values = None
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            values = list(solver.response_proto.solution)
            if model.has_objective():
                self.raise_bound(solver.best_objective_bound)
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

    # -- the solve -------------------------------------------------------------------
    def solve(self, levels: Sequence[Level]) -> LoopResult:
        """Minimise ``levels`` lexicographically from the model's current hints."""
        self.levels = [lv for lv in levels if lv.terms] or list(levels[:1])
        out = LoopResult(UNKNOWN, None)
        opts = self.options
        for i, level in enumerate(self.levels):
            if self.cancelled or self.budget_left() <= 0.05 and self.best is not None:
                break
            self.level, self.bound = i, None
            last = i == len(self.levels) - 1
            left = self.budget_left()
            budget = left if last else max(min(left, 1.0), left * opts.level_share)
            if self.best is not None:
                set_hint_vector(self.rm.model, self.best)
            self.rm.model.minimize(sum(p.coef * p.expr for p in level.terms))
            t = time.monotonic()
            if opts.lns and level.terms:
                status = self._solve_lns(level, budget)
            else:
                status = self.run(budget, level.name)[0]
            status = status or (FEASIBLE if self.best is not None else UNKNOWN)
            objective = self.best_objective
            if status == OPTIMAL and objective is not None:
                self.bound = objective
            out.levels.append(LevelResult(level.name, status, objective, self.bound,
                                          time.monotonic() - t))
            if status in (INFEASIBLE, INVALID) or self.best is None:
                break
            if not last and objective is not None:
                # Keep the level reached: the next level may not make it worse.
                self.rm.model.add(sum(p.coef * p.expr for p in level.terms) <= objective)
        out.cancelled = self.cancelled
        if self.best is not None:
            self.best = self.rescore(self.best)
            self.best_key = self.key(self.best)
            done = len(out.levels) == len(self.levels) and \
                all(lv.status == OPTIMAL for lv in out.levels)
            out.status = OPTIMAL if done else FEASIBLE
        elif out.levels:
            out.status = out.levels[-1].status
        out.values = self.best
        return out

    def _solve_lns(self, level: Level, budget: float) -> str | None:
        opts = self.options
        rm = self.rm
        start_clock = self.clock()
        full = level.terms
        prio = [p for p in full if opts.priority and p.rule.startswith(tuple(opts.priority))]
        use_prio = 0 < len(prio) < len(full)
        status, start = self.run(budget * opts.lns_start, "search")
        if start is None and status == UNKNOWN and not self.cancelled:
            # No roster yet (a big instance): look for any roster that keeps the hard
            # rules, without the objective — several times faster (a 56-day, 126-person
            # instance: 10 s instead of none in 40 s) — and let the LNS improve it.
            rm.model.clear_objective()  # type: ignore[no-untyped-call]
            status, start = self.run(self.budget_left(), "search", first=True)
            rm.model.minimize(sum(p.coef * p.expr for p in full))
            if status == OPTIMAL:
                status = FEASIBLE  # optimal for "no objective" only
        if start is None or status in (OPTIMAL, INFEASIBLE, INVALID) or self.cancelled:
            return status
        end = start_clock + budget * (1 - opts.lns_proof)
        if use_prio:
            rm.model.minimize(sum(p.coef * p.expr for p in prio))
            # A lower bound of the priority part (the LP is often tight on it): the
            # priority phase stops once it is reached and leaves the time to the rest.
            target = self.priority_bound(budget * opts.lns_priority_bound)
            stall = max(2.0, opts.lns_priority_stall * budget)
            start = LnsSearch(self, prio, start, phase="lns-priority").run(
                until=start_clock + budget * opts.lns_priority_share, stall=stall,
                target=target).values
            rm.model.minimize(sum(p.coef * p.expr for p in full))

            # Continue from whichever roster is lexicographically best (priority, full).
            def key(vals: list[int]) -> tuple[int, int]:
                return objective_of_terms(prio, vals), objective_of_terms(full, vals)
            if self.best is not None and key(self.best) < key(start):
                start = self.best
        if LnsSearch(self, full, start, phase="lns").run(until=end).proven:
            return OPTIMAL
        status = FEASIBLE
        left = start_clock + budget - self.clock()
        if not self.cancelled and min(left, self.budget_left()) > 0.5:
            set_hint_vector(rm.model, self.best)
            status = self.run(left, "proof")[0] or status
        objective = self.best_objective
        if objective is not None and self.bound is not None and objective <= self.bound:
            status = OPTIMAL
        return status

    def priority_bound(self, budget: float) -> int | None:
        """Lower bound of the model's current objective from a short solve whose
        workers all keep every clause in the LP (CP-SAT's LP-bound worker and its
        LP-guided search). It bounds the whole level too (non-negative terms)."""
        if budget <= 0 or self.budget_left() <= budget:
            return None
        solver = self.new_cp_solver(budget, lp_level=2)
        if solver.parameters.num_workers > 1:
            solver.parameters.subsolvers.extend(["max_lp", "reduced_costs"])
        status = self.solve_with(solver, self.rm.model, _Callback(self, "bound"))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        bound = math.ceil(solver.best_objective_bound - 1e-6)
        self.raise_bound(bound)
        return bound

    def rescore(self, values: list[int]) -> list[int]:
        """The same roster with every penalty at its least value.

        A solution vector found while minimising another objective (a priority part, a
        first level) may carry penalty variables above what its roster pays (a slack
        "over" count, say): with every roster variable fixed, CP-SAT minimises the
        whole objective, so that what is reported is what the roster costs."""
        model = self.rm.model.clone()
        variables = model.proto.variables
        for var in self.rm.x.values():
            dom = variables[var.index].domain
            dom[0] = dom[1] = values[var.index]  # roster variables: domain [0, 1]
        terms = [p for level in self.levels for p in level.terms]
        model.minimize(sum(p.coef * p.expr for p in terms))
        set_hint_vector(model, values)
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.num_workers = 1
        p.max_time_in_seconds = min(10.0, max(1.0, self.remaining()))
        # With every roster variable fixed, propagation alone gives each penalty its
        # least value (the encodings bound them from below): presolve would only cost.
        p.cp_model_presolve = False
        p.linearization_level = 0
        if solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            rescored = list(solver.response_proto.solution)
            if self.key(rescored) <= self.key(values):
                return rescored
        return values


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, owner: SolveLoop, phase: str) -> None:
        super().__init__()
        self.owner, self.phase = owner, phase

    def on_solution_callback(self) -> None:
        self.owner.raise_bound(self.best_objective_bound)
        self.owner.offer(list(self.response_proto.solution), self.phase)


def set_hint_vector(model: cp_model.CpModel, values: list[int] | None) -> None:
    """Hint every variable of ``model`` with ``values`` (a solution vector)."""
    if values is None:
        return
    model.clear_hints()  # type: ignore[no-untyped-call]
    h = model.proto.solution_hint
    h.vars.extend(range(len(values)))
    h.values.extend(values)
