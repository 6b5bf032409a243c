"""``python -m solver.bench curtois [INSTANCE…] [--time-limit S] [--json] …``"""

from __future__ import annotations

import argparse
import sys

from . import curtois_bench
from . import sas_bench  # SAS model benchmark (solver/bench/sas_bench.py, SAS owner)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m solver.bench",
                                     description="Benchmarks of the rostering core.")
    suites = parser.add_subparsers(dest="suite", required=True)
    curtois_bench.add_arguments(suites.add_parser(
        "curtois", help="Curtois & Qu employee shift scheduling instances"))
    sas_bench.add_arguments(suites.add_parser(
        "sas", help="SAS model on synthetic départements (small, medium, large, quarter)"))
    args = parser.parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
