"""Minutes already worked (retiree quotas): attendance where recorded, the plan elsewhere;
attendance lines opened from the published version, recorded all or nothing, confirmed."""

from __future__ import annotations

from datetime import date, time

import pytest

from sas_roster.domain.enums import AttendanceStatus
from sas_roster.domain.errors import NotFoundError, ValidationError
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


def test_attendance_needs_a_published_version(services, month) -> None:
    with pytest.raises(NotFoundError, match="Aucune version publiée"):
        services.attendance.open_month(2027, 5)


def test_minutes_worked_uses_attendance_then_the_plan(services, month) -> None:
    a, b, _ = month
    assert services.history.minutes_worked(a, 2027, date(2027, 6, 1)) == 5 * 240  # all planned
    services.rosters.publish(2027, 5)
    lines = services.attendance.open_month(2027, 5)
    assert len(lines) == 6 and all(ln.open for ln in lines)
    services.attendance.record([
        lines[0].with_status(AttendanceStatus.PRESENT),
        lines[1].with_status(AttendanceStatus.ABSENT),
        lines[2].with_status(AttendanceStatus.REPLACED, replaced_by=b),
        lines[3].with_status(AttendanceStatus.PARTIAL, actual_start=time(9), actual_end=time(11, 30)),
    ])
    assert services.history.minutes_worked(a, 2027, date(2027, 6, 1)) == 240 + 150 + 240
    assert services.history.minutes_worked(b, 2027, date(2027, 6, 1)) == 240 + 240
    # "before" is exclusive, and other years do not count.
    assert services.history.minutes_worked(a, 2027, date(2027, 5, 5)) == 240
    assert services.history.minutes_worked(a, 2028, date(2028, 6, 1)) == 0
    assert services.history.minutes_in_year_before(2027, date(2027, 12, 31)) == {a: 630, b: 480}


def test_attendance_is_updated_in_place_and_checked(services, month) -> None:
    a, b, _ = month
    services.rosters.publish(2027, 5)
    lines = services.attendance.open_month(2027, 5)
    [first] = services.attendance.record([lines[0].with_status(AttendanceStatus.PRESENT)])
    [again] = services.attendance.record([lines[0].with_status(AttendanceStatus.ABSENT, note="malade")])
    assert again.id == first.id and services.attendance.list_month(2027, 5)[0] == again
    with pytest.raises(ValidationError) as caught:
        services.attendance.record([
            lines[1].with_status(AttendanceStatus.REPLACED),
            lines[2].with_status(AttendanceStatus.PARTIAL, actual_start=time(12), actual_end=time(9)),
            lines[3].with_status(AttendanceStatus.PRESENT, shift_uid="nope"),
        ])
    assert [(p.row, p.field) for p in caught.value.problems] == [(1, "remplaçant"), (2, "horaires"), (3, "créneau")]
    assert services.attendance.list_month(2027, 5)[0] == again
    assert [ln.status for ln in services.attendance.list_month(2027, 5)][1:] == [AttendanceStatus.PLANNED] * 5


def test_confirm_is_refused_while_lines_are_open_then_freezes_the_month(services, month) -> None:
    services.rosters.publish(2027, 5)
    lines = services.attendance.open_month(2027, 5)
    services.attendance.all_present(2027, 5, date(2027, 5, 3))
    with pytest.raises(ValidationError, match="5 créneau") as caught:
        services.attendance.confirm(2027, 5, actor="Trésorière")
    assert len(caught.value.problems) == 5 and "04/05/2027" in str(caught.value)
    for d in (4, 5, 6, 7, 10):
        services.attendance.all_present(2027, 5, date(2027, 5, d))
    done = services.attendance.confirm(2027, 5, actor="Trésorière")
    assert done.confirmed_by == "Trésorière" and services.attendance.confirmation(2027, 5) is not None
    with pytest.raises(ValidationError, match="déjà confirmées"):
        services.attendance.record([lines[0].with_status(AttendanceStatus.ABSENT)])
    services.attendance.reopen(2027, 5)
    services.attendance.record([lines[0].with_status(AttendanceStatus.ABSENT)])


def test_an_amendment_adds_new_shifts_and_drops_cancelled_open_ones(services, month) -> None:
    a, b, _ = month
    services.settings.save(samples.settings())
    services.settings.save_territories(samples.territories())
    services.settings.save_shift_templates(samples.templates())
    services.rosters.publish(2027, 5)
    v1 = services.attendance.open_month(2027, 5)
    recorded = next(ln for ln in v1 if ln.day == date(2027, 5, 3))
    services.attendance.record([recorded.with_status(AttendanceStatus.PRESENT)])
    services.amendments.unassign(2027, 5, a, date(2027, 5, 3), None, "désistement", actor="coord")
    services.amendments.unassign(2027, 5, a, date(2027, 5, 4), None, "désistement", actor="coord")
    services.amendments.assign(2027, 5, b, date(2027, 5, 4), "R-M", "remplacement", actor="coord")
    services.amendments.publish(2027, 5, "désistements du 3 et du 4", actor="coord")
    v2 = services.attendance.open_month(2027, 5)
    by_day = {(ln.day.day, ln.person_id): ln for ln in v2}
    assert (3, a) in by_day and by_day[(3, a)].status is AttendanceStatus.PRESENT  # recorded: kept
    assert (4, a) not in by_day  # cancelled and never recorded: dropped
    assert by_day[(4, b)].version == 2 and by_day[(4, b)].open  # the new shift, from version 2
    assert len(v2) == len(v1)
