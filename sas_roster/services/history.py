"""Hours already worked, counted against retired doctors' quotas.

Attendance wins where it was recorded; elsewhere the plan (published or draft) counts:
- present → the planned minutes; absent → nothing;
- replaced → nothing for the planned person, the shift's minutes for the replacement
  (actual times when given);
- partial → the actual minutes;
- no attendance recorded (or still "planned") → the planned minutes.
Months before the app kept rosters count through the hours entered as history
(``import history``): per person, role and month.

Retiree quotas count **regulation** only: callers pass ``role=Role.REGULATOR``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, time

from sqlalchemy import select

from ..domain.enums import AttendanceStatus, Role
from ..domain.errors import Problem
from ..domain.quotas import WorkedHours
from ..persistence.models import AssignmentRow, AttendanceRow, PersonRow, RosterRow, WorkedHoursRow
from ..persistence.transactions import read_session
from .base import ServiceBase, refuse


def _minutes(start: time, end: time) -> int:
    return max(0, (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute))


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def worked_hours_problems(items: Sequence[WorkedHours], row_of=lambda i: i + 1) -> list[Problem]:
    """What is wrong with hours entered as history (pure)."""
    out: list[Problem] = []
    seen: dict[tuple[int, Role, int, int], int] = {}
    for i, w in enumerate(items):
        row = row_of(i)
        if not 1 <= w.month <= 12 or not 1990 <= w.year <= 2200:
            out.append(Problem(f"mois {w.month:02d}/{w.year} invalide", row, "Mois"))
        if w.minutes < 0:
            out.append(Problem("un nombre d'heures ne peut pas être négatif", row, "Heures"))
        if w.minutes > 31 * 24 * 60:
            out.append(Problem(f"{w.minutes / 60:g} h dans un mois : impossible", row, "Heures"))
        if len(w.note) > 200:
            out.append(Problem(f"texte trop long : {len(w.note)} caractères pour 200 au plus", row, "Remarque"))
        key = (w.person_id, w.role, w.year, w.month)
        if key in seen:
            out.append(Problem(f"même personne, même rôle et même mois que la ligne {seen[key]}", row, "Mois"))
        seen.setdefault(key, row)
    return out


class HistoryService(ServiceBase):
    def minutes_between(self, start: date, end: date, person_id: int | None = None,
                        role: Role | None = None) -> dict[int, int]:
        """Minutes worked per person on days `start` (inclusive) to `end` (exclusive), in the
        stored rosters and attendance (and only in `role` when given).

        An attendance line is matched to its planned shift by the shift's slot (day, role,
        template, territory, planned person), which the line keeps as published."""
        worked: dict[int, int] = defaultdict(int)
        recorded: set[tuple[object, ...]] = set()
        with read_session(self._sessions) as s:
            lq = select(AttendanceRow).where(AttendanceRow.day >= start, AttendanceRow.day < end)
            if role is not None:
                lq = lq.where(AttendanceRow.role == role)
            for att in s.scalars(lq):
                if att.status is AttendanceStatus.PLANNED:
                    continue
                recorded.add((att.day, att.role, att.template_code, att.territory, att.person_id))
                planned = _minutes(att.start, att.end)
                actual = _minutes(att.actual_start, att.actual_end) if att.actual_start and att.actual_end else planned
                if att.status is AttendanceStatus.PRESENT:
                    worked[att.person_id] += planned
                elif att.status is AttendanceStatus.PARTIAL:
                    worked[att.person_id] += actual
                elif att.status is AttendanceStatus.REPLACED and att.replaced_by is not None:
                    worked[att.replaced_by] += actual
            q = select(AssignmentRow).where(AssignmentRow.day >= start, AssignmentRow.day < end)
            if role is not None:
                q = q.where(AssignmentRow.role == role)
            for a in s.scalars(q):
                key = (a.day, a.role, a.template_code, a.territory.code if a.territory else None, a.person_id)
                if key not in recorded:
                    worked[a.person_id] += _minutes(a.start, a.end)
        if person_id is not None:
            return {person_id: worked[person_id]} if worked.get(person_id) else {}
        return dict(worked)

    def minutes_in_year_before(self, year: int, before: date, person_id: int | None = None,
                               role: Role | None = None) -> dict[int, int]:
        """Minutes worked per person from 1 January of `year` up to the day before `before`:
        the stored rosters plus the hours entered as history for the months before `before`."""
        worked = self.minutes_between(date(year, 1, 1), min(before, date(year + 1, 1, 1)), person_id, role)
        last = min(_month_index(before.year, before.month), _month_index(year + 1, 1))
        q = select(WorkedHoursRow).where(WorkedHoursRow.year == year)
        if person_id is not None:
            q = q.where(WorkedHoursRow.person_id == person_id)
        if role is not None:
            q = q.where(WorkedHoursRow.role == role)
        with read_session(self._sessions) as s:
            for w in s.scalars(q):
                if _month_index(w.year, w.month) < last:
                    worked[w.person_id] = worked.get(w.person_id, 0) + w.minutes
        return worked

    def minutes_worked(self, person_id: int, year: int, before: date, role: Role | None = None) -> int:
        """Minutes `person_id` worked in `year` before `before` (e.g. the first day of the month)."""
        return self.minutes_in_year_before(year, before, person_id, role).get(person_id, 0)

    def regulation_minutes_before(self, year: int, before: date) -> dict[int, int]:
        """What retiree quotas count: regulation minutes of `year` before `before`, per person."""
        return self.minutes_in_year_before(year, before, role=Role.REGULATOR)

    # --- hours entered for the months before the app ------------------------------------

    def entered(self, year: int | None = None, person_id: int | None = None) -> list[WorkedHours]:
        """Hours entered as history, by year, month, person and role."""
        q = select(WorkedHoursRow).order_by(WorkedHoursRow.year, WorkedHoursRow.month, WorkedHoursRow.person_id,
                                            WorkedHoursRow.role)
        if year is not None:
            q = q.where(WorkedHoursRow.year == year)
        if person_id is not None:
            q = q.where(WorkedHoursRow.person_id == person_id)
        with read_session(self._sessions) as s:
            return [WorkedHours(r.person_id, r.role, r.year, r.month, r.minutes, r.note, id=r.id) for r in s.scalars(q)]

    def months_with_rosters(self) -> set[tuple[int, int]]:
        """Months the app keeps a roster with assignments for (history there would count twice)."""
        q = select(RosterRow.year, RosterRow.month).where(
            select(AssignmentRow.id).where(AssignmentRow.roster_id == RosterRow.id).exists())
        with read_session(self._sessions) as s:
            return {(y, m) for y, m in s.execute(q)}

    def save_entered(self, items: Sequence[WorkedHours], actor: str | None = None) -> list[WorkedHours]:
        """Store hours entered as history: each (person, role, month) given replaces what was
        entered for it (0 h removes it). All or nothing."""
        problems = worked_hours_problems(items)
        with self._tx(actor) as s:
            known = set(s.scalars(select(PersonRow.id).where(PersonRow.id.in_({w.person_id for w in items}))))
            problems += [Problem(f"personne n° {w.person_id} introuvable", i + 1, "RPPS")
                         for i, w in enumerate(items) if w.person_id not in known]
            refuse("Heures antérieures refusées : rien n'a été enregistré", problems)
            write_worked_hours(s, items)
            s.flush()
        return self.entered()


def write_worked_hours(s, items: Sequence[WorkedHours]) -> tuple[int, int, int]:
    """Upsert `items` in session `s` by (person, role, month); returns (added, updated, removed)."""
    added = updated = removed = 0
    if not items:
        return 0, 0, 0
    keys = [(w.person_id, w.role, w.year, w.month) for w in items]
    stored = s.scalars(select(WorkedHoursRow).where(
        WorkedHoursRow.person_id.in_({k[0] for k in keys}), WorkedHoursRow.year.in_({k[2] for k in keys})))
    rows = {(r.person_id, r.role, r.year, r.month): r for r in stored}
    for w, key in zip(items, keys):
        row = rows.get(key)
        if row is None:
            if w.minutes:
                s.add(WorkedHoursRow(person_id=w.person_id, role=w.role, year=w.year, month=w.month,
                                     minutes=w.minutes, note=w.note))
                added += 1
        elif w.minutes == 0:
            s.delete(row)
            removed += 1
        elif (row.minutes, row.note) != (w.minutes, w.note):
            row.minutes, row.note = w.minutes, w.note
            updated += 1
    return added, updated, removed
