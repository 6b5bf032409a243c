"""Statements recomputed independently from the re-read attendance spreadsheet, in a month
with a daylight-saving change and a mid-month rate change (hand-built published version)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from exports.attendance_sheets import write_attendance_xlsx
from exports.claims_xlsx import write_recap_xlsx
from sas_roster.domain.enums import RateKind, Role
from sas_roster.domain.errors import ValidationError
from sas_roster.domain.rates import DatedRate, default_rates
from sas_roster.domain.roster import Assignment
from sas_roster.domain.versions import RosterVersion
from tests.exports.formula_eval import Evaluator
from tests.persistence import samples

PARIS = ZoneInfo("Europe/Paris")
CHANGE = date(2027, 3, 15)  # 95 €/h from this day (a hypothetical amendment)


@pytest.fixture
def month(services, tmp_path):
    services.settings.save(samples.settings())
    services.settings.save_rates([*default_rates(), DatedRate(RateKind.REGULATION_HOURLY, Decimal("95.00"), CHANGE, "test")])
    a = services.persons.add(samples.regulator(1)).id
    b = services.persons.add(samples.regulator(2)).id
    c = services.persons.add(samples.regulator(3)).id
    shifts = [
        (a, date(2027, 3, 1), time(8), time(12)),
        (a, date(2027, 3, 14), time(20), time(2)),  # across the rate change: split at midnight
        (b, date(2027, 3, 27), time(20), time(8)),  # across the spring change: 11 real hours
        (b, date(2027, 3, 16), time(12), time(16)),
        (c, date(2027, 3, 10), time(8), time(12)),  # absent
        (a, date(2027, 3, 20), time(8), time(12)),  # replaced by c
        (c, date(2027, 3, 22), time(16), time(20)),  # partial 16:40 - 19:05
    ]
    version = RosterVersion(2027, 3, 1, datetime(2027, 2, 25, 17, tzinfo=UTC), "Coordinatrice", "", tuple(
        Assignment(pid, d, "R", Role.REGULATOR, s, e, uid=f"uid-{i}") for i, (pid, d, s, e) in enumerate(shifts)))
    services.attendance._versions = lambda y, m: version if (y, m) == (2027, 3) else None
    lines = services.attendance.open_month(2027, 3, actor="Coordinatrice")
    persons = {p.id: p for p in services.persons.list()}
    path = write_attendance_xlsx(tmp_path / "presences.xlsx", 2027, 3, lines, persons)
    return services, path, persons, (a, b, c)


def _fill(path, persons, c) -> None:
    wb = load_workbook(path)
    ws = wb["Présences"]
    col = {cell.value: i + 1 for i, cell in enumerate(ws[1])}
    for r in range(2, ws.max_row + 1):
        uid = ws.cell(r, col["Identifiant du créneau"]).value
        status = {"uid-4": "absent", "uid-5": "remplacé", "uid-6": "partiel"}.get(uid, "présent")
        ws.cell(r, col["Présence"]).value = status
        if uid == "uid-5":
            ws.cell(r, col["Remplaçant"]).value = persons[c].display_name
        if uid == "uid-6":
            ws.cell(r, col["Arrivée"]).value = "16h40"
            ws.cell(r, col["Départ"]).value = "19:05"
    wb.save(path)


def _independent(path) -> dict[str, Decimal]:
    """Name → amount: real minutes (UTC difference) × rate of the piece's date, split at the
    local midnight where the rate changes, the person's sum rounded half-up to the cent."""
    ws = load_workbook(path, data_only=True)["Présences"]
    head = [c.value for c in ws[1]]
    exact: dict[str, Decimal] = defaultdict(Decimal)
    for row in ws.iter_rows(min_row=2, values_only=True):
        v = dict(zip(head, row))
        if v["Présence"] == "absent":
            continue
        who = v["Remplaçant"] if v["Présence"] == "remplacé" else v["Personne prévue"]
        first, last = (v["Arrivée"], v["Départ"]) if v["Présence"] == "partiel" else (v["Début"], v["Fin"])
        day = v["Date"].date() if isinstance(v["Date"], datetime) else v["Date"]
        h1, m1 = map(int, first.replace("h", ":").split(":"))
        h2, m2 = map(int, last.split(":"))
        start = datetime(day.year, day.month, day.day, h1, m1, tzinfo=PARIS)
        end_day = day if (h2, m2) > (h1, m1) else day + timedelta(days=1)
        end = datetime(end_day.year, end_day.month, end_day.day, h2, m2, tzinfo=PARIS)
        cut = datetime(CHANGE.year, CHANGE.month, CHANGE.day, tzinfo=PARIS)
        pieces = [(start, end)] if not (start < cut < end) else [(start, cut), (cut, end)]
        for s, e in pieces:
            minutes = Decimal((e.astimezone(UTC) - s.astimezone(UTC)).total_seconds()) / 60
            rate = Decimal("95") if s.date() >= CHANGE else Decimal("90")
            exact[who] += minutes * rate / 60
    return {who: amount.quantize(Decimal("0.01"), ROUND_HALF_UP) for who, amount in exact.items()}


def test_each_statement_equals_its_recomputation_from_the_sheet(month, tmp_path) -> None:
    services, path, persons, (a, b, c) = month
    _fill(path, persons, c)
    services.attendance.import_sheet(path, 2027, 3, actor="Coordinatrice")
    services.attendance.confirm(2027, 3, actor="Trésorière")
    statements = services.claims.issue(services.claims.regulation(2027, 3), actor="Trésorière")
    expected = _independent(path)
    assert {st.person_name: st.total for st in statements} == expected
    # a: 4 h + 4 h at 90 + 2 h at 95; b: 11 h + 4 h at 95; c: 4 h + 2 h 25 at 95.
    assert sorted(expected.values()) == sorted([Decimal("910.00"), Decimal("1425.00"), Decimal("609.58")])
    # The DST night is 11 h, the split night gives two lines at two rates.
    st_b = next(st for st in statements if st.person_id == b)
    assert [ln.minutes for ln in st_b.lines if ln.day == date(2027, 3, 27)] == [11 * 60]
    st_a = next(st for st in statements if st.person_id == a)
    assert [(ln.minutes, ln.rate) for ln in st_a.lines if ln.day == date(2027, 3, 14)] == [
        (240, Decimal("90.00")), (120, Decimal("95.00"))]
    recap = write_recap_xlsx(tmp_path / "recap.xlsx", statements, "test")
    ev = Evaluator(load_workbook(recap))
    ws = load_workbook(recap)["Récapitulatif"]
    assert ev.value("Récapitulatif", f"I{ws.max_row}") == sum(expected.values())
    # Issuing again: same numbers, same amounts.
    again = services.claims.issue(services.claims.regulation(2027, 3), actor="Trésorière")
    assert [(s.number, s.total) for s in again] == [(s.number, s.total) for s in statements]


def test_a_wrong_sheet_names_row_and_column_and_writes_nothing(month) -> None:
    services, path, persons, _ = month
    wb = load_workbook(path)
    ws = wb["Présences"]
    col = {cell.value: i + 1 for i, cell in enumerate(ws[1])}
    ws.cell(2, col["Présence"]).value = "présent"
    ws.cell(3, col["Présence"]).value = "en retard"
    ws.cell(4, col["Présence"]).value = "partiel"
    ws.cell(5, col["Présence"]).value = "remplacé"
    ws.cell(6, col["Présence"]).value = "partiel"
    ws.cell(6, col["Arrivée"]).value = "25:00"
    ws.cell(6, col["Départ"]).value = "12:00"
    ws.cell(7, col["Identifiant du créneau"]).value = "changed"
    wb.save(path)
    with pytest.raises(ValidationError) as caught:
        services.attendance.import_sheet(path, 2027, 3)
    assert [(p.row, p.field) for p in caught.value.problems] == [
        (3, "Présence"), (4, "Arrivée/Départ"), (5, "Remplaçant"), (6, "Arrivée/Départ"), (7, "Identifiant du créneau")]
    assert "ligne 3" in str(caught.value) and "en retard" in str(caught.value)
    assert all(ln.open for ln in services.attendance.list_month(2027, 3))


def test_budget_commits_confirmed_statements_then_spends_them_once_issued(month) -> None:
    services, path, persons, (_, _, c) = month
    _fill(path, persons, c)
    services.attendance.import_sheet(path, 2027, 3, actor="Coordinatrice")
    services.attendance.confirm(2027, 3, actor="Trésorière")
    total = sum(st.total for st in services.claims.regulation(2027, 3))
    by_source = {b.source.value: b for b in services.budget.show(2027, date(2027, 4, 2))}
    assert (by_source["enveloppe_ville"].committed, by_source["enveloppe_ville"].spent) == (total, 0)
    services.claims.issue(services.claims.regulation(2027, 3), actor="Trésorière")
    by_source = {b.source.value: b for b in services.budget.show(2027, date(2027, 4, 2))}
    assert (by_source["enveloppe_ville"].committed, by_source["enveloppe_ville"].spent) == (0, total)
    assert by_source["fir"].spent == 0 and list(by_source)[-1] == "pdsa"
