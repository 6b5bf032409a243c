"""The coordinator's first week in the window: messages that belong to one month or one state
stay there, and the English interface says English words."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout

from sas_roster.domain.enums import Role
from ui import i18n


def test_run_messages_do_not_follow_the_coordinator(solved_window, qtbot):
    view = solved_window.show_view("roster")
    view.ensure_complete()
    view.progress_label.setText("Planning optimal (objectif 12)")  # what the last run said
    a = next(a for a in view.state.assignments if a.role is Role.REGULATOR and not a.pinned)
    assert view.unassign(a)  # a manual change: that message no longer describes the roster
    assert view.progress_label.text() == ""
    view.undo_stack.undo()

    view.ctx.set_month(2027, 3)  # March: published
    view.reload()
    assert view.progress_label.text().startswith("Planning publié")
    view.ctx.set_month(2027, 5)  # back to May's draft: not "published"
    view.reload()
    assert view.progress_label.text() == ""
    view.progress_label.setText("Planning optimal (objectif 12)")
    view.ctx.set_month(2027, 6)
    view.reload()
    assert view.progress_label.text() == ""


def test_the_language_combo_shows_the_saved_choice(window):
    page = window.show_view("settings").association
    page.language.set_value("en")
    assert page.save()  # saving reloads the page
    assert page.language.currentData() == "en"
    page.load()
    assert page.language.currentData() == "en"


def _form_labels(form: QFormLayout) -> list[str]:
    out = []
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if item is not None and item.widget() is not None:
            out.append(item.widget().text())
    return out


@pytest.mark.parametrize("lang, name, department, undo, cancel", [
    ("fr", "Nom", "Département", "Annuler", "Annuler"),
    ("en", "Name", "Department", "Undo", "Cancel"),
])
def test_names_cancel_and_undo_read_right(lang, name, department, undo, cancel, ctx, qtbot):
    from ui.dialogs.person_dialog import PersonDialog
    from ui.main_window import MainWindow

    i18n.install(lang)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    settings = window.show_view("settings")
    form = settings.association.name.parentWidget().layout()
    assert _form_labels(form)[:2] == [name, department]
    assert settings.reference.territories.table.horizontalHeaderItem(1).text() == name
    roster = window.show_view("roster")
    assert roster.undo_button.defaultAction().text().startswith(undo)
    dialog = PersonDialog(ctx.services)
    qtbot.addWidget(dialog)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == cancel


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("size", [(1366, 768), (1440, 900)])
def test_the_roster_shows_every_column_and_whole_names_on_a_laptop(size, lang, solved_services, qtbot):
    from PySide6.QtWidgets import QApplication

    from tests.ui.conftest import DEMO_TODAY, MONTH
    from ui.context import AppContext
    from ui.main_window import MainWindow

    i18n.install(lang)
    window = MainWindow(AppContext(solved_services, today=DEMO_TODAY, month=MONTH, lang=lang, database_label="x.db"))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    view = window.show_view("roster")
    view.ensure_complete()
    for _ in range(3):
        QApplication.processEvents()
    grid, model = view.grid, view.model
    kinds = {c.kind for c in model.columns}
    assert kinds == {"slot", "coverage", "oncall"} and len(model.columns) >= 12
    assert sum(grid.columnWidth(c) for c in range(model.columnCount())) <= grid.viewport().width()
    assert grid.horizontalScrollBar().maximum() == 0  # nothing to scroll to: every column is in view
    metrics = grid.fontMetrics()
    for c in range(model.columnCount()):
        if model.columns[c].kind == "coverage":
            continue
        widest = max(metrics.horizontalAdvance(line) for r in range(model.rowCount())
                     for line in (model.data(model.index(r, c)) or " ").splitlines())
        assert widest + 6 <= grid.columnWidth(c), (model.columns[c].title(), widest, grid.columnWidth(c))


def test_gap_explanations_follow_the_language(solved_services, qtbot):
    from tests.ui.conftest import DEMO_TODAY, MONTH
    from ui.context import AppContext
    from ui.main_window import MainWindow

    i18n.install("en")
    window = MainWindow(AppContext(solved_services, today=DEMO_TODAY, month=MONTH, lang="en", database_label="x.db"))
    qtbot.addWidget(window)
    view = window.show_view("roster")
    view.ensure_complete()
    qtbot.waitUntil(lambda: view.explained, timeout=30_000)
    assert view.side.gaps.count() and view.state.gaps
    view.side.gaps.setCurrentRow(0)
    text = view.side.explanation.toPlainText()
    assert "missing of" in text and "il manque" not in text and "Personne" not in text


@pytest.mark.parametrize("lang, regulation, consultation", [("fr", "90,00", "30,00"), ("en", "90.00", "30.00")])
def test_amounts_read_the_same_on_every_page(lang, regulation, consultation, ctx, qtbot):
    from ui.main_window import MainWindow

    i18n.install(lang)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    claims = window.show_view("claims")
    claims.reload()
    shown = {claims.rates.item(r, 1).text() for r in range(claims.rates.rowCount())}
    rates = window.show_view("settings").rates.rates
    listed = {rates.table.item(r, 1).text() for r in range(rates.table.rowCount())}
    assert {regulation, consultation} <= shown and {regulation, consultation} <= listed
    wrong = "." if lang == "fr" else ","  # amounts below 1 000: no group separator
    assert not [t for t in shown | listed if wrong in t]
