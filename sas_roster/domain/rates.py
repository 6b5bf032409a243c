"""Dated rates and tiers: amounts are data with effective dates, never constants in code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .enums import RateKind
from .errors import NotFoundError

CENT = Decimal("0.01")


@dataclass(frozen=True)
class DatedRate:
    kind: RateKind
    value: Decimal
    valid_from: date
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Indicator9Tier:
    """Forfait structure indicator 9: quarterly SNP acts from `min_acts` (inclusive) pay `amount`."""

    min_acts: int
    max_acts: int | None
    amount: Decimal
    valid_from: date


def rate_on(rates: Sequence[DatedRate], kind: RateKind, day: date) -> DatedRate:
    """The rate of `kind` in force on `day`: the latest one that started on or before it."""
    candidates = [r for r in rates if r.kind is kind and r.valid_from <= day]
    if not candidates:
        raise NotFoundError(f"Aucun taux « {kind.value} » en vigueur le {day.isoformat()}")
    return max(candidates, key=lambda r: r.valid_from)


def training_hourly_rate(rates, day: date) -> Decimal:
    """Training indemnity per hour: a number of consultation fees (3C) at their dated value."""
    c = rate_on(rates, RateKind.CONSULTATION_C, day).value
    multiple = rate_on(rates, RateKind.TRAINING_HOURLY_C_MULTIPLE, day).value
    return c * multiple


def indicator9_amount(tiers, acts: int, day: date) -> Decimal:
    in_force = [t for t in tiers if t.valid_from <= day]
    if not in_force:
        raise NotFoundError(f"Aucun barème de l'indicateur 9 en vigueur le {day.isoformat()}")
    latest = max(t.valid_from for t in in_force)
    for t in sorted((t for t in in_force if t.valid_from == latest), key=lambda t: t.min_acts):
        if acts >= t.min_acts and (t.max_acts is None or acts <= t.max_acts):
            return t.amount
    return Decimal("0")


def round_money(amount: Decimal) -> Decimal:
    """Money is rounded once, at the end, half-up to the cent."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def default_rates() -> list[DatedRate]:
    """The rates in force when the association starts (avenant 9; C = G at 30 € since 2024-12-22),
    with the C's history so that 2022 and 2023 training indemnities can still be computed."""
    return [
        DatedRate(RateKind.REGULATION_HOURLY, Decimal("90.00"), date(2022, 1, 1), "avenant 9"),
        DatedRate(RateKind.CONSULTATION_C, Decimal("25.00"), date(2017, 5, 1), "G = 25 €"),
        DatedRate(RateKind.CONSULTATION_C, Decimal("26.50"), date(2023, 12, 22), "G = 26,50 €"),
        DatedRate(RateKind.CONSULTATION_C, Decimal("30.00"), date(2024, 12, 22), "G = 30 €"),
        DatedRate(RateKind.TRAINING_HOURLY_C_MULTIPLE, Decimal("3"), date(2022, 1, 1), "3C par heure"),
        DatedRate(RateKind.COORDINATION_HOURLY, Decimal("90.00"), date(2022, 1, 1), "temps de coordination"),
        DatedRate(RateKind.SNP_MAJORATION, Decimal("15.00"), date(2022, 1, 1), "majoration SNP"),
    ]


def default_indicator9_tiers() -> list[Indicator9Tier]:
    start = date(2022, 1, 1)
    return [
        Indicator9Tier(0, 4, Decimal("0"), start),
        Indicator9Tier(5, 15, Decimal("70"), start),
        Indicator9Tier(16, 25, Decimal("210"), start),
        Indicator9Tier(26, 35, Decimal("350"), start),
        Indicator9Tier(36, 45, Decimal("490"), start),
        Indicator9Tier(46, None, Decimal("630"), start),
    ]
