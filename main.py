"""Composition root of sas-roster.

With a command (`sas-roster [--db URL] COMMAND …`) it assembles the command line from the
commands each package contributes and runs it. Without one, it opens the desktop window on
the chosen database (the user's SQLite file by default, created with the demo association on
first start). `--screenshot FILE --view VIEW` renders a view of the real window offscreen.
"""

from __future__ import annotations

import sys


def _command_groups() -> list:
    from sas_roster import cli as domain_cli

    groups = [domain_cli.commands()]
    try:
        from exports import cli as exports_cli
    except ImportError:  # the exports package contributes commands once it has some
        pass
    else:
        groups.append(exports_cli.commands())
    from exports import governance_cli

    groups.append(governance_cli.commands())
    return groups


def _gui_arguments(parser) -> None:
    parser.add_argument("--screenshot", metavar="FICHIER.png",
                        help="rendre une vue de la fenêtre hors écran dans un PNG, puis quitter")
    parser.add_argument("--view", default="roster",
                        help="vue à afficher : pools, availability, roster, settings …")
    parser.add_argument("--month", metavar="AAAA-MM", help="mois affiché")
    parser.add_argument("--lang", choices=["fr", "en"], help="langue de l'interface")
    parser.add_argument("--size", metavar="LxH", help="taille de la fenêtre d'une capture, par ex. 1366x768")


def main(argv: list[str] | None = None) -> int:
    from sas_roster.cli import CliContext, build_parser, run_command

    argv = list(sys.argv[1:] if argv is None else argv)
    parser, table = build_parser(_command_groups())
    _gui_arguments(parser)
    args = parser.parse_args(argv)
    ctx = CliContext(db_url=args.db, user=args.user)
    if args.command:
        return run_command(args, table, ctx)
    return _run_window(ctx, args)


def _run_window(ctx, args) -> int:
    """Build the services the window works on, then hand them over (the window gets no CLI
    context: only the services, the date and who acts)."""
    from ui.app import check_arguments, run_gui

    if (refusal := check_arguments(args.view, args.month, args.size)) is not None:
        print(f"Erreur : {refusal}", file=ctx.err)
        return 2
    from sas_roster.logs import report_failure, setup_logging

    setup_logging()  # the window's workers log there too, masked
    try:
        services = ctx.services()  # an empty one: the window asks (create the association, or the demo)
    except Exception as exc:  # noqa: BLE001 - a French message, never a traceback with data
        print(f"Erreur : {report_failure(exc)}", file=ctx.err)
        return 2
    return run_gui(services, today=ctx.today, actor=ctx.actor, view=args.view, month=args.month,
                   screenshot=args.screenshot, lang=args.lang, size=args.size)


if __name__ == "__main__":
    sys.exit(main())
