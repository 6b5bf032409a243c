from solver.core import INFEASIBLE, Pin, RunLimit

from .conftest import quick, tiny


def pattern(person, days, worked):
    """Pins reproducing a work pattern: "1" worked, "0" off."""
    return [Pin(person, d, "D" if c == "1" else None) for d, c in zip(range(days), worked)]


def test_short_stretch_inside_the_horizon_is_explained():
    p = tiny(days=5, people=("A",), runs=[RunLimit("work", minimum=2)],
             pins=pattern("A", 5, "00100"))
    sol = quick(p)
    assert sol.status == INFEASIBLE
    names = sorted((c.name, c.subject) for c in sol.conflicts)
    # Minimal: the run rule and the three pins that make the stretch short.
    assert ("Jours travaillés consécutifs (minimum)", "A") in names
    assert len(names) == 4
    assert sum(1 for n, _ in names if n == "Affectation imposée") == 3


def test_open_edges_allow_short_stretches_at_the_borders():
    p = tiny(days=5, people=("A",), runs=[RunLimit("work", minimum=3),
                                          RunLimit("off", minimum=2)],
             pins=pattern("A", 5, "10001"))
    assert quick(p).status == "optimal"
    closed = tiny(days=5, people=("A",), runs=[RunLimit("work", minimum=3, open_edges=False)],
                  pins=pattern("A", 5, "10001"))
    assert quick(closed).status == INFEASIBLE


def test_soft_minimum_costs_weight_per_missing_day():
    p = tiny(days=5, people=("A",), runs=[RunLimit("work", minimum=3, weight=7)],
             pins=pattern("A", 5, "01000"))
    sol = quick(p)
    assert sol.objective == 14  # a 1-day stretch, 2 days short
    [v] = sol.violations
    assert (v.name, v.subject, v.day, v.amount) == (
        "Jours travaillés consécutifs (minimum)", "A", 1, 1)


def test_soft_maximum_costs_weight_per_extra_day():
    p = tiny(days=6, people=("A",), runs=[RunLimit("work", maximum=3, weight=5)],
             pins=pattern("A", 6, "111110"))
    sol = quick(p)
    assert sol.objective == 10  # 5 days in a row, 2 too many
    assert {v.name for v in sol.violations} == {"Jours travaillés consécutifs (maximum)"}


def test_minimum_days_off():
    p = tiny(days=5, people=("A",), runs=[RunLimit("off", minimum=2)],
             pins=pattern("A", 5, "11011"))
    sol = quick(p)
    assert sol.status == INFEASIBLE
    assert ("Jours de repos consécutifs (minimum)", "A") in {
        (c.name, c.subject) for c in sol.conflicts}
