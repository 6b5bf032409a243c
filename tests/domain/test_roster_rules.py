from datetime import date, datetime, time

import pytest

from sas_roster.domain.availability import AvailabilityEntry, PdsaDuty
from sas_roster.domain.demand import ShiftTemplate
from sas_roster.domain.enums import (AvailabilityKind, AvailabilityPolicy, ContractKind, DutyKind,
                                     PersonStatus, Presence, Role)
from sas_roster.domain.person import Contract, Person, RemoteAuthorisation, RetireeQuota
from sas_roster.domain.roster import Assignment
from sas_roster.domain.roster_rules import RosterFacts, check_roster
from sas_roster.domain.settings import AssociationSettings, TimeRange

MON = date(2027, 3, 1)
TUE = date(2027, 3, 2)


def reg(pid=1, **kw):
    return Person("Bellanger", "Inès", frozenset(kw.pop("roles", {Role.REGULATOR})), kw.pop("status", PersonStatus.INSTALLED), id=pid, **kw)


def shift(pid, day, start, end, role=Role.REGULATOR, code="REG", **kw):
    return Assignment(pid, day, code, role, time(start), time(end), **kw)


def avail(pid, day, start=8, end=20, kind=AvailabilityKind.AVAILABLE):
    return AvailabilityEntry(pid, day, TimeRange(time(start), time(end)), kind)


def facts(persons, assignments, *, availability=None, policy=AvailabilityPolicy.OPT_OUT, **kw):
    settings = kw.pop("settings", AssociationSettings("t", availability_policy=policy))
    return RosterFacts(settings, {p.id: p for p in persons}, kw.pop("templates", {}), assignments,
                       availability or [], **kw)


def rules(f):
    return [v.rule for v in check_roster(f)]


def test_clean_roster_has_no_violation():
    p = reg()
    assert rules(facts([p], [shift(1, MON, 8, 12), shift(1, TUE, 12, 16)])) == []


def test_opt_in_needs_declared_availability_covering_the_shift():
    p = reg()
    f = facts([p], [shift(1, MON, 8, 12)], availability=[avail(1, MON, 8, 10), avail(1, MON, 10, 11)],
              policy=AvailabilityPolicy.OPT_IN)
    assert rules(f) == ["Disponibilités déclarées"]
    f.availability.append(avail(1, MON, 11, 12, AvailabilityKind.IF_NEEDED))
    assert rules(f) == []


def test_opt_out_refuses_declared_unavailability():
    f = facts([reg()], [shift(1, MON, 8, 12)], availability=[avail(1, MON, 11, 13, AvailabilityKind.UNAVAILABLE)])
    [v] = check_roster(f)
    assert v.rule == "Indisponibilité" and "11h–13h" in v.message


def test_cpts_rota_is_exempt_from_availability():
    p = reg(roles={Role.EFFECTOR}, territory="BM")
    a = shift(1, MON, 8, 20, Role.EFFECTOR, "AST", territory="BM", fixed_by_cpts=True)
    assert rules(facts([p], [a], policy=AvailabilityPolicy.OPT_IN)) == []


def test_overlap_with_an_effector_oncall():
    p = reg(roles={Role.REGULATOR, Role.EFFECTOR}, territory="HB")
    f = facts([p], [shift(1, MON, 8, 12), shift(1, MON, 8, 20, Role.EFFECTOR, "AST", territory="HB")])
    assert rules(f) == ["Pas deux postes en même temps"]


def test_pdsa_same_hours_and_rest_after_night():
    p = reg()
    night = PdsaDuty(1, datetime(2027, 3, 1, 20), datetime(2027, 3, 2, 8), DutyKind.REGULATION)
    f = facts([p], [shift(1, MON, 16, 21), shift(1, TUE, 12, 16)], pdsa=[night])
    assert rules(f) == ["Garde PDSA en même temps", "Repos après une garde PDSA de nuit"]
    f.settings.rest_after_pdsa_night = False
    assert rules(f) == ["Garde PDSA en même temps"]


def test_per_day_maximum():
    st = AssociationSettings("t", max_regulator_hours_per_day=8, availability_policy=AvailabilityPolicy.OPT_OUT)
    f = facts([reg()], [shift(1, MON, 8, 12), shift(1, MON, 12, 16), shift(1, MON, 16, 20)], settings=st)
    [v] = check_roster(f)
    assert v.rule == "Durée maximale par jour" and "12 h" in v.message


def test_osnp_labour_law():
    p = Person("Dabadie", "Loïc", frozenset({Role.OSNP}), PersonStatus.SALARIED, id=1,
               contracts=(Contract(ContractKind.OSNP, date(2026, 1, 1), None, "GESA", 24),))
    days = [date(2027, 3, d) for d in (1, 2, 3, 4, 5)]
    # 11 h one day, then back at 8h after finishing at 20h → 12 h rest (fine); 5 × 6 h = 30 h > 24 h contract
    f = facts([p], [shift(1, MON, 8, 19, Role.OSNP, "OSNP")] + [shift(1, d, 14, 20, Role.OSNP, "OSNP") for d in days[1:]])
    got = rules(f)
    assert "OSNP : durée quotidienne maximale" in got
    assert "OSNP : heures du contrat" in got
    f2 = facts([p], [shift(1, MON, 14, 20, Role.OSNP, "OSNP"), shift(1, TUE, 4, 8, Role.OSNP, "OSNP")])
    assert rules(f2) == ["OSNP : repos quotidien"]


def test_osnp_week_counts_history_before_the_month():
    p = Person("Dabadie", "Loïc", frozenset({Role.OSNP}), PersonStatus.SALARIED, id=1)
    history = [shift(1, date(2027, 3, d), 8, 18, Role.OSNP, "OSNP") for d in (1, 2, 3, 4)]
    month = [shift(1, date(2027, 3, 5), 8, 18, Role.OSNP, "OSNP")]
    assert rules(facts([p], month, history=history)) == ["OSNP : durée hebdomadaire maximale"]


def test_retiree_quota_against_hours_worked():
    p = reg(status=PersonStatus.RETIRED_CUMUL, quota=RetireeQuota(yearly_hours=100))
    f = facts([p], [shift(1, MON, 8, 12), shift(1, TUE, 8, 12)], worked_before_month={1: 94 * 60})
    [v] = check_roster(f)
    assert v.rule == "Quota horaire de retraité" and "6 h de quota restant" in v.message


def test_locum_only_under_contract():
    p = reg(status=PersonStatus.LOCUM, contracts=(Contract(ContractKind.LOCUM, MON, MON),))
    assert rules(facts([p], [shift(1, MON, 8, 12), shift(1, TUE, 8, 12)])) == ["Remplaçant sans contrat"]


def test_remote_needs_authorisation_and_on_site_share():
    p = reg(remote=RemoteAuthorisation(date(2026, 1, 1), "cabinet"))
    all_remote = [shift(1, d, 8, 12, presence=Presence.REMOTE) for d in (MON, TUE)]
    assert rules(facts([p], all_remote)) == ["Part minimale sur site"]
    assert rules(facts([p], all_remote[:1] + [shift(1, TUE, 8, 12)])) == []
    assert "Régulation à distance non autorisée" in rules(facts([reg()], all_remote[:1]))


def test_monthly_commitment_and_skills():
    p = reg(monthly_max_shifts=1)
    tpl = {"PED": ShiftTemplate(Role.REGULATOR, "PED", "pédiatrie", time(8), time(12), skill="pédiatrie")}
    got = rules(facts([p], [shift(1, MON, 8, 12, code="PED"), shift(1, TUE, 8, 12)], templates=tpl))
    assert got == ["Compétence requise", "Engagement mensuel (postes)"]


@pytest.mark.parametrize("roles, expected", [({Role.OSNP}, ["Rôle"]), ({Role.REGULATOR}, [])])
def test_role_is_required(roles, expected):
    p = Person("Esnault", "Rémi", frozenset(roles), PersonStatus.INSTALLED, id=1)
    assert rules(facts([p], [shift(1, MON, 8, 12)])) == expected
