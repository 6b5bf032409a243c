from solver.core import INFEASIBLE, Cover, Pin, TotalLimit

from .conftest import costs, quick, tiny


def cover_each_day(days, weight=10):
    return [Cover([(d, "D")], 1, under_weight=weight) for d in range(days)]


def test_hard_maximum_of_shifts_leaves_demand_uncovered():
    p = tiny(days=4, people=("A",), coverage=cover_each_day(4),
             totals=[TotalLimit(maximum=2, unit="shifts")])
    sol = quick(p)
    assert sol.objective == 20  # two days nobody can take
    assert costs(sol) == {"coverage.under": 20}


def test_soft_minimum_of_minutes_costs_weight_per_minute():
    p = tiny(days=2, people=("A",), pins=[Pin("A", 0, None)],
             totals=[TotalLimit(minimum=960, unit="minutes", weight=1)])
    sol = quick(p)
    # Day 0 is pinned off: one 480-minute shift at most, 480 minutes missing.
    assert sol.objective == 480
    [v] = sol.violations
    assert (v.name, v.subject, v.amount) == ("Durée de travail minimale", "A", 480)


def test_soft_maximum_over_a_window():
    p = tiny(days=3, people=("A",), coverage=cover_each_day(3, weight=5),
             totals=[TotalLimit(maximum=1, days=(0, 1), weight=2)])
    sol = quick(p)
    # Working both days 0 and 1 costs 2 (< 5 for leaving one uncovered).
    assert sol.objective == 2
    assert sol.violations[0].name == "Nombre maximal de postes"


def test_impossible_minimum_is_explained():
    p = tiny(days=2, people=("A",), totals=[TotalLimit(minimum=3, unit="days")])
    sol = quick(p)
    assert sol.status == INFEASIBLE
    assert [(c.name, c.subject) for c in sol.conflicts] == [
        ("Nombre minimal de jours travaillés", "A")]
