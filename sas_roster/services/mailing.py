"""Use cases on what the association sends: its contacts and SMTP server (never the password),
and the log of messages the SMTP server accepted, so an interrupted sending resumes."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..domain.errors import Problem
from ..domain.mailing import AssociationContact, MailRecord, SmtpSecurity, SmtpSettings
from ..persistence.models import MailLogRow, MailSettingsRow
from .base import ServiceBase, refuse


class MailService(ServiceBase):
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        super().__init__(sessions)

    # --- settings ------------------------------------------------------------------------

    def contact(self) -> AssociationContact:
        with self._sessions() as s:
            row = _row(s)
            return AssociationContact(row.address, row.phone, row.email) if row else AssociationContact()

    def smtp(self) -> SmtpSettings:
        with self._sessions() as s:
            row = _row(s)
            if row is None:
                return SmtpSettings()
            return SmtpSettings(row.smtp_host, row.smtp_port, row.smtp_security, row.smtp_user, row.sender,
                                row.sender_name)

    def save_contact(self, contact: AssociationContact, actor: str | None = None) -> AssociationContact:
        problems = []
        if contact.email and "@" not in contact.email:
            problems.append(Problem("adresse e-mail invalide", None, "e-mail"))
        refuse("Coordonnées refusées", problems)
        with self._tx(actor) as s:
            row = _row_for_write(s)
            row.address, row.phone, row.email = contact.address.strip(), contact.phone.strip(), contact.email.strip()
        return self.contact()

    def save_smtp(self, smtp: SmtpSettings, actor: str | None = None) -> SmtpSettings:
        problems = []
        if not 0 < smtp.port < 65536:
            problems.append(Problem(f"port {smtp.port} invalide (1 à 65535)", None, "port"))
        if smtp.sender and "@" not in smtp.sender:
            problems.append(Problem("adresse d'envoi invalide", None, "expéditeur"))
        refuse("Paramètres d'envoi refusés", problems)
        with self._tx(actor) as s:
            row = _row_for_write(s)
            row.smtp_host, row.smtp_port, row.smtp_security = smtp.host.strip(), smtp.port, smtp.security
            row.smtp_user, row.sender, row.sender_name = smtp.user.strip(), smtp.sender.strip(), smtp.sender_name.strip()
        return self.smtp()

    # --- log -----------------------------------------------------------------------------

    def sent_keys(self, year: int, month: int) -> set[str]:
        """Keys of the messages of a month already accepted by the SMTP server."""
        with self._sessions() as s:
            return set(s.scalars(select(MailLogRow.key).where(MailLogRow.year == year, MailLogRow.month == month)))

    def log(self, year: int, month: int) -> list[MailRecord]:
        with self._sessions() as s:
            rows = s.scalars(select(MailLogRow).where(MailLogRow.year == year, MailLogRow.month == month)
                             .order_by(MailLogRow.sent_at, MailLogRow.id))
            return [MailRecord(r.key, r.person_id, r.year, r.month, r.kind, r.sent_at) for r in rows]

    def record_sent(self, records: Iterable[MailRecord], actor: str | None = None) -> None:
        """Log messages the server accepted (one call per message keeps the log exact even if
        the sending stops right after)."""
        records = list(records)
        with self._tx(actor) as s:
            known = set(s.scalars(select(MailLogRow.key).where(MailLogRow.key.in_([r.key for r in records]))))
            for r in records:
                if r.key not in known:
                    s.add(MailLogRow(key=r.key, person_id=r.person_id, year=r.year, month=r.month, kind=r.kind,
                                     sent_at=r.sent_at))


def _row(s: Session) -> MailSettingsRow | None:
    return s.scalars(select(MailSettingsRow).order_by(MailSettingsRow.id)).first()


def _row_for_write(s: Session) -> MailSettingsRow:
    row = _row(s)
    if row is None:
        row = MailSettingsRow(address="", phone="", email="", smtp_host="", smtp_port=587,
                              smtp_security=SmtpSecurity.STARTTLS, smtp_user="", sender="", sender_name="")
        s.add(row)
        s.flush()
    return row
