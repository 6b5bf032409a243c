"""Availability: who answered for the month (and who did not), and each person's month as a
grid painted with the mouse — available, preferred, if needed, unavailable."""

from __future__ import annotations

import dataclasses
from collections import Counter

from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sas_roster.domain.calendar import month_calendar
from sas_roster.domain.enums import AvailabilityKind, Role
from sas_roster.domain.errors import DomainError
from sas_roster.domain.person import Person
from sas_roster.domain.settings import AssociationSettings

from .. import labels
from ..context import AppContext, next_month
from ..dialogs.import_dialog import ImportDialog
from ..i18n import _, ngettext
from ..models.availability import AvailabilityGridModel, nth_weekday_twin
from ..theme import AVAILABILITY_FILL
from ..widgets.combo import ValueCombo
from .base import View

PERSON_ID = Qt.ItemDataRole.UserRole
ERASE = "erase"


class PaintGrid(QTableView):
    """A table painted with the mouse: press and drag over cells to give them the brush's kind."""

    def __init__(self, model: AvailabilityGridModel) -> None:
        super().__init__()
        self.setModel(model)
        self.brush: AvailabilityKind | None = AvailabilityKind.AVAILABLE
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(22)
        self.verticalHeader().sectionClicked.connect(lambda row: model.paint_day(row, self.brush))
        self.setMouseTracking(False)
        self._last = QPersistentModelIndex()

    def _paint_at(self, pos) -> None:
        index = self.indexAt(pos)
        # From the last cell painted, so that a fast drag paints the cells it flew over too.
        self.model().paint_line(self._last, index, self.brush)
        if index.isValid():
            self._last = QPersistentModelIndex(index)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._last = QPersistentModelIndex()
            self._paint_at(event.position().toPoint())
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._paint_at(event.position().toPoint())
        else:
            super().mouseMoveEvent(event)


def swatch(color: QColor) -> QIcon:
    pix = QPixmap(14, 14)
    pix.fill(color)
    return QIcon(pix)


class AvailabilityView(View):
    key = "availability"
    topics = (AppContext.PERSONS, AppContext.AVAILABILITY, AppContext.SETTINGS)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, _("Disponibilités"),
                         _("Choisissez une personne, un type de disponibilité, puis peignez les heures à la souris "
                           "(un clic sur un jour remplit toute la journée)."))
        self.import_button = QPushButton(_("Importer des formulaires…"))
        self.import_button.clicked.connect(self.import_forms)
        self.header.addWidget(self.import_button)
        self.person: Person | None = None
        self.persons: dict[int, Person] = {}
        self.answered: Counter[int] = Counter()

        # left: who answered
        self.role_filter = ValueCombo()
        for r in (Role.REGULATOR, Role.OSNP, Role.EFFECTOR):
            self.role_filter.addItem(labels.role_plural(r), r)
        self.missing_only = QCheckBox(_("Sans réponse seulement"))
        self.summary = QLabel(wordWrap=True)
        self.people = QListWidget()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.role_filter)
        lv.addWidget(self.missing_only)
        lv.addWidget(self.summary)
        lv.addWidget(self.people, 1)

        # right: the grid of one person
        self.person_title = QLabel(objectName="viewTitle")
        self.model = AvailabilityGridModel()
        self.grid = PaintGrid(self.model)
        self.brushes = QButtonGroup(self)
        palette = QHBoxLayout()
        palette.addWidget(QLabel(_("Pinceau :")))
        for kind in (AvailabilityKind.AVAILABLE, AvailabilityKind.PREFERRED, AvailabilityKind.IF_NEEDED,
                     AvailabilityKind.UNAVAILABLE):
            b = QPushButton(swatch(AVAILABILITY_FILL[kind]), labels.availability(kind), checkable=True)
            b.setProperty("kind", kind.value)
            self.brushes.addButton(b)
            palette.addWidget(b)
        eraser = QPushButton(_("Gomme"), checkable=True)
        eraser.setProperty("kind", ERASE)
        self.brushes.addButton(eraser)
        palette.addWidget(eraser)
        palette.addStretch(1)
        self.brushes.buttons()[0].setChecked(True)
        self.brushes.buttonClicked.connect(self._choose_brush)
        self.copy_button = QPushButton(_("Copier le mois précédent"))
        self.clear_button = QPushButton(_("Tout effacer"))
        self.revert_button = QPushButton(_("Annuler les modifications"))
        self.save_button = QPushButton(_("Enregistrer"))
        self.message = QLabel(wordWrap=True)
        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        for b in (self.copy_button, self.clear_button, self.revert_button, self.save_button):
            actions.addWidget(b)
        self.copy_button.clicked.connect(self.copy_previous_month)
        self.clear_button.clicked.connect(self.clear_month)
        self.revert_button.clicked.connect(self._load_person_grid)
        self.save_button.clicked.connect(self.save)
        self.model.edited.connect(self._update_buttons)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(8, 0, 0, 0)
        rv.addWidget(self.person_title)
        rv.addLayout(palette)
        rv.addWidget(self.grid, 1)
        rv.addLayout(actions)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 1000])
        self.body.addWidget(splitter, 1)

        self.role_filter.currentIndexChanged.connect(self._fill_people)
        self.missing_only.toggled.connect(self._fill_people)
        self.people.currentItemChanged.connect(self._on_person)

    # --- data ---------------------------------------------------------------------------------

    def reload(self) -> None:
        s = self.ctx.services
        self.settings = s.settings.get() or AssociationSettings(name="")
        self.calendar = month_calendar(self.settings, self.ctx.year, self.ctx.month)
        self.persons = {p.id: p for p in s.persons.list(active=True)}
        self.answered = Counter(e.person_id for e in s.availability.list_month(self.ctx.year, self.ctx.month))
        self._fill_people()

    def _fill_people(self) -> None:
        role = self.role_filter.value()
        keep = self.person.id if self.person else None
        candidates = sorted((p for p in self.persons.values() if role in p.roles),
                            key=lambda p: (p.last_name.casefold(), p.first_name.casefold()))
        self._show_summary(candidates)
        self.people.blockSignals(True)
        self.people.clear()
        for p in candidates:
            if self.missing_only.isChecked() and self.answered[p.id]:
                continue
            item = QListWidgetItem(self._person_text(p))
            item.setData(PERSON_ID, p.id)
            item.setForeground(QColor("#1b5e20") if self.answered[p.id] else QColor("#a11414"))
            self.people.addItem(item)
        self.people.blockSignals(False)
        row = next((i for i in range(self.people.count()) if self.people.item(i).data(PERSON_ID) == keep), 0)
        if self.people.count():
            self.people.setCurrentRow(row)
            self._on_person(self.people.currentItem(), None, autosave=False)
        else:
            self.person = None
            self.person_title.setText(_("Personne à afficher"))

    def _show_summary(self, candidates: list[Person] | None = None) -> None:
        role = self.role_filter.value()
        if candidates is None:
            candidates = [p for p in self.persons.values() if role in p.roles]
        done = sum(1 for p in candidates if self.answered[p.id])
        self.summary.setText(_("Réponses pour {month} : {done} sur {total} — {missing} sans réponse").format(
            month=labels.month_title(self.ctx.year, self.ctx.month), done=done, total=len(candidates),
            missing=len(candidates) - done))

    def _person_text(self, p: Person) -> str:
        n = self.answered[p.id]
        mark = "✓" if n else "—"
        state = ngettext("{n} créneau déclaré", "{n} créneaux déclarés", n).format(n=n) if n else _("sans réponse")
        return f"{mark}  {p.last_name} {p.first_name}  ·  {state}"

    def select_person(self, person_id: int) -> None:
        role = next((r for r in (Role.REGULATOR, Role.OSNP, Role.EFFECTOR) if r in self.persons[person_id].roles), None)
        if self.role_filter.value() not in self.persons[person_id].roles:
            self.role_filter.set_value(role)
        self.missing_only.setChecked(False)
        for i in range(self.people.count()):
            if self.people.item(i).data(PERSON_ID) == person_id:
                self.people.setCurrentRow(i)
                return

    def _on_person(self, current: QListWidgetItem | None, _previous=None, autosave: bool = True) -> None:
        saved = None
        if autosave and self.person is not None and self.model.dirty:
            # Leaving a person with changes saves them, and says so (never silently).
            if not self.save():  # refused: stay on that person, the reason is shown
                self.people.blockSignals(True)
                self.people.setCurrentRow(next((i for i in range(self.people.count())
                                                if self.people.item(i).data(PERSON_ID) == self.person.id), -1))
                self.people.blockSignals(False)
                return
            saved = self.person
        self.person = self.persons.get(current.data(PERSON_ID)) if current else None
        self._load_person_grid()
        if saved is not None:
            self.message.setText(_("Disponibilités de {name} enregistrées en passant à la personne suivante.").format(
                name=saved.display_name))

    def _load_person_grid(self) -> None:
        p = self.person
        if p is None:
            return
        self.person_title.setText(f"{p.display_name} — {labels.roles(p.roles)}")
        self.model.set_month(self.calendar, p.roles)
        self.model.load_entries(self.ctx.services.availability.list_month(self.ctx.year, self.ctx.month, p.id))
        self.message.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.person is not None and self.model.dirty)
        self.revert_button.setEnabled(self.model.dirty)

    def _choose_brush(self, button) -> None:
        kind = button.property("kind")
        self.grid.brush = None if kind == ERASE else AvailabilityKind(kind)

    def set_brush(self, kind: AvailabilityKind | None) -> None:
        wanted = ERASE if kind is None else kind.value
        button = next(b for b in self.brushes.buttons() if b.property("kind") == wanted)
        button.setChecked(True)
        self._choose_brush(button)

    # --- actions ------------------------------------------------------------------------------

    def save(self) -> bool:
        p = self.person
        if p is None:
            return False
        entries = self.model.entries(p.id)
        try:
            self.ctx.services.availability.set_month(p.id, self.ctx.year, self.ctx.month, entries)
        except DomainError as exc:
            self.message.setText(str(exc))
            return False
        self.model.dirty = False
        self.answered[p.id] = len(entries)
        for i in range(self.people.count()):
            item = self.people.item(i)
            if item.data(PERSON_ID) == p.id:
                item.setText(self._person_text(p))
                item.setForeground(QColor("#1b5e20") if entries else QColor("#a11414"))
        self.message.setText(_("Disponibilités de {name} enregistrées.").format(name=p.display_name))
        self._show_summary()
        self._update_buttons()
        self.notify_others(AppContext.AVAILABILITY)
        return True

    def clear_month(self) -> None:
        for row in range(self.model.rowCount()):
            self.model.paint_day(row, None)

    def copy_previous_month(self) -> int:
        """Paint last month's answers on the same weekdays (2nd Tuesday → 2nd Tuesday); returns
        how many entries were copied. Nothing is saved until the coordinator saves."""
        p = self.person
        if p is None:
            return 0
        py, pm = next_month(self.ctx.year, self.ctx.month, -1)
        moved = []
        for e in self.ctx.services.availability.list_month(py, pm, p.id):
            twin = nth_weekday_twin(e.day, self.ctx.year, self.ctx.month)
            if twin is not None:
                moved.append(dataclasses.replace(e, day=twin, id=None))
        self.model.load_entries(moved)
        self.model.dirty = True
        self._update_buttons()
        self.message.setText(ngettext("{n} créneau copié du mois précédent : vérifiez puis enregistrez.",
                                      "{n} créneaux copiés du mois précédent : vérifiez puis enregistrez.",
                                      len(moved)).format(n=len(moved))
                             if moved else _("Rien à copier : aucune réponse le mois précédent."))
        return len(moved)

    def import_forms(self, path: str | None = None) -> ImportDialog:
        dialog = ImportDialog(self.ctx.services, "availability", self, path=path or None)
        dialog.accepted.connect(lambda: self._imported(dialog))
        dialog.open()
        return dialog

    def _imported(self, dialog: ImportDialog) -> None:
        self.ctx.notify(AppContext.AVAILABILITY)
        self.message.setText(dialog.report.summary() if dialog.report else "")
