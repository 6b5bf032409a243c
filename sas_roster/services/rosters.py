"""Use cases on monthly rosters: create, read, save a draft (keeping pinned assignments),
add / remove / pin single assignments, publish. A published roster is never changed here:
changes after publication are amendments (a later issue)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..domain.enums import RosterStatus
from ..domain.errors import NotFoundError, Problem, ValidationError
from ..domain.roster import Assignment, Roster
from ..persistence import mapping as m
from ..persistence.models import AssignmentRow, PersonRow, RosterRow, TerritoryRow
from ..persistence.repositories import PlanningRepository, month_bounds
from .base import ServiceBase, refuse

STATUS_FR = {RosterStatus.DRAFT: "brouillon", RosterStatus.VALIDATED: "validé", RosterStatus.PUBLISHED: "publié"}


class RosterService(ServiceBase):
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        super().__init__(sessions)
        self.repo = PlanningRepository(sessions)

    # --- reads ----------------------------------------------------------------------------

    def get(self, year: int, month: int, with_assignments: bool = True) -> Roster | None:
        return self.repo.roster(year, month, with_assignments)

    def list(self) -> list[Roster]:
        """Every roster (without assignments), oldest month first."""
        return self.repo.rosters()

    def assignments(self, year: int, month: int, person_id: int | None = None) -> list[Assignment]:
        return self.repo.assignments(year, month, person_id)

    # --- writes ---------------------------------------------------------------------------

    def get_or_create(self, year: int, month: int, actor: str | None = None) -> Roster:
        _check_month(year, month)
        existing = self.repo.roster(year, month)
        if existing is not None:
            return existing
        with self._tx(actor) as s:
            row = _roster_row(s, year, month, create=True)
            return m.roster_to_domain(row, [])

    def replace_draft(
        self, year: int, month: int, assignments: Sequence[Assignment], actor: str | None = None
    ) -> list[Assignment]:
        """Save a solved (or edited) draft: pinned assignments and those fixed by a CPTS rota
        already stored are kept, every other stored assignment is replaced by `assignments`
        (an incoming one identical to a kept one is not duplicated). Refused unless the roster
        is a draft. Returns the roster's assignments as stored."""
        _check_month(year, month)
        with self._tx(actor) as s:
            roster = _roster_row(s, year, month, create=True)
            _require_draft(roster)
            refuse(
                f"Planning {roster.year:04d}-{roster.month:02d} refusé : rien n'a été enregistré",
                _assignment_problems(s, roster, assignments),
            )
            territories = _territory_ids(s)
            kept = set()
            for row in list(s.scalars(select(AssignmentRow).where(AssignmentRow.roster_id == roster.id))):
                if row.pinned or row.fixed_by_cpts:
                    kept.add(m.assignment_to_domain(row).key())
                else:
                    s.delete(row)
            s.flush()  # deletions before insertions: a re-solved shift may be the same row again
            for a in assignments:
                if a.key() in kept:
                    continue  # the pinned / CPTS one stays as it is
                kept.add(a.key())
                s.add(m.assignment_row(a, roster.id, territories.get(a.territory) if a.territory else None))
            s.flush()
            return self.repo.assignments(year, month, session=s)

    def add(self, year: int, month: int, assignment: Assignment, actor: str | None = None) -> Assignment:
        _check_month(year, month)
        with self._tx(actor) as s:
            roster = _roster_row(s, year, month, create=True)
            _require_draft(roster)
            refuse("Affectation refusée", _assignment_problems(s, roster, [assignment], numbered=False))
            territory = _territory_ids(s).get(assignment.territory) if assignment.territory else None
            row = m.assignment_row(assignment, roster.id, territory)
            s.add(row)
            s.flush()
            return m.assignment_to_domain(row)

    def remove(self, assignment_id: int, actor: str | None = None) -> None:
        with self._tx(actor) as s:
            row = _assignment(s, assignment_id)
            _require_draft(row.roster)
            s.delete(row)

    def pin(self, assignment_id: int, pinned: bool = True, actor: str | None = None) -> Assignment:
        """Pin (or unpin) an assignment: a pinned one survives every re-solve of the draft."""
        with self._tx(actor) as s:
            row = _assignment(s, assignment_id)
            _require_draft(row.roster)
            row.pinned = pinned
            s.flush()
            return m.assignment_to_domain(row)

    def publish(self, year: int, month: int, actor: str | None = None, at: datetime | None = None) -> Roster:
        """First publication of a draft or validated roster: version 1, publication time set."""
        with self._tx(actor) as s:
            roster = _roster_row(s, year, month, create=False)
            if roster.status is RosterStatus.PUBLISHED:
                raise ValidationError(f"Le planning {year:04d}-{month:02d} est déjà publié (version {roster.version})")
            roster.status = RosterStatus.PUBLISHED
            roster.version += 1
            roster.published_at = at or datetime.now(UTC)
            s.flush()
            return m.roster_to_domain(roster, self.repo.assignments(year, month, session=s))


def _check_month(year: int, month: int) -> None:
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise ValidationError(f"Mois {year}-{month} invalide")


def _roster_row(s: Session, year: int, month: int, create: bool) -> RosterRow:
    row = s.scalars(select(RosterRow).where(RosterRow.year == year, RosterRow.month == month)).first()
    if row is None:
        if not create:
            raise NotFoundError(f"Aucun planning pour {year:04d}-{month:02d}")
        row = RosterRow(year=year, month=month, status=RosterStatus.DRAFT, version=0, published_at=None)
        s.add(row)
        s.flush()
    return row


def _require_draft(roster: RosterRow) -> None:
    if roster.status is not RosterStatus.DRAFT:
        raise ValidationError(
            f"Le planning {roster.year:04d}-{roster.month:02d} est {STATUS_FR[roster.status]} : "
            "il ne peut plus être modifié comme un brouillon."
        )


def _assignment(s: Session, assignment_id: int) -> AssignmentRow:
    row = s.get(AssignmentRow, assignment_id)
    if row is None:
        raise NotFoundError(f"Affectation n° {assignment_id} introuvable")
    return row


def _territory_ids(s: Session) -> dict[str, int]:
    return {code: id_ for code, id_ in s.execute(select(TerritoryRow.code, TerritoryRow.id))}


def _assignment_problems(
    s: Session, roster: RosterRow, assignments: Sequence[Assignment], numbered: bool = True
) -> list[Problem]:
    first, last = month_bounds(roster.year, roster.month)
    persons = {
        pid: {r.role for r in row.roles}
        for row in s.scalars(select(PersonRow).where(PersonRow.id.in_({a.person_id for a in assignments})))
        for pid in [row.id]
    }
    territories = _territory_ids(s)
    problems: list[Problem] = []
    for i, a in enumerate(assignments, 1):
        row = i if numbered else None
        if not first <= a.day <= last:
            problems.append(Problem(f"le {a.day:%d/%m/%Y} n'est pas dans le mois {roster.year:04d}-{roster.month:02d}", row, "date"))
        if not a.start < a.end:
            problems.append(Problem("l'affectation finit avant de commencer", row, "fin"))
        if a.person_id not in persons:
            problems.append(Problem(f"personne n° {a.person_id} inconnue", row, "personne"))
        elif a.role not in persons[a.person_id]:
            problems.append(Problem(f"la personne n° {a.person_id} n'a pas le rôle {a.role.label_fr}", row, "rôle"))
        if a.territory and a.territory not in territories:
            problems.append(Problem(f"territoire « {a.territory} » inconnu", row, "territoire"))
        if a.id is not None:
            problems.append(Problem("une nouvelle affectation ne doit pas avoir d'identifiant", row, "id"))
    return problems
