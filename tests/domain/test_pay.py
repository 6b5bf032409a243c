"""Pay rules: real wall-clock hours, dated rates split at their start, money rounded once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from sas_roster.domain.attendance import AttendanceLine
from sas_roster.domain.claims import Payer, regulation_statements
from sas_roster.domain.enums import AttendanceStatus, ContractKind, PersonStatus, RateKind, Role, Sector
from sas_roster.domain.pay import (
    capped_majorations,
    effector_quarter,
    indemnity_hourly_rate,
    money,
    paid_pieces,
    total_amount,
    wall_minutes,
)
from sas_roster.domain.person import Contract, Person
from sas_roster.domain.rates import DatedRate, default_indicator9_tiers, default_rates

PARIS = ZoneInfo("Europe/Paris")
REG = RateKind.REGULATION_HOURLY


def test_dst_nights_count_their_real_length() -> None:
    # 2027-03-28: clocks go 2h → 3h; 2027-10-31: 3h → 2h.
    assert wall_minutes(date(2027, 3, 27), time(20), time(8), PARIS) == 11 * 60
    assert wall_minutes(date(2027, 10, 30), time(20), time(8), PARIS) == 13 * 60
    assert wall_minutes(date(2027, 10, 31), time(8), time(20), PARIS) == 12 * 60
    assert wall_minutes(date(2027, 3, 28), time(0), time(6), PARIS) == 5 * 60


@settings(max_examples=200, deadline=None)
@given(day=st.dates(date(2022, 1, 1), date(2030, 12, 31)), start=st.integers(0, 23 * 4), length=st.integers(1, 24 * 4))
def test_hours_are_elapsed_utc_time(day: date, start: int, length: int) -> None:
    s = time(start // 4, 15 * (start % 4))
    e_total = (start + length) % 96
    e = time(e_total // 4, 15 * (e_total % 4))
    from datetime import UTC, datetime

    begin = datetime.combine(day, s, tzinfo=PARIS)
    end_day = day if e > s else day + timedelta(days=1)
    finish = datetime.combine(end_day, e, tzinfo=PARIS)
    expected = (finish.astimezone(UTC) - begin.astimezone(UTC)).total_seconds() / 60
    assert wall_minutes(day, s, e, PARIS) == expected
    nominal = (length * 15) if e != s else 24 * 60
    assert abs(wall_minutes(day, s, e, PARIS) - nominal) in (0, 60)


def rates_with(change: date, old: str, new: str) -> list[DatedRate]:
    return [DatedRate(REG, Decimal(old), date(2022, 1, 1)), DatedRate(REG, Decimal(new), change)]


@settings(max_examples=150, deadline=None)
@given(change_day=st.integers(2, 28), new=st.decimals("50", "150", places=2), start_h=st.integers(14, 22),
       length_h=st.integers(1, 12))
def test_a_rate_change_mid_month_splits_the_shift(change_day: int, new: Decimal, start_h: int, length_h: int) -> None:
    change = date(2027, 5, change_day)
    rates = rates_with(change, "90.00", str(new))
    day = change - timedelta(days=1)
    end_h = (start_h + length_h) % 24
    pieces = paid_pieces(day, time(start_h), time(end_h), PARIS, rates, REG)
    crosses = start_h + length_h > 24
    assert len(pieces) == (2 if crosses else 1)
    assert pieces[0].rate == Decimal("90.00")
    if crosses:
        assert pieces[1].rate == new
        assert pieces[0].minutes == (24 - start_h) * 60 and pieces[1].minutes == (start_h + length_h - 24) * 60
    assert sum(p.minutes for p in pieces) == length_h * 60
    # A shift on the change day itself is at the new rate, the day before at the old one.
    assert paid_pieces(change, time(8), time(12), PARIS, rates, REG)[0].rate == new
    assert paid_pieces(day, time(8), time(12), PARIS, rates, REG)[0].rate == Decimal("90.00")


def _person(pid: int, status: PersonStatus = PersonStatus.INSTALLED, sector: Sector = Sector.S1) -> Person:
    return Person(f"Nom{pid}", f"P{pid}", frozenset({Role.REGULATOR}), status, rpps=None, id=pid, sector=sector)


shift_st = st.tuples(st.integers(1, 28), st.sampled_from([(8, 12), (12, 16), (16, 20), (8, 20), (9, 11)]),
                     st.integers(1, 3), st.sampled_from(list(AttendanceStatus)), st.integers(0, 59))


@settings(max_examples=150, deadline=None)
@given(shifts=st.lists(shift_st, min_size=1, max_size=25), change_day=st.integers(1, 28),
       new=st.decimals("60", "120", places=2))
def test_lines_add_up_and_money_is_rounded_once(shifts, change_day: int, new: Decimal) -> None:
    rates = rates_with(date(2027, 6, change_day), "90.00", str(new))
    lines = []
    for i, (d, (s, e), pid, status, late) in enumerate(shifts):
        extra: dict[str, object] = {}
        if status is AttendanceStatus.PARTIAL:
            extra = {"actual_start": time(s, late), "actual_end": time(e - 1, 59 - late)}
        if status is AttendanceStatus.REPLACED:
            extra = {"replaced_by": pid % 3 + 1}
        lines.append(AttendanceLine(2027, 6, f"u{i}", pid, date(2027, 6, d), Role.REGULATOR, "R", time(s), time(e), 1,
                                    status=status, **extra))  # type: ignore[arg-type]
    persons = {p: _person(p) for p in (1, 2, 3)}
    statements = regulation_statements(2027, 6, lines, persons, rates, PARIS)
    exact_all = Fraction(0)
    for st_ in statements:
        exact = sum((ln.exact for ln in st_.lines), Fraction(0))
        exact_all += exact
        # Each line is minutes × the rate of its date / 60; the total is that sum rounded once.
        for ln in st_.lines:
            assert ln.exact == Fraction(ln.minutes) * Fraction(ln.rate) / 60
            assert ln.rate == (new if ln.day >= date(2027, 6, change_day) else Decimal("90.00"))
        as_decimal = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert st_.total == as_decimal
        assert st_.total_minutes == sum(ln.minutes or 0 for ln in st_.lines)
    worked = [ln.worked() for ln in lines]
    assert sum(st_.total_minutes for st_ in statements) == sum(
        wall_minutes(ln.day, w[1], w[2], PARIS) for ln, w in zip(lines, worked) if w is not None)


def test_rounding_happens_once_not_per_line() -> None:
    # 3C at 26,50 € = 79,50 €/h: 10 minutes = 13,25 €; 7 minutes = 9,275 € → three lines of
    # 7 minutes round to 9,28 each (27,84) but the exact total 27,825 rounds to 27,83.
    assert money(Fraction(27825, 1000)) == Decimal("27.83")
    rates = [DatedRate(REG, Decimal("79.50"), date(2022, 1, 1))]
    pieces = [p for d in (3, 4, 5) for p in paid_pieces(date(2027, 6, d), time(8), time(8, 7), PARIS, rates, REG)]
    assert [p.display_amount for p in pieces] == [Decimal("9.28")] * 3
    assert total_amount(pieces) == Decimal("27.83")
    assert money(Fraction(-1, 200)) == Decimal("-0.01") and money(Fraction(1, 200)) == Decimal("0.01")


def test_payer_and_contributions() -> None:
    lines = [AttendanceLine(2027, 6, "a", 1, date(2027, 6, 1), Role.REGULATOR, "R", time(8), time(12), 1,
                            status=AttendanceStatus.PRESENT),
             AttendanceLine(2027, 6, "b", 2, date(2027, 6, 1), Role.REGULATOR, "R", time(12), time(16), 1,
                            status=AttendanceStatus.PRESENT)]
    retired = replace(_person(2, PersonStatus.RETIRED_AUTHORISED, Sector.S2), contracts=(
        Contract(ContractKind.HOSPITAL, date(2026, 1, 1), date(2026, 12, 31), employer="CH d'Avant"),
        Contract(ContractKind.HOSPITAL, date(2027, 1, 1), None, employer="CH de Brenne")))
    persons = {1: _person(1), 2: retired}
    a, b = regulation_statements(2027, 6, lines, persons, default_rates(), PARIS)
    assert (a.payer, a.contributions_covered, a.total) == (Payer.HEALTH_INSURANCE, True, Decimal("360.00"))
    assert a.payer_name == "Assurance maladie (CPAM)"
    assert (b.payer, b.payer_name, b.contributions_covered) == (Payer.HOSPITAL, "CH de Brenne", False)


def test_training_is_3c_with_the_c_of_its_date() -> None:
    rates = default_rates()
    assert indemnity_hourly_rate(rates, RateKind.TRAINING_HOURLY_C_MULTIPLE, date(2022, 3, 1)) == Decimal("75.00")
    assert indemnity_hourly_rate(rates, RateKind.TRAINING_HOURLY_C_MULTIPLE, date(2023, 12, 21)) == Decimal("75.00")
    assert indemnity_hourly_rate(rates, RateKind.TRAINING_HOURLY_C_MULTIPLE, date(2023, 12, 22)) == Decimal("79.50")
    assert indemnity_hourly_rate(rates, RateKind.TRAINING_HOURLY_C_MULTIPLE, date(2025, 1, 10)) == Decimal("90.00")
    assert indemnity_hourly_rate(rates, RateKind.COORDINATION_HOURLY, date(2025, 1, 10)) == Decimal("90.00")


@given(weeks=st.lists(st.integers(0, 60), max_size=14))
def test_majorations_are_capped_at_twenty_a_week(weeks: list[int]) -> None:
    assert capped_majorations(weeks) == sum(min(20, w) for w in weeks) <= 20 * len(weeks)


def test_indicator9_only_with_indicator8() -> None:
    tiers, rates = default_indicator9_tiers(), default_rates()
    q = effector_quarter(20, [25, 3], True, tiers, rates, date(2027, 6, 30))
    assert (q.tier_amount, q.majorations, q.total) == (Decimal("210"), 23, Decimal("555.00"))
    assert effector_quarter(20, [25, 3], False, tiers, rates, date(2027, 6, 30)).tier_amount == 0
    assert effector_quarter(46, [], True, tiers, rates, date(2027, 6, 30)).tier_amount == Decimal("630")
    assert effector_quarter(4, [], True, tiers, rates, date(2027, 6, 30)).tier_amount == 0
