"""Every domain type goes into the tables and comes back equal (through mapping + repositories)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from decimal import Decimal

from sqlalchemy import select

from sas_roster.domain.enums import AttendanceStatus, RateKind, RosterStatus
from sas_roster.domain.rates import DatedRate, default_indicator9_tiers, default_rates
from sas_roster.domain.attendance import AttendanceLine
from sas_roster.services.attendance import _apply as apply_line
from sas_roster.services.attendance import _to_domain as line_to_domain
from sas_roster.persistence import mapping as m
from sas_roster.persistence.models import (
    AttendanceRow,
    DemandOverrideRow,
    DemandPointRow,
    PersonRow,
    RosterRow,
    SettingsRow,
    ShiftTemplateRow,
    TerritoryRow,
)
from sas_roster.persistence.repositories import PersonRepository, PlanningRepository, SettingsRepository

from . import samples


def _store(sessions, *rows):
    with sessions.begin() as s:
        s.add_all(rows)
    return rows


def test_settings_roundtrip_keeps_hours_per_role_bridges_and_policies(sessions):
    original = samples.settings()
    row = SettingsRow()
    m.apply_settings(row, original)
    _store(sessions, row)
    back = SettingsRepository(sessions).get()
    assert back is not None
    assert back.id is not None
    assert back == original.__class__(**{**original.__dict__, "id": back.id})
    assert back.bridge_days[1].pdsa_from == time(12)
    assert 5 not in back.opening_hours[samples.E]


def test_territories_templates_curves_and_overrides_roundtrip(sessions):
    rows = []
    for t in samples.territories():
        r = TerritoryRow()
        m.apply_territory(r, t)
        rows.append(r)
    for t in samples.templates():
        r = ShiftTemplateRow()
        m.apply_template(r, t)
        rows.append(r)
    curve = samples.curve()
    rows += [DemandPointRow(role=curve.role, weekday=wd, hour=h, count=n) for wd, h, n in m.curve_points(curve)]
    o = DemandOverrideRow()
    m.apply_override(o, samples.override())
    rows.append(o)
    _store(sessions, *rows)

    repo = SettingsRepository(sessions)
    assert [(t.code, t.name, t.oncall_per_day, t.rota_source) for t in repo.territories()] == [
        (t.code, t.name, t.oncall_per_day, t.rota_source) for t in samples.territories()
    ]
    strip = lambda t: t.__class__(**{**t.__dict__, "id": None})  # noqa: E731
    assert sorted(map(strip, repo.shift_templates()), key=lambda t: t.code) == sorted(samples.templates(), key=lambda t: t.code)
    assert repo.demand_curves() == {curve.role: curve}
    [back] = repo.demand_overrides()
    assert (back.label, back.start, back.end, back.curve) == (
        samples.override().label, samples.override().start, samples.override().end, samples.override().curve
    )


def test_person_with_every_field_roundtrips(sessions):
    t = TerritoryRow()
    m.apply_territory(t, samples.territories()[0])
    _store(sessions, t)
    original = samples.full_person()
    row = PersonRow()
    m.apply_person(row, original, t.id)
    _store(sessions, row)
    back = PersonRepository(sessions).get(row.id)
    assert back == original.__class__(**{**original.__dict__, "id": row.id})
    osnp_row = PersonRow()
    m.apply_person(osnp_row, samples.osnp(), None)
    _store(sessions, osnp_row)
    back_osnp = PersonRepository(sessions).get(osnp_row.id)
    assert back_osnp.rpps is None and back_osnp.contracts[0].weekly_hours == 35.0


def test_availability_duties_roster_assignments_and_attendance_roundtrip(sessions):
    p = PersonRow()
    m.apply_person(p, samples.regulator(), None)
    _store(sessions, p)
    entries = samples.availability(p.id)
    duties = samples.duties(p.id)
    _store(sessions, *[m.availability_row(e) for e in entries], *[m.duty_row(d) for d in duties])
    published = datetime(2027, 4, 25, 18, 30, tzinfo=UTC)
    roster = RosterRow(year=2027, month=5, status=RosterStatus.PUBLISHED, version=2, published_at=published)
    _store(sessions, roster)
    planned = [samples.assignment(p.id, 3), samples.remote_assignment(p.id)]
    rows = [m.assignment_row(a, roster.id, None) for a in planned]
    _store(sessions, *rows)
    shift = replace(planned[0], uid="0b5e-uid")
    line = replace(AttendanceLine.from_assignment(2027, 5, 2, shift), status=AttendanceStatus.PARTIAL,
                   actual_start=time(8, 30), actual_end=time(12), note="arrivé en retard")
    att = AttendanceRow()
    apply_line(att, line)
    _store(sessions, att)

    repo = PlanningRepository(sessions)
    strip = lambda x: x.__class__(**{**x.__dict__, "id": None, **({"uid": None} if hasattr(x, "uid") else {})})  # noqa: E731
    assert [strip(e) for e in repo.availability(2027, 5)] == entries
    assert [strip(d) for d in repo.pdsa_duties(date(2027, 5, 1), date(2027, 5, 31))] == duties
    back = repo.roster(2027, 5)
    assert back is not None
    assert (back.status, back.version, back.published_at) == (RosterStatus.PUBLISHED, 2, published)
    assert back.published_at.tzinfo is not None
    assert [strip(a) for a in back.assignments] == planned
    with sessions() as s:
        [stored] = s.scalars(select(AttendanceRow).where(AttendanceRow.year == 2027, AttendanceRow.month == 5))
        assert strip(line_to_domain(stored)) == line


def test_rates_and_tiers_keep_exact_decimals(sessions):
    rates = default_rates() + [DatedRate(RateKind.REGULATION_HOURLY, Decimal("90.125"), date(2030, 1, 1), "test")]
    _store(sessions, *[m.rate_row(r) for r in rates], *[m.tier_row(t) for t in default_indicator9_tiers()])
    repo = SettingsRepository(sessions)
    by_key = {(r.kind, r.valid_from): r for r in repo.rates()}
    for r in rates:
        assert by_key[(r.kind, r.valid_from)].value == r.value
        assert str(by_key[(r.kind, r.valid_from)].value) == str(r.value)  # "90.00" stays "90.00"
    assert repo.indicator9_tiers() == sorted(default_indicator9_tiers(), key=lambda t: t.min_acts)
    with sessions() as s:
        raw = s.connection().exec_driver_sql("SELECT value FROM dated_rates WHERE valid_from = '2030-01-01'").scalar()
    assert raw == "90.125"
