"""Pools: the persons table model, its filters, the person dialog and the members import."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from sas_roster.domain.enums import PersonStatus, Role
from sas_roster.domain.person import Person
from sas_roster.domain.rpps import make_rpps
from tests.ui.keys import type_text
from ui.models.persons import COLUMN_KEYS, PERSON_ROLE, PersonFilterProxy, PersonTableModel


def _col(key: str) -> int:
    return COLUMN_KEYS.index(key)


def test_model_shows_each_field_in_french(services, qapp):
    persons = services.persons.list()
    model = PersonTableModel(persons, {t.code: t.name for t in services.settings.territories()})
    assert model.rowCount() == len(persons) == 65
    retiree = next(i for i, p in enumerate(persons) if p.status is PersonStatus.RETIRED_CUMUL and p.quota)
    row = lambda key: model.data(model.index(retiree, _col(key)))  # noqa: E731
    assert row("status") == "Retraité (cumul emploi-retraite)"
    assert row("roles") == "Régulateur"
    assert "quota 240 h/an" in row("commitment") or "quota 300 h/an" in row("commitment")
    assert row("active") == "actif"
    assert model.data(model.index(retiree, 0), PERSON_ROLE) is persons[retiree]
    effector = next(i for i, p in enumerate(persons) if p.territory == "HB")
    assert model.data(model.index(effector, _col("territory")), Qt.ItemDataRole.ToolTipRole) == "CPTS du Haut-Brenne"
    assert model.headerData(_col("rpps"), Qt.Orientation.Horizontal) == "RPPS"


def test_inactive_person_is_greyed_and_filtered_out_by_default(services, qapp):
    target = services.persons.list(role=Role.OSNP)[0]
    services.persons.deactivate(target.id)
    model = PersonTableModel(services.persons.list())
    row = model.row_of(target.id)
    assert model.data(model.index(row, _col("active"))).startswith("inactif depuis le")
    assert model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole) is not None
    proxy = PersonFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters()
    assert proxy.rowCount() == model.rowCount() - 1
    proxy.set_filters(active=False)
    assert proxy.rowCount() == 1


def test_filters_by_role_status_territory_and_text(services, qapp):
    model = PersonTableModel(services.persons.list())
    proxy = PersonFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(role=Role.OSNP)
    assert proxy.rowCount() == 5
    proxy.set_filters(role=Role.REGULATOR, status=PersonStatus.LOCUM)
    assert proxy.rowCount() == 1
    proxy.set_filters(territory="TR")
    assert proxy.rowCount() == len(services.persons.list(territory="TR"))
    someone = services.persons.list()[10]
    proxy.set_filters(text=someone.rpps or someone.last_name)
    shown = {proxy.index(r, 0).data(PERSON_ROLE).id for r in range(proxy.rowCount())}
    assert someone.id in shown


def test_sorting_uses_real_values(services, qapp):
    model = PersonTableModel(services.persons.list())
    proxy = PersonFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(active=None)
    proxy.sort(_col("commitment"), Qt.SortOrder.DescendingOrder)
    top = proxy.index(0, 0).data(PERSON_ROLE)
    assert top.monthly_max_shifts == max(p.monthly_max_shifts or -1 for p in services.persons.list())


def _new_person_dialog(window, qtbot):
    pools = window.show_view("pools")
    qtbot.mouseClick(pools.add_button, Qt.MouseButton.LeftButton)
    dialog = pools.dialog
    qtbot.waitExposed(dialog)
    return pools, dialog


def test_create_a_person_through_the_dialog(window, services, qtbot):
    pools, dialog = _new_person_dialog(window, qtbot)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # a blank form cannot be saved
    type_text(qtbot, dialog.last_name, "Bérangère-Lefèvre")
    type_text(qtbot, dialog.first_name, "Hélène")
    dialog.role_boxes[Role.REGULATOR].setChecked(True)
    dialog.status.set_value(PersonStatus.RETIRED_AUTHORISED)
    dialog.quota_yearly.setValue(180)
    rpps = make_rpps("1999988877")
    qtbot.keyClicks(dialog.rpps, rpps)
    assert dialog.problems == []
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    stored = services.persons.by_rpps(rpps)
    assert stored is not None
    assert (stored.last_name, stored.first_name) == ("Bérangère-Lefèvre", "Hélène")
    assert stored.roles == frozenset({Role.REGULATOR})
    assert stored.status is PersonStatus.RETIRED_AUTHORISED and stored.quota.yearly_hours == 180
    assert pools.selected().id == stored.id  # the table reloaded and shows the new person
    assert "Hélène Bérangère-Lefèvre enregistré(e)" in pools.message.text()


def test_bad_rpps_is_refused_with_its_message(window, services, qtbot):
    _pools, dialog = _new_person_dialog(window, qtbot)
    qtbot.keyClicks(dialog.last_name, "Martin")
    dialog.role_boxes[Role.EFFECTOR].setChecked(True)
    dialog.territory.setCurrentIndex(1)  # an effector needs his territory
    good = make_rpps("1999988866")
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    qtbot.keyClicks(dialog.rpps, bad)
    assert dialog.rpps_hint.isVisible()
    assert "clé de contrôle" in dialog.rpps_hint.text()
    assert "RPPS" in dialog.problems_label.text()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.save()  # even forced, nothing is written
    assert dialog.isVisible() and services.persons.by_rpps(bad) is None
    dialog.rpps.clear()
    qtbot.keyClicks(dialog.rpps, "123")
    assert "11 chiffres attendus" in dialog.rpps_hint.text()
    dialog.rpps.setText(good)
    assert not dialog.rpps_hint.isVisible() and ok.isEnabled()


def test_duplicate_rpps_and_dates_are_flagged_live(window, services, qtbot):
    existing = services.persons.list(role=Role.REGULATOR)[0]
    _pools, dialog = _new_person_dialog(window, qtbot)
    qtbot.keyClicks(dialog.last_name, "Doublon")
    dialog.role_boxes[Role.REGULATOR].setChecked(True)
    qtbot.keyClicks(dialog.rpps, existing.rpps)
    assert "déjà enregistré" in dialog.rpps_hint.text()
    dialog.rpps.setText(make_rpps("1999977766"))
    from datetime import date

    dialog.active_from.set_value(date(2027, 5, 1))
    dialog.active_until.set_value(date(2027, 4, 1))
    assert "précède la date de début" in dialog.problems_label.text()


def test_edit_keeps_fields_the_form_does_not_show(window, services, qtbot):
    osnp = next(p for p in services.persons.list(role=Role.OSNP) if p.contracts)
    pools = window.show_view("pools")
    pools.select_person(osnp.id)
    dialog = pools.edit_selected()
    dialog.phone.setText("06 00 00 00 01")
    dialog.save()
    stored = services.persons.get(osnp.id)
    assert stored.phone == "06 00 00 00 01"
    assert stored.contracts == osnp.contracts and stored.trainings == osnp.trainings


def test_deactivate_and_reactivate(window, services, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    pools = window.show_view("pools")
    target: Person = pools.model.person(0)
    pools.select_person(target.id)
    assert pools.toggle_button.text() == "Désactiver"
    pools.toggle_selected()
    assert not services.persons.get(target.id).active
    assert pools.model.row_of(target.id) is not None and pools.proxy.rowCount() == 64  # hidden: active only
    pools.active_filter.setCurrentIndex(pools.active_filter.findData(False))
    pools.select_person(target.id)
    assert pools.toggle_button.text() == "Réactiver"
    pools.toggle_selected()
    assert services.persons.get(target.id).active


def _members_csv(path, rows: list[str]) -> str:
    header = "Nom;Prénom;Rôles;Statut;RPPS;Territoire;Secteur"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return str(path)


def test_import_refused_lists_french_problems(window, services, qtbot, tmp_path):
    pools = window.show_view("pools")
    good = make_rpps("1999966655")
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    path = _members_csv(tmp_path / "membres.csv", [
        f"NOUVEAU;Jean;régulateur;libéral installé;{make_rpps('1999966644')};;1",
        f"FAUX;Paul;effecteur;libéral installé;{bad};ZZ;1",
    ])
    before = len(services.persons.list())
    dialog = pools.import_members(path)
    assert not dialog.import_button.isEnabled()
    assert "Import refusé" in dialog.verdict.text()
    assert dialog.problems.rowCount() >= 2
    cells = [dialog.problems.item(r, 2).text() for r in range(dialog.problems.rowCount())]
    assert any("clé de contrôle" in c for c in cells)
    assert any("ZZ" in c for c in cells)
    assert dialog.problems.item(0, 0).text() != ""  # the row is named
    assert len(services.persons.list()) == before


def test_import_previews_then_writes(window, services, qtbot, tmp_path):
    pools = window.show_view("pools")
    rpps = make_rpps("1999966633")
    path = _members_csv(tmp_path / "membres.csv", [f"NOUVEAU;Jean;régulateur;libéral installé;{rpps};;1"])
    dialog = pools.import_members(path)
    assert dialog.import_button.isEnabled()
    assert "1 personne serait créée" in dialog.preview.toPlainText()
    assert services.persons.by_rpps(rpps) is None  # the preview wrote nothing
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert services.persons.by_rpps(rpps) is not None
    assert pools.model.rowCount() == 66
    assert "Import terminé" in pools.message.text()


def test_the_rpps_message_is_whole_and_overlaps_nothing(window, qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    _pools, dialog = _new_person_dialog(window, qtbot)
    qtbot.keyClicks(dialog.last_name, "Martin")
    dialog.role_boxes[Role.REGULATOR].setChecked(True)
    good = make_rpps("1999988866")
    qtbot.keyClicks(dialog.rpps, good[:-1] + str((int(good[-1]) + 1) % 10))  # a message long enough to wrap
    for _ in range(3):  # the layout settles as it would on screen
        QApplication.processEvents()
    hint = dialog.rpps_hint
    assert hint.isVisible() and hint.text()
    assert hint.height() >= hint.heightForWidth(hint.width())  # every line of it shown

    def box(w):
        top_left = w.mapTo(dialog, QPoint(0, 0))
        return top_left.y(), top_left.y() + w.height()

    assert box(hint)[1] <= box(dialog.sector)[0]  # above the next field, not under it
    assert box(dialog.rpps)[1] <= box(hint)[0]
