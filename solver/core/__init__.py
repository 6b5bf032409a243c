"""General staff-rostering core on CP-SAT: people × days × shift types.

The public API (see ``docs/solver-core.md``)::

    from solver.core import Problem, ShiftType, Person, Cover, ..., SolveOptions, solve
"""

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
from .solve import RosterSolver, solve
from .stability import Assignment
from .successions import ForbiddenSuccession, MinimumRest
from .totals import TotalLimit
from .weekends import WeekendLimit

__all__ = [
    "Assignment", "Conflict", "Cover", "FEASIBLE", "ForbiddenSuccession", "INFEASIBLE",
    "INVALID", "MinimumRest", "OPTIMAL", "Person", "Pin", "Problem", "Progress", "Request",
    "RosterModel", "RosterSolver", "RunLimit", "ShiftType", "Solution", "SolveOptions",
    "TotalLimit", "UNKNOWN", "Unavailable", "Violation", "WeekendLimit", "build_model",
    "explain_infeasibility", "solve",
]
