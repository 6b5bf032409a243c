"""Settings and reference data: saved, read back, updated in place."""

from __future__ import annotations

import dataclasses
from datetime import date, time
from decimal import Decimal

import pytest

from sas_roster.domain.demand import DemandCurve, Territory
from sas_roster.domain.enums import RateKind, Role
from sas_roster.domain.errors import ValidationError
from sas_roster.domain.rates import DatedRate, Indicator9Tier, default_indicator9_tiers, default_rates, rate_on
from sas_roster.domain.settings import BridgeDay, TimeRange
from tests.persistence import samples


def test_settings_saved_read_and_changed_in_place(services) -> None:
    assert services.settings.get() is None
    saved = services.settings.save(samples.settings())
    assert services.settings.get() == saved
    # Changing Monday's hours and a bridge's PDSA start must update rows that have unique keys.
    hours = {r: dict(d) for r, d in saved.opening_hours.items()}
    hours[Role.REGULATOR][0] = TimeRange(time(9), time(18))
    bridges = (BridgeDay(date(2027, 5, 7), time(14), "pont modifié"),)
    changed = services.settings.save(dataclasses.replace(saved, opening_hours=hours, bridge_days=bridges, name="Nouveau nom"))
    assert changed.id == saved.id
    back = services.settings.get()
    assert back.hours_for(Role.REGULATOR, 0) == TimeRange(time(9), time(18))
    assert back.bridge_days == bridges and back.name == "Nouveau nom"
    updates = [e for e in services.audit.entries(entity="opening_hours") if e.action == "update"]
    assert len(updates) == 1


def test_settings_problems_are_reported_in_french(services) -> None:
    bad = dataclasses.replace(samples.settings(), remote_min_on_site_share=1.5, name=" ")
    with pytest.raises(ValidationError) as caught:
        services.settings.save(bad)
    assert {p.field for p in caught.value.problems} == {"nom", "part sur site"}


def test_territories_are_upserted_by_code(services) -> None:
    services.settings.save_territories(samples.territories())
    services.settings.save_territories([Territory("CPTS-SUD", "CPTS Vallée Sud (renommée)", 3)])
    by_code = {t.code: t for t in services.settings.territories()}
    assert set(by_code) == {"CPTS-NORD", "CPTS-SUD"}
    assert (by_code["CPTS-SUD"].name, by_code["CPTS-SUD"].oncall_per_day) == ("CPTS Vallée Sud (renommée)", 3)
    services.persons.add(samples.regulator(1, territory="CPTS-NORD"))
    with pytest.raises(ValidationError, match="est utilisé"):
        services.settings.remove_territory("CPTS-NORD")
    services.settings.remove_territory("CPTS-SUD")
    assert [t.code for t in services.settings.territories()] == ["CPTS-NORD"]


def test_shift_templates_are_replaced_by_role_and_code(services) -> None:
    first = services.settings.save_shift_templates(samples.templates())
    ids = {t.code: t.id for t in first}
    kept = [t for t in samples.templates() if t.code != "R-S"]
    kept[0] = dataclasses.replace(kept[0], label="Matin (modifié)")
    services.settings.save_shift_templates(kept)
    back = {t.code: t for t in services.settings.shift_templates()}
    assert "R-S" not in back and back["R-M"].label == "Matin (modifié)" and back["R-M"].id == ids["R-M"]
    assert [t.code for t in services.settings.shift_templates(Role.OSNP)] == ["O-M", "O-AM"]
    with pytest.raises(ValidationError, match="en double|finit avant"):
        services.settings.save_shift_templates(
            [dataclasses.replace(samples.templates()[0], start=time(12), end=time(8))]
        )


def test_demand_curve_and_overrides(services) -> None:
    services.settings.save_demand_curve(samples.curve(Role.REGULATOR, 2))
    services.settings.save_demand_curve(samples.curve(Role.OSNP, 1))
    smaller = DemandCurve(Role.REGULATOR, {0: {8: 1, 9: 4}})
    services.settings.save_demand_curve(smaller)
    curves = services.settings.demand_curves()
    assert curves[Role.REGULATOR] == smaller and curves[Role.OSNP] == samples.curve(Role.OSNP, 1)

    [o] = services.settings.save_demand_overrides([samples.override()])
    assert services.settings.demand_overrides() == [o]
    moved = dataclasses.replace(o, end=date(2028, 3, 15))
    assert services.settings.save_demand_overrides([moved]) == [moved]
    with pytest.raises(ValidationError) as caught:
        services.settings.save_demand_overrides([dataclasses.replace(o, id=None, end=date(2027, 1, 1))])
    assert caught.value.problems[0].field == "fin de période"
    assert services.settings.demand_overrides() == [moved]


def test_rates_and_tiers_are_dated_and_exact(services) -> None:
    services.settings.save_rates(default_rates())
    services.settings.save_rates([DatedRate(RateKind.REGULATION_HOURLY, Decimal("95.50"), date(2028, 1, 1), "avenant fictif")])
    rates = services.settings.rates()
    assert rate_on(rates, RateKind.REGULATION_HOURLY, date(2027, 12, 31)).value == Decimal("90.00")
    assert rate_on(rates, RateKind.REGULATION_HOURLY, date(2028, 1, 1)).value == Decimal("95.50")
    services.settings.save_indicator9_tiers(default_indicator9_tiers())
    services.settings.save_indicator9_tiers([Indicator9Tier(5, 15, Decimal("75"), date(2022, 1, 1))])
    tiers = services.settings.indicator9_tiers()
    assert len(tiers) == 6 and tiers[1].amount == Decimal("75")
    with pytest.raises(ValidationError, match="incohérent"):
        services.settings.save_indicator9_tiers([Indicator9Tier(10, 5, Decimal("1"), date(2030, 1, 1))])
