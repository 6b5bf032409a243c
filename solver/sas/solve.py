"""The SAS solve, on the core's solve loop (:mod:`solver.core.loop`): lexicographic
levels, progress, cancel, time limit, hints, optional LNS.

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
from typing import Any, Iterable

from ..core.loop import Level, LoopResult, ProgressCallback, SolveLoop
from ..core.options import SolveOptions
from ..core.report import objective_of_terms, value_of
from ..core.solution import INVALID
from .context import Context
from .evaluator import role_coverage
from .explain import explain_clash, uncovered_of
from .model import SasModel
from .problem import SasProblem
from .records import ONCALL, Assignment
from .screen import screen
from .solution import (FEASIBLE, INFEASIBLE, OPTIMAL, UNKNOWN, Cost, Phase, Rejected,
                       SasSolution)
from .state import RosterState


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
    lns: bool = False
    """Large-neighbourhood search after a first full solve, in each level (the core's
    :mod:`~solver.core.lns`), for big months (a region, a quarter)."""


class SasSolver:
    """One solve; ``cancel()`` (any thread) makes ``solve()`` return the best so far."""

    def __init__(self, problem: SasProblem, options: SasOptions | None = None) -> None:
        self.problem = problem
        self.options = options or SasOptions()
        self._cancelled = False
        self._loop: SolveLoop | None = None
        self.ctx: Context | None = None
        self.sm: SasModel | None = None
        self.rejected: list[Rejected] = []
        """Fixed lines set aside before the solve (see :mod:`.screen`)."""
        self._frozen: list[int] = []

    def cancel(self) -> None:
        self._cancelled = True
        loop = self._loop
        if loop is not None:
            loop.cancel()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def elapsed(self) -> float:
        return 0.0 if self._loop is None else self._loop.elapsed()

    def core_options(self) -> SolveOptions:
        """The options of the core's solve loop for these SAS options."""
        opts = self.options
        return SolveOptions(
            # Deterministic runs count every budget in CP-SAT's deterministic time, so
            # that the level-2 budget does not depend on how long level 1 took on the
            # wall clock; three times the wall limit stays as a safety net.
            time_limit=opts.time_limit * (3 if opts.deterministic else 1),
            deterministic=opts.deterministic,
            deterministic_limit=opts.time_limit if opts.deterministic else None,
            num_workers=opts.num_workers, random_seed=opts.seed, log=opts.log,
            # Clauses and at-most-ones in the LP relaxation: once presolve has turned
            # the coverage rows into clauses, the default LP no longer sees them and
            # the bound of the quality level stays far from the roster. The
            # portfolio's default full solver resets the level to 1: add the ones
            # that keep it — the LP-bound worker and the LP-guided (reduced costs)
            # one, which finds a roster within 1 % of the bound on ``large`` in ~15 s.
            lp_level=2, subsolvers=("max_lp", "reduced_costs"),
            parameters=opts.parameters, level_share=opts.coverage_share,
            lns=opts.lns, lns_start=0.3, lns_proof=0.05)

    # -- the solve -------------------------------------------------------------------
    def solve(self, on_progress: ProgressCallback | None = None,
              free_days: list[str] | None = None) -> SasSolution:
        """Solve (``free_days``: see :attr:`SasOptions.free_days`).

        May be called again on the same solver with a *wider* neighbourhood (e.g. a
        day, then its week): the model is built once and reused; the level reached
        by an earlier call stays a constraint, which is valid since a wider
        neighbourhood can only do better. The time limit counts from here, the
        model's build excluded (as before: ``build_seconds`` is reported apart)."""
        opts = self.options
        if self.sm is None:
            t0 = time.perf_counter()
            _, self.rejected, self.ctx = screen(self.problem)
            self.sm = SasModel(self.ctx)
            build = time.perf_counter() - t0
        else:
            build = 0.0
        ctx, sm = self.ctx, self.sm
        assert ctx is not None
        loop = self._loop = SolveLoop(sm.rm, self.core_options(), on_progress)
        if self._cancelled:
            loop.cancel()
        hint = opts.hint if opts.hint is not None else self.problem.reference
        free = free_days if free_days is not None else opts.free_days
        self._unfreeze(sm)
        if free is not None:
            self._freeze(sm, set(free), hint or [])
        sm.model.clear_hints()  # type: ignore[no-untyped-call]
        self._hint(sm, hint)
        levels = [Level("coverage", sm.coverage_terms), Level("quality", sm.quality_terms)]
        if not ctx.weights.lexicographic:
            levels = [Level("weighted", sm.coverage_terms + sm.quality_terms)]
        result = loop.solve(levels)
        if any(lv.status == INVALID for lv in result.levels):
            raise RuntimeError(f"Modèle refusé par CP-SAT : {sm.model.validate()}")
        return self._finish(ctx, sm, loop, result, build)

    def _freeze(self, sm: SasModel, free_days: set[str], keep: list[Assignment]) -> None:
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
    def _hint(sm: SasModel, hint: list[Assignment] | None) -> None:
        if not hint:
            return
        wanted = _keys(sm.ctx, hint)
        for key, var in sm.live.items():
            sm.model.add_hint(var, key in wanted)

    def _finish(self, ctx: Context, sm: SasModel, loop: SolveLoop, result: LoopResult,
                build: float) -> SasSolution:
        phases = [Phase(lv.name, lv.status, lv.objective, lv.bound, lv.seconds)
                  for lv in result.levels]
        sol = SasSolution(status=UNKNOWN, phases=phases, cancelled=loop.cancelled,
                          build_seconds=build, stats=sm.stats(), rejected=list(self.rejected))
        best = result.values
        sol.solve_seconds = loop.elapsed()
        if best is not None:
            sol.status = result.status
            # What is reported is the returned roster's own cost, re-evaluated.
            last = loop.levels[len(phases) - 1] if phases else loop.levels[-1]
            sol.objective = objective_of_terms(last.terms, best)
            sol.bound = phases[-1].bound if phases else None
            if phases:
                phases[-1].objective = sol.objective
            keys = [k for k, v in sm.rm.x.items() if best[v.index]]
            sol.assignments = [assignment_of(ctx, *k) for k in keys]
            sol.costs = costs_of(ctx, sm, best)
            sol.uncovered = uncovered_of(ctx, RosterState(ctx, keys))
            sol.coverage = role_coverage(ctx.problem, sol.uncovered)
            sol.message = summary(sol)
            return sol
        if result.status == INFEASIBLE:
            sol.status = INFEASIBLE
            if self.options.explain and not loop.cancelled:
                sol.conflicts = explain_clash(ctx, time_limit=self.options.explain_time_limit,
                                              seed=self.options.seed,
                                              stop=loop.stop_event) or []
            sol.message = sol.explanation() if sol.conflicts else \
                "Aucun planning ne respecte toutes les règles impératives."
            sol.solve_seconds = loop.elapsed()
        else:
            sol.message = "Arrêté avant d'avoir trouvé un planning."
        return sol


def _keys(ctx: Context, assignments: Iterable[Assignment]) -> set[tuple[str, int, str]]:
    out: set[tuple[str, int, str]] = set()
    for a in assignments:
        d = ctx.index.get(a.day)
        if d is None:
            continue
        try:
            out.add((a.person, d, ctx.slot_of(a.template, a.remote, d)))
        except KeyError:
            continue
    return out


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
    text = f"Planning {state}{stop} : {len(sol.assignments)} affectation(s), {gaps}."
    if sol.rejected:
        text += (f" {len(sol.rejected)} ligne(s) fixée(s) écartée(s) (erreurs de données) :\n"
                 + "\n".join(f"  - {r.text}" for r in sol.rejected))
    return text


def solve_sas(problem: SasProblem, time_limit: float = 60.0,
              on_progress: ProgressCallback | None = None, cancel_token: Any = None,
              **options: Any) -> SasSolution:
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
