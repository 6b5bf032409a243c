from solver.core import INFEASIBLE, ForbiddenSuccession, MinimumRest, Pin, Problem, Person, ShiftType

from .conftest import quick, tiny


def test_forbidden_succession_soft_cost():
    p = tiny(days=2, people=("A",), shifts=("E", "L"),
             pins=[Pin("A", 0, "L"), Pin("A", 1, "E")],
             successions=[ForbiddenSuccession("L", "E", weight=6)])
    sol = quick(p)
    assert sol.objective == 6
    [v] = sol.violations
    assert (v.name, v.subject, v.day) == ("Enchaînement interdit", "A", 1)


def test_rest_between_shifts_derived_from_times():
    shifts = [ShiftType("N", 600, start=20 * 60, end=30 * 60),   # 20h → 6h
              ShiftType("M", 240, start=8 * 60, end=12 * 60),
              ShiftType("A", 240, start=14 * 60, end=18 * 60)]
    base = dict(days=2, shifts=shifts, people=[Person("A")], rests=[MinimumRest(11 * 60)])
    # Night then 14h next day: 8 h of rest < 11 h.
    clash = Problem(**base, pins=[Pin("A", 0, "N"), Pin("A", 1, "A")])
    sol = quick(clash)
    assert sol.status == INFEASIBLE
    assert sorted(c.name for c in sol.conflicts) == [
        "Affectation imposée", "Affectation imposée", "Repos entre deux postes"]
    # Afternoon then next morning: 14 h of rest, fine.
    ok = Problem(**base, pins=[Pin("A", 0, "A"), Pin("A", 1, "M")])
    assert quick(ok).status == "optimal"


def test_same_day_overlap_is_impossible_with_two_shifts_a_day():
    shifts = [ShiftType("M", 240, start=8 * 60, end=12 * 60),
              ShiftType("J", 480, start=10 * 60, end=18 * 60),
              ShiftType("S", 240, start=12 * 60, end=16 * 60)]
    p = Problem(days=1, shifts=shifts, people=[Person("A")], max_shifts_per_day=2,
                pins=[Pin("A", 0, "M"), Pin("A", 0, "S")])
    assert quick(p).status == "optimal"  # 8-12 then 12-16 do not overlap
    p.pins.append(Pin("A", 0, "J"))
    assert quick(p).status == INFEASIBLE
