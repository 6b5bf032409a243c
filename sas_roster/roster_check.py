"""Loads a stored month and checks its roster against the hard rules (domain/roster_rules)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from .domain.demand import RotaSource
from .domain.errors import NotFoundError
from .domain.roster import Assignment
from .domain.roster_rules import RosterFacts, Violation, check_roster
from .planning import HISTORY_DAYS, _month_bounds

if TYPE_CHECKING:
    from .planning import MonthReads


def month_facts(services: MonthReads, year: int, month: int, assignments: list[Assignment] | None = None) -> RosterFacts:
    """The facts of a month; `assignments` replaces the stored ones (to check an edit before saving)."""
    settings = services.settings.get()
    if settings is None:
        raise NotFoundError("Aucune association n'est configurée dans cette base")
    first, last = _month_bounds(year, month)
    py, pm = (year - 1, 12) if month == 1 else (year, month - 1)
    history = [a for a in services.rosters.assignments(py, pm) if a.day >= first - timedelta(days=HISTORY_DAYS)]
    return RosterFacts(
        settings=settings,
        persons={p.id: p for p in services.persons.list() if p.id is not None},
        templates={t.code: t for t in services.settings.shift_templates()},
        assignments=services.rosters.assignments(year, month) if assignments is None else assignments,
        availability=services.availability.list_month(year, month),
        pdsa=services.pdsa.list_period(first - timedelta(days=1), last + timedelta(days=1)),
        history=history,
        worked_before_month=services.history.regulation_minutes_before(year, first),
        cpts_territories=frozenset(t.code for t in services.settings.territories() if t.rota_source is RotaSource.CPTS),
    )


def check_month(services: MonthReads, year: int, month: int, assignments: list[Assignment] | None = None) -> list[Violation]:
    return check_roster(month_facts(services, year, month, assignments))
