"""Benchmark: the real `import members` command on a 20 000-row sheet, wall time and peak
memory of the process, into a fresh database file and into an association that exists.

    .venv/bin/python scripts/bench_import_cli.py [--rows 20000] [--runs 3] [--dir DIR]

Each run is a separate `python main.py --db … import members …` process; its peak resident
memory comes from the OS (wait4). "fresh": the command creates the database first (its schema
migration loads Alembic); "existing": the database was created beforehand, as after the setup
wizard. The spreadsheet is written by `bench_import.py`. Nothing here is a test; the figures
go to docs/benchmarks.md by hand.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.bench_import import write_members  # noqa: E402
from sas_roster.persistence import upgrade_database  # noqa: E402


def run_once(db: Path, sheet: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one import command."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", f"sqlite:///{db}", "import", "members",
                             str(sheet)], cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"the import failed (exit {proc.returncode})")
    return wall, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/sas-roster-bench-import"))
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    sheet = args.dir / f"membres-{args.rows}.xlsx"
    if not sheet.exists():
        write_members(sheet, args.rows)
    for case in ("fresh", "existing"):
        walls, peaks = [], []
        for _ in range(args.runs):
            db = args.dir / f"{case}.db"
            for leftover in args.dir.glob(f"{case}.db*"):
                leftover.unlink()
            if case == "existing":
                upgrade_database(f"sqlite:///{db}")
            wall, peak = run_once(db, sheet)
            walls.append(wall)
            peaks.append(peak)
        print(f"{case:8} wall {', '.join(f'{w:.2f}' for w in walls)} s (median {statistics.median(walls):.2f}); "
              f"peak {', '.join(f'{p:.1f}' for p in peaks)} MB (worst {max(peaks):.1f})")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
