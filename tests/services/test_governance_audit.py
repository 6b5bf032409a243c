"""Every kind of change leaves an audit entry (written by the flush, not by the services), and
erasing people keeps hours and amounts while the chain still verifies."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from decimal import Decimal

from sas_roster.domain.accounts import AccountRole
from sas_roster.domain.enums import AttendanceStatus
from sas_roster.domain.rates import default_rates
from sas_roster.domain.registry import (
    Attendance,
    Body,
    BodyKind,
    College,
    Complaint,
    ComplaintKind,
    DocumentKind,
    Due,
    Meeting,
    Member,
)
from sas_roster.services import Services
from tests.persistence import samples


def test_an_audit_entry_for_each_kind_of_change(services: Services) -> None:
    sv = services
    sv.users.add("admin", {AccountRole.ADMINISTRATOR}, "mot de passe sûr")
    sv.sign_in("admin", "mot de passe sûr")
    sv.settings.save(samples.settings())
    sv.settings.save_territories(samples.territories())
    sv.settings.save_shift_templates(samples.templates())
    sv.settings.save_rates(default_rates())
    p = sv.persons.add(samples.regulator(1))
    sv.persons.update(dataclasses.replace(p, phone="07 12 12 12 12"))
    sv.availability.set_month(p.id, 2027, 5, samples.availability(p.id))
    sv.pdsa.add_many(samples.duties(p.id))
    sv.rosters.replace_draft(2027, 5, [samples.assignment(p.id, 3)])
    sv.rosters.publish(2027, 5)
    [line] = sv.attendance.open_month(2027, 5)
    sv.attendance.record([line.with_status(AttendanceStatus.PRESENT)])
    sv.attendance.confirm(2027, 5)
    sv.claims.issue(sv.claims.regulation(2027, 5))
    m = sv.registry.save_member(Member("Durand", "Camille"))
    sv.registry.save_due(Due(m.id, 2027, Decimal("20")))
    body = sv.registry.save_body(Body("BUR", "Bureau", BodyKind.BUREAU, (College("bureau", 3, Decimal("0.5"), (m.id,)),)))
    sv.registry.save_meeting(Meeting(body.id, date(2027, 1, 5), attendance=(Attendance(m.id, True),)))
    doc = sv.registry.add_document(DocumentKind.STATUTES, "Statuts")
    sv.registry.add_version(doc.id, "statuts.pdf", b"%PDF statuts")
    sv.registry.save_complaint(Complaint(date(2027, 2, 1), ComplaintKind.COMPLAINT, "Délai de rappel trop long"))
    sv.data_protection.set_retention_months(36)
    sv.users.add("treso", {AccountRole.TREASURER}, "mot de passe sûr")
    sv.persons.delete(sv.persons.add(samples.regulator(2)).id)

    entries = sv.audit.entries(limit=None)
    kinds = {(e.entity, e.action) for e in entries}
    for table in ("association_settings", "territories", "shift_templates", "dated_rates", "persons",
                  "person_roles", "availability_entries", "pdsa_duties", "rosters", "assignments",
                  "attendance_lines", "attendance_confirmations", "statements", "roster_versions", "members", "member_dues", "bodies", "body_colleges", "body_seats", "meetings",
                  "meeting_attendees", "documents", "document_versions", "complaints", "data_protection_settings",
                  "users", "user_roles"):
        assert (table, "insert") in kinds, table
    assert ("persons", "update") in kinds and ("rosters", "update") in kinds and ("persons", "delete") in kinds
    assert {e.actor for e in entries if e.entity != "users" or e.after.get("name") != "admin"} == {"admin"}
    # The stored file appears by size and digest, the password by nothing readable.
    version = next(e for e in entries if e.entity == "document_versions")
    assert version.after["content"]["octets"] == len(b"%PDF statuts")
    user = next(e for e in entries if e.entity == "users" and e.after["name"] == "treso")
    assert user.after["password_hash"].startswith("$argon2id$")
    assert sv.verify_audit().ok


def test_erasing_people_after_retention_keeps_hours_and_statements(services: Services, tmp_path) -> None:
    sv = services
    sv.settings.save(samples.settings())
    sv.settings.save_territories(samples.territories())
    sv.settings.save_shift_templates(samples.templates())
    sv.settings.save_rates(default_rates())
    gone = sv.persons.add(samples.regulator(1, active_until=date(2027, 5, 31)))
    stays = sv.persons.add(samples.regulator(2))
    sv.rosters.replace_draft(2027, 5, [samples.assignment(gone.id, d) for d in (3, 4, 5)]
                             + [samples.assignment(stays.id, 6)])
    sv.rosters.publish(2027, 5)
    sv.attendance.record([line.with_status(AttendanceStatus.PRESENT) for line in sv.attendance.open_month(2027, 5)])
    sv.attendance.confirm(2027, 5)
    issued = sv.claims.issue(sv.claims.regulation(2027, 5))
    sv.persons.deactivate(gone.id, until=date(2027, 5, 31))

    def totals() -> tuple:
        minutes = sv.history.minutes_between(date(2027, 5, 1), date(2027, 6, 1))
        per_person = sorted((a.person_id, a.day, a.start, a.end) for a in sv.rosters.assignments(2027, 5))
        att = sorted((x.shift_uid, x.person_id, x.status) for x in sv.attendance.list_month(2027, 5))
        statements = sorted((st.person_id, st.total_minutes, st.total, st.payer) for st in sv.claims.regulation(2027, 5))
        frozen = sorted((st.number, st.person_id, st.total_minutes, st.total) for st in sv.claims.issued())
        return minutes, per_person, att, statements, frozen

    before = totals()
    assert len(before[3]) == 2 and before[3][0][2] > 0 and len(issued) == 2
    sv.data_protection.set_retention_months(12)
    assert sv.data_protection.due_for_erasure(date(2028, 4, 1)) == []  # not yet 12 months
    assert sv.data_protection.erase_expired(date(2028, 7, 1)) == [gone.id]
    assert totals() == before and before[0][gone.id] == 3 * 240
    erased = sv.persons.get(gone.id)
    assert (erased.last_name, erased.rpps, erased.email, erased.pseudonymised) == (f"Personne {gone.id}", None,
                                                                                     None, True)
    assert sv.persons.get(stays.id).last_name == "Lefèvre2"
    history = repr(sv.audit.entries(entity="persons", entity_id=gone.id, limit=None))
    assert "Lefèvre1" not in history and samples.rpps(1) not in history and f"Personne {gone.id}" in history
    assert sv.verify_audit().ok
    assert sv.data_protection.erase_expired(date(2028, 7, 1)) == []  # already done


def test_right_of_access_exports_a_persons_data(services: Services, tmp_path) -> None:
    sv = services
    sv.settings.save_shift_templates(samples.templates())
    p = sv.persons.add(samples.regulator(1), actor="coordinatrice")
    sv.availability.set_month(p.id, 2027, 5, samples.availability(p.id))
    sv.rosters.replace_draft(2027, 5, [samples.assignment(p.id, 3)])
    path = sv.data_protection.export_person(p.id, tmp_path / "acces.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["personne"]["last_name"] == "Lefèvre1" and data["personne"]["rpps"] == samples.rpps(1)
    assert data["affectations"][0]["jour"] == "2027-05-03" and len(data["disponibilités"]) == 3
    assert data["historique"][0]["par"] == "coordinatrice"


def test_members_who_left_long_ago_are_erased_too(services: Services) -> None:
    sv = services
    old = sv.registry.save_member(Member("Ancien", "Paul", "paul@exemple.invalid", left_on=date(2020, 6, 30)))
    recent = sv.registry.save_member(Member("Récent", "Lou", left_on=date(2027, 1, 31)))
    sv.registry.save_due(Due(old.id, 2020, Decimal("25"), True, date(2020, 1, 10)))
    sv.data_protection.set_retention_months(36)
    sv.data_protection.erase_expired(date(2027, 6, 1))
    names = {m.id: m for m in sv.registry.members()}
    assert (names[old.id].last_name, names[old.id].email, names[old.id].pseudonymised) == (f"Adhérent {old.id}", None,
                                                                                            True)
    assert names[recent.id].last_name == "Récent"
    assert sv.registry.dues(2020)[0].amount == Decimal("25")  # the dues stay
    assert "Ancien" not in repr(sv.audit.entries(entity="members", limit=None)) and sv.verify_audit().ok
