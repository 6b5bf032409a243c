from solver.core import INFEASIBLE, OPTIMAL, Cover, Pin

from .conftest import costs, quick, tiny


def test_under_cover_costs_weight_per_missing_person():
    p = tiny(days=1, people=("A", "B"),
             coverage=[Cover([(0, "D")], 3, under_weight=10, label="lundi jour")])
    sol = quick(p)
    assert sol.status == OPTIMAL
    assert sol.objective == 10
    [v] = sol.violations
    assert (v.name, v.subject, v.day, v.amount, v.cost) == (
        "Couverture du besoin", "lundi jour", 0, 1, 10)


def test_over_cover_costs_weight_per_extra_person():
    p = tiny(days=1, coverage=[Cover([(0, "D")], 1, under_weight=10, over_weight=4)],
             pins=[Pin("A", 0, "D"), Pin("B", 0, "D")])
    sol = quick(p)
    assert sol.objective == 4
    assert costs(sol) == {"coverage.over": 4}
    assert sol.violations[0].name == "Sureffectif"


def test_a_set_of_slots_is_covered_by_any_of_them():
    # An hour covered by either the morning or the long shift.
    p = tiny(days=1, shifts=("M", "L"),
             coverage=[Cover([(0, "M"), (0, "L")], 2, under_weight=10, over_weight=1)],
             pins=[Pin("A", 0, "M"), Pin("B", 0, "L")])
    assert quick(p).objective == 0


def test_hard_cover_that_cannot_be_met_is_explained():
    p = tiny(days=1, coverage=[Cover([(0, "D")], 3, label="lundi jour")])
    sol = quick(p)
    assert sol.status == INFEASIBLE
    assert [(c.name, c.subject) for c in sol.conflicts] == [
        ("Couverture du besoin", "lundi jour")]
    assert "Couverture du besoin — lundi jour" in sol.explanation()
