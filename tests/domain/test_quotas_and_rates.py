from datetime import date
from decimal import Decimal

import pytest

from sas_roster.domain.enums import ContractKind, PersonStatus, RateKind, Role
from sas_roster.domain.errors import NotFoundError
from sas_roster.domain.person import Contract, Person, RetireeQuota
from sas_roster.domain.quotas import quota_status
from sas_roster.domain.rates import (
    DatedRate, default_indicator9_tiers, default_rates, indicator9_amount, rate_on, round_money,
    training_hourly_rate,
)


def retiree(**quota):
    return Person("Aubertin", "Claire", frozenset({Role.REGULATOR}), PersonStatus.RETIRED_CUMUL,
                  quota=RetireeQuota(**quota))


def test_yearly_quota_left_counts_hours_already_worked():
    p = retiree(yearly_hours=240)
    s = quota_status(p, date(2027, 11, 1), worked_this_year_before_month=230 * 60)
    assert s.minutes_left == 10 * 60


def test_monthly_quota_is_the_tighter_limit():
    p = retiree(yearly_hours=240, monthly_hours=20)
    s = quota_status(p, date(2027, 3, 1), worked_this_year_before_month=40 * 60, worked_this_month=4 * 60)
    assert s.monthly_left == 16 * 60 and s.minutes_left == 16 * 60


def test_quota_exceeded_gives_zero_not_negative():
    p = retiree(yearly_hours=100)
    assert quota_status(p, date(2027, 9, 1), worked_this_year_before_month=104 * 60).minutes_left == 0


def test_eligibility_end_date_closes_quota():
    p = retiree(yearly_hours=200, eligible_until=date(2027, 6, 30))
    assert quota_status(p, date(2027, 7, 1), 0).minutes_left == 0
    assert quota_status(p, date(2027, 6, 1), 0).minutes_left == 200 * 60
    assert not p.may_regulate_on(date(2027, 7, 1)) and p.may_regulate_on(date(2027, 6, 30))


def test_installed_doctor_has_no_quota():
    p = Person("Besnard", "Léa", frozenset({Role.REGULATOR}), PersonStatus.INSTALLED)
    assert quota_status(p, date(2027, 1, 1), 10_000).minutes_left is None


def test_locum_regulates_only_under_contract():
    p = Person("Carrel", "Yann", frozenset({Role.REGULATOR}), PersonStatus.LOCUM,
               contracts=(Contract(ContractKind.LOCUM, date(2027, 2, 1), date(2027, 2, 28)),))
    assert p.may_regulate_on(date(2027, 2, 15))
    assert not p.may_regulate_on(date(2027, 3, 1))


def test_regulation_rate_is_dated():
    rates = default_rates() + [DatedRate(RateKind.REGULATION_HOURLY, Decimal("100"), date(2028, 1, 1))]
    assert rate_on(rates, RateKind.REGULATION_HOURLY, date(2027, 12, 31)).value == Decimal("90.00")
    assert rate_on(rates, RateKind.REGULATION_HOURLY, date(2028, 1, 1)).value == Decimal("100")
    with pytest.raises(NotFoundError, match="Aucun taux"):
        rate_on(rates, RateKind.REGULATION_HOURLY, date(2021, 6, 1))


def test_training_is_three_consultations_per_hour():
    assert training_hourly_rate(default_rates(), date(2025, 3, 1)) == Decimal("90.00")
    assert training_hourly_rate(default_rates(), date(2024, 3, 1)) == Decimal("79.50")


@pytest.mark.parametrize("acts, amount", [(0, 0), (4, 0), (5, 70), (15, 70), (16, 210), (35, 350), (45, 490), (46, 630)])
def test_indicator9_tiers(acts, amount):
    assert indicator9_amount(default_indicator9_tiers(), acts, date(2027, 3, 31)) == Decimal(amount)


def test_rounding_half_up_once():
    assert round_money(Decimal("10.005")) == Decimal("10.01")
    assert round_money(Decimal("3") * Decimal("90") / Decimal("7")) == Decimal("38.57")
