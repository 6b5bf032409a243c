"""Cancellations: re-solve with minimal changes, and rank who can take one slot.

:func:`replace` — someone cancels a shift (or a whole day): the person is made
unavailable for it, the current roster becomes the reference (every assignment added or
removed costs ``weights.change``, raised to at least ``MIN_CHANGE`` so that it outweighs
any fairness or preference gain) and the warm start, and the problem is re-solved:
coverage first, then the fewest changes. The changes are reported.

:func:`rank_candidates` — who can take a single slot given the rest of the roster,
best first: preference for the slot, how far below his fair share the person is, and
no rest issue (a PDSA duty close before or after, a long day); every excluded person
with the French reason.
"""

from __future__ import annotations

from typing import Any

import time
from datetime import date, timedelta
from dataclasses import dataclass, field, replace as dc_replace

from .context import Context
from .problem import SasProblem
from .records import EFFECTOR, ONCALL, Assignment, Availability, Person, Record
from .rules import reasons, static_reasons
from .rules.availability import kind_of
from .rules.fairness import shares
from .solution import SasSolution, Uncovered
from .solve import SasOptions, SasSolver, solve_sas
from .state import RosterState
from .timeutil import DAY, date_fr, to_iso_date

MIN_CHANGE = 1000


@dataclass
class Replacement:
    cancelled: list[Assignment]
    removed: list[Assignment]
    added: list[Assignment]
    solution: SasSolution
    seconds: float = 0.0

    @property
    def changes(self) -> int:
        return len(self.removed) + len(self.added)

    def message(self, problem: SasProblem) -> str:
        names = {p.id: p.label for p in problem.people}
        lines = [f"Annulation de {names.get(a.person, a.person)} : {a.template} le "
                 f"{date_fr(a.day)}" for a in self.cancelled]
        others = [a for a in self.removed if a not in self.cancelled]
        lines += [f"  + {names.get(a.person, a.person)} prend {a.template}"
                  f"{' à distance' if a.remote else ''} le {date_fr(a.day)}" for a in self.added]
        lines += [f"  - {names.get(a.person, a.person)} quitte {a.template} le "
                  f"{date_fr(a.day)}" for a in others]
        if not self.added:
            lines.append("  Personne ne peut remplacer :")
            lines += [f"  {u.explanation}" for u in self.solution.uncovered
                      if any(_hits(problem, a, u) for a in self.cancelled)]
        return "\n".join(lines)


def _hits(problem: SasProblem, a: Assignment, u: Uncovered) -> bool:
    """Is the uncovered hour ``u`` one of the cancelled assignment ``a``?"""
    if u.day != a.day:
        return False
    if a.template == ONCALL:
        return u.hour is None and u.territory == a.territory
    t = problem.template(a.template)
    return u.hour is not None and t.start <= u.hour * 60 < t.end


def cancelled_of(solution: SasSolution, person: str, day: str | date,
                 shift: str | None) -> list[Assignment]:
    day = to_iso_date(day)
    return [a for a in solution.assignments if a.person == person and a.day == day
            and (shift is None or a.template == shift)]


def replacement_problem(problem: SasProblem, solution: SasSolution,
                        cancelled: list[Assignment]) -> SasProblem:
    """The problem to re-solve: whoever cancels is unavailable that day except for the
    shifts he keeps (he is not moved to another shift of the day he cancelled), the
    cancelled pins and CPTS rota lines are dropped, the current roster is the
    reference."""
    ctx = Context(problem)
    # A shallow copy: the records are not changed, only these lists and the weights.
    new = dc_replace(problem, availability=list(problem.availability))
    gone = set(cancelled)
    for person, iso in sorted({(a.person, a.day) for a in cancelled}):
        d = ctx.index[iso]
        kept = sorted((ctx.slots[ctx.slot_of(a.template, a.remote, d)].start,
                       ctx.slots[ctx.slot_of(a.template, a.remote, d)].end)
                      for a in solution.assignments
                      if a.person == person and a.day == iso and a not in gone)
        start = 0
        for a, b in kept + [(DAY, DAY)]:
            if start < a:
                new.availability.append(Availability(person, iso, start, a, "unavailable"))
            start = max(start, b)
    new.pins = [a for a in new.pins if a not in gone]
    new.cpts_rota = [a for a in new.cpts_rota if a not in gone]
    new.reference = list(solution.assignments)
    new.weights = dc_replace(new.weights, change=max(new.weights.change, MIN_CHANGE))
    return new


def replace(problem: SasProblem, solution: SasSolution, person: str, day: str | date,
            shift: str | None = None, time_limit: float = 3.0, **options: Any) -> Replacement:
    """Cancel ``person``'s ``shift`` (a template code, ``"astreinte"``, or ``None`` for
    the whole day) and re-solve changing as little as possible.

    Two neighbourhoods, smallest first: only the cancelled day may change (the rest of
    the roster is kept as it is); if the hole cannot be filled that way, the whole
    calendar week around it. Each is solved lexicographically (coverage, then the
    fewest changes, then the other goals), so a change is only made to fill the hole."""
    t0 = time.monotonic()
    iso = to_iso_date(day)
    cancelled = cancelled_of(solution, person, iso, shift)
    if not cancelled:
        raise ValueError(f"{person} n'a pas de poste {shift or ''} le {iso}")
    new = replacement_problem(problem, solution, cancelled)
    gone = set(cancelled)
    hint = [a for a in solution.assignments if a not in gone]
    before = set(solution.assignments)
    missing_before = _missing_on(solution, iso)
    best = None
    solver = SasSolver(new, SasOptions(time_limit=time_limit, hint=hint, **options))
    for free in ([iso], _week_of(new, iso)):
        left = time_limit - (time.monotonic() - t0)
        if left <= 0.05:
            break
        solver.options.time_limit = left
        sol = solver.solve(free_days=free)
        if not sol.has_roster:
            continue
        after = set(sol.assignments)
        rep = Replacement(cancelled, sorted(before - after, key=_key),
                          sorted(after - before, key=_key), sol)
        if best is None or (_missing_on(sol, iso), rep.changes) < \
                (_missing_on(best.solution, iso), best.changes):
            best = rep
        if _missing_on(sol, iso) <= missing_before:
            break  # the hole is filled as well as it was: no need to look further
    if best is None:
        sol = solve_sas(new, max(0.05, time_limit - (time.monotonic() - t0)), hint=hint,
                        **options)
        after = set(sol.assignments)
        best = Replacement(cancelled, sorted(before - after, key=_key),
                           sorted(after - before, key=_key), sol)
    best.seconds = time.monotonic() - t0
    return best


def _missing_on(sol: SasSolution, iso: str) -> int:
    return sum(u.missing for u in sol.uncovered if u.day == iso)


def _week_of(problem: SasProblem, iso: str) -> list[str]:
    d = date.fromisoformat(iso)
    monday = d - timedelta(days=d.weekday())
    days = {x.date for x in problem.days}
    return [w for w in ((monday + timedelta(days=i)).isoformat() for i in range(7)) if w in days]


def _key(a: Assignment) -> tuple[str, str, str]:
    return (a.day, a.template, a.person)


# -- ranking --------------------------------------------------------------------------
@dataclass
class Candidate(Record):
    person: str
    name: str
    ok: bool
    score: int = 0
    remote: bool = False
    reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)


PREFERENCE_SCORE = {"preferred": 30, "available": 0, "if_needed": -30}


def rank_candidates(problem: SasProblem, solution: SasSolution, day: str | date, shift: str,
                    territory: str | None = None) -> list[Candidate]:
    """Everyone of the slot's role, best candidates first, then the excluded ones with
    their French reasons. The slot's current holders are left out (they hold it)."""
    ctx = Context(problem)
    d = ctx.index[to_iso_date(day)]
    on_site = ctx.slot_of(shift, False, d)
    slot = ctx.slots[on_site]
    keys = [(a.person, ctx.index[a.day], ctx.slot_of(a.template, a.remote, ctx.index[a.day]))
            for a in solution.assignments]
    state = RosterState(ctx, keys)
    holders = {p for (dd, sid), ps in state.holders.items() if dd == d
               and ctx.slots[sid].template == slot.template for p in ps}
    people = [p for p in problem.people if slot.role in p.roles and p.id not in holders
              and (slot.role != EFFECTOR or territory is None or p.territory == territory)]
    fair = _fair_shares(ctx, slot.role, people)
    out = []
    for p in people:
        allowed = ctx.person_slots(p)
        options = [on_site] + ([on_site + " (à distance)"] if p.remote and not slot.oncall
                               and on_site + " (à distance)" in allowed else [])
        found: list[str] = []
        chosen = None
        for sid in options:
            rs = reasons(ctx, state, p.id, d, sid)
            if not rs:
                chosen = sid
                break
            found += [r.text for r in rs if r.text not in found]
        if chosen is None:
            out.append(Candidate(p.id, p.label, False, reasons=tuple(found)))
            continue
        score, notes = _score(ctx, state, p, d, chosen, fair.get(p.id))
        out.append(Candidate(p.id, p.label, True, score, ctx.slots[chosen].remote, (),
                             tuple(notes)))
    out.sort(key=lambda c: (not c.ok, -c.score, c.name))
    return out


def _fair_shares(ctx: Context, role: str, people: list[Person]) -> dict[str, tuple[float, int]]:
    """person → (fair share, target), as in :mod:`rules.fairness`, from static rules."""
    caps: dict[str, int] = {}
    for p in people:
        total = 0
        for d in ctx.cday:
            best = 0
            for sid in ctx.person_slots(p):
                s = ctx.slots[sid]
                if s.role == role and not s.remote and ctx.offered(d, sid) \
                        and not static_reasons(ctx, p.id, d, sid):
                    best += 1 if s.oncall else s.minutes
            total += best if role == EFFECTOR else min(best, ctx.settings.max_minutes_per_day)
        if total:
            t = ctx.target(p) if role != EFFECTOR else None
            caps[p.id] = min(total, t) if t else total
    if role == EFFECTOR:
        demand = sum(ctx.oncall_need.values())
    else:
        demand = sum(60 * h.required for h in ctx.problem.demand if h.role == role)
    fair = shares(caps, dict(caps), demand)
    return {pid: (fair[pid], caps[pid]) for pid in caps}


def _score(ctx: Context, state: RosterState, p: Person, d: int, sid: str,
           fair: tuple[float, int] | None) -> tuple[int, list[str]]:
    slot = ctx.slots[sid]
    kind = kind_of(ctx, p.id, d, sid)
    score = PREFERENCE_SCORE[kind]
    notes = [{"preferred": "créneau souhaité", "available": "disponible",
              "if_needed": "seulement « si besoin »"}[kind]]
    if fair is not None:
        share, target = fair
        load = state.count(p.id) if slot.oncall else state.minutes(p.id)
        deficit = round(100 * (share - load) / target) if target else 0
        score += max(-50, min(50, deficit // 2))
        notes.append(f"{'en dessous' if deficit >= 0 else 'au-dessus'} de sa part équitable "
                     f"({abs(deficit)} %)")
    a, b = d * DAY + slot.start, d * DAY + slot.end
    for s, e, _kind in ctx.pdsa.get(p.id, ()):
        if 0 <= a - e < 12 * 60 or 0 <= s - b < 4 * 60:
            score -= 20
            notes.append("garde PDSA proche")
            break
    today = state.minutes(p.id, (d,))
    if today + slot.minutes > 8 * 60:
        score -= 10
        notes.append("longue journée")
    if slot.remote:
        notes.append("à distance")
    return score, notes


__all__ = ["Replacement", "Candidate", "replace", "rank_candidates", "ONCALL"]
