"""The `Services` facade: one object built from an engine, holding every use-case service."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine, delete

from ..domain.accounts import User
from ..domain.versions import RosterVersion
from ..persistence import audit_chain
from ..persistence.base import Base
from ..persistence.engine import READ_ONLY, database_url, is_zero_byte_file, make_engine, make_session_factory
from ..persistence.migrate import upgrade_database
from ..persistence.repositories import AuditRepository
from .accounts import UserService
from .activity import ActivityService
from .addressing import AddressingService
from .amendments import AmendmentService
from .attendance import AttendanceService
from .audit_view import AuditViewService
from .availability import AvailabilityService, PdsaService
from .base import ServiceBase
from .capacity import CapacityService
from .budget import BudgetService
from .claims import ClaimsService
from .data_protection import DataProtectionService
from .documents import DocumentService
from .history import HistoryService
from .indicators import IndicatorsService
from .mailing import MailService
from .permissions import guard_services
from .persons import PersonService
from .registry import RegistryService
from .rosters import RosterService
from .settings import SettingsService
from .setup import SetupService
from .solving import SolvingService


KEPT_ON_RESET = frozenset({"audit_log", "users", "user_roles", "data_protection_settings"})


class Services(ServiceBase):
    """Every use case of the app, on one database. See the package docstring for the API."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(make_session_factory(engine))
        self.engine = engine
        self.persons = PersonService(self._sessions)
        self.settings = SettingsService(self._sessions)
        self.availability = AvailabilityService(self._sessions)
        self.pdsa = PdsaService(self._sessions)
        self.rosters = RosterService(self._sessions)
        self.attendance = AttendanceService(self._sessions, self._published_version)
        self.claims = ClaimsService(self._sessions, self.attendance)
        self.budget = BudgetService(self._sessions, self.claims)
        self.history = HistoryService(self._sessions)
        self.activity = ActivityService(self._sessions)
        self.indicators = IndicatorsService(self)
        self.capacity = CapacityService(self)
        self.setup = SetupService(self._sessions)
        self.audit = AuditRepository(self._sessions)
        self.opened_zero_byte_file = False
        self.users = UserService(self._sessions)
        self.registry = RegistryService(self._sessions)
        self.audit_view = AuditViewService(self._sessions)
        self.data_protection = DataProtectionService(self._sessions)
        self.amendments = AmendmentService(self._sessions)
        self.solving = SolvingService(self)
        self.addressing = AddressingService(self._sessions)
        self.mailing = MailService(self._sessions)
        self.documents = DocumentService(self)  # read models of the exports
        guard_services(self)  # last: rights checked before each writing use case starts

    # transaction(actor): ServiceBase's — one transaction that the use cases called inside it
    # join (the solve store, the demo loader).

    def _published_version(self, year: int, month: int) -> RosterVersion | None:
        """The latest published version of the month (attendance lines come from it)."""
        return self.rosters.version(year, month)

    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = True) -> Services:
        """Services on `url` (``--db``, else ``$SAS_ROSTER_DB_URL``, else the user's data file),
        after bringing the schema to the latest revision (backing up a SQLite file first)."""
        resolved = database_url(url)
        zero_byte = is_zero_byte_file(resolved)
        if migrate:
            upgrade_database(resolved)
        services = cls(make_engine(resolved))
        # A 0-byte file is a database lost or mistyped, not a first start: never fill it silently.
        services.opened_zero_byte_file = zero_byte
        return services

    def reset_database(self, actor: str | None = None) -> None:
        """Empty every table (the demo loader starts from a clean slate), in one transaction.
        The audit log (append-only) and the user accounts stay; each emptied table gets its entry."""
        with self._tx(actor) as s:
            for table in reversed(Base.metadata.sorted_tables):
                if table.name not in KEPT_ON_RESET:
                    s.execute(delete(table))

    # --- accounts and the audit chain --------------------------------------------------

    def sign_in(self, name: str, password: str) -> User:
        """Check the password and act as this user from now on (every service, every write)."""
        user = self.users.authenticate(name, password)
        self._principal.user = user
        return user

    def sign_out(self) -> None:
        self._principal.user = None

    @property
    def single_user(self) -> bool:
        """No account in the database: nobody signs in, nothing is restricted."""
        return not self.users.exist()

    def verify_audit(self, expect: str | None = None) -> audit_chain.VerifyResult:
        """Walk the keyed chain of the audit log; names the first entry that does not verify."""
        with self.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            return audit_chain.verify(conn, expect)

    def audit_checkpoint(self) -> str | None:
        """The newest audit chain hash, for published exports (planning footer, statements)."""
        with self.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            return audit_chain.last_hash(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Services:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
