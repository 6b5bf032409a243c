"""Limits on a person's load, posted as core totals: the per-day maximum of
regulation hours, the monthly commitment (shifts and hours, per calendar month) and a
retiree's remaining hour quota over the horizon."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...core import TotalLimit
from ..records import REGULATOR
from ..state import Reason
from ..timeutil import duration_fr

if TYPE_CHECKING:
    from ..context import Context, Slot
    from ..state import RosterState

DAILY = "Durée maximale par jour"
SHIFTS = "Engagement mensuel (postes)"
HOURS = "Engagement mensuel (heures)"
QUOTA = "Quota horaire de retraité"


def _regulation(slot: Slot) -> bool:
    return slot.role == REGULATOR and not slot.oncall


def _day_max_needed(ctx: Context, d: int, sids: list[str], limit: int) -> bool:
    """Could a person exceed ``limit`` minutes on day ``d`` with these slots?"""
    end, total = -1, 0
    for s in sorted((ctx.slots[i] for i in sids if ctx.offered(d, i)), key=lambda s: s.end):
        if s.start >= end:
            end, total = s.end, total + s.minutes
    return total > limit


def core(ctx: Context, explain: bool) -> dict[str, list[Any]]:
    totals = []
    reg_slots = tuple(s.id for s in ctx.slots.values() if _regulation(s))
    regulators = tuple(p.id for p in ctx.problem.people if REGULATOR in p.roles)
    limit = ctx.settings.max_minutes_per_day
    if regulators and reg_slots:
        for d in sorted(ctx.cday):
            if _day_max_needed(ctx, d, list(reg_slots), limit):
                totals.append(TotalLimit(maximum=limit, unit="minutes", shifts=reg_slots,
                                         days=(d,), people=regulators, name=DAILY))
    work = tuple(ctx.work_slots)
    for p in ctx.problem.people:
        for days in ctx.months.values():
            if p.max_shifts is not None:
                totals.append(TotalLimit(maximum=p.max_shifts, unit="shifts", days=tuple(days),
                                         people=(p.id,), name=SHIFTS))
            if p.max_minutes is not None and work:
                totals.append(TotalLimit(maximum=p.max_minutes, unit="minutes", shifts=work,
                                         days=tuple(days), people=(p.id,), name=HOURS))
        if p.quota_minutes is not None and reg_slots:
            totals.append(TotalLimit(maximum=max(0, p.quota_minutes), unit="minutes",
                                     shifts=reg_slots, people=(p.id,), name=QUOTA))
    return {"totals": totals}


def check(ctx: Context, state: RosterState, pid: str, d: int, sid: str) -> list[Reason]:
    """Durée maximale par jour ; engagement mensuel ; quota de retraité."""
    slot = ctx.slots[sid]
    person = ctx.people[pid]
    out = []
    if _regulation(slot):
        limit = ctx.settings.max_minutes_per_day
        today = state.minutes(pid, (d,), _regulation)
        if today + slot.minutes > limit:
            out.append(Reason("daily", DAILY, f"déjà {duration_fr(today)} de régulation ce jour "
                                              f"(maximum {duration_fr(limit)})"))
    month = ctx.iso[d][:7]
    days = ctx.months[month]
    if person.max_shifts is not None and state.count(pid, days) + 1 > person.max_shifts:
        out.append(Reason("commitment", SHIFTS,
                          f"engagement mensuel atteint ({person.max_shifts} poste(s))"))
    if person.max_minutes is not None and not slot.oncall:
        done = state.minutes(pid, days)
        if done + slot.minutes > person.max_minutes:
            out.append(Reason("commitment", HOURS, f"engagement mensuel atteint "
                                                   f"({duration_fr(person.max_minutes)})"))
    if person.quota_minutes is not None and _regulation(slot):
        left = max(0, person.quota_minutes) - state.minutes(pid, None, _regulation)
        if slot.minutes > left:
            out.append(Reason("quota", QUOTA,
                              f"quota de retraité atteint (reste {duration_fr(max(0, left))})"))
    return out
