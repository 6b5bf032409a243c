"""The month's lifecycle: draft → validated → published, amendments as new versions,
published versions immutable by every path, comparisons naming exactly who changed."""

from __future__ import annotations

import dataclasses
from datetime import date, time

import pytest

from sas_roster.domain.enums import Role, RosterStatus
from sas_roster.domain.errors import DomainError, NotFoundError, ValidationError
from tests.persistence import samples


@pytest.fixture
def month(services):
    """May 2027 with two regulators, three assignments, published as version 1."""
    services.settings.save(samples.settings())
    services.settings.save_territories(samples.territories())
    services.settings.save_shift_templates(samples.templates())
    a = services.persons.add(samples.regulator(1)).id
    b = services.persons.add(samples.regulator(2)).id
    services.rosters.replace_draft(2027, 5, [samples.assignment(a, 3), samples.assignment(a, 4),
                                             samples.assignment(b, 5, "R-AM", 12, 16)], actor="coord")
    v1 = services.rosters.publish(2027, 5, actor="coord")
    return services, a, b, v1


def test_validate_then_publish_and_no_way_back(services):
    services.settings.save_territories(samples.territories())
    p = services.persons.add(samples.regulator(1)).id
    services.rosters.get_or_create(2027, 5)
    with pytest.raises(ValidationError, match="aucune affectation"):
        services.rosters.validate(2027, 5)
    with pytest.raises(ValidationError, match="aucune affectation"):
        services.rosters.publish(2027, 5)
    services.rosters.replace_draft(2027, 5, [samples.assignment(p, 3)])
    assert services.rosters.validate(2027, 5, actor="coord").status is RosterStatus.VALIDATED
    with pytest.raises(ValidationError, match="validé"):  # frozen until published or reopened
        services.rosters.add(2027, 5, samples.assignment(p, 4))
    assert services.rosters.reopen(2027, 5).status is RosterStatus.DRAFT
    services.rosters.validate(2027, 5)
    v1 = services.rosters.publish(2027, 5, actor="coord")
    assert (v1.number, v1.published_by, v1.reason) == (1, "coord", "")
    with pytest.raises(ValidationError, match="déjà publié"):
        services.rosters.publish(2027, 5)
    with pytest.raises(ValidationError):
        services.rosters.reopen(2027, 5)


def test_a_published_version_cannot_be_changed_by_any_service(month):
    services, a, b, v1 = month
    stored = services.rosters.assignments(2027, 5)
    first = stored[0]
    attempts = {
        "replace_draft": lambda: services.rosters.replace_draft(2027, 5, []),
        "add": lambda: services.rosters.add(2027, 5, samples.assignment(b, 6)),
        "remove": lambda: services.rosters.remove(first.id),
        "pin": lambda: services.rosters.pin(first.id),
        "validate": lambda: services.rosters.validate(2027, 5),
        "publish": lambda: services.rosters.publish(2027, 5),
        "solve": lambda: services.solving.prepare(2027, 5),
    }
    for name, attempt in attempts.items():
        with pytest.raises(DomainError, match="publié"):
            attempt()
    # Amendment steps change the working copy, never the published version.
    services.amendments.unassign(2027, 5, a, date(2027, 5, 3), "R-M", "malade", "coord")
    services.amendments.pin(2027, 5, stored[2].uid, True, "garder", "coord")
    services.amendments.move(2027, 5, stored[1].uid, date(2027, 5, 10), "R-AM", "échange", "coord")
    assert services.rosters.version(2027, 5, 1) == v1
    assert services.rosters.versions(2027, 5) == [v1]


def test_a_store_prepared_before_publication_is_refused_after_it(services):
    from tests.services.test_month_view import TODAY  # noqa: F401  (same demo month)
    from sas_roster.demo.loader import load_demo

    load_demo(services, date(2027, 4, 12))
    job = services.solving.prepare(2027, 5, time_limit=2.0)
    solution = job.run()
    services.solving.store(job, solution, actor="coord")
    services.rosters.publish(2027, 5, actor="coord")
    before = services.rosters.version(2027, 5)
    with pytest.raises(ValidationError, match="publié"):
        services.solving.store(job, solution, actor="coord")
    assert services.rosters.version(2027, 5) == before


def test_an_amendment_makes_version_two_with_reason_author_and_an_exact_diff(month):
    services, a, b, v1 = month
    with pytest.raises(ValidationError, match="Aucun changement"):
        services.amendments.publish(2027, 5, "rien", "coord")
    with pytest.raises(ValidationError, match="motif"):
        services.amendments.unassign(2027, 5, a, date(2027, 5, 3), "R-M", "  ", "coord")
    services.amendments.unassign(2027, 5, a, date(2027, 5, 3), "R-M", "congé", "coord")
    given = services.amendments.assign(2027, 5, b, date(2027, 5, 3), "R-M", "remplace A", "coord")
    assert (given.start, given.end, given.uid is not None) == (time(8), time(12), True)
    v2 = services.amendments.publish(2027, 5, "Désistement de A le 3 mai", "trésorière ou coord")
    assert (v2.number, v2.reason, v2.published_by) == (2, "Désistement de A le 3 mai", "trésorière ou coord")
    assert [v.number for v in services.rosters.versions(2027, 5)] == [1, 2]
    diff = services.rosters.diff(2027, 5, 1, 2)
    assert [c.person_id for c in diff.persons] == sorted([a, b])
    assert [x.day for x in diff.for_person(a).lost] == [date(2027, 5, 3)] and not diff.for_person(a).gained
    assert [x.day for x in diff.for_person(b).gained] == [date(2027, 5, 3)] and not diff.for_person(b).lost
    # The shift passed from A to B: a new identifier for B; A's untouched shift keeps its own.
    old_uid = next(x.uid for x in v1.assignments if x.day == date(2027, 5, 3))
    assert diff.for_person(b).gained[0].uid != old_uid
    kept = next(x for x in v1.assignments if x.day == date(2027, 5, 4))
    assert kept in services.rosters.version(2027, 5, 2).assignments
    changes = services.amendments.changes(2027, 5)
    assert [(c.action, c.reason, c.version) for c in changes] == [("unassign", "congé", 2), ("assign", "remplace A", 2)]


def test_a_moved_shift_keeps_its_identifier(month):
    services, a, b, v1 = month
    shift = next(x for x in v1.assignments if x.person_id == b)
    services.amendments.move(2027, 5, shift.uid, date(2027, 5, 14), "R-AM", "échange de jour", "coord")
    services.amendments.publish(2027, 5, "échange", "coord")
    diff = services.rosters.diff(2027, 5, 1, 2)
    [moved] = diff.for_person(b).moved
    assert moved.before.uid == moved.after.uid == shift.uid
    assert (moved.before.day, moved.after.day) == (date(2027, 5, 5), date(2027, 5, 14))
    assert not diff.for_person(b).gained and not diff.for_person(b).lost


def test_amending_a_draft_is_refused_and_unknown_versions_are_named(services):
    services.settings.save_territories(samples.territories())
    p = services.persons.add(samples.regulator(1)).id
    services.rosters.replace_draft(2027, 5, [samples.assignment(p, 3)])
    with pytest.raises(ValidationError, match="n'est pas publié"):
        services.amendments.unassign(2027, 5, p, date(2027, 5, 3), "R-M", "x", "coord")
    with pytest.raises(NotFoundError, match="version 3"):
        services.rosters.diff(2027, 5, 0, 3)


def test_a_bridge_day_added_after_publication_leaves_version_one_as_it_was(month):
    services, a, b, v1 = month
    settings = services.settings.get()
    from sas_roster.domain.settings import BridgeDay

    friday = date(2027, 5, 14)
    services.rosters  # version 1 has no shift on the 7th yet: add one through an amendment first
    services.amendments.assign(2027, 5, b, friday, "R-M", "renfort", "coord")
    services.amendments.publish(2027, 5, "renfort du vendredi", "coord")
    v2 = services.rosters.version(2027, 5)
    services.settings.save(dataclasses.replace(settings, bridge_days=[*settings.bridge_days, BridgeDay(friday)]))
    assert services.rosters.version(2027, 5, 1) == v1
    assert services.rosters.version(2027, 5, 2) == v2  # same shifts, same times
    [conflict] = services.amendments.calendar_conflicts(2027, 5)
    assert conflict.day == friday
    assert conflict.message.startswith("vendredi 14 mai est désormais sans continuité")
    assert "1 affectation publiée tombe en PDSA — un avenant est nécessaire" in conflict.message
    removed = services.amendments.drop_conflicts(2027, 5, "pont du 14 mai", "coord")
    assert [x.day for x in removed] == [friday]
    assert services.rosters.version(2027, 5, 2) == v2
    v3 = services.amendments.publish(2027, 5, "pont du 14 mai", "coord")
    assert friday not in {x.day for x in v3.assignments}
    assert services.amendments.calendar_conflicts(2027, 5) == []
