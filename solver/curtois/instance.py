"""Reader of the Curtois & Qu "Employee Shift Scheduling Benchmark" text format.

Any file of that format is accepted (the 12 shipped instances and the bigger ones of
the same data set). Errors name the line and the section, in French like the rest of
the user-facing messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Shift:
    id: str
    minutes: int
    cannot_follow: tuple[str, ...]  # shift ids forbidden on the next day


@dataclass
class Staff:
    id: str
    max_shifts: dict[str, int]
    max_minutes: int
    min_minutes: int
    max_consecutive: int
    min_consecutive: int
    min_consecutive_off: int
    max_weekends: int


@dataclass
class ShiftRequest:
    employee: str
    day: int
    shift: str
    weight: int


@dataclass
class CoverRequirement:
    day: int
    shift: str
    requirement: int
    under_weight: int
    over_weight: int


@dataclass
class Instance:
    name: str
    horizon: int
    shifts: list[Shift]
    staff: list[Staff]
    days_off: dict[str, tuple[int, ...]] = field(default_factory=dict)
    on_requests: list[ShiftRequest] = field(default_factory=list)
    off_requests: list[ShiftRequest] = field(default_factory=list)
    cover: list[CoverRequirement] = field(default_factory=list)

    def shift(self, shift_id: str) -> Shift:
        for s in self.shifts:
            if s.id == shift_id:
                return s
        raise KeyError(shift_id)


class FormatError(ValueError):
    pass


def read_instance(path: str | Path) -> Instance:
    path = Path(path)
    return parse_instance(path.read_text(encoding="utf-8"), name=path.stem)


def parse_instance(text: str, name: str = "instance") -> Instance:
    sections: dict[str, list[tuple[int, list[str]]]] = {}
    current = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("SECTION_"):
            current = line
            sections.setdefault(current, [])
            continue
        if current is None:
            raise FormatError(f"{name}, ligne {number} : donnée hors section")
        sections[current].append((number, [f.strip() for f in line.split(",")]))

    def rows(section: str) -> list[tuple[int, list[str]]]:
        return sections.get(section, [])

    def integer(value: str, number: int, section: str) -> int:
        try:
            return int(value)
        except ValueError:
            raise FormatError(f"{name}, ligne {number} ({section}) : entier attendu, "
                              f"« {value} » trouvé") from None

    horizon_rows = rows("SECTION_HORIZON")
    if not horizon_rows:
        raise FormatError(f"{name} : section SECTION_HORIZON manquante")
    number, fields = horizon_rows[0]
    horizon = integer(fields[0], number, "SECTION_HORIZON")

    shifts = []
    for number, f in rows("SECTION_SHIFTS"):
        follow = tuple(s for s in (f[2].split("|") if len(f) > 2 else []) if s)
        shifts.append(Shift(f[0], integer(f[1], number, "SECTION_SHIFTS"), follow))

    staff = []
    for number, f in rows("SECTION_STAFF"):
        if len(f) < 8:
            raise FormatError(f"{name}, ligne {number} (SECTION_STAFF) : 8 champs attendus")
        maxima = {}
        for item in filter(None, f[1].split("|")):
            sid, _, value = item.partition("=")
            maxima[sid] = integer(value, number, "SECTION_STAFF")
        nums = [integer(v, number, "SECTION_STAFF") for v in f[2:8]]
        staff.append(Staff(f[0], maxima, *nums))

    days_off = {}
    for number, f in rows("SECTION_DAYS_OFF"):
        days_off[f[0]] = tuple(integer(v, number, "SECTION_DAYS_OFF") for v in f[1:] if v)

    def requests(section: str) -> list[ShiftRequest]:
        return [ShiftRequest(f[0], integer(f[1], n, section), f[2], integer(f[3], n, section))
                for n, f in rows(section)]

    cover = [CoverRequirement(integer(f[0], n, "SECTION_COVER"), f[1],
                              *(integer(v, n, "SECTION_COVER") for v in f[2:5]))
             for n, f in rows("SECTION_COVER")]
    instance = Instance(name, horizon, shifts, staff, days_off,
                        requests("SECTION_SHIFT_ON_REQUESTS"),
                        requests("SECTION_SHIFT_OFF_REQUESTS"), cover)
    _check(instance)
    return instance


def _check(inst: Instance) -> None:
    shift_ids = {s.id for s in inst.shifts}
    staff_ids = {e.id for e in inst.staff}
    for s in inst.shifts:
        for other in s.cannot_follow:
            if other not in shift_ids:
                raise FormatError(f"{inst.name} : poste inconnu « {other} » après {s.id}")
    for req in inst.on_requests + inst.off_requests:
        if req.employee not in staff_ids or req.shift not in shift_ids \
                or not 0 <= req.day < inst.horizon:
            raise FormatError(f"{inst.name} : demande invalide {req}")
    for c in inst.cover:
        if c.shift not in shift_ids or not 0 <= c.day < inst.horizon:
            raise FormatError(f"{inst.name} : besoin invalide {c}")
