"""Export benchmark: `python -m ui.bench_exports [--size large] [--workers N] [--write]`.

The synthetic département of the solver benchmarks (`solver.bench.generator`, `large`: 871
people) is stored through the services (`sas_roster.bench_data`), its month filled by the greedy
baseline (a full month of regulation, OSNP and on-call duties, in a second instead of the
engine's two minutes), published, and then everything the Export menu's "Tout exporter"
writes is exported into a temporary folder: planning PDF and XLSX, one personal PDF per
person plus the combined print file, one calendar per person, the addressing sheet. Reading
the month (the read model) and writing the files are timed apart.

Lives in `ui/`, the layer that may use both the services and the exports; it runs no Qt.
`--write` puts the figures in docs/benchmarks.md between the exports section's markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from exports.bundle import write_month
from sas_roster.bench_data import month_of, store_published_department
from sas_roster.services import Services

CACHE = Path(tempfile.gettempdir()) / "sas-roster-ui-bench"
DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
START, END = "<!-- exports:start -->", "<!-- exports:end -->"


def published_database(size: str, seed: int = 0) -> tuple[Path, tuple[int, int]]:
    """The département stored once (cached), its month filled greedily and published."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{size}-{seed}-greedy-published-v2.db"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        with Services.open(f"sqlite:///{tmp}") as services:
            store_published_department(services, size, seed)
        tmp.rename(path)
    return path, month_of(size, seed)


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the worker processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(size: str, workers: int | None) -> dict[str, object]:
    path, (year, month) = published_database(size)
    out = Path(tempfile.mkdtemp(prefix="sas-roster-export-bench-"))
    try:
        with Services.open(f"sqlite:///{path}") as services:
            c0, t0 = _cpu(), time.perf_counter()
            doc = services.documents.month(year, month)
            sheet = services.documents.addressing(year, month)
            t1 = time.perf_counter()
            result = write_month(doc, out, lang="fr", addressing=sheet, workers=workers)
            t2, c2 = time.perf_counter(), _cpu()
        pdfs = result.by_suffix(".pdf")
        return {
            "size": size, "people": len(doc.people()), "assignments": len(doc.version.assignments),
            "files": len(result.files), "pdf": len(pdfs), "ics": len(result.by_suffix(".ics")),
            "read_s": t1 - t0, "write_s": t2 - t1, "total_s": t2 - t0, "cpu_s": c2 - c0,
            "mb": sum(f.stat().st_size for f in result.files) / 1e6, "workers": workers or "auto",
        }
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _load() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def markdown(r: dict[str, object], load_before: str) -> str:
    return "\n".join([
        f"Command: `python -m ui.bench_exports --size {r['size']}` — {date.today():%Y-%m-%d}, "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"load average before the run {load_before} (1 / 5 / 15 min; the machine is shared).",
        "",
        "| département | people with shifts | assignments | files (PDF / ICS) | read model | writing | **total (wall)** "
        "| CPU, all processes | size |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| {r['size']} | {r['people']} | {r['assignments']} | {r['files']} ({r['pdf']} / {r['ics']}) | "
        f"{r['read_s']:.1f} s | {r['write_s']:.1f} s ({r['workers']} workers) | **{r['total_s']:.1f} s** | "
        f"{r['cpu_s']:.1f} s | {r['mb']:.0f} MB |",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=["small", "medium", "large"])
    parser.add_argument("--workers", type=int, default=None, help="processes writing personal files (default: cores)")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args(argv)
    published_database(args.size)  # built and cached first, not timed
    load = _load()
    r = run(args.size, args.workers)
    text = markdown(r, load)
    print(text)
    if args.write:
        doc = DOC.read_text(encoding="utf-8")
        block = f"{START}\n{text}\n{END}"
        if START in doc:
            doc = doc[:doc.index(START)] + block + doc[doc.index(END) + len(END):]
        else:
            doc += f"\n## Exports\n\n{block}\n"
        DOC.write_text(doc, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
