"""The window's Export menu: print preview of the planning (Ctrl+P), one person's month,
an export to a folder in the background with progress, and its cancel."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from pypdf import PdfReader

from sas_roster.services import Services
from tests.exports.fixtures import published_file  # noqa: F401
from ui.context import AppContext
from ui.main_window import MainWindow


@pytest.fixture
def window(published_file, tmp_path: Path, qtbot):  # noqa: F811
    path = tmp_path / "db.db"
    shutil.copyfile(published_file, path)
    services = Services.open(f"sqlite:///{path}")
    ctx = AppContext(services, today=date(2027, 4, 12), month="2027-05", database_label=str(path))
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
    services.close()


def test_export_menu_lists_the_documents_and_ctrl_p_prints(window) -> None:
    menu = window.exports.menu
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:2] == ["Imprimer le planning du mois…", "Planning d'une personne…"]
    assert "Tout exporter…" in texts
    assert window.exports.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)


def test_print_preview_paints_every_page_of_the_planning(window, qtbot) -> None:
    preview = window.exports.print_planning()
    assert preview is not None and preview.isVisible()
    assert preview.page_count() >= 2
    preview.paint(preview.printer.__class__())  # paint once more on a fresh printer (offscreen, PDF output)
    assert preview.pages_painted == preview.page_count()
    preview.close()


def test_one_persons_month_at_a_click(window, qtbot) -> None:
    doc = window.ctx.services.documents.month(2027, 5)
    person = max(doc.people(), key=lambda p: len(doc.of_person(p.id)))
    dialog = window.exports.person_month(person.id)
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == len(doc.of_person(person.id))
    assert person.display_name in dialog.summary.text()
    first = doc.of_person(person.id)[0]
    assert dialog.table.item(0, 0).text().endswith(f"{first.day.day} mai 2027")
    dialog.close()


def test_export_runs_in_the_background_with_progress(window, qtbot, tmp_path: Path) -> None:
    out = tmp_path / "out"
    seen = []
    window.exports.job.progress.connect(seen.append)
    with qtbot.waitSignal(window.exports.job.finished, timeout=60_000):
        assert window.exports.export(("planning", "addressing"), str(out))
    assert window.exports.last_result is not None
    names = sorted(p.name for p in out.iterdir())
    assert names == ["adressage-2027-05-v1.pdf", "planning-2027-05-v1.pdf", "planning-2027-05-v1.xlsx"]
    # Every file reported once, out of 3 (a modal progress dialog may deliver them nested).
    assert sorted(done for done, _total, _name in seen) == [1, 2, 3] and {t for _d, t, _n in seen} == {3}
    assert "Planning du mois" in PdfReader(out / "planning-2027-05-v1.pdf").pages[0].extract_text()


def test_export_can_be_stopped(window, qtbot, tmp_path: Path) -> None:
    window.exports.job.progress.connect(lambda _v: window.exports._stop.set())
    with qtbot.waitSignal(window.exports.job.failed, timeout=60_000) as blocker:
        window.exports.export(("personal",), str(tmp_path / "out"))
    assert "Export arrêté" in blocker.args[0]
    # The stop reaches the worker as soon as the GUI thread handles the first progress: a
    # few more files may be written by then, never the whole month.
    people = len(window.ctx.services.documents.month(2027, 5).people())
    assert 1 <= len(list((tmp_path / "out").rglob("*.pdf"))) < people + 1


def test_english_interface_gives_english_documents(published_file, tmp_path: Path, qtbot) -> None:  # noqa: F811
    path = tmp_path / "db.db"
    shutil.copyfile(published_file, path)
    services = Services.open(f"sqlite:///{path}")
    ctx = AppContext(services, today=date(2027, 4, 12), month="2027-05", lang="en", database_label=str(path))
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    try:
        with qtbot.waitSignal(w.exports.job.finished, timeout=60_000):
            w.exports.export(("planning",), str(tmp_path / "en"))
        assert "Monthly roster" in PdfReader(tmp_path / "en" / "roster-2027-05-v1.pdf").pages[0].extract_text()
    finally:
        w.close()
        services.close()


def test_settings_edit_the_charter_contacts_and_smtp_server(window, qtbot) -> None:
    from sas_roster.domain.addressing import LevelKind

    view = window.show_view("settings")
    page = view.outreach
    page.load()
    code = page.territory.currentData()
    rows = page.charter.rows()
    assert [r[0] for r in rows] == [LevelKind.OWN_DOCTOR, LevelKind.ONCALL, LevelKind.HEALTH_CENTRE, LevelKind.SOS]
    page.charter.table.selectRow(1)
    page.move(-1)  # the on-call effector first
    page.phone.setText("04 00 00 00 00")
    page.host.setText("smtp.example.invalid")
    assert page.save(), page.feedback.text()
    services = window.ctx.services
    assert [lv.kind for lv in services.addressing.charter(code)][:2] == [LevelKind.ONCALL, LevelKind.OWN_DOCTOR]
    assert services.mailing.contact().phone == "04 00 00 00 00"
    assert services.mailing.smtp().host == "smtp.example.invalid"
    page.sender.setText("pas-une-adresse")
    assert not page.save() and "expéditeur" in page.feedback.text()


def test_sending_schedules_from_the_window_logs_each_message(window, qtbot) -> None:
    import socket

    from aiosmtpd.controller import Controller

    from sas_roster.domain.mailing import SmtpSecurity, SmtpSettings
    from tests.exports.test_mail import Inbox

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        services = window.ctx.services
        services.mailing.save_smtp(SmtpSettings("127.0.0.1", port, SmtpSecurity.NONE, "", "planning@sas-demo.invalid"))
        with qtbot.waitSignal(window.exports.send_job.finished, timeout=120_000):
            assert window.exports.send("schedules", confirm=False)
        report = window.exports.last_report
        assert report.complete and len(box.messages) == len(report.sent) > 0
        qtbot.waitUntil(lambda: len(services.mailing.sent_keys(2027, 5)) == len(report.sent))
    finally:
        controller.stop()
