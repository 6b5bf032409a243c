"""Use cases on what people declared about their time, and on the imported PDSA duties."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..domain.availability import AvailabilityEntry, PdsaDuty
from ..domain.errors import Problem
from ..persistence import mapping as m
from ..persistence.models import AvailabilityRow, PdsaDutyRow, PersonRow
from ..persistence.repositories import PlanningRepository, month_bounds
from .base import ServiceBase, refuse

MAX_DUTY = timedelta(hours=24)


def _unknown_persons(s: Session, person_ids: Iterable[int]) -> set[int]:
    wanted = set(person_ids)
    if not wanted:
        return set()
    found = set(s.scalars(select(PersonRow.id).where(PersonRow.id.in_(wanted))))
    return wanted - found


class AvailabilityService(ServiceBase):
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        super().__init__(sessions)
        self.repo = PlanningRepository(sessions)

    def list_month(self, year: int, month: int, person_id: int | None = None) -> list[AvailabilityEntry]:
        return self.repo.availability(year, month, person_id)

    def set_month(
        self, person_id: int, year: int, month: int, entries: Sequence[AvailabilityEntry], actor: str | None = None
    ) -> list[AvailabilityEntry]:
        """Replace what `person_id` declared for the month by `entries`."""
        return self.replace_many(year, month, entries, actor, person_ids=[person_id])

    def replace_many(
        self,
        year: int,
        month: int,
        entries: Sequence[AvailabilityEntry],
        actor: str | None = None,
        person_ids: Iterable[int] | None = None,
    ) -> list[AvailabilityEntry]:
        """All-or-nothing: for every person in `entries` (and in `person_ids`), their entries of
        the month become exactly those given. Other people's entries are left alone."""
        first, last = month_bounds(year, month)
        persons = {e.person_id for e in entries} | set(person_ids or ())
        problems: list[Problem] = []
        for i, e in enumerate(entries, 1):
            if not first <= e.day <= last:
                problems.append(Problem(f"le {e.day:%d/%m/%Y} n'est pas dans le mois {year:04d}-{month:02d}", i, "date"))
            if person_ids is not None and e.person_id not in set(person_ids):
                problems.append(Problem(f"entrée d'une autre personne (n° {e.person_id})", i, "personne"))
        with self._tx(actor) as s:
            problems += [Problem(f"personne n° {pid} inconnue", field="personne") for pid in sorted(_unknown_persons(s, persons))]
            refuse(f"Disponibilités refusées : rien n'a été enregistré ({len(problems)} problème(s))", problems)
            old = s.scalars(
                select(AvailabilityRow).where(AvailabilityRow.person_id.in_(persons), AvailabilityRow.day.between(first, last))
            )
            # Keep identical entries untouched, so the audit log shows only what changed.
            wanted: dict[tuple, list[AvailabilityEntry]] = {}
            for e in entries:
                wanted.setdefault(_key(e), []).append(e)
            rows = []
            for row in old:
                bucket = wanted.get(_key(m.availability_to_domain(row)))
                if bucket:
                    bucket.pop()
                    rows.append(row)
                else:
                    s.delete(row)
            s.flush()  # deletions before insertions (uniqueness of an entry)
            for bucket in wanted.values():
                for e in bucket:
                    row = m.availability_row(e)
                    s.add(row)
                    rows.append(row)
            s.flush()
            return sorted((m.availability_to_domain(r) for r in rows), key=lambda e: (e.person_id, e.day, e.range.start))


def _key(e: AvailabilityEntry) -> tuple:
    return (e.person_id, e.day, e.range.start, e.range.end, e.kind)


class PdsaService(ServiceBase):
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        super().__init__(sessions)
        self.repo = PlanningRepository(sessions)

    def list_period(self, start: date, end: date, person_id: int | None = None) -> list[PdsaDuty]:
        """Duties overlapping the days `start`..`end` inclusive."""
        return self.repo.pdsa_duties(start, end, person_id)

    def add_many(self, duties: Sequence[PdsaDuty], actor: str | None = None) -> list[PdsaDuty]:
        """Add every duty or none."""
        return self._store(duties, actor, clear=None)

    def replace_period(
        self, start: date, end: date, duties: Sequence[PdsaDuty], actor: str | None = None
    ) -> list[PdsaDuty]:
        """Re-import a period: duties starting on days `start`..`end` become exactly `duties`."""
        return self._store(duties, actor, clear=(start, end))

    def _store(self, duties: Sequence[PdsaDuty], actor: str | None, clear: tuple[date, date] | None) -> list[PdsaDuty]:
        problems: list[Problem] = []
        for i, d in enumerate(duties, 1):
            if d.end <= d.start:
                problems.append(Problem("la garde finit avant de commencer", i, "fin"))
            elif d.end - d.start > MAX_DUTY:
                problems.append(Problem("une garde de PDSA ne dépasse pas 24 h", i, "fin"))
            if d.start.tzinfo is not None or d.end.tzinfo is not None:
                problems.append(Problem("heures attendues en heure locale (sans fuseau)", i, "début"))
            if clear and not clear[0] <= d.start.date() <= clear[1]:
                problems.append(Problem(f"garde du {d.start:%d/%m/%Y} hors de la période importée", i, "début"))
        with self._tx(actor) as s:
            problems += [Problem(f"personne n° {pid} inconnue", field="personne")
                         for pid in sorted(_unknown_persons(s, (d.person_id for d in duties)))]
            refuse(f"Gardes de PDSA refusées : rien n'a été enregistré ({len(problems)} problème(s))", problems)
            if clear:
                lo, hi = datetime.combine(clear[0], time.min), datetime.combine(clear[1], time.max)
                for row in s.scalars(select(PdsaDutyRow).where(PdsaDutyRow.start.between(lo, hi))):
                    s.delete(row)
                s.flush()  # deletions first: a re-imported duty takes the same (person, start)
            rows = [m.duty_row(d) for d in duties]
            s.add_all(rows)
            s.flush()
            return [m.duty_to_domain(r) for r in rows]
