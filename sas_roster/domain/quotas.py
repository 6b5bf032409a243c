"""Retired doctors' hour quotas, counted against the hours already worked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .person import Person


@dataclass(frozen=True)
class QuotaStatus:
    """Minutes a retiree may still regulate in a month, and why the limit is what it is."""

    yearly_left: int | None  # None: no yearly quota
    monthly_left: int | None  # None: no monthly quota
    eligible: bool

    @property
    def minutes_left(self) -> int | None:
        if not self.eligible:
            return 0
        limits = [x for x in (self.yearly_left, self.monthly_left) if x is not None]
        return max(0, min(limits)) if limits else None


def quota_status(
    person: Person, month_start: date, worked_this_year_before_month: int, worked_this_month: int = 0
) -> QuotaStatus:
    """Remaining quota of `person` for the month beginning `month_start`.

    `worked_this_year_before_month` and `worked_this_month` are minutes already worked
    (attendance where recorded, the published plan otherwise).
    """
    q = person.quota
    if q is None or not person.status.is_retired:
        return QuotaStatus(None, None, True)
    eligible = q.eligible_until is None or month_start <= q.eligible_until
    yearly_left = q.yearly_hours * 60 - worked_this_year_before_month - worked_this_month
    monthly_left = None if q.monthly_hours is None else q.monthly_hours * 60 - worked_this_month
    return QuotaStatus(yearly_left, monthly_left, eligible)
