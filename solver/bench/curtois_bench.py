"""The Curtois & Qu benchmark: solve, re-score independently, compare with the best
values known, write the rosters."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from solver.core import RosterSolver
from solver.curtois import read_instance, roster_table, score, to_problem
from solver.curtois.adapter import solve_options
from solver.curtois.paths import best_known, resolve


@dataclass
class Result:
    instance: str
    days: int
    employees: int
    shift_types: int
    status: str
    objective: int | None
    bound: int | None
    best_known: int | None
    gap_best_pct: float | None  # (objective - best known) / best known
    gap_bound_pct: float | None  # (objective - own bound) / objective
    time_s: float
    rescored: int | None
    hard_violations: int
    verified: bool  # rescored == objective and no hard rule broken


def run_instance(spec: str, time_limit: float, workers: int, seed: int,
                 roster_out: Path | None, verbose: bool = False) -> Result:
    path = resolve(spec)
    inst = read_instance(path)
    options = solve_options(time_limit=time_limit, num_workers=workers, random_seed=seed)
    solver = RosterSolver(to_problem(inst), options)

    def progress(p) -> None:
        print(f"  {inst.name} {p.elapsed:7.1f}s {p.phase:<13} objective {p.objective} "
              f"bound {p.bound}", file=sys.stderr, flush=True)

    sol = solver.solve(progress if verbose else None)
    table = roster_table(sol.assignments)
    best = best_known(path)
    rescored, violations = None, 0
    if sol.has_roster:
        s = score(inst, table)
        rescored, violations = s.objective, len(s.hard_violations)
        for v in s.hard_violations:
            print(f"  {inst.name}: HARD RULE BROKEN: {v}", file=sys.stderr)
        if roster_out is not None:
            roster_out.mkdir(parents=True, exist_ok=True)
            (roster_out / f"{inst.name}.json").write_text(json.dumps(table, indent=1))
    obj = sol.objective
    bound = None if sol.bound is None else int(sol.bound)
    return Result(
        instance=inst.name, days=inst.horizon, employees=len(inst.staff),
        shift_types=len(inst.shifts), status=sol.status, objective=obj, bound=bound,
        best_known=best,
        gap_best_pct=None if obj is None or not best else round(100 * (obj - best) / best, 2),
        gap_bound_pct=None if obj is None or bound is None or obj == 0
        else round(100 * (obj - bound) / obj, 2),
        time_s=round(sol.wall_time, 1), rescored=rescored, hard_violations=violations,
        verified=sol.has_roster and rescored == obj and violations == 0,
    )


def format_table(results: list[Result]) -> str:
    head = ("instance", "days", "staff", "objective", "bound", "best known",
            "gap best %", "gap bound %", "time s", "verified")
    rows = [head]
    for r in results:
        rows.append((r.instance, str(r.days), str(r.employees), _s(r.objective), _s(r.bound),
                     _s(r.best_known), _s(r.gap_best_pct), _s(r.gap_bound_pct),
                     _s(r.time_s), "yes" if r.verified else "NO"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in rows)


def format_markdown(results: list[Result]) -> str:
    lines = ["| instance | days | staff | shift types | objective | own bound | best known "
             "| gap to best | gap to bound | time (s) | re-scored, hard rules kept |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        gap_best = "-" if r.gap_best_pct is None else f"{r.gap_best_pct:.1f} %"
        gap_bound = "-" if r.gap_bound_pct is None else f"{r.gap_bound_pct:.1f} %"
        lines.append(f"| {r.instance} | {r.days} | {r.employees} | {r.shift_types} "
                     f"| {_s(r.objective)} | {_s(r.bound)} | {_s(r.best_known)} | {gap_best} "
                     f"| {gap_bound} | {r.time_s} | {'yes' if r.verified else 'NO'} |")
    return "\n".join(lines)


def _s(value) -> str:
    return "-" if value is None else str(value)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("instances", nargs="*", default=[str(i) for i in range(1, 13)],
                        help="numbers 1..12 (looked up in $SAS_ROSTER_CURTOIS_DIR, "
                             "../shared/bench/curtois) or instance file paths; default all 12")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per instance")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers / LNS threads")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--roster-out", type=Path, default=None,
                        help="folder for one {employee: {day: shift}} JSON per instance")
    parser.add_argument("--verbose", action="store_true", help="progress on stderr")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    results = []
    for spec in args.instances:
        result = run_instance(spec, args.time_limit, args.workers, args.seed,
                              args.roster_out, args.verbose)
        results.append(result)
        if not args.json:
            print(f"{result.instance}: objective {result.objective} "
                  f"(best known {result.best_known}, bound {result.bound}) "
                  f"in {result.time_s}s, verified: {result.verified}",
                  file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps([asdict(r) for r in results], indent=2))
    elif args.markdown:
        print(format_markdown(results))
    else:
        print(format_table(results))
    return 0 if all(r.verified for r in results) else 1
