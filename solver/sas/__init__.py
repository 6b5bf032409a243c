"""The SAS rostering model on the core engine (:mod:`solver.core`).

Public API (see ``docs/solver-format.md``)::

    from solver.sas import SasProblem, solve_sas, replace, rank_candidates

* :class:`SasProblem` and its records (:mod:`solver.sas.records`): the problem file;
* :func:`solve_sas` / :class:`SasSolver`: the solve (progress, cancel, time limit);
* :class:`SasSolution`: the roster, uncovered hours explained in French, named costs,
  or the named clash of hard rules;
* :func:`replace`, :func:`rank_candidates`: a cancellation, re-solved with minimal
  changes; who can take a single slot, ranked;
* :func:`evaluate`: a stored roster against its problem, without solving: coverage per
  role, day and hour, and the uncovered hours explained.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_attributes

if TYPE_CHECKING:
    from ..core.solution import Progress
    from .context import fairness_targets
    from .evaluator import Evaluation, evaluate, role_coverage
    from .evaluation import evaluate_uncovered
    from .problem import SasProblem
    from .records import (EFFECTOR, ONCALL, OSNP, REGULATOR, Assignment, Availability,
                          ContinuityDay, HourDemand, OnCallDemand, PastShift, PdsaDuty, Person,
                          Settings, Template, Territory, Weights)
    from .replacement import Candidate, Replacement, rank_candidates, replace
    from .solution import (Clash, Cost, Excuse, Phase, RoleCoverage, SasSolution, Uncovered,
                           grouped_explanations)
    from .solve import SasOptions, SasSolver, solve_sas

# Loaded on first use (solver.lazy): the problem records come without OR-Tools.
_LAZY = {
    "Progress": "..core.solution",
    "fairness_targets": ".context",
    "Evaluation": ".evaluator",
    "evaluate": ".evaluator",
    "role_coverage": ".evaluator",
    "evaluate_uncovered": ".evaluation",
    "SasProblem": ".problem",
    "EFFECTOR": ".records",
    "ONCALL": ".records",
    "OSNP": ".records",
    "REGULATOR": ".records",
    "Assignment": ".records",
    "Availability": ".records",
    "ContinuityDay": ".records",
    "HourDemand": ".records",
    "OnCallDemand": ".records",
    "PastShift": ".records",
    "PdsaDuty": ".records",
    "Person": ".records",
    "Settings": ".records",
    "Template": ".records",
    "Territory": ".records",
    "Weights": ".records",
    "Candidate": ".replacement",
    "Replacement": ".replacement",
    "rank_candidates": ".replacement",
    "replace": ".replacement",
    "Clash": ".solution",
    "Cost": ".solution",
    "Excuse": ".solution",
    "Phase": ".solution",
    "RoleCoverage": ".solution",
    "SasSolution": ".solution",
    "Uncovered": ".solution",
    "grouped_explanations": ".solution",
    "SasOptions": ".solve",
    "SasSolver": ".solve",
    "solve_sas": ".solve",
}

__all__ = [
    "Assignment", "Availability", "Candidate", "Clash", "ContinuityDay", "Cost", "EFFECTOR",
    "Evaluation", "Excuse", "HourDemand", "ONCALL", "OSNP", "OnCallDemand", "PastShift",
    "PdsaDuty", "Person", "Phase", "Progress", "REGULATOR", "Replacement", "RoleCoverage",
    "SasOptions", "SasProblem", "SasSolution", "SasSolver", "Settings", "Template",
    "Territory", "Uncovered", "Weights", "evaluate", "evaluate_uncovered", "fairness_targets",
    "grouped_explanations", "rank_candidates", "replace", "role_coverage", "solve_sas",
]


__getattr__ = lazy_attributes(__name__, _LAZY, globals())
