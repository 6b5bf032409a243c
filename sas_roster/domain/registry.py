"""The association's registry: members and dues, bodies with colleges and their statutes'
rules, meetings (attendance, proxies, quorum, decisions), documents, complaints.

The 1901 law leaves quorum, majority and proxies to the statutes, so they are data here:
each college has a number of seats and a quorum (a share of its seats, or of its members in
office when the statutes say so); a body says whether proxies are allowed, how many one
member may carry, whether they count for the quorum, and which majority adopts a decision.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class BodyKind(StrEnum):
    BUREAU = "bureau"
    BOARD = "board"
    GENERAL_ASSEMBLY = "general_assembly"
    COPIL = "copil"
    TERRITORIAL_COMMITTEE = "territorial_committee"

    @property
    def label_fr(self) -> str:
        return {
            "bureau": "bureau", "board": "conseil d'administration", "general_assembly": "assemblée générale",
            "copil": "comité de pilotage paritaire", "territorial_committee": "comité territorial",
        }[self.value]


class Majority(StrEnum):
    SIMPLE = "simple"  # more for than against
    ABSOLUTE = "absolute"  # more than half of the votes cast, abstentions included
    TWO_THIRDS = "two_thirds"  # at least two thirds of the votes cast

    @property
    def label_fr(self) -> str:
        return {"simple": "majorité simple", "absolute": "majorité absolue",
                "two_thirds": "majorité des deux tiers"}[self.value]


class DocumentKind(StrEnum):
    CONVENTION = "convention"  # convention constitutive or GCS
    ADDRESSING_CHARTER = "addressing_charter"
    LETTER_OF_INTENT = "letter_of_intent"
    SPECIFICATIONS = "specifications"  # cahier des charges
    CPTS_CONVENTION = "cpts_convention"
    CONTINUITY_PLAN = "continuity_plan"
    STATUTES = "statutes"
    OTHER = "other"

    @property
    def label_fr(self) -> str:
        return {
            "convention": "convention constitutive / GCS", "addressing_charter": "charte d'adressage",
            "letter_of_intent": "lettre d'intention", "specifications": "cahier des charges",
            "cpts_convention": "convention SAS–CPTS", "continuity_plan": "plan de continuité",
            "statutes": "statuts", "other": "autre",
        }[self.value]


class ComplaintKind(StrEnum):
    COMPLAINT = "complaint"
    ADVERSE_EVENT = "adverse_event"

    @property
    def label_fr(self) -> str:
        return {"complaint": "réclamation", "adverse_event": "événement indésirable"}[self.value]


@dataclass(frozen=True)
class Member:
    last_name: str
    first_name: str = ""
    email: str | None = None
    organisation: str = ""
    joined_on: date | None = None
    left_on: date | None = None
    person_id: int | None = None
    pseudonymised: bool = False
    id: int | None = None

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class Due:
    member_id: int
    year: int
    amount: Decimal
    paid: bool = False
    paid_on: date | None = None
    id: int | None = None


@dataclass(frozen=True)
class College:
    name: str
    seats: int
    quorum: Decimal = Decimal("0.5")  # share of seats (or members in office) needed
    members: tuple[int, ...] = ()  # member ids holding a seat (fewer than seats: vacancies)
    id: int | None = None

    @property
    def vacancies(self) -> int:
        return max(0, self.seats - len(self.members))


@dataclass(frozen=True)
class Body:
    code: str
    name: str
    kind: BodyKind
    colleges: tuple[College, ...]
    majority: Majority = Majority.SIMPLE
    proxies_allowed: bool = True
    max_proxies_per_member: int = 1
    proxies_count_for_quorum: bool = True
    quorum_on_seats: bool = True  # False: the quorum is a share of the members in office
    id: int | None = None

    def college_of(self, member_id: int) -> College | None:
        return next((c for c in self.colleges if member_id in c.members), None)


@dataclass(frozen=True)
class Attendance:
    member_id: int
    present: bool
    proxy_holder_id: int | None = None  # when absent: who carries the proxy


@dataclass(frozen=True)
class Decision:
    text: str
    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0
    adopted: bool = False
    id: int | None = None


@dataclass(frozen=True)
class Meeting:
    body_id: int
    held_on: date
    place: str = ""
    agenda: tuple[str, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    decisions: tuple[Decision, ...] = ()
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True)
class CollegeQuorum:
    college: str
    seats: int
    in_office: int
    present: int
    represented: int
    required: int

    @property
    def vacancies(self) -> int:
        return self.seats - self.in_office

    @property
    def counted(self) -> int:
        return self.present + self.represented

    @property
    def met(self) -> bool:
        return self.counted >= self.required


@dataclass(frozen=True)
class QuorumResult:
    colleges: tuple[CollegeQuorum, ...]
    voters: int  # present members plus the valid proxies they carry
    refused_proxies: tuple[tuple[int, str], ...] = ()  # (member giving it, why, in French)

    @property
    def met(self) -> bool:
        return all(c.met for c in self.colleges)

    def summary(self) -> str:
        parts = [
            f"{c.college} : {c.present} présent(s) + {c.represented} représenté(s) sur {c.seats} siège(s)"
            + (f" dont {c.vacancies} vacant(s)" if c.vacancies else "")
            + f", quorum {c.required} {'atteint' if c.met else 'NON atteint'}"
            for c in self.colleges
        ]
        head = "Quorum atteint" if self.met else "Quorum non atteint"
        return head + " — " + " ; ".join(parts)


def compute_quorum(body: Body, attendance: Sequence[Attendance]) -> QuorumResult:
    """Who counts, college by college, under the body's rules. Proxies are taken in the order
    given; one beyond a holder's cap, to an absent holder, to someone outside the body, or in
    a body without proxies is refused (and said why)."""
    seated = {m for c in body.colleges for m in c.members}
    present = {a.member_id for a in attendance if a.present and a.member_id in seated}
    carried: dict[int, int] = {}
    represented: set[int] = set()
    refused: list[tuple[int, str]] = []
    for a in attendance:
        if a.present or a.proxy_holder_id is None or a.member_id not in seated:
            continue
        holder = a.proxy_holder_id
        if not body.proxies_allowed:
            refused.append((a.member_id, "les statuts de cette instance n'admettent pas les pouvoirs"))
        elif holder not in seated:
            refused.append((a.member_id, "le mandataire n'est pas membre de l'instance"))
        elif holder not in present:
            refused.append((a.member_id, "le mandataire est absent"))
        elif carried.get(holder, 0) >= body.max_proxies_per_member:
            refused.append((a.member_id, f"le mandataire porte déjà {body.max_proxies_per_member} pouvoir(s), "
                                         "le maximum des statuts"))
        else:
            carried[holder] = carried.get(holder, 0) + 1
            represented.add(a.member_id)
    colleges = []
    for c in body.colleges:
        base = c.seats if body.quorum_on_seats else len(c.members)
        required = math.ceil(Decimal(base) * c.quorum) if base else 0
        colleges.append(CollegeQuorum(
            c.name, c.seats, len(c.members),
            present=sum(1 for m in c.members if m in present),
            represented=sum(1 for m in c.members if m in represented) if body.proxies_count_for_quorum else 0,
            required=required,
        ))
    return QuorumResult(tuple(colleges), len(present) + len(represented), tuple(refused))


def adopted(majority: Majority, votes_for: int, votes_against: int, abstentions: int) -> bool:
    cast = votes_for + votes_against + abstentions
    if majority is Majority.SIMPLE:
        return votes_for > votes_against
    if majority is Majority.ABSOLUTE:
        return 2 * votes_for > cast
    return 3 * votes_for >= 2 * cast and cast > 0


@dataclass(frozen=True)
class DocumentVersion:
    number: int
    file_name: str
    sha256: str
    signed_on: date | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    added_at: datetime | None = None
    size: int = 0
    id: int | None = None


@dataclass(frozen=True)
class Document:
    kind: DocumentKind
    title: str
    versions: tuple[DocumentVersion, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class Complaint:
    received_on: date
    kind: ComplaintKind
    description: str  # never the patient's identity
    territory: str | None = None
    follow_up: str = ""
    closed_on: date | None = None
    id: int | None = None


@dataclass(frozen=True)
class MinutesData:
    """What the minutes PDF prints: names and dates, not ids."""

    association: str
    body: Body
    meeting: Meeting
    names: Mapping[int, str]
    quorum: QuorumResult
    audit_checkpoint: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)
