"""Command-line commands around the engine: `solve` and `replace`."""

from __future__ import annotations

import argparse
import json
from datetime import date

from .domain.calendar import parse_month
from .domain.errors import DomainError, NotFoundError, ValidationError
from .domain.rpps import normalise_rpps

EXIT_OK = 0


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


def _progress_printer(err):
    def show(progress) -> None:
        print(f"  … {progress.phase} : objectif {progress.objective}, borne {progress.bound}, {progress.elapsed:.1f} s",
              file=err, flush=True)
    return show


def _solve(args: argparse.Namespace, ctx) -> int:
    from solver.sas import solve_sas

    from .planning import apply_solution, build_problem
    from .solve_report import report_text, solve_report

    year, month = parse_month(args.month)
    services = ctx.services()
    mp = build_problem(services, year, month)
    if args.problem_out:
        from .problem_privacy import pseudonymise

        (mp.problem if args.with_names else pseudonymise(mp.problem)).save(args.problem_out)
    solution = solve_sas(mp.problem, args.time_limit, on_progress=None if args.json else _progress_printer(ctx.err),
                         num_workers=args.workers, seed=args.seed)
    report = solve_report(mp.problem, solution)
    stored = None
    if solution.has_roster and not args.dry_run:
        stored = len(apply_solution(services, mp, solution))
    if args.json:
        out = report.to_dict()
        out["stored_assignments"] = stored
        ctx.print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    else:
        ctx.print(report_text(report))
        if stored is not None:
            ctx.print(f"Brouillon {args.month} enregistré : {stored} affectation(s).")
    return EXIT_OK if solution.has_roster else 1


def _replace_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("month", help="mois AAAA-MM")
    p.add_argument("--person", required=True, metavar="RPPS", help="RPPS de la personne qui se désiste")
    p.add_argument("--date", required=True, type=date.fromisoformat, metavar="AAAA-MM-JJ")
    p.add_argument("--shift", help="code du poste annulé (par défaut : toute la journée)")
    p.add_argument("--time-limit", type=float, default=5.0)
    p.add_argument("--json", action="store_true")


def _replace(args: argparse.Namespace, ctx) -> int:
    from solver.sas.replace import replace

    from .planning import apply_replacement, build_problem, current_solution

    year, month = parse_month(args.month)
    if (args.date.year, args.date.month) != (year, month):
        raise ValidationError(f"La date {args.date.isoformat()} n'est pas dans le mois {args.month}")
    services = ctx.services()
    person = services.persons.by_rpps(normalise_rpps(args.person))
    if person is None:
        raise NotFoundError(f"Aucune personne de RPPS {args.person}")
    roster = services.rosters.get(year, month)
    if roster is None or not roster.assignments:
        raise NotFoundError(f"Aucun planning enregistré pour {args.month} : lancez d'abord « solve »")
    mp = build_problem(services, year, month, with_reference=False)
    current = current_solution(roster.assignments)
    try:
        result = replace(mp.problem, current, str(person.id), args.date, args.shift, time_limit=args.time_limit)
    except ValueError as exc:
        raise DomainError(str(exc)) from None
    apply_replacement(services, mp, roster.assignments, person.id, result)
    payload = {
        "cancelled": [a.to_dict() for a in result.cancelled],
        "added": [a.to_dict() for a in result.added],
        "removed": [a.to_dict() for a in result.removed if a not in result.cancelled],
        "changes": result.changes,
        "seconds": round(result.seconds, 2),
        "uncovered_hours": result.solution.uncovered_hours,
    }
    if args.json:
        ctx.print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        ctx.print(result.message(mp.problem))
        ctx.print(f"{result.changes} changement(s) (dont l'annulation), {result.seconds:.1f} s.")
    return EXIT_OK


def commands():
    from .cli import CliCommand

    return [
        CliCommand("solve", "construire le planning d'un mois (brouillon)", _solve_args, _solve),
        CliCommand("replace", "appliquer un désistement et remplacer au plus juste", _replace_args, _replace),
    ]
