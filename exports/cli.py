"""Command-line commands of the exports package:

    export planning|personal|ics|notices|addressing|all YYYY-MM [--version N] --out DIR [--lang en]
    send schedules|notices YYYY-MM [--version N] [--preview DIR] [--lang en]
    mail-settings [--host …] [--sender …] [--password]   (contacts and SMTP server)

They call the same read models and writers as the window's Export menu; main.py assembles
them with the claims commands (`claims_cli`).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sas_roster.cli import EXIT_ERROR, EXIT_OK, CliCommand, CliContext
from sas_roster.domain.calendar import parse_month
from sas_roster.domain.mailing import AssociationContact, MailRecord, SmtpSecurity, SmtpSettings

from .claims_cli import EXPORT_KINDS, add_export_subcommands
from .claims_cli import _export as export_statements_command
from .claims_cli import commands as claims_commands
from .indicators_report import commands as report_commands

if TYPE_CHECKING:
    from .mail import OutgoingMail
    from .smtp import Credentials

# The document writers (ReportLab, openpyxl's writer, ICS, SMTP) are imported by the commands
# that use them: a command that exports nothing (an import, a solve) does not load them.

def _month(text: str) -> tuple[int, int]:
    return parse_month(text)


_KIND_HELP = {
    "planning": "planning du mois (PDF paysage et classeur XLSX)",
    "personal": "un planning personnel PDF par personne et le fichier combiné à imprimer",
    "ics": "un calendrier .ics par personne",
    "notices": "les avis de modification de la version (après un avenant)",
    "addressing": "la fiche d'adressage quotidienne des OSNP",
    "all": "tout ce qui précède",
}


def _export_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="export_cmd", metavar="DOCUMENT", required=True)
    for kind in _KIND_HELP:  # exports.bundle.KINDS, then "all" (a test keeps them equal)
        s = sub.add_parser(kind, help=_KIND_HELP[kind], description=_KIND_HELP[kind])
        s.add_argument("month", metavar="AAAA-MM", help="mois du planning")
        s.add_argument("--version", type=int, metavar="N", help="version publiée (la dernière par défaut ; 0 = brouillon)")
        s.add_argument("--out", required=True, type=Path, metavar="DOSSIER", help="dossier où écrire les fichiers")
        s.add_argument("--lang", choices=["fr", "en"], default="fr", help="langue des documents")
    add_export_subcommands(sub)  # export claims|indemnities|effectors (the money statements)


def _export(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.export_cmd in EXPORT_KINDS:
        return export_statements_command(args, ctx)
    from .bundle import KINDS, Cancelled, write_month

    args.kind = args.export_cmd
    year, month = _month(args.month)
    documents = ctx.services().documents
    kinds = list(KINDS) if args.kind == "all" else [args.kind]
    doc = documents.month(year, month, args.version)
    notice = documents.notice(year, month, args.version) if "notices" in kinds and doc.published else None
    sheet = documents.addressing(year, month, args.version) if "addressing" in kinds and doc.published else None
    if args.kind in ("notices", "addressing") and not doc.published:
        ctx.print("Rien à écrire : le planning n'est pas publié.")
        return EXIT_ERROR
    try:
        result = write_month(doc, args.out, kinds, lang=args.lang, notice=notice, addressing=sheet)
    except Cancelled as exc:
        ctx.print(str(exc))
        return EXIT_ERROR
    if args.kind == "notices" and not result.files:
        ctx.print(f"Aucun avis : la version {doc.version.number} est la première publication du mois.")
        return EXIT_OK
    ctx.print(f"{len(result.files)} fichier(s) écrit(s) dans {args.out} ({doc.version.label}).")
    return EXIT_OK


def _send_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=["schedules", "notices"], help="plannings personnels ou avis de modification")
    p.add_argument("month", metavar="AAAA-MM", help="mois du planning")
    p.add_argument("--version", type=int, metavar="N", help="version publiée (la dernière par défaut)")
    p.add_argument("--preview", type=Path, metavar="DOSSIER",
                   help="écrire les messages en fichiers .eml dans ce dossier au lieu de les envoyer")
    p.add_argument("--lang", choices=["fr", "en"], default="fr", help="langue des messages")


def build_mails(services: Any, year: int, month: int, kind: str, number: int | None, lang: str) -> list[OutgoingMail]:
    """The messages of a sending, built from the published version (never a draft)."""
    from .batches import notice_mails, schedule_mails

    if kind == "schedules":
        return schedule_mails(services.documents.month(year, month, number), lang)
    return notice_mails(services.documents.notice(year, month, number), lang)


def _ask_password() -> str | None:
    if not sys.stdin.isatty():
        return None
    return getpass.getpass("Mot de passe du serveur d'envoi : ") or None


def send(services, year: int, month: int, kind: str, number: int | None, lang: str,  # type: ignore[no-untyped-def]
         credentials: Credentials, actor: str | None = None, progress=None, cancelled=None):
    """Build and send a month's messages, logging each one the server accepted."""
    from .smtp import send_mails

    mails = build_mails(services, year, month, kind, number, lang)
    sent_keys = services.mailing.sent_keys(year, month)

    def logged(mail: OutgoingMail) -> None:
        services.mailing.record_sent([MailRecord(mail.key, mail.person_id, year, month, mail.kind, datetime.now(UTC))],
                                     actor=actor)

    return mails, send_mails(mails, services.mailing.smtp(), credentials, already_sent=sent_keys, on_sent=logged,
                             progress=progress, cancelled=cancelled)


def _send(args: argparse.Namespace, ctx: CliContext) -> int:
    from .mail import write_previews
    from .smtp import Credentials, SendError

    year, month = _month(args.month)
    services = ctx.services()
    if args.preview:
        mails = build_mails(services, year, month, args.kind, args.version, args.lang)
        written = write_previews(mails, args.preview)
        ctx.print(f"{len(written)} message(s) écrit(s) dans {args.preview} (rien n'a été envoyé).")
        return EXIT_OK
    try:
        mails, report = send(services, year, month, args.kind, args.version, args.lang, Credentials(_ask_password),
                             actor=ctx.actor)
    except SendError as exc:
        print(f"Erreur : {exc}", file=ctx.err)
        return EXIT_ERROR
    if not mails:
        ctx.print("Aucun message à envoyer.")
        return EXIT_OK
    persons = {p.id: p.display_name for p in services.persons.list()}
    ctx.print(report.summary(lambda pid: persons.get(pid, f"n° {pid}")))
    return EXIT_OK if report.complete else EXIT_ERROR


def _settings_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--address", help="adresse de la plateforme (lignes séparées par « | »)")
    p.add_argument("--phone", help="téléphone de la plateforme")
    p.add_argument("--email", help="adresse de réponse de la coordination")
    p.add_argument("--host", help="serveur SMTP")
    p.add_argument("--port", type=int, help="port SMTP (587 STARTTLS, 465 SSL)")
    p.add_argument("--security", choices=[s.value for s in SmtpSecurity], help="chiffrement")
    p.add_argument("--user", help="identifiant SMTP")
    p.add_argument("--sender", help="adresse d'envoi (organisateur des invitations)")
    p.add_argument("--sender-name", help="nom affiché de l'expéditeur")
    p.add_argument("--password", action="store_true", help="demander le mot de passe et le garder dans le trousseau du système")


def _settings(args: argparse.Namespace, ctx: CliContext) -> int:
    from .smtp import Credentials

    services = ctx.services()
    c = services.mailing.contact()
    if any(x is not None for x in (args.address, args.phone, args.email)):
        c = services.mailing.save_contact(AssociationContact(
            args.address.replace("|", "\n") if args.address is not None else c.address,
            args.phone if args.phone is not None else c.phone, args.email if args.email is not None else c.email),
            actor=ctx.actor)
    s = services.mailing.smtp()
    if any(x is not None for x in (args.host, args.port, args.security, args.user, args.sender, args.sender_name)):
        s = services.mailing.save_smtp(SmtpSettings(
            args.host if args.host is not None else s.host, args.port or s.port,
            SmtpSecurity(args.security) if args.security else s.security,
            args.user if args.user is not None else s.user, args.sender if args.sender is not None else s.sender,
            args.sender_name if args.sender_name is not None else s.sender_name), actor=ctx.actor)
    if args.password:
        password = _ask_password()
        if password:
            kept = Credentials().remember(s, password)
            ctx.print("Mot de passe gardé dans le trousseau du système." if kept else
                      "Pas de trousseau sur ce système : le mot de passe sera demandé à chaque envoi.")
    ctx.print(f"Plateforme : {' / '.join(c.address.splitlines()) or '—'} · {c.phone or '—'} · {c.email or '—'}")
    ctx.print(f"Envoi : {s.host or '—'}:{s.port} ({s.security.value}), identifiant {s.user or '—'}, "
              f"expéditeur {s.sender or '—'}")
    return EXIT_OK


def commands() -> list[Any]:  # CliCommand-shaped (the report command has its own record)
    return [
        CliCommand("export", "écrire les documents d'un mois (planning, plannings personnels, calendriers, avis, adressage)",
                   _export_args, _export),
        CliCommand("send", "envoyer par e-mail les plannings personnels ou les avis de modification", _send_args, _send),
        CliCommand("mail-settings", "coordonnées de la plateforme et serveur d'envoi des e-mails", _settings_args, _settings),
        *(c for c in claims_commands() if c.name != "export"),  # their documents are `export` sub-commands here
        *report_commands(),
    ]
