"""The audit log is written by the unit of work: every insert, update and delete, with the actor."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from sas_roster.persistence import mapping as m
from sas_roster.persistence.audit import ACTOR_KEY
from sas_roster.persistence.models import AuditRow, PersonRow
from sas_roster.persistence.repositories import AuditRepository

from . import samples


def _count(sessions) -> int:
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(AuditRow))


def test_insert_update_delete_are_recorded_with_actor_and_values(sessions) -> None:
    with sessions.begin() as s:
        s.info[ACTOR_KEY] = "coordinatrice"
        row = PersonRow()
        m.apply_person(row, samples.regulator(), None)
        s.add(row)
    with sessions.begin() as s:
        s.info[ACTOR_KEY] = "trésorier"
        s.get(PersonRow, row.id).phone = "07 99 99 99 99"
    entries = AuditRepository(sessions).entries(entity="persons", entity_id=row.id)
    assert [(e.action, e.actor) for e in entries] == [("update", "trésorier"), ("insert", "coordinatrice")]
    update = entries[0]
    assert update.before == {"id": row.id, "phone": "06 00 00 00 01"}
    assert update.after == {"id": row.id, "phone": "07 99 99 99 99"}
    assert entries[1].after["rpps"] == samples.rpps(1) and entries[1].after["status"] == "installed"
    assert entries[0].at.tzinfo is not None

    with sessions.begin() as s:
        s.delete(s.get(PersonRow, row.id))
    deleted = AuditRepository(sessions).entries(entity="persons", entity_id=row.id)[0]
    assert deleted.action == "delete" and deleted.before["last_name"] == "Lefèvre1" and deleted.after is None
    # The role row went with the person (cascade) and is in the log too.
    assert AuditRepository(sessions).entries(entity="person_roles")[0].action == "delete"


def test_no_row_for_a_change_that_changes_nothing(sessions) -> None:
    with sessions.begin() as s:
        row = PersonRow()
        m.apply_person(row, samples.regulator(), None)
        s.add(row)
    n = _count(sessions)
    with sessions.begin() as s:
        r = s.get(PersonRow, row.id)
        m.apply_person(r, m.person_to_domain(r), None)
    assert _count(sessions) == n


def test_rolled_back_changes_leave_no_audit_row(sessions) -> None:
    n = _count(sessions)
    with pytest.raises(RuntimeError):
        with sessions.begin() as s:
            row = PersonRow()
            m.apply_person(row, samples.regulator(), None)
            s.add(row)
            s.flush()
            raise RuntimeError("boom")
    assert _count(sessions) == n


def test_child_rows_removed_from_a_collection_are_recorded(sessions) -> None:
    person = samples.full_person()
    person = dataclasses.replace(person, territory=None)
    with sessions.begin() as s:
        row = PersonRow()
        m.apply_person(row, person, None)
        s.add(row)
    with sessions.begin() as s:
        r = s.get(PersonRow, row.id)
        m.apply_person(r, dataclasses.replace(person, trainings=person.trainings[:1]), None)
    log = AuditRepository(sessions).entries(entity="person_trainings", limit=1)
    assert log[0].action == "delete" and log[0].before["kind"] == "écoute de bandes"
