"""``python -m solver solve PROBLEM.json [--time-limit S] …``: solve a problem file.

A SAS problem file (``"format": "sas-roster/sas-problem"``, see docs/solver-format.md)
goes to :func:`solver.sas.cli.main`.
"""

from __future__ import annotations

import json
import sys

USAGE = "usage : python -m solver solve PROBLEME.json [--time-limit S] [--output SOLUTION.json]"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] != "solve":
        print(USAGE, file=sys.stderr)
        return 2
    rest = argv[1:]
    path = next((a for a in rest if not a.startswith("-")), None)
    fmt = None
    if path is not None:
        try:
            with open(path, encoding="utf-8") as f:
                fmt = json.load(f).get("format")
        except (OSError, ValueError, AttributeError):
            fmt = None  # the SAS command reports the unreadable file in French
    if fmt in (None, "sas-roster/sas-problem"):
        from .sas.cli import main as sas_main

        return sas_main(rest)
    print(f"Format de problème inconnu : {fmt}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
