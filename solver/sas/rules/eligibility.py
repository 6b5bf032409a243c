"""Who may hold a slot at all: skills a template requires, locums only on their
contract days, retirees up to their eligibility end date. (Roles and remote
authorisation decide which variables exist.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..state import Reason
from ..timeutil import date_fr

if TYPE_CHECKING:
    from ..context import Context

SKILL = "Compétence requise"
LOCUM = "Contrat de remplaçant"
RETIREE = "Fin d'éligibilité du retraité"


def static(ctx: Context, pid: str, d: int, sid: str) -> list[Reason]:
    """Compétence requise ; remplaçant seulement sous contrat ; retraité éligible."""
    person = ctx.people[pid]
    slot = ctx.slots[sid]
    out = []
    if slot.skill and slot.skill not in person.skills:
        out.append(Reason("skill", SKILL, f"n'a pas la compétence « {slot.skill} »",
                          ("skill", pid, slot.skill)))
    if person.status == "locum" and not slot.oncall:
        days = person.contract_days
        if days is None or ctx.iso[d] not in days:
            out.append(Reason("locum", LOCUM, "remplaçant(e) sans contrat ce jour",
                              ("locum", pid)))
    if person.eligible_until is not None and ctx.iso[d] > person.eligible_until:
        out.append(Reason("eligibility", RETIREE,
                          f"plus éligible après le {date_fr(person.eligible_until)}",
                          ("eligibility", pid)))
    return out
