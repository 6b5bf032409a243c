"""The setup wizard, driven end to end as a coordinator would, in French and in English: an
empty database becomes an association in one transaction at Finish, nothing before."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from sas_roster.domain.demand import RotaSource
from sas_roster.domain.enums import AvailabilityPolicy, HolidayZone, Role
from sas_roster.services import Services
from tests.ui.keys import type_text
from ui import i18n

TODAY = date(2027, 4, 12)


@pytest.fixture
def empty_services(tmp_path):
    s = Services.open(f"sqlite:///{tmp_path / 'new.db'}")
    yield s
    s.close()


def _wizard(services, qtbot):
    from ui.wizard import SetupWizard

    w = SetupWizard(services, TODAY)
    qtbot.addWidget(w)
    w.show()
    return w


def _next(qtbot, wizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


TEXTS = {
    "fr": {"next": "Suivant >", "finish": "Créer l'association", "zone": "Alsace-Moselle · heure de Europe/Paris",
           "overseas": "La Réunion (974) · heure de Indian/Reunion", "unknown": "numéro de département inconnu",
           "title": "L'association", "hours_refused": "Horaires refusés"},
    "en": {"next": "Next >", "finish": "Create the association", "zone": "Alsace-Moselle · Europe/Paris time",
           "overseas": "La Réunion (974) · Indian/Reunion time", "unknown": "unknown département number",
           "title": "The association", "hours_refused": "Opening hours refused"},
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_wizard_creates_the_association_in_one_go(lang, empty_services, qtbot):
    i18n.install(lang)
    t = TEXTS[lang]
    w = _wizard(empty_services, qtbot)
    assert w.currentPage().title() == t["title"]
    assert w.button(QWizard.WizardButton.NextButton).text() == t["next"]
    next_button = w.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # a name and a département are needed

    type_text(qtbot, w.identity.name, "Association SAS Côte-Est (essai)")
    type_text(qtbot, w.identity.department, "99")
    assert w.identity.zone_label.text() == t["unknown"] and not next_button.isEnabled()
    w.identity.department.clear()
    type_text(qtbot, w.identity.department, "974")
    assert w.identity.zone_label.text() == t["overseas"]
    w.identity.department.clear()
    type_text(qtbot, w.identity.department, "67")
    assert w.identity.zone_label.text() == t["zone"] and next_button.isEnabled()
    _next(qtbot, w)

    # opening hours: no OSNP on Saturdays; an end before its start is refused on the page
    assert w.currentId() == w.HOURS
    w.hours.grid.cells[(Role.OSNP, 5)].open.setChecked(False)
    w.hours.grid.cells[(Role.REGULATOR, 2)].end.setTime(w.hours.grid.cells[(Role.REGULATOR, 2)].start.time().addSecs(-3600))
    _next(qtbot, w)
    assert w.currentId() == w.HOURS and t["hours_refused"] in w.hours.subTitle()
    w.hours.grid.cells[(Role.REGULATOR, 2)].end.setTime(w.hours.grid.cells[(Role.REGULATOR, 1)].end.time())
    _next(qtbot, w)

    assert w.currentId() == w.TERRITORIES
    table = w.territories.table
    table.add_row()
    table.set_value(0, 0, "CPTS-N")
    table.set_value(0, 1, "CPTS du Nord")
    table.add_row()
    table.set_value(1, 0, "SEC-S")
    table.set_value(1, 1, "Secteur Sud")
    table.set_value(1, table.table.columnCount() - 1, RotaSource.CPTS)  # sends its own rota
    _next(qtbot, w)

    assert w.currentId() == w.TEMPLATES
    rows = w.templates.table.rows()
    assert [r[1] for r in rows if r[0] is Role.REGULATOR] == ["REG-M", "REG-A", "REG-S", "REG-SAM"]
    w.templates.table.set_value(1, 2, "Régulation 12h–16h")
    _next(qtbot, w)

    assert w.currentId() == w.DEMAND
    curve = w.demand.model.curve()
    assert curve[0] == {h: 1 for h in range(8, 20)} and curve[5] == {h: 1 for h in range(8, 12)}
    w.demand.model.setData(w.demand.model.index(0, 10 - 6), 2)  # two regulators on Monday 10h–11h
    w.demand.role.set_value(Role.OSNP)
    assert 5 not in w.demand.model.curve()  # OSNP closed on Saturday: nothing proposed
    _next(qtbot, w)

    assert w.currentId() == w.BRIDGES
    proposed = [w.bridges.list.item(i).text() for i in range(w.bridges.list.count())]
    ascension = {"fr": "vendredi 7 mai 2027 — pont de l'Ascension", "en": "Friday 7 May 2027 — Ascension bridge"}
    assert ascension[lang] in proposed
    w.bridges.list.item(0).setCheckState(Qt.CheckState.Checked)
    ticked = w.bridges.ticked()
    assert len(ticked) == 1
    _next(qtbot, w)

    assert w.currentId() == w.POLICIES
    w.policies.policy.set_value(AvailabilityPolicy.OPT_OUT)
    _next(qtbot, w)

    assert w.currentId() == w.RATES
    assert empty_services.settings.get() is None  # nothing written before Finish
    finish = w.button(QWizard.WizardButton.FinishButton)
    assert finish.text() == t["finish"]
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert w.saved is not None, w.rates.feedback.text()

    s = empty_services.settings.get()
    assert s.name == "Association SAS Côte-Est (essai)"
    assert s.zone is HolidayZone.ALSACE_MOSELLE and s.department == "67"
    assert s.availability_policy is AvailabilityPolicy.OPT_OUT
    assert Role.OSNP in s.opening_hours and 5 not in s.opening_hours[Role.OSNP]
    assert s.opening_hours[Role.REGULATOR][0].start == time(8)
    assert list(s.bridge_days) == ticked
    territories = {t.code: t for t in empty_services.settings.territories()}
    assert territories["SEC-S"].rota_source is RotaSource.CPTS and territories["CPTS-N"].name == "CPTS du Nord"
    templates = {t.code: t for t in empty_services.settings.shift_templates(Role.REGULATOR)}
    assert set(templates) == {"REG-M", "REG-A", "REG-S", "REG-SAM"} and templates["REG-A"].label == "Régulation 12h–16h"
    demand = empty_services.settings.demand_curves()
    assert demand[Role.REGULATOR].required(0, 10) == 2 and demand[Role.REGULATOR].required(0, 9) == 1
    assert empty_services.settings.rates()


def test_a_refusal_keeps_the_wizard_open_and_writes_nothing(empty_services, qtbot):
    w = _wizard(empty_services, qtbot)
    type_text(qtbot, w.identity.name, "Association SAS (essai)")
    type_text(qtbot, w.identity.department, "69")
    for _ in range(2):
        _next(qtbot, w)
    w.territories.table.add_row()  # a territory without code nor name
    while w.currentId() != w.RATES:
        _next(qtbot, w)
    qtbot.mouseClick(w.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert w.saved is None and w.isVisible()
    assert w.rates.feedback.text()
    assert empty_services.settings.get() is None and empty_services.settings.territories() == []
