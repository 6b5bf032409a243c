"""User accounts, their roles, and what each role may change.

Rights are given per *area* of data (the planning, the money, the registry, the accounts),
not per service method: the persistence guard maps every table to an area, so any service
written later is covered by the same rule without naming it here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class AccountRole(StrEnum):
    ADMINISTRATOR = "administrator"
    COORDINATOR = "coordinator"
    TREASURER = "treasurer"
    READ_ONLY = "read_only"

    @property
    def label_fr(self) -> str:
        return ACCOUNT_ROLE_LABELS_FR[self]


ACCOUNT_ROLE_LABELS_FR = {
    AccountRole.ADMINISTRATOR: "administrateur",
    AccountRole.COORDINATOR: "coordinateur",
    AccountRole.TREASURER: "trésorier",
    AccountRole.READ_ONLY: "lecture seule",
}


class Area(StrEnum):
    """What a table holds, for the write rights."""

    PLANNING = "planning"  # people, availability, settings, rosters and their versions
    FINANCE = "finance"  # attendance, rates, statements, claims, budget
    REGISTRY = "registry"  # members, dues, bodies, meetings, documents, complaints
    ACCOUNTS = "accounts"  # user accounts, data-protection settings
    OTHER = "other"  # a table no rule names yet: administrators and coordinators

    @property
    def label_fr(self) -> str:
        return AREA_LABELS_FR[self]


AREA_LABELS_FR = {
    Area.PLANNING: "les personnes, disponibilités, réglages et plannings",
    Area.FINANCE: "les présences, taux et états de paiement",
    Area.REGISTRY: "le registre de l'association (adhérents, instances, documents, réclamations)",
    Area.ACCOUNTS: "les comptes utilisateurs et la protection des données",
    Area.OTHER: "ces données",
}


class Permission(StrEnum):
    """Actions that write nothing but are still restricted (checked by the service doing them)."""

    CERTIFY_ATTENDANCE = "certify_attendance"
    EXPORT_STATEMENTS = "export_statements"
    EXPORT_PERSONAL_DATA = "export_personal_data"
    ERASE_PERSONAL_DATA = "erase_personal_data"
    MANAGE_USERS = "manage_users"

    @property
    def label_fr(self) -> str:
        return PERMISSION_LABELS_FR[self]


PERMISSION_LABELS_FR = {
    Permission.CERTIFY_ATTENDANCE: "certifier les présences",
    Permission.EXPORT_STATEMENTS: "exporter les états de paiement",
    Permission.EXPORT_PERSONAL_DATA: "exporter les données d'une personne",
    Permission.ERASE_PERSONAL_DATA: "effacer les données personnelles",
    Permission.MANAGE_USERS: "gérer les comptes utilisateurs",
}

ROLE_AREAS: dict[AccountRole, frozenset[Area]] = {
    AccountRole.ADMINISTRATOR: frozenset(Area),
    AccountRole.COORDINATOR: frozenset({Area.PLANNING, Area.REGISTRY, Area.OTHER}),
    AccountRole.TREASURER: frozenset({Area.FINANCE, Area.REGISTRY}),
    AccountRole.READ_ONLY: frozenset(),
}

ROLE_PERMISSIONS: dict[AccountRole, frozenset[Permission]] = {
    AccountRole.ADMINISTRATOR: frozenset(Permission),
    AccountRole.COORDINATOR: frozenset(),
    AccountRole.TREASURER: frozenset({Permission.CERTIFY_ATTENDANCE, Permission.EXPORT_STATEMENTS}),
    AccountRole.READ_ONLY: frozenset(),
}


@dataclass(frozen=True)
class User:
    name: str
    roles: frozenset[AccountRole]
    active: bool = True
    id: int | None = None
    full_name: str = ""
    created_at: object | None = field(default=None, compare=False)

    def can_write(self, area: Area) -> bool:
        return self.active and any(area in ROLE_AREAS[r] for r in self.roles)

    def can(self, permission: Permission) -> bool:
        return self.active and any(permission in ROLE_PERMISSIONS[r] for r in self.roles)

    @property
    def roles_fr(self) -> str:
        return ", ".join(r.label_fr for r in sorted(self.roles, key=list(AccountRole).index))


def parse_role(text: str) -> AccountRole:
    """A role from its identifier or French label ('treasurer', 'trésorier')."""
    wanted = text.strip().lower().replace("-", "_").replace(" ", "_")
    for role in AccountRole:
        if wanted in (role.value, role.label_fr.replace(" ", "_"), role.name.lower()):
            return role
    if wanted in ("admin", "readonly", "lecture"):
        return AccountRole.ADMINISTRATOR if wanted == "admin" else AccountRole.READ_ONLY
    choices = ", ".join(r.value for r in AccountRole)
    raise ValueError(f"rôle « {text} » inconnu (choix : {choices})")
