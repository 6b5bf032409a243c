"""The `Services` facade: one object built from an engine, holding every use-case service."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from ..domain.versions import RosterVersion
from ..persistence import audit
from ..persistence.base import Base
from ..persistence.engine import database_url, is_zero_byte_file, make_engine, make_session_factory
from ..persistence.migrate import upgrade_database
from ..persistence.repositories import AuditRepository
from .amendments import AmendmentService
from .attendance import AttendanceService
from .availability import AvailabilityService, PdsaService
from .base import ServiceBase
from .budget import BudgetService
from .claims import ClaimsService
from .history import HistoryService
from .persons import PersonService
from .rosters import RosterService
from .settings import SettingsService
from .setup import SetupService
from .solving import SolvingService


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
        self.setup = SetupService(self._sessions)
        self.audit = AuditRepository(self._sessions)
        self.opened_zero_byte_file = False
        self.amendments = AmendmentService(self._sessions)
        self.solving = SolvingService(self)

    @contextmanager
    def transaction(self, actor: str | None) -> Iterator[Session]:
        """One transaction for a use case that spans several services (the solve store)."""
        with self._tx(actor) as session:
            yield session

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
        The audit log is emptied too, then records the reset itself."""
        with self._tx(actor) as s:
            for table in reversed(Base.metadata.sorted_tables):
                s.execute(delete(table))
            audit.record(s, "*", "*", "reset")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Services:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
