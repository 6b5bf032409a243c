"""Benchmark: import a members spreadsheet of N invented people into a fresh SQLite file.

    .venv/bin/python scripts/bench_import.py [--rows 20000] [--keep DIR]

Prints the time to read the file, the time of the whole import (read, check, write) and the
peak memory of the process (resident set, from the OS). Writes docs/benchmarks.md figures by
hand; nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook  # noqa: E402

from sas_roster.domain.rpps import make_rpps  # noqa: E402
from sas_roster.importers.columns import COLUMNS, ImportKind  # noqa: E402
from sas_roster.importers.reading import read_table  # noqa: E402
from sas_roster.services import Services  # noqa: E402
from sas_roster.services.imports import import_file  # noqa: E402


def write_members(path: Path, rows: int) -> Path:
    """A members file in the app's column names, filled with invented people."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Membres")
    names = [c.name for c in COLUMNS[ImportKind.MEMBERS]]
    sheet.append(names)
    for i in range(rows):
        values = {
            "Nom": f"Testnom{i:05d}", "Prénom": f"Prénom{i % 97}", "RPPS": make_rpps(f"{1_100_000_000 + i}"),
            "Rôles": "régulateur", "Statut": "libéral installé",
            "Secteur": "1", "Téléphone": f"06 00 {i // 10000 % 100:02d} {i // 100 % 100:02d} {i % 100:02d}",
            "E-mail": f"personne{i}@exemple.invalid", "Engagement mensuel (gardes)": 4,
            "Actif depuis": "01/01/2027",
        }
        sheet.append([values.get(n) for n in names])
    book.save(path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="folder to keep the spreadsheet and database in")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="sas-bench-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    xlsx = folder / f"membres-{args.rows}.xlsx"
    if not xlsx.exists():  # written once: its writing (openpyxl) would weigh on the peak memory
        write_members(xlsx, args.rows)
        print("spreadsheet written; run again to measure the import alone")
        return 0
    db = folder / "bench.db"
    db.unlink(missing_ok=True)
    with Services.open(f"sqlite:///{db}") as services:
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        table = read_table(xlsx, ImportKind.MEMBERS)
        t_read = time.perf_counter() - t0
        del table
        t0, c0 = time.perf_counter(), time.process_time()
        report = import_file(services, ImportKind.MEMBERS, xlsx, actor="bench")
        t_all, c_all = time.perf_counter() - t0, time.process_time() - c0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"rows: {args.rows}  file: {xlsx.stat().st_size / 1e6:.1f} MB")
    print(f"read only: {t_read:.2f} s")
    print(f"import (read, check, write, commit): {t_all:.2f} s wall, {c_all:.2f} s CPU, {report.created} created")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"peak RSS: {peak / 1024:.0f} MB (before import: {rss_before / 1024:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
