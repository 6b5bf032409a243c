"""Greedy baseline: the roster a coordinator builds by hand.

Day after day, slot after slot in time order, each slot is given to the next person
in turn (a rotating list per role, per territory for on-call duties) who may take it
without breaking a hard rule — the same checks as the solver's explanations
(:mod:`solver.sas.rules`) — on site first, remote if only that is allowed; pins and
the CPTS rota are placed first. A slot is filled until every hour it covers has its
headcount.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable

from ..sas.context import Context
from ..sas.metrics import state_of
from ..sas.problem import SasProblem
from ..sas.records import EFFECTOR, OSNP, REGULATOR, Assignment
from ..sas.rules import reasons
from ..sas.rules.coverage import demand_table
from ..sas.solve import assignment_of
from ..sas.state import RosterState


class _Turn:
    """A rotating list: each search starts after the last person chosen."""

    def __init__(self, people: list[str]) -> None:
        self.people, self.next = people, 0

    def pick(self, accept: Callable[[str], bool]) -> str | None:
        n = len(self.people)
        for k in range(n):
            i = (self.next + k) % n
            if accept(self.people[i]):
                self.next = (i + 1) % n
                return self.people[i]
        return None


def greedy(problem: SasProblem, ctx: Context | None = None) -> list[Assignment]:
    ctx = ctx or Context(problem)
    state: RosterState = state_of(ctx, list(problem.pins) + list(problem.cpts_rota))
    need = demand_table(ctx)
    turns = {role: _Turn([p.id for p in problem.people if role in p.roles])
             for role in (REGULATOR, OSNP)}
    by_terr: dict[str, list[str]] = defaultdict(list)
    for p in problem.people:
        if EFFECTOR in p.roles and p.territory is not None:
            by_terr[p.territory].append(p.id)
    oncall_turns = {t: _Turn(ps) for t, ps in by_terr.items()}
    for d in sorted(ctx.cday):
        for role in (REGULATOR, OSNP):
            slots = sorted((s for s in ctx.slots.values() if s.role == role and not s.remote
                            and not s.oncall and ctx.offered(d, s.id)),
                           key=lambda s: (s.start, s.end))
            for slot in slots:
                hours = range(slot.start // 60, slot.end // 60)

                def short() -> bool:
                    return any(state.covering(role, d, h) < need.get((role, d, h), (0, 0))[0]
                               for h in hours)

                while short():
                    chosen: list[str] = []

                    def accept(pid: str) -> bool:
                        for sid in (slot.id, slot.id + " (à distance)"):
                            if sid in ctx.slots and sid in ctx.person_slots(ctx.people[pid]) \
                                    and not reasons(ctx, state, pid, d, sid):
                                chosen.append(sid)
                                return True
                        return False

                    pid = turns[role].pick(accept)
                    if pid is None:
                        break
                    state.add(pid, d, chosen[0])
        sid = ctx.oncall_slot(d)
        if sid is None:
            continue
        for terr, turn in sorted(oncall_turns.items()):
            want = ctx.oncall_need.get((terr, d), 0)
            if ctx.territories[terr].cpts_rota:
                continue
            while len(state.oncall_of(terr, d)) < want:
                pid = turn.pick(lambda pid: not reasons(ctx, state, pid, d, sid))
                if pid is None:
                    break
                state.add(pid, d, sid)
    return [assignment_of(ctx, *k) for k in state.items()]
