"""People of the pools: one record per human, with one or more roles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .enums import ContractKind, PersonStatus, Role, Sector


@dataclass(frozen=True)
class TrainingRecord:
    """A training followed (regulation training, tape review, OSNP core training ...)."""

    kind: str
    done_on: date
    expires_on: date | None = None

    def valid_on(self, day: date) -> bool:
        return self.done_on <= day and (self.expires_on is None or day <= self.expires_on)


@dataclass(frozen=True)
class RemoteAuthorisation:
    """ARS-permitted remote regulation (régulation délocalisée): since when, from where."""

    granted_on: date
    place: str


@dataclass(frozen=True)
class RetireeQuota:
    """Hour quota of a retired doctor, from the regional cahier des charges.

    `yearly_hours` None: the association's default quota applies (see `quotas.quota_status`).
    The quota counts regulation hours only; `eligible_until` is checked day by day.
    """

    yearly_hours: int | None
    monthly_hours: int | None = None
    eligible_until: date | None = None

    def eligible_on(self, day: date) -> bool:
        return self.eligible_until is None or day <= self.eligible_until


@dataclass(frozen=True)
class Contract:
    """A locum's contract (dates, the doctor replaced), an OSNP's employment contract (employer,
    weekly hours), or a fully retired doctor's hospital contract (`employer`: the paying hospital)."""

    kind: ContractKind
    start: date
    end: date | None = None
    employer: str | None = None
    weekly_hours: float | None = None  # OSNP contract hours
    replaces: str | None = None  # locum contract: the doctor replaced (name, RPPS)

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass
class Person:
    last_name: str
    first_name: str
    roles: frozenset[Role]
    status: PersonStatus
    rpps: str | None = None  # required for doctors; OSNP operators have none
    id: int | None = None
    sector: Sector | None = None
    phone: str | None = None
    email: str | None = None
    territory: str | None = None  # territory code (CPTS / PDSA sector), for effectors
    remote: RemoteAuthorisation | None = None
    skills: frozenset[str] = frozenset()
    trainings: tuple[TrainingRecord, ...] = ()
    monthly_max_shifts: int | None = None
    monthly_max_hours: int | None = None
    quota: RetireeQuota | None = None
    contracts: tuple[Contract, ...] = ()
    consent_contact: bool = True
    active: bool = True
    active_from: date | None = None
    active_until: date | None = None
    pseudonymised: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def short_name(self) -> str:
        """'Dr A. Martin' for doctors, 'A. Martin' for operators (for dense grids)."""
        initial = f"{self.first_name[:1]}. " if self.first_name else ""
        prefix = "Dr " if (Role.REGULATOR in self.roles or Role.EFFECTOR in self.roles) else ""
        return f"{prefix}{initial}{self.last_name}"

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    def is_active_on(self, day: date) -> bool:
        if not self.active:
            return False
        if self.active_from and day < self.active_from:
            return False
        if self.active_until and day > self.active_until:
            return False
        return True

    def contract_on(self, kind: ContractKind, day: date) -> Contract | None:
        return next((c for c in self.contracts if c.kind is kind and c.covers(day)), None)

    def may_regulate_on(self, day: date) -> bool:
        """Role, activity, locum contract and retiree eligibility for regulating that day."""
        if Role.REGULATOR not in self.roles or not self.is_active_on(day):
            return False
        if self.status is PersonStatus.LOCUM and self.contract_on(ContractKind.LOCUM, day) is None:
            return False
        return self.retiree_eligible_on(day)

    def retiree_eligible_on(self, day: date) -> bool:
        """False only for a retired doctor on a day after his eligibility end date."""
        return not (self.status.is_retired and self.quota is not None and not self.quota.eligible_on(day))

    def may_regulate_remotely_on(self, day: date) -> bool:
        return self.remote is not None and self.remote.granted_on <= day
