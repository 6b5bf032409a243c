"""Indicators recomputed independently from the stored months and the imported activity."""

from __future__ import annotations

import shutil
import statistics
from collections import defaultdict
from datetime import date, time

import pytest

from sas_roster.domain.activity import COUNTERS
from sas_roster.domain.calendar import month_calendar
from sas_roster.domain.demand import required_headcount
from sas_roster.domain.enums import Role
from sas_roster.domain.indicators import cause_of, parse_period
from sas_roster.domain.roster import Assignment
from sas_roster.services import Services
from sas_roster.services.indicators import compute
from tests.services.indicators_demo import build_demo_file


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    return build_demo_file(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture
def svc(demo_file, tmp_path):
    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_file, copy)
    with Services.open(f"sqlite:///{copy}", migrate=False) as s:
        yield s


def expected_month(svc, year, month):
    """Demand-hours required and met per role, straight from the settings and the stored roster."""
    settings = svc.settings.get()
    curves = svc.settings.demand_curves()
    overrides = svc.settings.demand_overrides()
    version = svc.rosters.version(year, month)
    roster = svc.rosters.get(year, month)
    stored = list(version.assignments) if version else (roster.assignments if roster else [])
    at_work = defaultdict(int)
    for a in stored:
        if a.role is not Role.EFFECTOR:
            for hour in range(a.start.hour, a.end.hour):
                at_work[(a.role, a.day, hour)] += 1
    required, covered = defaultdict(int), defaultdict(int)
    for d in month_calendar(settings, year, month).days:
        for role, rng in d.hours.items():
            if role is Role.EFFECTOR or role not in curves:
                continue
            for hour in range(rng.start.hour, rng.end.hour):
                need = required_headcount(curves[role], overrides, d.day, hour)
                required[role] += need
                covered[role] += min(need, at_work[(role, d.day, hour)])
    return required, covered, stored


def test_quarter_indicators_match_an_independent_count(svc):
    ind = compute(svc, "2027-Q1")
    assert [(m.year, m.month) for m in ind.months] == [(2027, 1), (2027, 2), (2027, 3)]
    assert [m.source for m in ind.months] == ["aucun planning", "version 1 publiée le 01/02/2027", "brouillon"]
    hours = defaultdict(lambda: defaultdict(float))
    for m in ind.months:
        required, covered, assignments = expected_month(svc, m.year, m.month)
        for role in (Role.REGULATOR, Role.OSNP):
            assert m.required.get(role, 0) == required[role]
            assert m.covered.get(role, 0) == covered[role]
            assert m.uncovered(role) == required[role] - covered[role]  # every open hour has a cause
        for a in assignments:
            hours[a.role][a.person_id] += a.minutes / 60
    assert ind.required(Role.REGULATOR) > ind.covered(Role.REGULATOR) > 0
    for role in Role:
        got = {h.person_id: h.hours for h in ind.hours[role]}
        assert got == pytest.approx(dict(hours[role]))
        assert ind.working[role] == len(hours[role])
        values = list(hours[role].values())
        if values:
            s = ind.spreads[role]
            assert (s.total, s.mean, s.median, s.maximum, s.stdev) == pytest.approx(
                (sum(values), statistics.fmean(values), statistics.median(values), max(values),
                 statistics.pstdev(values)))
    assert ind.pool[Role.REGULATOR] == sum(1 for p in svc.persons.list() if Role.REGULATOR in p.roles and p.active)
    # Activity: the imported aggregates of the three months, summed by hand.
    records = svc.activity.records(date(2027, 1, 1), date(2027, 3, 31))
    assert {r.start.month for r in records} == {2, 3}  # the demo has February and March
    for name, label in COUNTERS.items():
        assert dict(ind.activity.items())[label] == sum(getattr(r, name) or 0 for r in records if r.hour is None)
    assert ind.no_show_rate == pytest.approx(
        sum(r.no_shows for r in records if r.hour is None) / sum(r.appointments for r in records if r.hour is None))
    assert sum(ind.calls_by_hour.values()) == sum(r.calls_received for r in records if r.hour is not None)
    # Without the money services the section says so (with them: test_indicators_money.py).
    if not hasattr(svc, "claims"):
        assert not ind.money.available and "non disponible" in ind.money.note


def test_the_published_version_is_read_not_the_amendment_in_progress(svc):
    before = compute(svc, "2027-02")
    hours = {h.person_id: h.hours for h in before.hours[Role.REGULATOR]}
    shift = svc.rosters.get(2027, 2).assignments[0]
    svc.amendments.remove(2027, 2, shift.uid, "désistement", actor="coordinatrice")
    pending = compute(svc, "2027-02")  # the working copy changed, version 1 did not
    assert pending.months[0].source.startswith("version 1 publiée")
    assert {h.person_id: h.hours for h in pending.hours[Role.REGULATOR]} == hours
    assert pending.covered(Role.REGULATOR) == before.covered(Role.REGULATOR)
    svc.amendments.publish(2027, 2, "désistement", actor="coordinatrice")
    after = compute(svc, "2027-02")
    assert after.months[0].source.startswith("version 2 publiée")
    expected = dict(hours)
    expected[shift.person_id] -= shift.minutes / 60
    assert {h.person_id: h.hours for h in after.hours[Role.REGULATOR]} == {k: v for k, v in expected.items() if v}
    assert after.covered(Role.REGULATOR) == before.covered(Role.REGULATOR) - shift.minutes // 60


def test_causes_and_recruitment(svc):
    ind = compute(svc, "2027-03")
    causes = ind.uncovered_by_cause()
    assert sum(n for (role, _), n in causes.items() if role is Role.REGULATOR) == ind.uncovered(Role.REGULATOR)
    estimate = ind.recruitment[Role.REGULATOR]
    assert estimate.uncovered_hours == ind.uncovered(Role.REGULATOR)
    assert estimate.extra_doctors is not None and estimate.extra_doctors >= 1
    # The method, redone: uncovered hours ÷ min(mean useful hours, mean commitment).
    per = estimate.hours_per_new_doctor
    assert (estimate.extra_doctors - 1) * per < estimate.uncovered_hours <= estimate.extra_doctors * per + 1e-6


def test_cause_of_reads_the_explanations():
    head = "lundi 1 mars 2027, OSNP 8h–9h : il manque 1 personne(s) sur 1."
    assert cause_of(head + " Personne n'a pu le prendre :\n  - Repos après PDSA (2) — x") == "repos après pdsa"
    assert cause_of(head + " Personne n'a pu le prendre :\n  - Libres mais non affecté(e)s (planning non prouvé "
                    "optimal) (5) — A") == "personnes libres non affectées"
    assert cause_of(head + " Personne n'a ce rôle.") == "personne n'a ce rôle"
    assert cause_of(head + " Aucun poste type ne couvre cette heure ce jour-là") == "aucun poste type ne couvre l'heure"


def test_periods():
    assert parse_period("2027-03").label == "mars 2027"
    q = parse_period("2027-q1")
    assert (q.start, q.end, q.label, q.quarters) == (date(2027, 1, 1), date(2027, 3, 31), "1er trimestre 2027",
                                                     ((2027, 1),))
    y = parse_period("2027")
    assert len(y.months) == 12 and len(y.quarters) == 4
    assert parse_period("2027-03").quarters == ()
    for bad in ("2027-13", "27-03", "2027-Q5", "mars"):
        with pytest.raises(ValueError, match="invalide"):
            parse_period(bad)
