"""The SAS model, built on the core: a core :class:`~solver.core.problem.Problem` for what
the core knows (slots, overlaps, coverage sets, totals, rest, pins, reference), then the
SAS rule families (``solver/sas/rules/``) added to the core's CP-SAT model.

Static rules (availability, skills, locum contracts, PDSA duties, CPTS rota) decide
alone whether a variable may be 1. In normal mode such a variable is fixed to 0 in its
domain, which costs nothing to the solver; in *explain* mode it is forbidden by a clause
switched on by the literal of its rule instance, so that a clash with a pin can be
named. The objective is split in two levels (see :mod:`solver.sas.solve`): coverage,
then everything else.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Iterable

from ..core.families import build_model
from ..core.model import Penalty, RosterModel
from ..core.pins import Pin
from ..core.problem import Person as CorePerson
from ..core.problem import Problem, ShiftType
from ..core.stability import Assignment as CoreAssignment
from .context import Context
from .records import CPTS_PIN, ONCALL, PIN
from .rules import FAMILIES, static_reasons
from .state import Reason

COVERAGE_RULES = ("coverage.under",)


def core_problem(ctx: Context, explain: bool = False) -> Problem:
    """The core problem of the SAS problem: slots, people, pins, core rule lists."""
    shifts = [ShiftType(s.id, s.minutes, s.start, s.end, s.label()) for s in ctx.slots.values()]
    people = [CorePerson(p.id, p.label, tuple(ctx.person_slots(p))) for p in ctx.problem.people]
    lists: dict[str, list[Any]] = {"coverage": [], "totals": [], "rests": [], "pins": []}
    for family in FAMILIES:
        extra = getattr(family, "core", None)
        if extra is not None:
            for key, rules in extra(ctx, explain).items():
                lists[key].extend(rules)
    for a in ctx.problem.pins:
        d = ctx.index[a.day]
        lists["pins"].append(Pin(a.person, d, ctx.slot_of(a.template, a.remote, d), PIN))
    for a in ctx.problem.cpts_rota:
        d = ctx.index[a.day]
        lists["pins"].append(Pin(a.person, d, ctx.slot_of(ONCALL, False, d), CPTS_PIN))
    reference = []
    for a in ctx.problem.reference:
        d = ctx.index[a.day]
        try:
            reference.append(CoreAssignment(a.person, d, ctx.slot_of(a.template, a.remote, d)))
        except KeyError:
            continue  # a reference day without on-call any more: nothing to keep
    change = ctx.weights.change if reference and not explain else 0
    return Problem(days=ctx.n_days, shifts=shifts, people=people,
                   first_weekday=ctx.origin.weekday(),
                   day_labels=[ctx.label(d) for d in range(ctx.n_days)],
                   max_shifts_per_day=max_per_day(ctx), reference=reference,
                   change_weight=change, **lists)


def max_per_day(ctx: Context) -> int:
    """Most slots one person can hold in a day without overlap (interval scheduling)."""
    best = 1
    for role_slots in ctx.role_slots.values():
        end, n = -1, 0
        for s in sorted((ctx.slots[i] for i in role_slots), key=lambda s: s.end):
            if s.start >= end:
                end, n = s.end, n + 1
        best = max(best, n)
    return best


def build_core(problem: Problem, keep: Callable[[tuple[str, int, str]], bool],
               explain: bool) -> RosterModel:
    """The core model of ``problem`` with only the assignment variables ``keep`` allows
    (no objective set).

    The core would create ``x[person, day, slot]`` for every day of the horizon and
    every slot of a person; a SAS month offers each slot on some days only, and opt-in
    availability leaves most of the rest impossible — about 90 % of the variables on
    the benchmarks. Not creating them keeps the build fast and the model small; the
    core's families already skip missing keys."""
    return build_model(problem, explain=explain, keep=keep, objective=False)


class SasModel:
    """``rm`` is the core model; ``live`` the assignment variables that may be 1."""

    def __init__(self, ctx: Context, *, explain: bool = False) -> None:
        t0 = time.perf_counter()
        self.ctx = ctx
        self.explain = explain
        # Static reasons of every offered variable, computed once: they decide which
        # variables exist, and in explain mode which rule instance forbids them.
        self._static: dict[tuple[str, int, str], list[Reason]] = {}
        self.offered = 0
        self.rm: RosterModel = build_core(core_problem(ctx, explain), self._keep, explain)
        self.model = self.rm.model
        # Variables that may still be 1: those no static rule forbids (in explain mode,
        # every offered one, since static rules are then switchable constraints).
        self.live: dict[tuple[str, int, str], Any] = dict(self.rm.x)
        self._groups: dict[tuple[Any, ...], list[Any]] = {}
        if explain:
            self._enforce_static()
        for family in FAMILIES:
            add = getattr(family, "add", None)
            if add is not None:
                add(self)
        self.coverage_terms = [p for p in self.rm.penalties if p.rule in COVERAGE_RULES]
        self.quality_terms = [p for p in self.rm.penalties if p.rule not in COVERAGE_RULES]
        self.build_time = time.perf_counter() - t0

    # -- helpers for the rule families --------------------------------------------
    def who(self, pid: str) -> str:
        return self.ctx.name(pid)

    def group(self, reason: Reason, subject: str, days: tuple[int, ...] = ()) -> list[Any]:
        """Enforcement literal of a static rule instance (explain mode), shared by
        every variable the instance forbids."""
        key = reason.group or (reason.rule, subject, days)
        if key not in self._groups:
            self._groups[key] = self.rm.hard(reason.rule, reason.name, subject, days,
                                             reason.text)
        return self._groups[key]

    def objective(self, terms: Iterable[Penalty]) -> Any:
        return sum(p.coef * p.expr for p in terms)

    # -- static rules ----------------------------------------------------------------
    def _keep(self, key: tuple[str, int, str]) -> bool:
        pid, d, sid = key
        self.offered += 1
        if not self.ctx.offered(d, sid):
            return False  # structure, not a rule: nothing to explain
        reasons = static_reasons(self.ctx, pid, d, sid)
        if reasons:
            self._static[key] = reasons
        return self.explain or not reasons

    def _enforce_static(self) -> None:
        for key, reasons in self._static.items():
            var = self.rm.x[key]
            for r in reasons:
                self.rm.clause([var.Not()], self.group(r, self.who(key[0]), (key[1],)))

    # -- sizes -------------------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        proto = self.model.proto
        dropped = self.offered - len(self.rm.x)
        return {"variables": len(proto.variables),
                "constraints": len(proto.constraints),
                "assignment_vars": len(self.rm.x), "dropped_vars": dropped}


def build_sas_model(ctx: Context, *, explain: bool = False) -> SasModel:
    return SasModel(ctx, explain=explain)
