"""Days that close early (a bridge day with PDSA from noon) and hours no template covers."""

from solver.sas import ContinuityDay, HourDemand, Person

from .tiny import day, problem, solve


def _closing_at_noon(p):
    p.days[0] = ContinuityDay(day(0), {"regulator": ("08:00", "12:00"), "osnp": ("08:00", "12:00")})
    return p


def test_template_running_past_closing_is_worked_up_to_it():
    op = Person("op", "A. Yvinec", roles=("osnp",), status="salaried")
    p = _closing_at_noon(problem([op], days=2, osnp={8: 1, 9: 1, 10: 1, 11: 1}))
    sol = solve(p)
    assert sol.status == "optimal" and sol.uncovered_hours == 0
    first_day = [a for a in sol.assignments if a.day == day(0)]
    assert [a.template for a in first_day] == ["O1"]  # the 8h–14h template, worked 8h–12h


def test_shortened_slot_exists_only_on_the_short_day():
    op = Person("op", "A. Yvinec", roles=("osnp",), status="salaried")
    p = _closing_at_noon(problem([op], days=2, osnp={12: 1, 13: 1}))
    # on the short day 12h–14h is not open, so no demand; on the normal day O1 covers it whole
    p.demand = [d for d in p.demand if d.day == day(1)]
    sol = solve(p)
    assert sol.uncovered_hours == 0
    assert {(a.day, a.template) for a in sol.assignments} == {(day(1), "O1")}


def test_hour_without_any_template_is_explained_as_such():
    doc = Person("dr", "Dr B. Vautrin")
    p = problem([doc], days=1)
    p.templates = [t for t in p.templates if t.code != "R3"]
    p.demand = [HourDemand("regulator", day(0), 18, 1)]
    sol = solve(p)
    [u] = sol.uncovered
    assert "Aucun poste type ne couvre cette heure" in u.explanation
