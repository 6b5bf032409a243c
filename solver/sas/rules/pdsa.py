"""PDSA duties rostered elsewhere: never at the same time, rest after a night duty,
and the hand-over at the start of a duty (prefer / allow / forbid chaining).

Times are minutes from the horizon's first midnight, on the wall clock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..state import Reason
from ..timeutil import DAY, hfr

if TYPE_CHECKING:
    from ..context import Context
    from ..model import SasModel

OVERLAP = "Garde PDSA en même temps"
REST = "Repos après une garde PDSA de nuit"
FORBID = "Enchaînement continuité → PDSA interdit"
PREFER = "Relève PDSA non assurée par le médecin de garde"
NIGHT = (0, 6 * 60)  # a duty covering any of 0h–6h is a night duty


def is_night(start: int, end: int) -> bool:
    first = start // DAY
    for k in range(first, end // DAY + 1):
        a, b = k * DAY + NIGHT[0], k * DAY + NIGHT[1]
        if start < b and a < end:
            return True
    return False


def _when(ctx: Context, minute: int) -> str:
    d, m = divmod(minute, DAY)
    day = ctx.label(d) if 0 <= d < ctx.n_days else f"jour {d}"
    return f"{day} {hfr(m)}"


def static(ctx: Context, pid: str, d: int, sid: str) -> list[Reason]:
    """Garde PDSA en même temps ; repos après une nuit ; enchaînement interdit."""
    duties = ctx.pdsa.get(pid)
    if not duties:
        return []
    slot = ctx.slots[sid]
    a, b = d * DAY + slot.start, d * DAY + slot.end
    rest = ctx.settings.rest_after_pdsa_minutes
    out = []
    for i, (s, e, _kind) in enumerate(duties):
        if a < e and s < b:
            out.append(Reason("pdsa.overlap", OVERLAP,
                              f"de garde PDSA ({_when(ctx, s)} – {_when(ctx, e)})",
                              ("pdsa", pid, i)))
        elif rest and is_night(s, e) and e <= a < e + rest:
            out.append(Reason("pdsa.rest", REST,
                              f"repos après sa garde PDSA de nuit (finie {_when(ctx, e)})",
                              ("pdsa", pid, i)))
        elif ctx.settings.handover == "forbid" and b == s and not slot.oncall:
            out.append(Reason("pdsa.handover", FORBID,
                              f"enchaînerait avec sa garde PDSA à {hfr(s % DAY)}",
                              ("pdsa.handover", pid, i)))
    return out


def add(sm: SasModel) -> None:
    """Relève PDSA préférée : quand le médecin de garde pourrait tenir le poste qui
    finit à l'heure de sa garde, ne pas le lui donner coûte ``weights.handover`` (un
    coût plutôt qu'une récompense : les termes de l'objectif restent positifs)."""
    ctx = sm.ctx
    if sm.explain or ctx.settings.handover != "prefer" or not ctx.weights.handover:
        return
    for pid, duties in ctx.pdsa.items():
        for s, _e, _kind in duties:
            d, minute = divmod(s, DAY)
            for sid, slot in ctx.slots.items():
                var = sm.live.get((pid, d, sid))
                if var is not None and slot.end == minute and not slot.oncall:
                    sm.rm.penalize(var.Not(), ctx.weights.handover, "pdsa.handover",
                                   PREFER, sm.who(pid), d)

