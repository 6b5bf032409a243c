"""Neighbourhoods of the LNS: which roster cells a step frees, and to what."""

from __future__ import annotations

import random

from ortools.sat.python import cp_model

from solver.core import Cover, Person, Problem, ShiftType
from solver.core.lns import Neighbourhoods
from solver.core.families import build_model


def _problem() -> Problem:
    # Nights are short: only N1 and N2 may work them; everybody may work days.
    people = [Person(p, shifts=("D",)) for p in ("A", "B", "C", "D")]
    people += [Person(p, shifts=("D", "N")) for p in ("N1", "N2")]
    return Problem(days=7, shifts=[ShiftType("D", minutes=480), ShiftType("N", minutes=480)],
                   people=people,
                   coverage=[Cover([(d, "N")], 2, under_weight=100, over_weight=1)
                             for d in range(7)]
                   + [Cover([(d, "D")], 3, under_weight=100, over_weight=1) for d in range(7)])


def _incumbent(rm, worked: dict[tuple[str, int], str]) -> list[int]:
    """The full solution vector (penalty variables included) of ``worked``."""
    model = rm.model.clone()
    for (p, d, s), v in rm.x.items():
        model.add(model.get_bool_var_from_proto_index(v.index) == ((p, d) in worked
                                                                 and worked[p, d] == s))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(model) == cp_model.OPTIMAL
    return list(solver.response_proto.solution)


def _roster():
    # N1 works every night, N2 none (so every night misses one person); A, B, C
    # work every day, D is off all week.
    worked = {("N1", d): "N" for d in range(7)}
    worked.update({(p, d): "D" for p in ("A", "B", "C") for d in range(7)})
    return worked


def test_types_neighbourhood_frees_off_and_same_type_cells_only():
    rm = build_model(_problem())
    best = _incumbent(rm, _roster())
    hoods = Neighbourhoods(rm, rm.penalties, random.Random(3))
    for _ in range(20):
        around, typed, allowed = hoods._types(1.0, best)
        assert "N" in allowed
        # Everything is free on three days around an uncovered night...
        days = sorted({d for _, d in around})
        assert len(days) == 3 and days == list(range(days[0], days[0] + 3))
        assert around == {(p, d) for p in rm.people for d in days}
        # ...and elsewhere only cells that are off or on a freed type.
        assert not around & typed
        for p, d in typed:
            worked = _roster().get((p, d))
            assert worked is None or worked in allowed
        if allowed == {"N"}:
            # Every off cell and every night; day shifts stay where they are.
            assert typed == {(p, d) for p in ("D", "N1", "N2") for d in range(7)} - around


def test_types_neighbourhood_starts_from_the_type_that_is_short():
    rm = build_model(_problem())
    best = _incumbent(rm, _roster())
    hoods = Neighbourhoods(rm, rm.penalties, random.Random(0))
    # The only paid coverage terms are the missing nights: the first type is N.
    assert all("N" in hoods._types(1.0, best)[2] for _ in range(20))


def test_hotspot_frees_those_who_could_take_the_uncovered_slot():
    rm = build_model(_problem())
    best = _incumbent(rm, _roster())
    hoods = Neighbourhoods(rm, rm.penalties, random.Random(1))
    pen = next(p for p in rm.penalties if p.rule == "coverage.under" and "N" in p.subject)
    assert {c[0] for c in pen.cells} == {"N1", "N2"}
    cells = hoods._hotspot(2 / 6, best, pen)  # two people
    assert {p for p, _ in cells} == {"N1", "N2"}
    assert {d for _, d in cells} == set(range(7))
