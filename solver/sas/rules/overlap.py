"""No one holds two slots at the same time (the core forbids overlapping slot pairs
of a person's day), on-call duties only where the territory asks for them, and the
territories whose CPTS sent its own rota keep it (the rota comes as pins)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..state import Reason

if TYPE_CHECKING:
    from ..context import Context
    from ..state import RosterState

OVERLAP = "Pas deux postes en même temps"
CPTS = "Tour d'astreinte de la CPTS"
NO_ONCALL = "Astreinte non demandée"
FULL = "Nombre d'astreintes demandé"


def static(ctx: Context, pid: str, d: int, sid: str) -> list[Reason]:
    """Astreinte : seulement dans un territoire qui en demande, hors tour CPTS."""
    slot = ctx.slots[sid]
    if not slot.oncall:
        return []
    terr = ctx.people[pid].territory
    if terr is None:  # an effector without territory gets no on-call variable
        return []
    if ctx.territories[terr].cpts_rota:
        if pid in ctx.cpts.get((terr, d), ()):
            return []
        return [Reason("cpts", CPTS, f"astreinte fixée par la CPTS ({terr})", ("cpts", terr, d))]
    if ctx.oncall_need.get((terr, d), 0) <= 0:
        return [Reason("oncall.none", NO_ONCALL, f"pas d'astreinte demandée ({terr})",
                       ("oncall.none", terr, d))]
    return []


def check(ctx: Context, state: RosterState, pid: str, d: int, sid: str) -> list[Reason]:
    """Pas deux postes en même temps ; astreinte du territoire déjà pourvue."""
    slot = ctx.slots[sid]
    out = []
    for other in state.on(pid, d):
        o = ctx.slots[other]
        if o.start < slot.end and slot.start < o.end:
            text = ("déjà d'astreinte effecteur" if o.oncall
                    else f"déjà affecté(e) : {o.label()}")
            out.append(Reason("overlap", OVERLAP, text))
    terr = ctx.people[pid].territory
    if slot.oncall and terr is not None:
        need = ctx.oncall_need.get((terr, d), 0)
        held = state.oncall_of(terr, d)
        if need and len(held) >= need and pid not in held:
            out.append(Reason("oncall.full", FULL,
                              f"astreinte du territoire {terr} déjà pourvue ({len(held)}/{need})"))
    return out
