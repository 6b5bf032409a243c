"""The Curtois & Qu benchmark: solve, re-score independently, compare with the best
values known, write the rosters.

Each instance runs once per seed (``--seeds 0 1 2``); the table gives the median and
the worst run, since the spread is what a user gets. Instances are numbers 1–12, file
paths, or grown copies of the shipped ones (:mod:`solver.curtois.grow`: ``12+8+9``
merged, ``12*2`` stretched). A run is verified when the independent scorer finds no
broken hard rule and the same objective as the engine; the bench fails otherwise.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

from solver.core import Progress, RosterSolver
from solver.curtois import Instance, read_instance, roster_table, score, to_problem
from solver.curtois.adapter import solve_options
from solver.curtois.grow import grown
from solver.curtois.paths import best_known, resolve


@dataclass
class Result:
    instance: str
    seed: int
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
    first_roster_s: float | None  # wall time of the first roster found
    rescored: int | None
    hard_violations: int
    verified: bool  # rescored == objective and no hard rule broken


@dataclass
class Summary:
    """The runs of one instance over its seeds."""

    instance: str
    runs: int
    best_known: int | None
    median: float | None
    worst: int | None
    best: int | None
    median_gap_pct: float | None
    worst_gap_pct: float | None
    at_best_known: int  # runs whose objective is the best known (or better)
    first_roster_s: float | None  # worst over the runs
    verified: bool


def load(spec: str) -> tuple[Instance, int | None]:
    """An instance and its best-known value (None for grown and unknown ones)."""
    if "+" in spec or "*" in spec:
        return grown(spec, lambda n: read_instance(resolve(str(n)))), None
    path = resolve(spec)
    return read_instance(path), best_known(path)


def run_instance(spec: str, time_limit: float, workers: int, seed: int,
                 roster_out: Path | None, verbose: bool = False) -> Result:
    inst, best = load(spec)
    options = solve_options(time_limit=time_limit, num_workers=workers, random_seed=seed)
    solver = RosterSolver(to_problem(inst), options)
    first: list[float] = []

    def progress(p: Progress) -> None:
        if not first:
            first.append(p.elapsed)
        if verbose:
            print(f"  {inst.name} {p.elapsed:7.1f}s {p.phase:<13} objective {p.objective} "
                  f"bound {p.bound}", file=sys.stderr, flush=True)

    sol = solver.solve(progress)
    table = roster_table(sol.assignments)
    rescored, violations = None, 0
    if sol.has_roster:
        s = score(inst, table)
        rescored, violations = s.objective, len(s.hard_violations)
        for v in s.hard_violations:
            print(f"  {inst.name}: HARD RULE BROKEN: {v}", file=sys.stderr)
        if rescored != sol.objective:
            print(f"  {inst.name}: REPORTED OBJECTIVE {sol.objective} != RESCORED {rescored}",
                  file=sys.stderr)
        if roster_out is not None:
            roster_out.mkdir(parents=True, exist_ok=True)
            (roster_out / f"{inst.name}-seed{seed}.json").write_text(json.dumps(table, indent=1))
    obj = sol.objective
    bound = None if sol.bound is None else int(sol.bound)
    return Result(
        instance=inst.name, seed=seed, days=inst.horizon, employees=len(inst.staff),
        shift_types=len(inst.shifts), status=sol.status, objective=obj, bound=bound,
        best_known=best,
        gap_best_pct=None if obj is None or not best else round(100 * (obj - best) / best, 2),
        gap_bound_pct=None if obj is None or bound is None or obj == 0
        else round(100 * (obj - bound) / obj, 2),
        time_s=round(sol.wall_time, 1),
        first_roster_s=round(first[0], 1) if first else None,
        rescored=rescored, hard_violations=violations,
        verified=sol.has_roster and rescored == obj and violations == 0,
    )


def summarise(results: list[Result]) -> list[Summary]:
    by: dict[str, list[Result]] = {}
    for r in results:
        by.setdefault(r.instance, []).append(r)
    out = []
    for name, runs in by.items():
        objs = [r.objective for r in runs if r.objective is not None]
        best = runs[0].best_known
        median = statistics.median(objs) if objs else None
        worst = max(objs) if len(objs) == len(runs) else None
        firsts = [r.first_roster_s for r in runs if r.first_roster_s is not None]

        def gap(value: float | None) -> float | None:
            return None if value is None or not best else round(100 * (value - best) / best, 2)

        out.append(Summary(
            instance=name, runs=len(runs), best_known=best, median=median, worst=worst,
            best=min(objs) if objs else None, median_gap_pct=gap(median),
            worst_gap_pct=gap(worst),
            at_best_known=sum(1 for o in objs if best is not None and o <= best),
            first_roster_s=max(firsts) if len(firsts) == len(runs) else None,
            verified=all(r.verified for r in runs)))
    return out


def format_table(results: list[Result]) -> str:
    head = ("instance", "seed", "days", "staff", "objective", "bound", "best known",
            "gap best %", "gap bound %", "first s", "time s", "verified")
    rows = [head]
    for r in results:
        rows.append((r.instance, str(r.seed), str(r.days), str(r.employees), _s(r.objective),
                     _s(r.bound), _s(r.best_known), _s(r.gap_best_pct), _s(r.gap_bound_pct),
                     _s(r.first_roster_s), _s(r.time_s), "yes" if r.verified else "NO"))
    return _columns(rows)


def format_summary(summaries: list[Summary]) -> str:
    head = ("instance", "runs", "best known", "median", "worst", "median gap %",
            "worst gap %", "at best known", "first roster s", "verified")
    rows = [head]
    for s in summaries:
        rows.append((s.instance, str(s.runs), _s(s.best_known), _s(s.median), _s(s.worst),
                     _s(s.median_gap_pct), _s(s.worst_gap_pct),
                     f"{s.at_best_known}/{s.runs}", _s(s.first_roster_s),
                     "yes" if s.verified else "NO"))
    return _columns(rows)


def _columns(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in rows)


def format_markdown(results: list[Result]) -> str:
    lines = ["| instance | days | staff | shift types | median | worst | best known "
             "| median gap | worst gap | runs at best known | first roster (s) "
             "| re-scored, hard rules kept |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    first = {r.instance: r for r in results}
    for s in summarise(results):
        r = first[s.instance]
        mg = "-" if s.median_gap_pct is None else f"{s.median_gap_pct:.1f} %"
        wg = "-" if s.worst_gap_pct is None else f"{s.worst_gap_pct:.1f} %"
        lines.append(f"| {s.instance} | {r.days} | {r.employees} | {r.shift_types} "
                     f"| {_s(s.median)} | {_s(s.worst)} | {_s(s.best_known)} | {mg} | {wg} "
                     f"| {s.at_best_known}/{s.runs} | {_s(s.first_roster_s)} "
                     f"| {'yes' if s.verified else 'NO'} |")
    return "\n".join(lines)


def _s(value: object) -> str:
    return "-" if value is None else str(value)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("instances", nargs="*", default=[str(i) for i in range(1, 13)],
                        help="numbers 1..12 (looked up in $SAS_ROSTER_CURTOIS_DIR, "
                             "../shared/bench/curtois), instance file paths, or grown "
                             "copies: 12+8+9 (merged), 12*2 (horizon doubled); default 1..12")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per run")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers / LNS threads")
    parser.add_argument("--seed", type=int, default=None, help="one seed (default 0)")
    parser.add_argument("--seeds", type=int, nargs="+", default=None,
                        help="run each instance once per seed; median and worst reported")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--roster-out", type=Path, default=None,
                        help="folder for one {employee: {day: shift}} JSON per run")
    parser.add_argument("--verbose", action="store_true", help="progress on stderr")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    seeds = args.seeds or [args.seed if args.seed is not None else 0]
    results = []
    for spec in args.instances:
        for seed in seeds:
            result = run_instance(spec, args.time_limit, args.workers, seed,
                                  args.roster_out, args.verbose)
            results.append(result)
            # Progress on stderr, whatever the output format.
            print(f"{result.instance} seed {seed}: objective {result.objective} "
                      f"(best known {result.best_known}, bound {result.bound}) "
                      f"first roster {result.first_roster_s}s, {result.time_s}s, "
                      f"verified: {result.verified}", file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps({"runs": [asdict(r) for r in results],
                          "summary": [asdict(s) for s in summarise(results)]}, indent=2))
    elif args.markdown:
        print(format_markdown(results))
    else:
        print(format_table(results))
        print()
        print(format_summary(summarise(results)))
    return 0 if all(r.verified for r in results) else 1
