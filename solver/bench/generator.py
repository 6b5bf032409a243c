"""Synthetic SAS départements for the benchmarks and tests (no real person anywhere).

What makes them realistic enough to be worth solving:

* opt-in desiderata, and most doctors answer for a few days only (two to four), a
  quarter for about a week, a few keen ones for half the month; mornings are offered
  far more than evenings, Saturdays rarely — so some evening and Saturday hours stay
  uncovered and have to be explained;
* demand peaks in the late morning and early afternoon;
* retirees with a small remaining quota, remote-authorised regulators, locums with a
  contract for some days only, a paediatric skill, regulators who are also effectors;
* PDSA nights and Saturday afternoons (some right after a 16–20 shift, some the night
  before the month), OSNP operators with 35 h or 24 h contracts and last week's
  history, on-call effectors in territories of which a fifth send their CPTS rota.

``generate(size, seed)`` is deterministic. Sizes: ``small`` (17 regulators, 5 OSNP,
50 effectors in 5 territories, one month), ``medium`` (60, 12, 150 in 12), ``large``
(250, 40, 600 in 40), ``quarter`` (large over three months).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from ..sas.timeutil import to_minutes as hm
from ..sas import (Assignment, Availability, ContinuityDay, HourDemand, OnCallDemand,
                   PastShift, PdsaDuty, Person, SasProblem, Settings, Template, Territory)


@dataclass(frozen=True)
class Size:
    regulators: int
    osnp: int
    effectors: int
    territories: int
    months: int
    reg_base: int  # regulators needed per hour outside peaks
    osnp_base: int


SIZES = {
    "tiny": Size(6, 2, 8, 2, 1, 1, 1),
    "small": Size(17, 5, 50, 5, 1, 1, 1),
    "medium": Size(60, 12, 150, 12, 1, 3, 2),
    "large": Size(250, 40, 600, 40, 1, 11, 8),
    "quarter": Size(250, 40, 600, 40, 3, 11, 8),
}
START = date(2027, 3, 1)  # March 2027: Easter Monday on the 29th

SYLLABLES = ("ba", "ro", "li", "ne", "ta", "mo", "du", "ver", "san", "gal", "lo", "ri",
             "che", "mar", "tin", "bel", "cou", "pa", "zo", "vi", "lan", "dor", "fe", "quet")


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def public_holidays(year: int) -> set[date]:
    """Metropolitan French public holidays (synthetic data only; the app itself uses
    the ``holidays`` package)."""
    e = easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    return {date(year, m, d) for m, d in fixed} | {e + timedelta(days=1),
                                                   e + timedelta(days=39),
                                                   e + timedelta(days=50)}


def _horizon(months: int) -> list[date]:
    end_month = START.month + months
    end = date(START.year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
    days, d = [], START
    while d < end:
        days.append(d)
        d += timedelta(days=1)
    return days


def _name(rng: random.Random, prefix: str) -> str:
    n = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3))))
    return f"{prefix}{n.capitalize()}"


def generate(size: str = "small", seed: int = 1) -> SasProblem:
    spec = SIZES[size]
    rng = random.Random(f"{size}-{seed}")
    calendar = _horizon(spec.months)
    holidays = public_holidays(START.year)
    open_days = [d for d in calendar if d.weekday() < 6 and d not in holidays]
    days = []
    for d in open_days:
        hours = ("08:00", "20:00") if d.weekday() < 5 else ("08:00", "12:00")
        span = (hm(hours[0]), hm(hours[1]))
        days.append(ContinuityDay(d.isoformat(), {"regulator": span, "osnp": span, "effector": span}))
    templates = [
        Template("R1", "regulator", hm("08:00"), hm("12:00"), (0, 1, 2, 3, 4), label="matin"),
        Template("R2", "regulator", hm("12:00"), hm("16:00"), (0, 1, 2, 3, 4), label="après-midi"),
        Template("R3", "regulator", hm("16:00"), hm("20:00"), (0, 1, 2, 3, 4), label="soir"),
        Template("RS", "regulator", hm("08:00"), hm("12:00"), (5,), label="samedi"),
        Template("O1", "osnp", hm("08:00"), hm("14:00"), (0, 1, 2, 3, 4), label="OSNP matin"),
        Template("O2", "osnp", hm("14:00"), hm("20:00"), (0, 1, 2, 3, 4), label="OSNP après-midi"),
        Template("OS", "osnp", hm("08:00"), hm("12:00"), (5,), label="OSNP samedi"),
    ]
    if spec.regulators >= 50:
        templates.append(Template("RP", "regulator", hm("12:00"), hm("16:00"), (2,), "pédiatrie",
                                  "pédiatrie du mercredi"))
    demand = []
    for d in open_days:
        for h in range(8, 20 if d.weekday() < 5 else 12):
            peak = 9 <= h < 12 or 14 <= h < 17
            monday = d.weekday() == 0
            reg = spec.reg_base + (peak and spec.reg_base >= 3) * (1 + spec.reg_base // 4) \
                + (monday and peak)
            osnp = spec.osnp_base + (peak and spec.osnp_base >= 2) * (1 + spec.osnp_base // 4)
            if d.weekday() == 5:
                reg, osnp = max(1, reg // 2), max(1, osnp // 2)
            prio = 3 if 9 <= h < 12 else (1 if h >= 18 else 2)
            demand.append(HourDemand("regulator", d.isoformat(), h, reg, prio))
            demand.append(HourDemand("osnp", d.isoformat(), h, osnp, prio))
    territories = [Territory(f"T{i + 1:02d}", f"Territoire {i + 1}", cpts_rota=(i % 5 == 4))
                   for i in range(spec.territories)]
    oncall = [OnCallDemand(t.code, d.isoformat(), 2 if (i % 7 == 0 and d.weekday() < 5) else 1)
              for i, t in enumerate(territories) for d in open_days]
    g = _People(rng, spec, open_days, calendar, territories)
    g.regulators()
    g.operators()
    g.effectors()
    problem = SasProblem(
        days=days, templates=templates, people=g.people, demand=demand,
        territories=territories, oncall=oncall, availability=g.availability, pdsa=g.pdsa,
        history=g.history, cpts_rota=g.cpts_rota, settings=Settings(handover="prefer"),
        name=f"Département synthétique {size} (graine {seed})")
    problem.pins = g.pins(problem)
    return problem


class _People:
    RANGES = ((("08:00", "12:00"), 30), (("12:00", "16:00"), 14), (("16:00", "20:00"), 8),
              (("08:00", "20:00"), 16), (("08:00", "16:00"), 18), (("12:00", "20:00"), 14))

    def __init__(self, rng: random.Random, spec: Size, open_days: list[date],
                 calendar: list[date], territories: list[Territory]) -> None:
        self.rng, self.spec, self.open_days = rng, spec, open_days
        self.calendar, self.territories = calendar, territories
        self.people: list[Person] = []
        self.availability: list[Availability] = []
        self.pdsa: list[PdsaDuty] = []
        self.history: list[PastShift] = []
        self.cpts_rota: list[Assignment] = []
        self.doctor_effectors: list[Person] = []

    def _kind(self) -> str:
        kind: str = self.rng.choices(("available", "preferred", "if_needed"), (65, 20, 15))[0]
        return kind

    def _offer(self, pid: str, n_days: int, saturday_rate: float) -> None:
        weekdays = [d for d in self.open_days if d.weekday() < 5]
        saturdays = [d for d in self.open_days if d.weekday() == 5]
        chosen = set(self.rng.sample(weekdays, min(n_days, len(weekdays))))
        chosen |= {d for d in saturdays if self.rng.random() < saturday_rate}
        for d in sorted(chosen):
            if d.weekday() == 5:
                self.availability.append(Availability(pid, d.isoformat(), hm("08:00"), hm("12:00"), self._kind()))
                continue
            (a, b), = self.rng.choices([r for r, _ in self.RANGES], [w for _, w in self.RANGES])
            self.availability.append(Availability(pid, d.isoformat(), hm(a), hm(b), self._kind()))

    def regulators(self) -> None:
        rng, months = self.rng, self.spec.months
        for i in range(self.spec.regulators):
            pid = f"reg{i + 1:03d}"
            profile = rng.choices(("few", "some", "keen"), (60, 28, 12))[0]
            n_days = {"few": rng.randint(2, 4), "some": rng.randint(5, 8),
                      "keen": rng.randint(10, 15)}[profile] * months
            status = rng.choices(("installed", "retired", "locum"), (84, 11, 5))[0]
            p = Person(pid, _name(rng, "Dr "), ("regulator",),
                       ("pédiatrie",) if rng.random() < 0.15 else (), status=status,
                       remote=rng.random() < 0.25)
            if profile != "keen" or rng.random() < 0.5:
                p.max_shifts = {"few": rng.randint(2, 4), "some": rng.randint(4, 8),
                                "keen": rng.randint(10, 16)}[profile]
            if status == "retired":
                p.quota_minutes = 60 * rng.choice((8, 12, 16, 24, 40)) * months
            self._offer(pid, n_days, 0.25 if profile != "few" else 0.08)
            if status == "locum":
                mine = [a.day for a in self.availability if a.person == pid]
                p.contract_days = tuple(d for d in mine if rng.random() < 0.7)
            if rng.random() < 0.1 and self.territories:
                p.roles = ("regulator", "effector")
                p.territory = rng.choice(self.territories).code
                self.doctor_effectors.append(p)
            self.people.append(p)
            if rng.random() < 0.3:
                self._pdsa(pid)

    def _pdsa(self, pid: str) -> None:
        rng = self.rng
        mine = {a.day for a in self.availability if a.person == pid}
        offered = sorted(date.fromisoformat(x) for x in mine)
        for _ in range(rng.randint(1, 3) * self.spec.months):
            d = rng.choice(self.calendar)
            if offered and rng.random() < 0.4:
                d = rng.choice(offered)  # a night right after a day he offered: hand-over
            if d.weekday() == 5:
                start, end = f"{d}T12:00", f"{d}T20:00"
            elif d.weekday() == 6:
                start, end = f"{d}T08:00", f"{d}T20:00"
            else:
                start, end = f"{d}T20:00", f"{d + timedelta(days=1)}T08:00"
            self.pdsa.append(PdsaDuty(pid, start, end, "regulation"))
        if rng.random() < 0.15:
            eve = self.calendar[0] - timedelta(days=1)
            self.pdsa.append(PdsaDuty(pid, f"{eve}T20:00", f"{self.calendar[0]}T08:00"))

    def operators(self) -> None:
        rng = self.rng
        for i in range(self.spec.osnp):
            pid = f"osnp{i + 1:03d}"
            weekly = 35 * 60 if rng.random() < 0.8 else 24 * 60
            self.people.append(Person(pid, _name(rng, ""), ("osnp",), status="salaried",
                                      weekly_minutes=weekly, target_minutes=None))
            leave = rng.randrange(len(self.open_days))
            for j, d in enumerate(self.open_days):
                if leave <= j < leave + 5 and rng.random() < 0.5:
                    continue  # a week of leave for half of them
                if d.weekday() == 5 and rng.random() > 0.3:
                    continue
                if rng.random() < 0.85:
                    a, b = ("08:00", "20:00") if d.weekday() < 5 else ("08:00", "12:00")
                    self.availability.append(Availability(pid, d.isoformat(), hm(a), hm(b), "available"))
            for back in range(1, 4):
                day = self.calendar[0] - timedelta(days=back)
                if day.weekday() < 5 and rng.random() < 0.7:
                    start, end = rng.choice((("08:00", "14:00"), ("14:00", "20:00")))
                    self.history.append(PastShift(pid, day.isoformat(), hm(start), hm(end), "osnp"))

    def effectors(self) -> None:
        rng = self.rng
        n = self.spec.effectors - len(self.doctor_effectors)
        codes = [t.code for t in self.territories]
        for i in range(n):
            terr = codes[i % len(codes)]
            pid = f"eff{i + 1:03d}"
            cpts = next(t for t in self.territories if t.code == terr).cpts_rota
            # Commitments are made to the association, not to a CPTS that keeps its rota.
            p = Person(pid, _name(rng, "Dr "), ("effector",), territory=terr,
                       max_shifts=None if cpts else rng.choice((None, 3, 4, 6)))
            self.people.append(p)
            self._offer_oncall(pid, rng.randint(3, 9) * self.spec.months)
        for p in self.doctor_effectors:
            self._offer_oncall(p.id, rng.randint(1, 3) * self.spec.months, merge=True)
        by_terr: dict[str, list[str]] = {}
        for p in self.people:
            if "effector" in p.roles and p.territory is not None:
                by_terr.setdefault(p.territory, []).append(p.id)
        for t in self.territories:
            if not t.cpts_rota:
                continue
            plain = [pid for pid in by_terr[t.code] if pid.startswith("eff")]
            for d in self.open_days:
                pid = rng.choice(plain or by_terr[t.code])
                self.cpts_rota.append(Assignment(pid, d.isoformat(), "astreinte", territory=t.code))
                a, b = ("08:00", "20:00") if d.weekday() < 5 else ("08:00", "12:00")
                self.availability.append(Availability(pid, d.isoformat(), hm(a), hm(b), "available"))

    def _offer_oncall(self, pid: str, n_days: int, merge: bool = False) -> None:
        taken = {a.day for a in self.availability if a.person == pid} if merge else set()
        for d in self.rng.sample(self.open_days, min(n_days, len(self.open_days))):
            if d.isoformat() in taken:
                continue
            a, b = ("08:00", "20:00") if d.weekday() < 5 else ("08:00", "12:00")
            self.availability.append(Availability(pid, d.isoformat(), hm(a), hm(b), self._kind()))

    def pins(self, problem: SasProblem) -> list[Assignment]:
        """A few pins on regulator slots that their doctor offered and may take."""
        from ..sas.context import Context
        from ..sas.rules import static_reasons

        rng = self.rng
        ctx = Context(problem)
        offered = [a for a in self.availability if a.person.startswith("reg")
                   and a.kind == "preferred" and a.start == 8 * 60 and a.end >= 12 * 60]
        pins = []
        seen = set()
        for a in rng.sample(offered, min(len(offered), max(2, self.spec.regulators // 20))):
            p = problem.person(a.person)
            if a.day in seen or p.status != "installed" or p.max_shifts == 0:
                continue
            seen.add(a.day)
            code = "RS" if date.fromisoformat(a.day).weekday() == 5 else "R1"
            d = ctx.index[a.day]
            if ctx.offered(d, code) and not static_reasons(ctx, a.person, d, code):
                pins.append(Assignment(a.person, a.day, code))
        return pins
