"""What every service shares: one transaction per use case, with the actor for the audit log,
and database constraint errors turned into French messages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from ..domain.accounts import Permission, User
from ..domain.errors import PermissionDenied, Problem, ValidationError
from ..persistence.audit import ACTOR_KEY, DEFAULT_ACTOR
from ..persistence.errors import storage_error
from ..persistence.guard import PRINCIPAL_KEY, Principal, accounts_exist
from ..persistence.transactions import one_transaction, read_session, write_session

# Unique constraints users can run into, and what to tell them (the services check these
# first; this catches a concurrent write from another coordinator on a shared database).
_UNIQUE_MESSAGES = {
    "rpps": ("RPPS", "ce RPPS est déjà enregistré pour une autre personne"),
    "territories.code": ("code", "ce code de territoire existe déjà"),
    "uq_territories_code": ("code", "ce code de territoire existe déjà"),
    "rosters": ("mois", "le planning de ce mois existe déjà"),
    "availability_entries": ("disponibilité", "cette disponibilité est déjà enregistrée"),
    "pdsa_duties": ("garde PDSA", "cette garde de PDSA est déjà enregistrée"),
    "assignments": ("affectation", "cette affectation est déjà au planning"),
}


def translate_integrity_error(exc: IntegrityError) -> ValidationError:
    text = str(exc.orig)
    lowered = text.lower()
    if "unique" in lowered or "duplicate" in lowered:
        for needle, (field, message) in _UNIQUE_MESSAGES.items():
            if needle in lowered:
                return ValidationError("Enregistrement refusé : doublon", [Problem(message, field=field)])
        return ValidationError("Enregistrement refusé : cette valeur existe déjà")
    if "foreign key" in lowered:
        return ValidationError(
            "Enregistrement refusé : il fait référence à un élément inexistant, ou il est encore "
            "utilisé ailleurs (planning, présence...)."
        )
    if "not null" in lowered or "null value" in lowered:
        column = re.search(r"(?:NOT NULL constraint failed: |column \")([\w.]+)", text)
        column_name = column.group(1) if column else None
        return ValidationError("Enregistrement refusé : valeur obligatoire manquante", [Problem("valeur manquante", field=column_name)])
    return ValidationError("Enregistrement refusé par la base de données (contrainte non respectée)")


class ServiceBase:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @property
    def _principal(self) -> Principal:
        principal = self._sessions.kw.get("info", {}).get(PRINCIPAL_KEY)
        if not isinstance(principal, Principal):  # a factory not made by make_session_factory
            principal = Principal()
            self._sessions.kw.setdefault("info", {})[PRINCIPAL_KEY] = principal
        return principal

    @property
    def current_user(self) -> User | None:
        """Who is signed in (None: nobody, or single-user mode)."""
        return self._principal.user

    def authorise(self, permission: Permission) -> None:
        """Refuse (PermissionDenied, French) an action that writes nothing but is restricted:
        exporting statements, certifying attendance, exporting personal data..."""
        self._authorise(permission)

    def _authorise(self, permission: Permission) -> None:
        user = self.current_user
        if user is None:
            with read_session(self._sessions) as s:
                if accounts_exist(s):
                    raise PermissionDenied(f"Connexion requise pour {permission.label_fr}.")
            return
        if not user.can(permission):
            raise PermissionDenied(
                f"Action refusée : le compte « {user.name} » ({user.roles_fr}) ne peut pas {permission.label_fr}."
            )

    @contextmanager
    def _tx(self, actor: str | None) -> Iterator[Session]:
        """One use case = one transaction: committed at the end, rolled back on any error
        (or the enclosing `transaction()`'s, when there is one). Every write in it is checked
        against the signed-in user's rights at flush (guard) and audited under that user's
        name (`actor` when nobody is signed in)."""
        user = self.current_user
        try:
            with write_session(self._sessions) as session:
                previous = session.info.get(ACTOR_KEY)
                session.info[ACTOR_KEY] = user.name if user is not None else (actor or DEFAULT_ACTOR)
                try:
                    yield session
                finally:
                    if previous is not None:
                        session.info[ACTOR_KEY] = previous
        except IntegrityError as exc:
            raise translate_integrity_error(exc) from exc
        except DBAPIError as exc:  # busy, read-only, disk full, connection lost...
            raise storage_error(exc) from exc

    @contextmanager
    def transaction(self, actor: str | None = None) -> Iterator[Session]:
        """Run several use cases as one transaction: all of them are kept, or none."""
        user = self.current_user
        try:
            with one_transaction(self._sessions) as session:
                session.info[ACTOR_KEY] = user.name if user is not None else (actor or DEFAULT_ACTOR)
                yield session
        except IntegrityError as exc:
            raise translate_integrity_error(exc) from exc
        except DBAPIError as exc:
            raise storage_error(exc) from exc


def refuse(message: str, problems: list[Problem]) -> None:
    """Raise a ValidationError listing every problem found, if there is any."""
    if problems:
        raise ValidationError(message, problems)


def check_period(start: date | None, end: date | None, field: str, row: int | None = None) -> list[Problem]:
    if start is not None and end is not None and end < start:
        return [Problem(f"la date de fin ({end:%d/%m/%Y}) précède la date de début ({start:%d/%m/%Y})", row, field)]
    return []
