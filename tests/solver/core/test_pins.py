from solver.core import INFEASIBLE, Pin, Unavailable

from .conftest import quick, tiny


def test_pins_are_kept():
    p = tiny(days=3, pins=[Pin("A", 1, "D"), Pin("B", 1, None)])
    sol = quick(p)
    assert "1" in sol.table()["A"]
    assert "1" not in sol.table().get("B", {})


def test_pin_on_an_unavailable_day_names_both_rules():
    p = tiny(days=3, pins=[Pin("A", 1, "D")], unavailable=[Unavailable("A", 1),
                                                          Unavailable("B", 2)])
    sol = quick(p)
    assert sol.status == INFEASIBLE
    assert sorted((c.name, c.subject, c.days) for c in sol.conflicts) == [
        ("Affectation imposée", "A", (1,)), ("Indisponibilité", "A", (1,))]
