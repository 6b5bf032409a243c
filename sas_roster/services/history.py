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

from sqlalchemy import select

from ..domain.enums import AttendanceStatus
from ..persistence.models import AssignmentRow, AttendanceRow
from .base import ServiceBase


def _minutes(start: time, end: time) -> int:
    return max(0, (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute))


class HistoryService(ServiceBase):
    def minutes_between(self, start: date, end: date, person_id: int | None = None) -> dict[int, int]:
        """Minutes worked per person on days `start` (inclusive) to `end` (exclusive).

        An attendance line is matched to its planned shift by the shift's slot (day, role,
        template, territory, planned person), which the line keeps as published."""
        worked: dict[int, int] = defaultdict(int)
        recorded: set[tuple[object, ...]] = set()
        with self._sessions() as s:
            lines = s.scalars(select(AttendanceRow).where(AttendanceRow.day >= start, AttendanceRow.day < end))
            for att in lines:
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
            for a in s.scalars(q):
                key = (a.day, a.role, a.template_code, a.territory.code if a.territory else None, a.person_id)
                if key not in recorded:
                    worked[a.person_id] += _minutes(a.start, a.end)
        if person_id is not None:
            return {person_id: worked[person_id]} if worked.get(person_id) else {}
        return dict(worked)

    def minutes_in_year_before(self, year: int, before: date, person_id: int | None = None) -> dict[int, int]:
        """Minutes worked per person from 1 January of `year` up to the day before `before`."""
        return self.minutes_between(date(year, 1, 1), min(before, date(year + 1, 1, 1)), person_id)

    def minutes_worked(self, person_id: int, year: int, before: date) -> int:
        """Minutes `person_id` worked in `year` before `before` (e.g. the first day of the month)."""
        return self.minutes_in_year_before(year, before, person_id).get(person_id, 0)
