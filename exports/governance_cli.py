"""The `minutes` command: a meeting's procès-verbal as a PDF (the data from the services)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Command:
    """Shaped like ``sas_roster.cli.CliCommand`` (which exports may not import: it reaches the
    database layer); the parser reads only these four attributes."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    handler: Callable[[argparse.Namespace, Any], int]


def _minutes_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("meeting", type=int, metavar="ID", help="n° de la réunion")
    p.add_argument("--out", required=True, metavar="FICHIER.pdf", help="fichier PDF à écrire")


def _minutes(args: argparse.Namespace, ctx: Any) -> int:
    from .minutes import write_minutes

    services = ctx.services()
    data = services.registry.minutes_data(args.meeting, services.audit_checkpoint())
    ctx.print(f"Procès-verbal écrit dans {write_minutes(data, args.out)}")
    return 0


def commands() -> list[Command]:
    return [Command("minutes", "procès-verbal d'une réunion (PDF)", _minutes_args, _minutes)]
