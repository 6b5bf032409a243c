"""Hours worked before the app, and what retiree quotas count: regulation only, the history
entered, the association's default quota; eligibility ending mid-month, day by day."""

from __future__ import annotations

import dataclasses
from datetime import date, time

import pytest

from sas_roster.domain.enums import PersonStatus, Role, Sector
from sas_roster.domain.errors import ValidationError
from sas_roster.domain.person import RetireeQuota
from sas_roster.domain.quotas import WorkedHours
from sas_roster.domain.roster import Assignment
from sas_roster.importers import ImportKind
from sas_roster.planning import build_problem
from sas_roster.services.imports import import_file
from tests.importers.helpers import fill_template
from tests.persistence import samples


@pytest.fixture
def retiree(services):
    """A retired regulator-effector (CPTS-NORD) without a quota of his own."""
    services.setup.apply(_setup())
    p = dataclasses.replace(samples.full_person(), quota=None, contracts=(), sector=Sector.S1)
    return services.persons.add(p)


def _setup():
    from tests.services.test_setup import sample_setup

    return sample_setup()  # default retiree quota: 150 h a year


def test_quota_counts_regulation_only_plus_the_hours_entered(services, retiree):
    pid = retiree.id
    services.rosters.replace_draft(2027, 2, [
        Assignment(pid, date(2027, 2, 1), "R-M", Role.REGULATOR,
                                             *_hours(8, 12)),
        Assignment(pid, date(2027, 2, 2), "ASTR", Role.EFFECTOR,
                                             *_hours(8, 20), territory="CPTS-NORD"),
    ])
    services.history.save_entered([WorkedHours(pid, Role.REGULATOR, 2027, 1, 10 * 60, "relevé CPAM"),
                                   WorkedHours(pid, Role.EFFECTOR, 2027, 1, 30 * 60)])
    assert services.history.minutes_in_year_before(2027, date(2027, 3, 1))[pid] == (4 + 12 + 10 + 30) * 60
    assert services.history.regulation_minutes_before(2027, date(2027, 3, 1))[pid] == (4 + 10) * 60
    # history of a later month does not count before it
    assert services.history.regulation_minutes_before(2027, date(2027, 1, 1)).get(pid, 0) == 0
    mp = build_problem(services, 2027, 3)
    [sp] = [p for p in mp.problem.people if p.id == str(pid)]
    assert sp.quota_minutes == (150 - 14) * 60  # the association's default quota, regulation hours


def _hours(a, b):
    return time(a), time(b)


def test_entered_hours_are_upserted_and_zero_removes(services, retiree):
    pid = retiree.id
    services.history.save_entered([WorkedHours(pid, Role.REGULATOR, 2027, 1, 600)])
    services.history.save_entered([WorkedHours(pid, Role.REGULATOR, 2027, 1, 900, "corrigé"),
                                   WorkedHours(pid, Role.REGULATOR, 2027, 2, 60)])
    assert [(w.month, w.minutes, w.note) for w in services.history.entered(2027)] == [(1, 900, "corrigé"), (2, 60, "")]
    services.history.save_entered([WorkedHours(pid, Role.REGULATOR, 2027, 2, 0)])
    assert [w.month for w in services.history.entered()] == [1]
    with pytest.raises(ValidationError, match="mois 13/2027 invalide"):
        services.history.save_entered([WorkedHours(pid, Role.REGULATOR, 2027, 13, 60),
                                       WorkedHours(pid, Role.REGULATOR, 2027, 3, 60)])
    assert [w.month for w in services.history.entered()] == [1]


def test_eligibility_ending_mid_month_reaches_the_engine_day_by_day(services):
    services.setup.apply(_setup())
    reg = services.persons.add(samples.regulator(7, status=PersonStatus.RETIRED_CUMUL,
                                                 quota=RetireeQuota(200, None, date(2027, 3, 10))))
    mp = build_problem(services, 2027, 3)
    [sp] = [p for p in mp.problem.people if p.id == str(reg.id)]
    assert sp.quota_minutes == 200 * 60  # eligible on the 1st: the month is open to him
    if getattr(sp, "eligible_until", None) is not None:  # the engine checks the date itself
        assert sp.eligible_until == "2027-03-10"
    else:  # otherwise the days after it are unavailable to him
        off = sorted(a.day for a in mp.problem.availability if a.person == str(reg.id) and a.kind == "unavailable")
        assert off and off[0] == "2027-03-11" and "2027-03-10" not in off


def test_import_history_file(services, retiree, tmp_path):
    path = fill_template(ImportKind.HISTORY, tmp_path / "heures.xlsx", [
        {"RPPS": retiree.rpps, "Rôle": "Régulateur", "Mois": "01/2027", "Heures": "12,5"},
        {"RPPS": retiree.rpps, "Rôle": "effecteur", "Mois": "février 2027", "Heures": "8h30", "Remarque": "papier"},
    ])
    dry = import_file(services, "heures antérieures", path, dry_run=True)
    assert "Mois : de 01/2027 à 02/2027" in dry.summary() and services.history.entered() == []
    report = import_file(services, ImportKind.HISTORY, path, actor="coordinatrice")
    assert report.added == 2
    assert [(w.role, w.month, w.minutes) for w in services.history.entered()] == [
        (Role.REGULATOR, 1, 750), (Role.EFFECTOR, 2, 510)]


def test_import_history_refuses_months_the_app_keeps_and_bad_rows(services, retiree, tmp_path):
    services.rosters.replace_draft(2027, 2, [Assignment(
        retiree.id, date(2027, 2, 1), "R-M", Role.REGULATOR, *_hours(8, 12))])
    path = fill_template(ImportKind.HISTORY, tmp_path / "heures.xlsx", [
        {"RPPS": retiree.rpps, "Rôle": "régulateur", "Mois": "02/2027", "Heures": 4},
        {"RPPS": retiree.rpps, "Rôle": "OSNP", "Mois": "01/2027", "Heures": 4},
        {"RPPS": retiree.rpps, "Rôle": "régulateur", "Mois": "13/2027", "Heures": -2},
        {"RPPS": retiree.rpps, "Rôle": "régulateur", "Mois": "01/2027", "Heures": 4},
        {"RPPS": retiree.rpps, "Rôle": "régulateur", "Mois": "janvier 2027", "Heures": 5},
    ])
    with pytest.raises(ValidationError) as caught:
        import_file(services, ImportKind.HISTORY, path)
    where = [(p.row, p.field) for p in caught.value.problems]
    assert where == [(2, "Mois"), (3, "Rôle"), (4, "Mois"), (4, "Heures"), (6, "Mois")]
    assert "déjà un planning" in str(caught.value) and "n'a pas le rôle OSNP" in str(caught.value)
    assert services.history.entered() == []
