"""The setup wizard: a new association, from its name to its dated rates, saved as a whole
through the setup service in one transaction when the coordinator presses Finish.

Nothing is written before Finish; a refusal (a rule of the domain) is shown on the last page
with the page and row it names, and the wizard stays open."""

from __future__ import annotations

import getpass
from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QWidget, QWizard

from sas_roster.domain.demand import DemandCurve, ShiftTemplate
from sas_roster.domain.errors import DomainError
from sas_roster.domain.rates import DatedRate

from ..i18n import _
from . import setup_api
from .pages import (
    BridgesPage,
    DemandPage,
    HoursPage,
    IdentityPage,
    PoliciesPage,
    RatesPage,
    TemplatesPage,
    TerritoriesPage,
)


def _actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a service account): say who it is not
        return _("coordinateur")


class SetupWizard(QWizard):
    IDENTITY, HOURS, TERRITORIES, TEMPLATES, DEMAND, BRIDGES, POLICIES, RATES = range(8)

    def __init__(self, services, today: date, actor: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor or _actor()
        self.today = today
        self.saved: setup_api.AssociationSetup | None = None
        self.setWindowTitle(_("Créer mon association"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        # Qt's own button texts follow the Qt translator; ours are set here so both languages read well.
        self.setButtonText(QWizard.WizardButton.NextButton, _("Suivant >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< Précédent"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Créer l'association"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Abandonner"))
        # The year being prepared: next month's (the coordinator rosters a month ahead).
        self.year = today.year + (today.month == 12)
        self.identity = IdentityPage()
        self.hours = HoursPage()
        self.territories = TerritoriesPage()
        self.templates = TemplatesPage()
        self.demand = DemandPage()
        self.bridges = BridgesPage(self.year)
        self.policies = PoliciesPage()
        self.rates = RatesPage()
        for i, page in enumerate((self.identity, self.hours, self.territories, self.templates, self.demand,
                                  self.bridges, self.policies, self.rates)):
            self.setPage(i, page)
        self.currentIdChanged.connect(self._entering)
        self.resize(1000, 700)

    def _entering(self, page_id: int) -> None:
        if page_id == self.DEMAND:
            try:
                hours = self.hours.grid.hours()
            except DomainError:
                hours = {}
            self.demand.propose(setup_api.settings_with(setup_api.default_setup().settings, opening_hours=hours))
        elif page_id == self.BRIDGES:
            self.bridges.propose(self.identity.zone())

    # --- the whole setup ------------------------------------------------------------------------

    def setup(self) -> setup_api.AssociationSetup:
        """What the pages hold, as domain objects (raises DomainError on a malformed entry)."""
        territories = [setup_api.territory(code.strip(), name.strip(), kind, n, source)
                       for code, name, kind, n, source in self.territories.table.rows()]
        templates = [ShiftTemplate(role, code.strip(), label.strip(), start, end, days, skill or None)
                     for role, code, label, start, end, days, skill in self.templates.table.rows()]
        curves = [DemandCurve(role, by_weekday) for role, by_weekday in self.demand.result().items()]
        rates = [DatedRate(kind, Decimal(value if value is not None else 0), valid_from or self.today, note or "")
                 for kind, value, valid_from, note in self.rates.table.rows()]
        p = self.policies
        base = setup_api.default_setup(self.identity.name.text().strip())
        settings = setup_api.settings_with(
            base.settings,
            department=setup_api.normalise_department(self.identity.department.text()) or "",
            zone=self.identity.zone(),
            opening_hours=self.hours.grid.hours(),
            bridge_days=tuple(self.bridges.ticked()),
            availability_policy=p.policy.currentData(),
            handover_policy=p.handover.currentData(),
            rest_after_pdsa_night=p.rest_after_pdsa.isChecked(),
            rest_after_pdsa_hours=p.rest_hours.value(),
            remote_min_on_site_share=p.on_site_share.value() / 100,
            default_retiree_quota_hours=p.quota.value() or None,
        )
        return setup_api.AssociationSetup(settings, territories, templates, curves, rates=rates, tiers=base.tiers)

    def validateCurrentPage(self) -> bool:  # noqa: N802 - Qt override
        if self.currentId() == self.HOURS:
            try:
                self.hours.grid.hours()
            except DomainError as exc:
                self.hours.setSubTitle(str(exc))
                return False
        if self.currentId() != self.RATES:
            return super().validateCurrentPage()
        return self.save()

    def save(self) -> bool:
        """Write the whole setup in one transaction; on refusal say why and stay."""
        try:
            setup = self.setup()
            setup_api.save(self.services, setup, actor=self.actor)
        except (DomainError, ValueError) as exc:
            self.rates.feedback.setText(str(exc))
            return False
        self.saved = setup
        return True
