"""Command-line governance: accounts (`users`), the audit trail (`audit`), the registry and
data protection (`governance`), and the global `--user` sign-in.

Passwords come from `--password` (for `users add|passwd` only), else ``SAS_ROSTER_PASSWORD``,
else a prompt on the terminal; never from a file or the command history by default.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from .base import CliCommand

from ..domain.accounts import Area, parse_role
from ..domain.errors import PermissionDenied, ValidationError

PASSWORD_ENV = "SAS_ROSTER_PASSWORD"
EXIT_OK, EXIT_ERROR = 0, 1

# What each writing command changes: checked right after sign-in, before any work (a treasurer's
# `solve` is refused at once, not after minutes of solving). The services refuse anyway (`demo`
# is left to them: it may open a database file of its own, and a 0-byte file must stay as it is).
COMMAND_AREAS: dict[str, Area] = {
    "solve": Area.PLANNING, "replace": Area.PLANNING, "amend": Area.PLANNING, "publish": Area.PLANNING,
    "validate": Area.PLANNING, "import": Area.PLANNING,
    "export": Area.FINANCE, "budget": Area.FINANCE, "indemnity": Area.FINANCE,
}


def read_password(prompt: str = "Mot de passe : ", given: str | None = None, *, confirm: bool = False) -> str:
    if given:
        return given
    env = os.environ.get(PASSWORD_ENV)
    if env:
        return env
    if not sys.stdin or not sys.stdin.isatty():
        raise ValidationError(f"Mot de passe requis : option --password ou variable {PASSWORD_ENV}")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Confirmez le mot de passe : ") != first:
        raise ValidationError("Les deux mots de passe diffèrent")
    return first


def sign_in(services: Any, name: str) -> None:
    """`--user NAME`: sign in for the whole command (PermissionDenied, French, when refused)."""
    services.sign_in(name, read_password(f"Mot de passe de {name} : "))


READ_ONLY_ACTIONS = {("amend", "status"), ("budget", "show"), ("indemnity", "list")}


def check_command(services: Any, command: str, dry_run: bool = False, action: str | None = None) -> None:
    """Refuse a writing command the signed-in user may not run, before it starts its work."""
    area = COMMAND_AREAS.get(command)
    if area is None or dry_run or (command, action) in READ_ONLY_ACTIONS:
        return
    user = services.current_user
    if user is None:
        if not services.single_user:
            raise PermissionDenied("Connexion requise : cette base a des comptes utilisateurs (--user NOM).")
        return
    if not user.can_write(area):
        raise PermissionDenied(
            f"Action refusée : le compte « {user.name} » ({user.roles_fr}) ne peut pas lancer « {command} » "
            f"(il ne peut pas modifier {area.label_fr}). Rien n'a été modifié."
        )


# ---------------------------------------------------------------- users


def _users_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="users_action", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="créer un compte (le premier doit être administrateur)")
    add.add_argument("name", metavar="NOM")
    add.add_argument("--role", action="append", required=True, metavar="RÔLE",
                     help="administrator, coordinator, treasurer, read_only (répétable)")
    add.add_argument("--password", help=f"sinon {PASSWORD_ENV}, sinon demandé")
    add.add_argument("--full-name", default="", help="nom complet affiché")
    sub.add_parser("list", help="lister les comptes")
    pw = sub.add_parser("passwd", help="changer un mot de passe")
    pw.add_argument("name", metavar="NOM")
    pw.add_argument("--password", help="nouveau mot de passe (sinon demandé)")
    dis = sub.add_parser("disable", help="désactiver un compte")
    dis.add_argument("name", metavar="NOM")


def _users(args: argparse.Namespace, ctx: Any) -> int:
    services = ctx.services()
    if args.users_action == "add":
        try:
            roles = {parse_role(r) for r in args.role}
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
        user = services.users.add(args.name, roles, read_password(given=args.password, confirm=True),
                                  full_name=args.full_name)
        ctx.print(f"Compte « {user.name} » créé ({user.roles_fr}).")
    elif args.users_action == "list":
        for u in services.users.list():
            state = "actif" if u.active else "désactivé"
            ctx.print(f"{u.name:<20} {u.roles_fr:<40} {state}")
    elif args.users_action == "passwd":
        services.users.set_password(args.name, read_password("Nouveau mot de passe : ", args.password, confirm=True))
        ctx.print(f"Mot de passe de « {args.name} » changé.")
    else:
        services.users.disable(args.name)
        ctx.print(f"Compte « {args.name} » désactivé.")
    return EXIT_OK


# ---------------------------------------------------------------- audit


def _filters(p: argparse.ArgumentParser) -> None:
    from ..services.audit_view import KINDS

    p.add_argument("--person", type=int, metavar="ID", help="une personne (n° de fiche)")
    p.add_argument("--kind", choices=[*KINDS, "other"], help="domaine")
    p.add_argument("--from", dest="start", type=date.fromisoformat, metavar="AAAA-MM-JJ", help="depuis ce jour")
    p.add_argument("--to", dest="end", type=date.fromisoformat, metavar="AAAA-MM-JJ", help="jusqu'à ce jour inclus")
    p.add_argument("--by", dest="by", metavar="COMPTE", help="modifications faites par ce compte")
    p.add_argument("--limit", type=int, default=200, help="nombre d'entrées au plus (200)")


def _audit_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    verify = sub.add_parser("verify", help="vérifier la chaîne d'empreintes du journal")
    verify.add_argument("--expect", metavar="EMPREINTE",
                        help="empreinte imprimée sur un export antérieur, qui doit figurer dans le journal")
    sub.add_parser("checkpoint", help="afficher la dernière empreinte (point de contrôle)")
    _filters(sub.add_parser("show", help="afficher le journal en clair"))
    export = sub.add_parser("export", help="exporter le journal en CSV")
    export.add_argument("out", metavar="FICHIER.csv")
    _filters(export)


def _audit(args: argparse.Namespace, ctx: Any) -> int:
    from ..services.audit_view import write_csv

    services = ctx.services()
    if args.audit_action == "verify":
        result = services.verify_audit(args.expect)
        ctx.print(result.summary())
        return EXIT_OK if result.ok else EXIT_ERROR
    if args.audit_action == "checkpoint":
        ctx.print(services.audit_checkpoint() or "(journal vide)")
        return EXIT_OK
    lines = services.audit_view.lines(person_id=args.person, kind=args.kind, start=args.start, end=args.end,
                                      user=args.by, limit=args.limit)
    if args.audit_action == "export":
        path = write_csv(lines, args.out)
        ctx.print(f"{len(lines)} entrée(s) écrite(s) dans {path}")
        return EXIT_OK
    for line in lines:
        ctx.print(f"{line.when} — {line.user} — {line.kind_label} — {line.action} : {line.subject}")
        for d in line.details:
            ctx.print(f"    {d}")
    return EXIT_OK


# ---------------------------------------------------------------- governance (registry, data protection)


def _governance_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="gov_action", metavar="ACTION", required=True)
    ret = sub.add_parser("retention", help="durée de conservation des données (mois)")
    ret.add_argument("months", type=int, nargs="?", help="nouvelle durée (sinon : afficher)")
    erase = sub.add_parser("erase-expired", help="effacer les données personnelles échues")
    erase.add_argument("--today", type=date.fromisoformat, metavar="AAAA-MM-JJ", help="date de référence")
    access = sub.add_parser("export-person", help="exporter les données d'une personne (droit d'accès)")
    access.add_argument("person", type=int, metavar="ID")
    access.add_argument("--out", required=True, metavar="FICHIER.json", help="fichier JSON à écrire")
    sub.add_parser("documents", help="registre des documents, copies vérifiées (SHA-256)")


def _governance(args: argparse.Namespace, ctx: Any) -> int:
    services = ctx.services()
    if args.gov_action == "retention":
        if args.months is not None:
            services.data_protection.set_retention_months(args.months)
        ctx.print(f"Durée de conservation : {services.data_protection.retention_months()} mois")
    elif args.gov_action == "erase-expired":
        erased = services.data_protection.erase_expired(args.today or ctx.today)
        ctx.print(f"{len(erased)} personne(s) pseudonymisée(s).")
    elif args.gov_action == "export-person":
        path = services.data_protection.export_person(args.person, Path(args.out))
        ctx.print(f"Données écrites dans {path}")
    else:
        bad = services.registry.check_documents()
        for d in services.registry.documents():
            last = d.versions[-1] if d.versions else None
            ctx.print(f"{d.kind.label_fr:<32} {d.title:<40} "
                      + (f"v{last.number} {last.file_name} {last.sha256[:12]}" if last else "aucune version"))
        for line in bad:
            ctx.print(f"ALTÉRÉ : {line}")
        return EXIT_ERROR if bad else EXIT_OK
    return EXIT_OK


def commands() -> list[CliCommand]:
    return [
        CliCommand("users", "comptes utilisateurs : add, list, passwd, disable", _users_args, _users),
        CliCommand("audit", "journal d'audit : verify, checkpoint, show, export", _audit_args, _audit),
        CliCommand("governance", "registre et protection des données", _governance_args, _governance),
    ]
