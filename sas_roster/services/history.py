"""Hours already worked, counted against retired doctors' quotas.

Attendance wins where it was recorded; elsewhere the plan (published or draft) counts:
- present → the planned minutes; absent → nothing;
- replaced → nothing for the planned person, the shift's minutes for the replacement
  (actual times when given);
- partial → the actual minutes;
- no attendance recorded (or still "planned") → the planned minutes.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, time

from sqlalchemy import or_, select

from ..domain.enums import AttendanceStatus
from ..persistence.models import AssignmentRow, AttendanceRow
from ..persistence.transactions import read_session
from .base import ServiceBase


def _minutes(start: time, end: time) -> int:
    return max(0, (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute))


class HistoryService(ServiceBase):
    def minutes_between(self, start: date, end: date, person_id: int | None = None) -> dict[int, int]:
        """Minutes worked per person on days `start` (inclusive) to `end` (exclusive)."""
        q = (
            select(AssignmentRow, AttendanceRow)
            .outerjoin(AttendanceRow, AttendanceRow.assignment_id == AssignmentRow.id)
            .where(AssignmentRow.day >= start, AssignmentRow.day < end)
        )
        if person_id is not None:
            q = q.where(or_(AssignmentRow.person_id == person_id, AttendanceRow.replaced_by == person_id))
        worked: dict[int, int] = defaultdict(int)
        with read_session(self._sessions) as s:
            for a, att in s.execute(q):
                planned = _minutes(a.start, a.end)
                status = att.status if att is not None else AttendanceStatus.PLANNED
                actual = (
                    _minutes(att.actual_start, att.actual_end)
                    if att is not None and att.actual_start and att.actual_end
                    else planned
                )
                if status in (AttendanceStatus.PLANNED, AttendanceStatus.PRESENT):
                    worked[a.person_id] += planned
                elif status is AttendanceStatus.PARTIAL:
                    worked[a.person_id] += actual
                elif status is AttendanceStatus.REPLACED and att is not None and att.replaced_by is not None:
                    worked[att.replaced_by] += actual
        return dict(worked)

    def minutes_in_year_before(self, year: int, before: date, person_id: int | None = None) -> dict[int, int]:
        """Minutes worked per person from 1 January of `year` up to the day before `before`."""
        return self.minutes_between(date(year, 1, 1), min(before, date(year + 1, 1, 1)), person_id)

    def minutes_worked(self, person_id: int, year: int, before: date) -> int:
        """Minutes `person_id` worked in `year` before `before` (e.g. the first day of the month)."""
        return self.minutes_in_year_before(year, before, person_id).get(person_id, 0)
