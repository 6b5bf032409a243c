"""Availability under the association's policy (hard) and preferences (soft).

* opt-in (desiderata): a slot only inside the ranges a person declared available,
  preferred or if-needed; opt-out: anywhere but declared unavailability;
* never overlapping a declared unavailability (both policies);
* soft: a slot inside "preferred" ranges costs nothing, in plain "available" time
  ``weights.available`` per hour, touching an "if needed" range ``weights.if_needed``
  per hour;
* soft, for remote-authorised regulators: a regulation slot on site inside a range
  declared "à distance" costs ``weights.remote_wish`` per hour, and so does its remote
  twin outside such a range (nobody is sent to regulate remotely unasked). The
  on-site share (:mod:`.remote`) stays a hard rule above these wishes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import REGULATOR
from ..state import Reason
from ..timeutil import range_fr

if TYPE_CHECKING:
    from ..context import Context
    from ..model import SasModel

NAME = "Disponibilités déclarées"
PREFERENCE = {"available": "Créneau non souhaité", "if_needed": "Créneau « si besoin »"}
REMOTE_WISHED = "Régulation à distance souhaitée, tenue sur site"
REMOTE_UNASKED = "Régulation à distance non demandée"


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _inside(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in _merged(ranges))


def static(ctx: Context, pid: str, d: int, sid: str) -> list[Reason]:
    """Disponibilités déclarées (politique opt-in ou opt-out)."""
    slot = ctx.slots[sid]
    entries = ctx.availability.get((pid, d), ())
    group = ("availability", pid, d)
    for a in entries:
        if a.kind == "unavailable" and a.start < slot.end and slot.start < a.end:
            return [Reason("availability", NAME, f"indisponible {range_fr(a.start, a.end)}",
                           group)]
    if ctx.settings.policy == "opt_in":
        ranges = [(a.start, a.end) for a in entries if a.kind != "unavailable"]
        if not ranges:
            return [Reason("availability", NAME, "aucune disponibilité déclarée ce jour", group)]
        if not _inside(slot.start, slot.end, ranges):
            told = ", ".join(range_fr(a, b) for a, b in _merged(ranges))
            return [Reason("availability", NAME, f"disponible seulement {told}", group)]
    return []


def kind_of(ctx: Context, pid: str, d: int, sid: str) -> str:
    """"preferred", "available" or "if_needed": how the person feels about the slot."""
    slot = ctx.slots[sid]
    entries = ctx.availability.get((pid, d), ())
    if any(a.kind == "if_needed" and a.start < slot.end and slot.start < a.end
           for a in entries):
        return "if_needed"
    preferred = [(a.start, a.end) for a in entries if a.kind == "preferred"]
    if preferred and _inside(slot.start, slot.end, preferred):
        return "preferred"
    return "available"


def cost_of(ctx: Context, pid: str, d: int, sid: str) -> int:
    kind = kind_of(ctx, pid, d, sid)
    if kind == "preferred":
        return 0
    weight = ctx.weights.if_needed if kind == "if_needed" else ctx.weights.available
    return weight * ctx.slots[sid].minutes // 60


def wants_remote(ctx: Context, pid: str, d: int, sid: str) -> bool:
    """The person declared "à distance" for the whole of the slot's hours."""
    slot = ctx.slots[sid]
    ranges = [(a.start, a.end) for a in ctx.availability.get((pid, d), ())
              if a.remote and a.kind != "unavailable"]
    return bool(ranges) and _inside(slot.start, slot.end, ranges)


def remote_cost(ctx: Context, pid: str, d: int, sid: str) -> tuple[int, str]:
    """Cost of the slot against the person's remote wishes, and the wish's name."""
    slot = ctx.slots[sid]
    if not ctx.people[pid].remote or slot.role != REGULATOR or slot.oncall:
        return 0, ""
    wished = wants_remote(ctx, pid, d, sid)
    if wished == slot.remote:
        return 0, ""
    return (ctx.weights.remote_wish * slot.minutes // 60,
            REMOTE_WISHED if wished else REMOTE_UNASKED)


def add(sm: SasModel) -> None:
    """Préférences : souhaité, disponible, si besoin ; à distance."""
    if sm.explain:
        return
    for (pid, d, sid), var in sm.live.items():
        cost = cost_of(sm.ctx, pid, d, sid)
        if cost:
            kind = kind_of(sm.ctx, pid, d, sid)
            sm.rm.penalize(var, cost, f"preference.{kind}", PREFERENCE[kind], sm.who(pid), d)
        cost, name = remote_cost(sm.ctx, pid, d, sid)
        if cost:
            sm.rm.penalize(var, cost, "preference.remote", name, sm.who(pid), d)
