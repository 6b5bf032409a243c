"""The association's registry through the services: members and dues, a body with colleges,
a meeting with proxies and decisions, documents with a checked stored copy, complaints."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from sas_roster.domain.errors import ValidationError
from sas_roster.domain.registry import (
    Attendance,
    Body,
    BodyKind,
    College,
    Complaint,
    ComplaintKind,
    Decision,
    DocumentKind,
    Due,
    Majority,
    Meeting,
    Member,
)
from sas_roster.persistence.engine import sqlite_path
from sas_roster.services import Services


def _members(services: Services, n: int) -> list[int]:
    return [services.registry.save_member(Member(f"Membre{i}", "Alix", organisation="CH")).id for i in range(n)]


def _copil(services: Services, ids: list[int]) -> Body:
    return services.registry.save_body(Body(
        "COPIL", "Comité de pilotage", BodyKind.COPIL,
        (College("hôpital", 3, Decimal("0.5"), tuple(ids[:3])), College("ville", 3, Decimal("0.5"), tuple(ids[3:6]))),
        Majority.ABSOLUTE, max_proxies_per_member=1,
    ))


def test_members_and_dues(services: Services) -> None:
    [a, b] = _members(services, 2)
    services.registry.save_due(Due(a, 2027, Decimal("30.00"), True, date(2027, 1, 15)))
    services.registry.save_due(Due(b, 2027, Decimal("30.00")))
    services.registry.save_due(Due(b, 2027, Decimal("30.00"), True, date(2027, 3, 1)))  # same year: updated
    dues = services.registry.dues(2027)
    assert [(d.member_id, d.paid, d.amount) for d in dues] == [(a, True, Decimal("30.00")), (b, True, Decimal("30.00"))]
    with pytest.raises(ValidationError, match="non payée"):
        services.registry.save_due(Due(a, 2028, Decimal("30"), False, date(2028, 1, 1)))


def test_a_meeting_computes_its_quorum_and_its_decisions(services: Services) -> None:
    ids = _members(services, 6)
    body = _copil(services, ids)
    attendance = (Attendance(ids[0], True), Attendance(ids[1], True), Attendance(ids[3], True),
                  Attendance(ids[4], False, ids[3]), Attendance(ids[5], False, ids[3]))  # second proxy over the cap
    meeting = services.registry.save_meeting(Meeting(
        body.id, date(2027, 3, 12), "Salle du conseil", ("Budget FIR 2027", "Charte d'adressage"), attendance,
        (Decision("Budget adopté", 4, 0, 0), Decision("Charte révisée", 2, 1, 1)),
    ))
    q = services.registry.quorum(meeting.id)
    assert q.met and q.voters == 4 and len(q.refused_proxies) == 1
    assert [d.adopted for d in meeting.decisions] == [True, False]  # 2 of 4 cast is no absolute majority
    assert meeting.agenda == ("Budget FIR 2027", "Charte d'adressage")
    with pytest.raises(ValidationError, match="5 voix pour 4 votant"):
        services.registry.save_meeting(Meeting(body.id, date(2027, 4, 1), attendance=attendance,
                                               decisions=(Decision("Trop de voix", 5, 0, 0),)))


def test_no_decision_is_adopted_without_quorum(services: Services) -> None:
    ids = _members(services, 6)
    body = _copil(services, ids)
    with pytest.raises(ValidationError, match="sans quorum"):
        services.registry.save_meeting(Meeting(body.id, date(2027, 3, 12),
                                               attendance=(Attendance(ids[0], True), Attendance(ids[1], True)),
                                               decisions=(Decision("x", 2, 0, 0),)))
    assert services.registry.meetings() == []


def test_documents_keep_a_copy_checked_by_sha256(services: Services, db_url: str) -> None:
    doc = services.registry.add_document(DocumentKind.ADDRESSING_CHARTER, "Charte d'adressage")
    v1 = services.registry.add_version(doc.id, "charte-v1.pdf", b"%PDF-1.4 version 1", signed_on=date(2026, 6, 1))
    v2 = services.registry.add_version(doc.id, "charte-v2.pdf", b"%PDF-1.4 version 2", valid_from=date(2027, 1, 1))
    assert (v1.number, v2.number) == (1, 2)
    assert v1.sha256 == hashlib.sha256(b"%PDF-1.4 version 1").hexdigest()
    assert services.registry.version_content(v2.id) == b"%PDF-1.4 version 2"
    with sqlite3.connect(sqlite_path(db_url)) as c:
        c.execute("UPDATE document_versions SET content = ? WHERE id = ?", (b"%PDF-1.4 falsified", v1.id))
    with pytest.raises(ValidationError, match="altérée"):
        services.registry.version_content(v1.id)
    assert services.registry.check_documents() == [
        "Charte d'adressage : La copie enregistrée de « charte-v1.pdf » (version 1) a été altérée : "
        "son empreinte SHA-256 ne correspond plus."
    ]


def test_complaints_refuse_a_patient_identity(services: Services) -> None:
    c = services.registry.save_complaint(Complaint(date(2027, 2, 3), ComplaintKind.ADVERSE_EVENT,
                                                   "Rappel du patient oublié après régulation", "CPTS-NORD"))
    assert services.registry.complaints()[0].id == c.id
    with pytest.raises(ValidationError, match="sécurité sociale"):
        services.registry.save_complaint(Complaint(date(2027, 2, 3), ComplaintKind.COMPLAINT,
                                                   "Patient 1 84 12 75 123 456 78 mécontent"))
