"""Roster: the grid model, manual changes checked at once with undo/redo, the engine run from
the button off the GUI thread (finished and cancelled), a cancellation's replacement, publishing."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from sas_roster.domain.enums import Role, RosterStatus
from ui.views.roster.model import ASSIGNMENTS_ROLE, COVERAGE_ROLE, STATE_ROLE, WARNING_MARK

MAY_4 = date(2027, 5, 4)  # a Tuesday


def _roster(window, qtbot=None):
    view = window.show_view("roster")
    assert view.state is not None, view.summary.text()
    view.ensure_complete()  # the full evaluation follows the first look as soon as the loop is free
    assert view.state.complete
    return view


def _column(view, kind: str, role: Role, start_hour: int | None = None, territory: str | None = None) -> int:
    return next(i for i, c in enumerate(view.model.columns) if c.kind == kind and c.role is role
                and (start_hour is None or (c.start and c.start.hour == start_hour))
                and (territory is None or c.territory == territory))


def _undeclared_regulator(view, day: date) -> int:
    """A regulator who declared no availability that day (opt-in: assigning him breaks a rule)."""
    declared = {e.person_id for e in view.ctx.services.availability.list_month(2027, 5) if e.day == day}
    return next(p.id for p in view.ctx.services.persons.list(role=Role.REGULATOR) if p.id not in declared)


def test_grid_columns_rows_and_cpts_rota(window, qtbot):
    view = _roster(window)
    model = view.model
    titles = [c.title() for c in model.columns]
    assert titles[0] == "Régulateur\n8h–12h"
    assert "Couverture\nRégulateur" in titles and "Astreinte\nBM" in titles
    assert model.days[0] == date(2027, 5, 3)  # 1 May is a public holiday, 2 May a Sunday
    assert date(2027, 5, 6) not in model.days  # Ascension Day
    bm = _column(view, "oncall", Role.EFFECTOR, territory="BM")
    cell = model.data(model.index(0, bm), ASSIGNMENTS_ROLE)
    assert len(cell) == 1 and cell[0].fixed_by_cpts
    assert "(CPTS)" in model.data(model.index(0, bm))
    # nothing solved yet: no wall of red, the hint says to compute the month
    reg = _column(view, "slot", Role.REGULATOR, 8)
    assert model.unsolved
    assert model.data(model.index(0, reg), STATE_ROLE) == "empty"
    assert model.data(model.index(0, reg)) == ""
    coverage = model.data(model.index(0, _column(view, "coverage", Role.REGULATOR)), COVERAGE_ROLE)
    assert coverage[0] == (8, 0, 2) and coverage[1] == (9, 0, 3)  # Monday peak of the demo
    assert view.side.gaps.count() == 1 and "Calculer le planning" in view.side.gaps.item(0).text()
    assert "Appuyez sur « Calculer le planning »" in view.summary.text() and "couverture" not in view.summary.text()
    # one manual assignment: now the month is being built, and what is missing shows in red
    other = _column(view, "slot", Role.REGULATOR, 12)
    assert view.assign(model.row_of(MAY_4), other, _undeclared_regulator(view, MAY_4))
    assert not model.unsolved and model.data(model.index(0, reg), STATE_ROLE) == "uncovered"
    assert model.data(model.index(0, reg)).startswith("manque")
    assert view.side.gaps.count() == len(view.state.gaps) > 0
    qtbot.waitUntil(lambda: view.explained, timeout=30_000)  # computed on a worker thread
    view.side.gaps.setCurrentRow(0)
    assert "il manque" in view.side.explanation.toPlainText()
    tip = model.data(model.index(0, reg), Qt.ItemDataRole.ToolTipRole)
    assert "Personne n'a pu le prendre" in tip or "Libres" in tip


def test_manual_change_breaking_a_rule_is_flagged_then_undone(window, services):
    view = _roster(window)
    row = view.model.row_of(MAY_4)
    column = _column(view, "slot", Role.REGULATOR, 12)
    person = _undeclared_regulator(view, MAY_4)
    assert view.assign(row, column, person)
    stored = [a for a in services.rosters.assignments(2027, 5) if a.person_id == person]
    assert len(stored) == 1  # not silently refused: stored, and flagged
    index = view.model.index(row, column)
    assert view.model.data(index, STATE_ROLE) == "violation"
    assert view.model.data(index).startswith(WARNING_MARK)
    assert "Disponibilités déclarées" in view.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert view.side.tabText(1) == "Règles (1)"
    assert "Disponibilités déclarées" in view.side.violations.item(0).text()
    assert "règles enfreintes : 1" in view.summary.text()
    view.undo_stack.undo()
    assert [a for a in services.rosters.assignments(2027, 5) if a.person_id == person] == []
    assert view.model.data(view.model.index(row, column), STATE_ROLE) != "violation"
    assert view.side.tabText(1) == "Règles (0)"
    view.undo_stack.redo()
    assert view.side.tabText(1) == "Règles (1)"


def test_assign_dialog_ranks_candidates_and_assigns(window, services, qtbot):
    view = _roster(window)
    row, column = view.model.row_of(MAY_4), _column(view, "slot", Role.REGULATOR, 8)
    dialog = view.open_assign_dialog(row, column)
    candidates = dialog.table.candidates
    assert candidates and candidates[0].ok
    assert [c.ok for c in candidates] == sorted((c.ok for c in candidates), reverse=True)
    refused = next(c for c in candidates if not c.ok)
    assert refused.reasons  # every excluded person comes with a French reason
    dialog.table.select_person(refused.person)
    assert dialog.ok.text() == "Affecter quand même" and refused.reasons[0] in dialog.warning.text()
    dialog.table.select_person(candidates[0].person)
    assert dialog.ok.text() == "Affecter"
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    cell = view.model.assignments_at(row, column)
    assert int(candidates[0].person) in {a.person_id for a in cell}
    assert view.model.data(view.model.index(row, column), STATE_ROLE) != "violation"


def test_move_and_pin_with_undo(window, services):
    view = _roster(window)
    row, column = view.model.row_of(MAY_4), _column(view, "slot", Role.REGULATOR, 8)
    person = _undeclared_regulator(view, MAY_4)
    view.assign(row, column, person)
    a = view.model.assignments_at(row, column)[0]
    target = _column(view, "slot", Role.REGULATOR, 16)
    assert view.move(a, row, target)
    moved = [x for x in services.rosters.assignments(2027, 5) if x.person_id == person]
    assert [(x.day, x.template_code) for x in moved] == [(MAY_4, "REG-S")]
    assert view.set_pinned(moved[0], True)
    assert [x.pinned for x in services.rosters.assignments(2027, 5) if x.person_id == person] == [True]
    assert "⚑" in view.model.data(view.model.index(row, target))
    view.undo_stack.undo()  # unpin
    view.undo_stack.undo()  # move back
    back = [x for x in services.rosters.assignments(2027, 5) if x.person_id == person]
    assert [(x.template_code, x.pinned) for x in back] == [("REG-M", False)]
    assert view.undo_stack.undoText() == f"Affecter {services.persons.get(person).short_name}"


def test_cell_menu_offers_the_actions(window):
    view = _roster(window)
    row, column = view.model.row_of(MAY_4), _column(view, "slot", Role.REGULATOR, 8)
    view.assign(row, column, _undeclared_regulator(view, MAY_4))
    texts = [a.text() for a in view.cell_menu(row, column).actions()]
    assert texts[0] == "Affecter…"
    sub = view.cell_menu(row, column).actions()[1].menu()
    assert [a.text() for a in sub.actions()] == ["Remplacer (désistement)…", "Déplacer…", "Épingler", "Retirer"]
    bm_row, bm = 0, _column(view, "oncall", Role.EFFECTOR, territory="BM")
    cpts_sub = view.cell_menu(bm_row, bm).actions()[-1].menu()
    assert not cpts_sub.actions()[0].isEnabled()  # the CPTS rota is changed by importing it again


@pytest.mark.slow
def test_solve_through_the_button_off_the_gui_thread(window, services, qtbot):
    view = _roster(window)
    view.time_limit.setValue(5)
    cpts = len(services.rosters.assignments(2027, 5))
    progress = []
    view.job.progress.connect(progress.append)
    with qtbot.waitSignal(view.solve_finished, timeout=90_000) as finished:
        qtbot.mouseClick(view.solve_button, Qt.MouseButton.LeftButton)
        assert view.job.running and not view.solve_button.isEnabled() and view.cancel_button.isEnabled()
        assert not view.assign(0, 0, _undeclared_regulator(view, view.model.days[0]))  # no edit while solving
    solution = finished.args[0]
    assert solution.has_roster and not solution.cancelled
    assert progress and progress[-1].objective is not None
    stored = services.rosters.assignments(2027, 5)
    assert len(stored) > cpts + 100
    view.ensure_complete()
    assert view.state.complete and view.state.uncovered_hours == solution.uncovered_hours
    assert view.state.violations == []  # the engine's roster passes the independent check
    assert "affectation" in view.progress_label.text()
    assert view.solve_button.isEnabled() and not view.job.running
    view.undo_stack.undo()  # the solve is undoable: back to the CPTS rota alone
    assert len(services.rosters.assignments(2027, 5)) == cpts


@pytest.mark.slow
def test_cancel_a_running_solve_keeps_the_best_roster(window, services, qtbot):
    view = _roster(window)
    view.time_limit.setValue(120)
    with qtbot.waitSignal(view.job.progress, timeout=60_000):
        view.solve()
    with qtbot.waitSignal(view.solve_finished, timeout=60_000) as finished:
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    solution = finished.args[0]
    assert solution.cancelled and solution.has_roster
    assert solution.status in ("feasible", "optimal")
    stored = services.rosters.assignments(2027, 5)
    assert len(stored) >= len(solution.assignments)  # the best roster found was kept
    assert "arrêté à la demande" in view.progress_label.text()
    assert view.solve_button.isEnabled()


def test_publish_asks_with_no_as_default_and_makes_the_grid_read_only(window, services, monkeypatch):
    view = _roster(window)
    row, column = view.model.row_of(MAY_4), _column(view, "slot", Role.REGULATOR, 8)
    view.assign(row, column, _undeclared_regulator(view, MAY_4))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.No)
    view.publish()  # the coordinator answers « Non » (the default): nothing happens
    assert view.dialog.defaultButton() is view.dialog.button(QMessageBox.StandardButton.No)
    assert f"{view.state.uncovered_hours} heure(s) demandée(s) non couverte(s)" in view.dialog.text()
    assert services.rosters.get(2027, 5).status is RosterStatus.DRAFT
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    view.publish()
    assert services.rosters.get(2027, 5).status is RosterStatus.PUBLISHED
    assert services.rosters.version(2027, 5).published_by == "test-coordinatrice"
    assert "publié (version 1)" in view.status_label.text()
    assert not view.solve_button.isEnabled() and view.publish_button.isHidden()
    assert view.amend_button.isEnabled() and not view.publish_amendment_button.isEnabled()
    assert not view.assign(row, column, _undeclared_regulator(view, MAY_4))
    assert view.cell_menu(row, column).isEmpty()


def _regulator_assignment(view):
    return next(a for a in view.state.assignments if a.role is Role.REGULATOR and not a.pinned)


def test_replace_by_hand_from_ranked_candidates(solved_window, solved_services, qtbot):
    view = _roster(solved_window)
    a = _regulator_assignment(view)
    dialog = view.open_replace_dialog(a)
    best = dialog.table.candidates[0]
    assert best.ok and int(best.person) != a.person_id
    dialog.table.select_person(best.person)
    qtbot.mouseClick(dialog.pick, Qt.MouseButton.LeftButton)
    same_slot = [x for x in solved_services.rosters.assignments(2027, 5)
                 if (x.day, x.template_code) == (a.day, a.template_code)]
    assert int(best.person) in {x.person_id for x in same_slot} and a.person_id not in {x.person_id for x in same_slot}
    assert view.undo_stack.undoText().startswith("Déplacer")


@pytest.mark.slow
def test_cancellation_minimal_resolve(solved_window, solved_services, qtbot):
    view = _roster(solved_window)
    a = _regulator_assignment(view)
    before = {x.key() for x in solved_services.rosters.assignments(2027, 5)}
    dialog = view.open_replace_dialog(a)
    with qtbot.waitSignal(view.replacement_ready, timeout=60_000) as ready:
        qtbot.mouseClick(dialog.resolve, Qt.MouseButton.LeftButton)
    result = ready.args[0]
    text = dialog.result.toPlainText()
    assert "Annulation de" in text and dialog.apply.isEnabled()
    # in the coordinator's words: the name, the shift's label and hours, the date in full
    person = solved_services.persons.get(a.person_id)
    tpl = next(t for t in view.state.templates if t.code == a.template_code)
    assert text.splitlines()[0].startswith(f"Annulation de {person.display_name} : {tpl.label} ")
    assert a.day.isoformat() not in text and a.template_code not in text.replace(tpl.label, "")
    qtbot.mouseClick(dialog.apply, Qt.MouseButton.LeftButton)
    after = {x.key() for x in solved_services.rosters.assignments(2027, 5)}
    assert a.key() not in after
    assert len(before ^ after) == result.changes <= 6  # the rest of the month stays as it was
    view.undo_stack.undo()
    assert {x.key() for x in solved_services.rosters.assignments(2027, 5)} == before


def test_hours_against_target_and_their_spread(solved_window):
    view = _roster(solved_window)
    side = view.side
    with_target = [x for x in view.state.loads if x.target_minutes]
    assert side.loads.rowCount() == len([x for x in view.state.loads if x.minutes or x.target_minutes])
    assert sum(side.spread) == len(with_target) > 0
    ratios = [side.loads.item(r, 3).data(Qt.ItemDataRole.UserRole) for r in range(side.loads.rowCount())]
    assert ratios == sorted(ratios)  # the furthest below target first
    first = min(with_target, key=lambda x: x.minutes / x.target_minutes)
    assert side.loads.item(0, 0).text() == first.name
    assert side.loads.item(0, 2).text() == f"{first.target_minutes // 60} h"


def test_drag_a_name_onto_another_cell_moves_it(window, services):
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QDropEvent

    from ui.views.roster.grid import encode

    view = _roster(window)
    row, column = view.model.row_of(MAY_4), _column(view, "slot", Role.REGULATOR, 8)
    person = _undeclared_regulator(view, MAY_4)
    view.assign(row, column, person)
    a = view.model.assignments_at(row, column)[0]
    assert view.grid.assignment_at(view.grid.visualRect(view.model.index(row, column)).center()) == a
    target = _column(view, "slot", Role.REGULATOR, 12)
    view.grid.scrollTo(view.model.index(row, target))
    pos = QPointF(view.grid.visualRect(view.model.index(row, target)).center())
    payload = encode(a)  # kept alive: the event does not own it
    drop = QDropEvent(pos, Qt.DropAction.MoveAction, payload, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      QEvent.Type.Drop)
    # Qt delivers a drop only inside a real drag session (QDrag.exec, which blocks): the
    # grid's handler is called as Qt would call it at the end of one.
    view.grid.dragMoveEvent(drop)
    assert drop.isAccepted()
    view.grid.dropEvent(drop)
    moved = [x for x in services.rosters.assignments(2027, 5) if x.person_id == person]
    assert [(x.day, x.template_code) for x in moved] == [(MAY_4, "REG-A")]
    assert view.undo_stack.undoText().startswith("Déplacer")
    # a coverage column takes nobody
    coverage = _column(view, "coverage", Role.REGULATOR)
    assert not view._can_drop(row, coverage)


@pytest.mark.slow
def test_a_withdrawal_after_publication_becomes_version_two(solved_window, solved_services, qtbot, monkeypatch):
    view = _roster(solved_window)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.publish_button, Qt.MouseButton.LeftButton)
    v1 = solved_services.rosters.version(2027, 5)
    assert v1.number == 1
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Désistement (enfant malade)", True))
    qtbot.mouseClick(view.amend_button, Qt.MouseButton.LeftButton)
    assert view.editable and "avenant en cours" in view.status_label.text()
    a = _regulator_assignment(view)
    dialog = view.open_replace_dialog(a)
    with qtbot.waitSignal(view.replacement_ready, timeout=60_000):
        qtbot.mouseClick(dialog.resolve, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.apply, Qt.MouseButton.LeftButton)
    assert solved_services.rosters.version(2027, 5) == v1  # nothing published yet
    qtbot.mouseClick(view.publish_amendment_button, Qt.MouseButton.LeftButton)
    v2 = solved_services.rosters.version(2027, 5)
    assert (v2.number, v2.reason, v2.published_by) == (2, "Désistement (enfant malade)", "test-coordinatrice")
    diff = solved_services.rosters.diff(2027, 5, 1, 2)
    lost = diff.for_person(a.person_id).lost
    assert [(x.day, x.template_code) for x in lost] == [(a.day, a.template_code)]
    takers = [c.person_id for c in diff.persons if any((g.day, g.template_code) == (a.day, a.template_code)
                                                       for g in c.gained)]
    assert a.person_id not in takers
    assert not view.publish_amendment_button.isEnabled() and "publié (version 2)" in view.status_label.text()
    view.show_versions()
    assert "version 2" in view.dialog.history.text() and "Désistement (enfant malade)" in view.dialog.history.text()
    assert view.dialog.describe(diff).count("\n") >= 1
    view.dialog.close()


def test_a_bridge_day_after_publication_warns_and_offers_the_amendment(window, services, monkeypatch):
    import dataclasses

    from sas_roster.domain.settings import BridgeDay

    view = _roster(window)
    friday = date(2027, 5, 14)
    row, column = view.model.row_of(friday), _column(view, "slot", Role.REGULATOR, 8)
    view.assign(row, column, _undeclared_regulator(view, friday))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    view.publish()
    v1 = services.rosters.version(2027, 5)
    settings = services.settings.get()
    services.settings.save(dataclasses.replace(settings, bridge_days=[*settings.bridge_days, BridgeDay(friday)]))
    view.ctx.notify(view.ctx.SETTINGS)
    view.reload()
    view.refresh_now()
    assert services.rosters.version(2027, 5) == v1  # the published version is as it was
    assert view.conflicts_label.isVisible()
    assert "vendredi 14 mai est désormais sans continuité" in view.conflicts_label.text()
    assert "un avenant est nécessaire" in view.conflicts_label.text()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("pont du 14 mai", True))
    view.drop_conflicts_button.click()
    assert friday not in {a.day for a in services.rosters.assignments(2027, 5) if not a.fixed_by_cpts}
    assert services.rosters.version(2027, 5) == v1
    assert view.publish_amendment_button.isEnabled()
