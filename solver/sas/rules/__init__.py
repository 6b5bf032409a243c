"""SAS rule families, one module each.

A family module may define any of:

* ``static(ctx, person, day, slot) -> list[Reason]``: hard reasons that depend only on
  the data (availability, skills, PDSA duties...). They fix variables before the solve
  and explain, after it, why someone could not take a slot;
* ``core(ctx, explain) -> {list name: [core rules]}``: rules the core already knows how
  to post (totals, rest, coverage sets), named in French;
* ``add(sas_model)``: constraints and named penalties added to the core model;
* ``check(ctx, state, person, day, slot) -> list[Reason]``: hard reasons that depend
  on the rest of the roster (already on another slot, commitment reached...).

``static`` + ``check`` mirror the hard constraints exactly: a slot with no reason may be
added to a roster without breaking any hard rule. Tests hold them to that.
"""

from __future__ import annotations

from ..context import Context
from ..state import Reason, RosterState
from . import (availability, coverage, eligibility, fairness, osnp, overlap, pdsa, remote,
               workload)

FAMILIES = (availability, eligibility, pdsa, overlap, workload, osnp, remote, coverage,
            fairness)

HARD_RULES = {
    "availability": "Disponibilités déclarées",
    "skill": "Compétence requise",
    "locum": "Contrat de remplaçant",
    "eligibility": "Fin d'éligibilité du retraité",
    "pdsa.overlap": "Garde PDSA en même temps",
    "pdsa.rest": "Repos après une garde PDSA de nuit",
    "pdsa.handover": "Enchaînement continuité → PDSA interdit",
    "overlap": "Pas deux postes en même temps",
    "cpts": "Tour d'astreinte de la CPTS",
    "oncall.full": "Nombre d'astreintes demandé",
    "daily": "Durée maximale par jour",
    "commitment": "Engagement mensuel",
    "quota": "Quota horaire de retraité",
    "osnp.daily": "OSNP : durée quotidienne maximale",
    "osnp.rest": "OSNP : repos quotidien",
    "osnp.weekly": "OSNP : durée hebdomadaire maximale",
    "remote": "Part minimale de régulation sur site",
}


def static_reasons(ctx: Context, pid: str, d: int, sid: str) -> list[Reason]:
    out: list[Reason] = []
    for family in FAMILIES:
        fn = getattr(family, "static", None)
        if fn is not None:
            out.extend(fn(ctx, pid, d, sid))
    return out


def roster_reasons(ctx: Context, state: RosterState, pid: str, d: int, sid: str) -> list[Reason]:
    """Reasons that depend on the rest of the roster in ``state``."""
    out: list[Reason] = []
    for family in FAMILIES:
        fn = getattr(family, "check", None)
        if fn is not None:
            out.extend(fn(ctx, state, pid, d, sid))
    return out


def reasons(ctx: Context, state: RosterState, pid: str, d: int, sid: str) -> list[Reason]:
    """Every hard rule that adding (pid, d, sid) to ``state`` would break (empty: it
    may be added). The slot must be offered that day."""
    return static_reasons(ctx, pid, d, sid) + roster_reasons(ctx, state, pid, d, sid)
