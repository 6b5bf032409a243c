"""What every view shares: the services, the month being worked on, and change notices.

Views never talk to each other: a view that changed something calls `notify(topic)`, and
the views that show that topic reload when they are next visible.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, QSettings, Signal

from sas_roster.cli.base import system_user
from sas_roster.domain.calendar import parse_month
from sas_roster.services import Services


def next_month(year: int, month: int, n: int = 1) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


class AppContext(QObject):
    month_changed = Signal(int, int)
    changed = Signal(str)  # topic: "persons", "availability", "roster", "settings"

    # topics
    PERSONS = "persons"
    AVAILABILITY = "availability"
    ROSTER = "roster"
    SETTINGS = "settings"

    def __init__(self, services: Services, *, today: date, month: str | None = None, lang: str = "fr",
                 database_label: str = "", actor: str | None = None, demo: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.demo = demo  # the demo's own database file is open (said in the title and status bar)
        self.services = services
        # Who the window's changes are recorded as: the signed-in user once accounts exist,
        # until then the operating-system user.
        self.actor = actor or system_user()
        self.today = today
        self.lang = lang
        self.database_label = database_label
        # The coordinator usually prepares next month's roster.
        self.year, self.month = parse_month(month) if month else next_month(today.year, today.month)
        self._persons: list | None = None
        self.changed.connect(self._forget)

    def persons(self) -> list:
        """Everyone in the pools, read once and kept until someone changes them (the grids
        need the names at once; the full evaluations read them fresh)."""
        if self._persons is None:
            self._persons = self.services.persons.list()
        return self._persons

    def warm_up(self) -> None:
        """Read what every page needs while the coordinator looks at the first one: the
        pools and the holiday calendar (whose first use imports every country's rules)."""
        from sas_roster.domain.calendar import public_holidays

        self.persons()
        settings = self.services.settings.get()
        if settings is not None:
            public_holidays(settings.zone, self.year)

    def _forget(self, topic: str) -> None:
        if topic == self.PERSONS:
            self._persons = None

    def set_month(self, year: int, month: int) -> None:
        if (year, month) != (self.year, self.month):
            self.year, self.month = year, month
            self.month_changed.emit(year, month)

    def shift_month(self, n: int) -> None:
        self.set_month(*next_month(self.year, self.month, n))

    def notify(self, topic: str) -> None:
        self.changed.emit(topic)


def ui_settings() -> QSettings:
    """The user's interface preferences (language, window geometry), not the association's data."""
    return QSettings("sas-roster", "sas-roster")
