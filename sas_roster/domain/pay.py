"""Pay rules: how many hours a shift really lasted, at which dated rate, for how much.

- Hours are wall-clock time in the association's time zone: a shift is laid on the local
  calendar, both ends made aware, and its length is the real elapsed time, so a night shift
  across the October daylight-saving change lasts one hour more than its printed times.
- Rates are dated data (`rates.rate_on`); a rate takes effect at local midnight of its start
  date, and a shift running across that midnight is split in two pieces, each at its rate.
- Money stays exact until the end. A piece's exact amount is `minutes × rate / 60` held as a
  `Fraction` (a third of a cent stays a third), and a statement's total is rounded once,
  half-up to the cent, from the sum of those exact values. Per-line amounts
  printed on a statement are rounded for display only; the total never adds rounded lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from .enums import HolidayZone, RateKind
from .rates import DatedRate, Indicator9Tier, indicator9_amount, rate_on

_ZONE_TZ = {
    HolidayZone.METROPOLE: "Europe/Paris",
    HolidayZone.ALSACE_MOSELLE: "Europe/Paris",
    HolidayZone.GUADELOUPE: "America/Guadeloupe",
    HolidayZone.MARTINIQUE: "America/Martinique",
    HolidayZone.GUYANE: "America/Cayenne",
    HolidayZone.REUNION: "Indian/Reunion",
    HolidayZone.MAYOTTE: "Indian/Mayotte",
}

SIXTY = Decimal(60)
MAJORATIONS_PER_WEEK = 20


def zone_timezone(zone: HolidayZone) -> ZoneInfo:
    """The local time zone of the association's zone (overseas departments have their own)."""
    return ZoneInfo(_ZONE_TZ[zone])


def shift_bounds(day: date, start: time, end: time, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Aware start and end of a shift printed `start`–`end` on `day`; an end at or before the
    start is on the next day (a night shift). Ambiguous or missing wall times take fold 0."""
    begin = datetime.combine(day, start, tzinfo=tz)
    finish_day = day if end > start else day + timedelta(days=1)
    return begin, datetime.combine(finish_day, end, tzinfo=tz)


def elapsed_minutes(begin: datetime, finish: datetime) -> int:
    """Real minutes between two aware instants (through UTC: Python compares same-zone
    aware datetimes by wall time, which is wrong across a daylight-saving change)."""
    seconds = (finish.astimezone(UTC) - begin.astimezone(UTC)).total_seconds()
    return max(0, int(seconds // 60))


def wall_minutes(day: date, start: time, end: time, tz: ZoneInfo) -> int:
    return elapsed_minutes(*shift_bounds(day, start, end, tz))


@dataclass(frozen=True)
class PaidPiece:
    """A piece of a worked shift paid at one rate (a shift is split where a rate changes)."""

    day: date  # the shift's day (printed on the statement)
    start: datetime  # aware, local
    end: datetime
    minutes: int
    rate: Decimal  # per hour
    rate_from: date  # the rate's start date

    @property
    def exact(self) -> Fraction:
        """The exact amount, minutes × hourly rate / 60, as a fraction (nothing rounded)."""
        return Fraction(self.minutes) * Fraction(self.rate) / 60

    @property
    def hours(self) -> Decimal:
        return Decimal(self.minutes) / SIXTY

    @property
    def display_amount(self) -> Decimal:
        """This piece rounded on its own: for printing only, never summed into a total."""
        return money(self.exact)


def _rate_changes(rates: Sequence[DatedRate], kind: RateKind) -> list[date]:
    return sorted({r.valid_from for r in rates if r.kind is kind})


def paid_pieces(day: date, start: time, end: time, tz: ZoneInfo,
                rates: Sequence[DatedRate], kind: RateKind = RateKind.REGULATION_HOURLY) -> list[PaidPiece]:
    """The shift `start`–`end` of `day`, split at each local midnight where `kind`'s rate
    changes, each piece with its real minutes and the rate in force on the piece's date."""
    begin, finish = shift_bounds(day, start, end, tz)
    cuts = [begin]
    for change in _rate_changes(rates, kind):
        at = datetime.combine(change, time(0), tzinfo=tz)
        if begin.astimezone(UTC) < at.astimezone(UTC) < finish.astimezone(UTC):
            cuts.append(at)
    cuts.append(finish)
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        rate = rate_on(rates, kind, a.date())
        pieces.append(PaidPiece(day, a, b, elapsed_minutes(a, b), rate.value, rate.valid_from))
    return pieces


def money(exact: Fraction) -> Decimal:
    """The one rounding: an exact amount, half-up to the cent (away from zero for negatives)."""
    cents = abs(exact) * 100
    whole = int(cents + Fraction(1, 2))  # floor(x + 1/2) for x >= 0: half-up
    value = Decimal(whole) / 100
    return (-value if exact < 0 else value).quantize(Decimal("0.01"))


def total_exact(pieces: Iterable[PaidPiece]) -> Fraction:
    return sum((p.exact for p in pieces), Fraction(0))


def total_amount(pieces: Iterable[PaidPiece]) -> Decimal:
    """The sum of exact amounts, rounded once, half-up to the cent."""
    return money(total_exact(pieces))


def total_minutes(pieces: Iterable[PaidPiece]) -> int:
    return sum(p.minutes for p in pieces)


# ---------------------------------------------------------------- indemnities


def indemnity_hourly_rate(rates: Sequence[DatedRate], kind: RateKind, day: date) -> Decimal:
    """Hourly indemnity on `day`: training = C × its multiple (3C), both dated; coordination
    has its own dated hourly rate."""
    if kind is RateKind.TRAINING_HOURLY_C_MULTIPLE or kind is RateKind.CONSULTATION_C:
        c = rate_on(rates, RateKind.CONSULTATION_C, day).value
        return c * rate_on(rates, RateKind.TRAINING_HOURLY_C_MULTIPLE, day).value
    return rate_on(rates, kind, day).value


def indemnity_exact(rates: Sequence[DatedRate], kind: RateKind, day: date, minutes: int) -> Fraction:
    return Fraction(minutes) * Fraction(indemnity_hourly_rate(rates, kind, day)) / 60


# ---------------------------------------------------------------- effectors


@dataclass(frozen=True)
class EffectorQuarter:
    """The association's estimate for one effector and one quarter (the official figures are
    the health insurance's)."""

    acts: int
    indicator8_validated: bool
    tier_amount: Decimal  # indicator 9, 0 unless indicator 8 is validated
    majorations: int  # 15 € SNP majorations counted (at most 20 a week)
    majoration_rate: Decimal

    @property
    def majorations_amount(self) -> Decimal:
        return money(Fraction(self.majorations) * Fraction(self.majoration_rate))

    @property
    def total(self) -> Decimal:
        return money(Fraction(self.tier_amount) + Fraction(self.majorations) * Fraction(self.majoration_rate))


def capped_majorations(weekly: Iterable[int]) -> int:
    """SNP majorations counted: at most 20 in any one week."""
    return sum(min(MAJORATIONS_PER_WEEK, max(0, n)) for n in weekly)


def effector_quarter(acts: int, weekly_majorations: Iterable[int], indicator8_validated: bool,
                     tiers: Sequence[Indicator9Tier], rates: Sequence[DatedRate], quarter_end: date) -> EffectorQuarter:
    """Indicator-9 tier (dated, only when indicator 8 is validated) and majorations."""
    tier = indicator9_amount(tiers, acts, quarter_end) if indicator8_validated else Decimal(0)
    rate = rate_on(rates, RateKind.SNP_MAJORATION, quarter_end).value
    return EffectorQuarter(acts, indicator8_validated, tier, capped_majorations(weekly_majorations), rate)
