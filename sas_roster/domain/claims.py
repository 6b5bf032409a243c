"""Statements (états): what is owed to whom, for which period, paid by whom.

Regulation statements come from confirmed attendance, never from the plan: per doctor and
month, one line per paid piece of shift (a shift across a rate change gives two lines), the
total rounded once. A statement is numbered the first time it is exported and then frozen;
a correction is a new statement that names the one it corrects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from zoneinfo import ZoneInfo

from .attendance import AttendanceLine
from .enums import ContractKind, PersonStatus, RateKind, Role, Sector
from .pay import money, paid_pieces
from .person import Person
from .rates import DatedRate


class Payer(StrEnum):
    HEALTH_INSURANCE = "health_insurance"  # liberal regulators (avenant 9)
    HOSPITAL = "hospital"  # fully retired doctors under the hospital's contract
    ASSOCIATION = "association"  # indemnities paid by the association (FIR)

    @property
    def label_fr(self) -> str:
        return {
            "health_insurance": "Assurance maladie (CPAM)",
            "hospital": "Centre hospitalier (contrat de service public)",
            "association": "L'association (budget FIR)",
        }[self.value]


class StatementKind(StrEnum):
    REGULATION = "regulation"
    TRAINING = "training"
    COORDINATION = "coordination"
    EFFECTOR = "effector"

    @property
    def prefix(self) -> str:
        return {"regulation": "R", "training": "F", "coordination": "C", "effector": "E"}[self.value]

    @property
    def label_fr(self) -> str:
        return {
            "regulation": "État de régulation",
            "training": "État d'indemnités de formation",
            "coordination": "État d'indemnités de coordination",
            "effector": "État effecteur (estimation de l'association)",
        }[self.value]


@dataclass(frozen=True)
class StatementLine:
    """One line: a paid piece of shift (times, minutes, hourly rate) or a counted item
    (quantity × unit amount). `exact` is the unrounded amount."""

    label: str
    day: date | None
    start: time | None
    end: time | None
    minutes: int | None
    quantity: Decimal  # hours for timed lines, a count otherwise
    rate: Decimal
    exact: Fraction
    shift_uid: str = ""

    @property
    def amount(self) -> Decimal:
        """This line rounded on its own, for printing; the total is rounded from exact sums."""
        return money(self.exact)


@dataclass(frozen=True)
class Statement:
    kind: StatementKind
    period: str  # "2027-05" or "2027-Q2"
    person_id: int
    person_name: str
    rpps: str | None
    sector: Sector | None
    payer: Payer
    payer_name: str
    lines: tuple[StatementLine, ...]
    number: str | None = None
    corrects: str | None = None  # number of the statement this one corrects
    issued_at: datetime | None = None
    note: str = ""
    id: int | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def contributions_covered(self) -> bool:
        """Social contributions taken in charge by the health insurance: secteur 1 regulators."""
        return self.kind is StatementKind.REGULATION and self.payer is Payer.HEALTH_INSURANCE and self.sector is Sector.S1

    @property
    def total_minutes(self) -> int:
        return sum(ln.minutes or 0 for ln in self.lines)

    @property
    def total(self) -> Decimal:
        return money(sum((ln.exact for ln in self.lines), Fraction(0)))

    def same_content(self, other: Statement) -> bool:
        return (self.lines, self.payer, self.person_id, self.kind, self.period) == (
            other.lines, other.payer, other.person_id, other.kind, other.period)


def regulation_payer(person: Person, day: date | None = None, hospital_name: str | None = None) -> tuple[Payer, str]:
    """The health insurance pays liberal regulators; a fully retired doctor is paid by the
    hospital that holds his occasional public-service contract (its `employer`), the one
    covering `day` when there are several."""
    if person.status is PersonStatus.RETIRED_AUTHORISED:
        contracts = [c for c in person.contracts if c.kind is ContractKind.HOSPITAL and c.employer]
        held = next((c.employer for c in contracts if day is None or c.covers(day)),
                    contracts[-1].employer if contracts else None)
        return Payer.HOSPITAL, hospital_name or held or Payer.HOSPITAL.label_fr
    return Payer.HEALTH_INSURANCE, Payer.HEALTH_INSURANCE.label_fr


def regulation_statements(year: int, month: int, lines: Iterable[AttendanceLine], persons: Mapping[int, Person],
                          rates: Sequence[DatedRate], tz: ZoneInfo,
                          hospitals: Mapping[int, str] | None = None) -> list[Statement]:
    """One unnumbered statement per regulator who worked in the month, from attendance."""
    per_person: dict[int, list[StatementLine]] = defaultdict(list)
    for ln in sorted(lines, key=lambda x: (x.day, x.start, x.shift_uid)):
        if ln.role is not Role.REGULATOR:
            continue
        worked = ln.worked()
        if worked is None:
            continue
        pid, start, end = worked
        if pid is None:
            continue
        for piece in paid_pieces(ln.day, start, end, tz, rates, RateKind.REGULATION_HOURLY):
            if piece.minutes == 0:
                continue
            per_person[pid].append(StatementLine(
                ln.template_code, ln.day, piece.start.timetz().replace(tzinfo=None),
                piece.end.timetz().replace(tzinfo=None), piece.minutes, piece.hours, piece.rate, piece.exact,
                ln.shift_uid))
    period = f"{year:04d}-{month:02d}"
    out = []
    for pid in sorted(per_person, key=lambda p: (persons[p].last_name, persons[p].first_name, p)):
        person = persons[pid]
        payer, payer_name = regulation_payer(person, per_person[pid][-1].day, (hospitals or {}).get(pid))
        out.append(Statement(StatementKind.REGULATION, period, pid, person.display_name, person.rpps, person.sector,
                             payer, payer_name, tuple(per_person[pid])))
    return out


def parse_period(text: str) -> tuple[int, list[int]]:
    """'2027-05' → (2027, [5]); '2027-Q2' → (2027, [4, 5, 6]). French message when wrong."""
    from .errors import ValidationError

    t = text.strip().upper()
    try:
        if "-Q" in t:
            y, q = t.split("-Q")
            quarter = int(q)
            if not 1 <= quarter <= 4:
                raise ValueError
            return int(y), [3 * quarter - 2, 3 * quarter - 1, 3 * quarter]
        y, mth = t.split("-")
        if not 1 <= int(mth) <= 12:
            raise ValueError
        return int(y), [int(mth)]
    except ValueError:
        raise ValidationError(f"Période « {text} » invalide : attendu AAAA-MM ou AAAA-Tn (ex. 2027-05, 2027-Q2)") from None
