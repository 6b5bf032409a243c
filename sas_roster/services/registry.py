"""The association's registry: members and dues, bodies and meetings, documents, complaints."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import NotFoundError, Problem, ValidationError
from ..domain.registry import (
    Attendance,
    Body,
    BodyKind,
    College,
    Complaint,
    ComplaintKind,
    Decision,
    Document,
    DocumentKind,
    DocumentVersion,
    Due,
    Majority,
    Meeting,
    Member,
    MinutesData,
    QuorumResult,
    adopted,
    compute_quorum,
)
from ..persistence.transactions import read_session
from ..persistence.base import utc_now
from ..persistence.models import (
    BodyRow,
    CollegeRow,
    ComplaintRow,
    DecisionRow,
    DocumentRow,
    DocumentVersionRow,
    DueRow,
    MeetingAttendeeRow,
    MeetingRow,
    MemberRow,
    SeatRow,
    SettingsRow,
)
from .base import ServiceBase, refuse

# A French social security number (NIR), spaced or not: patient identity, never stored here.
_NIR = re.compile(r"\b[12]\s?\d{2}\s?\d{2}\s?(?:\d{2}|2[AB])\s?\d{3}\s?\d{3}(?:\s?\d{2})?\b")


def member_to_domain(r: MemberRow) -> Member:
    return Member(r.last_name, r.first_name, r.email, r.organisation, r.joined_on, r.left_on, r.person_id,
                  r.pseudonymised, r.id)


def _body_to_domain(s: Session, r: BodyRow) -> Body:
    colleges = []
    for c in r.colleges:
        members = tuple(s.scalars(select(SeatRow.member_id).where(SeatRow.college_id == c.id).order_by(SeatRow.id)))
        colleges.append(College(c.name, c.seats, c.quorum, members, c.id))
    return Body(r.code, r.name, BodyKind(r.kind), tuple(colleges), Majority(r.majority), r.proxies_allowed,
                r.max_proxies_per_member, r.proxies_count_for_quorum, r.quorum_on_seats, r.id)


def _meeting_to_domain(s: Session, r: MeetingRow) -> Meeting:
    attendance = tuple(
        Attendance(a.member_id, a.present, a.proxy_holder_id)
        for a in s.scalars(select(MeetingAttendeeRow).where(MeetingAttendeeRow.meeting_id == r.id)
                           .order_by(MeetingAttendeeRow.id))
    )
    decisions = tuple(
        Decision(d.text, d.votes_for, d.votes_against, d.abstentions, d.adopted, d.id)
        for d in s.scalars(select(DecisionRow).where(DecisionRow.meeting_id == r.id).order_by(DecisionRow.position))
    )
    agenda = tuple(line for line in r.agenda.splitlines() if line.strip())
    return Meeting(r.body_id, r.held_on, r.place, agenda, attendance, decisions, r.notes, r.id)


def _version_to_domain(v: DocumentVersionRow) -> DocumentVersion:
    return DocumentVersion(v.number, v.file_name, v.sha256, v.signed_on, v.valid_from, v.valid_until, v.added_at,
                           len(v.content), v.id)


class RegistryService(ServiceBase):
    # --- members and dues -----------------------------------------------------------------

    def members(self, active_on: date | None = None) -> list[Member]:
        with read_session(self._sessions) as s:
            rows = s.scalars(select(MemberRow).order_by(MemberRow.last_name, MemberRow.first_name))
            out = [member_to_domain(r) for r in rows]
        if active_on is not None:
            out = [m for m in out if (m.joined_on is None or m.joined_on <= active_on)
                   and (m.left_on is None or m.left_on >= active_on)]
        return out

    def save_member(self, member: Member, actor: str | None = None) -> Member:
        problems = []
        if not member.last_name.strip():
            problems.append(Problem("obligatoire", field="nom"))
        if member.joined_on and member.left_on and member.left_on < member.joined_on:
            problems.append(Problem("la date de départ précède l'adhésion", field="départ"))
        refuse("Adhérent refusé", problems)
        with self._tx(actor) as s:
            row = s.get(MemberRow, member.id) if member.id else MemberRow(pseudonymised=False)
            if row is None:
                raise NotFoundError(f"Adhérent n° {member.id} introuvable")
            row.last_name, row.first_name, row.email = member.last_name.strip(), member.first_name.strip(), member.email
            row.organisation, row.joined_on, row.left_on = member.organisation, member.joined_on, member.left_on
            row.person_id = member.person_id
            s.add(row)
            s.flush()
            return member_to_domain(row)

    def dues(self, year: int | None = None) -> list[Due]:
        q = select(DueRow).order_by(DueRow.year, DueRow.member_id)
        if year is not None:
            q = q.where(DueRow.year == year)
        with read_session(self._sessions) as s:
            return [Due(r.member_id, r.year, r.amount, r.paid, r.paid_on, r.id) for r in s.scalars(q)]

    def save_due(self, due: Due, actor: str | None = None) -> Due:
        problems = []
        if due.amount < 0:
            problems.append(Problem("montant négatif", field="montant"))
        if due.paid_on is not None and not due.paid:
            problems.append(Problem("une date de paiement pour une cotisation non payée", field="payée le"))
        refuse("Cotisation refusée", problems)
        with self._tx(actor) as s:
            if s.get(MemberRow, due.member_id) is None:
                raise NotFoundError(f"Adhérent n° {due.member_id} introuvable")
            row = s.scalars(select(DueRow).where(DueRow.member_id == due.member_id, DueRow.year == due.year)).first()
            row = row or DueRow(member_id=due.member_id, year=due.year)
            row.amount, row.paid, row.paid_on = due.amount, due.paid, due.paid_on
            s.add(row)
            s.flush()
            return Due(row.member_id, row.year, row.amount, row.paid, row.paid_on, row.id)

    # --- bodies ---------------------------------------------------------------------------

    def bodies(self) -> list[Body]:
        with read_session(self._sessions) as s:
            return [_body_to_domain(s, r) for r in s.scalars(select(BodyRow).order_by(BodyRow.name))]

    def body(self, body_id: int) -> Body:
        with read_session(self._sessions) as s:
            return _body_to_domain(s, _get(s, BodyRow, body_id, "Instance"))

    def save_body(self, body: Body, actor: str | None = None) -> Body:
        """Create or update a body by code; its colleges and seats become those given."""
        problems = []
        if not body.colleges:
            problems.append(Problem("au moins un collège (un seul pour une instance sans collèges)", field="collèges"))
        for c in body.colleges:
            if c.seats < 1:
                problems.append(Problem(f"collège « {c.name} » : au moins un siège", field="sièges"))
            if len(c.members) > c.seats:
                problems.append(Problem(f"collège « {c.name} » : {len(c.members)} membres pour {c.seats} sièges",
                                        field="membres"))
            if not 0 < c.quorum <= 1:
                problems.append(Problem(f"collège « {c.name} » : quorum entre 0 et 1 (part des sièges)",
                                        field="quorum"))
        if body.max_proxies_per_member < 0:
            problems.append(Problem("nombre de pouvoirs négatif", field="pouvoirs"))
        refuse(f"Instance « {body.name} » refusée", problems)
        with self._tx(actor) as s:
            row = s.scalars(select(BodyRow).where(BodyRow.code == body.code)).first() or BodyRow(code=body.code)
            row.name, row.kind, row.majority = body.name, body.kind.value, body.majority.value
            row.proxies_allowed, row.max_proxies_per_member = body.proxies_allowed, body.max_proxies_per_member
            row.proxies_count_for_quorum, row.quorum_on_seats = body.proxies_count_for_quorum, body.quorum_on_seats
            existing = {c.name: c for c in row.colleges}
            keep = []
            for i, c in enumerate(body.colleges):
                crow = existing.get(c.name) or CollegeRow(name=c.name)
                crow.position, crow.seats, crow.quorum = i, c.seats, c.quorum
                keep.append(crow)
            row.colleges = keep
            s.add(row)
            s.flush()
            for crow, c in zip(keep, body.colleges, strict=True):
                seated = {r.member_id: r for r in s.scalars(select(SeatRow).where(SeatRow.college_id == crow.id))}
                for member_id, seat in seated.items():
                    if member_id not in c.members:
                        s.delete(seat)
                for member_id in c.members:
                    if member_id not in seated:
                        s.add(SeatRow(college_id=crow.id, member_id=member_id))
            s.flush()
            return _body_to_domain(s, row)

    # --- meetings -------------------------------------------------------------------------

    def meetings(self, body_id: int | None = None) -> list[Meeting]:
        q = select(MeetingRow).order_by(MeetingRow.held_on.desc())
        if body_id is not None:
            q = q.where(MeetingRow.body_id == body_id)
        with read_session(self._sessions) as s:
            return [_meeting_to_domain(s, r) for r in s.scalars(q)]

    def meeting(self, meeting_id: int) -> Meeting:
        with read_session(self._sessions) as s:
            return _meeting_to_domain(s, _get(s, MeetingRow, meeting_id, "Réunion"))

    def quorum(self, meeting_id: int) -> QuorumResult:
        meeting = self.meeting(meeting_id)
        return compute_quorum(self.body(meeting.body_id), meeting.attendance)

    def save_meeting(self, meeting: Meeting, actor: str | None = None) -> Meeting:
        """Create or replace a meeting with its attendance and decisions. Each decision's outcome
        is computed from its votes under the body's majority; votes beyond the members present
        and validly represented are refused."""
        body = self.body(meeting.body_id)
        quorum = compute_quorum(body, meeting.attendance)
        problems = []
        seated = {m for c in body.colleges for m in c.members}
        for i, a in enumerate(meeting.attendance, start=1):
            if a.member_id not in seated:
                problems.append(Problem("n'est pas membre de l'instance", i, "participant"))
        for i, d in enumerate(meeting.decisions, start=1):
            if min(d.votes_for, d.votes_against, d.abstentions) < 0:
                problems.append(Problem("nombre de voix négatif", i, "voix"))
            cast = d.votes_for + d.votes_against + d.abstentions
            if cast > quorum.voters:
                problems.append(Problem(f"{cast} voix pour {quorum.voters} votant(s) (présents et pouvoirs valables)",
                                        i, "voix"))
            if d.votes_for and not quorum.met:
                problems.append(Problem("vote sans quorum : la décision ne peut être adoptée", i, "décision"))
        refuse("Réunion refusée : rien n'a été enregistré", problems)
        with self._tx(actor) as s:
            row = _get(s, MeetingRow, meeting.id, "Réunion") if meeting.id else MeetingRow()
            row.body_id, row.held_on, row.place = meeting.body_id, meeting.held_on, meeting.place
            row.agenda, row.notes = "\n".join(meeting.agenda), meeting.notes
            s.add(row)
            s.flush()
            old_attendance = {a.member_id: a for a in s.scalars(
                select(MeetingAttendeeRow).where(MeetingAttendeeRow.meeting_id == row.id))}
            for a in meeting.attendance:
                arow = old_attendance.pop(a.member_id, None) or MeetingAttendeeRow(meeting_id=row.id,
                                                                                   member_id=a.member_id)
                arow.present, arow.proxy_holder_id = a.present, None if a.present else a.proxy_holder_id
                s.add(arow)
            for gone in old_attendance.values():
                s.delete(gone)
            old_decisions = list(s.scalars(select(DecisionRow).where(DecisionRow.meeting_id == row.id)
                                           .order_by(DecisionRow.position)))
            for i, d in enumerate(meeting.decisions):
                drow = old_decisions[i] if i < len(old_decisions) else DecisionRow(meeting_id=row.id)
                drow.position, drow.text = i, d.text
                drow.votes_for, drow.votes_against, drow.abstentions = d.votes_for, d.votes_against, d.abstentions
                drow.adopted = quorum.met and adopted(body.majority, d.votes_for, d.votes_against, d.abstentions)
                s.add(drow)
            for extra in old_decisions[len(meeting.decisions):]:
                s.delete(extra)
            s.flush()
            return _meeting_to_domain(s, row)

    def minutes_data(self, meeting_id: int, audit_checkpoint: str | None = None) -> MinutesData:
        meeting = self.meeting(meeting_id)
        body = self.body(meeting.body_id)
        names = {m.id: m.display_name for m in self.members() if m.id is not None}
        with read_session(self._sessions) as s:
            settings = s.scalars(select(SettingsRow)).first()
        association = settings.name if settings is not None else ""
        return MinutesData(association, body, meeting, names, compute_quorum(body, meeting.attendance),
                           audit_checkpoint)

    # --- documents ------------------------------------------------------------------------

    def documents(self) -> list[Document]:
        with read_session(self._sessions) as s:
            out = []
            for d in s.scalars(select(DocumentRow).order_by(DocumentRow.kind, DocumentRow.title)):
                versions = s.scalars(select(DocumentVersionRow).where(DocumentVersionRow.document_id == d.id)
                                     .order_by(DocumentVersionRow.number))
                out.append(Document(DocumentKind(d.kind), d.title, tuple(_version_to_domain(v) for v in versions),
                                    d.id))
            return out

    def add_document(self, kind: DocumentKind, title: str, actor: str | None = None) -> Document:
        if not title.strip():
            raise ValidationError("Document refusé", [Problem("obligatoire", field="titre")])
        with self._tx(actor) as s:
            row = DocumentRow(kind=kind.value, title=title.strip())
            s.add(row)
            s.flush()
            return Document(kind, row.title, (), row.id)

    def add_version(
        self, document_id: int, file_name: str, content: bytes, *, signed_on: date | None = None,
        valid_from: date | None = None, valid_until: date | None = None, actor: str | None = None,
    ) -> DocumentVersion:
        """Store a copy of the file as the document's next version, with its SHA-256."""
        if not content:
            raise ValidationError("Version refusée", [Problem("fichier vide", field="fichier")])
        if valid_from and valid_until and valid_until < valid_from:
            raise ValidationError("Version refusée", [Problem("fin de validité avant son début", field="validité")])
        with self._tx(actor) as s:
            _get(s, DocumentRow, document_id, "Document")
            last = s.scalars(select(DocumentVersionRow.number).where(DocumentVersionRow.document_id == document_id)
                             .order_by(DocumentVersionRow.number.desc())).first() or 0
            row = DocumentVersionRow(
                document_id=document_id, number=last + 1, signed_on=signed_on, valid_from=valid_from,
                valid_until=valid_until, file_name=file_name, sha256=hashlib.sha256(content).hexdigest(),
                content=content, added_at=utc_now(),
            )
            s.add(row)
            s.flush()
            return _version_to_domain(row)

    def version_content(self, version_id: int) -> bytes:
        """The stored copy, checked against its SHA-256 (ValidationError if it changed)."""
        with read_session(self._sessions) as s:
            row = _get(s, DocumentVersionRow, version_id, "Version de document")
            if hashlib.sha256(row.content).hexdigest() != row.sha256:
                raise ValidationError(
                    f"La copie enregistrée de « {row.file_name} » (version {row.number}) a été altérée : "
                    "son empreinte SHA-256 ne correspond plus."
                )
            return bytes(row.content)

    def check_documents(self) -> list[str]:
        """French lines naming every stored copy whose SHA-256 no longer matches."""
        bad = []
        for d in self.documents():
            for v in d.versions:
                try:
                    self.version_content(v.id or 0)
                except ValidationError as exc:
                    bad.append(f"{d.title} : {exc.message}")
        return bad

    # --- complaints -----------------------------------------------------------------------

    def complaints(self) -> list[Complaint]:
        with read_session(self._sessions) as s:
            return [
                Complaint(r.received_on, ComplaintKind(r.kind), r.description, r.territory_code, r.follow_up,
                          r.closed_on, r.id)
                for r in s.scalars(select(ComplaintRow).order_by(ComplaintRow.received_on.desc()))
            ]

    def save_complaint(self, complaint: Complaint, actor: str | None = None) -> Complaint:
        problems = []
        if not complaint.description.strip():
            problems.append(Problem("obligatoire (sans identité du patient)", field="description"))
        if _NIR.search(complaint.description) or _NIR.search(complaint.follow_up):
            problems.append(Problem("un numéro de sécurité sociale : pas d'identité de patient dans ce registre",
                                    field="description"))
        if complaint.closed_on and complaint.closed_on < complaint.received_on:
            problems.append(Problem("clôture avant la réception", field="clôture"))
        refuse("Signalement refusé", problems)
        with self._tx(actor) as s:
            row = _get(s, ComplaintRow, complaint.id, "Signalement") if complaint.id else ComplaintRow()
            row.received_on, row.kind, row.territory_code = complaint.received_on, complaint.kind.value, complaint.territory
            row.description, row.follow_up, row.closed_on = complaint.description, complaint.follow_up, complaint.closed_on
            s.add(row)
            s.flush()
            return dataclasses.replace(complaint, id=row.id)



def _get(s: Session, model: type, ident: int | None, label: str):  # type: ignore[no-untyped-def]
    row = s.get(model, ident) if ident is not None else None
    if row is None:
        raise NotFoundError(f"{label} n° {ident} introuvable")
    return row


def attendance_from(present: Sequence[int], proxies: dict[int, int]) -> tuple[Attendance, ...]:
    """Attendance lines from present member ids and {absent member: proxy holder}."""
    return tuple(Attendance(m, True) for m in present) + tuple(Attendance(m, False, h) for m, h in proxies.items())
