"""The audit viewer reads in French: names and dates, not table names and ids; filters; CSV."""

from __future__ import annotations

import csv
import dataclasses
from datetime import date

from sas_roster.services import Services
from tests.persistence import samples


def test_lines_name_people_and_dates_and_filter(services: Services, tmp_path) -> None:
    sv = services
    sv.settings.save_shift_templates(samples.templates(), actor="Claire")
    p = sv.persons.add(samples.regulator(1), actor="Claire")
    q = sv.persons.add(samples.regulator(2), actor="Bruno")
    sv.persons.update(dataclasses.replace(p, phone="07 12 12 12 12"), actor="Bruno")
    sv.rosters.replace_draft(2027, 5, [samples.assignment(p.id, 3), samples.assignment(q.id, 4)], actor="Claire")

    lines = sv.audit_view.lines()
    update = next(line for line in lines if line.action == "modification" and line.kind == "persons")
    assert update.subject == "Anne Lefèvre1" and update.user == "Bruno"
    assert update.details == ("téléphone : 06 00 00 00 01 → 07 12 12 12 12",)
    shift = next(line for line in lines if line.subject == "Anne Lefèvre1, lundi 3 mai 2027")
    assert shift.kind_label == "Plannings" and shift.action == "ajout"
    assert any(line.subject == "planning de mai 2027" for line in lines)
    assert "persons" not in repr([(x.subject, x.details) for x in lines if x.kind == "persons"])

    mine = sv.audit_view.lines(person_id=p.id)
    assert mine and all(p.id in x.person_ids for x in mine)
    assert not any("Lefèvre2" in x.subject for x in mine)
    assert {x.user for x in sv.audit_view.lines(user="Bruno")} == {"Bruno"}
    assert {x.kind for x in sv.audit_view.lines(kind="rosters")} == {"rosters"}
    today = lines[0].at.date()
    assert sv.audit_view.lines(start=date(today.year + 1, 1, 1)) == []
    assert len(sv.audit_view.lines(start=today, end=today)) == len(lines)
    assert sv.audit_view.users() == ["Bruno", "Claire"]

    from sas_roster.services.audit_view import write_csv

    path = write_csv(mine, tmp_path / "journal.csv")
    rows = list(csv.reader(path.open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[0][:3] == ["n°", "date", "par"] and len(rows) == len(mine) + 1
    assert any("Anne Lefèvre1" in r[4] for r in rows[1:])
