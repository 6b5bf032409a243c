"""The e-mails doctors receive, built (not sent): a schedule or a notice with its PDF and
`.ics`, and one iTIP message per shift — METHOD:REQUEST for a new or changed shift, METHOD:CANCEL
for a removed one — shaped the way Outlook and Gmail need to update an agenda: one event per
message, the calendar inline as `text/calendar; method=…` beside a plain-text part, the
association's sending address as ORGANIZER, the doctor as ATTENDEE.

Every message has a stable key (which shift, which SEQUENCE, which version): the mail log
keeps the keys the SMTP server accepted, so sending again sends only the rest, and a later
amendment (a higher SEQUENCE) makes new keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from pathlib import Path

from sas_roster.domain.person import Person
from sas_roster.domain.documents import MonthDocument, NoticeDocument, ShiftState

from .ics import Method, itip_message, person_calendar, summary
from .personal_pdf import person_title
from .text import Texts


@dataclass(frozen=True)
class OutgoingMail:
    key: str  # stable name, logged once the server accepted it
    person_id: int
    kind: str  # "schedule", "notice", "invitation", "cancellation"
    to: str
    message: EmailMessage


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower() or "x"


def _base(doc: MonthDocument, person: Person, subject: str) -> EmailMessage:
    head = doc.letterhead
    msg = EmailMessage()
    msg["From"] = formataddr((head.sender_name or head.name, head.sender)) if head.sender else head.name
    msg["To"] = formataddr((person.display_name, person.email or ""))
    if head.contact.email and head.contact.email != head.sender:
        msg["Reply-To"] = head.contact.email
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=False)
    domain = head.sender.partition("@")[2] or "sas-roster.invalid"
    msg["Message-ID"] = make_msgid(domain=domain)
    return msg


def _signature(doc: MonthDocument, t: Texts) -> str:
    contact = doc.letterhead.contact
    lines = ["", "--", t("signature"), doc.letterhead.name]
    lines += [x for x in (contact.phone, contact.email) if x]
    return "\n".join(lines)


def itip_mail(doc: MonthDocument, state: ShiftState, person: Person, lang: str = "fr") -> OutgoingMail:
    """One calendar message for one shift: REQUEST, or CANCEL once the shift is removed."""
    t = Texts(lang)
    method, ics = itip_message(doc, state, person, lang)
    a = state.assignment
    what = f"{t.long_date(a.day)}, {summary(state, doc, t).removeprefix('SAS · ')}"
    cancel = method is Method.CANCEL
    msg = _base(doc, person, t("mail_cancel_subject" if cancel else "mail_invite_subject", what=what))
    text = f"{t('hello', name=person_title(person))}\n\n{what}"
    if cancel:
        text += f" — {t('cancelled')}"
    msg.set_content(text + "\n" + _signature(doc, t))
    msg.add_alternative(ics.decode("utf-8"), subtype="calendar", params={"method": method.value})
    kind = "cancellation" if cancel else "invitation"
    return OutgoingMail(f"itip:{state.uid}:{state.sequence}:{method.value}", person.id or 0, kind,
                        person.email or "", msg)


def schedule_mail(doc: MonthDocument, person: Person, pdf: bytes, lang: str = "fr") -> OutgoingMail:
    t = Texts(lang)
    month = t.month_title(doc.year, doc.month)
    version = t("version", n=doc.version.number)
    msg = _base(doc, person, t("mail_schedule_subject", month=month))
    msg.set_content("\n\n".join([t("hello", name=person_title(person)), t("schedule_intro", month=month, version=version),
                                 t("mail_attached"), t("mail_invites_follow")]) + "\n" + _signature(doc, t))
    name = f"{t('planning').lower()}-{doc.year:04d}-{doc.month:02d}-{slug(person.last_name)}"
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=f"{name}.pdf")
    msg.add_attachment(person_calendar(doc, person, lang), maintype="text", subtype="calendar", filename=f"{name}.ics",
                       params={"method": "PUBLISH"})
    return OutgoingMail(f"schedule:{doc.year:04d}-{doc.month:02d}:v{doc.version.number}:{person.id}", person.id or 0,
                        "schedule", person.email or "", msg)


def notice_mail(notice: NoticeDocument, person: Person, pdf: bytes, lang: str = "fr") -> OutgoingMail:
    doc = notice.month
    t = Texts(lang)
    month = t.month_title(doc.year, doc.month)
    msg = _base(doc, person, t("mail_notice_subject", month=month))
    intro = t("notice_intro", month=month, version=t("version", n=doc.version.number), reason=doc.version.reason or "—")
    msg.set_content("\n\n".join([t("hello", name=person_title(person)), intro, t("calendar_note")]) + "\n"
                    + _signature(doc, t))
    name = f"avis-{doc.year:04d}-{doc.month:02d}-v{doc.version.number}-{slug(person.last_name)}"
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=f"{name}.pdf")
    return OutgoingMail(f"notice:{doc.year:04d}-{doc.month:02d}:v{doc.version.number}:{person.id}", person.id or 0,
                        "notice", person.email or "", msg)


def schedule_batch(doc: MonthDocument, persons: Iterable[Person], render_pdf: Callable[[Person], bytes],
                   lang: str = "fr") -> list[OutgoingMail]:
    """Per person with an e-mail address: her schedule, then one invitation per shift (and a
    cancellation per shift removed since it was sent)."""
    out: list[OutgoingMail] = []
    for p in persons:
        if not p.email:
            continue
        out.append(schedule_mail(doc, p, render_pdf(p), lang))
        out += [itip_mail(doc, state, p, lang) for state in doc.calendar_of(p.id or 0)]
    return out


def notice_batch(notice: NoticeDocument, render_pdf: Callable[[Person], bytes], lang: str = "fr") -> list[OutgoingMail]:
    """Per person affected by the amendment: the notice, then REQUEST for each shift gained or
    moved and CANCEL for each shift lost."""
    doc = notice.month
    out: list[OutgoingMail] = []
    for p in notice.people():
        if not p.email:
            continue
        out.append(notice_mail(notice, p, render_pdf(p), lang))
        changes = notice.diff.for_person(p.id or 0)
        for a in list(changes.gained) + [m.after for m in changes.moved] + list(changes.lost):
            state = doc.shifts.get(a.uid or "")
            if state is not None and state.assignment.person_id == p.id:
                out.append(itip_mail(doc, state, p, lang))
            elif state is not None:  # the shift went to someone else under the same uid
                out.append(itip_mail(doc, ShiftState(a, state.sequence, cancelled=True), p, lang))
    return out


def write_previews(mails: Iterable[OutgoingMail], folder: Path | str) -> list[Path]:
    """`--preview`: each message as an `.eml` file instead of sending it."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for n, mail in enumerate(mails, 1):
        path = target / f"{n:05d}-{mail.kind}-{mail.person_id}.eml"
        path.write_bytes(bytes(mail.message))
        written.append(path)
    return written
