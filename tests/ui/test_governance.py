"""The Gouvernance page on the demo: the audit log in French with filters and the chain
check, accounts, members, documents with their checked copies, complaints, minutes; sign-in."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

from pypdf import PdfReader

from sas_roster.domain.accounts import AccountRole
from sas_roster.domain.registry import Attendance, Body, BodyKind, College, ComplaintKind, Meeting, Member
from sas_roster.persistence.engine import sqlite_path


def _governance(window):
    return window.show_view("governance")


def test_audit_tab_reads_in_french_and_filters(window, qtbot) -> None:
    view = _governance(window)
    tab = view.show_tab("audit")
    qtbot.waitUntil(lambda: tab.table.rowCount() > 0)
    texts = [tab.table.item(r, 4).text() for r in range(min(50, tab.table.rowCount()))]
    assert not any(t.startswith(("persons ", "assignments ")) for t in texts)  # names, not table names
    person = window.ctx.services.persons.list()[0]
    tab.person.setCurrentIndex(tab.person.findData(person.id))
    assert tab.lines and all(person.id in line.person_ids for line in tab.lines)
    assert tab.table.rowCount() == len(tab.lines)
    assert tab.verify() and "intègre" in tab.status.text()


def test_audit_tab_shows_a_broken_chain(window, tmp_path) -> None:
    view = _governance(window)
    tab = view.show_tab("audit")
    path = sqlite_path(str(window.ctx.services.engine.url))
    with sqlite3.connect(path) as c:
        c.execute("DROP TRIGGER audit_log_no_update")
        c.execute("UPDATE audit_log SET actor = 'intrus' WHERE id = 5")
    assert not tab.verify() and "n° 5" in tab.status.text()
    tab.export(str(tmp_path / "journal.csv"))
    assert (tmp_path / "journal.csv").read_text(encoding="utf-8-sig").startswith("n°;date;par")


def test_accounts_members_complaints_documents_minutes(window, tmp_path) -> None:
    services = window.ctx.services
    view = _governance(window)
    users = view.show_tab("users")
    assert "mono-utilisateur" in users.mode.text()
    assert users.add("admin", {AccountRole.ADMINISTRATOR}, "mot de passe sûr")
    assert users.table.item(0, 0).text() == "admin" and "Administrateur" in users.table.item(0, 1).text()
    services.sign_in("admin", "mot de passe sûr")

    members = view.show_tab("members")
    assert members.add("Durand", "Camille", "CH de Val-Imaginaire")
    assert members.table.item(0, 0).text() == "Camille Durand"

    complaints = view.show_tab("complaints")
    assert complaints.add(ComplaintKind.ADVERSE_EVENT, "Rappel oublié après régulation", "CPTS-NORD")
    assert complaints.table.item(0, 1).text() == "Événement indésirable"

    documents = view.show_tab("documents")
    from sas_roster.domain.registry import DocumentKind

    services.registry.add_document(DocumentKind.ADDRESSING_CHARTER, "Charte d'adressage 2027")
    documents.reload()
    source = tmp_path / "charte.pdf"
    source.write_bytes(b"%PDF-1.4 charte")
    assert documents.add_version(0, str(source))
    assert documents.table.item(0, 3).text() == "charte.pdf" and documents.check() == []

    m = services.registry.members()[0]
    body = services.registry.save_body(Body("BUR", "Bureau", BodyKind.BUREAU, (College("bureau", 1, Decimal("0.5"), (m.id,)),)))
    services.registry.save_meeting(Meeting(body.id, date(2027, 4, 2), attendance=(Attendance(m.id, True),)))
    meetings = view.show_tab("meetings")
    assert meetings.table.item(0, 2).text() == "atteint"
    pdf = meetings.write_minutes(0, str(tmp_path / "pv.pdf"))
    assert "Procès-verbal — Bureau" in PdfReader(pdf).pages[0].extract_text()


def test_a_read_only_account_sees_a_refusal(window, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    services = window.ctx.services
    services.users.add("admin", {AccountRole.ADMINISTRATOR}, "mot de passe sûr")
    services.sign_in("admin", "mot de passe sûr")
    services.users.add("lecteur", {AccountRole.READ_ONLY}, "mot de passe sûr")
    services.sign_in("lecteur", "mot de passe sûr")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    members = _governance(window).show_tab("members")
    assert not members.add("Martin", "Léa", "")
    assert "lecture seule" in shown[0] and services.registry.members() == []


def test_data_protection_tab(window, tmp_path) -> None:
    import json

    services = window.ctx.services
    tab = _governance(window).show_tab("data_protection")
    assert tab.retention.value() == 60
    assert tab.save_retention(24) and services.data_protection.retention_months() == 24
    tab.person.setCurrentIndex(0)
    assert tab.export_person(str(tmp_path / "acces.json"))
    data = json.loads((tmp_path / "acces.json").read_text(encoding="utf-8"))
    assert data["personne"]["id"] == tab.person.currentData()
    erased = tab.erase()
    assert erased is not None and "pseudonymisée" in tab.status.text()
    assert all(services.persons.get(i).pseudonymised for i in erased)


def test_login_dialog(services, qtbot) -> None:
    from ui.dialogs.login_dialog import LoginDialog, sign_in_if_needed

    assert sign_in_if_needed(services)  # single-user mode: no dialog
    services.users.add("admin", {AccountRole.ADMINISTRATOR}, "mot de passe sûr")
    dialog = LoginDialog(services)
    qtbot.addWidget(dialog)
    dialog.name.setText("admin")
    dialog.password.setText("faux")
    assert not dialog.try_sign_in() and "incorrect" in dialog.error.text()
    dialog.password.setText("mot de passe sûr")
    assert dialog.try_sign_in() and services.current_user.name == "admin"


def test_versions_tab_compares_the_months_versions(window) -> None:
    services = window.ctx.services
    view = _governance(window)
    ctx = window.ctx
    published = [r for r in services.rosters.list() if services.rosters.versions(r.year, r.month)]
    assert published
    ctx.set_month(published[0].year, published[0].month)
    tab = view.show_tab("versions")
    assert "version 1" in tab.panel.history.text()


def test_other_work_adds_a_tab(ctx, qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    from ui.views import governance

    governance.register_tab("versions", "Versions", lambda _ctx: QLabel("comparaison"))
    try:
        view = governance.GovernanceView(ctx)
        qtbot.addWidget(view)
        assert view.pages["versions"].text() == "comparaison"
    finally:
        governance._EXTRA_TABS.clear()
