"""The indicators report read back: PDF text, fonts and pages; XLSX cells; the command."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

import main as app_main
from sas_roster.domain.capacity import offered_load, service_level
from exports.indicators_format import number, percent
from exports.indicators_report import write_report
from sas_roster.domain.enums import Role
from sas_roster.services import Services
from sas_roster.services.indicators import compute
from tests.services.indicators_demo import build_demo_file


def flat(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    return build_demo_file(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture
def svc(demo_file, tmp_path):
    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_file, copy)
    with Services.open(f"sqlite:///{copy}", migrate=False) as s:
        yield s


def test_pdf_and_xlsx_say_what_the_indicators_say(svc, tmp_path):
    ind = compute(svc, "2027-03")
    pdf, xlsx = write_report(ind, tmp_path / "out", date(2027, 3, 10))
    assert (pdf.name, xlsx.name) == ("indicateurs-2027-03.pdf", "indicateurs-2027-03.xlsx")
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 2
    first = reader.pages[0].extract_text()
    assert "Indicateurs du SAS — Association SAS Val-de-Brenne (démo)" in first.replace("\n", " ")
    assert "Mars 2027" in first and "mercredi 10 mars 2027" in first
    # pypdf reads the no-break spaces back as plain spaces; the embedded font has their glyphs.
    assert flat(percent(ind.coverage(Role.REGULATOR))) in first
    calls = number(ind.activity.calls_received)
    assert "\u202f" in calls and flat(calls) in first
    face = pdfmetrics.getFont("DejaVuSans").face
    assert 0x202F in face.charToGlyph and 0x00A0 in face.charToGlyph
    if not hasattr(svc, "claims"):
        assert "non disponible" in first.lower()  # without the money services, the section says so
    dejavu = [f.get_object() for page in reader.pages for f in page["/Resources"]["/Font"].values()
              if "DejaVuSans" in str(f.get_object()["/BaseFont"])]
    assert dejavu and all("/FontFile2" in f["/FontDescriptor"] for f in dejavu)  # TrueType, embedded
    detail = "\n".join(p.extract_text() for p in reader.pages[1:])
    for label in ("Continuité des soins", "Équipes et heures par personne", "Activité de la plateforme",
                  "Actes SNP et indicateur 9", "Méthode"):
        assert label in detail
    for h in ind.hours[Role.REGULATOR]:
        assert h.name in detail

    book = load_workbook(xlsx)
    assert book.sheetnames[:3] == ["Synthèse", "Continuité", "Causes"]
    summary = {row[0]: row[1] for row in book["Synthèse"].iter_rows(min_row=5, values_only=True)}
    assert summary["Heures de régulation demandées"] == ind.required(Role.REGULATOR)
    assert summary["Heures de régulation couvertes"] == ind.covered(Role.REGULATOR)
    assert summary["Appels reçus"] == ind.activity.calls_received
    assert summary["Taux de rendez-vous non honorés"] == pytest.approx(ind.no_show_rate)
    people = list(book["Heures par personne"].iter_rows(min_row=2, values_only=True))
    assert sum(r[3] for r in people if r[0] == "Régulateurs") == pytest.approx(ind.spreads[Role.REGULATOR].total)
    calls = book["Appels par heure"]
    assert sum(v for row in calls.iter_rows(min_row=2, min_col=2, values_only=True) for v in row if v) == \
        sum(ind.calls_by_hour.values())


def test_report_command(demo_file, tmp_path, capsys):
    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_file, copy)
    code = app_main.main(["--db", f"sqlite:///{copy}", "report", "indicators", "--period", "2027-Q1",
                          "--out", str(tmp_path / "r")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "1er trimestre 2027" in out
    assert (tmp_path / "r" / "indicateurs-2027-Q1.pdf").is_file()
    assert len(PdfReader(tmp_path / "r" / "indicateurs-2027-Q1.pdf").pages) >= 2
    code = app_main.main(["--db", f"sqlite:///{copy}", "report", "indicators", "--period", "2027-T9",
                          "--out", str(tmp_path / "r")])
    _, err = capsys.readouterr()
    assert code == 1 and "Période « 2027-T9 » invalide" in err


def test_report_with_a_capacity_plan(demo_file, tmp_path, capsys):
    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_file, copy)
    plan = tmp_path / "plan.toml"
    plan.write_text('objectif_pct = 80\ndelai_secondes = 60\nactivite = "2027-03"\n'
                    '[roles.regulateur]\nduree_minutes = 6\npart_des_appels = 0.5\n'
                    '[roles.osnp]\nduree_minutes = 4\n', encoding="utf-8")
    code = app_main.main(["--db", f"sqlite:///{copy}", "report", "indicators", "--period", "2027-03",
                          "--out", str(tmp_path / "r"), "--plan", str(plan)])
    _, err = capsys.readouterr()
    assert code == 0, err
    reader = PdfReader(tmp_path / "r" / "indicateurs-2027-03.pdf")
    assert "Capacité. Objectif 80 % en 60 s (Erlang C)" in flat(reader.pages[0].extract_text()).replace("\n", " ")
    text = flat("\n".join(p.extract_text() for p in reader.pages[1:]))
    assert "Capacité d'après les appels (Erlang C)" in text and "ratio de référence 1 ARM (N1) pour 2 OSNP (N2)" \
        in text.replace("\n", " ")
    sheet = load_workbook(tmp_path / "r" / "indicateurs-2027-03.xlsx")["Capacité"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    monday_9 = next(r for r in rows if r[:3] == ("régulateurs", "lundi", 9))
    with Services.open(f"sqlite:///{copy}", migrate=False) as svc:
        records = svc.activity.records(date(2027, 3, 1), date(2027, 3, 31))
    calls = sum(r.calls_received for r in records if (r.weekday, r.hour) == (0, 9)) / 5  # five Mondays
    assert monday_9[3] == pytest.approx(calls * 0.5)
    # columns: role, day, hour, calls, load, today's headcount, its level, computed headcount, its level
    assert monday_9[8] >= 0.8 and monday_9[8] == pytest.approx(
        service_level(offered_load(calls * 0.5, 360), monday_9[7], 360, 60))
    assert monday_9[7] == 1 or service_level(offered_load(calls * 0.5, 360), monday_9[7] - 1, 360, 60) < 0.8
