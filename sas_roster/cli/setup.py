"""`settings` (the association's setup as one file: template, export, import) and the demo
kept apart (`demo` refuses a database holding a real association unless --force).

Hours worked before the app are an import kind of their own: `template history`,
`import history FILE` (see `imports`).
"""

from __future__ import annotations

import argparse

from .base import EXIT_OK, CliCommand, CliContext


def _settings_args(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    template = actions.add_parser("template", help="écrire le fichier de paramètres d'une nouvelle association "
                                  "(valeurs d'usage, ponts d'usage proposés à cocher)",
                                  description="Écrire le fichier de paramètres d'une nouvelle association.")
    template.add_argument("--out", required=True, metavar="FICHIER.xlsx", help="fichier à écrire (.xlsx)")
    template.add_argument("--year", type=int, metavar="AAAA", help="année des ponts proposés (par défaut l'année en cours)")
    export = actions.add_parser("export", help="écrire les paramètres enregistrés dans un fichier à garder "
                                "ou à transmettre", description="Écrire les paramètres enregistrés.")
    export.add_argument("--out", required=True, metavar="FICHIER.xlsx", help="fichier à écrire (.xlsx)")
    imp = actions.add_parser("import", help="importer un fichier de paramètres (tout ou rien)",
                             description="Importer un fichier de paramètres (tout ou rien).")
    imp.add_argument("file", metavar="FICHIER.xlsx", help="fichier de paramètres rempli")
    imp.add_argument("--dry-run", action="store_true", help="vérifier et résumer sans rien enregistrer")


def _settings(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..services.setup import SetupService

    if args.action == "template":
        path = SetupService.write_template(args.out, args.year or ctx.today.year)
        ctx.print(f"Fichier de paramètres à remplir écrit dans {path} (nommez l'association, cochez les ponts, "
                  "puis : sas-roster settings import FICHIER)")
    elif args.action == "export":
        path = ctx.services().setup.export_file(args.out)
        ctx.print(f"Paramètres de l'association écrits dans {path}")
    else:
        report = ctx.services().setup.import_file(args.file, actor=ctx.actor, dry_run=args.dry_run)
        ctx.print(report.summary())
    return EXIT_OK


def commands() -> list[CliCommand]:
    return [
        CliCommand("settings", "paramètres de l'association en un fichier : modèle, export, import",
                   _settings_args, _settings),
    ]
