"""Use cases on monthly rosters: create, read, edit a draft (keeping pinned assignments),
validate, publish version 1, read published versions and compare them.

A month moves draft → validated → published. Only a draft is edited here; a validated
month goes back to draft with `reopen`; a published month changes only through an
amendment (`services.amendments`), and its published versions (`roster_versions`,
`version_shifts`) are never written again by any service.
"""

from __future__ import annotations

import builtins

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..domain.enums import RosterStatus
from ..domain.errors import NotFoundError, Problem, ValidationError
from ..domain.roster import Assignment, Roster
from ..domain.versions import RosterVersion, VersionDiff, compare
from ..persistence import mapping as m
from ..persistence.faults import checkpoint
from ..persistence.models import (AssignmentRow, PersonRow, RosterChangeRow, RosterRow, RosterVersionRow,
                                  TerritoryRow)
from ..persistence.repositories import PlanningRepository, month_bounds
from ..persistence.transactions import read_session
from .base import ServiceBase, refuse

STATUS_FR = {RosterStatus.DRAFT: "brouillon", RosterStatus.VALIDATED: "validé", RosterStatus.PUBLISHED: "publié"}

AssignmentKey = tuple[object, ...]


class RosterService(ServiceBase):
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        super().__init__(sessions)
        self.repo = PlanningRepository(sessions)

    # --- reads ----------------------------------------------------------------------------

    def get(self, year: int, month: int, with_assignments: bool = True) -> Roster | None:
        """The month with its working assignments: the draft, or after publication the
        amendment's working copy (equal to the last version while nothing is pending)."""
        return self.repo.roster(year, month, with_assignments)

    def list(self) -> builtins.list[Roster]:
        """Every roster (without assignments), oldest month first."""
        return self.repo.rosters()

    def assignments(self, year: int, month: int, person_id: int | None = None) -> builtins.list[Assignment]:
        return self.repo.assignments(year, month, person_id)

    def versions(self, year: int, month: int) -> builtins.list[RosterVersion]:
        """Every published version of the month, oldest first, with its shifts."""
        with read_session(self._sessions) as s:
            roster = _find(s, year, month)
            if roster is None:
                return []
            rows = s.scalars(select(RosterVersionRow).where(RosterVersionRow.roster_id == roster.id)
                             .order_by(RosterVersionRow.number))
            return [m.version_to_domain(r, year, month) for r in rows]

    def version(self, year: int, month: int, number: int | None = None) -> RosterVersion | None:
        """A published version (the latest when `number` is None); None if there is none."""
        with read_session(self._sessions) as s:
            roster = _find(s, year, month)
            if roster is None:
                return None
            q = select(RosterVersionRow).where(RosterVersionRow.roster_id == roster.id)
            q = q.where(RosterVersionRow.number == number) if number is not None else \
                q.order_by(RosterVersionRow.number.desc()).limit(1)
            row = s.scalars(q).first()
            return m.version_to_domain(row, year, month) if row is not None else None

    def diff(self, year: int, month: int, old: int, new: int | None) -> VersionDiff:
        """Per person, the shifts gained, lost and moved from version `old` to version `new`
        (0 = nothing published; None = the amendment's working copy)."""
        before = self._shifts_of(year, month, old)
        after = self._shifts_of(year, month, new)
        newest = new if new is not None else (self.repo.roster(year, month, False) or Roster(year, month)).version + 1
        return compare(year, month, old, before, newest, after)

    def _shifts_of(self, year: int, month: int, number: int | None) -> builtins.list[Assignment]:
        if number is None:
            return self.repo.assignments(year, month)
        if number == 0:
            return []
        version = self.version(year, month, number)
        if version is None:
            raise NotFoundError(f"Le planning {year:04d}-{month:02d} n'a pas de version {number}")
        return list(version.assignments)

    # --- writes on a draft ------------------------------------------------------------------

    def get_or_create(self, year: int, month: int, actor: str | None = None) -> Roster:
        _check_month(year, month)
        existing = self.repo.roster(year, month)
        if existing is not None:
            return existing
        with self._tx(actor) as s:
            row = roster_row(s, year, month, create=True)
            return m.roster_to_domain(row, [])

    def replace_draft(
        self, year: int, month: int, assignments: Sequence[Assignment], actor: str | None = None
    ) -> builtins.list[Assignment]:
        """Save a solved (or edited) draft: pinned assignments and those fixed by a CPTS rota
        already stored are kept, every other stored assignment is replaced by `assignments`
        (an incoming one identical to a kept one is not duplicated). Refused unless the roster
        is a draft. Returns the roster's assignments as stored."""
        _check_month(year, month)
        with self._tx(actor) as s:
            roster = roster_row(s, year, month, create=True)
            require_draft(roster)
            store_working_copy(s, roster, assignments)
            return self.repo.assignments(year, month, session=s)

    def add(self, year: int, month: int, assignment: Assignment, actor: str | None = None) -> Assignment:
        _check_month(year, month)
        with self._tx(actor) as s:
            roster = roster_row(s, year, month, create=True)
            require_draft(roster)
            return add_assignment(s, roster, assignment)

    def remove(self, assignment_id: int, actor: str | None = None) -> None:
        with self._tx(actor) as s:
            row = _assignment(s, assignment_id)
            require_draft(row.roster)
            s.delete(row)

    def pin(self, assignment_id: int, pinned: bool = True, actor: str | None = None) -> Assignment:
        """Pin (or unpin) an assignment: a pinned one survives every re-solve of the draft."""
        with self._tx(actor) as s:
            row = _assignment(s, assignment_id)
            require_draft(row.roster)
            row.pinned = pinned
            s.flush()
            return m.assignment_to_domain(row)

    # --- lifecycle --------------------------------------------------------------------------

    def validate(self, year: int, month: int, actor: str | None = None) -> Roster:
        """Draft → validated: the coordinator has checked it; it is frozen until published
        (or reopened)."""
        with self._tx(actor) as s:
            roster = roster_row(s, year, month, create=False)
            require_draft(roster)
            _require_assignments(s, roster)
            roster.status = RosterStatus.VALIDATED
            s.flush()
            return m.roster_to_domain(roster)

    def reopen(self, year: int, month: int, actor: str | None = None) -> Roster:
        """Validated → draft again (a published month is changed by amendment instead)."""
        with self._tx(actor) as s:
            roster = roster_row(s, year, month, create=False)
            if roster.status is not RosterStatus.VALIDATED:
                raise ValidationError(f"Le planning {_label(roster)} est {STATUS_FR[roster.status]} : "
                                      "seul un planning validé se rouvre en brouillon.")
            roster.status = RosterStatus.DRAFT
            s.flush()
            return m.roster_to_domain(roster)

    def publish(self, year: int, month: int, actor: str | None = None, at: datetime | None = None) -> RosterVersion:
        """First publication of a draft or validated month: version 1, frozen for good.
        There is no un-publishing: later changes are amendments."""
        with self._tx(actor) as s:
            roster = roster_row(s, year, month, create=False)
            if roster.status is RosterStatus.PUBLISHED:
                raise ValidationError(f"Le planning {_label(roster)} est déjà publié (version {roster.version}) : "
                                      "les changements passent par un avenant.")
            _require_assignments(s, roster)
            return publish_version(s, roster, actor, "", at)


# --- shared by the roster, amendment and solving use cases (inside their transaction) ------

def publish_version(s: Session, roster: RosterRow, actor: str | None, reason: str,
                    at: datetime | None = None) -> RosterVersion:
    """Snapshot the month's working assignments as version n+1 (immutable from then on)."""
    number = roster.version + 1
    version = RosterVersionRow(roster_id=roster.id, number=number, published_at=at or datetime.now(UTC),
                               published_by=actor or "", reason=reason)
    s.add(version)
    s.flush()
    checkpoint("publish.version")
    rows = list(s.scalars(select(AssignmentRow).where(AssignmentRow.roster_id == roster.id)))
    s.add_all(m.version_shift_row(r, version.id) for r in rows)
    for change in s.scalars(select(RosterChangeRow).where(RosterChangeRow.roster_id == roster.id,
                                                          RosterChangeRow.version_id.is_(None))):
        change.version_id = version.id
    roster.status = RosterStatus.PUBLISHED
    roster.version = number
    roster.published_at = version.published_at
    s.flush()
    s.refresh(version)
    return m.version_to_domain(version, roster.year, roster.month)


def store_working_copy(s: Session, roster: RosterRow, assignments: Sequence[Assignment],
                       remove_ids: set[int] | frozenset[int] = frozenset()) -> None:
    """The month's working assignments become `assignments`, pinned and CPTS ones kept
    (except those in `remove_ids`, removed whatever they are). A shift held by the same
    person on the same slot keeps its identifier."""
    refuse(f"Planning {_label(roster)} refusé : rien n'a été enregistré",
           _assignment_problems(s, roster, assignments))
    territories = _territory_ids(s)
    kept: set[AssignmentKey] = set()
    uids: dict[AssignmentKey, str] = {}
    for row in list(s.scalars(select(AssignmentRow).where(AssignmentRow.roster_id == roster.id))):
        key = m.assignment_to_domain(row).key()
        if (row.pinned or row.fixed_by_cpts) and row.id not in remove_ids:
            kept.add(key)
        else:
            uids[key] = row.uid
            s.delete(row)
    s.flush()
    checkpoint("store.deleted")
    for a in assignments:
        key = a.key()
        if key in kept:
            continue  # the pinned / CPTS one stays as it is
        kept.add(key)
        row = m.assignment_row(a, roster.id, territories.get(a.territory) if a.territory else None)
        row.uid = a.uid or uids.get(key) or row.uid
        s.add(row)
    s.flush()
    checkpoint("store.inserted")


def add_assignment(s: Session, roster: RosterRow, assignment: Assignment) -> Assignment:
    refuse("Affectation refusée", _assignment_problems(s, roster, [assignment], numbered=False))
    territory = _territory_ids(s).get(assignment.territory) if assignment.territory else None
    row = m.assignment_row(assignment, roster.id, territory)
    s.add(row)
    s.flush()
    return m.assignment_to_domain(row)


def _check_month(year: int, month: int) -> None:
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise ValidationError(f"Mois {year}-{month} invalide")


def _label(roster: RosterRow) -> str:
    return f"{roster.year:04d}-{roster.month:02d}"


def _find(s: Session, year: int, month: int) -> RosterRow | None:
    return s.scalars(select(RosterRow).where(RosterRow.year == year, RosterRow.month == month)).first()


def roster_row(s: Session, year: int, month: int, create: bool) -> RosterRow:
    _check_month(year, month)
    row = _find(s, year, month)
    if row is None:
        if not create:
            raise NotFoundError(f"Aucun planning pour {year:04d}-{month:02d}")
        row = RosterRow(year=year, month=month, status=RosterStatus.DRAFT, version=0, published_at=None)
        s.add(row)
        s.flush()
    return row


def require_draft(roster: RosterRow) -> None:
    if roster.status is RosterStatus.PUBLISHED:
        raise ValidationError(
            f"Le planning {_label(roster)} est publié (version {roster.version}) : il ne se modifie plus "
            "que par un avenant (« amend » en ligne de commande, « Avenant » dans la fenêtre).")
    if roster.status is not RosterStatus.DRAFT:
        raise ValidationError(
            f"Le planning {_label(roster)} est {STATUS_FR[roster.status]} : "
            "rouvrez-le en brouillon pour le modifier, ou publiez-le.")


def _require_assignments(s: Session, roster: RosterRow) -> None:
    if s.scalars(select(AssignmentRow.id).where(AssignmentRow.roster_id == roster.id).limit(1)).first() is None:
        raise ValidationError(f"Le planning {_label(roster)} n'a aucune affectation : calculez-le d'abord.")


def _assignment(s: Session, assignment_id: int) -> AssignmentRow:
    row = s.get(AssignmentRow, assignment_id)
    if row is None:
        raise NotFoundError(f"Affectation n° {assignment_id} introuvable")
    return row


def _territory_ids(s: Session) -> dict[str, int]:
    return {code: id_ for code, id_ in s.execute(select(TerritoryRow.code, TerritoryRow.id))}


def _assignment_problems(
    s: Session, roster: RosterRow, assignments: Sequence[Assignment], numbered: bool = True
) -> builtins.list[Problem]:
    first, last = month_bounds(roster.year, roster.month)
    persons = {
        row.id: {r.role for r in row.roles}
        for row in s.scalars(select(PersonRow).where(PersonRow.id.in_({a.person_id for a in assignments})))
    }
    territories = _territory_ids(s)
    problems: builtins.list[Problem] = []
    for i, a in enumerate(assignments, 1):
        row = i if numbered else None
        if not first <= a.day <= last:
            problems.append(Problem(f"le {a.day:%d/%m/%Y} n'est pas dans le mois {_label(roster)}", row, "date"))
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
