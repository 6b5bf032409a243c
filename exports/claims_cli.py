"""Command line for attendance and statements (they write PDF and XLSX, so they live here):

    attendance sheet YYYY-MM --out DIR     sign-in sheets (PDF) and the spreadsheet to fill
    attendance import FILE [--dry-run]     record the filled spreadsheet, all or nothing
    attendance confirm YYYY-MM             the treasurer's certification (refused while open)
    export claims|indemnities|effectors YYYY-MM|YYYY-Qn --out DIR
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sas_roster.cli import EXIT_ERROR, EXIT_OK, CliCommand, CliContext
from sas_roster.domain.accounts import Permission
from sas_roster.domain.audit import checkpoint_label
from sas_roster.domain.calendar import parse_month
from sas_roster.domain.claims import Statement, StatementKind, parse_period
from sas_roster.domain.errors import ValidationError

# The PDF and XLSX writers are imported by the commands that write (ReportLab is heavy).

ACTOR_HELP = "nom de la personne qui agit (journal d'audit)"


def _association(sv: Any) -> str:
    settings = sv.settings.get()
    return settings.name if settings is not None and settings.name else "Association SAS"


def _persons(sv: Any) -> dict[int, Any]:
    return {p.id: p for p in sv.persons.list()}


# ---------------------------------------------------------------- attendance


def _attendance_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="attendance_cmd", metavar="ACTION", required=True)
    s = sub.add_parser("sheet", help="feuilles d'émargement (PDF) et tableau des présences à remplir (XLSX)")
    s.add_argument("month", help="mois AAAA-MM")
    s.add_argument("--out", required=True, help="dossier où écrire les fichiers")
    s.add_argument("--actor", default=None, help=ACTOR_HELP)
    i = sub.add_parser("import", help="enregistrer le tableau des présences rempli (tout ou rien)")
    i.add_argument("file", help="fichier XLSX rempli")
    i.add_argument("--dry-run", action="store_true", help="vérifier sans rien enregistrer")
    i.add_argument("--actor", default=None, help=ACTOR_HELP)
    c = sub.add_parser("confirm", help="certifier les présences du mois (trésorier)")
    c.add_argument("month", help="mois AAAA-MM")
    c.add_argument("--actor", default=None, help=ACTOR_HELP)


def _month_of_sheet(path: Path) -> tuple[int, int]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same French message
        raise ValidationError(f"Le fichier « {path.name} » n'est pas un classeur XLSX lisible") from exc
    try:
        for row in wb.worksheets[0].iter_rows(min_row=2, max_col=1, values_only=True):
            if isinstance(row[0], (date, datetime)):
                return row[0].year, row[0].month
    finally:
        wb.close()
    raise ValidationError(f"« {path.name} » : aucune date de créneau en colonne A, ligne 2 et suivantes")


def _attendance(args: argparse.Namespace, ctx: CliContext) -> int:
    sv: Any = ctx.services()
    if args.attendance_cmd == "sheet":
        year, month = parse_month(args.month)
        lines = sv.attendance.open_month(year, month, actor=args.actor or ctx.actor)
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        persons = _persons(sv)
        from .attendance_sheets import write_attendance_xlsx, write_sign_in_pdf

        pdf = write_sign_in_pdf(out / f"emargement-{year:04d}-{month:02d}.pdf", _association(sv), year, month, lines, persons)
        xlsx = write_attendance_xlsx(out / f"presences-{year:04d}-{month:02d}.xlsx", year, month, lines, persons)
        ctx.print(f"{len(lines)} créneau(x) publiés en {month:02d}/{year}")
        ctx.print(f"Feuilles d'émargement : {pdf}")
        ctx.print(f"Tableau des présences à remplir : {xlsx}")
        return EXIT_OK
    if args.attendance_cmd == "import":
        path = Path(args.file)
        if not path.exists():
            raise FileNotFoundError(2, "introuvable", str(path))
        year, month = _month_of_sheet(path)
        done = sv.attendance.import_sheet(path, year, month, dry_run=args.dry_run, actor=args.actor or ctx.actor)
        still = len(sv.attendance.open_lines(year, month)) - (len(done) if args.dry_run else 0)
        verb = "seraient enregistrées (essai, rien n'est écrit)" if args.dry_run else "enregistrées"
        ctx.print(f"{len(done)} présence(s) de {month:02d}/{year} {verb} ; {max(0, still)} créneau(x) encore à saisir")
        return EXIT_OK
    year, month = parse_month(args.month)
    done = sv.attendance.confirm(year, month, actor=args.actor or ctx.actor)
    ctx.print(f"Présences de {month:02d}/{year} confirmées par {done.confirmed_by}")
    return EXIT_OK


# ---------------------------------------------------------------- export


EXPORT_KINDS = ("claims", "indemnities", "effectors")


def add_export_subcommands(sub: Any) -> None:
    """The `export claims|indemnities|effectors` sub-commands, for whichever `export` group."""
    for kind, text in (("claims", "états de régulation (PDF par médecin, récapitulatif XLSX et PDF)"),
                       ("indemnities", "états d'indemnités de formation et de coordination"),
                       ("effectors", "états effecteurs par trimestre (estimation)")):
        p = sub.add_parser(kind, help=text)
        p.add_argument("period", help="période AAAA-MM ou AAAA-Qn")
        p.add_argument("--out", required=True, help="dossier où écrire les fichiers")
        p.add_argument("--actor", default=None, help=ACTOR_HELP)


def _export_args(p: argparse.ArgumentParser) -> None:
    add_export_subcommands(p.add_subparsers(dest="export_cmd", metavar="DOCUMENT", required=True))


def compute(sv: Any, kind: str, period: str) -> list[Statement]:
    year, months = parse_period(period)
    if kind == "claims":
        return [st for m in months for st in sv.claims.regulation(year, m)]
    if kind == "indemnities":
        return list(sv.claims.indemnities(year, months))
    if len(months) != 3:
        raise ValidationError("Les états effecteurs sont trimestriels : période AAAA-Qn (ex. 2027-Q2)")
    return list(sv.claims.effectors(year, (months[0] + 2) // 3))


def export_statements(sv: Any, kind: str, period: str, out: Path, actor: str | None = None) -> tuple[list[Statement], list[Path]]:
    """Compute, number (first time) or reuse (frozen), and write the PDFs and the recap, each
    with the audit chain's checkpoint in its footer. Refused to accounts that may not export."""
    from .claims_pdf import period_title, write_recap_pdf, write_statement_pdf
    from .claims_xlsx import write_recap_xlsx

    sv.authorise(Permission.EXPORT_STATEMENTS)
    statements = sv.claims.issue(compute(sv, kind, period), actor=actor)
    out.mkdir(parents=True, exist_ok=True)
    association = _association(sv)
    checkpoint = checkpoint_label(sv.audit_checkpoint())
    written = [write_statement_pdf(out / f"etat-{st.number}.pdf", st, association, checkpoint) for st in statements]
    names = {"claims": "regulation", "indemnities": "indemnites", "effectors": "effecteurs"}
    label = {"claims": "Récapitulatif des états de régulation", "indemnities": "Récapitulatif des indemnités",
             "effectors": "Récapitulatif effecteurs (estimation de l'association)"}[kind]
    title = f"{label} — {period_title(period.upper())}"
    stem = f"recapitulatif-{names[kind]}-{period.upper()}"
    written.append(write_recap_xlsx(out / f"{stem}.xlsx", statements, title))
    written.append(write_recap_pdf(out / f"{stem}.pdf", statements, title, association, checkpoint))
    return statements, written


def _export(args: argparse.Namespace, ctx: CliContext) -> int:
    sv: Any = ctx.services()
    statements, written = export_statements(sv, args.export_cmd, args.period, Path(args.out), args.actor or ctx.actor)
    if not statements:
        ctx.print(f"Aucun état pour {args.period} ({args.export_cmd})")
    for st in statements:
        fix = f" (rectifie {st.corrects})" if st.corrects else ""
        ctx.print(f"  {st.number}{fix}  {st.person_name:<28} {st.total:>10} €")
    total = sum((st.total for st in statements), start=0)
    ctx.print(f"{len(statements)} état(s), total {total} € — fichiers dans {args.out} ({len(written)})")
    return EXIT_OK


def commands() -> list[CliCommand]:
    return [
        CliCommand("attendance", "présences : feuilles, saisie par tableau, confirmation", _attendance_args, _attendance),
        CliCommand("export", "exporter des documents (états …)", _export_args, _export),
    ]


def kinds_of(statements: Sequence[Statement]) -> set[StatementKind]:
    return {st.kind for st in statements}


__all__ = ["EXIT_ERROR", "add_export_subcommands", "commands", "export_statements"]
