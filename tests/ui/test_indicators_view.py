"""The dashboard in a real window: the same figures as the report, charts filled, export."""

from __future__ import annotations

from pypdf import PdfReader

from exports.indicators_format import number, percent
from sas_roster.domain.enums import Role


def test_dashboard_shows_the_computed_indicators(solved_window, solved_services, tmp_path):
    view = solved_window.show_view("indicators")
    assert view.period_key() == "2027-05"
    ind = solved_services.indicators.compute("2027-05")
    assert view.kpis["regulation"].text() == percent(ind.coverage(Role.REGULATOR))
    assert view.kpis["calls"].text() == number(ind.activity.calls_received)
    assert ind.activity.calls_received and ind.covered(Role.REGULATOR) > 0
    coverage = view.coverage_chart.series()[0]
    assert [coverage.barSets()[1].at(i) for i in range(coverage.barSets()[1].count())] == \
        [ind.covered(Role.REGULATOR), ind.covered(Role.OSNP)]
    calls = view.calls_chart.series()[0].barSets()[0]
    assert sum(calls.at(i) for i in range(calls.count())) == sum(ind.calls_by_hour.values())
    hours = view.hours_chart.series()[0].barSets()[0]
    assert hours.count() == len(ind.hours[Role.REGULATOR])
    assert "plannings lus : brouillon : mai" in view.summary.text()

    view.period_box.setCurrentIndex(1)  # quarter
    assert view.period_key() == "2027-Q2"
    assert view.indicators.period.label == "2e trimestre 2027"
    assert view.coverage_chart.series()[0].barSets()[0].count() == 3  # one bar per month

    pdf, xlsx = view.export_to(tmp_path)
    assert pdf.name == "indicateurs-2027-Q2.pdf" and xlsx.is_file()
    assert "2e trimestre 2027" in PdfReader(pdf).pages[0].extract_text()


def test_dashboard_follows_the_month(solved_window):
    view = solved_window.show_view("indicators")
    solved_window.ctx.shift_month(-1)
    assert view.period_key() == "2027-04"
    assert view.indicators.period.key == "2027-04"


def test_activity_imported_from_the_dashboard(solved_window, solved_services, tmp_path):
    view = solved_window.show_view("indicators")
    before = solved_services.indicators.compute("2027-05").activity.calls_received
    path = tmp_path / "activite.csv"
    path.write_text("Période;Territoire;Appels reçus;Rendez-vous pris;Rendez-vous non honorés\n"
                    "16/05/2027;;500;40;2\n", encoding="utf-8")
    dialog = view.import_activity(str(path))
    assert dialog.import_button.isEnabled(), dialog.verdict.text()
    dialog.run_import()
    assert view.kpis["calls"].text() == number(before + 500)
    assert "1 ligne d'activité a été enregistrée" in view.summary.text()

    refused = tmp_path / "patients.csv"
    refused.write_text("Période;Appels reçus;NIR\n2027-05;3;185057800608436\n", encoding="utf-8")
    dialog = view.import_activity(str(refused))
    assert not dialog.import_button.isEnabled()
    assert "données de patients" in dialog.verdict.text() and "185057800608436" not in dialog.verdict.text()
    dialog.reject()
