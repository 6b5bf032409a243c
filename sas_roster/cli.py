"""Command-line commands of the domain package: demo, template, import, calendar (then solve,
replace, publish, attendance … in later issues).

Every package contributes its commands as `CliCommand`s; `main.py` assembles them under one
parser (`sas-roster [--db URL] COMMAND`). Handlers receive the parsed arguments and a
`CliContext` that opens the database lazily, so commands that need no database (template,
calendar --zone without one) stay fast. Errors are French, on stderr, with a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TextIO

from .domain.calendar import month_calendar, parse_month
from .domain.enums import HolidayZone, Role
from .domain.errors import DomainError
from .domain.settings import AssociationSettings, WEEKDAY_NAMES_FR

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


@dataclass
class CliContext:
    """What a command may use: the database URL chosen and the output streams."""

    db_url: str | None = None
    user: str | None = None  # --user: signed in when the database is first opened
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    today: date = field(default_factory=date.today)
    _services: object | None = None

    def services(self, *, create_demo_if_empty: bool = False):
        """The services on the chosen database, migrated to the current schema."""
        if self._services is None:
            from .services import Services

            self._services = Services.open(self.db_url)
            if self.user:
                from .cli_governance import sign_in

                sign_in(self._services, self.user)
            if create_demo_if_empty:
                from .demo.loader import ensure_demo

                ensure_demo(self._services, self.today)
        return self._services

    def print(self, text: str = "") -> None:
        print(text, file=self.out)


@dataclass(frozen=True)
class CliCommand:
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    handler: Callable[[argparse.Namespace, CliContext], int]


# ---------------------------------------------------------------- demo


def _demo_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--seed", type=int, default=2027, help="graine des données inventées")
    p.add_argument("--today", type=date.fromisoformat, help="date de référence (AAAA-MM-JJ)")


def _demo(args: argparse.Namespace, ctx: CliContext) -> int:
    from .demo.loader import load_demo

    today = args.today or ctx.today
    report = load_demo(ctx.services(), today, seed=args.seed)
    ctx.print(report.summary())
    return EXIT_OK


# ---------------------------------------------------------------- calendar


def _calendar_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("month", help="mois AAAA-MM")
    p.add_argument("--zone", choices=[z.value for z in HolidayZone],
                   help="zone des jours fériés (par défaut celle de l'association)")
    p.add_argument("--json", action="store_true", help="sortie JSON")


def _settings_for(ctx: CliContext) -> AssociationSettings:
    # An empty database (no association yet) still answers with the default settings.
    return ctx.services().settings.get() or AssociationSettings(name="")


def _calendar(args: argparse.Namespace, ctx: CliContext) -> int:
    year, month = parse_month(args.month)
    settings = _settings_for(ctx)
    zone = HolidayZone(args.zone) if args.zone else settings.zone
    cal = month_calendar(settings, year, month, zone)
    payload = calendar_payload(cal)
    if args.json:
        ctx.print(json.dumps(payload, ensure_ascii=False, indent=2))
        return EXIT_OK
    ctx.print(f"Continuité des soins — {args.month} — zone {zone.value}")
    for d in payload["days"]:
        hours = "  ".join(f"{Role(r).label_fr} {h}" for r, h in d["hours"].items())
        ctx.print(f"  {d['weekday']:<9} {d['date']}  {d['hours_total']:>4g} h   {hours}")
    ctx.print(f"Total : {payload['days_count']} jours, {payload['total_hours']:g} h de continuité")
    for s in payload["skipped"]:
        ctx.print(f"  sans continuité le {s['date']} : {s['reason']}")
    return EXIT_OK


def calendar_payload(cal) -> dict:
    """The month's continuity days as plain data (the `calendar --json` output)."""
    days = []
    total = 0
    for d in cal.days:
        # The SAS is open from the earliest role opening to the latest closing that day.
        start = min(r.start for r in d.hours.values())
        end = max(r.end for r in d.hours.values())
        minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        total += minutes
        days.append({
            "date": d.day.isoformat(),
            "weekday": WEEKDAY_NAMES_FR[d.day.weekday()],
            "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M"),
            "hours_total": minutes / 60,
            "hours": {r.value: f"{rng.start:%H:%M}-{rng.end:%H:%M}" for r, rng in d.hours.items()},
            "shortened_by": d.shortened_by.label if d.shortened_by else None,
        })
    return {
        "month": f"{cal.year:04d}-{cal.month:02d}",
        "zone": cal.zone.value,
        "days_count": len(days),
        "total_hours": total / 60,
        "total_hours_by_role": {r.value: cal.total_minutes(r) / 60 for r in Role},
        "days": days,
        "skipped": [{"date": s.day.isoformat(), "reason": s.reason} for s in cal.skipped],
    }


# ---------------------------------------------------------------- template / import

IMPORT_KINDS = ("members", "availability", "pdsa", "rota")


def _template_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=IMPORT_KINDS, help="type de modèle")
    p.add_argument("--out", required=True, help="fichier à écrire (.xlsx ou .csv)")


def _template(args: argparse.Namespace, ctx: CliContext) -> int:
    from .importers import write_template

    path = write_template(args.kind, args.out)
    ctx.print(f"Modèle « {args.kind} » écrit dans {path}")
    return EXIT_OK


def _import_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=IMPORT_KINDS, help="type de fichier")
    p.add_argument("file", help="fichier CSV ou XLSX rempli")
    p.add_argument("--dry-run", action="store_true", help="vérifier et résumer sans rien enregistrer")


def _import(args: argparse.Namespace, ctx: CliContext) -> int:
    from .services.imports import import_file

    report = import_file(ctx.services(), args.kind, args.file, dry_run=args.dry_run)
    ctx.print(report.summary())
    return EXIT_OK


def commands() -> list[CliCommand]:
    return [
        CliCommand("demo", "créer (ou réinitialiser) l'association de démonstration", _demo_args, _demo),
        CliCommand("calendar", "jours et heures de continuité d'un mois", _calendar_args, _calendar),
        CliCommand("template", "écrire un modèle vierge à remplir", _template_args, _template),
        CliCommand("import", "importer un fichier rempli (tout ou rien)", _import_args, _import),
    ] + _solver_commands() + _governance_commands()


def _solver_commands() -> list[CliCommand]:
    from .cli_solve import commands as solve_commands

    return solve_commands()


def _governance_commands() -> list[CliCommand]:
    from .cli_governance import commands as governance_commands

    return governance_commands()


# ---------------------------------------------------------------- assembly


class FrenchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own messages stay English; frame them
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Erreur d'utilisation : {message}\n")


def build_parser(groups: list[list[CliCommand]]) -> tuple[argparse.ArgumentParser, dict[str, CliCommand]]:
    parser = FrenchArgumentParser(
        prog="sas-roster",
        description="Plannings, présences et états de régulation d'une association SAS.",
    )
    parser.add_argument("--db", metavar="URL", help="base de données (URL SQLAlchemy), "
                        "sinon SAS_ROSTER_DB_URL, sinon le fichier SQLite de l'utilisateur")
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
    try:
        from .cli_governance import COMMAND_AREAS, check_command

        if args.command in COMMAND_AREAS:  # a writing command: refused before it starts its work
            check_command(ctx.services(), args.command, getattr(args, "dry_run", False))
        return table[args.command].handler(args, ctx)
    except DomainError as exc:
        print(f"Erreur : {exc}", file=ctx.err)
        return EXIT_ERROR
    except FileNotFoundError as exc:
        print(f"Erreur : fichier introuvable : {exc.filename}", file=ctx.err)
        return EXIT_ERROR
