"""The registry of the core's rule families and the build of the full model.

A family is a module with ``add(rm: RosterModel)``; the order is the order in which they
post their rules. Models built on the core (the SAS model) post the same tuple.
"""

from __future__ import annotations

from types import ModuleType
from typing import Callable

from . import (availability, coverage, pins, requests, sequences, stability, successions,
               totals, weekends)
from .model import RosterModel
from .problem import Problem

CORE_FAMILIES: tuple[ModuleType, ...] = (
    pins, availability, successions, sequences, weekends, totals, coverage, requests,
    stability)


def add_core_rules(rm: RosterModel) -> None:
    for family in CORE_FAMILIES:
        family.add(rm)


def build_model(problem: Problem, *, explain: bool = False,
                keep: Callable[[tuple[str, int, str]], bool] | None = None,
                objective: bool = True) -> RosterModel:
    """Build the full model: variables, every rule family, and (unless explaining or
    ``objective`` is false) the objective."""
    rm = RosterModel(problem, explain=explain, keep=keep)
    add_core_rules(rm)
    if objective and not explain and rm.penalties:
        rm.model.minimize(rm.objective_expr())
    return rm
