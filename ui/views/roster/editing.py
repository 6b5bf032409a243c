"""The roster view's manual changes: assign, unassign, move (menu or drag and drop), pin,
the ranked-candidates dialogs. Each change is an undoable command that goes through the
services and re-checks the month at once; a broken rule is flagged, not refused."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMenu

from sas_roster.domain.enums import Presence, Role
from sas_roster.domain.roster import Assignment

from ...i18n import _
from .commands import AssignCommand, MoveCommand, PinCommand, UnassignCommand
from .dialogs import AssignDialog, ReplaceDialog
from .wording import Wording


class EditMixin:
    """Mixed into RosterView (which owns `model`, `grid`, `state`, `undo_stack`)."""

    # --- manual changes -------------------------------------------------------------------------

    def wording(self) -> Wording:
        """Names, shift labels and dates of the month shown, for the engine's messages."""
        s = self.state
        return Wording(s.persons if s else {}, s.templates if s else (), s.territories if s else ())

    def _name(self, person_id: int) -> str:
        p = self.state.persons.get(person_id)
        return p.short_name if p else str(person_id)

    def assignment_for(self, row: int, column: int, person_id: int, remote: bool = False) -> Assignment | None:
        """What putting `person_id` in the cell would store (None if the cell holds no shift)."""
        tpl = self.model.template_for(row, column)
        if tpl is None:
            return None
        day, col = self.model.days[row], self.model.columns[column]
        if col.kind == "oncall":
            hours = next(d.hours[Role.EFFECTOR] for d in self.state.calendar.days if d.day == day)
            return Assignment(person_id, day, tpl.code, Role.EFFECTOR, hours.start, hours.end, territory=col.territory)
        return Assignment(person_id, day, tpl.code, col.role, tpl.start, tpl.end,
                          Presence.REMOTE if remote else Presence.ON_SITE)

    def _push(self, command) -> bool:
        self.undo_stack.push(command)
        if command.error is not None:
            # The services refused the change (roster not a draft, role missing...): the stack
            # dropped the command; say why where the coordinator is looking.
            self.progress_label.setText(_("Modification refusée : {why}").format(why=command.error))
            return False
        return True

    def assign(self, row: int, column: int, person_id: int, remote: bool = False) -> bool:
        a = self.assignment_for(row, column, person_id, remote)
        if a is None or not self.editable:
            return False
        return self._push(AssignCommand(self, a, self._name(person_id)))

    def unassign(self, a: Assignment) -> bool:
        return self.editable and self._push(UnassignCommand(self, a, self._name(a.person_id)))

    def move(self, a: Assignment, row: int, column: int) -> bool:
        target = self.assignment_for(row, column, a.person_id, a.presence is Presence.REMOTE)
        if target is None or not self.editable or target.key() == a.key():
            return False
        target = dataclasses.replace(target, pinned=a.pinned)
        self.moving = None
        return self._push(MoveCommand(self, a, target, self._name(a.person_id)))

    def set_pinned(self, a: Assignment, pinned: bool) -> bool:
        return self.editable and self._push(PinCommand(self, a, pinned, self._name(a.person_id)))

    def open_assign_dialog(self, row: int, column: int) -> AssignDialog | None:
        self.ensure_complete()
        if not self.editable or self.model.template_for(row, column) is None:
            return None
        dialog = self.dialog = AssignDialog(self, row, column)

        def chosen() -> None:
            choice = dialog.choice()
            if choice:
                self.assign(row, column, choice[0], choice[1])

        dialog.accepted.connect(chosen)
        dialog.open()
        return dialog

    def open_replace_dialog(self, a: Assignment) -> ReplaceDialog | None:
        self.ensure_complete()
        row = self.model.row_of(a.day)
        column = next((i for i, c in enumerate(self.model.columns) if c.holds(a)), None)
        if row is None or column is None or not self.editable:
            return None
        dialog = self.dialog = ReplaceDialog(self, a, row, column)

        def pick() -> None:
            c = dialog.table.chosen()
            if c is None:
                return
            new = dataclasses.replace(self.assignment_for(row, column, int(c.person), c.remote), pinned=a.pinned)
            if self._push(MoveCommand(self, a, new, self._name(a.person_id) + " → " + c.name)):
                dialog.accept()

        dialog.pick.clicked.connect(pick)
        dialog.resolve_requested.connect(lambda: self.run_replacement(dialog))
        dialog.apply.clicked.connect(lambda: self.apply_replacement(dialog))
        dialog.open()
        return dialog

    # --- mouse ----------------------------------------------------------------------------------

    def _on_click(self, index: QModelIndex) -> None:
        if self.moving is not None and index.isValid():
            self.move(self.moving, index.row(), index.column())

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid() and self.model.columns[index.column()].kind != "coverage":
            self.open_assign_dialog(index.row(), index.column())

    def _context_menu(self, pos) -> None:
        index = self.grid.indexAt(pos)
        if not index.isValid() or self.state is None:
            return
        menu = self.cell_menu(index.row(), index.column())
        if not menu.isEmpty():
            menu.exec(self.grid.viewport().mapToGlobal(pos))

    def cell_menu(self, row: int, column: int) -> QMenu:
        menu = QMenu(self)
        if not self.editable or self.model.columns[column].kind == "coverage":
            return menu
        if self.moving is not None:
            m = self.moving
            menu.addAction(_("Déplacer ici {name}").format(name=self._name(m.person_id)),
                           lambda: self.move(m, row, column))
            menu.addAction(_("Ne plus déplacer"), lambda: setattr(self, "moving", None))
            menu.addSeparator()
        if self.model.template_for(row, column) is not None:
            menu.addAction(_("Affecter…"), lambda: self.open_assign_dialog(row, column))
        for a in self.model.assignments_at(row, column):
            sub = menu.addMenu(self._name(a.person_id))
            if a.fixed_by_cpts:
                sub.addAction(_("Liste d'astreintes de la CPTS : modifiable par un nouvel import")).setEnabled(False)
                continue
            sub.addAction(_("Remplacer (désistement)…"), lambda a=a: self.open_replace_dialog(a))
            sub.addAction(_("Déplacer…"), lambda a=a: self.start_move(a))
            sub.addAction(_("Désépingler") if a.pinned else _("Épingler"), lambda a=a: self.set_pinned(a, not a.pinned))
            sub.addAction(_("Retirer"), lambda a=a: self.unassign(a))
        return menu

    def _can_drop(self, row: int, column: int) -> bool:
        return self.editable and self.model.template_for(row, column) is not None

    def _on_drop(self, payload: dict, row: int, column: int) -> bool:
        """A name dragged onto another cell: move that person there."""
        a = next((x for x in self.state.assignments if x.person_id == payload["person"]
                  and x.day.isoformat() == payload["day"] and x.template_code == payload["template"]
                  and x.territory == payload["territory"]), None)
        return a is not None and self.move(a, row, column)

    def start_move(self, a: Assignment) -> None:
        self.moving = a
        self.progress_label.setText(_("Cliquez la case où déplacer {name} (Échap pour renoncer).").format(
            name=self._name(a.person_id)))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and self.moving is not None:
            self.moving = None
            self.progress_label.clear()
            return
        super().keyPressEvent(event)
