import json

from solver.core import (Assignment, Cover, ForbiddenSuccession, MinimumRest, Person, Pin,
                         Problem, Request, RunLimit, ShiftType, Solution, TotalLimit,
                         Unavailable, WeekendLimit)

from .conftest import quick


def full_problem() -> Problem:
    return Problem(
        days=7, first_weekday=0, day_labels=[f"j{d}" for d in range(7)], max_shifts_per_day=2,
        shifts=[ShiftType("M", 240, 480, 720, "matin"), ShiftType("S", 240, 720, 960)],
        people=[Person("A", "Dr A", ("M",)), Person("B")],
        coverage=[Cover([(0, "M"), (0, "S")], 1, under_weight=100, over_weight=1,
                        people=("A", "B"), label="lundi")],
        totals=[TotalLimit(maximum=4, unit="minutes", days=(0, 1), people=("B",), weight=2)],
        runs=[RunLimit("work", 2, 5, open_edges=False)],
        weekends=[WeekendLimit(maximum=1, weekend_days=(5, 6))],
        successions=[ForbiddenSuccession("S", "M")],
        rests=[MinimumRest(660)],
        unavailable=[Unavailable("B", 3, ("S",))],
        requests=[Request("A", 2, None, on=False, weight=3)],
        pins=[Pin("B", 0, "S")],
        reference=[Assignment("B", 0, "S")], change_weight=5,
    )


def test_problem_json_round_trip():
    p = full_problem()
    text = p.to_json()
    json.loads(text)
    assert Problem.from_json(text) == p


def test_solution_json_round_trip():
    sol = quick(full_problem())
    assert sol.has_roster
    again = Solution.from_json(sol.to_json())
    assert again == sol
    assert again.table() == sol.table()
