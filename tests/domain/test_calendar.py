from datetime import date, time, timedelta

import pytest

from sas_roster.domain.calendar import PARIS, month_calendar, parse_month, public_holidays
from sas_roster.domain.enums import HolidayZone, Role
from sas_roster.domain.errors import ValidationError
from sas_roster.domain.settings import AssociationSettings, BridgeDay, TimeRange


@pytest.fixture
def settings():
    return AssociationSettings(name="Test")


def test_may_2027_metropole(settings):
    cal = month_calendar(settings, 2027, 5)
    days = [d.day.day for d in cal.days]
    # 1 (Sat, Fête du Travail), 6 (Ascension), 8 (Sat, Victoire), 17 (Pentecôte) are off; Sundays never open.
    for off in (1, 2, 6, 8, 9, 16, 17, 23, 30):
        assert off not in days
    assert len(cal.days) == 22
    saturdays = [d for d in cal.days if d.day.weekday() == 5]
    assert [d.day.day for d in saturdays] == [15, 22, 29]
    assert all(d.minutes(Role.REGULATOR) == 240 for d in saturdays)
    assert cal.total_minutes(Role.REGULATOR) == (19 * 12 + 3 * 4) * 60
    assert {s.day.day for s in cal.skipped} == {1, 6, 8, 17}


def test_alsace_moselle_good_friday_march_2027(settings):
    metro = month_calendar(settings, 2027, 3, HolidayZone.METROPOLE)
    am = month_calendar(settings, 2027, 3, HolidayZone.ALSACE_MOSELLE)
    assert metro.day(date(2027, 3, 26)) is not None
    assert am.day(date(2027, 3, 26)) is None
    assert metro.total_minutes(Role.REGULATOR) - am.total_minutes(Role.REGULATOR) == 12 * 60
    reasons = {s.day: s.reason for s in am.skipped}
    assert "Vendredi saint" in reasons[date(2027, 3, 26)]


def test_alsace_moselle_saint_stephen(settings):
    # 26 December 2028 is a Tuesday: a continuity day in metropole, a holiday in Alsace-Moselle.
    assert month_calendar(settings, 2028, 12).day(date(2028, 12, 26)) is not None
    assert month_calendar(settings, 2028, 12, HolidayZone.ALSACE_MOSELLE).day(date(2028, 12, 26)) is None


@pytest.mark.parametrize("year", [2026, 2027, 2028])
def test_reunion_abolition_day(settings, year):
    # La Réunion celebrates the abolition of slavery on 20 December.
    h = public_holidays(HolidayZone.REUNION, year)
    assert date(year, 12, 20) in h
    assert date(year, 12, 20) not in public_holidays(HolidayZone.METROPOLE, year)
    cal = month_calendar(settings, year, 12, HolidayZone.REUNION)
    assert cal.day(date(year, 12, 20)) is None


@pytest.mark.parametrize("year", [2026, 2027, 2028])
@pytest.mark.parametrize("zone", [HolidayZone.METROPOLE, HolidayZone.ALSACE_MOSELLE, HolidayZone.GUADELOUPE])
def test_years_have_no_sunday_and_no_holiday(settings, year, zone):
    holidays_ = public_holidays(zone, year)
    total = 0
    for month in range(1, 13):
        cal = month_calendar(settings, year, month, zone)
        for d in cal.days:
            assert d.day.weekday() != 6
            assert d.day not in holidays_
        total += len(cal.days)
    weekdays_and_saturdays = sum(
        1 for n in range(366) if (date(year, 1, 1) + timedelta(n)).year == year
        and (date(year, 1, 1) + timedelta(n)).weekday() != 6
    )
    open_holidays = sum(1 for d in holidays_ if d.weekday() != 6)
    assert total == weekdays_and_saturdays - open_holidays


def test_bridge_days_whole_and_from_noon():
    s = AssociationSettings(
        name="x",
        bridge_days=(BridgeDay(date(2027, 5, 7), None, "pont de l'Ascension"), BridgeDay(date(2027, 12, 24), time(12))),
    )
    may = month_calendar(s, 2027, 5)
    assert may.day(date(2027, 5, 7)) is None
    assert any("pont de l'Ascension" in x.reason for x in may.skipped)
    dec24 = month_calendar(s, 2027, 12).day(date(2027, 12, 24))
    assert dec24.hours[Role.REGULATOR] == TimeRange(time(8), time(12))
    assert dec24.shortened_by is not None


def test_per_role_opening_hours():
    s = AssociationSettings(name="young SAS")
    s.opening_hours[Role.REGULATOR] = {wd: TimeRange(time(9), time(19)) for wd in range(5)}
    cal = month_calendar(s, 2027, 6)
    monday = cal.day(date(2027, 6, 7))
    assert monday.minutes(Role.REGULATOR) == 600
    assert monday.minutes(Role.OSNP) == 720
    # no regulator on Saturdays any more, the OSNP still open
    sat = cal.day(date(2027, 6, 5))
    assert Role.REGULATOR not in sat.hours and sat.minutes(Role.OSNP) == 240


def test_daylight_saving_week_keeps_wall_hours(settings):
    # Clocks go forward on Sunday 28 March 2027; Monday 29 is Easter Monday, so Tuesday 30.
    cal = month_calendar(settings, 2027, 3)
    tue = cal.day(date(2027, 3, 30))
    fri = cal.day(date(2027, 3, 26))
    assert tue.minutes(Role.REGULATOR) == fri.minutes(Role.REGULATOR) == 720
    assert tue.start_of(Role.REGULATOR).utcoffset().total_seconds() == 7200
    assert fri.start_of(Role.REGULATOR).utcoffset().total_seconds() == 3600
    assert tue.start_of(Role.REGULATOR).tzinfo is PARIS


@pytest.mark.parametrize("text", ["2027-13", "27-05", "mai", "2027/05", ""])
def test_parse_month_refuses_in_french(text):
    with pytest.raises(ValidationError, match="AAAA-MM"):
        parse_month(text)
