"""Recording what happened on planned shifts (present, absent, replaced, partial)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..domain.enums import AttendanceStatus, RosterStatus
from ..domain.errors import Problem
from ..domain.roster import AttendanceLine
from ..persistence import mapping as m
from ..persistence.models import AssignmentRow, AttendanceRow, PersonRow
from ..persistence.repositories import PlanningRepository
from .base import ServiceBase, refuse


class AttendanceService(ServiceBase):
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        super().__init__(sessions)
        self.repo = PlanningRepository(sessions)

    def list_month(self, year: int, month: int) -> list[AttendanceLine]:
        return self.repo.attendance(year, month)

    def record(self, lines: Sequence[AttendanceLine], actor: str | None = None) -> list[AttendanceLine]:
        """Store attendance lines (one per assignment, updated in place), all or nothing.

        Only shifts of a published roster can be attended."""
        with self._tx(actor) as s:
            assignments = {
                a.id: a for a in s.scalars(select(AssignmentRow).where(AssignmentRow.id.in_({ln.assignment_id for ln in lines})))
            }
            replacers = {ln.replaced_by for ln in lines if ln.replaced_by is not None}
            known = set(s.scalars(select(PersonRow.id).where(PersonRow.id.in_(replacers))))
            problems: list[Problem] = []
            for i, ln in enumerate(lines, 1):
                a = assignments.get(ln.assignment_id)
                if a is None:
                    problems.append(Problem(f"affectation n° {ln.assignment_id} introuvable", i, "affectation"))
                elif a.roster.status is not RosterStatus.PUBLISHED:
                    problems.append(Problem("le planning de ce créneau n'est pas publié", i, "affectation"))
                if ln.status is AttendanceStatus.REPLACED:
                    if ln.replaced_by is None:
                        problems.append(Problem("remplacement sans remplaçant", i, "remplaçant"))
                    elif ln.replaced_by not in known:
                        problems.append(Problem(f"remplaçant n° {ln.replaced_by} inconnu", i, "remplaçant"))
                if ln.status is AttendanceStatus.PARTIAL:
                    if ln.actual_start is None or ln.actual_end is None:
                        problems.append(Problem("présence partielle sans horaires réels", i, "horaires"))
                    elif not ln.actual_start < ln.actual_end:
                        problems.append(Problem("l'heure de fin réelle précède l'heure de début", i, "horaires"))
            refuse("Présences refusées : rien n'a été enregistré", problems)
            existing = {
                r.assignment_id: r
                for r in s.scalars(select(AttendanceRow).where(AttendanceRow.assignment_id.in_(assignments)))
            }
            rows = []
            for ln in lines:
                row = existing.get(ln.assignment_id)
                if row is None:
                    row = existing[ln.assignment_id] = AttendanceRow()
                    s.add(row)
                m.apply_attendance(row, ln)
                rows.append(row)
            s.flush()
            return [m.attendance_to_domain(r) for r in rows]
