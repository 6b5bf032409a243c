"""Curtois & Qu benchmark: reader, adapter to the core, independent scorer."""

from __future__ import annotations

import json

import pytest

from solver.core import OPTIMAL, RosterSolver, SolveOptions
from solver.curtois import (FormatError, parse_instance, read_instance, roster_table, score,
                            to_problem)
from solver.curtois.paths import best_known, resolve

try:
    INSTANCE1 = resolve("1")
except FileNotFoundError:  # pragma: no cover - depends on the checkout's neighbours
    INSTANCE1 = None

needs_data = pytest.mark.skipif(INSTANCE1 is None, reason="Curtois instances not found")

SMALL = """
SECTION_HORIZON
7

SECTION_SHIFTS
E,480,
L,480,E

SECTION_STAFF
A,E=7|L=7,2880,960,3,2,2,1

SECTION_DAYS_OFF
A,3

SECTION_SHIFT_ON_REQUESTS
A,0,E,2

SECTION_SHIFT_OFF_REQUESTS
A,1,L,3

SECTION_COVER
0,E,1,100,1
1,L,1,100,1
"""


def test_parser_reads_every_section():
    inst = parse_instance(SMALL, "small")
    assert inst.horizon == 7
    assert [(s.id, s.minutes, s.cannot_follow) for s in inst.shifts] == [
        ("E", 480, ()), ("L", 480, ("E",))]
    a = inst.staff[0]
    assert (a.max_shifts, a.max_minutes, a.min_minutes, a.max_consecutive,
            a.min_consecutive, a.min_consecutive_off, a.max_weekends) == (
        {"E": 7, "L": 7}, 2880, 960, 3, 2, 2, 1)
    assert inst.days_off == {"A": (3,)}
    assert len(inst.on_requests) == len(inst.off_requests) == 1
    assert inst.cover[1].shift == "L"


def test_parser_names_the_bad_line():
    with pytest.raises(FormatError, match="ligne 3"):
        parse_instance("SECTION_HORIZON\n# days\nseven\n", "bad")


def test_small_instance_solved_and_rescored():
    inst = parse_instance(SMALL, "small")
    sol = RosterSolver(to_problem(inst), SolveOptions(time_limit=10, num_workers=1)).solve()
    assert sol.status == OPTIMAL
    result = score(inst, roster_table(sol.assignments))
    assert result.feasible and result.objective == sol.objective


@needs_data
def test_instance1_reaches_the_best_known_value_and_rescores_equal():
    inst = read_instance(INSTANCE1)
    assert (inst.horizon, len(inst.staff), len(inst.shifts)) == (14, 8, 1)
    sol = RosterSolver(to_problem(inst), SolveOptions(time_limit=20, num_workers=1)).solve()
    assert sol.objective == best_known(INSTANCE1) == 607
    table = roster_table(sol.assignments)
    result = score(inst, json.loads(json.dumps(table)))  # as written by the bench
    assert result.feasible, result.hard_violations
    assert result.objective == 607


@needs_data
def test_scorer_rejects_rosters_that_break_hard_rules():
    inst = read_instance(INSTANCE1)
    sol = RosterSolver(to_problem(inst), SolveOptions(time_limit=20, num_workers=1)).solve()
    table = roster_table(sol.assignments)
    # Employee A has day 0 off: working it breaks the days-off rule.
    broken = {e: dict(days) for e, days in table.items()}
    broken.setdefault("A", {})["0"] = "D"
    assert any("day off 0" in v for v in score(inst, broken).hard_violations)
    # Everyone working every day breaks the run, minutes and weekend maxima.
    all_days = {e.id: {str(d): "D" for d in range(inst.horizon)} for e in inst.staff}
    kinds = " ".join(score(inst, all_days).hard_violations)
    assert "consecutive shifts" in kinds and "minutes outside" in kinds
    assert "working weekends" in kinds


def test_scorer_checks_successions_and_short_stretches():
    inst = parse_instance(SMALL, "small")
    late_then_early = {"A": {"0": "L", "1": "E", "2": "E"}}
    assert any("cannot follow" in v for v in score(inst, late_then_early).hard_violations)
    short = {"A": {"1": "E", "4": "E", "5": "E"}}  # a 1-day stretch inside the horizon
    assert any("only 1 consecutive shifts" in v for v in score(inst, short).hard_violations)
    edge = {"A": {"0": "E", "4": "E", "5": "E", "6": "E"}}  # open edges: day 0 alone is fine
    assert not any("consecutive shifts" in v for v in score(inst, edge).hard_violations)
