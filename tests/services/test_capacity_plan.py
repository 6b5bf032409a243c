"""Capacity plan: file reading, today's demand beside the computed one, applying it as dated curves."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from sas_roster.domain.capacity import offered_load, service_level, staffing
from sas_roster.domain.demand import DemandCurve
from sas_roster.domain.enums import Role
from sas_roster.domain.errors import ValidationError
from sas_roster.planning import hourly_demand
from sas_roster.domain.calendar import month_calendar
from sas_roster.services.capacity import apply, example_plan, plan, read_plan, write_outputs

PLAN = """
objectif_pct = 80
delai_secondes = 60
[roles.regulateur]
duree_minutes = 6
part_des_appels = 0.5
[roles.osnp]
duree_minutes = 4
[appels.lundi]
8 = 20
9 = 40
10 = 40
11 = 10
"""


@pytest.fixture
def svc(services):
    services.settings.save_demand_curve(DemandCurve(Role.REGULATOR, {0: {8: 1, 9: 2, 10: 2, 11: 2}}))
    services.settings.save_demand_curve(DemandCurve(Role.OSNP, {0: {h: 1 for h in range(8, 12)}}))
    return services


def test_plan_beside_todays_demand(svc, tmp_path):
    (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
    result = plan(svc, read_plan(tmp_path / "plan.toml"), date(2027, 3, 10))
    reg9 = next(h for h in result.hours if (h.role, h.hour) == ("regulator", 9))
    # 40 calls, half to the regulator, 6 minutes each: 2 Erlangs.
    assert reg9.calls == 20 and reg9.needed.load == pytest.approx(2.0)
    assert reg9.current.agents == 2 and reg9.current.overloaded and reg9.current.service_level == 0
    assert reg9.needed.agents == 4
    assert service_level(2.0, 4, 360, 60) >= 0.8 > service_level(2.0, 3, 360, 60)
    lines = result.lines("current")
    # 8h: 10 calls × 6 min = 1 Erlang with 1 regulator: overloaded. 9h-12h: 2 regulators.
    assert "avec 1 régulateur de 8h à 9h le lundi : 0 % des appels répondus en moins d'une minute" in lines
    expected = round(100 * sum(staffing(c, 360, 2, 60).service_level * c for c in (20, 20, 5)) / 45)
    assert f"avec 2 régulateurs de 9h à 12h le lundi : {expected} % des appels répondus en moins d'une minute" in lines
    assert any(line.startswith("avec 1 OSNP de 8h à 12h le lundi") for line in lines)
    assert "1 ARM (N1) pour 2 OSNP (N2)" in result.arm_note()

    files = write_outputs(result, tmp_path / "out")
    with files[0].open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert len(rows) == 8
    assert {r["Besoin calculé"] for r in rows if r["Rôle"] == "régulateur" and r["Heure"] == "9h"} == {"4"}
    assert "Avec le besoin calculé" in files[1].read_text(encoding="utf-8")


def test_apply_as_dated_demand_curves(svc, tmp_path):
    from sas_roster.domain.settings import AssociationSettings

    svc.settings.save(AssociationSettings(name="Test"))
    (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
    result = plan(svc, read_plan(tmp_path / "plan.toml"), date(2027, 3, 10))
    saved = apply(svc, result, date(2027, 4, 1), date(2027, 4, 30), actor="coordinatrice")
    assert [o.curve.role for o in saved] == [Role.REGULATOR, Role.OSNP]
    assert len(svc.settings.demand_overrides()) == 2
    april = hourly_demand(svc, month_calendar(svc.settings.get(), 2027, 4))
    assert april[(Role.REGULATOR, date(2027, 4, 5), 9)] == 4  # a Monday in April: the computed need
    march = hourly_demand(svc, month_calendar(svc.settings.get(), 2027, 3))
    assert march[(Role.REGULATOR, date(2027, 3, 8), 9)] == 2  # before: today's curve


def test_plan_from_imported_activity_and_example(services, tmp_path):
    from sas_roster.domain.activity import ActivityRecord

    services.activity.save([ActivityRecord(date(2027, 3, 1), date(2027, 3, 31), None, 0, 9, calls_received=100)])
    (tmp_path / "p.toml").write_text(example_plan("2027-03"), encoding="utf-8")
    result = plan(services, read_plan(tmp_path / "p.toml"), date(2027, 3, 10))
    # Five Mondays in March 2027: 20 calls at 9h; the typed lines of the example win elsewhere.
    assert result.calls[(0, 9)] == 23  # typed in the example
    assert result.calls[(0, 8)] == 18
    (tmp_path / "q.toml").write_text(example_plan("2027-03").split("# Appels par heure")[0], encoding="utf-8")
    assert plan(services, read_plan(tmp_path / "q.toml"), date(2027, 3, 10)).calls == {(0, 9): 20.0}
    assert offered_load(20, 240) == pytest.approx(20 * 4 / 60)


def test_bad_plans_are_refused(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('objectif_pct = 120\n[roles.medecin]\nduree_minutes = 5\n[appels.lundo]\n8 = 3\n', encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        read_plan(path)
    text = str(err.value)
    assert "objectif_pct" in text and "medecin" in text and "lundo" in text and "delai_secondes" in text
    path.write_text("objectif_pct = = 3", encoding="utf-8")
    with pytest.raises(ValidationError, match="illisible"):
        read_plan(path)
