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
from typing import TYPE_CHECKING, Callable

from ortools.sat.python import cp_model

from .report import value_of

if TYPE_CHECKING:
    from .model import Penalty, RosterModel
    from .solve import RosterSolver

log = logging.getLogger(__name__)

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
                  if any(best[x[k].index] for s in shifts if (k := (p, pen.day, s)) in x)]
            off = [p for p in self.people if p not in on
                   and any((p, pen.day, s) in x for s in shifts)]
            chosen = list(self._subject_people.get(pen.subject, []))
        k = max(2, math.ceil(f * len(self.people)))
        self.rng.shuffle(off)
        self.rng.shuffle(on)
        while len(chosen) < k and (off or on):
            src = off if (off and (not on or self.rng.random() < 0.6)) else on
            p = src.pop()
            if p not in chosen:
                chosen.append(p)
        if len(chosen) < k:
            rest = [p for p in self.people if p not in chosen]
            chosen += self.rng.sample(rest, min(len(rest), k - len(chosen)))
        return self._cells(chosen, range(self.n_days))

    @staticmethod
    def _cells(people, days) -> set[tuple[str, int]]:
        return {(p, d) for p in people for d in days}


@dataclass
class Incumbent:
    values: list[int]
    value: int  # of the searched objective
    proven: bool = False  # optimal for the searched objective


def run(owner: RosterSolver, rm: RosterModel, start: list[int], penalties: list[Penalty],
        until: float, stall: float | None = None,
        phase: str = "lns", target: int | None = None) -> Incumbent:
    """LNS on ``rm.model`` (whose objective must be the sum of ``penalties``) from
    ``start`` until the owner's clock reaches ``until``, no gain for ``stall``, or the
    objective reaches ``target`` (a lower bound: the incumbent is then optimal)."""
    opts = owner.options
    lock = threading.Lock()
    objective: Callable[[list[int]], int] = \
        lambda vals: sum(p.coef * value_of(p.expr, vals) for p in penalties)
    inc = Incumbent(start, objective(start))
    rng = random.Random(opts.random_seed)
    hoods = Neighbourhoods(rm, penalties, rng)
    hoods.grow, hoods.shrink = opts.lns_grow, opts.lns_shrink
    cell_vars: dict[tuple[str, int], list[int]] = {}
    var_shift: dict[int, str] = {}
    for (p, d, s), v in rm.x.items():
        cell_vars.setdefault((p, d), []).append(v.index)
        var_shift[v.index] = s
    original = {i: tuple(rm.model.proto.variables[i].domain)
                for indices in cell_vars.values() for i in indices}
    last_gain = [owner.clock()]
    all_cells = len(cell_vars)
    proven = [False]
    # The model with every roster variable fixed to the incumbent, rebuilt only when
    # the incumbent changes: a step then clones it and frees a few cells, instead of
    # fixing thousands of variables from Python each time.
    template: list = [None, None]  # [incumbent values, model]

    def fixed_template(best: list[int]) -> cp_model.CpModel:
        with lock:
            if template[0] is best:
                return template[1]
        # Built outside the lock: the other thread keeps solving meanwhile.
        model = rm.model.clone()
        variables = model.proto.variables
        for index in original:
            dom = variables[index].domain
            dom[0] = dom[1] = best[index]
        with lock:
            if template[0] is not inc.values and best is inc.values:
                template[0], template[1] = best, model
        return model

    threads = 1 if opts.deterministic else max(1, opts.num_workers)
    # Step budget: grows when steps stop paying, so that bigger neighbourhoods can be
    # closed once the small ones are exhausted (small problems end up solving most of
    # the roster in one step).
    budget = [opts.lns_subsolve]
    budget_cap = max(opts.lns_subsolve, 0.1 * until)
    since_gain = [0]

    def step() -> bool:
        with lock:
            left = until - owner.clock()
            if owner.cancelled or left < 0.1 or owner.budget_left() < 0.1:
                return False
            if stall is not None and owner.clock() - last_gain[0] > stall:
                return False
            if inc.value == 0 or proven[0]:
                return False
            if target is not None and inc.value <= target:
                inc.proven = True
                return False
            best = inc.values
            kind = hoods.pick()
            free, typed, allowed = hoods.free_cells(kind, best)
        sub = fixed_template(best).clone()
        variables = sub.proto.variables
        for cell in free | typed:
            for index in cell_vars.get(cell, ()):
                if cell in typed and var_shift[index] not in allowed:
                    continue
                dom = variables[index].domain
                dom[0], dom[1] = original[index][0], original[index][-1]
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
        workers = opts.num_workers if threads == 1 else 1
        solver = owner.new_cp_solver(min(budget[0], left), workers=workers,
                                     lp_level=opts.lns_lp_level)
        status = owner.solve_with(solver, sub)
        with lock:
            improved = False
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                value = round(solver.objective_value)
                if value < inc.value:
                    values = list(solver.response_proto.solution)
                    inc.values, inc.value = values, value
                    improved = True
                    last_gain[0] = owner.clock()
                    owner.offer(values, phase)
                elif value == inc.value and opts.lns_plateau:
                    # Walk the plateau: an equally good but different roster moves
                    # the search elsewhere, where other neighbourhoods may gain.
                    values = list(solver.response_proto.solution)
                    if values != inc.values:
                        inc.values = values
            log.debug("%s %s size=%.2f cells=%d %s value=%d%s t=%.1f", phase, kind,
                      hoods.size[kind], len(free) + len(typed), solver.status_name(status),
                      inc.value, " *" if improved else "", owner.elapsed())
            since_gain[0] = 0 if improved else since_gain[0] + 1
            if since_gain[0] >= 5 * threads:
                budget[0] = min(budget_cap, budget[0] * 1.5)
                since_gain[0] = 0
            solved = status == (cp_model.INFEASIBLE if opts.lns_cutoff else cp_model.OPTIMAL)
            hoods.adapt(kind, solved or improved and status == cp_model.OPTIMAL, improved)
            if solved and len(free) >= all_cells:
                # Nothing was fixed: the incumbent is proven optimal for this objective.
                proven[0] = True
                inc.proven = True
        return True

    def loop() -> None:
        while step():
            pass

    if threads == 1:
        loop()
    else:
        workers = [threading.Thread(target=loop, name=f"lns-{i}") for i in range(threads)]
        for t in workers:
            t.start()
        for t in workers:
            t.join()
    return inc
