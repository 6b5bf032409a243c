"""The copil's and the ARS's indicators for a month, a quarter or a year, as plain data.

`sas_roster.services.indicators.compute` fills an `Indicators` from the stored months (the
published version when there is one, the draft otherwise), the imported activity and, when
the money services exist, the statements and the budget; the PDF and XLSX reports and the
dashboard only format it.
"""

from __future__ import annotations

import calendar
import re
import statistics
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .activity import ActivityTotals
from .capacity import PlanResult, RecruitmentEstimate
from .enums import Role

MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre")
QUARTERS_FR = ("1er", "2e", "3e", "4e")


@dataclass(frozen=True)
class Period:
    """A month, a quarter or a year; `key` as typed on the command line (2027-03, 2027-Q1, 2027)."""

    key: str
    label: str  # French: "mars 2027", "1er trimestre 2027", "année 2027"
    months: tuple[tuple[int, int], ...]

    @property
    def start(self) -> date:
        year, month = self.months[0]
        return date(year, month, 1)

    @property
    def end(self) -> date:
        year, month = self.months[-1]
        return date(year, month, calendar.monthrange(year, month)[1])

    @property
    def quarters(self) -> tuple[tuple[int, int], ...]:
        """The (year, quarter)s wholly inside the period (SNP acts are counted per quarter)."""
        out = []
        for year, month in self.months:
            q = (month - 1) // 3 + 1
            if month == 3 * q and (year, 3 * q - 2) in self.months and (year, q) not in out:
                out.append((year, q))
        return tuple(out)


def parse_period(text: str) -> Period:
    """2027-03 | 2027-Q1 (or 2027-T1) | 2027 → `Period`; ValueError with a French message."""
    raw = text.strip().upper()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", raw):
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            return Period(f"{year:04d}-{month:02d}", f"{MONTHS_FR[month - 1]} {year}", ((year, month),))
    elif m := re.fullmatch(r"(\d{4})-[QT]([1-4])", raw):
        year, q = int(m.group(1)), int(m.group(2))
        return Period(f"{year:04d}-Q{q}", f"{QUARTERS_FR[q - 1]} trimestre {year}",
                      tuple((year, month) for month in range(3 * q - 2, 3 * q + 1)))
    elif m := re.fullmatch(r"(\d{4})", raw):
        year = int(m.group(1))
        return Period(f"{year:04d}", f"année {year}", tuple((year, month) for month in range(1, 13)))
    raise ValueError(f"Période « {text} » invalide : attendu AAAA-MM (2027-03), AAAA-Qn (2027-Q1) ou AAAA (2027)")


@dataclass(frozen=True)
class Spread:
    """How hours are shared out among people."""

    count: int
    total: float
    mean: float
    median: float
    minimum: float
    maximum: float
    stdev: float  # population standard deviation

    @property
    def variation(self) -> float | None:
        """Coefficient of variation (stdev / mean): 0 is a perfectly even share."""
        return self.stdev / self.mean if self.mean else None


def spread(values: list[float]) -> Spread:
    if not values:
        return Spread(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    return Spread(len(values), float(sum(values)), statistics.fmean(values), float(statistics.median(values)),
                  float(min(values)), float(max(values)), statistics.pstdev(values))


NO_CANDIDATE = "personne n'a ce rôle"
NO_TEMPLATE = "aucun poste type ne couvre l'heure"
FREE_UNASSIGNED = "personnes libres non affectées"
UNEXPLAINED = "non expliqué"


def cause_of(explanation: str) -> str:
    """The main cause of an uncovered hour, read from its French explanation: the reason
    shared by most of the people who could not take it (the first listed), or why nobody
    was a candidate at all."""
    for line in explanation.splitlines()[1:]:
        if line.startswith("  - "):
            label = line[4:].split(" (", 1)[0].strip()
            return FREE_UNASSIGNED if label.startswith("Libres mais non affecté") else label.lower()
    if "Aucun poste type" in explanation:
        return NO_TEMPLATE
    if "Personne n'a ce rôle" in explanation or "Personne ne peut prendre" in explanation:
        return NO_CANDIDATE
    return UNEXPLAINED


@dataclass(frozen=True)
class MonthCoverage:
    """One month's continuity hours (demand-hours: one person during one hour) per role."""

    year: int
    month: int
    source: str  # French: which roster was read ("version 2 publiée le 03/03/2027", "brouillon", ...)
    required: dict[Role, int]
    covered: dict[Role, int]  # demand-hours met (never more than required)
    uncovered_by_cause: dict[tuple[Role, str], int]
    oncall_required: int  # effectors' on-call duties the association rosters
    oncall_missing: int

    def uncovered(self, role: Role) -> int:
        return sum(n for (r, _), n in self.uncovered_by_cause.items() if r is role)


@dataclass(frozen=True)
class PersonHours:
    person_id: int
    name: str
    role: Role
    hours: float
    shifts: int


@dataclass(frozen=True)
class StatementTotal:
    """Statements of one kind over the period (from the money services)."""

    kind: str  # French label
    payer: str
    count: int
    hours: Decimal
    amount: Decimal


@dataclass(frozen=True)
class BudgetRow:
    source: str  # French label of the funding source
    planned: Decimal
    committed: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.committed - self.spent


@dataclass(frozen=True)
class SnpRow:
    territory: str
    effectors: int
    acts: int
    tiers: dict[str, int]  # tier label → effectors who reached it


@dataclass(frozen=True)
class Section:
    """A part of the report that depends on data the app may not have yet."""

    available: bool
    note: str = ""  # French: why it is missing, or how to read it


@dataclass(frozen=True)
class Indicators:
    period: Period
    association: str
    months: list[MonthCoverage]
    pool: dict[Role, int]  # active in the pools during the period
    working: dict[Role, int]  # with at least one shift in the period
    hours: dict[Role, list[PersonHours]]
    spreads: dict[Role, Spread]
    activity: ActivityTotals
    activity_by_territory: dict[str | None, ActivityTotals]
    calls_by_hour: dict[int, int]
    calls_by_weekday_hour: dict[tuple[int, int], int]
    recruitment: dict[Role, RecruitmentEstimate]  # for `recruitment_month`
    recruitment_month: tuple[int, int]  # the period's last month with a roster (else its last)
    money: Section = Section(False)
    statements: list[StatementTotal] = field(default_factory=list)
    budget: list[BudgetRow] = field(default_factory=list)
    snp: Section = Section(False)
    snp_rows: list[SnpRow] = field(default_factory=list)
    capacity: PlanResult | None = None  # a week's capacity plan, when the report is given one

    def required(self, role: Role) -> int:
        return sum(m.required.get(role, 0) for m in self.months)

    def covered(self, role: Role) -> int:
        return sum(m.covered.get(role, 0) for m in self.months)

    def uncovered(self, role: Role) -> int:
        return sum(m.uncovered(role) for m in self.months)

    def coverage(self, role: Role) -> float | None:
        need = self.required(role)
        return self.covered(role) / need if need else None

    def uncovered_by_cause(self) -> dict[tuple[Role, str], int]:
        out: dict[tuple[Role, str], int] = {}
        for m in self.months:
            for key, n in m.uncovered_by_cause.items():
                out[key] = out.get(key, 0) + n
        return dict(sorted(out.items(), key=lambda kv: (kv[0][0].value, -kv[1], kv[0][1])))

    @property
    def oncall_required(self) -> int:
        return sum(m.oncall_required for m in self.months)

    @property
    def oncall_missing(self) -> int:
        return sum(m.oncall_missing for m in self.months)

    @property
    def no_show_rate(self) -> float | None:
        return self.activity.no_show_rate

    def sources_text(self) -> str:
        """Which roster each month was read from, months grouped by source:
        "aucun planning : janvier, février ; version 1 publiée le 01/03/2027 : mars"."""
        grouped: dict[str, list[str]] = {}
        for m in self.months:
            grouped.setdefault(m.source, []).append(MONTHS_FR[m.month - 1])
        return " ; ".join(f"{source} : {', '.join(months)}" for source, months in grouped.items())


def percent(part: float, whole: float) -> float | None:
    return 100.0 * part / whole if whole else None
