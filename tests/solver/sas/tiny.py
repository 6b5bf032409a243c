"""Tiny SAS problems for the rule tests: a few days from Monday 1 March 2027, regulator
templates R1 8–12, R2 12–16, R3 16–20, OSNP O1 8–14, O2 14–20, one territory T1."""

from __future__ import annotations

from datetime import date, timedelta

from solver.sas import (ContinuityDay, HourDemand, OnCallDemand, Person, SasProblem,
                        Settings, Template, Territory, solve_sas)
from solver.sas.context import Context
from solver.sas.state import RosterState

MONDAY = date(2027, 3, 1)


def day(i: int) -> str:
    return (MONDAY + timedelta(days=i)).isoformat()


def problem(people, *, days=1, first=0, reg=None, osnp=None, oncall=0, policy="opt_out",
            **kwargs) -> SasProblem:
    """``reg``/``osnp``: {hour: required} applied to every day (default: nothing);
    the days are ``day(first) .. day(first + days - 1)``."""
    dd = [ContinuityDay(day(first + i), {"regulator": ("08:00", "20:00"), "osnp": ("08:00", "20:00"),
                                 "effector": ("08:00", "20:00")}) for i in range(days)]
    templates = [Template("R1", "regulator", "08:00", "12:00"),
                 Template("R2", "regulator", "12:00", "16:00"),
                 Template("R3", "regulator", "16:00", "20:00"),
                 Template("O1", "osnp", "08:00", "14:00"),
                 Template("O2", "osnp", "14:00", "20:00")]
    templates += kwargs.pop("templates", [])
    demand = [HourDemand("regulator", d.date, h, n) for d in dd for h, n in (reg or {}).items()]
    demand += [HourDemand("osnp", d.date, h, n) for d in dd for h, n in (osnp or {}).items()]
    demand += kwargs.pop("demand", [])
    territories = kwargs.pop("territories", [Territory("T1", "Territoire 1")])
    oncall_rows = [OnCallDemand("T1", d.date, oncall) for d in dd] if oncall else []
    settings = kwargs.pop("settings", Settings(policy=policy))
    return SasProblem(days=dd, templates=templates, people=list(people), demand=demand,
                      territories=territories, oncall=oncall_rows,
                      settings=settings, **kwargs)


def doctor(pid: str, **kw) -> Person:
    return Person(pid, kw.pop("name", f"Dr {pid.upper()}"), **kw)


def solve(p: SasProblem, limit: float = 10.0, **kw):
    return solve_sas(p, limit, num_workers=1, explain_time_limit=10.0, **kw)


def state_of(p: SasProblem, sol) -> tuple[Context, RosterState]:
    ctx = Context(p)
    keys = [(a.person, ctx.index[a.day], ctx.slot_of(a.template, a.remote, ctx.index[a.day]))
            for a in sol.assignments]
    return ctx, RosterState(ctx, keys)


def excuses(sol, day_iso: str, hour: int | None, role: str = "regulator") -> dict[str, tuple]:
    """person → French reasons for the uncovered (role, day, hour)."""
    for u in sol.uncovered:
        if u.day == day_iso and u.hour == hour and u.role == role:
            return {e.person: e.reasons for e in u.excuses}
    raise AssertionError(f"no uncovered {role} {day_iso} {hour}: {sol.uncovered}")


def costs(sol, rule: str) -> list[tuple[str, int, int]]:
    return sorted((c.subject, c.amount, c.cost) for c in sol.costs if c.rule == rule)
