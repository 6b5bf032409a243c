"""Command line: solve a SAS problem file.

    python -m solver solve PROBLEM.json [--time-limit S] [--output SOLUTION.json] [--json]

Progress goes to stderr; the French summary, every uncovered hour explained (or the
clash of hard rules) to stdout; ``--output`` writes the solution file, ``--json``
prints it instead of the text. Ctrl-C stops the search and keeps the best roster.
Exit status: 0 with a roster, 1 without (clash or nothing found), 2 on a bad file.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from ..core.solution import Progress
from .context import Context
from .problem import SasProblem
from .solve import SasOptions, SasSolver


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m solver solve",
                                 description="Résout un fichier de problème SAS.")
    ap.add_argument("problem", help="fichier JSON du problème (format sas-roster/sas-problem)")
    ap.add_argument("--time-limit", type=float, default=60.0, help="secondes (défaut 60)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--deterministic", action="store_true")
    ap.add_argument("--output", "-o", help="écrit la solution (JSON) dans ce fichier")
    ap.add_argument("--json", action="store_true", help="affiche la solution en JSON")
    ap.add_argument("--quiet", "-q", action="store_true", help="sans progression")
    args = ap.parse_args(argv)
    try:
        problem = SasProblem.load(args.problem)
        Context(problem)  # every check of the data, before any long work
    except (OSError, ValueError) as e:
        print(f"Fichier de problème illisible : {e}", file=sys.stderr)
        return 2
    solver = SasSolver(problem, SasOptions(time_limit=args.time_limit,
                                           num_workers=args.workers, seed=args.seed,
                                           deterministic=args.deterministic))

    def progress(p: Progress) -> None:
        if not args.quiet:
            print(f"[{p.elapsed:6.1f} s] {p.phase:8} coût {p.objective} borne {p.bound:.0f}",
                  file=sys.stderr, flush=True)

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, lambda *_: solver.cancel())
    try:
        solution = solver.solve(progress)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(solution.to_json(indent=1))
    if args.json:
        print(solution.to_json(indent=1))
    else:
        print(solution.message)
        for ph in solution.phases:
            gap = "-" if ph.gap is None else f"{100 * ph.gap:.2f} %"
            print(f"  niveau {ph.name} : {ph.status}, coût {ph.objective}, borne {ph.bound}, "
                  f"écart {gap}, {ph.seconds:.1f} s")
        if solution.conflicts or solution.uncovered:
            print()
            print(solution.explanation())
    return 0 if solution.has_roster else 1


if __name__ == "__main__":
    sys.exit(main())
