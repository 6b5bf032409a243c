"""A solver problem safe to attach to a bug report: people renamed "Personne 1", "Personne 2"…

The file written by ``solve --problem-out`` reproduces a solve exactly (hours, roles, rules,
availability); the names add nothing to that and are personal data, so they are replaced
unless the user asks for them (``--with-names``). Person ids are the database's own numbers,
meaningless outside it, and stay so every reference in the file still holds.
"""

from __future__ import annotations

import dataclasses

from solver.sas import SasProblem


def pseudonymise(problem: SasProblem) -> SasProblem:
    people = [dataclasses.replace(p, name=f"Personne {n}") for n, p in enumerate(problem.people, start=1)]
    return dataclasses.replace(problem, people=people)
