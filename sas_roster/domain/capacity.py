"""How many people an hour's calls need: the Erlang C queue (M/M/N) and the checks around it.

Calls arrive at random (Poisson) at `calls_per_hour`; each keeps one agent busy for an
exponentially distributed time of mean `handling_seconds`; callers wait in one queue and
nobody hangs up. The offered load A = calls per second × handling seconds (Erlangs). With N
agents and A < N:

- Erlang B (loss) by its recursion B(0) = 1, B(k) = A·B(k-1) / (k + A·B(k-1)), which never
  forms A^N or N! and so stays exact for hundreds of agents;
- probability of waiting  C = N·B / (N − A·(1 − B));
- service level           SL(t) = 1 − C·exp(−(N − A)·t / h);
- average speed of answer ASA = C·h / (N − A).

With A ≥ N the queue grows without end: every call waits, the service level is 0 and the
average wait infinite. Pure functions, no I/O.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

MAX_AGENTS = 10_000  # a search bound: a SAS hour never needs more

# Reference ratio of the hospital's medical regulation assistants (ARM, level N1) to the
# liberal side's operators (OSNP, level N2) in SAS organisation guides: 1 ARM for 2 OSNP.
ARM_PER_OSNP = 0.5


def offered_load(calls_per_hour: float, handling_seconds: float) -> float:
    """Traffic in Erlangs: the mean number of agents busy if nobody ever waited."""
    if calls_per_hour < 0 or handling_seconds < 0:
        raise ValueError("calls and handling time must not be negative")
    return calls_per_hour * handling_seconds / 3600.0


def erlang_b(load: float, agents: int) -> float:
    """Blocking probability of N agents without queue (Erlang B), by the stable recursion."""
    if agents < 0 or load < 0:
        raise ValueError("agents and load must not be negative")
    b = 1.0
    for k in range(1, agents + 1):
        b = load * b / (k + load * b)
    return b


def erlang_c(load: float, agents: int) -> float:
    """Probability that a call waits (Erlang C). 1.0 when the load reaches the agents."""
    if load <= 0:
        return 0.0
    if agents <= load:
        return 1.0
    b = erlang_b(load, agents)
    return agents * b / (agents - load * (1.0 - b))


def service_level(load: float, agents: int, handling_seconds: float, within_seconds: float) -> float:
    """Share of calls answered within `within_seconds` (0..1)."""
    if load <= 0:
        return 1.0
    if agents <= load:
        return 0.0
    wait = erlang_c(load, agents)
    return max(0.0, 1.0 - wait * math.exp(-(agents - load) * within_seconds / handling_seconds))


def average_speed_of_answer(load: float, agents: int, handling_seconds: float) -> float:
    """Mean wait before an answer, in seconds (all calls, those answered at once count 0)."""
    if load <= 0:
        return 0.0
    if agents <= load:
        return math.inf
    return erlang_c(load, agents) * handling_seconds / (agents - load)


def agents_needed(load: float, handling_seconds: float, target: float, within_seconds: float) -> int:
    """Fewest agents giving a service level of at least `target` (0..1) within `within_seconds`.

    No calls need no agent. A target of 1 (100 %) is only reached in the limit: it is refused."""
    if not 0.0 < target < 1.0:
        raise ValueError("the target service level must be strictly between 0 and 1 (0 % and 100 %)")
    if load <= 0:
        return 0
    agents = math.floor(load) + 1
    while service_level(load, agents, handling_seconds, within_seconds) < target:
        agents += 1
        if agents > MAX_AGENTS:
            raise ValueError("more than 10 000 agents needed: check the calls and handling time")
    return agents


@dataclass(frozen=True)
class Staffing:
    """One hour of calls with a number of agents: what callers get."""

    calls_per_hour: float
    handling_seconds: float
    within_seconds: float
    agents: int
    load: float  # Erlangs
    wait_probability: float  # 0..1
    service_level: float  # 0..1, share answered within `within_seconds`
    average_wait: float  # seconds (math.inf when overloaded)

    @property
    def occupancy(self) -> float:
        """Share of the agents' time spent on calls (capped at 1 when overloaded)."""
        return min(1.0, self.load / self.agents) if self.agents else (1.0 if self.load else 0.0)

    @property
    def overloaded(self) -> bool:
        return self.load > 0 and self.agents <= self.load


def staffing(calls_per_hour: float, handling_seconds: float, agents: int, within_seconds: float) -> Staffing:
    """What `agents` people give for an hour of `calls_per_hour` calls."""
    load = offered_load(calls_per_hour, handling_seconds)
    return Staffing(
        calls_per_hour, handling_seconds, within_seconds, agents, load,
        erlang_c(load, agents), service_level(load, agents, handling_seconds, within_seconds),
        average_speed_of_answer(load, agents, handling_seconds),
    )


def staffing_for_target(calls_per_hour: float, handling_seconds: float, target: float,
                        within_seconds: float) -> Staffing:
    """The fewest agents reaching `target` within `within_seconds`, and what they give."""
    load = offered_load(calls_per_hour, handling_seconds)
    return staffing(calls_per_hour, handling_seconds, agents_needed(load, handling_seconds, target, within_seconds),
                    within_seconds)


def arm_for_osnp(osnp: int) -> int:
    """Hospital assistants (ARM, N1) the reference ratio asks beside `osnp` operators (N2)."""
    return math.ceil(osnp * ARM_PER_OSNP)


def ratio_note(osnp: int, arm: int | None = None) -> str:
    """The 1 ARM for 2 OSNP check, in French."""
    wanted = arm_for_osnp(osnp)
    text = f"ratio de référence 1 ARM (N1) pour 2 OSNP (N2) : {wanted} ARM pour {osnp} OSNP"
    if arm is None:
        return text
    return text + (" — respecté" if arm >= wanted else f" — {wanted - arm} ARM manquant(s) côté hôpital")


@dataclass(frozen=True)
class RecruitmentEstimate:
    """How many more doctors, available like today's, would cover the month's open hours."""

    uncovered_hours: float
    doctors: int  # doctors of the role whose availability was read
    useful_hours_per_doctor: float  # mean available hours falling on an uncovered hour
    cap_hours_per_doctor: float | None  # mean monthly commitment in hours, when known
    extra_doctors: int | None  # None: no doctor brings any useful hour, no estimate

    @property
    def hours_per_new_doctor(self) -> float:
        if self.cap_hours_per_doctor is None:
            return self.useful_hours_per_doctor
        return min(self.useful_hours_per_doctor, self.cap_hours_per_doctor)


def extra_doctors(uncovered_hours: float, useful_hours: list[float],
                  commitments: list[float] | None = None) -> RecruitmentEstimate:
    """Estimate of the doctors to recruit.

    Method: a new doctor is assumed to be available like the average of today's doctors. Of
    each doctor's stated availability, only the hours falling on an hour still uncovered
    would help (`useful_hours`, one value per doctor), and nobody works beyond his monthly
    commitment (`commitments`, hours, for those who have one). A newcomer thus brings
    h = min(mean useful hours, mean commitment); the answer is ⌈uncovered ÷ h⌉. It is an
    order of magnitude: it assumes the newcomers' free hours are spread like today's."""
    doctors = len(useful_hours)
    useful = sum(useful_hours) / doctors if doctors else 0.0
    cap = sum(commitments) / len(commitments) if commitments else None
    estimate = RecruitmentEstimate(uncovered_hours, doctors, useful, cap, None)
    if uncovered_hours <= 0:
        return RecruitmentEstimate(uncovered_hours, doctors, useful, cap, 0)
    per_doctor = estimate.hours_per_new_doctor
    if per_doctor <= 0:
        return estimate
    return RecruitmentEstimate(uncovered_hours, doctors, useful, cap, math.ceil(uncovered_hours / per_doctor - 1e-9))


# ------------------------------------------------------------------------ a week's plan

WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


@dataclass(frozen=True)
class RoleLoad:
    """What one role handles: the share of the calls that reach it and their handling time."""

    role: str  # Role value: "regulator", "osnp"
    handling_seconds: float
    share: float = 1.0  # 0..1 of the calls received


@dataclass(frozen=True)
class PlanHour:
    role: str
    weekday: int
    hour: int
    calls: float  # calls reaching the role in that hour
    needed: Staffing  # the fewest agents reaching the target
    current: Staffing  # with today's demand curve headcount


def plan_week(calls: dict[tuple[int, int], float], roles: list[RoleLoad], current: dict[tuple[str, int, int], int],
              target: float, within_seconds: float) -> list[PlanHour]:
    """For every (weekday, hour) with calls and every role: agents needed, and what today's
    headcount (`current[(role, weekday, hour)]`, 0 when absent) gives."""
    out = []
    for (weekday, hour), received in sorted(calls.items()):
        for r in roles:
            reaching = received * r.share
            needed = staffing_for_target(reaching, r.handling_seconds, target, within_seconds)
            now = staffing(reaching, r.handling_seconds, current.get((r.role, weekday, hour), 0), within_seconds)
            out.append(PlanHour(r.role, weekday, hour, reaching, needed, now))
    return out


def _seconds_fr(seconds: float) -> str:
    if seconds == 60:
        return "une minute"
    if seconds % 60 == 0:
        return f"{int(seconds // 60)} minutes"
    return f"{seconds:g} secondes"


def combined_service_level(hours: list[Staffing]) -> float:
    """Share of all calls of several hours answered in time (each hour weighted by its calls)."""
    calls = sum(h.calls_per_hour for h in hours)
    if not calls:
        return 1.0
    return sum(h.service_level * h.calls_per_hour for h in hours) / calls


def sentences(plan: list[PlanHour], role_names: dict[str, tuple[str, str]], within_seconds: float,
              which: str = "current") -> list[str]:
    """French sentences, one per run of consecutive hours of a weekday with the same headcount:
    "avec 2 régulateurs de 8h à 12h le lundi : 85 % des appels répondus en moins d'une minute".
    `role_names`: role → (singular, plural); `which`: "current" (today's demand) or "needed"."""
    out = []
    runs: dict[tuple[str, int], list[list[PlanHour]]] = {}
    order = {role: n for n, role in enumerate(dict.fromkeys(p.role for p in plan))}
    for ph in sorted(plan, key=lambda p: (order[p.role], p.weekday, p.hour)):
        agents = (ph.current if which == "current" else ph.needed).agents
        groups = runs.setdefault((ph.role, ph.weekday), [])
        last = groups[-1][-1] if groups else None
        same = last is not None and last.hour + 1 == ph.hour and \
            (last.current if which == "current" else last.needed).agents == agents
        if same:
            groups[-1].append(ph)
        else:
            groups.append([ph])
    for (role, weekday), groups in runs.items():
        singular, plural = role_names.get(role, (role, role))
        for group in groups:
            chosen = [g.current if which == "current" else g.needed for g in group]
            agents = chosen[0].agents
            level = combined_service_level(chosen)
            who = f"{agents} {singular if agents <= 1 else plural}"
            span = f"de {group[0].hour}h à {group[-1].hour + 1}h"
            delay = _seconds_fr(within_seconds)
            of = "d'" if delay.startswith("u") else "de "
            out.append(f"avec {who} {span} le {WEEKDAYS_FR[weekday]} : {round(level * 100)} % des appels "
                       f"répondus en moins {of}{delay}")
    return out


ROLE_NAMES = {"regulator": ("régulateur", "régulateurs"), "osnp": ("OSNP", "OSNP")}


@dataclass(frozen=True)
class CapacityPlan:
    target: float  # 0..1
    within_seconds: float
    roles: list[RoleLoad]
    calls: dict[tuple[int, int], float]  # typed by hand
    activity_period: str | None = None


@dataclass(frozen=True)
class PlanResult:
    plan: CapacityPlan
    reference_day: date  # today's demand is read as it stands in that day's week
    calls: dict[tuple[int, int], float]  # what was planned for
    hours: list[PlanHour]

    def needed(self, role: str, weekday: int, hour: int) -> int:
        return next((h.needed.agents for h in self.hours if (h.role, h.weekday, h.hour) == (role, weekday, hour)), 0)

    def lines(self, which: str) -> list[str]:
        return sentences(self.hours, ROLE_NAMES, self.plan.within_seconds, which)

    def service_level(self, role: str, which: str) -> float:
        """Share of the week's calls reaching `role` answered in time, with today's or the computed headcount."""
        return combined_service_level([h.current if which == "current" else h.needed
                                       for h in self.hours if h.role == role])

    def agent_hours(self, role: str, which: str) -> int:
        """Person-hours of `role` in the week's planned hours."""
        return sum((h.current if which == "current" else h.needed).agents for h in self.hours if h.role == role)

    @property
    def roles(self) -> list[str]:
        return list(dict.fromkeys(h.role for h in self.hours))

    def arm_note(self) -> str:
        """The 1 ARM (N1) for 2 OSNP (N2) reference ratio at the busiest OSNP hour."""
        osnp = [h for h in self.hours if h.role == "osnp"]
        if not osnp:
            return ""
        peak = max(osnp, key=lambda h: h.needed.agents)
        return (f"Pointe OSNP : {peak.needed.agents} OSNP le {WEEKDAYS_FR[peak.weekday]} à {peak.hour}h → "
                f"{arm_for_osnp(peak.needed.agents)} ARM côté hôpital (ratio de référence 1 ARM (N1) pour 2 OSNP (N2)).")
