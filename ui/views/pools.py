"""Pools: every person in one sortable, filterable table; add, edit, deactivate, import."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
)

from sas_roster.domain.enums import PersonStatus, Role
from sas_roster.domain.errors import DomainError
from sas_roster.domain.person import Person

from .. import labels
from ..context import AppContext
from ..dialogs.import_dialog import ImportDialog
from ..dialogs.person_dialog import PersonDialog
from ..i18n import _, ngettext
from ..models.persons import PersonFilterProxy, PersonTableModel
from .base import View
from ..widgets.combo import ValueCombo


class PoolsView(View):
    key = "pools"
    topics = (AppContext.PERSONS, AppContext.SETTINGS)
    follows_month = False

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, _("Viviers"),
                         _("Régulateurs, effecteurs et OSNP de l'association. Une personne qui figure dans un "
                           "planning n'est jamais supprimée : elle est désactivée."))
        self.model = PersonTableModel()
        self.proxy = PersonFilterProxy()
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(placeholderText=_("Rechercher un nom, un RPPS, un e-mail…"), clearButtonEnabled=True)
        self.role_filter = ValueCombo()
        self.role_filter.addItem(_("Tous les rôles"), None)
        for r in Role:
            self.role_filter.addItem(labels.role_plural(r), r)
        self.status_filter = ValueCombo()
        self.status_filter.addItem(_("Tous les statuts"), None)
        for s in PersonStatus:
            self.status_filter.addItem(labels.status(s), s)
        self.territory_filter = ValueCombo()
        self.active_filter = ValueCombo()
        for text, value in ((_("Actifs"), True), (_("Inactifs"), False), (_("Actifs et inactifs"), None)):
            self.active_filter.addItem(text, value)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for combo in (self.role_filter, self.status_filter, self.territory_filter, self.active_filter):
            filters.addWidget(combo, 1)
            combo.currentIndexChanged.connect(self.apply_filters)
        self.search.textChanged.connect(self.apply_filters)
        self.body.addLayout(filters)

        self.table = QTableView(sortingEnabled=True, alternatingRowColors=True)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.body.addWidget(self.table, 1)

        self.dialog: PersonDialog | None = None  # the last one opened
        self.count_label = QLabel()
        self.message = QLabel(wordWrap=True)
        self.add_button = QPushButton(_("Ajouter…"))
        self.edit_button = QPushButton(_("Modifier…"))
        self.toggle_button = QPushButton(_("Désactiver"))
        self.import_button = QPushButton(_("Importer un fichier…"))
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_selected)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.import_button.clicked.connect(self.import_members)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label)
        actions.addStretch(1)
        for b in (self.add_button, self.edit_button, self.toggle_button, self.import_button):
            actions.addWidget(b)
        self.body.addLayout(actions)
        self.body.addWidget(self.message)

    # --- data ---------------------------------------------------------------------------------

    def reload(self) -> None:
        territories = self.ctx.services.settings.territories()
        current = self.territory_filter.currentData()
        self.territory_filter.blockSignals(True)
        self.territory_filter.clear()
        self.territory_filter.addItem(_("Tous les territoires"), None)
        for t in territories:
            self.territory_filter.addItem(f"{t.code} — {t.name}", t.code)
        self.territory_filter.setCurrentIndex(max(0, self.territory_filter.findData(current)))
        self.territory_filter.blockSignals(False)
        self.model.set_persons(self.ctx.persons(), {t.code: t.name for t in territories})
        self.table.resizeColumnsToContents()
        self.apply_filters()

    def apply_filters(self) -> None:
        self.proxy.set_filters(
            role=self.role_filter.currentData(), status=self.status_filter.currentData(),
            territory=self.territory_filter.currentData(), active=self.active_filter.currentData(),
            text=self.search.text(),
        )
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(ngettext("{shown} personne affichée sur {total}",
                                          "{shown} personnes affichées sur {total}", shown).format(shown=shown, total=total))
        self._update_buttons()

    def selected(self) -> Person | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.person(self.proxy.mapToSource(rows[0]).row())

    def select_person(self, person_id: int) -> None:
        row = self.model.row_of(person_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        p = self.selected()
        self.edit_button.setEnabled(p is not None)
        self.toggle_button.setEnabled(p is not None and not p.pseudonymised)
        self.toggle_button.setText(_("Réactiver") if p is not None and not p.active else _("Désactiver"))

    # --- actions ------------------------------------------------------------------------------

    def add_person(self) -> PersonDialog:
        return self._open_dialog(PersonDialog(self.ctx.services, None, self))

    def edit_selected(self) -> PersonDialog | None:
        p = self.selected()
        return self._open_dialog(PersonDialog(self.ctx.services, p, self)) if p else None

    def _open_dialog(self, dialog: PersonDialog) -> PersonDialog:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._saved(dialog.saved))
        dialog.open()  # window-modal, returns at once (tests drive it, the user answers it)
        return dialog

    def _saved(self, person: Person | None) -> None:
        if person is None:
            return
        self.ctx.notify(AppContext.PERSONS)
        self.ensure_loaded()
        self.select_person(person.id)
        self.message.setText(_("{name} enregistré(e).").format(name=person.display_name))

    def toggle_selected(self) -> None:
        p = self.selected()
        if p is None:
            return
        try:
            if p.active:
                answer = QMessageBox.question(
                    self, _("Désactiver"),
                    _("Désactiver {name} ? La personne ne sera plus proposée dans les plannings ; "
                      "son historique est conservé.").format(name=p.display_name))
                if answer != QMessageBox.StandardButton.Yes:
                    return
                changed = self.ctx.services.persons.deactivate(p.id, until=self.ctx.today)
            else:
                changed = self.ctx.services.persons.reactivate(p.id)
        except DomainError as exc:
            QMessageBox.warning(self, _("Viviers"), str(exc))
            return
        self.ctx.notify(AppContext.PERSONS)
        self.ensure_loaded()
        self.message.setText(_("{name} : {state}.").format(
            name=changed.display_name, state=_("désactivé(e)") if not changed.active else _("réactivé(e)")))

    def import_members(self, path: str | None = None) -> ImportDialog:
        dialog = ImportDialog(self.ctx.services, "members", self, path=path or None)
        dialog.accepted.connect(lambda: self._imported(dialog))
        dialog.open()
        return dialog

    def _imported(self, dialog: ImportDialog) -> None:
        self.ctx.notify(AppContext.PERSONS)
        self.ensure_loaded()
        self.message.setText(dialog.report.summary() if dialog.report else "")
