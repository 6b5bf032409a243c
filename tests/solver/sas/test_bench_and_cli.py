"""The greedy baseline keeps the hard rules, the solver beats it, the generator is
deterministic, and ``python -m solver solve`` answers in French."""

import json

from solver.__main__ import main as solver_main
from solver.bench.generator import generate, public_holidays
from solver.bench.greedy import greedy
from solver.sas import solve_sas
from solver.sas.context import Context
from solver.sas.metrics import roster_metrics, state_of
from solver.sas.rules import reasons

from .tiny import day, doctor, problem


def test_generator_is_deterministic_and_skips_public_holidays():
    a, b = generate("small", 3), generate("small", 3)
    assert a == b and a != generate("small", 4)
    assert "2027-03-29" not in {d.date for d in a.days}  # Easter Monday 2027
    assert {"2027-05-01", "2027-05-06", "2027-05-17"} <= {d.isoformat() for d in public_holidays(2027)}
    sizes = {p.roles for p in a.people}
    assert len([p for p in a.people if "regulator" in p.roles]) == 17
    assert len([p for p in a.people if "effector" in p.roles]) == 50
    assert ("osnp",) in sizes


def test_greedy_keeps_every_hard_rule_and_the_solver_beats_it():
    p = generate("small", 2)
    ctx = Context(p)
    g = greedy(p, ctx)
    state = state_of(ctx, g)
    fixed = {(a.person, a.day, a.template) for a in p.pins + p.cpts_rota}
    for a in g:
        d = ctx.index[a.day]
        sid = ctx.slot_of(a.template, a.remote, d)
        state.remove(a.person, d, sid)
        assert not reasons(ctx, state, a.person, d, sid) or \
            (a.person, a.day, a.template) in fixed, a
        state.add(a.person, d, sid)
    sol = solve_sas(p, 20, num_workers=1)
    mine, theirs = roster_metrics(p, sol.assignments, ctx), roster_metrics(p, g, ctx)
    assert mine["uncovered_hours"] <= theirs["uncovered_hours"]
    assert mine["spread"] < theirs["spread"]


def test_command_line_solves_a_problem_file(tmp_path, capsys):
    path = tmp_path / "probleme.json"
    problem([doctor("a")], reg={8: 2}).save(path)
    out = tmp_path / "solution.json"
    assert solver_main(["solve", str(path), "--time-limit", "5", "-q", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Planning optimal : 1 affectation(s), 1 heure(s)-personne non couverte(s)")
    assert f"{'lundi 1 mars 2027'}, régulation 8h–9h : il manque 1 personne(s) sur 2" in text
    assert json.loads(out.read_text("utf-8"))["assignments"][0]["day"] == day(0)


def test_command_line_refuses_a_broken_file_in_french(tmp_path, capsys):
    path = tmp_path / "probleme.json"
    path.write_text('{"format": "sas-roster/sas-problem", "days": []}', "utf-8")
    assert solver_main(["solve", str(path)]) == 2
    assert "aucun jour de continuité" in capsys.readouterr().err
