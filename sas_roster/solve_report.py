"""What a coordinator reads after a solve: coverage, gaps with their French explanations,
hours per person against target. Plain data, shared by the command line and the window."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from solver import sas


@dataclass(frozen=True)
class PersonLoad:
    person_id: str
    name: str
    roles: tuple[str, ...]
    minutes: int
    shifts: int
    target_minutes: int | None

    @property
    def ratio(self) -> float | None:
        return self.minutes / self.target_minutes if self.target_minutes else None


@dataclass(frozen=True)
class SolveReport:
    status: str
    cancelled: bool
    objective: int | None
    bound: float | None
    gap: float | None
    demand_hours: int
    uncovered_hours: int
    oncall_needed: int
    uncovered_oncall: int
    seconds: float
    loads: list[PersonLoad]
    uncovered: list[dict]
    conflicts: list[str]
    message: str
    has_roster: bool = True
    coverage: list[sas.RoleCoverage] = field(default_factory=list)
    """Per role: regulators' and OSNP person-hours, effectors' on-call duties."""
    rejected: list[str] = field(default_factory=list)
    """Pins and CPTS rota lines set aside as data errors (French, naming the line)."""
    explanations: list[str] = field(default_factory=list)
    """The gaps' French explanations, one per run of consecutive hours with the same
    shortfall and the same reasons."""

    @property
    def coverage_percent(self) -> float:
        if not self.demand_hours:
            return 100.0
        return 100.0 * (self.demand_hours - self.uncovered_hours) / self.demand_hours

    @property
    def oncall_percent(self) -> float:
        if not self.oncall_needed:
            return 100.0
        return 100.0 * (self.oncall_needed - self.uncovered_oncall) / self.oncall_needed

    def to_dict(self) -> dict:
        out = asdict(self)
        if not self.has_roster:
            # No roster, no coverage to speak of.
            out["coverage"] = []
            return out
        out["coverage_percent"] = round(self.coverage_percent, 2)
        out["oncall_percent"] = round(self.oncall_percent, 2)
        out["coverage"] = [{**c.to_dict(), "percent": round(c.percent, 2)} for c in self.coverage]
        return out


def person_loads(problem: sas.SasProblem, assignments: list[sas.Assignment]) -> list[PersonLoad]:
    """Minutes and shifts per person against his fairness target (regulators and OSNP)."""
    targets = sas.fairness_targets(problem)
    days = {d.date: d for d in problem.days}
    minutes: dict[str, int] = defaultdict(int)
    shifts: dict[str, int] = defaultdict(int)
    for a in assignments:
        if a.day not in days:
            continue  # a day the calendar no longer opens (a bridge day added later): not counted
        if a.template == sas.ONCALL:
            start, end = days[a.day].open[sas.EFFECTOR]
        else:
            t = problem.template(a.template)
            start, end = t.start, t.end
        minutes[a.person] += end - start
        shifts[a.person] += 1
    return sorted(
        (PersonLoad(p.id, p.label, p.roles, minutes[p.id], shifts[p.id], targets[p.id]) for p in problem.people
         if p.roles != (sas.EFFECTOR,)),
        key=lambda x: (x.roles, x.name),
    )


def solve_report(problem: sas.SasProblem, solution: sas.SasSolution) -> SolveReport:
    return SolveReport(
        status=solution.status,
        cancelled=solution.cancelled,
        objective=solution.objective,
        bound=solution.bound,
        gap=solution.gap,
        demand_hours=sum(h.required for h in problem.demand),
        uncovered_hours=solution.uncovered_hours,
        oncall_needed=sum(o.count for o in problem.oncall),
        uncovered_oncall=solution.uncovered_oncall,
        seconds=round(solution.build_seconds + solution.solve_seconds, 2),
        loads=person_loads(problem, solution.assignments) if solution.has_roster else [],
        uncovered=[{"role": u.role, "day": u.day, "hour": u.hour, "territory": u.territory,
                    "missing": u.missing, "required": u.required, "explanation": u.explanation}
                   for u in solution.uncovered],
        conflicts=[c.text() for c in solution.conflicts],
        message=solution.message,
        has_roster=solution.has_roster,
        coverage=list(solution.coverage) or sas.role_coverage(problem, solution.uncovered),
        rejected=[r.text for r in solution.rejected],
        explanations=sas.grouped_explanations(solution.uncovered),
    )


STATUS_FR = {"optimal": "optimal (prouvé)", "feasible": "réalisable (optimalité non prouvée)",
             "infeasible": "impossible", "unknown": "aucun planning trouvé dans le temps imparti",
             "model_invalid": "modèle invalide"}


def report_text(r: SolveReport) -> str:
    lines = [f"Statut : {STATUS_FR.get(r.status, r.status)}{' — arrêté à la demande' if r.cancelled else ''}"]
    if r.objective is not None:
        gap = f", écart {100 * r.gap:.2f} %" if r.gap is not None else ""
        lines.append(f"Objectif : {r.objective}, borne : {r.bound:g}{gap}")
    if r.has_roster:
        lines.append("Couverture par rôle :")
        lines += [f"  {c.text()}" for c in r.coverage]
    else:
        lines.append("Aucun planning : pas de couverture à indiquer.")
    lines.append(f"Durée : {r.seconds:.1f} s")
    if r.rejected:
        lines.append("Lignes fixées écartées (erreurs de données) :")
        lines += [f"  - {text}" for text in r.rejected]
    if r.conflicts:
        lines.append("Règles impératives incompatibles :")
        lines += [f"  - {c}" for c in r.conflicts]
    if r.explanations:
        lines.append("Heures non couvertes :")
        lines += ["  " + text.replace("\n", "\n  ") for text in r.explanations]
    if r.loads:
        lines.append("Heures par personne (réalisé / cible) :")
        for x in r.loads:
            target = f"{x.target_minutes / 60:g} h" if x.target_minutes else "—"
            lines.append(f"  {x.name:<28} {x.minutes / 60:>6g} h / {target:<8} {x.shifts} poste(s)")
    return "\n".join(lines)
