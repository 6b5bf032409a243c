"""Call activity of the SAS platform, as aggregates only (never patient by patient).

The platform's software counts, per month (or per day) and territory, what the app does not
log itself: calls received and answered, calls handled by the liberal regulation, advice
only, appointments booked and not honoured, 72-hour follow-ups, redirections. A second kind
of line gives the calls of one hour of one weekday over the period (the shape of the
demand that capacity planning starts from).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date

WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

# Counters of a totals line: attribute → French label (the import columns use the same words).
COUNTERS: dict[str, str] = {
    "calls_received": "Appels reçus",
    "calls_answered": "Appels décrochés",
    "liberal_regulation": "Régulés par la régulation libérale",
    "advice_only": "Conseils seuls",
    "appointments": "Rendez-vous pris",
    "no_shows": "Rendez-vous non honorés",
    "followups_72h": "Suivis à 72 h",
    "redirections": "Réorientations",
}


@dataclass(frozen=True)
class ActivityRecord:
    """One imported line: counts over [start, end] (a month or a day) for a territory
    (None: the whole département). With `weekday` (0 = Monday) and `hour` set, only the
    calls counters are meaningful: the calls of that hour of that weekday over the period."""

    start: date
    end: date
    territory: str | None = None
    weekday: int | None = None
    hour: int | None = None
    calls_received: int | None = None
    calls_answered: int | None = None
    liberal_regulation: int | None = None
    advice_only: int | None = None
    appointments: int | None = None
    no_shows: int | None = None
    followups_72h: int | None = None
    redirections: int | None = None
    id: int | None = None

    @property
    def hourly(self) -> bool:
        return self.hour is not None

    def key(self) -> tuple[object, ...]:
        return (self.start, self.end, self.territory, self.weekday, self.hour)


@dataclass(frozen=True)
class ActivityTotals:
    """Counters summed over some lines (None: no line gave that counter)."""

    calls_received: int | None = None
    calls_answered: int | None = None
    liberal_regulation: int | None = None
    advice_only: int | None = None
    appointments: int | None = None
    no_shows: int | None = None
    followups_72h: int | None = None
    redirections: int | None = None

    @property
    def no_show_rate(self) -> float | None:
        """Share of booked appointments not honoured (0..1), None without appointments."""
        if not self.appointments or self.no_shows is None:
            return None
        return self.no_shows / self.appointments

    @property
    def answer_rate(self) -> float | None:
        if not self.calls_received or self.calls_answered is None:
            return None
        return self.calls_answered / self.calls_received

    def items(self) -> list[tuple[str, int | None]]:
        return [(COUNTERS[f.name], getattr(self, f.name)) for f in fields(self)]


def totals(records: Iterable[ActivityRecord]) -> ActivityTotals:
    """Sum of the totals lines (hourly lines are left out: they split the same calls)."""
    sums: dict[str, int | None] = dict.fromkeys(COUNTERS)
    for r in records:
        if r.hourly:
            continue
        for name in COUNTERS:
            value = getattr(r, name)
            if value is not None:
                sums[name] = (sums[name] or 0) + value
    return ActivityTotals(**sums)


def totals_by_territory(records: Iterable[ActivityRecord]) -> dict[str | None, ActivityTotals]:
    grouped: dict[str | None, list[ActivityRecord]] = defaultdict(list)
    for r in records:
        if not r.hourly:
            grouped[r.territory].append(r)
    return {code: totals(lines) for code, lines in sorted(grouped.items(), key=lambda kv: kv[0] or "")}


def calls_by_weekday_hour(records: Iterable[ActivityRecord]) -> dict[tuple[int, int], int]:
    """Calls received per (weekday, hour) summed over the hourly lines."""
    out: dict[tuple[int, int], int] = defaultdict(int)
    for r in records:
        if r.hourly and r.weekday is not None and r.hour is not None and r.calls_received is not None:
            out[(r.weekday, r.hour)] += r.calls_received
    return dict(out)


def calls_by_hour(records: Iterable[ActivityRecord]) -> dict[int, int]:
    """Calls received per hour of day (all weekdays together)."""
    out: dict[int, int] = defaultdict(int)
    for (_, hour), calls in calls_by_weekday_hour(records).items():
        out[hour] += calls
    return dict(sorted(out.items()))


def weekday_count(start: date, end: date, weekday: int) -> int:
    """How many `weekday`s there are in [start, end]: turns period counts into per-day means."""
    if end < start:
        return 0
    days = (end - start).days + 1
    first = (weekday - start.weekday()) % 7
    return 0 if first >= days else 1 + (days - 1 - first) // 7


def mean_calls_per_hour(records: Iterable[ActivityRecord]) -> dict[tuple[int, int], float]:
    """Mean calls in one (weekday, hour) of one week: the hourly lines' calls (territories
    added up) divided by the number of such weekdays in the distinct periods they cover
    (the input capacity planning wants)."""
    sums: dict[tuple[int, int], float] = defaultdict(float)
    periods: dict[tuple[int, int], set[tuple[date, date]]] = defaultdict(set)
    for r in records:
        if r.hourly and r.weekday is not None and r.hour is not None and r.calls_received is not None:
            sums[(r.weekday, r.hour)] += r.calls_received
            periods[(r.weekday, r.hour)].add((r.start, r.end))
    out = {}
    for key in sorted(sums):
        days = sum(weekday_count(start, end, key[0]) for start, end in periods[key])
        out[key] = sums[key] / days if days else 0.0
    return out
