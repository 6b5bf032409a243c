"""The `capacity` command: Erlang C for one hour, a week's plan, the recruitment estimate.

    capacity --calls-per-hour N --handling-minutes M --target PCT --within SECONDS [--json]
    capacity --plan FILE --out DIR [--on AAAA-MM-JJ] [--apply --from AAAA-MM-JJ --to AAAA-MM-JJ]
    capacity --example-plan FILE [--activity 2027-03]
    capacity --recruitment AAAA-MM
"""

from __future__ import annotations

import argparse
import json
import math
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.capacity import Staffing, offered_load, staffing, staffing_for_target
from ..domain.errors import ValidationError
from .base import CliCommand

EXIT_OK = 0  # as in .base


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--calls-per-hour", type=float, metavar="N", help="appels reçus dans l'heure")
    p.add_argument("--handling-minutes", type=float, metavar="M", help="durée moyenne de traitement d'un appel")
    p.add_argument("--target", type=float, default=80.0, metavar="PCT",
                   help="part des appels à décrocher dans le délai, en %% (80)")
    p.add_argument("--within", type=float, default=60.0, metavar="SECONDES", help="délai de décroché (60 s)")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.add_argument("--plan", metavar="FICHIER", help="plan de la semaine (TOML, voir --example-plan)")
    p.add_argument("--out", metavar="DOSSIER", help="dossier où écrire capacite.csv et capacite.txt")
    p.add_argument("--on", type=date.fromisoformat, metavar="AAAA-MM-JJ",
                   help="besoin actuel lu dans la semaine de ce jour (aujourd'hui)")
    p.add_argument("--apply", action="store_true", help="enregistrer le besoin calculé comme période de besoin")
    p.add_argument("--from", dest="start", type=date.fromisoformat, metavar="AAAA-MM-JJ", help="début de la période")
    p.add_argument("--to", dest="end", type=date.fromisoformat, metavar="AAAA-MM-JJ", help="fin de la période")
    p.add_argument("--label", help="nom de la période de besoin")
    p.add_argument("--example-plan", metavar="FICHIER", help="écrire un plan d'exemple commenté")
    p.add_argument("--activity", metavar="AAAA-MM", help="avec --example-plan : appels de l'activité importée")
    p.add_argument("--recruitment", metavar="AAAA-MM",
                   help="combien de médecins de plus, disponibles comme aujourd'hui, couvriraient le mois")


def _percent(x: float) -> str:
    return f"{x * 100:.1f}".replace(".", ",") + " %"


def _seconds(x: float) -> str:
    return "infinie (file saturée)" if math.isinf(x) else f"{x:.0f} s"


def one_hour_payload(s: Staffing, target: float) -> dict[str, Any]:
    return {
        "calls_per_hour": s.calls_per_hour, "handling_seconds": s.handling_seconds,
        "target": target, "within_seconds": s.within_seconds, "offered_load_erlangs": round(s.load, 4),
        "agents": s.agents, "service_level": round(s.service_level, 4),
        "wait_probability": round(s.wait_probability, 4),
        "average_speed_of_answer_seconds": None if math.isinf(s.average_wait) else round(s.average_wait, 2),
        "occupancy": round(s.occupancy, 4),
    }


def _one_hour(args: argparse.Namespace, ctx: Any) -> int:
    if args.calls_per_hour is None or args.handling_minutes is None:
        raise ValidationError("Indiquez --calls-per-hour et --handling-minutes (ou --plan FICHIER --out DOSSIER)")
    if args.calls_per_hour < 0 or args.handling_minutes <= 0:
        raise ValidationError("Le nombre d'appels doit être positif et la durée de traitement supérieure à 0")
    if not 0 < args.target < 100:
        raise ValidationError("L'objectif --target est un pourcentage strictement entre 0 et 100")
    target = args.target / 100
    handling = args.handling_minutes * 60
    s = staffing_for_target(args.calls_per_hour, handling, target, args.within)
    if args.json:
        payload = one_hour_payload(s, target)
        load = offered_load(args.calls_per_hour, handling)
        payload["around"] = [one_hour_payload(staffing(args.calls_per_hour, handling, n, args.within), target)
                             for n in range(max(0, s.agents - 2), s.agents + 3) if n != s.agents]
        payload["minimum_agents_for_a_stable_queue"] = math.floor(load) + 1 if load else 0
        ctx.print(json.dumps(payload, ensure_ascii=False, indent=2))
        return EXIT_OK
    ctx.print(f"{args.calls_per_hour:g} appels dans l'heure, {args.handling_minutes:g} min par appel : "
              f"charge {s.load:.2f} Erlangs".replace(".", ","))
    ctx.print(f"Objectif {args.target:g} % des appels décrochés en moins de {args.within:g} s : "
              f"{s.agents} personne(s) dans l'heure.")
    ctx.print(f"  → {_percent(s.service_level)} décrochés dans le délai, attente moyenne {_seconds(s.average_wait)}, "
              f"{_percent(s.wait_probability)} des appelants attendent, occupation {_percent(s.occupancy)}.")
    for n in range(max(1, s.agents - 2), s.agents + 3):
        other = staffing(args.calls_per_hour, handling, n, args.within)
        mark = "←" if n == s.agents else " "
        ctx.print(f"  {mark} {n:>3} : {_percent(other.service_level):>8} dans le délai, attente moyenne "
                  f"{_seconds(other.average_wait)}")
    return EXIT_OK


def _plan(args: argparse.Namespace, ctx: Any) -> int:
    from ..services.capacity import apply, plan, read_plan, summary, write_outputs

    if not args.out and not args.apply:
        raise ValidationError("Avec --plan, indiquez --out DOSSIER (et/ou --apply --from … --to …)")
    services = ctx.services()
    result = plan(services, read_plan(args.plan), args.on or ctx.today)
    if args.out:
        files = write_outputs(result, args.out)
        ctx.print(summary(result))
        ctx.print("")
        ctx.print("Écrit : " + ", ".join(str(f) for f in files))
    if args.apply:
        if args.start is None or args.end is None:
            raise ValidationError("--apply demande --from AAAA-MM-JJ et --to AAAA-MM-JJ")
        saved = apply(services, result, args.start, args.end, args.label, actor=getattr(ctx, "actor", None))
        for o in saved:
            ctx.print(f"Période de besoin enregistrée : « {o.label} » du {o.start:%d/%m/%Y} au {o.end:%d/%m/%Y}")
    return EXIT_OK


def _recruitment(args: argparse.Namespace, ctx: Any) -> int:
    from ..domain.enums import Role
    from ..services.indicators import compute

    ind = compute(ctx.services(), args.recruitment)
    ctx.print(f"Recrutement — {ind.period.label} (planning lu : {ind.months[-1].source})")
    for role, title in ((Role.REGULATOR, "Régulateurs"), (Role.OSNP, "OSNP")):
        est = ind.recruitment[role]
        if est.extra_doctors is None:
            answer = "pas d'estimation : aucune disponibilité déclarée ne tombe sur les heures non couvertes"
        else:
            answer = f"{est.extra_doctors} de plus"
        cap = "" if est.cap_hours_per_doctor is None else \
            f", engagement moyen {est.cap_hours_per_doctor:.1f} h/mois".replace(".", ",")
        useful = f"{est.useful_hours_per_doctor:.1f}".replace(".", ",").removesuffix(",0")
        ctx.print(f"  {title} : {est.uncovered_hours:g} h non couvertes ; {est.doctors} inscrits apportent en "
                  f"moyenne {useful} h disponibles sur ces heures{cap} → {answer}.")
    ctx.print("Méthode : un nouveau venu est supposé disponible comme la moyenne d'aujourd'hui ; seules ses heures "
              "tombant sur une heure non couverte comptent, sans dépasser l'engagement mensuel moyen ; "
              "heures non couvertes ÷ ces heures utiles, arrondi au-dessus.")
    return EXIT_OK


def _run(args: argparse.Namespace, ctx: Any) -> int:
    if args.example_plan:
        from ..services.capacity import example_plan

        Path(args.example_plan).write_text(example_plan(args.activity), encoding="utf-8")
        ctx.print(f"Plan d'exemple écrit dans {args.example_plan}")
        return EXIT_OK
    if args.recruitment:
        return _recruitment(args, ctx)
    if args.plan:
        return _plan(args, ctx)
    return _one_hour(args, ctx)


def commands() -> list[CliCommand]:
    return [CliCommand("capacity", "besoin en personnes d'après les appels (Erlang C), recrutement", _args, _run)]

