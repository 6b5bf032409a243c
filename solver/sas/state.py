"""A roster being read or built, indexed for the rule checks.

The explanations (why nobody took an uncovered hour), the candidate ranking and the
greedy baseline all ask the same question: "may this person also take this slot, given
everything else already assigned?" :class:`RosterState` holds the assignments as
(person, day index, slot id) and answers the sums the rules need.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .context import Context, Slot


@dataclass(frozen=True)
class Reason:
    """Why a person may not take a slot: ``rule`` (stable key), ``name`` (the rule's
    French name), ``text`` (French, about this person and slot). ``group`` identifies
    the hard rule instance for infeasibility explanations."""

    rule: str
    name: str
    text: str
    group: tuple[Any, ...] = ()


class RosterState:
    def __init__(self, ctx: Context, assignments: Iterable[tuple[str, int, str]] = ()) -> None:
        self.ctx = ctx
        self.days: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.holders: dict[tuple[int, str], list[str]] = defaultdict(list)
        for pid, d, sid in assignments:
            self.add(pid, d, sid)

    def add(self, pid: str, d: int, sid: str) -> None:
        self.days[pid][d].append(sid)
        self.holders[d, sid].append(pid)

    def remove(self, pid: str, d: int, sid: str) -> None:
        self.days[pid][d].remove(sid)
        self.holders[d, sid].remove(pid)

    def has(self, pid: str, d: int, sid: str) -> bool:
        return sid in self.days.get(pid, {}).get(d, ())

    def on(self, pid: str, d: int) -> list[str]:
        return self.days[pid].get(d, []) if pid in self.days else []

    def items(self) -> list[tuple[str, int, str]]:
        return sorted((p, d, s) for p, by_day in self.days.items()
                      for d, sids in by_day.items() for s in sids)

    def minutes(self, pid: str, days: Iterable[int] | None = None,
                keep: Callable[[Slot], bool] = lambda slot: not slot.oncall) -> int:
        """Minutes worked by ``pid`` on ``days`` (all by default) on slots ``keep``
        accepts (worked hours: every slot but on-call duties, by default)."""
        by_day = self.days.get(pid)
        if not by_day:
            return 0
        slots = self.ctx.slots
        chosen = by_day.keys() if days is None else [d for d in days if d in by_day]
        return sum(slots[s].minutes for d in chosen for s in by_day[d] if keep(slots[s]))

    def count(self, pid: str, days: Iterable[int] | None = None) -> int:
        by_day = self.days.get(pid)
        if not by_day:
            return 0
        chosen = by_day.keys() if days is None else [d for d in days if d in by_day]
        return sum(len(by_day[d]) for d in chosen)

    def covering(self, role: str, d: int, hour: int) -> int:
        """How many people of ``role`` work hour ``hour`` of day ``d``."""
        n = 0
        for sid, slot in self.ctx.slots.items():
            if slot.role == role and not slot.oncall and slot.start <= hour * 60 \
                    and (hour + 1) * 60 <= slot.end:
                n += len(self.holders.get((d, sid), ()))
        return n

    def oncall_of(self, territory: str, d: int) -> list[str]:
        sid = self.ctx.oncall_slot(d)
        if sid is None:
            return []
        people = self.ctx.people
        return [p for p in self.holders.get((d, sid), ()) if people[p].territory == territory]
