"""Write rights enforced where every write passes: the session's flush and bulk statements.

The signed-in user (``Principal``) is shared by every session of one session factory, so
every service built on the facade's factory — including those written later — is guarded
without a line of its own. Each table belongs to an ``Area`` (``table_area``): explicitly
(``Table.info["area"]``, or ``TABLE_AREAS``), else by what its name says, else ``OTHER``.

No account in the database = single-user mode: nothing is enforced. Once an account exists,
a session with nobody signed in writes nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, event, exists, select, text
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql import Delete, Insert, Update

from ..domain.accounts import Area, User
from ..domain.errors import PermissionDenied
from .audit import EXCLUDED_TABLES, AuditedSession

PRINCIPAL_KEY = "principal"
EXEMPT_KEY = "guard_exempt"  # session.info: table names a service may write for anyone (own password)

TABLE_AREAS: dict[str, Area] = {
    "association_settings": Area.PLANNING, "opening_hours": Area.PLANNING, "bridge_days": Area.PLANNING,
    "territories": Area.PLANNING, "shift_templates": Area.PLANNING, "demand_points": Area.PLANNING,
    "demand_overrides": Area.PLANNING, "demand_override_points": Area.PLANNING,
    "persons": Area.PLANNING, "availability_entries": Area.PLANNING, "pdsa_duties": Area.PLANNING,
    "rosters": Area.PLANNING, "assignments": Area.PLANNING,
    "dated_rates": Area.FINANCE, "indicator9_tiers": Area.FINANCE, "attendance_lines": Area.FINANCE,
    "activity_aggregates": Area.PLANNING, "addressing_levels": Area.PLANNING, "mail_log": Area.PLANNING,
    "mail_settings": Area.PLANNING,
    "snp_counts": Area.FINANCE, "indicator8_status": Area.FINANCE, "worked_hours_history": Area.PLANNING,
    "users": Area.ACCOUNTS, "user_roles": Area.ACCOUNTS, "data_protection_settings": Area.ACCOUNTS,
    **{t: Area.REGISTRY for t in (
        "members", "member_dues", "bodies", "body_colleges", "body_seats", "meetings", "meeting_attendees",
        "meeting_decisions", "documents", "document_versions", "complaints",
    )},
}
# Read in order, on table names not listed above (tables other work adds later).
_NAME_RULES: tuple[tuple[tuple[str, ...], Area], ...] = (
    (("user",), Area.ACCOUNTS),
    (("attendance", "statement", "claim", "payment", "budget", "rate", "indemn", "certif", "invoice",
      "funding", "money"), Area.FINANCE),
    (("roster", "assignment", "version", "shift", "withdraw", "amend", "person", "availab", "pdsa",
      "demand", "territor", "setting", "template", "solv"), Area.PLANNING),
    (("member", "due", "body", "bodies", "college", "meeting", "decision", "vote", "proxy", "proxies",
      "agenda", "document", "complaint", "adverse", "retention", "registry"), Area.REGISTRY),
)


def table_area(table: Table | str) -> Area:
    name = table if isinstance(table, str) else table.name
    if not isinstance(table, str) and "area" in table.info:
        return Area(table.info["area"])
    if name in TABLE_AREAS:
        return TABLE_AREAS[name]
    for needles, area in _NAME_RULES:
        if any(n in name for n in needles):
            return area
    return Area.OTHER


class Principal:
    """Who is signed in, shared by all the sessions of one factory (mutable on purpose)."""

    def __init__(self) -> None:
        self.user: User | None = None


def principal_of(session: Session) -> Principal | None:
    p = session.info.get(PRINCIPAL_KEY)
    return p if isinstance(p, Principal) else None


def accounts_exist(session: Session) -> bool:
    conn = session.connection()
    if not conn.dialect.has_table(conn, "users"):
        return False
    return bool(conn.execute(select(exists().select_from(text("users")))).scalar())


def check_write(session: Session, tables: set[str]) -> None:
    """Refuse (PermissionDenied, French) when the signed-in user may not write one of `tables`."""
    principal = principal_of(session)
    tables = tables - EXCLUDED_TABLES - set(session.info.get(EXEMPT_KEY, ()))
    if principal is None or not tables:
        return
    user = principal.user
    if user is None:
        if accounts_exist(session):
            raise PermissionDenied(
                "Connexion requise : cette base a des comptes utilisateurs, connectez-vous "
                "(--user NOM en ligne de commande) pour modifier les données."
            )
        return
    if not user.active:
        raise PermissionDenied(f"Le compte « {user.name} » est désactivé : aucune modification possible.")
    refused = sorted({table_area(t) for t in tables if not user.can_write(table_area(t))}, key=list(Area).index)
    if refused:
        what = " ; ".join(a.label_fr for a in refused)
        raise PermissionDenied(
            f"Action refusée : le compte « {user.name} » ({user.roles_fr}) ne peut pas modifier {what}. "
            "Rien n'a été enregistré."
        )


def _mapped_table(obj: Any) -> str | None:
    table = getattr(type(obj), "__table__", None)
    return getattr(table, "name", None)


@event.listens_for(AuditedSession, "before_flush")
def _guard_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    tables = {t for obj in session.new for t in [_mapped_table(obj)] if t}
    tables |= {t for obj in session.deleted for t in [_mapped_table(obj)] if t}
    tables |= {t for obj in session.dirty if session.is_modified(obj) for t in [_mapped_table(obj)] if t}
    check_write(session, tables)


@event.listens_for(AuditedSession, "do_orm_execute")
def _guard_statement(state: ORMExecuteState) -> None:
    stmt = state.statement
    if isinstance(stmt, (Insert, Update, Delete)):
        name = getattr(stmt.table, "name", None)
        if name:
            check_write(state.session, {name})
