"""SAS benchmark: synthetic départements (:mod:`solver.bench.generator`) solved by the
SAS model and by the greedy baseline (:mod:`solver.bench.greedy`).

    python -m solver.bench sas [small medium large quarter] [--time-limit S] [--json]

Each size runs in its own child process so that its peak memory (``ru_maxrss``: CP-SAT's
C++ memory included, which ``tracemalloc`` would not see) is its own. Reported per
size: model size, build and solve times, status, objective, bound and gap of the
quality level (coverage is solved first, its own gap is reported too), the time at
which a roster within 1 % (5 %) of the bound was first found, uncovered demand, the
fairness spread (:mod:`solver.sas.metrics`), peak memory, the greedy baseline and the
ratios solver ÷ greedy. On ``small`` and ``medium``, replacements: a few shifts
cancelled one by one, each re-solved with :func:`solver.sas.replacement.replace`.

``--seeds 1 2 3`` runs each size once per seed (each its own instance and solver seed)
and adds a summary per size: median and worst of the final gap, of the time to reach
0.1 % and 0.5 % of the bound, of the peak memory and of the replacement times.
"""

from __future__ import annotations

from typing import Any

import argparse
import json
import random
import statistics
import resource
import subprocess
import sys
import time

from ..core.solution import Progress
from ..sas.metrics import roster_metrics
from ..sas.problem import SasProblem
from ..sas.solution import SasSolution
from ..sas.replacement import replace
from ..sas.solution import relative_gap
from ..sas.solve import SasOptions, SasSolver
from .generator import SIZES, generate
from .greedy import greedy

DEFAULT_LIMITS = {"tiny": 5.0, "small": 5.0, "medium": 30.0, "large": 60.0, "quarter": 120.0}
REPLACEMENTS = {"small": 5, "medium": 5}
WITHIN = (("0.1%", 0.001), ("0.5%", 0.005), ("1%", 0.01), ("5%", 0.05))


def run_size(size: str, time_limit: float, seed: int = 1, workers: int = 2,
             lns: bool = False) -> dict[str, Any]:
    t0 = time.perf_counter()
    problem = generate(size, seed)
    gen_s = time.perf_counter() - t0
    first_within: dict[str, float] = {}

    def progress(pr: Progress) -> None:
        gap = relative_gap(pr.objective, pr.bound)
        if pr.phase == "quality" and gap is not None:
            for label, tol in WITHIN:
                if gap <= tol and label not in first_within:
                    first_within[label] = round(pr.elapsed, 2)

    solver = SasSolver(problem, SasOptions(time_limit=time_limit, num_workers=workers,
                                           seed=seed, lns=lns))
    sol = solver.solve(progress)
    out = {
        "size": size, "seed": seed, "time_limit": time_limit, "workers": workers, "lns": lns,
        "people": len(problem.people), "days": len(problem.days),
        "generate_s": round(gen_s, 2), **sol.stats,
        "build_s": round(sol.build_seconds, 2), "solve_s": round(sol.solve_seconds, 2),
        "status": sol.status, "objective": sol.objective, "bound": sol.bound,
        "gap": None if sol.gap is None else round(sol.gap, 5),
        "phases": [{"name": ph.name, "status": ph.status, "objective": ph.objective,
                    "bound": ph.bound, "gap": None if ph.gap is None else round(ph.gap, 5),
                    "seconds": round(ph.seconds, 2)} for ph in sol.phases],
        "first_within": first_within,
        "explained_uncovered": sum(1 for u in sol.uncovered if u.explanation),
    }
    assert solver.ctx is not None
    metrics = roster_metrics(problem, sol.assignments, solver.ctx)
    out["solver"] = metrics
    t = time.perf_counter()
    baseline = greedy(problem, solver.ctx)
    greedy_s = time.perf_counter() - t
    gm = roster_metrics(problem, baseline, solver.ctx)
    gm["seconds"] = round(greedy_s, 2)
    out["greedy"] = gm
    out["ratio_uncovered"] = _ratio(metrics["uncovered_hours"], gm["uncovered_hours"])
    out["ratio_spread"] = _ratio(metrics["spread"], gm["spread"])
    if REPLACEMENTS.get(size) and sol.has_roster:
        out["replacements"] = _replacements(problem, sol, REPLACEMENTS[size], seed, workers)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def _ratio(a: float, b: float) -> float | None:
    return None if not b else round(a / b, 3)


def _replacements(problem: SasProblem, sol: SasSolution, n: int, seed: int,
                  workers: int) -> dict[str, Any]:
    rng = random.Random(seed)
    pinned = {(a.person, a.day, a.template) for a in problem.pins}
    pool = [a for a in sol.assignments if a.template in ("R1", "R2", "R3", "RS")
            and (a.person, a.day, a.template) not in pinned]
    runs: list[dict[str, Any]] = []
    for a in rng.sample(pool, min(n, len(pool))):
        rep = replace(problem, sol, a.person, a.day, a.template, time_limit=3.0,
                      num_workers=workers)
        runs.append({"seconds": round(rep.seconds, 2), "changes": rep.changes,
                     "filled": bool(rep.added), "status": rep.solution.status})
    return {"runs": runs,
            "max_seconds": max((float(r["seconds"]) for r in runs), default=None),
            "max_changes": max((int(r["changes"]) for r in runs), default=None)}


def _row(r: dict[str, Any]) -> str:
    s, g = r["solver"], r["greedy"]
    first = r["first_within"].get("1%", "-")
    cov = r["phases"][0] if r["phases"] else {}
    lines = [
        f"{r['size']:8} {r['people']:4} pers. {r['days']:3} j.  vars {r['variables']:7} "
        f"cons {r['constraints']:7}  build {r['build_s']:6.2f}s  solve {r['solve_s']:7.2f}s  "
        f"mem {r['peak_rss_mb']:7.1f} Mo",
        f"         {r['status']:9} obj {r['objective']} bound {r['bound']} gap "
        f"{_pct(r['gap'])} (≤1 % à {first}s; couverture {cov.get('status')} "
        f"gap {_pct(cov.get('gap'))})",
        f"         non couvert {s['uncovered_hours']} h / astreintes {s['uncovered_oncall']} "
        f"— glouton {g['uncovered_hours']} h / {g['uncovered_oncall']} "
        f"(ratio {r['ratio_uncovered']}); écart max−min {s['spread']} — glouton "
        f"{g['spread']} (ratio {r['ratio_spread']}); écart moyen {s['mean_deviation']} — "
        f"glouton {g['mean_deviation']}",
    ]
    if "replacements" in r:
        rep = r["replacements"]
        lines.append(f"         remplacements : {len(rep['runs'])}, max {rep['max_seconds']}s, "
                     f"max {rep['max_changes']} changement(s) "
                     f"{[x['changes'] for x in rep['runs']]}")
    return "\n".join(lines)


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.2f} %"


def add_arguments(ap: argparse.ArgumentParser) -> None:
    """The ``sas`` sub-command of ``python -m solver.bench``."""
    ap.add_argument("sizes", nargs="*", default=["small", "medium", "large"],
                    choices=sorted(SIZES), metavar="SIZE",
                    help=f"tailles parmi {', '.join(sorted(SIZES))} (défaut : small medium large)")
    ap.add_argument("--time-limit", type=float, default=None,
                    help="secondes par taille (défaut : small 5, medium 30, large 60, "
                         "quarter 120)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seeds", type=int, nargs="+", default=None,
                    help="une exécution par graine ; médiane et pire par taille")
    ap.add_argument("--lns", action="store_true", help="recherche à grand voisinage (LNS)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", action="store_true", help="résultats en JSON")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.child:
        (size,) = args.sizes
        limit = args.time_limit or DEFAULT_LIMITS[size]
        print(json.dumps(run_size(size, limit, args.seed, args.workers, args.lns)))
        return 0
    results = []
    for size in args.sizes:
        for seed in args.seeds or [args.seed]:
            cmd = [sys.executable, "-m", "solver.bench.sas_bench", size, "--child",
                   "--seed", str(seed), "--workers", str(args.workers)]
            if args.time_limit:
                cmd += ["--time-limit", str(args.time_limit)]
            if args.lns:
                cmd.append("--lns")
            done = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return done.returncode
            r = json.loads(done.stdout.strip().splitlines()[-1])
            results.append(r)
            if not args.json:
                print(_row(r), flush=True)
    summary = summarise(results)
    if args.json:
        print(json.dumps({"runs": results, "summary": summary}, indent=1, ensure_ascii=False))
    else:
        for row in summary:
            print(json.dumps(row, ensure_ascii=False))
    return 0


def summarise(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Median and worst per size over its runs (seeds)."""
    by: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        by.setdefault(r["size"], []).append(r)
    out = []
    for size, runs in by.items():
        def stats(values: list[float | None]) -> dict[str, float | None]:
            if not values or any(v is None for v in values):
                return {"median": None, "worst": None}
            vals = [float(v) for v in values if v is not None]
            return {"median": round(statistics.median(vals), 5), "worst": round(max(vals), 5)}
        reps = [x["seconds"] for r in runs for x in r.get("replacements", {}).get("runs", [])]
        out.append({
            "size": size, "runs": len(runs),
            "optimal": sum(1 for r in runs if r["status"] == "optimal"),
            "solve_s": stats([r["solve_s"] for r in runs]),
            "gap": stats([r["gap"] for r in runs]),
            "within_0.1%_s": stats([r["first_within"].get("0.1%") for r in runs]),
            "within_0.5%_s": stats([r["first_within"].get("0.5%") for r in runs]),
            "peak_rss_mb": stats([r["peak_rss_mb"] for r in runs]),
            "replacement_s": stats(reps) if reps else None,
            "uncovered_hours": stats([r["solver"]["uncovered_hours"] for r in runs]),
            "greedy_uncovered_hours": stats([r["greedy"]["uncovered_hours"] for r in runs]),
        })
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m solver.bench sas",
                                 description="Benchmark du modèle SAS (départements synthétiques)")
    add_arguments(ap)
    args = ap.parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
