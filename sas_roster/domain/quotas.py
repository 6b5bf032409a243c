"""Retired doctors' hour quotas, counted against the hours already worked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .enums import Role
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
        return self.quota_left

    @property
    def quota_left(self) -> int | None:
        """Minutes left by the quotas alone (eligibility aside: it is checked day by day)."""
        limits = [x for x in (self.yearly_left, self.monthly_left) if x is not None]
        return max(0, min(limits)) if limits else None


def yearly_quota_hours(person: Person, default_yearly_hours: int | None = None) -> int | None:
    """The yearly quota that binds `person`: his own, else the association's default for a
    retiree without one; None for a non-retiree or when neither is set."""
    if not person.status.is_retired:
        return None
    if person.quota is not None and person.quota.yearly_hours is not None:
        return person.quota.yearly_hours
    return default_yearly_hours


def quota_status(
    person: Person, month_start: date, worked_this_year_before_month: int, worked_this_month: int = 0,
    default_yearly_hours: int | None = None,
) -> QuotaStatus:
    """Remaining quota of `person` for the month beginning `month_start`.

    `worked_this_year_before_month` and `worked_this_month` are minutes of **regulation**
    already worked (attendance where recorded, the plan otherwise, and the hours entered as
    history for the months before the app): effector on-call hours do not count.
    `default_yearly_hours` is the association's quota for a retiree imported without one.
    `eligible` says whether he may still regulate on the month's first day; the end date
    itself is checked day by day (`Person.may_regulate_on`).
    """
    if not person.status.is_retired:
        return QuotaStatus(None, None, True)
    q = person.quota
    yearly = yearly_quota_hours(person, default_yearly_hours)
    eligible = q is None or q.eligible_on(month_start)
    yearly_left = None if yearly is None else yearly * 60 - worked_this_year_before_month - worked_this_month
    monthly = q.monthly_hours if q is not None else None
    monthly_left = None if monthly is None else monthly * 60 - worked_this_month
    return QuotaStatus(yearly_left, monthly_left, eligible)


@dataclass(frozen=True)
class WorkedHours:
    """Hours a person worked in one role and month before the app kept his rosters (entered
    at onboarding from the association's own records); retiree quotas count them."""

    person_id: int
    role: Role
    year: int
    month: int
    minutes: int
    note: str = ""
    id: int | None = None
