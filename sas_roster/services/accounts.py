"""User accounts: create, list, change password, disable, authenticate (Argon2id hashes).

The first account of a database is created without signing in and must be an administrator;
after that, only an administrator manages accounts (the guard's ``accounts`` area), except
that anyone signed in may change their own password.
"""

from __future__ import annotations

from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.accounts import AccountRole, User
from ..domain.errors import NotFoundError, PermissionDenied, Problem, ValidationError
from ..persistence.transactions import read_session
from ..persistence.base import utc_now
from ..persistence.guard import EXEMPT_KEY, accounts_exist
from ..persistence.models import UserRoleRow, UserRow
from .base import ServiceBase

MIN_PASSWORD_LENGTH = 8
_hasher = PasswordHasher()  # Argon2id with the library's current recommended parameters


def use_password_hasher(hasher: PasswordHasher | None) -> None:
    """Another Argon2id cost (tests use a light one: the default takes ~0.1 s and 64 MiB)."""
    global _hasher
    _hasher = hasher or PasswordHasher()


def _to_domain(row: UserRow) -> User:
    return User(
        name=row.name, roles=frozenset(AccountRole(r.role) for r in row.roles), active=row.active, id=row.id,
        full_name=row.full_name, created_at=row.created_at,
    )


def _password_problems(password: str) -> list[Problem]:
    if len(password) < MIN_PASSWORD_LENGTH:
        return [Problem(f"au moins {MIN_PASSWORD_LENGTH} caractères", field="mot de passe")]
    return []


class UserService(ServiceBase):
    def exist(self) -> bool:
        """True once the database has an account (then writes need a signed-in user)."""
        with read_session(self._sessions) as s:
            return accounts_exist(s)

    def list(self) -> list[User]:
        with read_session(self._sessions) as s:
            return [_to_domain(r) for r in s.scalars(select(UserRow).order_by(UserRow.name))]

    def get(self, name: str) -> User:
        with read_session(self._sessions) as s:
            return _to_domain(_row(s, name))

    def add(
        self, name: str, roles: Iterable[AccountRole], password: str, full_name: str = "",
        actor: str | None = None,
    ) -> User:
        name, roles = name.strip(), frozenset(roles)
        problems = _password_problems(password)
        if not name or len(name) > 80 or any(c.isspace() for c in name):
            problems.append(Problem("1 à 80 caractères, sans espace", field="nom"))
        if not roles:
            problems.append(Problem("au moins un rôle", field="rôle"))
        if problems:
            raise ValidationError("Compte refusé", problems)
        with self._tx(actor or name) as s:
            if not accounts_exist(s) and AccountRole.ADMINISTRATOR not in roles:
                raise ValidationError(
                    "Le premier compte de la base doit être administrateur (--role administrator)."
                )
            if s.scalars(select(UserRow).where(UserRow.name == name)).first() is not None:
                raise ValidationError("Compte refusé", [Problem(f"le compte « {name} » existe déjà", field="nom")])
            row = UserRow(
                name=name, full_name=full_name, password_hash=_hasher.hash(password), active=True,
                created_at=utc_now(), roles=[UserRoleRow(role=r.value) for r in sorted(roles)],
            )
            s.add(row)
            s.flush()
            return _to_domain(row)

    def set_roles(self, name: str, roles: Iterable[AccountRole], actor: str | None = None) -> User:
        roles = frozenset(roles)
        if not roles:
            raise ValidationError("Compte refusé", [Problem("au moins un rôle", field="rôle")])
        with self._tx(actor) as s:
            row = _row(s, name)
            wanted = {r.value for r in roles}
            row.roles = [r for r in row.roles if r.role in wanted] + [
                UserRoleRow(role=v) for v in sorted(wanted - {r.role for r in row.roles})
            ]
            s.flush()
            self._keep_an_administrator(s)
            return _to_domain(row)

    def set_password(self, name: str, password: str, actor: str | None = None) -> None:
        refuse_problems = _password_problems(password)
        if refuse_problems:
            raise ValidationError("Mot de passe refusé", refuse_problems)
        with self._tx(actor) as s:
            row = _row(s, name)
            me = self.current_user
            if me is not None and me.id == row.id:
                s.info[EXEMPT_KEY] = {"users"}  # one's own password, whatever one's roles
            row.password_hash = _hasher.hash(password)
            s.flush()
            s.info.pop(EXEMPT_KEY, None)

    def disable(self, name: str, actor: str | None = None) -> User:
        with self._tx(actor) as s:
            row = _row(s, name)
            row.active = False
            s.flush()
            self._keep_an_administrator(s)
            return _to_domain(row)

    def enable(self, name: str, actor: str | None = None) -> User:
        with self._tx(actor) as s:
            row = _row(s, name)
            row.active = True
            s.flush()
            return _to_domain(row)

    def authenticate(self, name: str, password: str) -> User:
        """The account if `password` is right and the account active; else PermissionDenied
        (one message for a wrong name or password: it tells an intruder nothing)."""
        wrong = PermissionDenied("Nom d'utilisateur ou mot de passe incorrect.")
        with read_session(self._sessions) as s:
            row = s.scalars(select(UserRow).where(UserRow.name == name.strip())).first()
            if row is None:
                raise wrong
            try:
                _hasher.verify(row.password_hash, password)
            except (VerificationError, InvalidHashError):
                raise wrong from None
            if not row.active:
                raise PermissionDenied(f"Le compte « {row.name} » est désactivé.")
            return _to_domain(row)

    @staticmethod
    def _keep_an_administrator(s: Session) -> None:
        admins = s.scalars(
            select(UserRow).join(UserRoleRow).where(
                UserRow.active.is_(True), UserRoleRow.role == AccountRole.ADMINISTRATOR.value
            )
        ).first()
        if admins is None:
            raise ValidationError("Refusé : il doit rester au moins un administrateur actif.")


def _row(s: Session, name: str) -> UserRow:
    row = s.scalars(select(UserRow).where(UserRow.name == name.strip())).first()
    if row is None:
        raise NotFoundError(f"Compte « {name} » introuvable")
    return row
