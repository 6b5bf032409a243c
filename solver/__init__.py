"""Pure rostering engine on OR-Tools CP-SAT.

``solver.core`` is the general staff-rostering core (problem/solution types, one module
per rule family, the solve loop, explanations); ``solver.curtois`` reads the Curtois &
Qu benchmark into it; ``solver.bench`` runs the benchmarks. This package imports
nothing of the project, no database, no Qt.
"""
