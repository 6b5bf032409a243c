"""Invented call activity for the demo association: aggregates per month and territory, and
the calls of each hour of each weekday (the shape a departmental SAS sees: a Monday-morning
peak, a smaller one after lunch, Saturday mornings busy)."""

from __future__ import annotations

import calendar
import random
from datetime import date

from ..domain.activity import ActivityRecord
from ..domain.demand import Territory

# Relative weight of each hour 8h..19h on a weekday, and of each weekday (Saturday: 8h-12h).
HOUR_SHAPE = {8: 1.3, 9: 1.6, 10: 1.4, 11: 1.1, 12: 0.8, 13: 0.9, 14: 1.2, 15: 1.0, 16: 0.9, 17: 1.0,
              18: 1.1, 19: 0.7}
WEEKDAY_SHAPE = {0: 1.35, 1: 1.0, 2: 0.95, 3: 0.95, 4: 1.05, 5: 1.6}
CALLS_PER_HOUR = 9.0  # a plain weekday hour of the whole département


def demo_activity(seed: int, territories: list[Territory], months: list[tuple[int, int]]) -> list[ActivityRecord]:
    rng = random.Random(seed * 7919)
    out: list[ActivityRecord] = []
    for year, month in months:
        first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        epidemic = 1.25 if month in (12, 1, 2) else 1.0
        hourly_total = 0
        for weekday, day_weight in WEEKDAY_SHAPE.items():
            days = sum(1 for d in range(1, last.day + 1) if date(year, month, d).weekday() == weekday)
            for hour, hour_weight in HOUR_SHAPE.items():
                if weekday == 5 and hour >= 12:
                    continue
                mean = CALLS_PER_HOUR * day_weight * hour_weight * epidemic * days
                calls = max(0, round(rng.gauss(mean, mean ** 0.5)))
                hourly_total += calls
                out.append(ActivityRecord(first, last, None, weekday, hour, calls_received=calls))
        # Share the month's calls between territories, roughly by their size.
        weights = [rng.uniform(0.6, 1.4) * (2 if t.oncall_per_day > 1 else 1) for t in territories]
        left = hourly_total
        for n, (t, w) in enumerate(zip(territories, weights, strict=True)):
            calls = left if n == len(territories) - 1 else round(hourly_total * w / sum(weights))
            left -= calls
            answered = round(calls * rng.uniform(0.92, 0.98))
            liberal = round(answered * rng.uniform(0.45, 0.6))
            appointments = round(liberal * rng.uniform(0.45, 0.6))
            out.append(ActivityRecord(
                first, last, t.code, calls_received=calls, calls_answered=answered, liberal_regulation=liberal,
                advice_only=round(liberal * rng.uniform(0.2, 0.3)), appointments=appointments,
                no_shows=round(appointments * rng.uniform(0.02, 0.07)),
                followups_72h=round(liberal * rng.uniform(0.03, 0.08)),
                redirections=round(answered * rng.uniform(0.04, 0.09))))
    return out
