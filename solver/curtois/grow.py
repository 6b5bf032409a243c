"""Larger instances of the Curtois & Qu format made from the shipped ones, to test the
engine on sizes of the published data set that are not shipped here (28 days with 120
employees and 18 shift types, up to a year with 150 employees and 32 shift types).

* :func:`merge` puts instances side by side (same horizon): their staff and shift
  types are renamed apart, so the result has the sum of both — a hospital with
  several wards rostered at once;
* :func:`stretch` repeats the horizon ``times`` times (limits per horizon scaled, the
  requests, cover and days off repeated on each copy).

:func:`format_instance` writes the text format back, so that a grown instance is read
through the same reader as the shipped ones. Spec strings for the benchmark:
``"12+8+9"`` (merge) and ``"12*2"`` (stretch), combinable as ``"12+8+9*2"``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from .instance import Instance, Shift, ShiftRequest


def merge(instances: list[Instance], name: str | None = None) -> Instance:
    horizon = instances[0].horizon
    if any(i.horizon != horizon for i in instances):
        raise ValueError("fusion d'instances de durées différentes")
    out = Instance(name or "+".join(i.name for i in instances), horizon, [], [])
    for k, inst in enumerate(instances):
        p = f"{k}_"
        out.shifts += [Shift(p + s.id, s.minutes, tuple(p + o for o in s.cannot_follow))
                       for s in inst.shifts]
        out.staff += [replace(e, id=p + e.id,
                              max_shifts={p + sid: n for sid, n in e.max_shifts.items()})
                      for e in inst.staff]
        out.days_off.update({p + e: days for e, days in inst.days_off.items()})
        out.on_requests += [ShiftRequest(p + r.employee, r.day, p + r.shift, r.weight)
                            for r in inst.on_requests]
        out.off_requests += [ShiftRequest(p + r.employee, r.day, p + r.shift, r.weight)
                             for r in inst.off_requests]
        out.cover += [replace(c, shift=p + c.shift) for c in inst.cover]
    # Nobody works a type of another ward (an absent type would mean "no limit").
    ids = [s.id for s in out.shifts]
    out.staff = [replace(e, max_shifts={sid: e.max_shifts.get(sid, 0) for sid in ids})
                 for e in out.staff]
    return out


def stretch(inst: Instance, times: int) -> Instance:
    h = inst.horizon
    n = h * times

    def scaled(value: int) -> int:
        return n if value >= h else value * times

    staff = [replace(e, max_shifts={s: scaled(v) for s, v in e.max_shifts.items()},
                     max_minutes=e.max_minutes * times, min_minutes=e.min_minutes * times,
                     max_weekends=e.max_weekends * times) for e in inst.staff]
    shifted = range(times)
    return Instance(
        f"{inst.name}*{times}", n, list(inst.shifts), staff,
        {e: tuple(d + k * h for k in shifted for d in days) for e, days in inst.days_off.items()},
        [replace(r, day=r.day + k * h) for k in shifted for r in inst.on_requests],
        [replace(r, day=r.day + k * h) for k in shifted for r in inst.off_requests],
        [replace(c, day=c.day + k * h) for k in shifted for c in inst.cover])


def format_instance(inst: Instance) -> str:
    """The instance in the benchmark's text format."""
    lines = ["SECTION_HORIZON", str(inst.horizon), "", "SECTION_SHIFTS"]
    lines += [f"{s.id},{s.minutes},{'|'.join(s.cannot_follow)}" for s in inst.shifts]
    lines += ["", "SECTION_STAFF"]
    for e in inst.staff:
        maxima = "|".join(f"{s}={v}" for s, v in e.max_shifts.items())
        lines.append(f"{e.id},{maxima},{e.max_minutes},{e.min_minutes},{e.max_consecutive},"
                     f"{e.min_consecutive},{e.min_consecutive_off},{e.max_weekends}")
    lines += ["", "SECTION_DAYS_OFF"]
    lines += [f"{e},{','.join(map(str, days))}" for e, days in inst.days_off.items() if days]
    for title, rows in (("SECTION_SHIFT_ON_REQUESTS", inst.on_requests),
                        ("SECTION_SHIFT_OFF_REQUESTS", inst.off_requests)):
        lines += ["", title]
        lines += [f"{r.employee},{r.day},{r.shift},{r.weight}" for r in rows]
    lines += ["", "SECTION_COVER"]
    lines += [f"{c.day},{c.shift},{c.requirement},{c.under_weight},{c.over_weight}"
              for c in inst.cover]
    return "\n".join(lines) + "\n"


def grown(spec: str, read: Callable[[int], Instance]) -> Instance:
    """``"12+8+9*2"``: instances 12, 8 and 9 merged, the horizon then doubled.
    ``read(number) -> Instance`` reads a shipped instance."""
    base, _, times = spec.partition("*")
    parts = [read(int(n)) for n in base.split("+")]
    inst = parts[0] if len(parts) == 1 else merge(parts, name=f"I{base}")
    inst.name = inst.name if len(parts) > 1 else f"I{base}"
    return stretch(inst, int(times)) if times else inst


__all__ = ["format_instance", "grown", "merge", "stretch"]
