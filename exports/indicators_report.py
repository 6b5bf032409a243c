"""The indicators report: compute, then write the PDF and the XLSX side by side.

``write_report(indicators, out_dir, today) -> (pdf, xlsx)``; the command line
(`sas-roster report indicators --period 2027-03|2027-Q1|2027 --out DIR`) and the window's
dashboard both call it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sas_roster.domain.errors import ValidationError
from sas_roster.domain.indicators import Indicators, parse_period



def file_stem(ind: Indicators) -> str:
    return f"indicateurs-{ind.period.key}"


def write_report(ind: Indicators, out_dir: str | Path, today: date | None = None) -> tuple[Path, Path]:
    from .indicators_pdf import write_pdf  # ReportLab and openpyxl load when a report is written,
    from .indicators_xlsx import write_xlsx  # not when the command line starts

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = file_stem(ind)
    return write_pdf(ind, out / f"{stem}.pdf", today), write_xlsx(ind, out / f"{stem}.xlsx")


# ------------------------------------------------------------------------ command line


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=["indicators"], help="rapport à produire (indicators : indicateurs du copil)")
    p.add_argument("--period", required=True, help="AAAA-MM, AAAA-Qn ou AAAA (2027-03, 2027-Q1, 2027)")
    p.add_argument("--out", required=True, help="dossier où écrire le PDF et le classeur XLSX")
    p.add_argument("--plan", metavar="FICHIER", help="plan de capacité (TOML, voir « capacity --example-plan ») : "
                   "ajoute au rapport le besoin calculé par Erlang C à côté du besoin actuel")


def _run(args: argparse.Namespace, ctx: Any) -> int:  # ctx: sas_roster.cli.CliContext
    try:
        period = parse_period(args.period)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    services = ctx.services()
    ind: Indicators = services.indicators.compute(period)
    if args.plan:
        ind = replace(ind, capacity=services.capacity.plan(args.plan, ctx.today))
    pdf, xlsx = write_report(ind, args.out, ctx.today)
    ctx.print(f"Indicateurs {ind.period.label} — {ind.association}")
    ctx.print(f"  PDF  : {pdf}")
    ctx.print(f"  XLSX : {xlsx}")
    return 0


@dataclass(frozen=True)
class Command:
    """Shaped like `sas_roster.cli.CliCommand` (main.py reads these four fields); defined here
    because exports may not import the domain package's command line, which reaches the
    database layer."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    handler: Callable[[argparse.Namespace, Any], int]


def commands() -> list[Command]:
    return [Command("report", "rapport des indicateurs (copil, ARS) : PDF et XLSX", _args, _run)]
