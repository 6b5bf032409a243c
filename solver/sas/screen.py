"""Fixed lines checked before the solve: a pin or a CPTS rota line that a hard rule
forbids (a PDSA duty at the same time, a declared unavailability, another fixed line at
the same hours, a commitment already used by earlier lines...) is a data error. It is
set aside, named in French, and the rest of the month is solved — instead of one bad
line making the whole month impossible.

The check is the one the explanations use (:func:`.rules.reasons`: the hard rules,
static and against the lines kept so far), in the order pins then rota lines. The
on-site share of remote regulators is left to the solve: a remote pin alone breaks it,
yet on-site shifts added by the solve can make it hold.
"""

from __future__ import annotations

from typing import Any

import dataclasses

from .context import Context
from .problem import SasProblem
from .records import CPTS_PIN, ONCALL, PIN
from .rules import reasons
from .solution import Rejected
from .state import RosterState
from .timeutil import date_fr

NOT_SCREENED = ("remote",)
SOURCES = (("pins", PIN), ("cpts_rota", CPTS_PIN))


def screen(problem: SasProblem) -> tuple[SasProblem, list[Rejected], Context]:
    """The problem without the lines a hard rule forbids, those lines, and the context
    of the returned problem."""
    ctx = Context(problem)
    if not problem.pins and not problem.cpts_rota:
        return problem, [], ctx
    state = RosterState(ctx)
    kept: dict[str, list[Any]] = {"pins": [], "cpts_rota": []}
    rejected: list[Rejected] = []
    for source, title in SOURCES:
        for i, a in enumerate(getattr(problem, source)):
            d = ctx.index[a.day]
            sid = ctx.oncall_slot(d) if a.template == ONCALL else \
                ctx.slot_of(a.template, a.remote, d)
            assert sid is not None  # Context checked that the slot exists that day
            found = [r for r in reasons(ctx, state, a.person, d, sid)
                     if r.rule not in NOT_SCREENED]
            if not found:
                state.add(a.person, d, sid)
                kept[source].append(a)
                continue
            what = ctx.slots[sid].label()
            r = found[0]
            rejected.append(Rejected(
                source, i, a.person, a.day, a.template, r.rule,
                f"{title}, ligne {i + 1} ({ctx.name(a.person)}, {date_fr(a.day)}, {what}) "
                f"écartée : {r.name} — {r.text}."))
    if not rejected:
        return problem, [], ctx
    screened = dataclasses.replace(problem, pins=kept["pins"], cpts_rota=kept["cpts_rota"])
    return screened, rejected, Context(screened)
