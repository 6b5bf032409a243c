from solver.core import Pin, Request, Unavailable

from .conftest import costs, quick, tiny


def test_on_and_off_requests_exact_costs():
    p = tiny(days=2, people=("A",),
             unavailable=[Unavailable("A", 0)],
             pins=[Pin("A", 1, "D")],
             requests=[Request("A", 0, "D", on=True, weight=3),    # cannot be met
                       Request("A", 1, None, on=False, weight=2)])  # met against the wish
    sol = quick(p)
    assert sol.objective == 5
    assert costs(sol) == {"requests.on": 3, "requests.off": 2}
    names = {(v.name, v.day) for v in sol.violations}
    assert names == {("Demande de poste", 0), ("Demande de repos", 1)}


def test_requests_are_honoured_when_free():
    p = tiny(days=2, people=("A",), requests=[Request("A", 0, "D", on=True, weight=3),
                                             Request("A", 1, "D", on=False, weight=3)])
    sol = quick(p)
    assert sol.objective == 0
    assert sol.table() == {"A": {"0": ["D"]}}
