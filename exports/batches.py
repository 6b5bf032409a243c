"""The messages of one sending, built from the read models: schedules (each person's PDF,
`.ics` and invitations) or the change notices of an amendment (PDF, REQUEST / CANCEL)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from sas_roster.domain.documents import MonthDocument, NoticeDocument
from sas_roster.domain.person import Person

from .mail import OutgoingMail, notice_batch, schedule_batch
from .notices_pdf import write_notice
from .personal_pdf import write_personal


def schedule_mails(doc: MonthDocument, lang: str = "fr") -> list[OutgoingMail]:
    with tempfile.TemporaryDirectory(prefix="sas-roster-mail-") as tmp:
        def pdf(p: Person) -> bytes:
            return write_personal(doc, p, Path(tmp) / f"{p.id}.pdf", lang).read_bytes()

        return schedule_batch(doc, doc.people(), pdf, lang)


def notice_mails(notice: NoticeDocument, lang: str = "fr") -> list[OutgoingMail]:
    """Nothing for a first publication: notices tell the changes of an amendment."""
    if notice.previous.number == 0:
        return []
    with tempfile.TemporaryDirectory(prefix="sas-roster-mail-") as tmp:
        def pdf(p: Person) -> bytes:
            return write_notice(notice, p, Path(tmp) / f"{p.id}.pdf", lang).read_bytes()

        return notice_batch(notice, pdf, lang)
