"""Persons: RPPS rules, all-or-nothing batches, never deleting who was rostered."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import func, select

from sas_roster.domain.enums import PersonStatus, Role
from sas_roster.domain.errors import NotFoundError, ValidationError
from sas_roster.persistence.models import AuditRow, PersonRow
from tests.persistence import samples


def _counts(services) -> tuple[int, int]:
    with services._sessions() as s:
        return (s.scalar(select(func.count()).select_from(PersonRow)), s.scalar(select(func.count()).select_from(AuditRow)))


def test_add_returns_the_stored_person_with_normalised_rpps(services) -> None:
    raw = samples.rpps(7)
    p = services.persons.add(samples.regulator(7, rpps=f"{raw[:3]} {raw[3:6]}.{raw[6:]}", last_name="  Leroy "))
    assert p.id is not None and p.rpps == raw and p.last_name == "Leroy"
    assert services.persons.get(p.id) == p
    assert services.persons.by_rpps(f" {raw} ") == p


def test_doctor_needs_a_valid_rpps_in_french(services) -> None:
    with pytest.raises(ValidationError) as caught:
        services.persons.add(samples.regulator(1, rpps=None))
    [problem] = caught.value.problems
    assert problem.field == "RPPS" and problem.message == "RPPS manquant"
    bad = samples.rpps(1)[:-1] + str((int(samples.rpps(1)[-1]) + 1) % 10)
    with pytest.raises(ValidationError, match="clé de contrôle"):
        services.persons.add(samples.regulator(1, rpps=bad))
    assert services.persons.add(samples.osnp()).rpps is None  # an OSNP has none


def test_rpps_uniqueness_is_refused_in_french(services) -> None:
    first = services.persons.add(samples.regulator(1))
    with pytest.raises(ValidationError) as caught:
        services.persons.add(samples.regulator(1, last_name="Autre"))
    assert caught.value.problems[0].field == "RPPS"
    assert "déjà enregistré pour Anne Lefèvre1" in str(caught.value)
    # Updating someone else to that RPPS is refused too; updating oneself is fine.
    second = services.persons.add(samples.regulator(2))
    with pytest.raises(ValidationError, match="déjà enregistré"):
        services.persons.update(dataclasses.replace(second, rpps=first.rpps))
    assert services.persons.update(dataclasses.replace(first, phone="01 02 03 04 05")).phone == "01 02 03 04 05"


def test_add_many_with_one_bad_person_leaves_the_tables_unchanged(services) -> None:
    services.persons.add(samples.regulator(50))
    before = _counts(services)
    batch = [samples.regulator(1), samples.osnp(1), samples.regulator(3, rpps="12345"), samples.regulator(4)]
    with pytest.raises(ValidationError) as caught:
        services.persons.add_many(batch)
    assert [(p.row, p.field) for p in caught.value.problems] == [(3, "RPPS")]
    assert "aucune des 4 personnes" in caught.value.message
    assert _counts(services) == before


def test_add_many_refuses_duplicates_inside_the_batch_and_unknown_territory(services) -> None:
    batch = [samples.regulator(1), samples.regulator(1, last_name="Doublon"), samples.regulator(2, territory="NULLE-PART")]
    with pytest.raises(ValidationError) as caught:
        services.persons.add_many(batch)
    assert {(p.row, p.field) for p in caught.value.problems} == {(2, "RPPS"), (3, "territoire")}
    assert services.persons.validate(batch) == caught.value.problems
    assert services.persons.list() == []


def test_dates_must_not_end_before_they_start(services) -> None:
    p = samples.regulator(1, active_from=date(2027, 1, 1), active_until=date(2026, 1, 1))
    with pytest.raises(ValidationError) as caught:
        services.persons.add(p)
    assert caught.value.problems[0].field == "fin d'activité"
    assert "précède la date de début" in caught.value.problems[0].message


def test_list_filters_by_role_status_territory_and_activity(services) -> None:
    services.settings.save_territories(samples.territories())
    full = services.persons.add(samples.full_person())
    reg = services.persons.add(samples.regulator(1))
    op = services.persons.add(samples.osnp())
    services.persons.deactivate(reg.id, until=date(2027, 1, 31))
    assert [p.id for p in services.persons.list(role=Role.REGULATOR)] == [full.id, reg.id]
    assert [p.id for p in services.persons.list(role=Role.OSNP)] == [op.id]
    assert [p.id for p in services.persons.list(status=PersonStatus.RETIRED_CUMUL)] == [full.id]
    assert [p.id for p in services.persons.list(territory="CPTS-NORD")] == [full.id]
    assert [p.id for p in services.persons.list(active=True)] == [full.id, op.id]
    stored = services.persons.get(reg.id)
    assert not stored.active and stored.active_until == date(2027, 1, 31)
    assert services.persons.reactivate(reg.id).active


def test_a_rostered_person_is_never_deleted_only_deactivated(services) -> None:
    p = services.persons.add(samples.regulator(1))
    services.availability.set_month(p.id, 2027, 5, samples.availability(p.id))
    services.rosters.replace_draft(2027, 5, [samples.assignment(p.id, 3)])
    with pytest.raises(ValidationError, match="Désactivez"):
        services.persons.delete(p.id)
    assert services.persons.get(p.id).active

    q = services.persons.add(samples.regulator(2))
    services.availability.set_month(q.id, 2027, 5, samples.availability(q.id))
    services.pdsa.add_many(samples.duties(q.id))
    services.persons.delete(q.id)
    with pytest.raises(NotFoundError, match="introuvable"):
        services.persons.get(q.id)
    assert services.availability.list_month(2027, 5, q.id) == []


def test_pseudonymise_erases_personal_fields_also_from_the_audit_log(services) -> None:
    p = services.persons.add(samples.regulator(1), actor="coordinatrice")
    services.persons.update(dataclasses.replace(p, email="nouvelle@exemple.invalid"))
    erased = services.persons.pseudonymise(p.id)
    assert (erased.last_name, erased.rpps, erased.email, erased.pseudonymised, erased.active) == (
        f"Personne {p.id}", None, None, True, False
    )
    text = repr(services.audit.entries(entity="persons", entity_id=p.id, limit=None))
    for personal in ("Lefèvre1", samples.rpps(1), "anne1@", "nouvelle@", "06 00 00 00 01"):
        assert personal not in text
    assert "$effacé" in text


def test_every_write_is_audited_with_its_actor(services) -> None:
    p = services.persons.add(samples.regulator(1), actor="Claire (coordinatrice)")
    services.persons.deactivate(p.id)
    entries = services.audit.entries(entity="persons", entity_id=p.id)
    assert [(e.action, e.actor) for e in entries] == [("update", "système"), ("insert", "Claire (coordinatrice)")]
    assert entries[0].after["active"] is False
