"""`demo`: the invented demo association, in a database file of its own.

Without --db it writes the demo's own file (``demo.sqlite`` beside the association's, also
reachable as ``--db demo``), never the association's. It refuses (nothing changed) a
database holding a real association, or a 0-byte file (a database lost or mistyped, not a
new one), unless --force.
"""

from __future__ import annotations

import argparse
from datetime import date

from ..domain.errors import DomainError
from .base import EXIT_OK, CliCommand, CliContext


def _demo_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--seed", type=int, default=2027, help="graine des données inventées")
    p.add_argument("--today", type=date.fromisoformat, metavar="AAAA-MM-JJ", help="date de référence (AAAA-MM-JJ)")
    p.add_argument("--force", action="store_true",
                   help="effacer la base indiquée par --db et y mettre la démonstration, même si elle contient "
                        "une association")


def _demo(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..demo.loader import load_demo
    from ..persistence.engine import DEMO_ALIAS, database_url, is_zero_byte_file, sqlite_path

    own_file = ctx.db_url in (None, DEMO_ALIAS)
    if own_file:
        ctx.db_url = DEMO_ALIAS  # its own file: never the association's, nor $SAS_ROSTER_DB_URL's
    url = database_url(ctx.db_url)
    if is_zero_byte_file(url) and not args.force:
        raise DomainError(
            f"Le fichier « {sqlite_path(url)} » est vide (0 octet) : ce n'est pas une base neuve mais une base "
            "perdue ou un mauvais chemin ; la démonstration ne le remplit pas (rien n'a été modifié). "
            "Vérifiez le chemin, restaurez une sauvegarde (*.bak), ou relancez avec --force.")
    if is_zero_byte_file(url):
        path = sqlite_path(url)
        assert path is not None
        path.unlink()  # forced: an empty file holds nothing to lose, the demo makes a new base there
    report = load_demo(ctx.services(), args.today or ctx.today, seed=args.seed, force=args.force or own_file)
    ctx.print(report.summary())
    if own_file:
        ctx.print(f"Base de démonstration : {sqlite_path(url)} (séparée de celle de l'association).\n"
                  "Pour l'utiliser en ligne de commande : sas-roster --db demo COMMANDE …")
    return EXIT_OK


def commands() -> list[CliCommand]:
    return [CliCommand("demo", "créer (ou réinitialiser) l'association de démonstration, dans son propre fichier",
                       _demo_args, _demo)]
