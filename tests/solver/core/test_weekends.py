from solver.core import INFEASIBLE, Cover, Pin, WeekendLimit

from .conftest import quick, tiny


def test_weekend_counts_once_whatever_days_are_worked():
    # 14 days from a Monday: weekends are days 5-6 and 12-13.
    p = tiny(days=14, people=("A",),
             coverage=[Cover([(d, "D")], 1, under_weight=10) for d in (5, 6, 12, 13)],
             weekends=[WeekendLimit(maximum=1, weight=3)])
    sol = quick(p)
    assert sol.objective == 3  # both weekends worked, one too many
    [v] = sol.violations
    assert (v.name, v.subject, v.amount) == ("Week-ends travaillés (maximum)", "A", 1)


def test_configurable_weekend_days_and_explanation():
    # Weekend = Friday + Saturday; day 4 is a Friday.
    p = tiny(days=7, people=("A",), pins=[Pin("A", 4, "D")],
             weekends=[WeekendLimit(maximum=0, weekend_days=(4, 5))])
    sol = quick(p)
    assert sol.status == INFEASIBLE
    assert sorted(c.name for c in sol.conflicts) == [
        "Affectation imposée", "Week-ends travaillés (maximum)"]
