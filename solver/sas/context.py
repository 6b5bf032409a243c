"""Indexes over a SAS problem shared by the model, the checker, the explanations, the
greedy baseline and replacement: calendar days, slots (core shift types), people.

The core works on calendar day indexes ``0 .. n-1`` from the first continuity day, so
that rest and calendar weeks keep their real gaps (Sundays and public holidays are
days without any slot offered).

Slots are the core's shift types:

* one per template (``"R1"``), and for regulator templates a remote twin
  (``"R1 (à distance)"``) that only remote-authorised regulators may take;
* one on-call slot per distinct effector opening range (``"astreinte 8h–20h"``): an
  effector's on-call duty is always in his own territory, so one slot type serves
  every territory and the coverage of a territory counts its own effectors.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from .problem import SasProblem
from .records import EFFECTOR, ONCALL, REGULATOR, ROLE_FR, Availability, Person
from .timeutil import abs_minutes, hfr, range_fr, short_date_fr

REMOTE_SUFFIX = " (à distance)"


@dataclass(frozen=True)
class Slot:
    """A core shift type with its SAS meaning."""

    id: str
    role: str
    template: str  # template code, or ONCALL
    start: int
    end: int
    remote: bool = False
    skill: str | None = None

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def oncall(self) -> bool:
        return self.template == ONCALL

    def label(self) -> str:
        if self.oncall:
            return f"astreinte {range_fr(self.start, self.end)}"
        where = " à distance" if self.remote else ""
        return f"{ROLE_FR[self.role]} {self.template} {range_fr(self.start, self.end)}{where}"


class Context:
    """Read-only indexes over one problem (build once per solve)."""

    def __init__(self, problem: SasProblem) -> None:
        problem.validate()
        self.problem = problem
        self.settings = problem.settings
        self.weights = problem.weights
        self.origin: date = problem.first_day
        self.n_days = (problem.last_day - self.origin).days + 1
        self.iso = [(self.origin + timedelta(days=i)).isoformat() for i in range(self.n_days)]
        self.index = {iso: i for i, iso in enumerate(self.iso)}
        self.cday = {self.index[d.date]: d for d in problem.days}
        self.people: dict[str, Person] = {p.id: p for p in problem.people}
        self.territories = {t.code: t for t in problem.territories}
        self.slots: dict[str, Slot] = {}
        for t in problem.templates:
            self.slots[t.code] = Slot(t.code, t.role, t.code, t.start, t.end, False, t.skill)
            if t.role == REGULATOR:
                rid = t.code + REMOTE_SUFFIX
                self.slots[rid] = Slot(rid, t.role, t.code, t.start, t.end, True, t.skill)
        self._clipped: dict[tuple[str, int], str] = {}
        self._only_days: dict[str, set[int]] = defaultdict(set)
        self._clip_templates(problem)
        for d in problem.days:
            if EFFECTOR in d.open:
                a, b = d.open[EFFECTOR]
                sid = f"{ONCALL} {range_fr(a, b)}"
                self.slots.setdefault(sid, Slot(sid, EFFECTOR, ONCALL, a, b))
        self._templates = {t.code: t for t in problem.templates}
        self.oncall_need: dict[tuple[str, int], int] = defaultdict(int)
        for o in problem.oncall:
            self.oncall_need[o.territory, self.index[o.day]] += o.count
        self.cpts: dict[tuple[str, int], list[str]] = defaultdict(list)
        for line in problem.cpts_rota:
            if line.territory is not None:  # checked by the problem
                self.cpts[line.territory, self.index[line.day]].append(line.person)
        self._check_fixed()

    def _clip_templates(self, problem: SasProblem) -> None:
        """On a day that closes early (a bridge day with PDSA from noon), a template running
        past the closing time is worked up to it: 8h–14h becomes 8h–12h on 24 December. Such
        a shortened slot exists only on the days that close at that time."""
        for cd in problem.days:
            d = self.index[cd.date]
            wd = (self.origin.weekday() + d) % 7
            for t in problem.templates:
                if t.role not in cd.open or wd not in t.weekdays:
                    continue
                a, b = cd.open[t.role]
                if not (a <= t.start < b < t.end):
                    continue
                twins = [(False, "")] + ([(True, REMOTE_SUFFIX)] if t.role == REGULATOR else [])
                for remote, suffix in twins:
                    sid = f"{t.code} (jusqu'à {hfr(b)}){suffix}"
                    self.slots.setdefault(sid, Slot(sid, t.role, t.code, t.start, b, remote, t.skill))
                    self._only_days[sid].add(d)
                self._clipped[t.code, d] = f"{t.code} (jusqu'à {hfr(b)})"

    def _check_fixed(self) -> None:
        """Pins and CPTS rota lines name slots that exist that day (a data error, not
        a clash of rules: said at once, in French)."""
        for key in ("pins", "cpts_rota"):
            for i, a in enumerate(getattr(self.problem, key)):
                d = self.index[a.day]
                sid = self.oncall_slot(d) if a.template == ONCALL else \
                    self.slot_of(a.template, a.remote, d)
                if sid is None or sid not in self.slots or not self.offered(d, sid):
                    raise ValueError(f"{key}[{i}] : pas de poste {a.template} le {a.day}")

    # -- days --------------------------------------------------------------------
    def weekday(self, d: int) -> int:
        return (self.origin.weekday() + d) % 7

    def label(self, d: int) -> str:
        return short_date_fr(self.iso[d])

    def week_of(self, d: int) -> int:
        """Calendar week number relative to the origin's week (Monday first)."""
        return (d + self.origin.weekday()) // 7

    @cached_property
    def months(self) -> dict[str, list[int]]:
        """``"YYYY-MM"`` → day indexes of that month in the horizon."""
        out: dict[str, list[int]] = defaultdict(list)
        for i, iso in enumerate(self.iso):
            out[iso[:7]].append(i)
        return dict(out)

    # -- slots -------------------------------------------------------------------
    def offered(self, d: int, sid: str) -> bool:
        """Is slot ``sid`` open on day ``d`` at all (template weekdays, opening hours)?"""
        cd = self.cday.get(d)
        s = self.slots[sid]
        if cd is None or s.role not in cd.open:
            return False
        a, b = cd.open[s.role]
        if s.oncall:
            return (a, b) == (s.start, s.end)
        if sid in self._only_days:
            return d in self._only_days[sid]
        return self.weekday(d) in self._templates[s.template].weekdays and a <= s.start \
            and s.end <= b

    def oncall_slot(self, d: int) -> str | None:
        cd = self.cday.get(d)
        if cd is None or EFFECTOR not in cd.open:
            return None
        a, b = cd.open[EFFECTOR]
        return f"{ONCALL} {range_fr(a, b)}"

    def slot_of(self, template: str, remote: bool = False, day: int | None = None) -> str:
        if template == ONCALL:
            sid = self.oncall_slot(day) if day is not None else None
            if sid is None:
                raise KeyError(f"pas d'astreinte le jour {day}")
            return sid
        if day is not None and (template, day) in self._clipped:
            template = self._clipped[template, day]
        return template + REMOTE_SUFFIX if remote else template

    @cached_property
    def role_slots(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for s in self.slots.values():
            out[s.role].append(s.id)
        return dict(out)

    def person_slots(self, p: Person) -> list[str]:
        """Slots a person may hold at all: by role, remote twins only if authorised."""
        out = []
        for role in p.roles:
            for sid in self.role_slots.get(role, ()):
                if not self.slots[sid].remote or p.remote:
                    out.append(sid)
        return out

    @cached_property
    def work_slots(self) -> list[str]:
        """Slots that are worked hours (regulation and OSNP, not on-call)."""
        return [s.id for s in self.slots.values() if not s.oncall]

    # -- people ------------------------------------------------------------------
    def name(self, pid: str) -> str:
        return self.people[pid].label

    @cached_property
    def availability(self) -> dict[tuple[str, int], list[Availability]]:
        out: dict[tuple[str, int], list[Availability]] = defaultdict(list)
        for a in self.problem.availability:
            if a.day in self.index:
                out[a.person, self.index[a.day]].append(a)
        return dict(out)

    @cached_property
    def pdsa(self) -> dict[str, list[tuple[int, int, str]]]:
        """person → PDSA duties as (start, end, kind) in minutes from the origin."""
        out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for duty in self.problem.pdsa:
            out[duty.person].append((abs_minutes(self.origin, duty.start),
                                     abs_minutes(self.origin, duty.end), duty.kind))
        return dict(out)

    @cached_property
    def history(self) -> dict[str, list[tuple[int, int, str]]]:
        """person → work before the horizon as (start, end, role), minutes from origin."""
        out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for h in self.problem.history:
            off = (date.fromisoformat(h.day) - self.origin).days * 1440
            out[h.person].append((off + h.start, off + h.end, h.role))
        return dict(out)

    def target(self, p: Person) -> int | None:
        """Fairness target in minutes (explicit, else from the commitment)."""
        if p.target_minutes is not None:
            return p.target_minutes
        if p.max_minutes is not None:
            return p.max_minutes * len(self.months)
        if p.max_shifts is not None:
            lengths = [s.minutes for s in self.slots.values()
                       if s.role in p.roles and not s.oncall]
            if lengths:
                return p.max_shifts * len(self.months) * (sum(lengths) // len(lengths))
        return None


def fairness_targets(problem: SasProblem) -> dict[str, int | None]:
    """Each person's fairness target in minutes over the problem's months (explicit, else
    from the commitment; None: no target), as the solver's fairness rule reads it."""
    ctx = Context(problem)
    return {p.id: ctx.target(p) for p in problem.people}
