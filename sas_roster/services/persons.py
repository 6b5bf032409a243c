"""Use cases on the pools of people: add (one or many, all-or-nothing), update, deactivate,
delete (only when never rostered), pseudonymise; reads return domain Persons."""

from __future__ import annotations

import builtins

import dataclasses
from collections.abc import Sequence
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, sessionmaker

from ..domain.enums import PersonStatus, Role
from ..domain.errors import NotFoundError, Problem, ValidationError
from ..domain.person import Person
from ..domain.person_rules import person_rule_problems
from ..domain.rpps import normalise_rpps, rpps_problem
from ..persistence import audit
from ..persistence import mapping as m
from ..persistence.models import (
    AssignmentRow,
    AttendanceRow,
    AvailabilityRow,
    PdsaDutyRow,
    PersonRow,
    TerritoryRow,
)
from ..persistence.repositories import PersonRepository
from ..persistence.transactions import read_session
from .base import ServiceBase, check_period, refuse

DOCTOR_ROLES = frozenset({Role.REGULATOR, Role.EFFECTOR})


def normalised(person: Person) -> Person:
    """The person as stored: RPPS without spaces or dots, names and e-mail trimmed."""
    return dataclasses.replace(
        person,
        last_name=person.last_name.strip(),
        first_name=person.first_name.strip(),
        rpps=normalise_rpps(person.rpps) or None if person.rpps is not None else None,
        email=(person.email.strip() or None) if person.email else None,
        phone=(person.phone.strip() or None) if person.phone else None,
    )


def person_problems(person: Person, row: int | None = None) -> builtins.list[Problem]:
    """Every rule a person record breaks (pure: no database), with the French field name."""
    p: builtins.list[Problem] = []
    if not person.last_name.strip():
        p.append(Problem("nom manquant", row, "nom"))
    if not person.roles:
        p.append(Problem("au moins un rôle est nécessaire (régulateur, effecteur, OSNP)", row, "rôles"))
    if person.roles & DOCTOR_ROLES or person.rpps:
        # Doctors must have a valid RPPS; an OSNP may have none, but not a wrong one.
        reason = rpps_problem(person.rpps)
        if reason:
            p.append(Problem(reason, row, "RPPS"))
    p += person_rule_problems(person, row)
    p += check_period(person.active_from, person.active_until, "fin d'activité", row)
    for c in person.contracts:
        p += check_period(c.start, c.end, "fin de contrat", row)
        if c.weekly_hours is not None and not 0 < c.weekly_hours <= 48:
            p.append(Problem(f"durée hebdomadaire du contrat invalide : {c.weekly_hours} h", row, "heures hebdomadaires"))
    for t in person.trainings:
        p += check_period(t.done_on, t.expires_on, f"expiration de la formation « {t.kind} »", row)
    if person.quota is not None:
        if (person.quota.yearly_hours or 0) < 0 or (person.quota.monthly_hours or 0) < 0:
            p.append(Problem("un quota d'heures ne peut pas être négatif", row, "quota"))
    for value, field in ((person.monthly_max_shifts, "engagement mensuel (gardes)"),
                         (person.monthly_max_hours, "engagement mensuel (heures)")):
        if value is not None and value < 0:
            p.append(Problem("un engagement mensuel ne peut pas être négatif", row, field))
    return p


class PersonService(ServiceBase):
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        super().__init__(sessions)
        self.repo = PersonRepository(sessions)

    # --- reads ----------------------------------------------------------------------------

    def get(self, person_id: int) -> Person:
        return self.repo.get(person_id)

    def find(self, person_id: int) -> Person | None:
        return self.repo.find(person_id)

    def by_rpps(self, rpps: str) -> Person | None:
        return self.repo.by_rpps(rpps)

    def list(
        self,
        *,
        role: Role | None = None,
        status: PersonStatus | None = None,
        territory: str | None = None,
        active: bool | None = None,
    ) -> builtins.list[Person]:
        return self.repo.list(role=role, status=status, territory=territory, active=active)

    def validate(self, persons: Sequence[Person]) -> builtins.list[Problem]:
        """Problems `add_many(persons)` would refuse, rows numbered from 1 (for importers' previews)."""
        with read_session(self._sessions) as s:
            return self._problems(s, [normalised(p) for p in persons], numbered=True)

    # --- writes ---------------------------------------------------------------------------

    def add(self, person: Person, actor: str | None = None) -> Person:
        return self.add_many([person], actor)[0]

    def add_many(self, persons: Sequence[Person], actor: str | None = None) -> builtins.list[Person]:
        """Add every person or none: one bad record refuses the whole batch."""
        wanted = [normalised(p) for p in persons]
        with self._tx(actor) as s:
            problems = self._problems(s, wanted, numbered=len(wanted) > 1)
            if any(p.id is not None for p in wanted):
                problems.append(Problem("une personne à ajouter ne doit pas avoir d'identifiant", field="id"))
            refuse(_refusal(len(problems), len(wanted)), problems)
            territories = _territory_ids(s)
            rows = []
            for p in wanted:
                row = PersonRow()
                m.apply_person(row, p, territories.get(p.territory) if p.territory else None)
                s.add(row)
                rows.append(row)
            s.flush()
            return [m.person_to_domain(r) for r in rows]

    def update(self, person: Person, actor: str | None = None) -> Person:
        if person.id is None:
            raise ValidationError("Modification impossible : personne sans identifiant")
        wanted = normalised(person)
        with self._tx(actor) as s:
            row = _row(s, person.id)
            refuse("Modification refusée", self._problems(s, [wanted], numbered=False))
            m.apply_person(row, wanted, _territory_ids(s).get(wanted.territory) if wanted.territory else None)
            s.flush()
            return m.person_to_domain(row)

    def deactivate(self, person_id: int, until: date | None = None, actor: str | None = None) -> Person:
        """Keep the person (and their history) but stop rostering them, from `until` (default today)."""
        with self._tx(actor) as s:
            row = _row(s, person_id)
            row.active = False
            row.active_until = until or row.active_until or date.today()
            if row.active_from and row.active_until < row.active_from:
                row.active_until = row.active_from
            s.flush()
            return m.person_to_domain(row)

    def reactivate(self, person_id: int, actor: str | None = None) -> Person:
        with self._tx(actor) as s:
            row = _row(s, person_id)
            row.active, row.active_until = True, None
            s.flush()
            return m.person_to_domain(row)

    def delete(self, person_id: int, actor: str | None = None) -> None:
        """Delete a person entered by mistake; refused once they appear in a roster or attendance."""
        with self._tx(actor) as s:
            row = _row(s, person_id)
            used = s.scalar(select(exists().where(AssignmentRow.person_id == person_id))) or s.scalar(
                select(exists().where(AttendanceRow.replaced_by == person_id))
            )
            if used:
                raise ValidationError(
                    f"{row.first_name} {row.last_name} figure dans un planning : suppression impossible. "
                    "Désactivez plutôt cette personne."
                )
            # What they declared goes with them (nothing else refers to it).
            for dependant in (AvailabilityRow, PdsaDutyRow):
                for d in s.scalars(select(dependant).where(dependant.person_id == person_id)):
                    s.delete(d)
            s.delete(row)

    def pseudonymise(self, person_id: int, actor: str | None = None) -> Person:
        """Erase the personal fields after the retention period; hours and amounts stay."""
        with self._tx(actor) as s:
            row = _row(s, person_id)
            p = m.person_to_domain(row)
            erased = dataclasses.replace(
                p, last_name=f"Personne {person_id}", first_name="", rpps=None, phone=None, email=None,
                remote=dataclasses.replace(p.remote, place="") if p.remote else None,
                extra={}, consent_contact=False, active=False, pseudonymised=True,
            )
            m.apply_person(row, erased, row.territory_id)
            s.flush()  # writes the audit row of this very change, erased below with the older ones
            now = {k: audit.json_value(getattr(row, k)) for k in PERSONAL_FIELDS if hasattr(row, k)}
            audit.erase_fields(s, "persons", str(person_id), set(PERSONAL_FIELDS), keep=now)
            return m.person_to_domain(row)

    # --- helpers --------------------------------------------------------------------------

    def _problems(self, s: Session, persons: builtins.list[Person], numbered: bool) -> builtins.list[Problem]:
        problems: builtins.list[Problem] = []
        territories = _territory_ids(s)
        seen: dict[str, int] = {}
        for i, p in enumerate(persons, start=1):
            row = i if numbered else None
            problems += person_problems(p, row)
            if p.territory and p.territory not in territories:
                problems.append(Problem(f"territoire « {p.territory} » inconnu", row, "territoire"))
            if not p.rpps:
                continue
            if p.rpps in seen:
                problems.append(Problem(f"RPPS {p.rpps} en double (déjà ligne {seen[p.rpps]})", row, "RPPS"))
            seen.setdefault(p.rpps, i)
            other = s.scalars(select(PersonRow).where(PersonRow.rpps == p.rpps)).first()
            if other is not None and other.id != p.id:
                problems.append(Problem(
                    f"RPPS {p.rpps} déjà enregistré pour {other.first_name} {other.last_name}", row, "RPPS"
                ))
        return problems


PERSONAL_FIELDS = ("last_name", "first_name", "rpps", "phone", "email", "remote_place", "extra")


def _refusal(n_problems: int, n_persons: int) -> str:
    if n_persons > 1:
        return f"{n_problems} problème(s) : aucune des {n_persons} personnes n'a été enregistrée"
    return "Personne refusée"


def _row(s: Session, person_id: int) -> PersonRow:
    row = s.get(PersonRow, person_id)
    if row is None:
        raise NotFoundError(f"Personne n° {person_id} introuvable")
    return row


def _territory_ids(s: Session) -> dict[str, int]:
    return {code: id_ for code, id_ in s.execute(select(TerritoryRow.code, TerritoryRow.id))}

