"""Composition root of sas-roster: builds storage and services, then starts the GUI or the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from sas_roster.cli import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
