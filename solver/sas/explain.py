"""Explanations in French.

* :func:`uncovered_of`: every uncovered hour (and on-call day) of a roster, and for
  each, every person of the role who could have taken it and why not — computed from
  the problem and the roster, person by person, by the same rule checks as the model
  (:mod:`solver.sas.rules`).
* :func:`explain_clash`: when the hard rules cannot all hold (pins, CPTS rota, data),
  a minimal set of clashing rule instances, found with CP-SAT assumptions on the SAS
  model built in explain mode, then shrunk by a deletion filter.
"""

from __future__ import annotations

import threading
from collections import defaultdict


from ..core.explain import minimal_clash
from .context import Context
from .model import SasModel
from .records import CPTS_PIN, EFFECTOR, PIN, Person
from .rules import reasons, static_reasons
from .rules.coverage import demand_table, hour_slots
from .solution import Clash, Excuse, Uncovered
from .state import RosterState

SHOWN = 8  # names listed per reason in the French summary


def excuses_for(ctx: Context, state: RosterState, candidates: list[Person], d: int,
                slots: list[str]) -> tuple[list[Excuse], dict[str, list[tuple[str, str]]]]:
    """Why each candidate takes none of ``slots`` on day ``d``; also the excuses grouped
    by the French name of their first rule (for the summary)."""
    excuses, grouped = [], defaultdict(list)
    for p in candidates:
        allowed = set(ctx.person_slots(p))
        texts: list[str] = []
        first = None
        free = False
        for sid in slots:
            if sid not in allowed:
                continue
            found = reasons(ctx, state, p.id, d, sid)
            if not found:
                free = True
                break
            for r in found:
                if r.text not in texts:
                    texts.append(r.text)
                first = first or r.name
        if free:
            excuses.append(Excuse(p.id, p.label, (), True))
            grouped["Libre"].append((p.label, ""))
        elif texts:
            excuses.append(Excuse(p.id, p.label, tuple(texts)))
            grouped[first or ""].append((p.label, texts[0]))
    return excuses, grouped


def _summary(title: str, grouped: dict[str, list[tuple[str, str]]], slots: list[str] | None = None,
             candidates: int | None = None) -> str:
    if slots == []:
        return (f"{title}. Aucun poste type ne couvre cette heure ce jour-là : "
                "revoir les postes types ou les horaires d'ouverture dans les paramètres.")
    if not grouped:
        return f"{title}. Personne n'a ce rôle." if not candidates else \
            f"{title}. Personne ne peut prendre ce poste."
    lines = [f"{title}. Personne n'a pu le prendre :"]
    for name, who in sorted(grouped.items(), key=lambda g: (-len(g[1]), g[0])):
        by_text: dict[str, list[str]] = defaultdict(list)
        for person, text in who:
            by_text[text].append(person)
        parts = []
        for text, names in sorted(by_text.items(), key=lambda t: (-len(t[1]), t[0])):
            more = f" et {len(names) - SHOWN} autre(s)" if len(names) > SHOWN else ""
            listed = ", ".join(names[:SHOWN]) + more
            parts.append(f"{text} : {listed}" if text else listed)
        label = "Libres mais non affecté(e)s (planning non prouvé optimal)" \
            if name == "Libre" else name
        lines.append(f"  - {label} ({len(who)}) — {' ; '.join(parts)}")
    return "\n".join(lines)


def uncovered_of(ctx: Context, state: RosterState, explain: bool = True) -> list[Uncovered]:
    out: list[Uncovered] = []
    people = ctx.problem.people
    for (role, d, hour), (req, prio) in sorted(demand_table(ctx).items(),
                                              key=lambda k: (k[0][1], k[0][2], k[0][0])):
        have = state.covering(role, d, hour)
        if have >= req:
            continue
        u = Uncovered(role, ctx.iso[d], hour, req, req - have, prio)
        if explain:
            working = {p for sid in hour_slots(ctx, role, d, hour)
                       for p in state.holders.get((d, sid), ())}
            cands = [p for p in people if role in p.roles and p.id not in working]
            slots = hour_slots(ctx, role, d, hour)
            u.excuses, grouped = excuses_for(ctx, state, cands, d, slots)
            u.explanation = _summary(u.title(), grouped, list(slots), len(cands))
        out.append(u)
    for (terr, d), need in sorted(ctx.oncall_need.items(), key=lambda k: (k[0][1], k[0][0])):
        sid = ctx.oncall_slot(d)
        held = state.oncall_of(terr, d)
        if need <= len(held) or sid is None:
            continue
        u = Uncovered(EFFECTOR, ctx.iso[d], None, need, need - len(held), 1, terr)
        if explain:
            cands = [p for p in people if EFFECTOR in p.roles and p.territory == terr
                     and p.id not in held]
            u.excuses, grouped = excuses_for(ctx, state, cands, d, [sid])
            u.explanation = _summary(u.title(), grouped, [sid], len(cands))
        out.append(u)
    return out


def pin_clash(ctx: Context) -> list[Clash] | None:
    """The commonest clash, found without a solve: a pin (or CPTS rota line) on a slot
    that a data rule alone forbids (unavailable, no skill, PDSA...). The pin and that
    rule instance form a minimal clashing set: each alone can hold."""
    for name, rows in ((PIN, ctx.problem.pins), (CPTS_PIN, ctx.problem.cpts_rota)):
        for a in rows:
            d = ctx.index[a.day]
            sid = ctx.slot_of(a.template, a.remote, d)
            if not ctx.offered(d, sid):
                continue  # not a rule clash: the core's own explanation handles it
            found = static_reasons(ctx, a.person, d, sid)
            if found:
                r = found[0]
                who = ctx.name(a.person)
                return [Clash("pins", name, who, (a.day,), f"{sid} le {ctx.label(d)}"),
                        Clash(r.rule, r.name, who, (a.day,), r.text)]
    return None


def explain_clash(ctx: Context, *, time_limit: float = 20.0, seed: int = 0,
                  stop: threading.Event | None = None) -> list[Clash] | None:
    """A minimal clashing set of hard rule instances, or ``None`` if the hard rules
    can all hold (or nothing could be decided in time). Same method as the core's
    :func:`solver.core.explain.explain_infeasibility`, on the SAS model."""
    quick = pin_clash(ctx)
    if quick:
        return quick
    sm = SasModel(ctx, explain=True)
    core = minimal_clash(sm.rm, time_limit=time_limit, random_seed=seed, stop=stop)
    if core is None:
        return None
    return [Clash(g.rule, g.name, g.subject, tuple(ctx.iso[d] for d in g.days
                                                   if 0 <= d < ctx.n_days), g.detail)
            for g in core]
