"""Writes the demo association into a database through the services."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time

from ..domain.calendar import PARIS, month_calendar
from ..domain.enums import PersonStatus, Role
from ..domain.errors import DomainError
from ..domain.roster import Assignment
from ..persistence.faults import checkpoint
from .activity import demo_activity
from .generator import DemoData, add_months, build_demo


@dataclass(frozen=True)
class DemoReport:
    persons: int
    availability: int
    pdsa: int
    rota: int
    history_assignments: int
    months: list[tuple[int, int]]

    def summary(self) -> str:
        months = ", ".join(f"{y:04d}-{m:02d}" for y, m in self.months)
        return (
            "Association de démonstration créée (personnes inventées) :\n"
            f"  {self.persons} personnes, {self.availability} disponibilités ({months}),\n"
            f"  {self.pdsa} gardes PDSA, {self.rota} astreintes transmises par une CPTS,\n"
            f"  {self.history_assignments} vacations publiées le mois précédent (historique)."
        )


def _history_roster(data: DemoData, ids: list[int], year: int, month: int) -> list[Assignment]:
    """Last month's published regulation roster, filled in turn as a coordinator would by hand,
    so that retiree quotas and rest rules have history to count."""
    regs = [i for i, p in enumerate(data.persons)
            if Role.REGULATOR in p.roles and p.status is not PersonStatus.LOCUM]
    templates = [t for t in data.templates if t.role is Role.REGULATOR]
    out: list[Assignment] = []
    turn = 0
    for d in month_calendar(data.settings, year, month).days:
        for t in templates:
            if d.day.weekday() not in t.weekdays:
                continue
            idx = regs[turn % len(regs)]
            turn += 1
            out.append(Assignment(ids[idx], d.day, t.code, Role.REGULATOR, t.start, t.end))
    return out


def refuse_unless_demo(services, force: bool = False) -> None:
    """Refuse (French `DomainError`) to write the demo over anything but an empty database
    or the demo itself, unless `force`: a real association is never wiped by mistake."""
    from ..services.setup import DatabaseKind

    if force:
        return
    if services.setup.database_kind() is DatabaseKind.ASSOCIATION:
        settings = services.settings.get()
        name = f" « {settings.name} »" if settings is not None and settings.name else ""
        raise DomainError(
            f"Cette base contient une association{name} : la démonstration ne l'écrase pas (rien n'a été "
            "modifié). La démonstration a son propre fichier : lancez « sas-roster demo » sans --db. "
            "Pour effacer quand même cette base et y mettre la démonstration : « sas-roster demo --force ».")


def load_demo(services, today: date, seed: int = 2027, actor: str = "démo", *, force: bool = True) -> DemoReport:
    """Empties the database and writes the demo association for `today`'s month and the next two,
    in one transaction: interrupted at any point, the database stays as it was.

    With `force=False` it refuses a database holding anything but the demo (see
    `refuse_unless_demo`); the default stays True for the callers that already chose.
    """
    refuse_unless_demo(services, force)
    data = build_demo(today, seed)
    with services.transaction(actor):
        report = _write_demo(services, data, today, actor, seed)
        checkpoint("demo.before-commit")
    return report


def _write_demo(services, data: DemoData, today: date, actor: str, seed: int) -> DemoReport:
    services.reset_database(actor=actor)
    checkpoint("demo.after-reset")
    services.settings.save(data.settings, actor=actor)
    services.settings.save_territories(data.territories, actor=actor)
    services.settings.save_shift_templates(data.templates, actor=actor)
    for curve in data.curves:
        services.settings.save_demand_curve(curve, actor=actor)
    services.settings.save_demand_overrides(data.overrides, actor=actor)
    services.settings.save_rates(data.rates, actor=actor)
    services.settings.save_indicator9_tiers(data.tiers, actor=actor)
    stored = services.persons.add_many(data.persons, actor=actor)
    ids = [p.id for p in stored]
    checkpoint("demo.after-persons")
    for (y, m) in data.months:
        month_entries = [replace(e, person_id=ids[e.person_id]) for e in data.availability
                         if (e.day.year, e.day.month) == (y, m)]
        services.availability.replace_many(y, m, month_entries, actor=actor)
    checkpoint("demo.after-availability")
    services.pdsa.add_many([replace(x, person_id=ids[x.person_id]) for x in data.pdsa], actor=actor)
    for (y, m) in data.months:
        rota = [replace(a, person_id=ids[a.person_id]) for a in data.cpts_rota
                if (a.day.year, a.day.month) == (y, m)]
        services.rosters.get_or_create(y, m, actor=actor)
        services.rosters.replace_draft(y, m, rota, actor=actor)
    py, pm = add_months(today.year, today.month, -1)
    history = _history_roster(data, ids, py, pm)
    services.rosters.get_or_create(py, pm, actor=actor)
    services.rosters.replace_draft(py, pm, history, actor=actor)
    services.rosters.publish(py, pm, at=datetime.combine(date(py, pm, 1), time(9), PARIS), actor=actor)
    services.activity.save(demo_activity(seed, data.territories, [(py, pm), *data.months]), actor=actor)
    return DemoReport(len(stored), len(data.availability), len(data.pdsa), len(data.cpts_rota),
                      len(history), data.months)


def ensure_demo(services, today: date) -> DemoReport | None:
    """On an empty database (first start), create the demo association — never on a file that
    was empty (0 byte) when opened: that is a database lost or mistyped, not a first start."""
    from ..services.setup import DatabaseKind

    if getattr(services, "opened_zero_byte_file", False):
        return None
    if services.setup.database_kind() is not DatabaseKind.EMPTY:
        return None
    return load_demo(services, today)
