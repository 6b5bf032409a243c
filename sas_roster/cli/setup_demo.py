"""`demo`: the invented demo association."""

from __future__ import annotations

import argparse
from datetime import date

from .base import EXIT_OK, CliCommand, CliContext


def _demo_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--seed", type=int, default=2027, help="graine des données inventées")
    p.add_argument("--today", type=date.fromisoformat, help="date de référence (AAAA-MM-JJ)")


def _demo(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..demo.loader import load_demo

    today = args.today or ctx.today
    report = load_demo(ctx.services(), today, seed=args.seed)
    ctx.print(report.summary())
    return EXIT_OK


def commands() -> list[CliCommand]:
    return [CliCommand("demo", "créer (ou réinitialiser) l'association de démonstration", _demo_args, _demo)]
