"""Independent scorer of a Curtois & Qu roster: recomputes the objective and checks every
hard rule straight from the instance file's data, without CP-SAT and without the core.

Written from the data set's rule list, not from the model, so that it catches a model
that reads a rule wrongly. Usable alone::

    python -m solver.curtois Instance1.txt roster.json
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field

from .instance import Instance, read_instance


@dataclass
class Score:
    objective: int
    hard_violations: list[str] = field(default_factory=list)
    breakdown: dict[str, int] = field(default_factory=dict)

    @property
    def feasible(self) -> bool:
        return not self.hard_violations


def runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(start, length) of each maximal stretch of True values."""
    out, start = [], None
    for d, flag in enumerate(flags + [False]):
        if flag and start is None:
            start = d
        elif not flag and start is not None:
            out.append((start, d - start))
            start = None
    return out


def score(inst: Instance, roster: dict[str, dict[str, str]]) -> Score:
    """``roster``: ``{"employee": {"day": "shift"}}`` (days as strings or ints)."""
    n = inst.horizon
    shifts = {s.id: s for s in inst.shifts}
    staff = {e.id: e for e in inst.staff}
    hard: list[str] = []
    plan: dict[str, list[str | None]] = {e.id: [None] * n for e in inst.staff}
    for emp, days in roster.items():
        if emp not in staff:
            hard.append(f"unknown employee {emp}")
            continue
        for day, sid in days.items():
            d = int(day)
            if not 0 <= d < n:
                hard.append(f"{emp}: day {d} outside the horizon")
            elif sid not in shifts:
                hard.append(f"{emp}: unknown shift {sid} on day {d}")
            elif sid:
                plan[emp][d] = sid

    for e in inst.staff:
        row = plan[e.id]
        worked = [s is not None for s in row]
        for d in range(n - 1):
            here = row[d]
            if here is not None and row[d + 1] in shifts[here].cannot_follow:
                hard.append(f"{e.id}: {row[d + 1]} on day {d + 1} cannot follow {row[d]}")
        for sid in shifts:
            count = sum(1 for s in row if s == sid)
            if count > e.max_shifts.get(sid, n):
                hard.append(f"{e.id}: {count} shifts {sid} > max {e.max_shifts.get(sid)}")
        minutes = sum(shifts[s].minutes for s in row if s)
        if not e.min_minutes <= minutes <= e.max_minutes:
            hard.append(f"{e.id}: {minutes} minutes outside [{e.min_minutes}, {e.max_minutes}]")
        for start, length in runs(worked):
            if length > e.max_consecutive:
                hard.append(f"{e.id}: {length} consecutive shifts from day {start}")
            inside = start > 0 and start + length < n  # open edges: border runs are free
            if inside and length < e.min_consecutive:
                hard.append(f"{e.id}: only {length} consecutive shifts from day {start}")
        for start, length in runs([not w for w in worked]):
            inside = start > 0 and start + length < n
            if inside and length < e.min_consecutive_off:
                hard.append(f"{e.id}: only {length} consecutive days off from day {start}")
        weekends = sum(1 for w in range(n // 7 + 1)
                       if any(worked[d] for d in (7 * w + 5, 7 * w + 6) if d < n))
        if weekends > e.max_weekends:
            hard.append(f"{e.id}: {weekends} working weekends > {e.max_weekends}")
        for d in inst.days_off.get(e.id, ()):
            if worked[d]:
                hard.append(f"{e.id}: works on day off {d}")

    breakdown = {"on_requests": 0, "off_requests": 0, "under_cover": 0, "over_cover": 0}
    for r in inst.on_requests:
        if plan[r.employee][r.day] != r.shift:
            breakdown["on_requests"] += r.weight
    for r in inst.off_requests:
        if plan[r.employee][r.day] == r.shift:
            breakdown["off_requests"] += r.weight
    for c in inst.cover:
        count = sum(1 for e in inst.staff if plan[e.id][c.day] == c.shift)
        breakdown["under_cover"] += c.under_weight * max(0, c.requirement - count)
        breakdown["over_cover"] += c.over_weight * max(0, count - c.requirement)
    return Score(sum(breakdown.values()), hard, breakdown)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m solver.curtois INSTANCE.txt ROSTER.json", file=sys.stderr)
        return 2
    inst = read_instance(args[0])
    with open(args[1], encoding="utf-8") as fh:
        result = score(inst, json.load(fh))
    print(json.dumps({"objective": result.objective, "feasible": result.feasible,
                      "breakdown": result.breakdown,
                      "hard_violations": result.hard_violations}, indent=2))
    return 0 if result.feasible else 1


if __name__ == "__main__":
    sys.exit(main())
