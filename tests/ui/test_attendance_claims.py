"""The Présences and États et paiements views on the demo's published month (March 2027)."""

from __future__ import annotations

from decimal import Decimal

from pypdf import PdfReader
from PySide6.QtWidgets import QComboBox

from sas_roster.domain.enums import AttendanceStatus


def _attendance(window):
    window.ctx.set_month(2027, 3)
    return window.show_view("attendance")


def test_open_record_all_present_and_confirm(window, services, qtbot):
    view = _attendance(window)
    assert "ouvrez le mois" in view.state.text()
    qtbot.mouseClick(view.open_button, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton)
    n = len(services.attendance.list_month(2027, 3))
    assert n > 50 and view.table.rowCount() == n
    # One shift absent, through its combo box.
    combo = view.table.cellWidget(0, 4)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(AttendanceStatus.ABSENT))
    assert services.attendance.list_month(2027, 3)[0].status is AttendanceStatus.ABSENT
    # Confirming now is refused, with the open lines named.
    view.confirm()
    assert "Confirmation refusée" in view.state.text()
    assert services.attendance.confirmation(2027, 3) is None
    # Replaced without choosing someone: refused in French, nothing stored.
    combo = view.table.cellWidget(1, 4)
    combo.setCurrentIndex(combo.findData(AttendanceStatus.REPLACED))
    assert "remplaçant" in view.state.text()
    assert services.attendance.list_month(2027, 3)[1].status is AttendanceStatus.PLANNED
    for day in sorted({ln.day for ln in view.lines}):
        row = next(i for i, ln in enumerate(view.lines) if ln.day == day)
        view.table.setCurrentCell(row, 0)
        view.all_present()
    assert all(not ln.open for ln in services.attendance.list_month(2027, 3))
    view.confirm()
    assert services.attendance.confirmation(2027, 3) is not None and "Confirmé" in view.state.text()
    assert not view.confirm_button.isEnabled()


def test_claims_view_shows_statements_and_exports_them(window, services, tmp_path):
    lines = services.attendance.open_month(2027, 3)
    for day in sorted({ln.day for ln in lines}):
        services.attendance.all_present(2027, 3, day)
    services.attendance.confirm(2027, 3, actor="Trésorière")
    window.ctx.set_month(2027, 3)
    view = window.show_view("claims")
    computed = services.claims.regulation(2027, 3)
    assert view.statements.rowCount() == len(computed) > 3
    assert view.statements.item(0, 0).text() == "non exporté"
    written = view.export_to(tmp_path)
    issued = services.claims.issued("2027-03")
    assert len(issued) == len(computed) and view.statements.item(0, 0).text() == issued[0].number
    assert any(p.name.startswith("recapitulatif") and p.suffix == ".pdf" for p in written)
    assert "Récapitulatif" in PdfReader(next(p for p in written if p.suffix == ".pdf" and "recap" in p.name)).pages[0].extract_text()
    budget = {view.budget.item(r, 0).text(): r for r in range(view.budget.rowCount())}
    spent = view.budget.item(budget["Enveloppe ville (Assurance maladie)"], 3).text()
    cpam = sum((st.total for st in issued if st.payer.value == "health_insurance"), Decimal(0))
    assert spent.endswith("€")  # French: "23 760,00 €" with the narrow and no-break spaces of Babel
    assert "".join(c for c in spent if c.isdigit() or c == ",").replace(",", ".") == f"{cpam:.2f}"
