"""Amendments (*avenants*): the only way a published month changes.

After publication the month's assignments are a working copy of the last published
version. Withdrawals (with the minimal re-solve, `services.solving`), assignments,
removals, moves and pins change that copy, each with its reason; publishing the amendment
makes version n+1 (reason, author, time). Published versions themselves are never
written again. Settings changed after publication never touch a published version: the
shifts that no longer fit the calendar are listed (`calendar_conflicts`) and can be taken
out by an amendment (`drop_conflicts`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..domain.calendar import MonthCalendar, day_fr, month_calendar
from ..domain.enums import Presence, Role, RosterStatus
from ..domain.errors import NotFoundError, ValidationError
from ..domain.roster import Assignment
from ..domain.settings import AssociationSettings
from ..domain.versions import RosterVersion, VersionDiff, compare
from ..persistence import mapping as m
from ..persistence.models import AssignmentRow, PersonRow, RosterChangeRow, RosterRow
from ..persistence.repositories import PersonRepository, PlanningRepository, SettingsRepository
from ..persistence.transactions import read_session
from .base import ServiceBase
from .rosters import add_assignment, publish_version, roster_row, store_working_copy

ACTIONS_FR = {"withdraw": "désistement", "assign": "affectation", "unassign": "retrait", "move": "déplacement",
              "pin": "épinglage", "unpin": "désépinglage", "calendar": "calendrier"}


@dataclass(frozen=True)
class CalendarConflict:
    """Published shifts of one day that the current settings no longer allow."""

    day: date
    message: str  # French, e.g. "vendredi 8 janvier est désormais un pont : 3 affectations …"
    assignments: tuple[Assignment, ...]


@dataclass(frozen=True)
class RosterChange:
    at: datetime
    actor: str
    action: str
    person_id: int
    day: date
    template_code: str | None
    reason: str
    version: int | None  # the version it went into; None while pending


class AmendmentService(ServiceBase):
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        super().__init__(sessions)
        self.planning = PlanningRepository(sessions)
        self.settings = SettingsRepository(sessions)
        self.persons = PersonRepository(sessions)

    # --- reads ----------------------------------------------------------------------------

    def pending(self, year: int, month: int) -> VersionDiff:
        """What the amendment in progress changes against the last published version."""
        with read_session(self._sessions) as s:
            roster = roster_row(s, year, month, create=False)
            last = roster.version
        latest = _latest(self, year, month)
        working = self.planning.assignments(year, month)
        return compare(year, month, last, latest.assignments if latest else (), last + 1, working)

    def changes(self, year: int, month: int) -> list[RosterChange]:
        """Every change made by hand to the month, oldest first."""
        from ..persistence.models import RosterVersionRow

        with read_session(self._sessions) as s:
            roster = roster_row(s, year, month, create=False)
            numbers = {v.id: v.number for v in s.scalars(
                select(RosterVersionRow).where(RosterVersionRow.roster_id == roster.id))}
            rows = s.scalars(select(RosterChangeRow).where(RosterChangeRow.roster_id == roster.id)
                             .order_by(RosterChangeRow.id))
            return [RosterChange(r.at, r.actor, r.action, r.person_id, r.day, r.template_code, r.reason,
                                 numbers.get(r.version_id) if r.version_id else None) for r in rows]

    def calendar_conflicts(self, year: int, month: int) -> list[CalendarConflict]:
        """The last published version's shifts that today's calendar no longer allows (a
        bridge day, a holiday, opening hours changed), grouped per day."""
        settings = self.settings.get()
        latest = _latest(self, year, month)
        if settings is None or latest is None:
            return []
        cal = month_calendar(settings, year, month)
        by_day: dict[date, list[Assignment]] = defaultdict(list)
        for a in latest.assignments:
            if _outside(cal, a):
                by_day[a.day].append(a)
        skipped = {sk.day: sk.reason for sk in cal.skipped}
        out = []
        for day in sorted(by_day):
            shifts = by_day[day]
            n = len(shifts)
            noun = "affectation publiée tombe" if n == 1 else "affectations publiées tombent"
            if day in skipped:
                what = f"{day_fr(day)} est désormais sans continuité ({skipped[day]}) : {n} {noun} en PDSA"
            else:
                what = f"{day_fr(day)} a changé d'horaires : {n} {noun} hors des heures d'ouverture"
            out.append(CalendarConflict(day, f"{what} — un avenant est nécessaire", tuple(shifts)))
        return out

    # --- writes on the working copy ----------------------------------------------------------

    def assign(self, year: int, month: int, person_id: int, day: date, shift: str, reason: str,
               actor: str | None, presence: Presence = Presence.ON_SITE) -> Assignment:
        """Give `person_id` the shift `shift` (a template code) on `day`."""
        _require_reason(reason)
        settings = self._settings()
        with self._tx(actor) as s:
            roster = _amendable(s, year, month)
            a = _build(s, settings, self, person_id, day, shift, presence)
            stored = add_assignment(s, roster, a)
            _log(s, roster, actor, "assign", person_id, day, shift, reason)
            return stored

    def add(self, year: int, month: int, assignment: Assignment, reason: str, actor: str | None) -> Assignment:
        """An assignment built by the caller (the window's grid), added to the working copy."""
        _require_reason(reason)
        with self._tx(actor) as s:
            roster = _amendable(s, year, month)
            stored = add_assignment(s, roster, assignment)
            _log(s, roster, actor, "assign", assignment.person_id, assignment.day, assignment.template_code, reason)
            return stored

    def restore(self, year: int, month: int, assignments: list[Assignment], reason: str,
                actor: str | None) -> None:
        """The working copy becomes exactly `assignments` (the window's undo of a re-solve)."""
        _require_reason(reason)
        wanted = {a.key() for a in assignments}
        with self._tx(actor) as s:
            roster = _amendable(s, year, month)
            rows = s.scalars(select(AssignmentRow).where(AssignmentRow.roster_id == roster.id))
            extra = {r.id for r in rows if m.assignment_to_domain(r).key() not in wanted}
            store_working_copy(s, roster, [a for a in assignments if not (a.pinned or a.fixed_by_cpts)]
                               + [a for a in assignments if a.pinned or a.fixed_by_cpts], remove_ids=extra)

    def unassign(self, year: int, month: int, person_id: int, day: date, shift: str | None, reason: str,
                 actor: str | None) -> list[Assignment]:
        """Take `person_id` off `shift` on `day` (every shift of the day when None), without
        re-solving (a withdrawal with replacement goes through `services.solving`)."""
        _require_reason(reason)
        with self._tx(actor) as s:
            roster = _amendable(s, year, month)
            rows = _held(s, roster, person_id, day, shift)
            removed = [m.assignment_to_domain(r) for r in rows]
            for r in rows:
                s.delete(r)
            _log(s, roster, actor, "unassign", person_id, day, shift, reason)
            return removed

    def remove(self, year: int, month: int, uid: str, reason: str, actor: str | None) -> Assignment:
        _require_reason(reason)
        with self._tx(actor) as s:
            roster = _amendable(s, year, month)
            row = _by_uid(s, roster, uid)
            removed = m.assignment_to_domain(row)
            s.delete(row)
            _log(s, roster, actor, "unassign", row.person_id, row.day, row.template_code, reason)
            return removed

    def move(self, year: int, month: int, uid: str, day: date, shift: str, reason: str,
             actor: str | None) -> Assignment:
        """The same person's shift to another day or template: it keeps its identifier."""
        _require_reason(reason)
        settings = self._settings()
        with self._tx(actor) as s:
            roster = _amendable(s, year, month)
            row = _by_uid(s, roster, uid)
            a = _build(s, settings, self, row.person_id, day, shift, row.presence)
            row.day, row.template_code, row.start, row.end = a.day, a.template_code, a.start, a.end
            s.flush()
            _log(s, roster, actor, "move", row.person_id, day, shift, reason)
            return m.assignment_to_domain(row)

    def pin(self, year: int, month: int, uid: str, pinned: bool, reason: str, actor: str | None) -> Assignment:
        with self._tx(actor) as s:
            roster = _amendable(s, year, month)
            row = _by_uid(s, roster, uid)
            row.pinned = pinned
            s.flush()
            _log(s, roster, actor, "pin" if pinned else "unpin", row.person_id, row.day, row.template_code,
                 reason or "")
            return m.assignment_to_domain(row)

    def drop_conflicts(self, year: int, month: int, reason: str, actor: str | None) -> list[Assignment]:
        """Take out of the working copy the shifts `calendar_conflicts` lists."""
        _require_reason(reason)
        conflicts = {a.uid for c in self.calendar_conflicts(year, month) for a in c.assignments}
        with self._tx(actor) as s:
            roster = _amendable(s, year, month)
            rows = [r for r in s.scalars(select(AssignmentRow).where(AssignmentRow.roster_id == roster.id))
                    if r.uid in conflicts]
            removed = [m.assignment_to_domain(r) for r in rows]
            for r in rows:
                s.delete(r)
                _log(s, roster, actor, "calendar", r.person_id, r.day, r.template_code, reason)
            return removed

    def publish(self, year: int, month: int, reason: str, actor: str | None,
                at: datetime | None = None) -> RosterVersion:
        """Publish the amendment as version n+1 (refused when nothing changed)."""
        _require_reason(reason)
        if self.pending(year, month).persons == () and not self._pins_changed(year, month):
            raise ValidationError(f"Aucun changement depuis la dernière version publiée de {year:04d}-{month:02d} : "
                                  "rien à publier.")
        with self._tx(actor) as s:
            roster = _amendable(s, year, month)
            return publish_version(s, roster, actor, reason.strip(), at)

    # --- helpers ----------------------------------------------------------------------------

    def _settings(self) -> AssociationSettings:
        settings = self.settings.get()
        if settings is None:
            raise NotFoundError("Aucune association n'est configurée dans cette base")
        return settings

    def _pins_changed(self, year: int, month: int) -> bool:
        latest = _latest(self, year, month)
        before = {a.uid: a.pinned for a in latest.assignments} if latest else {}
        return any(before.get(a.uid, a.pinned) != a.pinned for a in self.planning.assignments(year, month))


def _latest(service: AmendmentService, year: int, month: int) -> RosterVersion | None:
    from .rosters import RosterService

    return RosterService(service._sessions).version(year, month)


def _require_reason(reason: str) -> None:
    if not (reason or "").strip():
        raise ValidationError("Un avenant demande un motif (--reason) : il figure dans l'historique des versions.")


def _amendable(s: Session, year: int, month: int) -> RosterRow:
    roster = roster_row(s, year, month, create=False)
    if roster.status is not RosterStatus.PUBLISHED:
        raise ValidationError(
            f"Le planning {year:04d}-{month:02d} n'est pas publié : modifiez directement le brouillon "
            "(un avenant ne s'applique qu'à un planning publié).")
    return roster


def _held(s: Session, roster: RosterRow, person_id: int, day: date, shift: str | None) -> list[AssignmentRow]:
    rows = [r for r in s.scalars(select(AssignmentRow).where(
        AssignmentRow.roster_id == roster.id, AssignmentRow.person_id == person_id, AssignmentRow.day == day))
        if shift is None or r.template_code == shift]
    if not rows:
        what = f"le poste {shift}" if shift else "de poste"
        raise NotFoundError(f"Cette personne n'a pas {what} le {day_fr(day, True)}")
    return rows


def _by_uid(s: Session, roster: RosterRow, uid: str) -> AssignmentRow:
    row = s.scalars(select(AssignmentRow).where(AssignmentRow.roster_id == roster.id,
                                                AssignmentRow.uid == uid)).first()
    if row is None:
        raise NotFoundError(f"Poste {uid} introuvable dans le planning {roster.year:04d}-{roster.month:02d}")
    return row


def _log(s: Session, roster: RosterRow, actor: str | None, action: str, person_id: int, day: date,
         shift: str | None, reason: str) -> None:
    s.add(RosterChangeRow(roster_id=roster.id, at=datetime.now(UTC), actor=actor or "", action=action,
                          person_id=person_id, day=day, template_code=shift, reason=reason.strip()))
    s.flush()


def _outside(cal: MonthCalendar, a: Assignment) -> bool:
    day = cal.day(a.day)
    if day is None or a.role not in day.hours:
        return True
    rng = day.hours[a.role]
    return a.start < rng.start or (a.end > rng.end and not (rng.end == time(0) and a.end <= time(23, 59)))


def _build(s: Session, settings: AssociationSettings, service: AmendmentService, person_id: int, day: date,
           shift: str, presence: Presence) -> Assignment:
    """The assignment of `shift` on `day` for the person, with the template's times clipped to
    the day's opening hours for its role."""
    person = s.get(PersonRow, person_id)
    if person is None:
        raise NotFoundError(f"Personne n° {person_id} introuvable")
    template = next((t for t in service.settings.shift_templates(session=s) if t.code == shift), None)
    if template is None:
        raise ValidationError(f"Poste « {shift} » inconnu : voyez les modèles de postes dans les paramètres")
    if day.weekday() not in template.weekdays:
        raise ValidationError(f"Le poste « {template.label} » n'existe pas le {day_fr(day)}")
    cal_day = month_calendar(settings, day.year, day.month).day(day)
    rng = cal_day.hours.get(template.role) if cal_day else None
    if rng is None:
        raise ValidationError(f"Le {day_fr(day, True)} n'a pas de continuité pour ce rôle")
    start, end = max(template.start, rng.start), min(template.end, rng.end)
    if template.role is Role.EFFECTOR:
        start, end = rng.start, rng.end
    territory = service.persons.get(person_id, session=s).territory if template.role is Role.EFFECTOR else None
    return Assignment(person_id, day, template.code, template.role, start, end, presence, territory=territory)
