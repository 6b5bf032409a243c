"""Read access: each call opens a short session (or joins the caller's) and returns domain
objects, never ORM rows, so nothing outside persistence/ can lazy-load or write by accident.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, sessionmaker

from ..domain.audit import AuditEntry
from ..domain.availability import AvailabilityEntry, PdsaDuty
from ..domain.demand import DemandCurve, DemandOverride, ShiftTemplate, Territory
from ..domain.enums import PersonStatus, Role
from ..domain.errors import NotFoundError
from ..domain.person import Person
from ..domain.rates import DatedRate, Indicator9Tier
from ..domain.roster import Assignment, Roster
from ..domain.rpps import normalise_rpps
from ..domain.settings import AssociationSettings
from . import mapping as m
from .transactions import read_session
from .models import (
    AssignmentRow,
    AuditRow,
    AvailabilityRow,
    DemandOverrideRow,
    DemandPointRow,
    Indicator9TierRow,
    PdsaDutyRow,
    PersonRoleRow,
    PersonRow,
    RateRow,
    RosterRow,
    SettingsRow,
    ShiftTemplateRow,
    TerritoryRow,
)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


class Repository:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @contextmanager
    def _session(self, session: Session | None) -> Iterator[Session]:
        if session is not None:
            yield session
        else:
            with read_session(self._sessions) as s:
                yield s


class PersonRepository(Repository):
    def find(self, person_id: int, session: Session | None = None) -> Person | None:
        with self._session(session) as s:
            row = s.get(PersonRow, person_id)
            return m.person_to_domain(row) if row is not None else None

    def get(self, person_id: int, session: Session | None = None) -> Person:
        found = self.find(person_id, session)
        if found is None:
            raise NotFoundError(f"Personne n° {person_id} introuvable")
        return found

    def by_rpps(self, rpps: str, session: Session | None = None) -> Person | None:
        with self._session(session) as s:
            row = s.scalars(select(PersonRow).where(PersonRow.rpps == normalise_rpps(rpps))).first()
            return m.person_to_domain(row) if row is not None else None

    def list(
        self,
        *,
        role: Role | None = None,
        status: PersonStatus | None = None,
        territory: str | None = None,
        active: bool | None = None,
        session: Session | None = None,
    ) -> list[Person]:
        """Persons matching every filter given, by last name then first name."""
        q = select(PersonRow)
        if role is not None:
            q = q.where(PersonRow.roles.any(PersonRoleRow.role == role))
        if status is not None:
            q = q.where(PersonRow.status == status)
        if territory is not None:
            q = q.where(PersonRow.territory.has(TerritoryRow.code == territory))
        if active is not None:
            q = q.where(PersonRow.active.is_(active))
        q = q.order_by(PersonRow.last_name, PersonRow.first_name, PersonRow.id)
        with self._session(session) as s:
            return [m.person_to_domain(r) for r in s.scalars(q).unique()]


class SettingsRepository(Repository):
    def get(self, session: Session | None = None) -> AssociationSettings | None:
        with self._session(session) as s:
            row = s.scalars(select(SettingsRow).order_by(SettingsRow.id)).first()
            return m.settings_to_domain(row) if row is not None else None

    def territories(self, session: Session | None = None) -> list[Territory]:
        with self._session(session) as s:
            return [m.territory_to_domain(r) for r in s.scalars(select(TerritoryRow).order_by(TerritoryRow.code))]

    def shift_templates(self, role: Role | None = None, session: Session | None = None) -> list[ShiftTemplate]:
        q = select(ShiftTemplateRow).order_by(ShiftTemplateRow.role, ShiftTemplateRow.start, ShiftTemplateRow.code)
        if role is not None:
            q = q.where(ShiftTemplateRow.role == role)
        with self._session(session) as s:
            return [m.template_to_domain(r) for r in s.scalars(q)]

    def demand_curves(self, session: Session | None = None) -> dict[Role, DemandCurve]:
        with self._session(session) as s:
            return m.curves_to_domain(s.scalars(select(DemandPointRow)))

    def demand_overrides(self, role: Role | None = None, session: Session | None = None) -> list[DemandOverride]:
        q = select(DemandOverrideRow).order_by(DemandOverrideRow.start, DemandOverrideRow.id)
        if role is not None:
            q = q.where(DemandOverrideRow.role == role)
        with self._session(session) as s:
            return [m.override_to_domain(r) for r in s.scalars(q)]

    def rates(self, session: Session | None = None) -> list[DatedRate]:
        with self._session(session) as s:
            q = select(RateRow).order_by(RateRow.kind, RateRow.valid_from)
            return [m.rate_to_domain(r) for r in s.scalars(q)]

    def indicator9_tiers(self, session: Session | None = None) -> list[Indicator9Tier]:
        with self._session(session) as s:
            q = select(Indicator9TierRow).order_by(Indicator9TierRow.valid_from, Indicator9TierRow.min_acts)
            return [m.tier_to_domain(r) for r in s.scalars(q)]


class PlanningRepository(Repository):
    def availability(
        self, year: int, month: int, person_id: int | None = None, session: Session | None = None
    ) -> list[AvailabilityEntry]:
        first, last = month_bounds(year, month)
        q = select(AvailabilityRow).where(AvailabilityRow.day.between(first, last))
        if person_id is not None:
            q = q.where(AvailabilityRow.person_id == person_id)
        q = q.order_by(AvailabilityRow.person_id, AvailabilityRow.day, AvailabilityRow.start, AvailabilityRow.id)
        with self._session(session) as s:
            return [m.availability_to_domain(r) for r in s.scalars(q)]

    def pdsa_duties(
        self, start: date, end: date, person_id: int | None = None, session: Session | None = None
    ) -> list[PdsaDuty]:
        """Duties overlapping the days `start`..`end` (inclusive), e.g. a night starting the day before."""
        lo, hi = datetime.combine(start, time.min), datetime.combine(end, time.max)
        q = select(PdsaDutyRow).where(PdsaDutyRow.end > lo, PdsaDutyRow.start <= hi)
        if person_id is not None:
            q = q.where(PdsaDutyRow.person_id == person_id)
        q = q.order_by(PdsaDutyRow.start, PdsaDutyRow.person_id, PdsaDutyRow.id)
        with self._session(session) as s:
            return [m.duty_to_domain(r) for r in s.scalars(q)]

    def roster(
        self, year: int, month: int, with_assignments: bool = True, session: Session | None = None
    ) -> Roster | None:
        with self._session(session) as s:
            row = s.scalars(select(RosterRow).where(RosterRow.year == year, RosterRow.month == month)).first()
            if row is None:
                return None
            assignments = self.assignments(year, month, session=s) if with_assignments else None
            return m.roster_to_domain(row, assignments)

    def rosters(self, session: Session | None = None) -> list[Roster]:
        with self._session(session) as s:
            q = select(RosterRow).order_by(RosterRow.year, RosterRow.month)
            return [m.roster_to_domain(r) for r in s.scalars(q)]

    def assignments(
        self, year: int, month: int, person_id: int | None = None, session: Session | None = None
    ) -> list[Assignment]:
        q = _assignments_of_month(year, month)
        if person_id is not None:
            q = q.where(AssignmentRow.person_id == person_id)
        with self._session(session) as s:
            return [m.assignment_to_domain(r) for r in s.scalars(q)]


def _assignments_of_month(year: int, month: int) -> Select[AssignmentRow]:
    return (
        select(AssignmentRow)
        .join(RosterRow, AssignmentRow.roster_id == RosterRow.id)
        .where(RosterRow.year == year, RosterRow.month == month)
        .order_by(AssignmentRow.day, AssignmentRow.start, AssignmentRow.role, AssignmentRow.template_code, AssignmentRow.id)
    )


class AuditRepository(Repository):
    def entries(
        self, entity: str | None = None, entity_id: str | int | None = None, limit: int | None = 200,
        session: Session | None = None,
    ) -> list[AuditEntry]:
        """Most recent first."""
        q = select(AuditRow).order_by(AuditRow.id.desc())
        if entity is not None:
            q = q.where(AuditRow.entity == entity)
        if entity_id is not None:
            q = q.where(AuditRow.entity_id == str(entity_id))
        if limit is not None:
            q = q.limit(limit)
        with self._session(session) as s:
            return [
                AuditEntry(r.at, r.actor, r.entity, r.entity_id, r.action, r.before, r.after, id=r.id)
                for r in s.scalars(q)
            ]
