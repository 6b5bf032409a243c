"""Availability per person and month, PDSA duties: replaced all or nothing."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time

import pytest

from sas_roster.domain.availability import AvailabilityEntry, PdsaDuty
from sas_roster.domain.enums import AvailabilityKind, DutyKind
from sas_roster.domain.errors import ValidationError
from sas_roster.domain.settings import TimeRange
from tests.persistence import samples


@pytest.fixture
def two(services):
    return [services.persons.add(samples.regulator(1)).id, services.persons.add(samples.regulator(2)).id]


def _strip(entries):
    return [dataclasses.replace(e, id=None) for e in entries]


def test_set_month_replaces_only_that_person_and_month(services, two) -> None:
    a, b = two
    services.availability.set_month(a, 2027, 5, samples.availability(a))
    services.availability.set_month(b, 2027, 5, samples.availability(b))
    services.availability.set_month(a, 2027, 6, samples.availability(a, 2027, 6))
    new = [AvailabilityEntry(a, date(2027, 5, 20), TimeRange(time(14), time(20)), AvailabilityKind.IF_NEEDED)]
    services.availability.set_month(a, 2027, 5, new)
    assert _strip(services.availability.list_month(2027, 5, a)) == new
    assert _strip(services.availability.list_month(2027, 5, b)) == samples.availability(b)
    assert len(services.availability.list_month(2027, 6)) == 3


def test_an_a_distance_wish_is_stored_and_read_back(services, two) -> None:
    a, _ = two
    wish = [AvailabilityEntry(a, date(2027, 5, 20), TimeRange(time(8), time(12)), AvailabilityKind.AVAILABLE,
                              remote=True),
            AvailabilityEntry(a, date(2027, 5, 21), TimeRange(time(8), time(12)), AvailabilityKind.AVAILABLE)]
    services.availability.set_month(a, 2027, 5, wish)
    assert [e.remote for e in services.availability.list_month(2027, 5, a)] == [True, False]


def test_unchanged_entries_keep_their_rows(services, two) -> None:
    a, _ = two
    first = services.availability.set_month(a, 2027, 5, samples.availability(a))
    again = services.availability.set_month(a, 2027, 5, samples.availability(a)[:2])
    assert {e.id for e in again} <= {e.id for e in first}
    assert [e.action for e in services.audit.entries(entity="availability_entries", limit=None)].count("delete") == 1


def test_replace_many_is_all_or_nothing(services, two) -> None:
    a, b = two
    services.availability.replace_many(2027, 5, samples.availability(a))
    stored = services.availability.list_month(2027, 5)
    bad = samples.availability(b) + [AvailabilityEntry(a, date(2027, 6, 1), TimeRange(time(8), time(12)), AvailabilityKind.AVAILABLE)]
    bad += [AvailabilityEntry(999, date(2027, 5, 2), TimeRange(time(8), time(12)), AvailabilityKind.AVAILABLE)]
    with pytest.raises(ValidationError) as caught:
        services.availability.replace_many(2027, 5, bad)
    assert {p.field for p in caught.value.problems} == {"date", "personne"}
    assert "rien n'a été enregistré" in caught.value.message
    assert services.availability.list_month(2027, 5) == stored


def test_pdsa_duties_listed_by_overlap_and_replaced_by_period(services, two) -> None:
    a, b = two
    services.pdsa.add_many(samples.duties(a))
    night_before = PdsaDuty(b, datetime(2027, 4, 30, 20), datetime(2027, 5, 1, 8), DutyKind.REGULATION)
    services.pdsa.add_many([night_before])
    may = services.pdsa.list_period(date(2027, 5, 1), date(2027, 5, 31))
    assert len(may) == 3 and may[0].person_id == b  # the night that ends on 1 May counts
    assert [d.minutes for d in services.pdsa.list_period(date(2027, 5, 8), date(2027, 5, 8))] == [480]

    reimport = [PdsaDuty(a, datetime(2027, 5, 3, 20), datetime(2027, 5, 4, 8), DutyKind.REGULATION, "secteur 4")]
    services.pdsa.replace_period(date(2027, 5, 1), date(2027, 5, 31), reimport)
    assert [dataclasses.replace(d, id=None) for d in services.pdsa.list_period(date(2027, 5, 1), date(2027, 5, 31))] == [
        night_before, reimport[0]
    ]


def test_bad_duties_are_refused_together(services, two) -> None:
    a, _ = two
    bad = [
        PdsaDuty(a, datetime(2027, 5, 3, 20), datetime(2027, 5, 3, 8), DutyKind.REGULATION),
        PdsaDuty(a, datetime(2027, 5, 3, 8), datetime(2027, 5, 5, 8), DutyKind.REGULATION),
        samples.duties(a)[0],
    ]
    with pytest.raises(ValidationError) as caught:
        services.pdsa.add_many(bad)
    assert [(p.row, p.field) for p in caught.value.problems] == [(1, "fin"), (2, "fin")]
    assert services.pdsa.list_period(date(2027, 5, 1), date(2027, 5, 31)) == []
