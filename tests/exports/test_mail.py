"""E-mails received by a real SMTP server on 127.0.0.1 (aiosmtpd, on a free port): parts and
calendar methods, the preview files, an interrupted sending then a resend of the rest only."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from email.message import Message
from email.policy import default
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from icalendar import Calendar

from exports.cli import build_mails, send
from exports.mail import write_previews
from exports.smtp import Credentials, SendError, send_mails
from sas_roster.domain.mailing import SmtpSecurity, SmtpSettings
from tests.exports.fixtures import MONTH, SENDER, YEAR


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    """Keeps every message; refuses (451) every message after `fail_after` if set."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.rcpt: list[str] = []
        self.fail_after: int | None = None

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's name
        if self.fail_after is not None and len(self.messages) >= self.fail_after:
            return "451 4.3.0 try again later"
        self.messages.append(email.message_from_bytes(envelope.content, policy=default))
        self.rcpt += envelope.rcpt_tos
        return "250 OK"


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    box = Inbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


def _configure(services, port: int) -> None:
    services.mailing.save_smtp(SmtpSettings("127.0.0.1", port, SmtpSecurity.NONE, "", SENDER, "SAS Val-de-Brenne"))


def _calendar(msg: Message) -> tuple[str, Calendar]:
    part = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
    return part.get_param("method"), Calendar.from_ical(part.get_content())


def test_schedules_arrive_with_pdf_ics_and_one_invitation_per_shift(published, inbox) -> None:
    box, port = inbox
    _configure(published, port)
    doc = published.documents.month(YEAR, MONTH)
    with_email = [p for p in doc.people() if p.email]
    mails, report = send(published, YEAR, MONTH, "schedules", None, "fr", Credentials())
    assert report.complete and len(report.sent) == len(mails)
    expected = sum(1 + len(doc.of_person(p.id)) for p in with_email)
    assert len(box.messages) == expected
    first = with_email[0]
    mine = [m for m in box.messages if first.email in m["To"]]
    schedule = mine[0]
    assert schedule["Subject"] == "Votre planning SAS de mai 2027"
    kinds = [p.get_content_type() for p in schedule.walk() if p.get_content_disposition() == "attachment"]
    assert kinds == ["application/pdf", "text/calendar"]
    invitations = mine[1:]
    assert len(invitations) == len(doc.of_person(first.id))
    for msg in invitations:
        assert msg.get_content_type() == "multipart/alternative"
        method, cal = _calendar(msg)
        assert method == "REQUEST" and cal["METHOD"] == "REQUEST"
        [event] = cal.walk("VEVENT")
        assert str(event["ORGANIZER"]) == f"mailto:{SENDER}"
        assert str(event["ATTENDEE"]).lower() == f"mailto:{first.email}".lower()
    assert {str(_calendar(m)[1].walk("VEVENT")[0]["UID"]) for m in invitations} == {a.uid for a in doc.of_person(first.id)}


def test_an_interrupted_sending_says_who_got_it_and_a_resend_sends_only_the_rest(published, inbox) -> None:
    box, port = inbox
    _configure(published, port)
    box.fail_after = 7
    mails, report = send(published, YEAR, MONTH, "schedules", None, "fr", Credentials())
    assert not report.complete and len(report.sent) == 7 and len(report.not_sent) == len(mails) - 7
    names = {p.id: p.display_name for p in published.persons.list()}
    text = report.summary(lambda pid: names[pid])
    assert "Envoi interrompu" in text and "N'ont pas tout reçu" in text and names[report.not_sent[0].person_id] in text
    assert len(published.mailing.sent_keys(YEAR, MONTH)) == 7
    box.fail_after = None
    _mails, again = send(published, YEAR, MONTH, "schedules", None, "fr", Credentials())
    assert again.complete and again.skipped == 7 and len(again.sent) == len(mails) - 7
    assert len(box.messages) == len(mails)  # nobody got a message twice
    assert len({m["Message-ID"] for m in box.messages}) == len(mails)
    _mails, third = send(published, YEAR, MONTH, "schedules", None, "fr", Credentials())
    assert not third.sent and third.skipped == len(mails)


def test_preview_writes_eml_files_and_sends_nothing(published, tmp_path: Path) -> None:
    mails = build_mails(published, YEAR, MONTH, "schedules", None, "fr")
    written = write_previews(mails, tmp_path / "eml")
    assert len(written) == len(mails) and not published.mailing.sent_keys(YEAR, MONTH)
    msg = email.message_from_bytes(written[1].read_bytes(), policy=default)
    method, cal = _calendar(msg)
    assert method == "REQUEST" and len(cal.walk("VEVENT")) == 1


def test_unreachable_server_and_missing_password_give_french_messages(published) -> None:
    mails = build_mails(published, YEAR, MONTH, "schedules", None, "fr")[:2]
    closed = SmtpSettings("127.0.0.1", free_port(), SmtpSecurity.NONE, "", SENDER)
    report = send_mails(mails, closed, Credentials())
    assert not report.sent and len(report.not_sent) == 2 and "connexion au serveur" in report.error
    with pytest.raises(SendError, match="non configuré"):
        send_mails(mails, SmtpSettings(), Credentials())


def test_password_comes_from_the_keyring_or_is_asked_once_and_kept_in_memory() -> None:
    smtp = SmtpSettings("smtp.example.invalid", 587, SmtpSecurity.STARTTLS, "coord", SENDER)
    asked = []
    creds = Credentials(lambda: asked.append(1) or "s3cret")
    assert creds.password(smtp) == "s3cret" and creds.password(smtp) == "s3cret"
    assert asked == [1]
    assert creds.remember(smtp, "other") is False  # the tests' null keyring keeps nothing
    assert Credentials().password(smtp) is None
    assert Credentials().password(SmtpSettings("h", 25, SmtpSecurity.NONE, "", SENDER)) is None  # no login, no password


def test_notices_after_an_amendment_carry_requests_and_cancellations(published, inbox, tmp_path: Path) -> None:
    from exports.mail import notice_batch
    from exports.notices_pdf import write_notice
    from sas_roster.domain.versions import compare
    from sas_roster.services.documents import NoticeDocument
    from tests.exports.fixtures import amended

    box, port = inbox
    doc1 = published.documents.month(YEAR, MONTH)
    doc2, s = amended(doc1)
    doc2 = doc2.__class__(**{**doc2.__dict__, "letterhead": doc1.letterhead})
    diff = compare(YEAR, MONTH, 1, doc1.version.assignments, 2, doc2.version.assignments)
    notice = NoticeDocument(doc2, doc1.version, diff)
    mails = notice_batch(notice, lambda p: write_notice(notice, p, tmp_path / f"{p.id}.pdf").read_bytes())
    report = send_mails(mails, SmtpSettings("127.0.0.1", port, SmtpSecurity.NONE, "", SENDER), Credentials())
    assert report.complete
    removed_owner = doc2.persons[s["removed"].person_id]
    theirs = [m for m in box.messages if removed_owner.email in m["To"]]
    assert theirs[0]["Subject"] == "Modification de votre planning SAS de mai 2027"
    methods = {}
    for m in theirs[1:]:
        method, cal = _calendar(m)
        [event] = cal.walk("VEVENT")
        methods[str(event["UID"])] = (method, event["STATUS"], event["SEQUENCE"])
    assert methods[s["removed"].uid] == ("CANCEL", "CANCELLED", 1)
    moved_owner = doc2.persons[s["moved"].person_id]
    moved = [m for m in box.messages if moved_owner.email in m["To"]]
    found = {str(_calendar(m)[1].walk("VEVENT")[0]["UID"]): _calendar(m)[0] for m in moved[1:]}
    assert found[s["moved"].uid] == "REQUEST"
    # Only the people concerned are told.
    concerned = {s[k].person_id for k in ("moved", "removed", "added")}
    assert {m.person_id for m in mails} == concerned
