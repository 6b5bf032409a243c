"""A realistic association written straight into the revision-0001 schema (reflected, not the
current models), so the migration tests stay true when the models move on."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection, MetaData, insert

from sas_roster.domain.rpps import make_rpps

N_REGULATORS = 12
N_OSNP = 5


def seed(conn: Connection) -> None:
    md = MetaData()
    md.reflect(conn)
    t = md.tables

    def put(table: str, rows: list[dict]) -> None:
        if rows:
            conn.execute(insert(t[table]), rows)

    put("association_settings", [dict(
        id=1, name="Association SAS du Val-Imaginaire", zone="metropole", department="99",
        availability_policy="opt_in", rest_after_pdsa_night=True, rest_after_pdsa_hours=11,
        remote_min_on_site_share=0.2, handover_policy="allow", max_regulator_hours_per_day=12,
        osnp_max_hours_per_day=10, osnp_min_rest_hours=11, osnp_max_hours_per_week=48, retention_years=10,
    )])
    put("opening_hours", [
        dict(settings_id=1, role=role, weekday=wd, start=time(8), end=time(12) if wd == 5 else time(20))
        for role in ("regulator", "effector", "osnp") for wd in range(6)
    ])
    put("bridge_days", [dict(settings_id=1, day=date(2027, 5, 7), pdsa_from=None, label="pont"),
                        dict(settings_id=1, day=date(2027, 12, 24), pdsa_from=time(12), label="veille de Noël")])
    put("territories", [dict(id=1, code="CPTS-NORD", name="CPTS Nord", oncall_per_day=1, rota_source="association"),
                        dict(id=2, code="CPTS-SUD", name="CPTS Sud", oncall_per_day=2, rota_source="cpts")])
    put("shift_templates", [
        dict(role="regulator", code=c, label=c, start=time(s), end=time(e), weekdays="0,1,2,3,4,5", skill=None)
        for c, s, e in (("R-M", 8, 12), ("R-AM", 12, 16), ("R-S", 16, 20))
    ] + [dict(role="osnp", code="O-M", label="OSNP matin", start=time(8), end=time(14), weekdays="0,1,2,3,4", skill=None)])
    put("demand_points", [dict(role="regulator", weekday=wd, hour=h, count=2) for wd in range(5) for h in range(8, 20)])
    put("demand_overrides", [dict(id=1, label="Épidémie", role="regulator", start=date(2027, 12, 1), end=date(2028, 2, 28))])
    put("demand_override_points", [dict(override_id=1, weekday=wd, hour=h, count=3) for wd in range(5) for h in range(8, 20)])

    persons, roles, skills, trainings, contracts = [], [], [], [], []
    for i in range(1, N_REGULATORS + N_OSNP + 1):
        doctor = i <= N_REGULATORS
        persons.append(dict(
            id=i, last_name=f"Nom{i}", first_name="Prénom", status="installed" if doctor else "salaried",
            rpps=make_rpps(f"10{i:08d}") if doctor else None, sector="1" if doctor else None,
            phone="06 00 00 00 00", email=f"p{i}@exemple.invalid", territory_id=1 + i % 2 if doctor else None,
            remote_granted_on=date(2026, 1, 1) if i % 3 == 0 else None, remote_place="cabinet" if i % 3 == 0 else None,
            monthly_max_shifts=8, monthly_max_hours=None, quota_yearly_hours=300 if i == 1 else None,
            quota_monthly_hours=None, quota_eligible_until=None, consent_contact=True, active=True,
            active_from=date(2026, 1, 1), active_until=None, pseudonymised=False, extra={"source": "test"},
        ))
        roles.append(dict(person_id=i, role="regulator" if doctor else "osnp"))
        if doctor and i % 2:
            roles.append(dict(person_id=i, role="effector"))
            skills.append(dict(person_id=i, skill="pédiatrie"))
            trainings.append(dict(person_id=i, kind="formation régulation", done_on=date(2026, 2, 1), expires_on=None))
        if not doctor:
            contracts.append(dict(person_id=i, kind="osnp", start=date(2026, 1, 1), end=None, employer="GESA", weekly_hours=35.0))
    put("persons", persons)
    put("person_roles", roles)
    put("person_skills", skills)
    put("person_trainings", trainings)
    put("person_contracts", contracts)

    days = [date(2027, 5, 3) + timedelta(days=d) for d in range(26) if (date(2027, 5, 3) + timedelta(days=d)).weekday() < 5]
    put("availability_entries", [
        dict(person_id=p, day=d, start=time(8), end=time(20), kind="available" if (p + d.day) % 4 else "unavailable")
        for p in range(1, N_REGULATORS + 1) for d in days
    ])
    put("pdsa_duties", [
        dict(person_id=p, start=datetime.combine(d, time(20)), end=datetime.combine(d + timedelta(days=1), time(8)),
             kind="regulation", sector="secteur 1")
        for p in range(1, 4) for d in days[::5]
    ])
    put("rosters", [dict(id=1, year=2027, month=4, status="published", version=1, published_at=datetime(2027, 3, 25, 9)),
                    dict(id=2, year=2027, month=5, status="draft", version=0, published_at=None)])
    assignments, n = [], 0
    for roster_id, month in ((1, 4), (2, 5)):
        for d in range(1, 29):
            day = date(2027, month, d)
            if day.weekday() >= 5:
                continue
            for k, (code, s, e) in enumerate((("R-M", 8, 12), ("R-AM", 12, 16), ("R-S", 16, 20))):
                n += 1
                assignments.append(dict(
                    id=n, roster_id=roster_id, person_id=1 + (d + k) % N_REGULATORS, day=day, template_code=code,
                    role="regulator", start=time(s), end=time(e), presence="on_site", pinned=k == 0,
                    territory_id=None, fixed_by_cpts=False,
                ))
    put("assignments", assignments)
    put("attendance_lines", [
        dict(assignment_id=a["id"], status="present" if a["id"] % 5 else "absent", replaced_by=None,
             actual_start=None, actual_end=None, note="")
        for a in assignments if a["roster_id"] == 1
    ])
    put("dated_rates", [dict(kind="regulation_hourly", value="90.00", valid_from=date(2022, 1, 1), note="avenant 9"),
                        dict(kind="consultation_c", value="30.00", valid_from=date(2024, 12, 22), note="G")])
    put("indicator9_tiers", [dict(min_acts=lo, max_acts=hi, amount=amt, valid_from=date(2022, 1, 1))
                             for lo, hi, amt in ((0, 4, "0"), (5, 15, "70"), (16, 25, "210"), (46, None, "630"))])
