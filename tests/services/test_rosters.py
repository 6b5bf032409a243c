"""Monthly rosters: drafts replaced around pinned assignments; published ones untouched."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from sas_roster.domain.enums import Role, RosterStatus
from sas_roster.domain.errors import NotFoundError, ValidationError
from tests.persistence import samples


@pytest.fixture
def people(services):
    services.settings.save_territories(samples.territories())
    reg = services.persons.add(samples.regulator(1)).id
    both = services.persons.add(samples.full_person()).id
    return reg, both


def _keys(assignments):
    return sorted(a.key() for a in assignments)


def test_get_or_create_makes_one_draft_per_month(services) -> None:
    r = services.rosters.get_or_create(2027, 5)
    assert (r.status, r.version, r.published_at, r.assignments) == (RosterStatus.DRAFT, 0, None, [])
    assert services.rosters.get_or_create(2027, 5).id == r.id
    assert [x.label for x in services.rosters.list()] == ["2027-05"]
    assert services.rosters.get(2027, 6) is None
    with pytest.raises(ValidationError):
        services.rosters.get_or_create(2027, 13)


def test_replace_draft_keeps_pinned_and_replaces_the_rest(services, people) -> None:
    reg, both = people
    first = services.rosters.replace_draft(2027, 5, [
        samples.assignment(reg, 3), samples.assignment(reg, 4), samples.assignment(both, 5, "ASTR", 8, 20, Role.EFFECTOR, territory="CPTS-NORD"),
    ])
    pinned = services.rosters.pin(first[1].id)
    assert pinned.pinned

    second = [samples.assignment(both, 3), samples.assignment(reg, 6), dataclasses.replace(first[1], id=None, pinned=False)]
    stored = services.rosters.replace_draft(2027, 5, second)

    assert _keys(stored) == _keys([samples.assignment(both, 3), samples.assignment(reg, 6), first[1]])
    kept = next(a for a in stored if a.day == date(2027, 5, 4))
    assert kept.id == first[1].id and kept.pinned  # the very same row, still pinned
    assert services.rosters.assignments(2027, 5) == stored
    assert [a.day.day for a in services.rosters.assignments(2027, 5, person_id=reg)] == [4, 6]


def test_replace_draft_keeps_the_cpts_rota(services, people) -> None:
    _, both = people
    cpts = samples.assignment(both, 5, "ASTR", 8, 20, Role.EFFECTOR, territory="CPTS-SUD", fixed_by_cpts=True)
    services.rosters.replace_draft(2027, 5, [cpts])
    stored = services.rosters.replace_draft(2027, 5, [samples.assignment(both, 6), cpts])
    assert _keys(stored) == _keys([cpts, samples.assignment(both, 6)])
    assert next(a for a in stored if a.fixed_by_cpts).territory == "CPTS-SUD"


def test_assignments_are_checked_all_or_nothing(services, people) -> None:
    reg, both = people
    services.rosters.replace_draft(2027, 5, [samples.assignment(reg, 3)])
    bad = [
        samples.assignment(reg, 4),
        dataclasses.replace(samples.assignment(reg, 5), day=date(2027, 6, 1)),
        samples.assignment(reg, 6, "ASTR", 8, 20, Role.EFFECTOR),  # not an effector
        samples.assignment(999, 7),
        samples.assignment(both, 7, "ASTR", 8, 20, Role.EFFECTOR, territory="INCONNU"),
    ]
    with pytest.raises(ValidationError) as caught:
        services.rosters.replace_draft(2027, 5, bad)
    assert [(p.row, p.field) for p in caught.value.problems] == [(2, "date"), (3, "rôle"), (4, "personne"), (5, "territoire")]
    assert [a.day.day for a in services.rosters.assignments(2027, 5)] == [3]


def test_add_remove_pin_single_assignments(services, people) -> None:
    reg, _ = people
    a = services.rosters.add(2027, 5, samples.remote_assignment(reg))
    assert a.pinned and a.presence.value == "remote"
    assert services.rosters.pin(a.id, pinned=False).pinned is False
    services.rosters.remove(a.id)
    assert services.rosters.assignments(2027, 5) == []
    with pytest.raises(NotFoundError):
        services.rosters.remove(a.id)


def test_a_published_roster_is_never_touched_by_draft_operations(services, people) -> None:
    reg, _ = people
    [a] = services.rosters.replace_draft(2027, 5, [samples.assignment(reg, 3)])
    when = datetime(2027, 4, 25, 9, tzinfo=UTC)
    published = services.rosters.publish(2027, 5, at=when, actor="coordinatrice")
    assert (published.number, published.published_at, published.published_by) == (1, when, "coordinatrice")
    assert [x.uid for x in published.assignments] == [a.uid]
    roster = services.rosters.get(2027, 5)
    assert (roster.status, roster.version, roster.published_at) == (RosterStatus.PUBLISHED, 1, when)

    for attempt in (
        lambda: services.rosters.replace_draft(2027, 5, []),
        lambda: services.rosters.add(2027, 5, samples.assignment(reg, 4)),
        lambda: services.rosters.remove(a.id),
        lambda: services.rosters.pin(a.id),
    ):
        with pytest.raises(ValidationError, match="publié"):
            attempt()
    with pytest.raises(ValidationError, match="déjà publié"):
        services.rosters.publish(2027, 5)
    assert services.rosters.assignments(2027, 5) == [a]
    with pytest.raises(NotFoundError):
        services.rosters.publish(2027, 8)
