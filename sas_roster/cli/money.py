"""Command line for the money side that needs no document: the budget by funding source and
the import of SNP act counts (`import snp FILE`).

    budget show YEAR
    budget set YEAR SOURCE AMOUNT [--copil-date AAAA-MM-JJ] [--decision TEXTE]
"""

from __future__ import annotations

import argparse
import csv
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..domain.budget import BudgetLine, FundingSource
from ..domain.errors import ValidationError
from .base import EXIT_OK, CliCommand, CliContext

SNP_COLUMNS = ("rpps", "mois", "semaine", "actes", "majorations", "indicateur 8")


def _budget_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="budget_cmd", metavar="ACTION", required=True)
    show = sub.add_parser("show", help="prévu, engagé et dépensé par source de financement")
    show.add_argument("year", type=int)
    st = sub.add_parser("set", help="montant prévu d'une source pour l'année (validation du copil)")
    st.add_argument("year", type=int)
    st.add_argument("source", help="fir, mig_samu, fmis, enveloppe_ville, conseil_departemental, other, pdsa")
    st.add_argument("amount", help="montant prévu en euros (ex. 120000 ou 120000,50)")
    st.add_argument("--copil-date", type=date.fromisoformat, help="date de validation par le copil (AAAA-MM-JJ)")
    st.add_argument("--decision", default="", help="décision du copil")
    st.add_argument("--actor", default=None, help="nom de la personne qui agit (journal d'audit)")


def _money(text: str) -> Decimal:
    try:
        value = Decimal(text.replace("\u202f", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise ValidationError(f"Montant « {text} » illisible (ex. 120000 ou 120000,50)") from None
    return value.quantize(Decimal("0.01"))


def _budget(args: argparse.Namespace, ctx: CliContext) -> int:
    sv: Any = ctx.services()
    if args.budget_cmd == "set":
        try:
            source = FundingSource.parse(args.source)
        except ValueError:
            raise ValidationError(f"Source « {args.source} » inconnue : "
                                  + ", ".join(s.value for s in FundingSource)) from None
        sv.budget.set(BudgetLine(args.year, source, _money(args.amount), args.copil_date, args.decision), actor=args.actor or ctx.actor)
        ctx.print(f"Budget {args.year} — {source.label_fr} : {_money(args.amount)} € prévus")
        return EXIT_OK
    ctx.print(f"Budget {args.year}            prévu       engagé      dépensé     reste")
    for b in sv.budget.show(args.year, ctx.today):
        copil = f"  (copil du {b.copil_date:%d/%m/%Y} : {b.copil_decision})" if b.copil_date else ""
        ctx.print(f"  {b.source.label_fr:<36.36} {b.planned:>11} {b.committed:>11} {b.spent:>11} {b.remaining:>11}{copil}")
    return EXIT_OK


def read_snp_file(path: Path) -> list[dict[str, object]]:
    """Rows of a CSV (; or ,) or XLSX file with the SNP_COLUMNS headers (case-insensitive)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            grid = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
        finally:
            wb.close()
    else:
        text = path.read_text(encoding="utf-8-sig")
        grid = [list(r) for r in csv.reader(text.splitlines(), delimiter=";" if ";" in text.split("\n")[0] else ",")]
    if not grid:
        raise ValidationError(f"Le fichier « {path.name} » est vide")
    head = [str(h or "").strip().lower() for h in grid[0]]
    missing = [c for c in ("rpps", "mois", "actes") if c not in head]
    if missing:
        raise ValidationError(f"Colonnes manquantes dans « {path.name} » : {', '.join(missing)}")
    return [{h: v for h, v in zip(head, row) if h in SNP_COLUMNS} for row in grid[1:] if any(c not in (None, "") for c in row)]


def import_snp(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..services.claims import import_snp_rows

    path = Path(args.file)
    if not path.exists():
        raise FileNotFoundError(2, "introuvable", str(path))
    rows = read_snp_file(path)
    if args.dry_run:
        ctx.print(f"{len(rows)} ligne(s) lues (essai, rien n'est écrit)")
        return EXIT_OK
    n = import_snp_rows(ctx.services().claims, rows, source=path.name, actor=ctx.actor)
    ctx.print(f"{n} ligne(s) d'actes SNP importées (agrégats par médecin et par mois)")
    return EXIT_OK


def _indemnity_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="indemnity_cmd", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="temps de formation (3C par heure) ou de coordination à indemniser")
    add.add_argument("rpps", help="RPPS de la personne")
    add.add_argument("day", type=date.fromisoformat, help="date (AAAA-MM-JJ)")
    add.add_argument("duration", help="durée, ex. 2h, 1h30, 90 (minutes)")
    add.add_argument("--kind", choices=("training", "coordination"), default="training",
                     help="formation (3C par heure) ou coordination")
    add.add_argument("--label", default="", help="objet (ex. « Formation à la régulation »)")
    add.add_argument("--actor", default=None, help="nom de la personne qui agit (journal d'audit)")


def parse_duration(text: str) -> int:
    t = text.strip().lower().replace(" ", "")
    try:
        if "h" in t:
            h, _, m = t.partition("h")
            return int(h) * 60 + int(m or 0)
        return int(t)
    except ValueError:
        raise ValidationError(f"Durée « {text} » illisible (ex. 2h, 1h30 ou 90 minutes)") from None


def _indemnity(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..domain.claims import StatementKind

    sv: Any = ctx.services()
    person = next((p for p in sv.persons.list() if p.rpps == args.rpps.strip()), None)
    if person is None:
        raise ValidationError(f"Aucune personne avec le RPPS « {args.rpps} »")
    minutes = parse_duration(args.duration)
    kind = StatementKind.TRAINING if args.kind == "training" else StatementKind.COORDINATION
    sv.claims.add_indemnity(person.id, kind, args.day, minutes, args.label, actor=args.actor or ctx.actor)
    ctx.print(f"{kind.label_fr} : {minutes} min le {args.day:%d/%m/%Y} pour {person.display_name}")
    return EXIT_OK


def commands() -> list[CliCommand]:
    return [CliCommand("budget", "budget par source de financement (prévu, engagé, dépensé)", _budget_args, _budget),
            CliCommand("indemnity", "temps de formation ou de coordination à indemniser", _indemnity_args, _indemnity)]
