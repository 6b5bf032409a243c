"""General staff-rostering core on CP-SAT: people × days × shift types.

The public API (see ``docs/solver-core.md``)::

    from solver.core import Problem, ShiftType, Person, Cover, ..., SolveOptions, solve
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_attributes

if TYPE_CHECKING:
    from .availability import Unavailable
    from .coverage import Cover
    from .explain import explain_infeasibility
    from .families import build_model
    from .model import RosterModel
    from .pins import Pin
    from .problem import Person, Problem, ShiftType
    from .requests import Request
    from .sequences import RunLimit
    from .solution import (FEASIBLE, INFEASIBLE, INVALID, OPTIMAL, UNKNOWN, Conflict, Progress,
                           Solution, Violation)
    from .options import SolveOptions
    from .roster_solver import RosterSolver, solve
    from .stability import Assignment
    from .successions import ForbiddenSuccession, MinimumRest
    from .totals import TotalLimit
    from .weekends import WeekendLimit

# Loaded on first use (solver.lazy): the problem records come without OR-Tools.
_LAZY = {
    "Unavailable": ".availability",
    "Cover": ".coverage",
    "explain_infeasibility": ".explain",
    "build_model": ".families",
    "RosterModel": ".model",
    "Pin": ".pins",
    "Person": ".problem",
    "Problem": ".problem",
    "ShiftType": ".problem",
    "Request": ".requests",
    "RunLimit": ".sequences",
    "FEASIBLE": ".solution",
    "INFEASIBLE": ".solution",
    "INVALID": ".solution",
    "OPTIMAL": ".solution",
    "UNKNOWN": ".solution",
    "Conflict": ".solution",
    "Progress": ".solution",
    "Solution": ".solution",
    "Violation": ".solution",
    "SolveOptions": ".options",
    "RosterSolver": ".roster_solver",
    "solve": ".roster_solver",
    "Assignment": ".stability",
    "ForbiddenSuccession": ".successions",
    "MinimumRest": ".successions",
    "TotalLimit": ".totals",
    "WeekendLimit": ".weekends",
}

__all__ = [
    "Assignment", "Conflict", "Cover", "FEASIBLE", "ForbiddenSuccession", "INFEASIBLE",
    "INVALID", "MinimumRest", "OPTIMAL", "Person", "Pin", "Problem", "Progress", "Request",
    "RosterModel", "RosterSolver", "RunLimit", "ShiftType", "Solution", "SolveOptions",
    "TotalLimit", "UNKNOWN", "Unavailable", "Violation", "WeekendLimit", "build_model",
    "explain_infeasibility", "solve",
]


__getattr__ = lazy_attributes(__name__, _LAZY, globals())
