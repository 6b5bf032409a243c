"""The Gouvernance page: one tab per register (audit log, the month's versions and their
comparison, accounts, members and dues, bodies and meetings, documents, complaints). Other
work adds its own tabs with `register_tab` without editing this package."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget

from ...context import AppContext
from ...i18n import N_, _
from ..base import View

TabFactory = Callable[[AppContext], QWidget]
_EXTRA_TABS: list[tuple[str, str, TabFactory]] = []


def register_tab(key: str, title: str, factory: TabFactory) -> None:
    """Add a tab to the Gouvernance page (`title` marked with N_, translated when shown)."""
    if all(k != key for k, _t, _f in _EXTRA_TABS):
        _EXTRA_TABS.append((key, title, factory))


def _tabs() -> list[tuple[str, str, TabFactory]]:
    from .audit_tab import AuditTab
    from .data_protection_tab import DataProtectionTab
    from .registry_tabs import ComplaintsTab, DocumentsTab, MeetingsTab, MembersTab
    from .users_tab import UsersTab
    from .versions_tab import VersionsTab

    return [
        ("audit", N_("Journal"), AuditTab),
        ("versions", N_("Versions du mois"), VersionsTab),
        ("users", N_("Comptes"), UsersTab),
        ("members", N_("Adhérents et cotisations"), MembersTab),
        ("meetings", N_("Instances et réunions"), MeetingsTab),
        ("documents", N_("Documents"), DocumentsTab),
        ("complaints", N_("Réclamations et événements indésirables"), ComplaintsTab),
        ("data_protection", N_("Protection des données"), DataProtectionTab),
        *_EXTRA_TABS,
    ]


class GovernanceView(View):
    key = "governance"
    topics = (AppContext.PERSONS, AppContext.ROSTER, AppContext.SETTINGS, AppContext.AVAILABILITY)
    follows_month = False

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, _("Gouvernance"))
        self.tabs = QTabWidget(objectName="governanceTabs")
        self.pages: dict[str, QWidget] = {}
        for key, title, factory in _tabs():
            page = factory(ctx)
            self.pages[key] = page
            self.tabs.addTab(page, _(title))
        self.tabs.currentChanged.connect(lambda _i: self.reload())
        ctx.month_changed.connect(lambda *_a: self.mark_dirty())  # the versions tab follows the month
        self.body.addWidget(self.tabs, 1)

    def reload(self) -> None:
        page = self.tabs.currentWidget()
        reload = getattr(page, "reload", None)
        if reload is not None:
            reload()

    def show_tab(self, key: str) -> QWidget:
        self.tabs.setCurrentWidget(self.pages[key])
        return self.pages[key]
