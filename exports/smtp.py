"""Sending the built e-mails through the association's SMTP server.

The password is looked up in the system keyring (service "sas-roster", user "login@host")
where there is one; otherwise it is asked once per run and kept in this process's memory
only. It is never written to the database, a file or a log, and never appears in an error.

A sending stops at the first failure and says who got their messages and who did not; each
message the server accepted is reported at once (`on_sent`) so the caller can log it, and
sending again skips what was logged.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import keyring
from keyring.errors import KeyringError

from sas_roster.domain.mailing import SmtpSecurity, SmtpSettings

from .mail import OutgoingMail

KEYRING_SERVICE = "sas-roster"


class SendError(Exception):
    """French message for the coordinator; never contains the password."""


def keyring_user(smtp: SmtpSettings) -> str:
    return f"{smtp.user}@{smtp.host}"


class Credentials:
    """Where the SMTP password comes from: the keyring, else `ask()` (kept in memory)."""

    def __init__(self, ask: Callable[[], str | None] | None = None) -> None:
        self._ask = ask
        self._memory: dict[str, str] = {}

    def password(self, smtp: SmtpSettings) -> str | None:
        if not smtp.user:
            return None
        user = keyring_user(smtp)
        if user in self._memory:
            return self._memory[user]
        try:
            stored = keyring.get_password(KEYRING_SERVICE, user)
        except KeyringError:
            stored = None
        if stored:
            return stored
        asked = self._ask() if self._ask else None
        if asked:
            self._memory[user] = asked
        return asked

    def remember(self, smtp: SmtpSettings, password: str) -> bool:
        """Store in the keyring; True if a real keyring kept it (else memory only)."""
        user = keyring_user(smtp)
        self._memory[user] = password
        try:
            keyring.set_password(KEYRING_SERVICE, user, password)
            return keyring.get_password(KEYRING_SERVICE, user) == password
        except KeyringError:
            return False


@dataclass
class SendReport:
    sent: list[OutgoingMail] = field(default_factory=list)
    skipped: int = 0  # already sent before (in the log)
    not_sent: list[OutgoingMail] = field(default_factory=list)
    error: str = ""

    @property
    def complete(self) -> bool:
        return not self.not_sent and not self.error

    def summary(self, names: Callable[[int], str] = str) -> str:
        lines = [f"{len(self.sent)} message(s) envoyé(s), {self.skipped} déjà envoyé(s) auparavant."]
        if self.not_sent:
            got = sorted({names(m.person_id) for m in self.sent})
            missing = sorted({names(m.person_id) for m in self.not_sent})
            lines.append(f"Envoi interrompu : {self.error}")
            if got:
                lines.append("Ont reçu leurs messages : " + ", ".join(got))
            lines.append(f"N'ont pas tout reçu ({len(self.not_sent)} message(s) restant(s)) : " + ", ".join(missing))
            lines.append("Relancer l'envoi n'enverra que les messages restants.")
        return "\n".join(lines)


def _connect(smtp: SmtpSettings, timeout: float) -> smtplib.SMTP:
    if smtp.security is SmtpSecurity.SSL:
        return smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=timeout, context=ssl.create_default_context())
    conn = smtplib.SMTP(smtp.host, smtp.port, timeout=timeout)
    if smtp.security is SmtpSecurity.STARTTLS:
        conn.starttls(context=ssl.create_default_context())
    return conn


def send_mails(mails: Sequence[OutgoingMail], smtp: SmtpSettings, credentials: Credentials, *,
               already_sent: set[str] | None = None, on_sent: Callable[[OutgoingMail], None] | None = None,
               progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
               timeout: float = 30.0) -> SendReport:
    """Send every message whose key is not in `already_sent`, on one connection."""
    if not smtp.configured:
        raise SendError("Serveur d'envoi non configuré : renseigner l'hôte et l'adresse d'envoi dans les paramètres")
    done = already_sent or set()
    todo = [m for m in mails if m.key not in done]
    report = SendReport(skipped=len(mails) - len(todo))
    if not todo:
        return report
    try:
        conn = _connect(smtp, timeout)
    except (OSError, smtplib.SMTPException) as exc:
        report.not_sent = todo
        report.error = f"connexion au serveur {smtp.host}:{smtp.port} impossible ({type(exc).__name__})"
        return report
    try:
        if smtp.user:
            password = credentials.password(smtp)
            if not password:
                raise SendError("Mot de passe du serveur d'envoi non fourni : rien n'a été envoyé")
            try:
                conn.login(smtp.user, password)
            except smtplib.SMTPAuthenticationError:
                raise SendError("Le serveur d'envoi a refusé l'identifiant ou le mot de passe") from None
        for i, mail in enumerate(todo):
            if cancelled is not None and cancelled():
                report.not_sent = todo[i:]
                report.error = "envoi arrêté à la demande"
                break
            try:
                conn.send_message(mail.message, from_addr=smtp.sender, to_addrs=[mail.to])
            except (OSError, smtplib.SMTPException) as exc:
                report.not_sent = todo[i:]
                report.error = f"le serveur a refusé ou coupé l'envoi ({type(exc).__name__})"
                break
            report.sent.append(mail)
            if on_sent is not None:
                on_sent(mail)
            if progress is not None:
                progress(i + 1, len(todo))
    finally:
        try:
            conn.quit()
        except (OSError, smtplib.SMTPException):
            pass
    return report
