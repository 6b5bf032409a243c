"""The records a SAS problem file is made of (plain dataclasses, JSON round-trip).

Every record normalises its inputs in ``__post_init__``: dates become ISO strings,
times of day become minutes from midnight, sequences become tuples. A record read back
from JSON therefore compares equal to the one written. In JSON, times are written
``"HH:MM"`` so that a problem attached to a bug report stays readable.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

from .timeutil import hhmm, to_iso_date, to_iso_datetime, to_minutes

REGULATOR, OSNP, EFFECTOR = "regulator", "osnp", "effector"
ROLES = (REGULATOR, OSNP, EFFECTOR)
ROLE_FR = {REGULATOR: "régulation", OSNP: "OSNP", EFFECTOR: "effection"}
STATUSES = ("installed", "retired", "locum", "salaried")
KINDS = ("available", "preferred", "if_needed", "unavailable")
KIND_FR = {"available": "disponible", "preferred": "souhaité", "if_needed": "si besoin",
           "unavailable": "indisponible"}
ONCALL = "astreinte"
"""Template code of an effector's on-call duty (its hours are the day's effector hours)."""
PIN = "Affectation imposée"
CPTS_PIN = "Tour d'astreinte de la CPTS"


def _tuple(values: Any) -> tuple[Any, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        return (values,)
    return tuple(values)


class Record:
    """JSON helpers shared by the records: ``TIMES`` fields are written ``HH:MM``."""

    TIMES: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        out = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]  # every Record is a dataclass
            v = getattr(self, f.name)
            if f.name in self.TIMES:
                v = hhmm(v)
            elif isinstance(v, tuple):
                v = [list(x) if isinstance(x, tuple) else x for x in v]
            elif isinstance(v, dict):
                v = {k: ([hhmm(a), hhmm(b)] if isinstance(a, int) else [a, b])
                     for k, (a, b) in v.items()}
            out[f.name] = v
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        unknown = set(data) - names
        if unknown:
            raise ValueError(f"{cls.__name__} : champs inconnus {sorted(unknown)}")
        return cls(**data)


@dataclass
class ContinuityDay(Record):
    """A continuity day and, per role, its open hours ``(start, end)``. A role absent
    from ``open`` is closed that day."""

    date: str
    open: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.date = to_iso_date(self.date)
        self.open = {str(r): (to_minutes(a), to_minutes(b)) for r, (a, b) in self.open.items()}


@dataclass
class Template(Record):
    """A shift template of a role (regulator or OSNP): ``weekdays`` 0 = Monday."""

    TIMES = ("start", "end")
    code: str
    role: str
    start: int
    end: int
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    skill: str | None = None
    label: str = ""

    def __post_init__(self) -> None:
        self.start, self.end = to_minutes(self.start), to_minutes(self.end)
        self.weekdays = tuple(int(w) for w in _tuple(self.weekdays))

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def covers_hour(self, hour: int) -> bool:
        return self.start <= hour * 60 and (hour + 1) * 60 <= self.end


@dataclass
class HourDemand(Record):
    """``required`` people of ``role`` during hour ``hour`` (``hour``h–``hour+1``h) of
    ``day``; ``priority`` multiplies the cost of each missing person."""

    role: str
    day: str
    hour: int
    required: int
    priority: int = 1

    def __post_init__(self) -> None:
        self.day = to_iso_date(self.day)


@dataclass
class Territory(Record):
    """A CPTS or PDSA sector. ``cpts_rota``: its CPTS sends its own on-call rota (given
    in ``SasProblem.cpts_rota``), so the solver does not fill it."""

    code: str
    name: str = ""
    cpts_rota: bool = False


@dataclass
class OnCallDemand(Record):
    """``count`` on-call effectors of ``territory`` on ``day``."""

    territory: str
    day: str
    count: int = 1

    def __post_init__(self) -> None:
        self.day = to_iso_date(self.day)


@dataclass
class Person(Record):
    """Someone who can be rostered. ``id`` is opaque. Minutes everywhere:

    * ``max_shifts`` / ``max_minutes``: monthly commitment (per calendar month);
    * ``target_minutes``: hours the person should get over the horizon, for fairness
      (default: ``max_minutes``, else ``max_shifts`` × a typical shift);
    * ``quota_minutes``: a retiree's remaining quota over the horizon;
    * ``contract_days``: a locum's contract days (``None``: no contract at all);
    * ``weekly_minutes``: an OSNP's contract hours per week;
    * ``eligible_until``: a retiree's last eligible day (ISO date; ``None``: no end).
    """

    id: str
    name: str = ""
    roles: tuple[str, ...] = (REGULATOR,)
    skills: tuple[str, ...] = ()
    territory: str | None = None
    status: str = "installed"
    remote: bool = False
    max_shifts: int | None = None
    max_minutes: int | None = None
    target_minutes: int | None = None
    quota_minutes: int | None = None
    contract_days: tuple[str, ...] | None = None
    weekly_minutes: int | None = None
    eligible_until: str | None = None

    def __post_init__(self) -> None:
        self.id = str(self.id)
        if self.eligible_until is not None:
            self.eligible_until = to_iso_date(self.eligible_until)
        self.roles = _tuple(self.roles)
        self.skills = _tuple(self.skills)
        if self.contract_days is not None:
            self.contract_days = tuple(to_iso_date(d) for d in self.contract_days)

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass
class Availability(Record):
    """What ``person`` said about ``start``–``end`` of ``day`` (``kind`` in ``KINDS``).
    ``remote``: a remote-authorised regulator asks to regulate from his remote site
    ("à distance") in that range — a wish the solver weighs, the on-site share kept."""

    TIMES = ("start", "end")
    person: str
    day: str
    start: int = 0
    end: int = 1440
    kind: str = "available"
    remote: bool = False

    def __post_init__(self) -> None:
        self.person = str(self.person)
        self.day = to_iso_date(self.day)
        self.start, self.end = to_minutes(self.start), to_minutes(self.end)


@dataclass
class PdsaDuty(Record):
    """A PDSA duty rostered elsewhere, local wall-clock datetimes ``YYYY-MM-DDTHH:MM``."""

    person: str
    start: str
    end: str
    kind: str = "regulation"

    def __post_init__(self) -> None:
        self.person = str(self.person)
        self.start, self.end = to_iso_datetime(self.start), to_iso_datetime(self.end)


@dataclass
class PastShift(Record):
    """Work done before the horizon (for rest and weekly limits)."""

    TIMES = ("start", "end")
    person: str
    day: str
    start: int
    end: int
    role: str = REGULATOR

    def __post_init__(self) -> None:
        self.person = str(self.person)
        self.day = to_iso_date(self.day)
        self.start, self.end = to_minutes(self.start), to_minutes(self.end)


@dataclass(frozen=True)
class Assignment(Record):
    """One person on one template of one day. Effectors: ``template == ONCALL`` and
    ``territory`` set. ``remote``: regulation from a remote site."""

    person: str
    day: str
    template: str
    remote: bool = False
    territory: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "person", str(self.person))
        object.__setattr__(self, "day", to_iso_date(self.day))


@dataclass
class Settings(Record):
    """The association's rules (minutes, percents)."""

    policy: str = "opt_in"
    max_minutes_per_day: int = 720
    rest_after_pdsa_minutes: int = 660
    remote_min_on_site_percent: int = 20
    handover: str = "allow"
    osnp_max_minutes_per_day: int = 600
    osnp_min_rest_minutes: int = 660
    osnp_max_minutes_per_week: int = 2880
    """Legal maximum (48 h); never exceeded, whatever the overtime allowed."""
    osnp_overtime_minutes_per_week: int = 0
    """Overtime the association allows above an OSNP's weekly contract hours: the
    weekly ceiling is contract + overtime (within the legal maximum)."""
    osnp_undertime_minutes_per_week: int | None = None
    """Shortfall below the weekly contract hours the association accepts: the weekly
    floor is contract − this (pro rata on a partial week; ``None``: no floor). Missing
    hours below it cost ``weights.osnp_floor`` each."""
    osnp_contract_tolerance_minutes: int = 240
    """Over the horizon, hours within this distance of the contract's hours are free;
    beyond, each hour costs ``weights.osnp_contract``."""

    def __post_init__(self) -> None:
        if self.policy not in ("opt_in", "opt_out"):
            raise ValueError(f"Politique de disponibilité inconnue « {self.policy} »")
        if self.handover not in ("prefer", "allow", "forbid"):
            raise ValueError(f"Politique de relève PDSA inconnue « {self.handover} »")


@dataclass
class Weights(Record):
    """Costs of the soft goals (integers). Coverage is solved first (lexicographic)
    unless ``lexicographic`` is false, in which case everything is one weighted sum."""

    uncovered: int = 100
    """Per missing person-hour, times the hour's priority."""
    oncall_uncovered: int = 400
    """Per missing on-call effector-day."""
    overcover: int = 4
    """Per extra person-hour above the demand."""
    available: int = 1
    """Per hour worked in a plain "available" range (a "preferred" one costs 0)."""
    if_needed: int = 6
    """Per hour worked in an "if needed" range."""
    fairness: int = 1
    """Per percent point of a person's load ratio away from the common ratio, beyond
    the tolerance (see ``fairness_tolerance_minutes``)."""
    fairness_max: int = 0
    """Per percent point of the largest such deviation (off by default: a max term
    couples everyone and keeps the bound from closing)."""
    fairness_tolerance_minutes: int = 120
    """Deviation from the fair share that is not counted (shifts come in blocks)."""
    saturday: int = 20
    """Per Saturday beyond a person's fair share of Saturdays."""
    handover: int = 20
    """Handover policy "prefer": cost when the PDSA doctor could hold the shift ending
    at his duty's start and someone else holds it (or nobody)."""
    change: int = 200
    """Per assignment added or removed against the reference roster."""
    osnp_contract: int = 10
    """Per hour of an OSNP's load away from his contract hours over the horizon,
    beyond ``settings.osnp_contract_tolerance_minutes`` (the employer pays the contract
    either way)."""
    osnp_floor: int = 30
    """Per hour below an OSNP's weekly floor (``settings.osnp_undertime_minutes_per_week``)."""
    remote_wish: int = 2
    """Per hour of regulation on site where a remote-authorised regulator asked for
    "à distance", or remote where he did not."""
    lexicographic: bool = True
