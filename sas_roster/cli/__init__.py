"""Command-line commands of the domain package, one module per command group.

Every package contributes its commands as `CliCommand`s; `main.py` assembles them under one
parser (`sas-roster [--db URL] COMMAND`). Handlers receive the parsed arguments and a
`CliContext` that opens the database lazily, so commands that need no database stay fast.
Errors are French, on stderr, with a non-zero exit.

To add a group: write `sas_roster/cli/<group>.py` with a `commands() -> list[CliCommand]`
and list the module in `_GROUPS` below.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import NoReturn

from .base import EXIT_ERROR, EXIT_OK, EXIT_USAGE, CliCommand, CliContext, system_user
from .month_calendar import calendar_payload

__all__ = [
    "EXIT_ERROR", "EXIT_OK", "EXIT_USAGE", "CliCommand", "CliContext", "build_parser",
    "calendar_payload", "commands", "run_command", "system_user",
]

# Command groups, in the order `--help` lists them.
_GROUPS = (
    "setup_demo",
    "setup",
    "month_calendar",
    "imports",
    "solving",
    "lifecycle",
    "capacity",
    "money",
    "governance",
)


def commands() -> list[CliCommand]:
    out: list[CliCommand] = []
    for name in _GROUPS:
        out += importlib.import_module(f"{__name__}.{name}").commands()
    return out


class FrenchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own messages stay English; frame them
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Erreur d'utilisation : {message}\n")


def build_parser(groups: list[list[CliCommand]]) -> tuple[argparse.ArgumentParser, dict[str, CliCommand]]:
    from .french import install

    install()  # argparse's own words in French, before any parser is built (titles are read then)
    parser = FrenchArgumentParser(
        prog="sas-roster",
        description="Plannings, présences et états de régulation d'une association SAS.",
    )
    parser.add_argument("--db", metavar="URL", help="base de données (URL SQLAlchemy), "
                        "sinon SAS_ROSTER_DB_URL, sinon le fichier SQLite de l'utilisateur")
    parser.add_argument("--debug", action="store_true",
                        help="afficher aussi le détail technique d'une erreur (masqué comme dans le journal)")
    parser.add_argument("--user", metavar="NOM", help="se connecter sous ce compte (mot de passe : "
                        "SAS_ROSTER_PASSWORD, sinon demandé)")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=FrenchArgumentParser)
    table: dict[str, CliCommand] = {}
    for group in groups:
        for cmd in group:
            p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help)
            cmd.add_arguments(p)
            table[cmd.name] = cmd
    return parser, table


def run_command(args: argparse.Namespace, table: dict[str, CliCommand], ctx: CliContext) -> int:
    """Run the command; any failure is told in French without personal data. Unexpected
    ones (database, disk, bugs) leave their masked traceback in the log file, and on the
    terminal too with ``--debug``."""
    from ..logs import is_expected, masked_traceback, report_failure, setup_logging

    setup_logging()
    try:
        from .governance import COMMAND_AREAS, check_command

        if args.command in COMMAND_AREAS:  # a writing command: refused before it starts its work
            action = getattr(args, "action", None) or next(
                (v for k, v in vars(args).items() if k.endswith("_cmd")), None)
            check_command(ctx.services(), args.command, getattr(args, "dry_run", False), action)
        return table[args.command].handler(args, ctx)
    except Exception as exc:  # noqa: BLE001 - the one place where every failure becomes a message
        print(f"Erreur : {report_failure(exc)}", file=ctx.err)
        if getattr(args, "debug", False) and not is_expected(exc):
            print(masked_traceback(exc), file=ctx.err)
        return EXIT_ERROR
