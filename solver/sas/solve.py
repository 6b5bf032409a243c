"""The SAS solve loop: lexicographic levels, progress, cancel, time limit, hints.

Level 1 (``coverage``) minimises the uncovered demand alone (weighted by priority);
level 2 (``quality``) keeps coverage at least as good and minimises everything else
(over-cover, preferences, fairness, Saturdays, hand-over, changes against the
reference). Each level has its own objective and bound, so each gap means something:
a single weighted sum would let the heavy coverage terms hide a poor fairness gap.
With ``weights.lexicographic = False`` everything is one weighted sum (one level).

Always answers: the best roster found when time runs out or on cancel, and if the hard
rules clash, the minimal clashing set in French (:func:`explain.explain_clash`).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

from ortools.sat.python import cp_model

from ..core.report import value_of
from ..core.solution import Progress
from .context import Context
from .explain import explain_clash, uncovered_of
from .model import SasModel
from .problem import SasProblem
from .records import ONCALL, Assignment
from .solution import FEASIBLE, INFEASIBLE, OPTIMAL, UNKNOWN, Cost, Phase, SasSolution
from .state import RosterState

ProgressCallback = Callable[[Progress], None]


@dataclass
class SasOptions:
    time_limit: float = 60.0
    """Wall-clock seconds for both levels (the explanations come on top)."""
    num_workers: int = 2
    seed: int = 0
    deterministic: bool = False
    """Same roster for the same seed and worker count: ``time_limit`` is counted in
    CP-SAT deterministic time (roughly seconds), three times the wall limit staying as
    a safety net."""
    hint: list[Assignment] | None = None
    """Warm start (default: the problem's reference roster)."""
    coverage_share: float = 0.5
    """Most of the time level 1 may use (it usually proves optimality much earlier)."""
    explain: bool = True
    explain_time_limit: float = 20.0
    log: bool = False
    free_days: list[str] | None = None
    """Neighbourhood solve: only these days (ISO) may change; every other day keeps the
    hint's assignments (used by replacement to change only what must change)."""
    parameters: dict[str, Any] | None = None
    """Extra CP-SAT parameters (name → value), for experiments."""


class SasSolver:
    """One solve; ``cancel()`` (any thread) makes ``solve()`` return the best so far."""

    def __init__(self, problem: SasProblem, options: SasOptions | None = None) -> None:
        self.problem = problem
        self.options = options or SasOptions()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._current: cp_model.CpSolver | None = None
        self._t0 = 0.0
        self.ctx: Context | None = None
        self.sm: SasModel | None = None
        self._frozen: list[int] = []

    def cancel(self) -> None:
        self._stop.set()
        with self._lock:
            if self._current is not None:
                self._current.stop_search()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def elapsed(self) -> float:
        return time.monotonic() - self._t0

    # -- the solve -------------------------------------------------------------------
    def solve(self, on_progress: ProgressCallback | None = None,
              free_days: list[str] | None = None) -> SasSolution:
        """Solve (``free_days``: see :attr:`SasOptions.free_days`).

        May be called again on the same solver with a *wider* neighbourhood (e.g. a
        day, then its week): the model is built once and reused; the level reached
        by an earlier call stays a constraint, which is valid since a wider
        neighbourhood can only do better."""
        self._t0 = time.monotonic()
        # Deterministic runs count every budget in CP-SAT's deterministic time, so that
        # the level-2 budget does not depend on how long level 1 took on the wall clock.
        self._det_used = 0.0
        opts = self.options
        if self.sm is None:
            self.ctx = Context(self.problem)
            self.sm = SasModel(self.ctx)
            build = self.sm.build_time
        else:
            build = 0.0
        ctx, sm = self.ctx, self.sm
        hint = opts.hint if opts.hint is not None else self.problem.reference
        free = free_days if free_days is not None else opts.free_days
        self._unfreeze(sm)
        if free is not None:
            self._freeze(sm, set(free), hint or [])
        sm.model.clear_hints()
        self._hint(sm, hint)
        phases: list[Phase] = []
        best: list[int] | None = None
        levels = [("coverage", sm.coverage_terms), ("quality", sm.quality_terms)]
        if not ctx.weights.lexicographic:
            levels = [("weighted", sm.coverage_terms + sm.quality_terms)]
        for i, (name, terms) in enumerate(levels):
            wall = opts.time_limit * (3 if opts.deterministic else 1)  # a safety net there
            if self.cancelled or (best is not None and self.elapsed() >= wall):
                break
            last = i == len(levels) - 1
            left = opts.time_limit - (self._det_used if opts.deterministic else self.elapsed())
            budget = left if last else max(min(left, 1.0), left * opts.coverage_share)
            if best is not None:
                _set_hint(sm.model, best)
            sm.model.minimize(sm.objective(terms))
            phase, values = self._run(sm.model, budget, name, on_progress)
            phases.append(phase)
            if values is not None:
                best = values
            if phase.status == INFEASIBLE or best is None:
                break
            if not last and phase.objective is not None:
                # Keep the level reached: the next level may not make it worse. (Capping
                # each uncovered hour instead would tie level 2 to the particular
                # roster level 1 found; with clauses in the LP the sum cap closes too.)
                sm.model.add(sm.objective(terms) <= phase.objective)
        return self._finish(ctx, sm, phases, best, build)

    def _run(self, model, budget: float, name: str, on_progress) -> tuple[Phase, list | None]:
        opts = self.options
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.num_workers = opts.num_workers
        p.random_seed = opts.seed
        p.log_search_progress = opts.log
        p.max_time_in_seconds = max(0.05, budget)
        # Clauses and at-most-ones in the LP relaxation: once presolve has turned the
        # coverage rows into clauses, the default LP no longer sees them and the bound
        # of the quality level stays far from the roster (measured on the benchmarks).
        p.linearization_level = 2
        if opts.num_workers > 1:
            # The portfolio's default full solver resets the level to 1: use the ones
            # that keep it — the LP-bound worker and the LP-guided (reduced costs) one,
            # which finds a roster within 1 % of the bound on ``large`` in ~15 s instead
            # of ~35 s with LNS (more workers run the LNS).
            p.subsolvers.extend(["max_lp", "reduced_costs"])
        for key, value in (opts.parameters or {}).items():
            if isinstance(value, (list, tuple)):
                getattr(p, key).extend(value)
            else:
                setattr(p, key, value)
        if opts.deterministic:
            p.interleave_search = True
            p.max_deterministic_time = max(0.05, budget)
            p.max_time_in_seconds = max(0.05, 3 * budget)
        t = time.monotonic()
        callback = _Callback(self, name, on_progress)
        with self._lock:
            if self._stop.is_set():
                return Phase(name, UNKNOWN), None
            self._current = solver
        try:
            status = solver.solve(model, callback)
        finally:
            with self._lock:
                self._current = None
        seconds = time.monotonic() - t
        self._det_used += solver.deterministic_time
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            values = list(solver.response_proto.solution)
            phase = Phase(name, OPTIMAL if status == cp_model.OPTIMAL else FEASIBLE,
                          round(solver.objective_value), solver.best_objective_bound, seconds)
            return phase, values
        if status == cp_model.INFEASIBLE:
            return Phase(name, INFEASIBLE, seconds=seconds), None
        if status == cp_model.MODEL_INVALID:
            raise RuntimeError(f"Modèle refusé par CP-SAT : {model.validate()}")
        return Phase(name, UNKNOWN, seconds=seconds), None

    def _freeze(self, sm: SasModel, free_days: set[str], keep) -> None:
        wanted = _keys(sm.ctx, keep)
        proto = sm.model.proto.variables
        for key, var in sm.rm.x.items():
            if sm.ctx.iso[key[1]] not in free_days:
                dom = proto[var.index].domain
                dom[0] = dom[1] = int(key in wanted)
                self._frozen.append(var.index)

    def _unfreeze(self, sm: SasModel) -> None:
        proto = sm.model.proto.variables
        for index in self._frozen:
            dom = proto[index].domain
            dom[0], dom[1] = 0, 1
        self._frozen = []

    @staticmethod
    def _hint(sm: SasModel, hint) -> None:
        if not hint:
            return
        wanted = _keys(sm.ctx, hint)
        for key, var in sm.live.items():
            sm.model.add_hint(var, key in wanted)

    def _finish(self, ctx: Context, sm: SasModel, phases: list[Phase], best,
                build: float) -> SasSolution:
        sol = SasSolution(status=UNKNOWN, phases=phases, cancelled=self.cancelled,
                          build_seconds=build, stats=sm.stats())
        if best is not None:
            proven = all(ph.status == OPTIMAL for ph in phases) and \
                len(phases) == (2 if ctx.weights.lexicographic else 1)
            sol.status = OPTIMAL if proven else FEASIBLE
            last = next(ph for ph in reversed(phases) if ph.objective is not None)
            sol.objective, sol.bound = last.objective, last.bound
            keys = [k for k, v in sm.rm.x.items() if best[v.index]]
            sol.assignments = [assignment_of(ctx, *k) for k in keys]
            sol.costs = costs_of(ctx, sm, best)
            sol.uncovered = uncovered_of(ctx, RosterState(ctx, keys))
            sol.solve_seconds = self.elapsed() - build
            sol.message = summary(sol)
            return sol
        sol.solve_seconds = self.elapsed() - build
        if phases and phases[-1].status == INFEASIBLE:
            sol.status = INFEASIBLE
            if self.options.explain and not self.cancelled:
                sol.conflicts = explain_clash(ctx, time_limit=self.options.explain_time_limit,
                                              seed=self.options.seed, stop=self._stop) or []
            sol.message = sol.explanation() if sol.conflicts else \
                "Aucun planning ne respecte toutes les règles impératives."
            sol.solve_seconds = self.elapsed() - build
        else:
            sol.message = "Arrêté avant d'avoir trouvé un planning."
        return sol


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, owner: SasSolver, phase: str, on_progress) -> None:
        super().__init__()
        self.owner, self.phase, self.on_progress = owner, phase, on_progress

    def on_solution_callback(self) -> None:
        if self.on_progress is not None:
            self.on_progress(Progress(round(self.objective_value), self.best_objective_bound,
                                      self.owner.elapsed(), self.phase))


def _keys(ctx: Context, assignments) -> set[tuple[str, int, str]]:
    out = set()
    for a in assignments:
        d = ctx.index.get(a.day)
        if d is None:
            continue
        try:
            out.add((a.person, d, ctx.slot_of(a.template, a.remote, d)))
        except KeyError:
            continue
    return out


def _set_hint(model: cp_model.CpModel, values: list[int]) -> None:
    model.clear_hints()
    h = model.proto.solution_hint
    h.vars.extend(range(len(values)))
    h.values.extend(values)


def assignment_of(ctx: Context, pid: str, d: int, sid: str) -> Assignment:
    slot = ctx.slots[sid]
    if slot.oncall:
        return Assignment(pid, ctx.iso[d], ONCALL, False, ctx.people[pid].territory)
    return Assignment(pid, ctx.iso[d], slot.template, slot.remote)


def costs_of(ctx: Context, sm: SasModel, values: list[int]) -> list[Cost]:
    out = []
    for pen in sm.rm.penalties:
        amount = value_of(pen.expr, values)
        if amount:
            day = ctx.iso[pen.day] if pen.day is not None and 0 <= pen.day < ctx.n_days else None
            out.append(Cost(pen.rule, pen.name, pen.subject, day, amount, amount * pen.coef))
    out.sort(key=lambda c: (-c.cost, c.day or "", c.subject))
    return out


def summary(sol: SasSolution) -> str:
    state = {OPTIMAL: "optimal", FEASIBLE: "non prouvé optimal"}.get(sol.status, sol.status)
    stop = " (arrêté à la demande)" if sol.cancelled else ""
    hours = sol.uncovered_hours
    oncall = sol.uncovered_oncall
    gaps = "toute la demande est couverte" if not (hours or oncall) else \
        f"{hours} heure(s)-personne non couverte(s), {oncall} astreinte(s) non pourvue(s)"
    return f"Planning {state}{stop} : {len(sol.assignments)} affectation(s), {gaps}."


def solve_sas(problem: SasProblem, time_limit: float = 60.0,
              on_progress: ProgressCallback | None = None, cancel_token: Any = None,
              **options) -> SasSolution:
    """Solve a SAS problem. ``cancel_token``: anything with ``is_set()`` (e.g. a
    ``threading.Event``); once set, the best roster found so far is returned.
    Other keyword options: see :class:`SasOptions`."""
    solver = SasSolver(problem, SasOptions(time_limit=time_limit, **options))
    if cancel_token is None:
        return solver.solve(on_progress)
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            if cancel_token.is_set():
                solver.cancel()
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        return solver.solve(on_progress)
    finally:
        done.set()
        watcher.join()
