from collections import Counter
from datetime import date

from sas_roster.demo import build_demo
from sas_roster.domain.demand import RotaSource
from sas_roster.domain.enums import AvailabilityKind, PersonStatus, Role
from sas_roster.domain.rpps import is_valid_rpps

TODAY = date(2026, 11, 23)


def test_sized_like_a_rural_pilot_sas():
    d = build_demo(TODAY)
    roles = Counter(r for p in d.persons for r in p.roles)
    assert 16 <= roles[Role.REGULATOR] <= 20
    assert roles[Role.OSNP] == 5
    assert 45 <= roles[Role.EFFECTOR] <= 55
    assert len(d.territories) == 5
    assert sum(t.rota_source is RotaSource.CPTS for t in d.territories) == 1
    regs = [p for p in d.persons if Role.REGULATOR in p.roles]
    assert sum(p.status.is_retired and p.quota is not None for p in regs) == 3
    assert sum(p.remote is not None for p in regs) == 2
    locums = [p for p in regs if p.status is PersonStatus.LOCUM]
    assert len(locums) == 1 and locums[0].contracts
    weekly = sorted(p.contracts[0].weekly_hours for p in d.persons if Role.OSNP in p.roles)
    assert weekly[0] < 35 and weekly[-1] == 35  # full and part time


def test_invented_people_with_valid_unique_rpps():
    d = build_demo(TODAY)
    rpps = [p.rpps for p in d.persons if p.rpps]
    assert len(rpps) == len(set(rpps)) == sum(1 for p in d.persons if Role.OSNP not in p.roles)
    assert all(is_valid_rpps(r) for r in rpps)
    assert all(p.email.endswith(".invalid") for p in d.persons)
    names = [(p.last_name, p.first_name) for p in d.persons]
    assert len(names) == len(set(names))


def test_availability_for_three_months_with_sparse_answers():
    d = build_demo(TODAY)
    assert d.months == [(2026, 11), (2026, 12), (2027, 1)]
    months = {(e.day.year, e.day.month) for e in d.availability}
    assert months == set(d.months)
    per_reg = Counter(e.person_id for e in d.availability if Role.REGULATOR in d.persons[e.person_id].roles)
    # many doctors answer for a few days only, a few keen ones answer a lot
    assert min(per_reg.values()) < 15 < max(per_reg.values())
    kinds = Counter(e.kind for e in d.availability)
    assert kinds[AvailabilityKind.PREFERRED] and kinds[AvailabilityKind.IF_NEEDED] and kinds[AvailabilityKind.UNAVAILABLE]


def test_monday_peak_and_epidemic_override():
    d = build_demo(TODAY)
    reg = next(c for c in d.curves if c.role is Role.REGULATOR)
    assert reg.required(0, 10) > reg.required(2, 10)
    assert d.overrides and d.overrides[0].curve.required(2, 9) == reg.required(2, 9) + 1


def test_cpts_rota_and_pdsa_refer_to_people_of_the_right_kind():
    d = build_demo(TODAY)
    cpts = {t.code for t in d.territories if t.rota_source is RotaSource.CPTS}
    assert d.cpts_rota and all(a.territory in cpts and a.fixed_by_cpts for a in d.cpts_rota)
    assert all(d.persons[a.person_id].territory == a.territory for a in d.cpts_rota)
    assert d.pdsa and all(Role.OSNP not in d.persons[x.person_id].roles for x in d.pdsa)


def test_deterministic():
    a, b = build_demo(TODAY), build_demo(TODAY)
    assert a.persons == b.persons and a.availability == b.availability and a.pdsa == b.pdsa
