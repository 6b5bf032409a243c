"""The month's planning, read back: PDF text, pages and fonts; workbook cells and set-up."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from exports.planning_pdf import short_name, write_planning_pdf
from exports.planning_xlsx import write_planning_xlsx
from sas_roster.domain.enums import Role
from tests.exports.fixtures import MONTH, YEAR


def _text(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def _fonts(path: Path) -> set[str]:
    found = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            found.add(str(font.get_object()["/BaseFont"]))
    return found


def test_planning_pdf_shows_the_month_the_version_and_every_name(published, tmp_path: Path) -> None:
    doc = published.documents.month(YEAR, MONTH)
    path = write_planning_pdf(doc, tmp_path / "planning.pdf")
    pages, text = _text(path)
    assert 1 <= pages <= 4  # regulation and OSNP on two pages, the on-call rota, the legend
    assert "Planning du mois — mai 2027" in text
    assert "Association SAS Val-de-Brenne" in text
    assert "version 1 — publiée le 20 avril 2027 à 16h05" in text  # 14:05 UTC, Paris summer time
    assert f"page 1/{pages}" in text
    for a in doc.version.assignments:
        assert short_name(doc, a).replace(" ⌂", "") in text
    assert "jour férié : Ascension" in text  # closed days appear as grey rows
    # The audit chain's checkpoint at the foot of every page, as `audit verify --expect` takes it.
    checkpoint = published.audit_checkpoint()
    assert checkpoint and text.count(f"empreinte {checkpoint[:16]}") == pages
    assert all(f.endswith(("DejaVuSans", "DejaVuSans-Bold", "DejaVuSansCondensed", "DejaVuSansCondensed-Bold"))
               for f in _fonts(path))


def test_planning_pdf_puts_each_name_in_its_shift_column(published, tmp_path: Path) -> None:
    """Cells follow the column headers: the morning regulators of a day appear on that day's
    line before its afternoon OSNP (the columns once followed another order than the headers)."""
    doc = published.documents.month(YEAR, MONTH)
    _pages, text = _text(write_planning_pdf(doc, tmp_path / "planning.pdf"))
    day = doc.days[2]
    line_start = text.index(f"{['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'][day.weekday()]} {day.day}\n")
    morning = next(a for a in doc.version.assignments if a.day == day and a.template_code == "REG-M")
    evening = next(a for a in doc.version.assignments if a.day == day and a.template_code == "OSNP-S")
    assert line_start < text.index(short_name(doc, morning), line_start) < text.index(short_name(doc, evening), line_start)


def test_planning_in_english_and_a_draft_says_so(published, tmp_path: Path) -> None:
    doc = published.documents.month(YEAR, MONTH)
    _pages, text = _text(write_planning_pdf(doc, tmp_path / "en.pdf", lang="en"))
    assert "Monthly roster — May 2027" in text and "published on 20 April 2027, 16:05" in text
    draft = published.documents.month(YEAR, 6, draft=True)
    _pages, text = _text(write_planning_pdf(draft, tmp_path / "draft.pdf"))
    assert "BROUILLON — non publié" in text and "juin 2027" in text


def test_uncovered_slots_are_shown_in_red_words(published, tmp_path: Path) -> None:
    doc = published.documents.month(YEAR, MONTH)
    assert doc.uncovered, "the greedy month leaves some hours uncovered"
    gap = doc.uncovered[0]
    _pages, text = _text(write_planning_pdf(doc, tmp_path / "planning.pdf"))
    assert f"manque {gap.missing}" in text


def test_planning_workbook_cells_hours_and_print_setup(published, tmp_path: Path) -> None:
    doc = published.documents.month(YEAR, MONTH)
    wb = load_workbook(write_planning_xlsx(doc, tmp_path / "planning.xlsx"))
    assert wb.sheetnames == ["Régulateurs", "OSNP", "Effecteurs d'astreinte", "Heures par personne", "Créneaux"]
    ws = wb["Régulateurs"]
    assert ws.freeze_panes == "B3" and ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$1:$2"
    headers = [c.value for c in ws[2]]
    reg_m = headers.index("Régulation matin\n8h–12h") + 1
    expected = defaultdict(list)
    for a in sorted(doc.version.assignments, key=lambda a: (a.day, a.start, short_name(doc, a))):
        if a.template_code == "REG-M":
            expected[a.day].append(short_name(doc, a))
    for r in range(3, 3 + len(doc.days)):
        day = ws.cell(r, 1).value.date()
        assert (ws.cell(r, reg_m).value or "") == "\n".join(expected.get(day, []))
    hours = wb["Heures par personne"]
    rows = list(hours.iter_rows(min_row=2, max_row=hours.max_row - 1, values_only=True))
    assert len(rows) == len(doc.people())
    total_minutes = sum(a.minutes for a in doc.version.assignments)
    assert abs(sum(r[4] for r in rows) - total_minutes / 60) < 0.05
    assert hours.cell(hours.max_row, 5).value == f"=SUM(E2:E{hours.max_row - 1})"
    flat = wb["Créneaux"]
    assert flat.max_row - 1 == len(doc.version.assignments)
    assert {flat.cell(r, 10).value for r in range(2, flat.max_row + 1)} == {a.uid for a in doc.version.assignments}
    oncall = wb["Effecteurs d'astreinte"]
    assert [c.value for c in oncall[2]][1:] == [t.name for t in doc.territories]
    effectors = [a for a in doc.version.assignments if a.role is Role.EFFECTOR]
    assert effectors
