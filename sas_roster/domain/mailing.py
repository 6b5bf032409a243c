"""What the association sends by e-mail: its contact details printed on documents, its
SMTP server, and the log of messages sent (so an interrupted sending resumes where it stopped).

The SMTP password is never part of these objects: it lives in the system keyring, or is
asked at sending and kept in memory only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class SmtpSecurity(StrEnum):
    STARTTLS = "starttls"
    SSL = "ssl"
    NONE = "none"  # a relay on the local network (and the tests' local server)


@dataclass(frozen=True)
class AssociationContact:
    """The platform's contacts, printed on schedules and notices."""

    address: str = ""  # postal address of the SAS platform, lines separated by "\n"
    phone: str = ""
    email: str = ""  # reply address for the doctors


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: SmtpSecurity = SmtpSecurity.STARTTLS
    user: str = ""
    sender: str = ""  # the association's sending address, ORGANIZER of calendar invitations
    sender_name: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender)


@dataclass(frozen=True)
class MailRecord:
    """One message that reached the SMTP server: who got which message, and when."""

    key: str  # stable name of the message, e.g. "itip:<uid>:3:REQUEST"
    person_id: int
    year: int
    month: int
    kind: str  # "schedule", "notice", "invitation", "cancellation"
    sent_at: datetime
