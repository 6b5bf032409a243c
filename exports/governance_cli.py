"""The `minutes` command: a meeting's procès-verbal as a PDF (the data from the services)."""

from __future__ import annotations

import argparse
from typing import Any


def _minutes_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("meeting", type=int, metavar="ID", help="n° de la réunion")
    p.add_argument("--out", required=True, metavar="FICHIER.pdf")


def _minutes(args: argparse.Namespace, ctx: Any) -> int:
    from .minutes import write_minutes

    services = ctx.services()
    data = services.registry.minutes_data(args.meeting, services.audit_checkpoint())
    ctx.print(f"Procès-verbal écrit dans {write_minutes(data, args.out)}")
    return 0


def commands() -> list[Any]:
    from sas_roster.cli import CliCommand

    return [CliCommand("minutes", "procès-verbal d'une réunion (PDF)", _minutes_args, _minutes)]
