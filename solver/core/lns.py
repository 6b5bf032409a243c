"""Large-neighbourhood search over the roster variables.

Each step frees a part of the incumbent roster — a few people over the whole horizon,
every person over a window of days, or a block of both — fixes every other assignment
to its incumbent value, and lets CP-SAT re-optimise the free part from the incumbent
(given as a complete hint, so a step never returns anything worse). Neighbourhood
sizes adapt: a step solved to optimality without gain grows its neighbourhood next
time, a step that ran out of time shrinks it.

Steps reuse the full model by cloning it and narrowing variable domains in the clone,
so every rule of the core applies unchanged and nothing here knows about rules.
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

if TYPE_CHECKING:
    from .model import RosterModel
    from .solve import RosterSolver

KINDS = ("people", "window", "block", "hotspot")


class Neighbourhoods:
    """Chooses which x variables to free, and adapts sizes to the outcomes."""

    def __init__(self, rm: RosterModel, rng: random.Random) -> None:
        self.rm, self.rng = rm, rng
        self.people = list(rm.people)
        self.n_days = rm.problem.days
        # Share of the people (or of the days) freed, per kind.
        self.size = {"people": 0.15, "window": 0.15, "block": 0.35, "hotspot": 0.25}
        self.turn = 0

    def next(self, best: list[int]) -> tuple[str, set[tuple[str, int]]]:
        kind = KINDS[self.turn % len(KINDS)]
        self.turn += 1
        return kind, self.free_cells(kind, best)

    def free_cells(self, kind: str, best: list[int]) -> set[tuple[str, int]]:
        """(person, day) cells left free; every shift of a free cell is free."""
        f = self.size[kind]
        if kind == "people":
            return self._cells(self._some_people(f), range(self.n_days))
        if kind == "window":
            return self._cells(self.people, self._window(f))
        if kind == "block":
            return self._cells(self._some_people(f), self._window(min(1.0, 2 * f)))
        return self._hotspot(f, best)

    def adapt(self, kind: str, solved: bool, improved: bool) -> None:
        if improved:
            return
        factor = 1.15 if solved else 0.8
        self.size[kind] = min(1.0, max(0.02, self.size[kind] * factor))

    def _some_people(self, f: float) -> list[str]:
        k = max(2, min(len(self.people), math.ceil(f * len(self.people))))
        return self.rng.sample(self.people, k)

    def _window(self, f: float, centre: int | None = None) -> range:
        length = max(2, min(self.n_days, math.ceil(f * self.n_days)))
        if centre is None:
            start = self.rng.randrange(0, self.n_days - length + 1)
        else:
            start = min(max(0, centre - length // 2), self.n_days - length)
        return range(start, start + length)

    def _hotspot(self, f: float, best: list[int]) -> set[tuple[str, int]]:
        """Around a day where the incumbent pays a penalty: a window there, for the
        penalised person (if any) and random others."""
        from .report import value_of

        paid = [p for p in self.rm.penalties if p.day is not None
                and value_of(p.expr, best)]
        if not paid:
            return self._cells(self._some_people(f), range(self.n_days))
        pen = self.rng.choice(paid)
        people = self._some_people(f)
        subject_ids = [pid for pid in self.people if self.rm.who(pid) == pen.subject]
        return self._cells(people + subject_ids, self._window(min(1.0, 2 * f), pen.day))

    @staticmethod
    def _cells(people, days) -> set[tuple[str, int]]:
        return {(p, d) for p in people for d in days}


def run(owner: RosterSolver, rm: RosterModel, until: float) -> None:
    """Improve ``owner.best`` by LNS steps until the owner's clock reaches ``until``."""
    opts = owner.options
    hoods = Neighbourhoods(rm, random.Random(opts.random_seed))
    x_items = list(rm.x.items())
    while not owner.cancelled and owner.best is not None:
        left = until - owner.clock()
        if left < 0.2 or owner.budget_left() < 0.2:
            return
        best = owner.best
        kind, free = hoods.next(best)
        sub = rm.model.clone()
        variables = sub.proto.variables
        for (p, d, _), v in x_items:
            if (p, d) not in free:
                dom = variables[v.index].domain
                dom[0] = dom[1] = best[v.index]
        hint = sub.proto.solution_hint
        hint.vars.extend(range(len(best)))
        hint.values.extend(best)
        solver = owner.new_cp_solver(min(opts.lns_subsolve, left))
        status = owner.solve_with(solver, sub)
        improved = False
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            improved = owner.offer(list(solver.response_proto.solution),
                                   round(solver.objective_value), "lns")
        hoods.adapt(kind, status == cp_model.OPTIMAL, improved)
