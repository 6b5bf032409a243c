"""One test per soft SAS goal, asserting the exact named cost."""

from solver.sas import Assignment, Availability, HourDemand, PdsaDuty, Settings, Template

from .tiny import costs, day, doctor, problem, solve


def test_uncovered_hour_costs_weight_times_priority():
    p = problem([doctor("a")], demand=[HourDemand("regulator", day(0), 8, 2, priority=3)])
    sol = solve(p)
    under = [c for c in sol.costs if c.rule == "coverage.under"]
    assert [(c.name, c.amount, c.cost) for c in under] == [("Couverture du besoin", 1, 300)]
    assert sol.uncovered_hours == 1 and sol.uncovered[0].priority == 3


def test_overcover_costs_per_extra_person_hour():
    p = problem([doctor("a")], reg={8: 0}, pins=[Assignment("a", day(0), "R1")])
    sol = solve(p)
    assert [c[1:] for c in costs(sol, "coverage.over")] == [(1, 4)] * 4


def test_preferences_preferred_free_available_and_if_needed_paid():
    avail = [Availability("a", day(0), "08:00", "12:00", "preferred"),
             Availability("a", day(0), "12:00", "16:00", "available"),
             Availability("a", day(0), "16:00", "20:00", "if_needed")]
    p = problem([doctor("a")], reg={8: 1, 12: 1, 16: 1}, policy="opt_in", availability=avail)
    sol = solve(p)
    assert len(sol.assignments) == 3
    assert costs(sol, "preference.available") == [("Dr A", 1, 4)]
    assert costs(sol, "preference.if_needed") == [("Dr A", 1, 24)]
    assert costs(sol, "preference.preferred") == []


def test_fair_share_of_hours():
    avail = [Availability(pid, day(i), "08:00", "12:00") for pid in "ab" for i in range(4)]
    base = dict(days=4, reg={8: 1, 9: 1, 10: 1, 11: 1}, policy="opt_in", availability=avail)
    fair = solve(problem([doctor("a"), doctor("b")], **base))
    assert sorted(len(fair.of(x)) for x in "ab") == [2, 2]
    assert costs(fair, "fairness.hours") == []
    # Shares are 8 h each, tolerance 2 h, targets 16 h: 12 h vs 4 h is 12.5 points off.
    pins = [Assignment("a", day(i), "R1") for i in range(3)]
    skewed = solve(problem([doctor("a"), doctor("b")], pins=pins, **base))
    assert costs(skewed, "fairness.hours") == [("Dr A", 13, 13), ("Dr B", 13, 13)]


def test_fair_share_of_saturdays():
    sat = Template("RS", "regulator", "08:00", "12:00", (5,))
    demand = [HourDemand("regulator", day(d), h, 1) for d in (5, 12) for h in range(8, 12)]
    pins = [Assignment("a", day(5), "RS"), Assignment("a", day(12), "RS")]
    p = problem([doctor("a"), doctor("b")], days=13, templates=[sat], demand=demand, pins=pins)
    sol = solve(p)
    assert costs(sol, "fairness.saturday") == [("Dr A", 1, 20)]
    p.pins = []
    assert costs(solve(p), "fairness.saturday") == []


def test_handover_preferred_gives_the_evening_to_the_pdsa_doctor():
    p = problem([doctor("a"), doctor("b")], reg={16: 1},
                settings=Settings(policy="opt_out", handover="prefer"),
                pdsa=[PdsaDuty("a", f"{day(0)}T20:00", f"{day(1)}T08:00")])
    sol = solve(p)
    assert [(a.person, a.template) for a in sol.assignments] == [("a", "R3")]
    assert costs(sol, "pdsa.handover") == []
    p.pins = [Assignment("b", day(0), "R3")]
    assert costs(solve(p), "pdsa.handover") == [("Dr A", 1, 20)]


def test_minimal_perturbation_against_the_reference():
    ref = [Assignment("a", day(0), "R1")]
    p = problem([doctor("a"), doctor("b")], reg={8: 1}, reference=ref)
    sol = solve(p)
    assert sol.assignments == ref and costs(sol, "stability.added") == []
    p.availability = [Availability("a", day(0), "08:00", "09:00", "unavailable")]
    sol = solve(p)
    assert [a.person for a in sol.assignments] == ["b"]
    assert costs(sol, "stability.removed") == [("Dr A", 1, 200)]
    assert costs(sol, "stability.added") == [("Dr B", 1, 200)]
