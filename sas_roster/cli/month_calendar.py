"""`calendar`: the continuity days and hours of a month."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..domain.calendar import MonthCalendar, month_calendar, parse_month
from ..domain.enums import HolidayZone, Role
from ..domain.settings import WEEKDAY_NAMES_FR, AssociationSettings
from .base import EXIT_OK, CliCommand, CliContext


def _calendar_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("month", help="mois AAAA-MM")
    p.add_argument("--zone", choices=[z.value for z in HolidayZone],
                   help="zone des jours fériés (par défaut celle de l'association)")
    p.add_argument("--json", action="store_true", help="sortie JSON")


def _settings_for(ctx: CliContext) -> AssociationSettings:
    # An empty database (no association yet) still answers with the default settings.
    return ctx.services().settings.get() or AssociationSettings(name="")


def _calendar(args: argparse.Namespace, ctx: CliContext) -> int:
    year, month = parse_month(args.month)
    settings = _settings_for(ctx)
    zone = HolidayZone(args.zone) if args.zone else settings.zone
    cal = month_calendar(settings, year, month, zone)
    payload = calendar_payload(cal)
    if args.json:
        ctx.print(json.dumps(payload, ensure_ascii=False, indent=2))
        return EXIT_OK
    ctx.print(f"Continuité des soins — {args.month} — zone {zone.value}")
    for d in payload["days"]:
        hours = "  ".join(f"{Role(r).label_fr} {h}" for r, h in d["hours"].items())
        ctx.print(f"  {d['weekday']:<9} {d['date']}  {d['hours_total']:>4g} h   {hours}")
    ctx.print(f"Total : {payload['days_count']} jours, {payload['total_hours']:g} h de continuité")
    for s in payload["skipped"]:
        ctx.print(f"  sans continuité le {s['date']} : {s['reason']}")
    return EXIT_OK


def calendar_payload(cal: MonthCalendar) -> dict[str, Any]:
    """The month's continuity days as plain data (the `calendar --json` output)."""
    days = []
    total = 0
    for d in cal.days:
        # The SAS is open from the earliest role opening to the latest closing that day.
        start = min(r.start for r in d.hours.values())
        end = max(r.end for r in d.hours.values())
        minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        total += minutes
        days.append({
            "date": d.day.isoformat(),
            "weekday": WEEKDAY_NAMES_FR[d.day.weekday()],
            "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M"),
            "hours_total": minutes / 60,
            "hours": {r.value: f"{rng.start:%H:%M}-{rng.end:%H:%M}" for r, rng in d.hours.items()},
            "shortened_by": d.shortened_by.label if d.shortened_by else None,
        })
    return {
        "month": f"{cal.year:04d}-{cal.month:02d}",
        "zone": cal.zone.value,
        "days_count": len(days),
        "total_hours": total / 60,
        "total_hours_by_role": {r.value: cal.total_minutes(r) / 60 for r in Role},
        "days": days,
        "skipped": [{"date": s.day.isoformat(), "reason": s.reason} for s in cal.skipped],
    }


def commands() -> list[CliCommand]:
    return [CliCommand("calendar", "jours et heures de continuité d'un mois", _calendar_args, _calendar)]
