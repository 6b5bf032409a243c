"""Settings: the association and its rules, opening hours and bridge days, territories and
shift templates, demand curves, dated rates — one tab each, each saved on its own."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from ...context import AppContext
from ...i18n import _
from ..base import View
from .association import AssociationPage
from .demand import DemandPage
from .hours import HoursPage
from .outreach import OutreachPage
from .page import SettingsPage
from .reference import RatesPage, ReferencePage


class SettingsView(View):
    key = "settings"
    topics = (AppContext.SETTINGS,)
    follows_month = False

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, _("Paramètres"))
        self.tabs = QTabWidget()
        self.association = AssociationPage(ctx)
        self.hours = HoursPage(ctx)
        self.reference = ReferencePage(ctx)
        self.demand = DemandPage(ctx)
        self.rates = RatesPage(ctx)
        self.outreach = OutreachPage(ctx)  # contacts, SMTP server, charte d'adressage
        self.pages: list[SettingsPage] = [self.association, self.hours, self.reference, self.demand, self.rates,
                                          self.outreach]
        for page in self.pages:
            self.tabs.addTab(page, page.title)
        self.body.addWidget(self.tabs, 1)

    def reload(self) -> None:
        for page in self.pages:
            page.load()
