"""`solve` and `replace`: the month's solve, and a withdrawal on a draft with its minimal
re-solve. Both go through the solving use case (`services.solving`), like the window."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from ..domain.calendar import parse_month
from ..domain.enums import RosterStatus
from ..domain.errors import ValidationError
from ..services.solving import Progress, ProgressCallback, WithdrawalOutcome
from .base import EXIT_OK, CliCommand, CliContext
from .french import iso_date
from .people import PERSON_HELP, find_person


def _solve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("month", help="mois AAAA-MM")
    p.add_argument("--time-limit", type=float, default=30.0, help="limite de temps en secondes (30)")
    p.add_argument("--workers", type=int, default=2, help="fils de calcul (2)")
    p.add_argument("--seed", type=int, default=0, help="graine (résultat reproductible)")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.add_argument("--dry-run", action="store_true", help="ne pas enregistrer le brouillon")
    p.add_argument("--problem-out", metavar="FICHIER.json",
                   help="écrire aussi le problème (à joindre à un signalement), personnes renommées")
    p.add_argument("--with-names", action="store_true",
                   help="avec --problem-out : garder les noms des personnes")


def _progress_printer(err: TextIO) -> ProgressCallback:
    def show(progress: Progress) -> None:
        print(f"  … {progress.phase} : objectif {progress.objective}, borne {progress.bound}, {progress.elapsed:.1f} s",
              file=err, flush=True)
    return show


def _solve(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..solve_report import report_text, solve_report

    year, month = parse_month(args.month)
    services = ctx.services()
    job = services.solving.prepare(year, month, time_limit=args.time_limit, workers=args.workers, seed=args.seed)
    if args.problem_out:
        from ..problem_privacy import pseudonymise

        problem = job.month.problem
        (problem if args.with_names else pseudonymise(problem)).save(args.problem_out)
    solution = job.run(on_progress=None if args.json else _progress_printer(ctx.err))
    report = solve_report(job.month.problem, solution)
    stored = None
    if solution.has_roster and not args.dry_run:
        stored = len(services.solving.store(job, solution, actor=ctx.actor))
    if args.json:
        out = report.to_dict()
        out["stored_assignments"] = stored
        ctx.print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    else:
        ctx.print(report_text(report))
        if stored is not None:
            ctx.print(f"Brouillon {args.month} enregistré : {stored} affectation(s).")
    return EXIT_OK if solution.has_roster else 1


def withdrawal_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--person", required=True, metavar="RPPS|N°", help=PERSON_HELP)
    p.add_argument("--date", required=True, type=iso_date, metavar="AAAA-MM-JJ",
                   help="jour du désistement")
    p.add_argument("--shift", metavar="CODE", help="code du poste annulé (par défaut : toute la journée)")
    p.add_argument("--time-limit", type=float, default=5.0, help="limite du re-calcul en secondes (5)")
    p.add_argument("--json", action="store_true", help="sortie JSON")


def _replace_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("month", help="mois AAAA-MM")
    withdrawal_args(p)
    p.add_argument("--reason", default="désistement", help="motif (gardé dans l'historique)")


def _replace(args: argparse.Namespace, ctx: CliContext) -> int:
    return run_withdrawal(args, ctx, published=False)


def run_withdrawal(args: argparse.Namespace, ctx: CliContext, *, published: bool) -> int:
    """A withdrawal and its minimal re-solve: on a draft (`replace`) or on a published
    month's amendment (`amend … withdraw`)."""
    year, month = parse_month(args.month)
    services = ctx.services()
    roster = services.rosters.get(year, month, with_assignments=False)
    if roster is not None and (roster.status is RosterStatus.PUBLISHED) != published:
        raise ValidationError(
            f"Le planning {args.month} est publié : un désistement passe par un avenant, "
            f"« amend {args.month} withdraw … --reason … »." if not published else
            f"Le planning {args.month} n'est pas publié : appliquez le désistement au brouillon, "
            f"« replace {args.month} … ».")
    person_id, _person = find_person(services, args.person)
    job = services.solving.prepare_withdrawal(year, month, person_id, args.date, args.shift,
                                              time_limit=args.time_limit)
    result = job.run()
    outcome = services.solving.store_withdrawal(job, result, args.reason, actor=ctx.actor)
    if args.json:
        ctx.print(json.dumps(withdrawal_payload(outcome, result.seconds), ensure_ascii=False, indent=2))
    else:
        ctx.print(outcome.message)
        ctx.print(f"{len(outcome.added) + len(outcome.removed)} changement(s) en plus de l'annulation, "
                  f"{result.seconds:.1f} s ; {len(outcome.gaps)} créneau(x) non couvert(s) dans le mois, "
                  f"dont {len(outcome.new_gaps)} nouveau(x).")
    return EXIT_OK


def withdrawal_payload(outcome: WithdrawalOutcome, seconds: float) -> dict[str, object]:
    def shift(a: object) -> dict[str, object]:
        from ..domain.roster import Assignment

        assert isinstance(a, Assignment)
        return {"person": a.person_id, "day": a.day.isoformat(), "shift": a.template_code,
                "start": a.start.strftime("%H:%M"), "end": a.end.strftime("%H:%M"), "uid": a.uid,
                "territory": a.territory}

    return {
        "cancelled": [shift(a) for a in outcome.cancelled],
        "added": [shift(a) for a in outcome.added],
        "removed": [shift(a) for a in outcome.removed],
        "changes": len(outcome.cancelled) + len(outcome.added) + len(outcome.removed),
        "seconds": round(seconds, 2),
        "uncovered": [{"role": g.role, "day": g.day, "hour": g.hour, "territory": g.territory,
                       "missing": g.missing, "new": g.new, "explanation": g.explanation} for g in outcome.gaps],
        "uncovered_hours": sum(g.missing for g in outcome.gaps if g.hour is not None),
        "new_uncovered_hours": sum(g.missing for g in outcome.new_gaps if g.hour is not None),
    }


def commands() -> list[CliCommand]:
    return [
        CliCommand("solve", "construire le planning d'un mois (brouillon)", _solve_args, _solve),
        CliCommand("replace", "appliquer un désistement sur un brouillon et remplacer au plus juste",
                   _replace_args, _replace),
    ]
