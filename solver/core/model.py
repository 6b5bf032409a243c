"""The CP-SAT model of a :class:`~solver.core.problem.Problem`.

``RosterModel`` owns the decision variables ``x[person, day, shift]`` and two registries
that make the model explainable after the solve:

* ``penalties``: every soft-rule term of the objective, with the rule's French name,
  its subject (a person, a coverage slot) and day, so that the violations of a solution
  can be listed by name (see :mod:`solver.core.report`);
* ``hard_groups``: in *explain* mode every hard rule instance gets its own enforcement
  literal, added as an assumption, so that an infeasible problem yields the set of rule
  instances that clash (see :mod:`solver.core.explain`). In normal mode hard rules are
  posted unconditionally: enforcement literals would weaken presolve and propagation.

Rule families add themselves through the small helpers below (``works``, ``clause``,
``linear``, ``penalize``, ``hard``); each family module keeps its own encoding. The
families and the build are in :mod:`solver.core.families`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable

from ortools.sat.python import cp_model

if TYPE_CHECKING:
    from .problem import Problem

Lit = Any  # a CP-SAT literal, or a Python bool for a constant


@dataclass
class Penalty:
    """One term ``coef * expr`` of the objective, with what it means."""

    expr: Any
    coef: int
    rule: str
    name: str
    subject: str
    day: int | None
    cells: tuple[Any, ...] = ()
    """Roster variables keys ``(person, day, shift)`` whose change can lower this
    term (e.g. the slots of a coverage requirement): where LNS looks first."""


@dataclass
class HardGroup:
    """A hard rule instance switched on by ``literal`` (explain mode only)."""

    literal: Any
    rule: str
    name: str
    subject: str
    days: tuple[int, ...]
    detail: str


class RosterModel:
    def __init__(self, problem: Problem, *, explain: bool = False,
                 keep: Callable[[tuple[str, int, str]], bool] | None = None) -> None:
        """``keep``: which ``(person, day, shift)`` variables to create (default all);
        a model built on another one's data drops here what its own rules make
        impossible, and the core's families skip the missing keys."""
        problem.validate()
        self.problem = problem
        self.explain = explain
        self.model = cp_model.CpModel()
        self.penalties: list[Penalty] = []
        self.hard_groups: list[HardGroup] = []
        self.people = [p.id for p in problem.people]
        self.days = range(problem.days)
        self.shift_ids = [s.id for s in problem.shifts]
        self._names = {p.id: (p.name or p.id) for p in problem.people}
        self.x: dict[tuple[str, int, str], cp_model.IntVar] = {}
        for p in problem.people:
            allowed = set(p.shifts) if p.shifts is not None else None
            for d in self.days:
                for s in self.shift_ids:
                    if (allowed is None or s in allowed) and (keep is None or keep((p.id, d, s))):
                        self.x[p.id, d, s] = self.model.new_bool_var(f"x|{p.id}|{d}|{s}")
        self._works: dict[tuple[str, int, tuple[str, ...] | None], Lit] = {}
        self._per_day_structure()

    # -- variables -------------------------------------------------------------
    def who(self, person: str) -> str:
        return self._names.get(person, person)

    def people_of(self, people: Iterable[str] | None) -> list[str]:
        return list(self.people) if people is None else list(people)

    def shift_vars(self, person: str, day: int, shifts: Iterable[str] | None = None) -> list[Any]:
        ids = self.shift_ids if shifts is None else shifts
        return [self.x[k] for s in ids if (k := (person, day, s)) in self.x]

    def works(self, person: str, day: int, shifts: Iterable[str] | None = None) -> Lit:
        """Literal "person works one of ``shifts`` on ``day``" (``False`` if impossible)."""
        if not 0 <= day < self.problem.days:
            return False
        key = (person, day, None if shifts is None else tuple(sorted(shifts)))
        if key in self._works:
            return self._works[key]
        xs = self.shift_vars(person, day, shifts)
        if not xs:
            lit: Lit = False
        elif len(xs) == 1:
            lit = xs[0]
        else:
            lit = self.model.new_bool_var(f"w|{person}|{day}|{key[2] or '*'}")
            if self.problem.max_shifts_per_day == 1:
                # At most one shift a day: "works" is exactly the sum, which keeps the
                # LP relaxation as tight as the x variables themselves.
                self.model.add(lit == sum(xs))
            else:
                self.model.add_max_equality(lit, xs)
        self._works[key] = lit
        return lit

    # -- constraint helpers ----------------------------------------------------
    def hard(self, rule: str, name: str, subject: str, days: Iterable[int] = (),
             detail: str = "") -> list[Any]:
        """Enforcement literals for one hard rule instance (empty in normal mode)."""
        if not self.explain:
            return []
        lit = self.model.new_bool_var(f"hard|{len(self.hard_groups)}|{rule}|{subject}")
        self.hard_groups.append(HardGroup(lit, rule, name, subject, tuple(days), detail))
        return [lit]

    def clause(self, lits: Iterable[Lit], enforce: list[Any] | None = None) -> None:
        """Post ``OR(lits)``, folding Python booleans away."""
        real = []
        for lit in lits:
            if lit is True:
                return
            if lit is not False:
                real.append(lit)
        ct = self.model.add_bool_or(real or [False])
        if enforce:
            ct.only_enforce_if(enforce)

    def linear(self, ct: Any, enforce: list[Any] | None = None) -> None:
        if isinstance(ct, bool):  # an expression with no variable left
            if not ct:
                self.clause([], enforce)
            return
        c = self.model.add(ct)
        if enforce:
            c.only_enforce_if(enforce)

    def penalize(self, expr: Any, coef: int, rule: str, name: str, subject: str,
                 day: int | None, cells: tuple[Any, ...] = ()) -> None:
        if coef < 0:
            # Violations are costs; a negative weight would make "bound" and
            # "priority" reasoning (both assume non-negative terms) wrong.
            raise ValueError(f"{name} : poids négatif ({coef})")
        if coef:
            self.penalties.append(Penalty(expr, int(coef), rule, name, subject, day,
                                          tuple(cells)))

    def soft_range(self, expr: Any, upper_bound: int, lo: int | None, hi: int | None,
                   weight: int, rule: str, names: tuple[str, str], subject: str,
                   day: int | None) -> None:
        """Penalise ``weight`` per unit of ``expr`` below ``lo`` or above ``hi``."""
        tag = f"{rule}|{subject}|{day}"
        if lo is not None and lo > 0:
            under = self.model.new_int_var(0, lo, f"under|{tag}")
            self.model.add(expr + under >= lo)
            self.penalize(under, weight, rule + ".min", names[0], subject, day)
        if hi is not None and hi < upper_bound:
            over = self.model.new_int_var(0, upper_bound - hi, f"over|{tag}")
            self.model.add(expr - over <= hi)
            self.penalize(over, weight, rule + ".max", names[1], subject, day)

    def objective_expr(self) -> Any:
        return sum(p.coef * p.expr for p in self.penalties)

    # -- structure every roster obeys --------------------------------------------
    def _per_day_structure(self) -> None:
        limit = self.problem.max_shifts_per_day
        shifts = self.problem.shifts
        overlapping = [(a.id, b.id) for i, a in enumerate(shifts) for b in shifts[i + 1:]
                       if a.overlaps(b)]
        for p in self.people:
            for d in self.days:
                xs = self.shift_vars(p, d)
                if len(xs) <= 1:
                    continue
                if limit == 1:
                    self.model.add_at_most_one(xs)
                    continue
                if len(xs) > limit:
                    self.model.add(sum(xs) <= limit)
                for a, b in overlapping:
                    if (p, d, a) in self.x and (p, d, b) in self.x:
                        self.model.add_bool_or([self.x[p, d, a].Not(), self.x[p, d, b].Not()])
