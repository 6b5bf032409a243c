"""Minutes already worked (retiree quotas): attendance where recorded, the plan elsewhere."""

from __future__ import annotations

from datetime import date, time

import pytest

from sas_roster.domain.enums import AttendanceStatus
from sas_roster.domain.errors import ValidationError
from sas_roster.domain.roster import AttendanceLine
from tests.persistence import samples


@pytest.fixture
def month(services):
    a = services.persons.add(samples.regulator(1)).id
    b = services.persons.add(samples.regulator(2)).id
    plan = services.rosters.replace_draft(2027, 5, [
        samples.assignment(a, 3),  # present: 240
        samples.assignment(a, 4),  # absent: 0
        samples.assignment(a, 5),  # replaced by b: 240 for b
        samples.assignment(a, 6),  # partial 9h-11h30: 150
        samples.assignment(a, 7),  # nothing recorded: plan, 240
        samples.assignment(b, 10, "R-S", 16, 20),  # b's own: 240
    ])
    return a, b, plan


def test_attendance_needs_a_published_roster(services, month) -> None:
    _, _, plan = month
    with pytest.raises(ValidationError, match="pas publié"):
        services.attendance.record([AttendanceLine(plan[0].id, AttendanceStatus.PRESENT)])


def test_minutes_worked_uses_attendance_then_the_plan(services, month) -> None:
    a, b, plan = month
    assert services.history.minutes_worked(a, 2027, date(2027, 6, 1)) == 5 * 240  # all planned
    services.rosters.publish(2027, 5)
    services.attendance.record([
        AttendanceLine(plan[0].id, AttendanceStatus.PRESENT),
        AttendanceLine(plan[1].id, AttendanceStatus.ABSENT),
        AttendanceLine(plan[2].id, AttendanceStatus.REPLACED, replaced_by=b),
        AttendanceLine(plan[3].id, AttendanceStatus.PARTIAL, actual_start=time(9), actual_end=time(11, 30)),
    ])
    assert services.history.minutes_worked(a, 2027, date(2027, 6, 1)) == 240 + 150 + 240
    assert services.history.minutes_worked(b, 2027, date(2027, 6, 1)) == 240 + 240
    # "before" is exclusive, and other years do not count.
    assert services.history.minutes_worked(a, 2027, date(2027, 5, 5)) == 240
    assert services.history.minutes_worked(a, 2028, date(2028, 6, 1)) == 0
    assert services.history.minutes_in_year_before(2027, date(2027, 12, 31)) == {a: 630, b: 480}


def test_attendance_is_updated_in_place_and_checked(services, month) -> None:
    a, b, plan = month
    services.rosters.publish(2027, 5)
    [first] = services.attendance.record([AttendanceLine(plan[0].id, AttendanceStatus.PRESENT)])
    [again] = services.attendance.record([AttendanceLine(plan[0].id, AttendanceStatus.ABSENT, note="malade")])
    assert again.id == first.id and services.attendance.list_month(2027, 5) == [again]
    with pytest.raises(ValidationError) as caught:
        services.attendance.record([
            AttendanceLine(plan[1].id, AttendanceStatus.REPLACED),
            AttendanceLine(plan[2].id, AttendanceStatus.PARTIAL, actual_start=time(12), actual_end=time(9)),
            AttendanceLine(99999, AttendanceStatus.PRESENT),
        ])
    assert [(p.row, p.field) for p in caught.value.problems] == [(1, "remplaçant"), (2, "horaires"), (3, "affectation")]
    assert services.attendance.list_month(2027, 5) == [again]
