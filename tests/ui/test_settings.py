"""Settings tabs: each edits what the services store, and refusals are shown in French."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from PySide6.QtCore import Qt, QTime

from sas_roster.domain.enums import AvailabilityPolicy, RateKind, Role
from ui.models.demand import FIRST_HOUR, DemandGridModel


def _settings(window):
    return window.show_view("settings")


def test_association_and_policies_are_saved(window, services):
    page = _settings(window).association
    page.name.setText("Association SAS du Test")
    page.policy.setCurrentIndex(page.policy.findData(AvailabilityPolicy.OPT_OUT))
    page.osnp_week.setValue(44)
    page.language.set_value("en")
    assert page.save()
    from ui.context import ui_settings

    assert ui_settings().value("language") == "en"  # a preference of this computer, used at next start
    stored = services.settings.get()
    assert stored.name == "Association SAS du Test"
    assert stored.availability_policy is AvailabilityPolicy.OPT_OUT
    assert stored.osnp_max_hours_per_week == 44
    assert stored.opening_hours[Role.REGULATOR][5].end == time(12)  # other tabs' data untouched
    assert page.feedback.text() == "Enregistré."


def test_empty_name_is_refused_in_french(window, services):
    page = _settings(window).association
    page.name.setText("  ")
    assert not page.save()
    assert "nom de l'association manquant" in page.feedback.text()
    assert services.settings.get().name.startswith("Association SAS Val-de-Brenne")


def test_opening_hours_and_bridge_days(window, services):
    page = _settings(window).hours
    page.cells[(Role.OSNP, 5)].open.setChecked(False)
    page.cells[(Role.REGULATOR, 4)].end.setTime(QTime(18, 0))
    row = page.bridges.add_row([date(2027, 5, 7), None, "pont de l'Ascension"])
    assert page.bridges.table.item(row, 1).text() == "toute la journée"
    assert page.save()
    stored = services.settings.get()
    assert 5 not in stored.opening_hours[Role.OSNP]
    assert stored.opening_hours[Role.REGULATOR][4].end == time(18)
    bridge = stored.bridge_for(date(2027, 5, 7))
    assert bridge is not None and bridge.pdsa_from is None and bridge.label == "pont de l'Ascension"


def test_opening_hours_end_before_start_is_refused(window, services):
    page = _settings(window).hours
    page.cells[(Role.REGULATOR, 0)].end.setTime(QTime(7, 0))
    assert not page.save()
    assert "la fin (7h) doit suivre le début (8h)" in page.feedback.text()
    assert services.settings.get().opening_hours[Role.REGULATOR][0].end == time(20)


def test_shift_template_added_and_used_territory_kept(window, services):
    page = _settings(window).reference
    page.templates.add_row([Role.REGULATOR, "REG-N", "Régulation midi", time(11), time(14), frozenset({0, 2}), ""])
    assert page.save()
    added = next(t for t in services.settings.shift_templates(Role.REGULATOR) if t.code == "REG-N")
    assert added.weekdays == frozenset({0, 2}) and added.start == time(11)
    # Removing a territory people belong to is refused with the services' message.
    codes = [page.territories.table.item(r, 0).text() for r in range(page.territories.table.rowCount())]
    page.territories.table.selectRow(codes.index("HB"))
    page.territories.remove_selected()
    assert not page.save()
    assert "utilisé" in page.feedback.text()
    assert "HB" in {t.code for t in services.settings.territories()}


def test_weekdays_text_round_trip(qapp):
    from ui.widgets.table_editor import parse_weekdays, weekdays_text

    assert weekdays_text(frozenset(range(5))) == "lun.–ven."
    assert parse_weekdays("lun.–ven.") == frozenset(range(5))
    assert parse_weekdays("sam., lundi") == frozenset({0, 5})
    assert parse_weekdays("n'importe quoi") is None


def test_demand_grid_model_edits_counts(qapp):
    model = DemandGridModel()
    model.set_curve({0: {8: 2, 9: 3}}, {0: (8, 20)})
    column_8h = 8 - FIRST_HOUR
    assert model.data(model.index(0, column_8h)) == 2
    assert model.data(model.index(1, column_8h)) == ""
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None  # 6h: closed, grey
    assert model.headerData(column_8h, Qt.Orientation.Horizontal) == "8h"
    assert model.headerData(0, Qt.Orientation.Vertical) == "Lundi"
    assert model.setData(model.index(1, column_8h), "4")
    assert not model.setData(model.index(1, column_8h), "-1")
    assert not model.setData(model.index(1, column_8h), "beaucoup")
    assert model.setData(model.index(0, column_8h), 0)
    assert model.curve() == {0: {9: 3}, 1: {8: 4}}


def test_demand_curve_and_dated_period_saved(window, services):
    page = _settings(window).demand
    tuesday_10h = page.model.index(1, 10 - FIRST_HOUR)
    page.model.setData(tuesday_10h, 4)
    i = page.add_period()
    assert not page.period_box.isHidden()
    page.label.setText("Vacances d'été")
    page.label.textEdited.emit("Vacances d'été")
    page.model.setData(page.model.index(2, 15 - FIRST_HOUR), 0)
    assert page.save(), page.feedback.text()
    assert services.settings.demand_curves()[Role.REGULATOR].required(1, 10) == 4
    summer = next(o for o in services.settings.demand_overrides(Role.REGULATOR) if o.label == "Vacances d'été")
    assert summer.curve.required(2, 15) == 0 and summer.curve.required(1, 10) == 4
    assert i >= 1  # the demo's winter epidemic is kept
    assert any(o.label == "Épidémie hivernale" for o in services.settings.demand_overrides())


def test_new_dated_rate(window, services):
    page = _settings(window).rates
    stored_rows = page.rates.table.rowCount()
    flags = page.rates.table.item(0, 2).flags()
    assert not flags & Qt.ItemFlag.ItemIsEditable  # a stored rate's date is history
    page.rates.add_row([RateKind.REGULATION_HOURLY, Decimal("95.00"), date(2028, 1, 1), "avenant fictif"])
    assert page.save()
    assert page.rates.table.rowCount() == stored_rows + 1
    new = [r for r in services.settings.rates() if r.kind is RateKind.REGULATION_HOURLY and r.valid_from == date(2028, 1, 1)]
    assert new and new[0].value == Decimal("95.00")


def test_the_holiday_zone_follows_the_departement(window, services):
    from sas_roster.domain.enums import HolidayZone

    page = _settings(window).association
    page.department.setText("974")
    assert page.zone.currentData() is HolidayZone.REUNION and not page.zone.isEnabled()
    page.department.setText("57")
    assert page.zone.currentData() is HolidayZone.ALSACE_MOSELLE
    assert page.save()
    assert services.settings.get().zone is HolidayZone.ALSACE_MOSELLE
    page.department.setText("")  # no département: the zone is chosen by hand
    assert page.zone.isEnabled()
