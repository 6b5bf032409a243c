"""What goes out of the association: the charte d'adressage, the platform's contacts and SMTP
server (never its password), and the log of e-mails sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...domain.addressing import LevelKind
from ...domain.mailing import SmtpSecurity
from ..base import Base, UtcDateTime, enum_type
from .settings import TerritoryRow


class AddressingLevelRow(Base):
    """One level of a territory's charte d'adressage; rank 1 is tried first."""

    __tablename__ = "addressing_levels"
    __table_args__ = (UniqueConstraint("territory_id", "rank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    territory_id: Mapped[int] = mapped_column(ForeignKey("territories.id", ondelete="CASCADE"), index=True)
    rank: Mapped[int] = mapped_column(Integer)
    kind: Mapped[LevelKind] = mapped_column(enum_type(LevelKind))
    label: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(String(400))

    territory: Mapped[TerritoryRow] = relationship()


class MailSettingsRow(Base):
    """The platform's contacts and its SMTP server: one row per database. No password here."""

    __tablename__ = "mail_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    address: Mapped[str] = mapped_column(String(400))
    phone: Mapped[str] = mapped_column(String(40))
    email: Mapped[str] = mapped_column(String(200))
    smtp_host: Mapped[str] = mapped_column(String(200))
    smtp_port: Mapped[int] = mapped_column(Integer)
    smtp_security: Mapped[SmtpSecurity] = mapped_column(enum_type(SmtpSecurity))
    smtp_user: Mapped[str] = mapped_column(String(200))
    sender: Mapped[str] = mapped_column(String(200))
    sender_name: Mapped[str] = mapped_column(String(200))


class MailLogRow(Base):
    """A message accepted by the SMTP server: sending again skips every key found here."""

    __tablename__ = "mail_log"
    __table_args__ = (UniqueConstraint("key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime)
