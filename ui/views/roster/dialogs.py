"""Choosing someone for a slot: ranked candidates (who can, best first; who cannot, and why),
and the cancellation dialog that also offers the engine's minimal re-solve."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import labels
from ...engine_text import readable
from ...i18n import _

PERSON_ROLE = Qt.ItemDataRole.UserRole


class CandidateTable(QTableWidget):
    """Candidates as the engine ranks them: those who can first (with what makes them a good
    or a weaker choice), then those who cannot, with the French reasons."""

    def __init__(self, candidates) -> None:
        super().__init__(len(candidates), 3)
        self.candidates = list(candidates)
        self.setHorizontalHeaderLabels([_("Personne"), _("Peut prendre"), _("Pourquoi")])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for i, c in enumerate(self.candidates):
            why = readable(", ".join(c.notes) if c.ok else " ; ".join(c.reasons))
            items = [QTableWidgetItem(c.name), QTableWidgetItem(_("oui") if c.ok else _("non")), QTableWidgetItem(why)]
            for item in items:
                item.setData(PERSON_ROLE, i)
                if not c.ok:
                    item.setForeground(QColor("#8a8a8a"))
            self.setItem(i, 0, items[0])
            self.setItem(i, 1, items[1])
            self.setItem(i, 2, items[2])
        self.resizeColumnToContents(0)
        self.resizeColumnToContents(1)
        self.resizeRowsToContents()

    def chosen(self):
        rows = self.selectionModel().selectedRows()
        return self.candidates[rows[0].row()] if rows else None

    def select_person(self, person_id: str) -> None:
        for i, c in enumerate(self.candidates):
            if c.person == person_id:
                self.selectRow(i)
                return


def candidates_for(view, row: int, column: int, assignments) -> list:
    """Ranked candidates for the grid cell (row, column), given the current roster."""
    model = view.model
    col = model.columns[column]
    tpl = model.template_for(row, column)
    shift = None if col.kind == "oncall" else tpl.code
    return view.ctx.services.solving.candidates(view.state.problem, assignments, model.days[row], shift,
                                                col.territory)


class AssignDialog(QDialog):
    def __init__(self, view, row: int, column: int, parent: QWidget | None = None) -> None:
        super().__init__(parent or view)
        model = view.model
        col = model.columns[column]
        day = model.days[row]
        self.setWindowTitle(_("Affecter — {day}").format(day=labels.long_date(day)))
        self.resize(760, 520)
        self.table = CandidateTable(candidates_for(view, row, column, view.state.assignments))
        self.remote = QCheckBox(_("à distance (régulation délocalisée)"))
        self.remote.setVisible(col.kind == "slot" and col.role.value == "regulator")
        self.warning = QLabel(wordWrap=True, objectName="problems")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Affecter"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuler"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(col.title().replace("\n", " ") + " — " + labels.long_date(day)))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.remote)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)
        self.table.itemSelectionChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        c = self.table.chosen()
        self.ok.setEnabled(c is not None)
        if c is not None:
            self.remote.setChecked(c.remote)
        if c is not None and not c.ok:
            self.ok.setText(_("Affecter quand même"))
            self.warning.setText(_("Cette affectation enfreint une règle ; elle sera signalée dans le planning : {why}")
                                 .format(why=readable(" ; ".join(c.reasons))))
        else:
            self.ok.setText(_("Affecter"))
            self.warning.clear()

    def choice(self) -> tuple[int, bool] | None:
        c = self.table.chosen()
        return (int(c.person), self.remote.isChecked()) if c else None


class ReplaceDialog(QDialog):
    """Someone cancels: pick a replacement by hand, or let the engine re-solve with the fewest
    changes to the rest of the roster (run off the GUI thread by the view)."""

    resolve_requested = Signal()

    def __init__(self, view, assignment, row: int, column: int, parent: QWidget | None = None) -> None:
        super().__init__(parent or view)
        person = view.state.persons.get(assignment.person_id)
        self.assignment = assignment
        self.setWindowTitle(_("Remplacer {name}").format(name=person.display_name if person else assignment.person_id))
        self.resize(780, 600)
        others = [a for a in view.state.assignments if a.key() != assignment.key()]
        # The person who cancels is not a candidate for his own slot.
        self.table = CandidateTable([c for c in candidates_for(view, row, column, others)
                                     if c.person != str(assignment.person_id)])
        self.pick = QPushButton(_("Remplacer par la personne choisie"))
        self.resolve = QPushButton(_("Re-calcul minimal du planning…"))
        self.result = QPlainTextEdit(readOnly=True)
        self.result.setPlaceholderText(_("Le re-calcul minimal cherche le remplacement qui change le moins le reste "
                                         "du planning ; il s'exécute en arrière-plan."))
        self.apply = QPushButton(_("Appliquer ce re-calcul"))
        self.apply.setEnabled(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Fermer"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("{who} ne peut plus assurer {shift} le {day}. Remplaçants possibles, les meilleurs d'abord :")
                                .format(who=person.short_name if person else "?", shift=assignment.template_code,
                                        day=labels.long_date(assignment.day))))
        layout.addWidget(self.table, 2)
        layout.addWidget(self.pick)
        layout.addWidget(self.resolve)
        layout.addWidget(self.result, 1)
        layout.addWidget(self.apply)
        layout.addWidget(close)
        self.pick.setEnabled(False)
        self.table.itemSelectionChanged.connect(lambda: self.pick.setEnabled(self.table.chosen() is not None))
        self.resolve.clicked.connect(self.resolve_requested)
        self.replacement = None

    def show_replacement(self, text: str, replacement) -> None:
        self.replacement = replacement
        self.result.setPlainText(text)
        self.apply.setEnabled(replacement is not None and replacement.solution.has_roster)
