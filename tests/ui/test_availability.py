"""Availability: the grid model, painting with the mouse, saving, completeness, copying."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from sas_roster.domain.availability import AvailabilityEntry
from sas_roster.domain.calendar import month_calendar
from sas_roster.domain.enums import AvailabilityKind, PersonStatus, Role
from sas_roster.domain.person import Person
from sas_roster.domain.settings import TimeRange
from ui.models.availability import KIND_ROLE, AvailabilityGridModel, nth_weekday_twin

MAY_3 = date(2027, 5, 3)  # a Monday


def _model(services) -> AvailabilityGridModel:
    model = AvailabilityGridModel()
    model.set_month(month_calendar(services.settings.get(), 2027, 5), {Role.REGULATOR})
    return model


def test_grid_model_paints_open_hours_only_and_merges_runs(services, qapp):
    model = _model(services)
    assert (model.first_hour, model.last_hour) == (8, 20)
    assert model.rowCount() == 31 and model.columnCount() == 12
    monday = model.index(MAY_3.day - 1, 0)
    assert model.headerData(MAY_3.day - 1, Qt.Orientation.Vertical) == "lun. 3"
    for col in range(0, 4):
        assert model.paint(model.index(MAY_3.day - 1, col), AvailabilityKind.PREFERRED)
    model.paint(model.index(MAY_3.day - 1, 4), AvailabilityKind.IF_NEEDED)
    assert model.data(monday) == "S" and model.data(monday, KIND_ROLE) is AvailabilityKind.PREFERRED
    assert "disponible" not in model.data(monday, Qt.ItemDataRole.ToolTipRole)
    # 6 May 2027 is Ascension Day and 1 May a Saturday public holiday: nothing can be painted
    assert not model.paint(model.index(5, 0), AvailabilityKind.AVAILABLE)
    assert "Ascension" in model.data(model.index(5, 0), Qt.ItemDataRole.ToolTipRole)
    # Saturday 8 May 2027 is also a public holiday; Saturday 15 closes at 12h for regulators
    assert not model.paint(model.index(14, 5), AvailabilityKind.AVAILABLE)
    assert model.entries(7) == [
        AvailabilityEntry(7, MAY_3, TimeRange(time(8), time(12)), AvailabilityKind.PREFERRED),
        AvailabilityEntry(7, MAY_3, TimeRange(time(12), time(13)), AvailabilityKind.IF_NEEDED),
    ]
    assert model.dirty


def test_grid_model_loads_entries(services, qapp):
    model = _model(services)
    model.load_entries([AvailabilityEntry(1, MAY_3, TimeRange(time(14), time(20)), AvailabilityKind.UNAVAILABLE)])
    assert model.kind_at(MAY_3, 13) is None and model.kind_at(MAY_3, 14) is AvailabilityKind.UNAVAILABLE
    assert model.kind_at(MAY_3, 19) is AvailabilityKind.UNAVAILABLE
    assert not model.dirty
    assert model.entries(1) == [AvailabilityEntry(1, MAY_3, TimeRange(time(14), time(20)), AvailabilityKind.UNAVAILABLE)]


def test_nth_weekday_twin():
    assert nth_weekday_twin(date(2027, 4, 13), 2027, 5) == date(2027, 5, 11)  # 2nd Tuesday
    assert nth_weekday_twin(date(2027, 4, 1), 2027, 5) == date(2027, 5, 6)  # 1st Thursday
    assert nth_weekday_twin(date(2027, 3, 31), 2027, 4) is None  # no 5th Wednesday in April 2027


def _cell_center(grid, row: int, column: int) -> QPoint:
    return grid.visualRect(grid.model().index(row, column)).center()


def test_paint_with_the_mouse_and_save(window, services, qtbot):
    view = window.show_view("availability")
    person = view.person
    assert person is not None
    grid = view.grid
    grid.scrollToTop()
    view.set_brush(AvailabilityKind.UNAVAILABLE)
    row = MAY_3.day - 1
    view.clear_month()
    qtbot.mousePress(grid.viewport(), Qt.MouseButton.LeftButton, pos=_cell_center(grid, row, 0))
    for col in (1, 2, 3):
        # QTest's mouseMove carries no buttons: send the move with the left button held
        pos = QPointF(_cell_center(grid, row, col))
        QApplication.sendEvent(grid.viewport(), QMouseEvent(
            QEvent.Type.MouseMove, pos, grid.viewport().mapToGlobal(pos), Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    qtbot.mouseRelease(grid.viewport(), Qt.MouseButton.LeftButton, pos=_cell_center(grid, row, 3))
    assert [view.model.kind_at(MAY_3, h) for h in range(8, 13)] == [AvailabilityKind.UNAVAILABLE] * 4 + [None]
    assert view.save_button.isEnabled()
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    stored = services.availability.list_month(2027, 5, person.id)
    assert stored == [AvailabilityEntry(person.id, MAY_3, TimeRange(time(8), time(12)), AvailabilityKind.UNAVAILABLE,
                                        id=stored[0].id)]
    assert "enregistrées" in view.message.text()
    assert not view.save_button.isEnabled()


def test_clicking_a_day_paints_the_whole_day(window, services, qtbot):
    view = window.show_view("availability")
    view.set_brush(AvailabilityKind.PREFERRED)
    view.grid.verticalHeader().sectionClicked.emit(MAY_3.day - 1)
    assert all(view.model.kind_at(MAY_3, h) is AvailabilityKind.PREFERRED for h in range(8, 20))


def test_completeness_lists_who_has_not_answered(window, services, qtbot):
    silent = services.persons.add(Person("Silencieux", "Marc", frozenset({Role.OSNP}), PersonStatus.SALARIED))
    view = window.show_view("availability")
    view.reload()
    view.role_filter.set_value(Role.OSNP)
    assert "5 sur 6 — 1 sans réponse" in view.summary.text()
    view.missing_only.setChecked(True)
    assert view.people.count() == 1
    assert "Silencieux Marc" in view.people.item(0).text() and "sans réponse" in view.people.item(0).text()
    # answering removes them from the list of missing answers
    view.set_brush(AvailabilityKind.UNAVAILABLE)
    assert view.person.id == silent.id
    view.grid.verticalHeader().sectionClicked.emit(MAY_3.day - 1)
    assert view.save()
    view.reload()
    assert "6 sur 6 — 0 sans réponse" in view.summary.text()


def test_copy_previous_month_on_the_same_weekdays(window, services, qtbot):
    view = window.show_view("availability")
    p = view.person
    april = services.availability.list_month(2027, 4, p.id)
    services.availability.set_month(p.id, 2027, 5, [])
    view.reload()
    view.select_person(p.id)
    assert view.model.answered_hours() == 0
    copied = view.copy_previous_month()
    assert copied == sum(1 for e in april if nth_weekday_twin(e.day, 2027, 5))
    assert view.model.dirty and view.save_button.isEnabled()
    sample = next(e for e in april if nth_weekday_twin(e.day, 2027, 5) and view.model.is_open(
        nth_weekday_twin(e.day, 2027, 5), e.range.start.hour))
    assert view.model.kind_at(nth_weekday_twin(sample.day, 2027, 5), sample.range.start.hour) is sample.kind
    assert services.availability.list_month(2027, 5, p.id) == []  # nothing saved yet


def test_switching_person_saves_the_painting(window, services, qtbot):
    view = window.show_view("availability")
    first = view.person
    view.clear_month()
    view.set_brush(AvailabilityKind.AVAILABLE)
    view.grid.verticalHeader().sectionClicked.emit(MAY_3.day - 1)
    view.people.setCurrentRow(1)
    assert view.person.id != first.id
    stored = services.availability.list_month(2027, 5, first.id)
    assert [(e.day, e.range.start, e.range.end) for e in stored] == [(MAY_3, time(8), time(20))]


def test_import_of_availability_forms(window, services, qtbot, tmp_path):
    view = window.show_view("availability")
    p = view.person
    path = tmp_path / "dispos.csv"
    path.write_text(f"RPPS;Date;Début;Fin;Type\n{p.rpps};04/05/2027;8:00;12:00;souhaité\n", encoding="utf-8")
    dialog = view.import_forms(str(path))
    assert dialog.import_button.isEnabled(), dialog.verdict.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert view.model.kind_at(date(2027, 5, 4), 8) is AvailabilityKind.PREFERRED


def _drag(grid, qtbot, row: int, columns: list[int]) -> None:
    qtbot.mousePress(grid.viewport(), Qt.MouseButton.LeftButton, pos=_cell_center(grid, row, columns[0]))
    for col in columns[1:]:
        pos = QPointF(_cell_center(grid, row, col))
        QApplication.sendEvent(grid.viewport(), QMouseEvent(
            QEvent.Type.MouseMove, pos, grid.viewport().mapToGlobal(pos), Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    qtbot.mouseRelease(grid.viewport(), Qt.MouseButton.LeftButton, pos=_cell_center(grid, row, columns[-1]))


def test_a_fast_drag_paints_every_cell_it_flew_over(window, qtbot):
    view = window.show_view("availability")
    view.grid.scrollToTop()
    view.clear_month()
    view.set_brush(AvailabilityKind.AVAILABLE)
    _drag(view.grid, qtbot, MAY_3.day - 1, [0, 5, 11])  # the mouse is seen at 8h, 13h and 19h only
    assert [view.model.kind_at(MAY_3, h) for h in range(8, 20)] == [AvailabilityKind.AVAILABLE] * 12
    # a new press starts a new line: it does not join the last cell of the previous drag
    view.set_brush(AvailabilityKind.UNAVAILABLE)
    _drag(view.grid, qtbot, MAY_3.day, [3])
    assert view.model.kind_at(date(2027, 5, 4), 11) is AvailabilityKind.UNAVAILABLE
    assert view.model.kind_at(date(2027, 5, 4), 10) is None and view.model.kind_at(MAY_3, 19) is AvailabilityKind.AVAILABLE


def test_switching_person_says_it_saved_and_the_counters_follow(window, services, qtbot):
    view = window.show_view("availability")
    view.role_filter.set_value(Role.OSNP)
    first = view.person
    services.availability.set_month(first.id, 2027, 5, [])
    view.reload()
    before = view.summary.text()
    view.select_person(first.id)
    view.set_brush(AvailabilityKind.AVAILABLE)
    view.grid.verticalHeader().sectionClicked.emit(MAY_3.day - 1)
    view.people.setCurrentRow(1)
    assert view.message.text() == f"Disponibilités de {first.display_name} enregistrées en passant à la personne suivante."
    assert view.summary.text() != before  # one more answer counted, without reloading the page
    item = next(view.people.item(i) for i in range(view.people.count())
                if view.people.item(i).data(Qt.ItemDataRole.UserRole) == first.id)
    assert item.text().endswith("·  1 créneau déclaré")


def test_letters_and_plurals_in_english(window, services, qtbot):
    from ui import i18n

    i18n.install("en")
    view = window.show_view("availability")
    view.reload()
    view.clear_month()
    view.set_brush(AvailabilityKind.AVAILABLE)
    view.model.paint(view.model.index(MAY_3.day - 1, 0), AvailabilityKind.AVAILABLE)
    view.model.paint(view.model.index(MAY_3.day - 1, 1), AvailabilityKind.PREFERRED)
    assert view.model.data(view.model.index(MAY_3.day - 1, 0)) == "A"
    assert view.model.data(view.model.index(MAY_3.day - 1, 1)) == "P"
    assert view.save()
    texts = [view.people.item(i).text() for i in range(view.people.count())]
    assert any(t.endswith("·  2 slots declared") for t in texts) and not any("créneau" in t for t in texts)
