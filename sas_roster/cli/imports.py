"""`template` and `import`: blank files to fill in, and filled files imported all or nothing."""

from __future__ import annotations

import argparse

from .base import EXIT_OK, CliCommand, CliContext

IMPORT_KINDS = ("members", "availability", "pdsa", "rota", "history", "activity")  # history: hours before the app


def _template_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=IMPORT_KINDS, help="type de modèle")
    p.add_argument("--out", required=True, help="fichier à écrire (.xlsx ou .csv)")


def _template(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..importers import write_template

    path = write_template(args.kind, args.out)
    ctx.print(f"Modèle « {args.kind} » écrit dans {path}")
    return EXIT_OK


def _import_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=(*IMPORT_KINDS, "snp"), help="type de fichier (snp : actes SNP par médecin et mois)")
    p.add_argument("file", help="fichier CSV ou XLSX rempli")
    p.add_argument("--dry-run", action="store_true", help="vérifier et résumer sans rien enregistrer")


def _import(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..services.imports import import_file

    if args.kind == "snp":
        from .money import import_snp

        return import_snp(args, ctx)
    report = import_file(ctx.services(), args.kind, args.file, dry_run=args.dry_run, actor=ctx.actor)
    ctx.print(report.summary())
    return EXIT_OK


def commands() -> list[CliCommand]:
    return [
        CliCommand("template", "écrire un modèle vierge à remplir", _template_args, _template),
        CliCommand("import", "importer un fichier rempli (tout ou rien)", _import_args, _import),
    ]
