"""The month's lifecycle: `validate`, `publish`, `amend` (withdraw / assign / unassign /
publish), `versions` and `diff`."""

from __future__ import annotations

import argparse
import json

from ..domain.calendar import day_fr, parse_month
from ..domain.errors import ValidationError
from ..domain.roster import Assignment
from ..domain.versions import RosterVersion, VersionDiff
from ..services import Services
from .french import iso_date
from .base import EXIT_OK, CliCommand, CliContext
from .people import PERSON_HELP, find_person
from .solving import run_withdrawal, withdrawal_args


def _month_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("month", help="mois AAAA-MM")


def _validate(args: argparse.Namespace, ctx: CliContext) -> int:
    year, month = parse_month(args.month)
    ctx.services().rosters.validate(year, month, actor=ctx.actor)
    ctx.print(f"Planning {args.month} validé : il est figé jusqu'à sa publication.")
    return EXIT_OK


def _publish(args: argparse.Namespace, ctx: CliContext) -> int:
    year, month = parse_month(args.month)
    services = ctx.services()
    from ..services.month_view import month_grid

    gaps = month_grid(services, year, month)
    version = services.rosters.publish(year, month, actor=ctx.actor)
    ctx.print(f"Planning {args.month} publié : version {version.number}, {len(version.assignments)} affectation(s), "
              f"{gaps.uncovered_hours} heure(s) non couverte(s).")
    return EXIT_OK


# ---------------------------------------------------------------- amend

def _amend_args(p: argparse.ArgumentParser) -> None:
    _month_arg(p)
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(p))
    w = sub.add_parser("withdraw", help="désistement : retirer la personne et remplacer au plus juste")
    withdrawal_args(w)
    w.add_argument("--reason", required=True, help="motif de l'avenant")
    for name, text in (("assign", "donner un poste à une personne"), ("unassign", "retirer un poste sans re-calcul")):
        a = sub.add_parser(name, help=text)
        a.add_argument("--person", required=True, metavar="RPPS|N°", help=PERSON_HELP)
        a.add_argument("--date", required=True, type=iso_date, metavar="AAAA-MM-JJ", help="jour du poste")
        a.add_argument("--shift", required=True, metavar="CODE", help="code du poste (modèle de poste)")
        a.add_argument("--reason", required=True, help="motif de l'avenant")
    pub = sub.add_parser("publish", help="publier l'avenant : nouvelle version")
    pub.add_argument("--reason", required=True, help="motif de l'avenant (dans l'historique des versions)")
    sub.add_parser("status", help="ce que l'avenant en cours change")


def _amend(args: argparse.Namespace, ctx: CliContext) -> int:
    year, month = parse_month(args.month)
    services = ctx.services()
    if args.action == "withdraw":
        return run_withdrawal(args, ctx, published=True)
    if args.action in ("assign", "unassign"):
        person_id, person = find_person(services, args.person)
        if (args.date.year, args.date.month) != (year, month):
            raise ValidationError(f"La date {args.date.isoformat()} n'est pas dans le mois {args.month}")
        if args.action == "assign":
            a = services.amendments.assign(year, month, person_id, args.date, args.shift, args.reason, ctx.actor)
            ctx.print(f"{person.display_name} prend {a.template_code} le {day_fr(a.day, True)} "
                      f"({a.start:%H:%M}–{a.end:%H:%M}) — avenant en cours.")
        else:
            removed = services.amendments.unassign(year, month, person_id, args.date, args.shift, args.reason,
                                                   ctx.actor)
            ctx.print(f"{person.display_name} quitte {', '.join(a.template_code for a in removed)} le "
                      f"{day_fr(args.date, True)} — avenant en cours (sans re-calcul).")
        return EXIT_OK
    if args.action == "publish":
        version = services.amendments.publish(year, month, args.reason, ctx.actor)
        diff = services.rosters.diff(year, month, version.number - 1, version.number)
        ctx.print(f"Avenant publié : {args.month} version {version.number} ({version.reason}), "
                  f"{len(diff.persons)} personne(s) concernée(s).")
        return EXIT_OK
    diff = services.amendments.pending(year, month)
    ctx.print(diff_text(services, diff) if diff.persons else "Aucun changement en cours depuis la dernière version.")
    return EXIT_OK


# ---------------------------------------------------------------- versions / diff

def _versions_args(p: argparse.ArgumentParser) -> None:
    _month_arg(p)
    p.add_argument("--json", action="store_true", help="sortie JSON")


def version_payload(v: RosterVersion) -> dict[str, object]:
    return {"number": v.number, "published_at": v.published_at.isoformat(), "published_by": v.published_by,
            "reason": v.reason, "assignments": len(v.assignments)}


def _versions(args: argparse.Namespace, ctx: CliContext) -> int:
    year, month = parse_month(args.month)
    services = ctx.services()
    versions = services.rosters.versions(year, month)
    roster = services.rosters.get(year, month, with_assignments=False)
    if args.json:
        ctx.print(json.dumps({"month": args.month, "status": roster.status.value if roster else None,
                              "versions": [version_payload(v) for v in versions]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not versions:
        ctx.print(f"Le planning {args.month} n'a pas encore été publié.")
    for v in versions:
        when = v.published_at.strftime("%d/%m/%Y %H:%M")
        ctx.print(f"  version {v.number} — publiée le {when} par {v.published_by or '?'} — "
                  f"{len(v.assignments)} affectation(s){' — ' + v.reason if v.reason else ''}")
    return EXIT_OK


def _diff_args(p: argparse.ArgumentParser) -> None:
    _month_arg(p)
    p.add_argument("old", type=int, help="version de départ")
    p.add_argument("new", type=int, help="version d'arrivée")
    p.add_argument("--json", action="store_true", help="sortie JSON")


def _shift_payload(a: Assignment) -> dict[str, object]:
    return {"uid": a.uid, "day": a.day.isoformat(), "shift": a.template_code, "role": a.role.value,
            "start": a.start.strftime("%H:%M"), "end": a.end.strftime("%H:%M"), "territory": a.territory}


def diff_payload(services: Services, diff: VersionDiff) -> dict[str, object]:
    persons = {p.id: p for p in services.persons.list()}
    return {
        "month": f"{diff.year:04d}-{diff.month:02d}", "old": diff.old, "new": diff.new,
        "persons": [{
            "person_id": c.person_id,
            "name": persons[c.person_id].display_name if c.person_id in persons else None,
            "rpps": persons[c.person_id].rpps if c.person_id in persons else None,
            "gained": [_shift_payload(a) for a in c.gained],
            "lost": [_shift_payload(a) for a in c.lost],
            "moved": [{"before": _shift_payload(mv.before), "after": _shift_payload(mv.after)} for mv in c.moved],
        } for c in diff.persons],
    }


def diff_text(services: Services, diff: VersionDiff) -> str:
    persons = {p.id: p for p in services.persons.list()}
    lines = [f"Changements de la version {diff.old} à la version {diff.new} :"]
    for c in diff.persons:
        lines.append(f"  {persons[c.person_id].display_name if c.person_id in persons else c.person_id}")
        lines += [f"    + {a.template_code} le {day_fr(a.day)} ({a.start:%H:%M}–{a.end:%H:%M})" for a in c.gained]
        lines += [f"    − {a.template_code} le {day_fr(a.day)} ({a.start:%H:%M}–{a.end:%H:%M})" for a in c.lost]
        lines += [f"    ↷ {mv.before.template_code} le {day_fr(mv.before.day)} → {mv.after.template_code} le "
                  f"{day_fr(mv.after.day)}" for mv in c.moved]
    return "\n".join(lines)


def _diff(args: argparse.Namespace, ctx: CliContext) -> int:
    year, month = parse_month(args.month)
    services = ctx.services()
    diff = services.rosters.diff(year, month, args.old, args.new)
    if args.json:
        ctx.print(json.dumps(diff_payload(services, diff), ensure_ascii=False, indent=2))
    else:
        ctx.print(diff_text(services, diff) if diff.persons else "Aucune différence.")
    return EXIT_OK


def commands() -> list[CliCommand]:
    return [
        CliCommand("validate", "valider le planning d'un mois (figé jusqu'à sa publication)", _month_arg, _validate),
        CliCommand("publish", "publier le planning d'un mois (version 1)", _month_arg, _publish),
        CliCommand("amend", "avenant à un planning publié : désistement, affectation, retrait, publication",
                   _amend_args, _amend),
        CliCommand("versions", "versions publiées d'un mois", _versions_args, _versions),
        CliCommand("diff", "comparer deux versions publiées d'un mois", _diff_args, _diff),
    ]
