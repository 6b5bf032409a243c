import threading

from solver.core import (FEASIBLE, Cover, Person, Problem, Request, RosterSolver, RunLimit,
                         ShiftType, SolveOptions, TotalLimit, WeekendLimit)


def medium(people=12, days=28) -> Problem:
    """Big enough that CP-SAT does not prove optimality at once."""
    ids = [f"P{i}" for i in range(people)]
    return Problem(
        days=days, shifts=[ShiftType("E", 480), ShiftType("L", 480)],
        people=[Person(i) for i in ids],
        coverage=[Cover([(d, s)], 3 + (d * 7 + len(s)) % 3, under_weight=100, over_weight=1)
                  for d in range(days) for s in ("E", "L")],
        totals=[TotalLimit(minimum=days // 2, maximum=days * 2 // 3)],
        runs=[RunLimit("work", minimum=2, maximum=5), RunLimit("off", minimum=2)],
        weekends=[WeekendLimit(maximum=2)],
        requests=[Request(ids[(d * 5) % people], d, "E" if d % 2 else "L", on=bool(d % 3),
                          weight=1 + d % 3) for d in range(days)],
    )


def test_cancel_returns_the_best_roster_so_far():
    solver = RosterSolver(medium(), SolveOptions(time_limit=30, num_workers=1))
    seen = []

    def on_progress(p):
        seen.append(p)
        solver.cancel()  # after the first roster

    sol = solver.solve(on_progress)
    assert sol.cancelled
    assert sol.status == FEASIBLE
    # The first roster, re-evaluated: its penalty variables at their least value
    # (CP-SAT's first solution vector may carry slack over-counts).
    assert sol.assignments and sol.objective <= seen[0].objective
    assert sol.wall_time < 10


def test_cancel_from_another_thread_during_lns():
    solver = RosterSolver(medium(), SolveOptions(time_limit=30, num_workers=1, lns=True,
                                                 priority=("coverage.under",)))
    timer = threading.Timer(3.0, solver.cancel)
    timer.start()
    sol = solver.solve()
    timer.cancel()
    assert sol.cancelled and sol.has_roster
    assert sol.wall_time < 10


def test_same_seed_same_roster():
    def run():
        opts = SolveOptions(time_limit=30, num_workers=2, random_seed=7, deterministic=True,
                            deterministic_limit=1.0)
        return RosterSolver(medium(people=10, days=14), opts).solve()

    a, b = run(), run()
    assert a.has_roster
    assert (a.objective, a.table()) == (b.objective, b.table())


def test_lns_is_deterministic(monkeypatch):
    from solver.core.lns import LnsSearch

    phases = []
    real_run = LnsSearch.run

    def spy(self, *a, **k):
        phases.append(self.phase)
        return real_run(self, *a, **k)

    monkeypatch.setattr(LnsSearch, "run", spy)

    def run():
        opts = SolveOptions(time_limit=30, num_workers=1, random_seed=3, deterministic=True,
                            deterministic_limit=2.0, lns=True, priority=("coverage.under",))
        return RosterSolver(medium(people=12, days=21), opts).solve()

    a, b = run(), run()
    assert a.has_roster
    assert (a.objective, a.table()) == (b.objective, b.table())
    assert phases == ["lns-priority", "lns", "lns-priority", "lns"]


def test_hint_is_used_as_a_warm_start():
    p = medium(people=10, days=14)
    first = RosterSolver(p, SolveOptions(time_limit=5, num_workers=1)).solve()
    seen = []
    again = RosterSolver(p, SolveOptions(time_limit=5, num_workers=1,
                                         hint=first.assignments))
    again.solve(seen.append)
    # The very first roster reported is already as good as the hint.
    assert seen[0].objective <= first.objective
