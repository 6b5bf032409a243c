"""Large-neighbourhood search over the roster variables.

Each step frees a part of the incumbent roster — a few people over the whole horizon,
every person over a window of days, a block of both, or people around a day where the
incumbent pays a penalty — fixes every other assignment to its incumbent value and lets
CP-SAT re-optimise the free part, starting from the incumbent (a complete hint, so a
step never returns anything worse). Sizes adapt per kind: a step solved to optimality
without gain grows that kind's neighbourhood, a step that ran out of time shrinks it,
so steps settle where CP-SAT can still close them.

Steps reuse the full model by cloning it and narrowing variable domains in the clone:
every rule of the core applies unchanged and nothing here knows about rules. Several
steps run at once in threads (CP-SAT releases the GIL), one CP-SAT worker each, unless
the solve must be deterministic.

``objective`` may be a part of the full objective (the *priority* terms, e.g. uncovered
demand): the search then minimises that part only, which makes the landscape flatter
and the steps easier; the caller switches to the full objective afterwards.
"""

from __future__ import annotations

import logging
import math
import random
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Protocol

from ortools.sat.python import cp_model

from .report import value_of

if TYPE_CHECKING:
    from .model import Penalty, RosterModel
    from .options import SolveOptions

log = logging.getLogger(__name__)


class Owner(Protocol):
    """What the LNS needs of the solve loop that runs it."""

    rm: RosterModel
    options: SolveOptions

    @property
    def cancelled(self) -> bool: ...
    def clock(self) -> float: ...
    def elapsed(self) -> float: ...
    def budget_left(self) -> float: ...
    def new_cp_solver(self, budget: float, workers: int | None = None,
                      lp_level: int | None = None, full: bool = False
                      ) -> cp_model.CpSolver: ...
    def solve_with(self, solver: cp_model.CpSolver, model: cp_model.CpModel,
                   callback: cp_model.CpSolverSolutionCallback | None = None) -> Any: ...
    def offer(self, values: list[int], phase: str) -> bool: ...


KINDS = ("people", "hotspot", "block", "window", "hotwindow", "types")
START_SIZE = {"people": 0.2, "hotspot": 0.2, "block": 0.35, "window": 0.15,
              "hotwindow": 0.15, "types": 0.5}
START_VARS = 600


class Neighbourhoods:
    """Chooses which (person, day) cells to free, and adapts sizes to the outcomes."""

    def __init__(self, rm: RosterModel, penalties: list[Penalty], rng: random.Random) -> None:
        self.rm, self.penalties, self.rng = rm, penalties, rng
        self.people = list(rm.people)
        self.n_days = rm.problem.days
        # Start small on big models: about START_VARS free roster variables, so that
        # the first steps close quickly; sizes then adapt to the closing time.
        scale = min(1.0, max(0.25, START_VARS / max(1, len(rm.x)) / 0.2))
        self.size = {k: v * scale for k, v in START_SIZE.items()}
        self.grow, self.shrink = 1.2, 0.85
        self.gain = {k: 1.0 for k in KINDS}  # moving average of successes
        self._subject_people: dict[str, list[str]] = {}
        for pid in self.people:
            self._subject_people.setdefault(rm.who(pid), []).append(pid)

    def pick(self) -> str:
        # Roulette on recent success, with a floor so that no kind is starved.
        weights = [0.2 + self.gain[k] for k in KINDS]
        return self.rng.choices(KINDS, weights)[0]

    def free_cells(self, kind: str, best: list[int]
                   ) -> tuple[set[tuple[str, int]], set[tuple[str, int]], set[str]]:
        """The (person, day) cells to free entirely, and cells that may only take
        the given shifts (or be off)."""
        if kind == "types":
            return self._types(self.size[kind], best)
        return self._free_cells(kind, best), set(), set()

    def _free_cells(self, kind: str, best: list[int]) -> set[tuple[str, int]]:
        f = self.size[kind]
        if kind == "people":
            return self._cells(self._some(self.people, f), range(self.n_days))
        if kind == "window":
            return self._cells(self.people, self._window(f))
        if kind == "block":
            return self._cells(self._some(self.people, f), self._window(min(1.0, 2 * f)))
        pen = self._paid(best)
        if pen is None:
            return self._cells(self._some(self.people, f), range(self.n_days))
        if kind == "hotwindow":
            return self._cells(self.people, self._window(f, centre=pen.day))
        return self._hotspot(f, best, pen)

    def adapt(self, kind: str, solved: bool, improved: bool) -> None:
        self.gain[kind] = 0.8 * self.gain[kind] + 0.2 * (1.0 if improved else 0.0)
        # On time, not on gain: far from a local optimum almost every step gains, and
        # keeping the size then would let steps run into the time limit.
        factor = self.grow if solved else self.shrink
        self.size[kind] = min(1.0, max(0.01, self.size[kind] * factor))

    def _some(self, pool: list[str], f: float) -> list[str]:
        k = max(2, math.ceil(f * len(self.people)))
        return self.rng.sample(pool, min(k, len(pool)))

    def _window(self, f: float, centre: int | None = None) -> range:
        length = max(2, min(self.n_days, math.ceil(f * self.n_days)))
        if centre is None:
            start = self.rng.randrange(0, self.n_days - length + 1)
        else:
            start = min(max(0, centre - length // 2), self.n_days - length)
        return range(start, start + length)

    def _types(self, f: float, best: list[int]
               ) -> tuple[set[tuple[str, int]], set[tuple[str, int]], set[str]]:
        """One or two shift types over a window of days (the whole horizon at full
        size), for everybody: a cell that is off or on one of them in the incumbent may
        become off or any of them, every other cell stays. Moves the shifts of a type
        between people and days — what a shortage of that type needs — in a
        neighbourhood of simple yes/no choices, however many people there are. Around
        the penalised day everything is free, so that the shifts there can be
        rearranged to make room."""
        shifts = self.rm.shift_ids
        pen = self._paid(best, rule="coverage")
        first = (self.rng.choice([s for _, _, s in pen.cells]) if pen and pen.cells
                 else self.rng.choice(shifts))
        types = {first}
        if len(shifts) > 1 and self.rng.random() < 0.5:
            types.add(self.rng.choice([s for s in shifts if s != first]))
        days = self._window(f) if pen is None or f >= 1 else self._window(f, centre=pen.day)
        x = self.rm.x
        cells = set()
        for p in self.people:
            for d in days:
                worked = [s for s in shifts if (k := (p, d, s)) in x and best[x[k].index]]
                if not worked or set(worked) <= types:
                    cells.add((p, d))
        around = set()
        if pen is not None and pen.day is not None:
            around = self._cells(self.people, self._window(3 / self.n_days, centre=pen.day))
        return around, cells - around, types

    def _paid(self, best: list[int], rule: str = "") -> Penalty | None:
        paid = [p for p in self.penalties if p.day is not None and p.rule.startswith(rule)
                and value_of(p.expr, best)]
        return self.rng.choice(paid) if paid else None

    def _hotspot(self, f: float, best: list[int], pen: Penalty) -> set[tuple[str, int]]:
        """People who could change a penalised term, whole horizon: for a term that
        names its cells (a coverage slot), those who could take one of them (they
        could come) and those on them (they could move); otherwise the person
        concerned, those off that day and those on it."""
        x = self.rm.x
        if pen.cells:
            on = list(dict.fromkeys(p for p, d, s in pen.cells if best[x[p, d, s].index]))
            off = [p for p in dict.fromkeys(p for p, _, _ in pen.cells) if p not in on]
            chosen: list[str] = []
        else:
            shifts = self.rm.shift_ids
            on = [p for p in self.people
                  if any(best[x[key].index] for s in shifts if (key := (p, pen.day, s)) in x)]
            off = [p for p in self.people if p not in on
                   and any((p, pen.day, s) in x for s in shifts)]
            chosen = list(self._subject_people.get(pen.subject, []))
        k = max(2, math.ceil(f * len(self.people)))
        self.rng.shuffle(off)
        self.rng.shuffle(on)
        while len(chosen) < k and (off or on):
            src = off if (off and (not on or self.rng.random() < 0.6)) else on
            who = src.pop()
            if who not in chosen:
                chosen.append(who)
        if len(chosen) < k:
            rest = [p for p in self.people if p not in chosen]
            chosen += self.rng.sample(rest, min(len(rest), k - len(chosen)))
        return self._cells(chosen, range(self.n_days))

    @staticmethod
    def _cells(people: Iterable[str], days: Iterable[int]) -> set[tuple[str, int]]:
        return {(p, d) for p in people for d in days}


@dataclass
class Incumbent:
    values: list[int]
    value: int  # of the searched objective
    proven: bool = False  # optimal for the searched objective


class LnsSearch:
    """LNS on the loop's model, whose objective must be the sum of ``penalties``, from
    the solution vector ``start``. Reports improving rosters to the loop (``offer``),
    which owns the clock, the cancel and the CP-SAT solvers."""

    def __init__(self, loop: Owner, penalties: list[Penalty], start: list[int],
                 phase: str = "lns") -> None:
        self.loop = loop
        self.rm: RosterModel = loop.rm
        self.opts = loop.options
        self.phase = phase
        self.penalties = penalties
        self.lock = threading.Lock()
        self.inc = Incumbent(start, self.objective(start))
        self.hoods = Neighbourhoods(self.rm, penalties, random.Random(self.opts.random_seed))
        self.hoods.grow, self.hoods.shrink = self.opts.lns_grow, self.opts.lns_shrink
        self.cell_vars: dict[tuple[str, int], list[int]] = {}
        self.var_shift: dict[int, str] = {}
        for (p, d, s), v in self.rm.x.items():
            self.cell_vars.setdefault((p, d), []).append(v.index)
            self.var_shift[v.index] = s
        variables = self.rm.model.proto.variables
        # (Negative indices on a proto's repeated field read the wrong element with
        # some protobuf back ends: the domain is read whole.)
        self.original: dict[int, tuple[int, int]] = {}
        for indices in self.cell_vars.values():
            for i in indices:
                dom = tuple(variables[i].domain)
                self.original[i] = (dom[0], dom[-1])
        self.threads = 1 if self.opts.deterministic else max(1, self.opts.num_workers)
        # Step budget: grows when steps stop paying, so that bigger neighbourhoods can
        # be closed once the small ones are exhausted (small problems end up solving
        # most of the roster in one step).
        self.budget = self.opts.lns_subsolve
        self.budget_cap = self.opts.lns_subsolve
        self.since_gain = 0
        self.last_gain = loop.clock()
        self.proven = False
        # The model with every roster variable fixed to the incumbent, rebuilt only
        # when the incumbent changes: a step then clones it and frees a few cells,
        # instead of fixing thousands of variables from Python each time.
        self._template_of: list[int] | None = None
        self._template: cp_model.CpModel | None = None
        self.until = 0.0
        self.stall: float | None = None
        self.target: int | None = None

    def objective(self, values: list[int]) -> int:
        return sum(p.coef * value_of(p.expr, values) for p in self.penalties)

    def run(self, until: float, stall: float | None = None,
            target: int | None = None) -> Incumbent:
        """Search until the loop's clock reaches ``until``, no gain for ``stall``, or
        the objective reaches ``target`` (a lower bound: the incumbent is then
        optimal)."""
        self.until, self.stall, self.target = until, stall, target
        self.budget_cap = max(self.opts.lns_subsolve, 0.1 * until)
        if self.threads == 1:
            self._loop()
        else:
            workers = [threading.Thread(target=self._loop, name=f"lns-{i}")
                       for i in range(self.threads)]
            for t in workers:
                t.start()
            for t in workers:
                t.join()
        return self.inc

    def _loop(self) -> None:
        while self.step():
            pass

    def fixed_template(self, best: list[int]) -> cp_model.CpModel:
        with self.lock:
            if self._template_of is best and self._template is not None:
                return self._template
        # Built outside the lock: the other thread keeps solving meanwhile.
        model = self.rm.model.clone()
        variables = model.proto.variables
        for index in self.original:
            dom = variables[index].domain
            dom[0] = dom[1] = best[index]
        with self.lock:
            if self._template_of is not self.inc.values and best is self.inc.values:
                self._template_of, self._template = best, model
        return model

    def step(self) -> bool:
        loop, opts, inc, hoods = self.loop, self.opts, self.inc, self.hoods
        with self.lock:
            left = self.until - loop.clock()
            if loop.cancelled or left < 0.1 or loop.budget_left() < 0.1:
                return False
            if self.stall is not None and loop.clock() - self.last_gain > self.stall:
                return False
            if inc.value == 0 or self.proven:
                return False
            if self.target is not None and inc.value <= self.target:
                inc.proven = True
                return False
            best = inc.values
            kind = hoods.pick()
            free, typed, allowed = hoods.free_cells(kind, best)
        sub = self.fixed_template(best).clone()
        variables = sub.proto.variables
        for cell in free | typed:
            for index in self.cell_vars.get(cell, ()):
                if cell in typed and self.var_shift[index] not in allowed:
                    continue
                dom = variables[index].domain
                dom[0], dom[1] = self.original[index]
        hint = sub.proto.solution_hint
        hint.vars.extend(range(len(best)))
        hint.values.extend(best)
        if opts.lns_cutoff:
            # Ask for a strictly better roster only: "none in this neighbourhood" is
            # proven faster than "the incumbent is the best in it".
            obj = sub.proto.objective
            linear = sum(c * best[v] for v, c in zip(obj.vars, obj.coeffs))
            obj.domain.clear()
            obj.domain.extend([-(2 ** 62), linear - 1])
        workers = opts.num_workers if self.threads == 1 else 1
        solver = loop.new_cp_solver(min(self.budget, left), workers=workers,
                                    lp_level=opts.lns_lp_level)
        status = loop.solve_with(solver, sub)
        with self.lock:
            improved = False
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                value = round(solver.objective_value)
                if value < inc.value:
                    values = list(solver.response_proto.solution)
                    inc.values, inc.value = values, value
                    improved = True
                    self.last_gain = loop.clock()
                    loop.offer(values, self.phase)
                elif value == inc.value and opts.lns_plateau:
                    # Walk the plateau: an equally good but different roster moves
                    # the search elsewhere, where other neighbourhoods may gain.
                    values = list(solver.response_proto.solution)
                    if values != inc.values:
                        inc.values = values
            log.debug("%s %s size=%.2f cells=%d %s value=%d%s t=%.1f", self.phase, kind,
                      hoods.size[kind], len(free) + len(typed), solver.status_name(status),
                      inc.value, " *" if improved else "", loop.elapsed())
            self.since_gain = 0 if improved else self.since_gain + 1
            if self.since_gain >= 5 * self.threads:
                self.budget = min(self.budget_cap, self.budget * 1.5)
                self.since_gain = 0
            solved = status == (cp_model.INFEASIBLE if opts.lns_cutoff else cp_model.OPTIMAL)
            hoods.adapt(kind, solved or improved and status == cp_model.OPTIMAL, improved)
            if solved and len(free) >= len(self.cell_vars):
                # Nothing was fixed: the incumbent is proven optimal for this objective.
                self.proven = True
                inc.proven = True
        return True
