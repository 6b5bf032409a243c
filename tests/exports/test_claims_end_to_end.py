"""From the published month to numbered statements, on a fresh database, through the command
line: demo, solve, publish, attendance sheet, fill the XLSX (openpyxl), attendance import,
attendance confirm, export claims. Each statement is then recomputed independently from the
re-read spreadsheet (hours × dated rate), and the recap's formulas are recalculated."""

from __future__ import annotations

import contextlib
import io
from collections import defaultdict
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import main as app_main
from sas_roster.services import Services
from tests.exports.formula_eval import Evaluator

MONTH = "2026-12"


def _run(url: str, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = app_main.main(["--db", url, *args])
        except SystemExit as exc:  # argparse refusing the command line
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def _publish(url: str) -> None:
    for command in ("validate", "publish"):
        code, _, err = _run(url, command, MONTH)
        assert code == 0, err


def _hm(text: str) -> tuple[int, int]:
    h, m = text.split(":")
    return int(h), int(m)


def _minutes(a: str, b: str) -> int:  # December: no daylight-saving change
    (h1, m1), (h2, m2) = _hm(a), _hm(b)
    return (h2 * 60 + m2) - (h1 * 60 + m1)


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("claims")
    url = f"sqlite:///{tmp / 'sas.db'}"
    assert _run(url, "demo", "--today", "2026-11-23")[0] == 0
    code, _, err = _run(url, "solve", MONTH, "--time-limit", "6")
    assert code == 0, err
    _publish(url)
    code, out, err = _run(url, "attendance", "sheet", MONTH, "--out", str(tmp / "sheets"))
    assert code == 0, err
    return url, tmp


def _fill(path: Path, names: list[str]) -> None:
    """Mark every shift: mostly present, some absent, replaced, or partial."""
    wb = load_workbook(path)
    ws = wb["Présences"]
    head = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(head)}
    for r in range(2, ws.max_row + 1):
        k = r % 11
        planned = ws.cell(r, col["Personne prévue"]).value
        if k == 3:
            ws.cell(r, col["Présence"]).value = "absent"
        elif k == 5:
            ws.cell(r, col["Présence"]).value = "remplacé"
            ws.cell(r, col["Remplaçant"]).value = next(n for n in names if n != planned)
        elif k == 7:
            ws.cell(r, col["Présence"]).value = "partiel"
            start = ws.cell(r, col["Début"]).value
            h, m = _hm(start)
            ws.cell(r, col["Arrivée"]).value = f"{h + 1:02d}:{m:02d}"  # an hour late
            ws.cell(r, col["Départ"]).value = time(*_hm(ws.cell(r, col["Fin"]).value))  # a real time cell
        else:
            ws.cell(r, col["Présence"]).value = "présent"
    wb.save(path)


def test_attendance_sheet_pdf_has_one_page_per_day(month) -> None:
    _, tmp = month
    reader = PdfReader(tmp / "sheets" / "emargement-2026-12.pdf")
    text = reader.pages[0].extract_text()
    assert "Feuille d'émargement" in text and "Signature" in text and "Arrivée" in text
    titles = [p.extract_text().splitlines()[0] for p in reader.pages]
    url = month[0]
    with Services.open(url) as sv:
        days = {ln.day for ln in sv.attendance.list_month(2026, 12)}
    assert len(titles) == len(set(titles)) == len(days) > 15  # a page per day, each day on one page


def test_open_month_cannot_be_confirmed_nor_claimed(month) -> None:
    url, tmp = month
    code, _, err = _run(url, "attendance", "confirm", MONTH)
    assert code == 1 and "sans présence saisie" in err
    code, _, err = _run(url, "export", "claims", MONTH, "--out", str(tmp / "never"))
    assert code == 1 and "non confirmées" in err and not (tmp / "never").exists()


@pytest.fixture(scope="module")
def exported(month):
    url, tmp = month
    sheet = tmp / "sheets" / "presences-2026-12.xlsx"
    with Services.open(url) as sv:
        regulators = [p.display_name for p in sv.persons.list() if any(r.value == "regulator" for r in p.roles)]
    _fill(sheet, regulators[:5])
    code, out, err = _run(url, "attendance", "import", str(sheet), "--dry-run")
    assert code == 0 and "essai" in out, err
    code, out, err = _run(url, "attendance", "import", str(sheet), "--actor", "Coordinatrice")
    assert code == 0 and "0 créneau(x) encore à saisir" in out, err
    code, out, err = _run(url, "attendance", "confirm", MONTH, "--actor", "Trésorière")
    assert code == 0, err
    code, out, err = _run(url, "export", "claims", MONTH, "--out", str(tmp / "claims"), "--actor", "Trésorière")
    assert code == 0, err
    return url, tmp, sheet, out


def _independent_totals(sheet: Path, rate: Decimal) -> dict[str, tuple[int, Decimal]]:
    """Per paid person (name as printed): minutes and amount, from the re-read spreadsheet."""
    wb = load_workbook(sheet, data_only=True)
    ws = wb["Présences"]
    head = [c.value for c in ws[1]]
    minutes: dict[str, int] = defaultdict(int)
    for row in ws.iter_rows(min_row=2, values_only=True):
        v = dict(zip(head, row))
        if v["Rôle"] != "régulateur":
            continue
        arrive = v["Arrivée"].strftime("%H:%M") if isinstance(v["Arrivée"], (time, datetime)) else v["Arrivée"]
        leave = v["Départ"].strftime("%H:%M") if isinstance(v["Départ"], (time, datetime)) else v["Départ"]
        if v["Présence"] == "présent":
            minutes[v["Personne prévue"]] += _minutes(v["Début"], v["Fin"])
        elif v["Présence"] == "partiel":
            minutes[v["Personne prévue"]] += _minutes(arrive, leave)
        elif v["Présence"] == "remplacé":
            minutes[v["Remplaçant"]] += _minutes(v["Début"], v["Fin"])
    return {name: (m, (m * rate / 60).quantize(Decimal("0.01"), ROUND_HALF_UP)) for name, m in minutes.items()}


def test_recap_total_is_attended_regulation_hours_times_90(exported) -> None:
    url, tmp, sheet, _ = exported
    expected = _independent_totals(sheet, Decimal("90"))
    wb = load_workbook(tmp / "claims" / "recapitulatif-regulation-2026-12.xlsx")
    ev = Evaluator(wb)
    ws = wb["Récapitulatif"]
    rows = {ws.cell(r, 3).value: r for r in range(3, ws.max_row) if ws.cell(r, 1).value}
    assert set(rows) == set(expected)
    for name, (minutes, amount) in expected.items():
        assert ev.value("Récapitulatif", f"I{rows[name]}") == amount, name
        assert ev.value("Récapitulatif", f"H{rows[name]}") == Decimal(minutes) / 60
    total_row = ws.max_row
    assert ws.cell(total_row, 1).value == "Total"
    grand = ev.value("Récapitulatif", f"I{total_row}")
    assert grand == sum(a for _, a in expected.values())
    assert grand == sum(Decimal(m) for m, _ in expected.values()) * 90 / 60
    with Services.open(url) as sv:
        issued = sv.claims.issued("2026-12")
    assert sum(st.total for st in issued) == grand


def test_each_statement_pdf_says_what_the_treasurer_needs(exported) -> None:
    url, tmp, _, _ = exported
    with Services.open(url) as sv:
        issued = sv.claims.issued("2026-12")
        persons = {p.id: p for p in sv.persons.list()}
    assert issued and all(st.number and st.number.startswith("R2026-") for st in issued)
    for st in issued[:4]:
        text = PdfReader(tmp / "claims" / f"etat-{st.number}.pdf").pages[0].extract_text()
        person = persons[st.person_id]
        assert st.number in text and person.rpps in text and "90,00" in text
        assert "Payeur" in text and ("Assurance maladie" in text or "hospitalier" in text)
        assert "Cotisations sociales prises en charge" in text and "Le trésorier" in text
        assert f"{st.total:,.2f}".replace(",", "\u202f").replace(".", ",") in text.replace("\xa0", "\u202f")


def test_exporting_again_gives_the_same_numbers_and_a_correction_refers_to_the_old(exported) -> None:
    url, tmp, sheet, first_out = exported
    code, again, err = _run(url, "export", "claims", MONTH, "--out", str(tmp / "again"))
    assert code == 0, err
    assert again.splitlines()[:-1] == first_out.splitlines()[:-1]
    with Services.open(url) as sv:
        before = sv.claims.issued("2026-12")
        sv.attendance.reopen(2026, 12, actor="Trésorière")
        line = next(ln for ln in sv.attendance.list_month(2026, 12)
                    if ln.role.value == "regulator" and ln.status.value == "present")
        sv.attendance.record([line.with_status(line.status.__class__.ABSENT)], actor="Trésorière")
        sv.attendance.confirm(2026, 12, actor="Trésorière")
    code, out, err = _run(url, "export", "claims", MONTH, "--out", str(tmp / "fixed"))
    assert code == 0, err
    with Services.open(url) as sv:
        after = sv.claims.issued("2026-12")
    [fix] = after[len(before):]
    old = next(st for st in before if st.person_id == line.person_id)
    assert fix.corrects == old.number and fix.number not in {st.number for st in before}
    assert old.total - fix.total == Decimal(line.end.hour * 60 + line.end.minute - line.start.hour * 60
                                            - line.start.minute) * 90 / 60
    assert f"rectifie {old.number}" in out
    text = PdfReader(tmp / "fixed" / f"etat-{fix.number}.pdf").pages[0].extract_text()
    assert f"rectificatif de l'état n° {old.number}" in text.replace("\n", " ")
    # The frozen statement is unchanged.
    assert next(st for st in after if st.number == old.number) == old
    assert Fraction(1) and date(2026, 12, 1)
