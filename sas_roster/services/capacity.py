"""Capacity planning from call volumes: a week's plan read from a file, set beside today's
demand, written out, and applied as dated demand curves.

The plan file is TOML, French keys (`example_plan()` writes a commented one)::

    objectif_pct = 80            # share of calls to answer in time
    delai_secondes = 60          # ... within this many seconds
    activite = "2027-03"         # optional: mean calls per hour of the activity imported for it
    [roles.regulateur]
    duree_minutes = 6            # mean handling time of one call
    part_des_appels = 0.55       # share of the calls that reach the role (1 = all)
    [roles.osnp]
    duree_minutes = 4
    [appels.lundi]               # calls per hour typed by hand (they win over the activity)
    8 = 17
    9 = 22

Each call is handled by every role it reaches; roles are sized separately with Erlang C.
"""

from __future__ import annotations

import csv
import math
import tomllib
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..domain.activity import mean_calls_per_hour
from ..domain.capacity import ROLE_NAMES, WEEKDAYS_FR, CapacityPlan, PlanResult, RoleLoad, plan_week
from ..domain.demand import DemandCurve, DemandOverride, required_headcount
from ..domain.enums import Role
from ..domain.errors import Problem, ValidationError
from ..domain.indicators import parse_period

ROLE_KEYS = {"regulateur": Role.REGULATOR, "régulateur": Role.REGULATOR, "regulator": Role.REGULATOR,
             "osnp": Role.OSNP}


def _fail(path: Path, problems: list[Problem]) -> ValidationError:
    return ValidationError(f"Plan de capacité « {path.name} » refusé", problems)


def _number(table: dict[str, Any], key: str, where: str, problems: list[Problem], *, default: float | None = None,
            low: float = 0.0, high: float = math.inf) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(Problem(f"nombre attendu pour « {key} »" if value is not None else f"« {key} » manquant",
                                field=f"{where}{key}"))
        return default or 0.0
    if not low <= value <= high:
        problems.append(Problem(f"« {key} » = {value} hors de [{low:g} ; {high:g}]", field=f"{where}{key}"))
    return float(value)


def read_plan(path: str | Path) -> CapacityPlan:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ValidationError(f"Plan de capacité « {path.name} » introuvable") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError(f"Plan de capacité « {path.name} » illisible : {exc}") from None
    problems: list[Problem] = []
    target = _number(data, "objectif_pct", "", problems, low=1, high=99.9) / 100
    within = _number(data, "delai_secondes", "", problems, low=1, high=3600)
    roles = []
    for key, table in (data.get("roles") or {}).items():
        role = ROLE_KEYS.get(key.lower())
        if role is None or not isinstance(table, dict):
            problems.append(Problem(f"rôle « {key} » inconnu : regulateur ou osnp", field="roles"))
            continue
        minutes = _number(table, "duree_minutes", f"roles.{key}.", problems, low=0.1, high=240)
        share = _number(table, "part_des_appels", f"roles.{key}.", problems, default=1.0, low=0, high=1)
        roles.append(RoleLoad(role.value, minutes * 60, share))
    if not roles:
        problems.append(Problem("aucun rôle : ajoutez [roles.regulateur] et/ou [roles.osnp]", field="roles"))
    calls: dict[tuple[int, int], float] = {}
    for day, hours in (data.get("appels") or {}).items():
        if day.lower() not in WEEKDAYS_FR or not isinstance(hours, dict):
            problems.append(Problem(f"jour « {day} » inconnu : lundi … dimanche", field="appels"))
            continue
        for hour, value in hours.items():
            if not (hour.isdigit() and 0 <= int(hour) <= 23):
                problems.append(Problem(f"heure « {hour} » : de 0 à 23", field=f"appels.{day}"))
                continue
            calls[(WEEKDAYS_FR.index(day.lower()), int(hour))] = _number(
                hours, hour, f"appels.{day}.", problems, low=0, high=100_000)
    period = data.get("activite")
    if period is not None:
        try:
            parse_period(str(period))
        except ValueError as exc:
            problems.append(Problem(str(exc), field="activite"))
    if not calls and period is None:
        problems.append(Problem("ni appels tapés ([appels.lundi] ...) ni période d'activité (activite = \"2027-03\")",
                                field="appels"))
    if problems:
        raise _fail(path, problems)
    return CapacityPlan(target, within, roles, calls, str(period) if period is not None else None)


def current_demand(services: Any, on: date) -> dict[tuple[str, int, int], int]:
    """Today's required headcount per (role, weekday, hour): the curve in force in `on`'s week."""
    curves: dict[Role, DemandCurve] = services.settings.demand_curves()
    overrides = services.settings.demand_overrides()
    monday = on - timedelta(days=on.weekday())
    out: dict[tuple[str, int, int], int] = {}
    for role, curve in curves.items():
        for weekday in range(7):
            day = monday + timedelta(days=weekday)
            for hour in range(24):
                if need := required_headcount(curve, overrides, day, hour):
                    out[(role.value, weekday, hour)] = need
    return out


def plan(services: Any, capacity_plan: CapacityPlan, on: date) -> PlanResult:
    calls: dict[tuple[int, int], float] = {}
    if capacity_plan.activity_period:
        period = parse_period(capacity_plan.activity_period)
        records = services.activity.records(period.start, period.end)
        calls = mean_calls_per_hour(records)
        if not calls and not capacity_plan.calls:
            raise ValidationError(f"Aucun appel par heure importé pour {period.label} : importez l'activité "
                                  "(sas-roster import activity FICHIER) ou tapez les appels dans le plan")
    calls.update(capacity_plan.calls)
    current = current_demand(services, on) if services is not None else {}
    hours = plan_week(calls, capacity_plan.roles, current, capacity_plan.target, capacity_plan.within_seconds)
    return PlanResult(capacity_plan, on, calls, hours)


def write_outputs(result: PlanResult, out_dir: str | Path) -> list[Path]:
    """capacite.csv (one row per role, weekday and hour) and capacite.txt (the French summary)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    table = out / "capacite.csv"
    with table.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["Rôle", "Jour", "Heure", "Appels", "Charge (Erlangs)", "Besoin calculé",
                    "Niveau de service avec le besoin calculé (%)", "Attente moyenne (s)", "Besoin actuel",
                    "Niveau de service avec le besoin actuel (%)"])
        for h in result.hours:
            wait = h.needed.average_wait
            w.writerow([ROLE_NAMES[h.role][0], WEEKDAYS_FR[h.weekday], f"{h.hour}h", _fr(h.calls, 1),
                        _fr(h.needed.load, 2), h.needed.agents, _fr(h.needed.service_level * 100, 1),
                        _fr(wait, 1) if math.isfinite(wait) else "infinie", h.current.agents,
                        _fr(h.current.service_level * 100, 1)])
    text = out / "capacite.txt"
    text.write_text(summary(result) + "\n", encoding="utf-8")
    return [table, text]


def _fr(value: float, digits: int) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def summary(result: PlanResult) -> str:
    p = result.plan
    head = (f"Plan de capacité — objectif {p.target * 100:g} % des appels répondus en moins de "
            f"{p.within_seconds:g} s (Erlang C)")
    parts = [head, "", f"Avec le besoin actuel (semaine du {result.reference_day:%d/%m/%Y}) :"]
    parts += [f"  {line}" for line in result.lines("current")]
    parts += ["", "Avec le besoin calculé :"]
    parts += [f"  {line}" for line in result.lines("needed")]
    if note := result.arm_note():
        parts += ["", note]
    return "\n".join(parts)


def apply(services: Any, result: PlanResult, start: date, end: date, label: str | None = None,
          actor: str | None = None) -> list[DemandOverride]:
    """Store the computed headcounts as dated demand curves (one per role), beside the others."""
    new = []
    for r in result.plan.roles:
        by_weekday: dict[int, dict[int, int]] = {}
        for h in result.hours:
            if h.role == r.role and h.needed.agents:
                by_weekday.setdefault(h.weekday, {})[h.hour] = h.needed.agents
        name = label or f"Capacité {result.plan.target * 100:g} % en {result.plan.within_seconds:g} s"
        new.append(DemandOverride(f"{name} ({ROLE_NAMES[r.role][1]})", start, end,
                                  DemandCurve(Role(r.role), by_weekday)))
    existing: Sequence[DemandOverride] = services.settings.demand_overrides()
    saved: list[DemandOverride] = services.settings.save_demand_overrides([*existing, *new], actor=actor)
    return saved[len(existing):]


def example_plan(period: str | None = None) -> str:
    source = f'activite = "{period}"          # moyenne des appels par heure importés pour cette période\n' \
        if period else '# activite = "2027-03"        # ou : moyenne des appels par heure importés\n'
    return (
        "# Plan de capacité (sas-roster capacity --plan CE_FICHIER --out DOSSIER)\n"
        "objectif_pct = 80              # part des appels à décrocher dans le délai\n"
        "delai_secondes = 60\n" + source +
        "\n[roles.regulateur]\nduree_minutes = 6               # durée moyenne de traitement d'un appel\n"
        "part_des_appels = 0.55          # part des appels qui arrivent au régulateur\n"
        "\n[roles.osnp]\nduree_minutes = 4\npart_des_appels = 1.0\n"
        "\n# Appels par heure tapés à la main (ils remplacent ceux de l'activité) :\n"
        "[appels.lundi]\n8 = 18\n9 = 23\n10 = 16\n11 = 12\n"
    )


class CapacityService:
    """`services.capacity` on the facade (for callers that must not import the services)."""

    def __init__(self, services: Any) -> None:
        self._services = services

    def plan(self, plan_file: str | Path, on: date) -> PlanResult:
        return plan(self._services, read_plan(plan_file), on)

    def apply(self, result: PlanResult, start: date, end: date, label: str | None = None,
              actor: str | None = None) -> list[DemandOverride]:
        return apply(self._services, result, start, end, label, actor)
