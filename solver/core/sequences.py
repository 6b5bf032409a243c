"""Runs: minimum and maximum lengths of stretches of working days or of days off.

Encoded with clauses rather than automata: a minimum length ``k`` forbids each short
pattern ``off, on×j, off`` (``j < k``) with one clause, a maximum ``m`` forbids each
window of ``m+1`` "on" days. Clauses propagate as soon as the pattern is one literal
away, and their LP relaxation is tight enough for the coverage bound to work.

``open_edges`` (the Curtois & Qu reading): a stretch touching the first or last day of
the horizon is never too short, since it may continue outside it. With
``open_edges=False`` the days outside the horizon count as the opposite state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .base import opt_tuple

if TYPE_CHECKING:
    from .model import Lit, RosterModel

KINDS = ("work", "off")
NAMES = {
    ("work", "min"): "Jours travaillés consécutifs (minimum)",
    ("work", "max"): "Jours travaillés consécutifs (maximum)",
    ("off", "min"): "Jours de repos consécutifs (minimum)",
    ("off", "max"): "Jours de repos consécutifs (maximum)",
}
WHAT = {"work": "jour(s) travaillé(s)", "off": "jour(s) de repos"}


@dataclass
class RunLimit:
    """Stretches of ``kind`` days ("work" or "off") last between ``minimum`` and
    ``maximum`` days. ``shifts`` chooses which shifts make a day "worked" (all by
    default), e.g. ``("N",)`` for runs of nights.

    Soft: ``weight`` per missing day for each too-short stretch, and per extra day
    for a too-long one.
    """

    kind: str = "work"
    minimum: int | None = None
    maximum: int | None = None
    shifts: tuple[str, ...] | None = None
    people: tuple[str, ...] | None = None
    open_edges: bool = True
    weight: int | None = None
    name: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Type de séquence inconnu « {self.kind} » (work ou off)")
        self.shifts = opt_tuple(self.shifts)
        self.people = opt_tuple(self.people)


def neg(lit: Lit) -> Lit:
    return (not lit) if isinstance(lit, bool) else lit.Not()


def add(rm: RosterModel) -> None:
    for r in rm.problem.runs:
        for p in rm.people_of(r.people):
            on = [rm.works(p, d, r.shifts) for d in rm.days]
            if r.kind == "off":
                on = [neg(lit) for lit in on]
            subject = rm.who(p)
            if r.minimum is not None and r.minimum > 1:
                _minimum(rm, r, on, subject)
            if r.maximum is not None and r.maximum < len(on):
                _maximum(rm, r, on, subject)


def _minimum(rm: RosterModel, r: RunLimit, on: list[Any], subject: str) -> None:
    assert r.minimum is not None
    n = len(on)
    name = r.name or NAMES[r.kind, "min"]
    enforce = [] if r.weight is not None else rm.hard(
        f"runs.{r.kind}.min", name, subject, (),
        f"au moins {r.minimum} {WHAT[r.kind]} d'affilée")
    for length in range(1, r.minimum):
        for start in range(0, n - length + 1):
            end = start + length - 1
            touches_edge = start == 0 or end == n - 1
            if touches_edge and r.open_edges:
                continue
            lits = [neg(on[d]) for d in range(start, end + 1)]
            if start > 0:
                lits.append(on[start - 1])
            if end < n - 1:
                lits.append(on[end + 1])
            if r.weight is None:
                rm.clause(lits, enforce)
            else:
                v = rm.model.new_bool_var(f"short|{r.kind}|{subject}|{start}|{length}")
                rm.clause(lits + [v])
                rm.penalize(v, r.weight * (r.minimum - length), f"runs.{r.kind}.min",
                            name, subject, start)


def _maximum(rm: RosterModel, r: RunLimit, on: list[Any], subject: str) -> None:
    assert r.maximum is not None
    n, m = len(on), r.maximum
    name = r.name or NAMES[r.kind, "max"]
    enforce = [] if r.weight is not None else rm.hard(
        f"runs.{r.kind}.max", name, subject, (),
        f"au plus {m} {WHAT[r.kind]} d'affilée")
    for start in range(0, n - m):
        lits = [neg(on[d]) for d in range(start, start + m + 1)]
        if r.weight is None:
            rm.clause(lits, enforce)
        else:
            # Each window of m+1 "on" days is one extra day in its stretch.
            v = rm.model.new_bool_var(f"long|{r.kind}|{subject}|{start}")
            rm.clause(lits + [v])
            rm.penalize(v, r.weight, f"runs.{r.kind}.max", name, subject, start + m)
