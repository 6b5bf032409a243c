from solver.core import Assignment, Cover, Unavailable

from .conftest import quick, tiny


def test_each_change_against_the_reference_costs_the_change_weight():
    reference = [Assignment("A", 0, "D"), Assignment("A", 1, "D")]
    p = tiny(days=2, people=("A", "B"), reference=reference, change_weight=5,
             coverage=[Cover([(d, "D")], 1, under_weight=100) for d in range(2)],
             unavailable=[Unavailable("A", 1)])  # A cancels day 1
    sol = quick(p, hint=reference)
    # B replaces A on day 1: one removed + one added assignment.
    assert sol.objective == 10
    assert sol.table() == {"A": {"0": ["D"]}, "B": {"1": ["D"]}}
    assert {v.name for v in sol.violations} == {"Modification du planning de référence"}
