"""Manual changes to the draft as undoable commands (QUndoStack).

Each command goes through the roster services (one transaction each) and then asks the
view to re-read the month, so the rules are re-checked at once. Assignments are found by
their slot key (day, role, shift, territory, person), not by database id: an undo that
re-adds an assignment gives it a new id, and later commands must still find it.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtGui import QUndoCommand

from sas_roster.domain.errors import DomainError
from sas_roster.domain.roster import Assignment
from sas_roster.services.editing import MonthEditor

from ...i18n import _


def fresh(a: Assignment) -> Assignment:
    """A copy to store again (no id)."""
    return dataclasses.replace(a, id=None)


class RosterCommand(QUndoCommand):
    """Subclasses implement `apply()` and `revert()`. A refusal by the services (a French
    DomainError) makes the command obsolete, so the stack drops it, and the view says why."""

    def __init__(self, view, text: str) -> None:
        super().__init__(text)
        self.view = view
        self.error: DomainError | None = None

    def apply(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def revert(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def redo(self) -> None:
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step) -> None:
        self.error = None
        try:
            step()
        except DomainError as exc:
            self.error = exc
            self.setObsolete(True)
        self.done()

    @property
    def editor(self) -> MonthEditor:
        """The draft, or on a published month the amendment in progress (with its reason)."""
        return self.view.month_editor()

    def add(self, a: Assignment) -> None:
        self.editor.add(a)

    def remove(self, a: Assignment) -> None:
        self.editor.remove(a.key())

    def done(self) -> None:
        self.view.after_change()


class AssignCommand(RosterCommand):
    def __init__(self, view, assignment: Assignment, name: str) -> None:
        super().__init__(view, _("Affecter {name}").format(name=name))
        self.assignment = fresh(assignment)

    def apply(self) -> None:
        self.add(self.assignment)

    def revert(self) -> None:
        self.remove(self.assignment)


class UnassignCommand(RosterCommand):
    def __init__(self, view, assignment: Assignment, name: str) -> None:
        super().__init__(view, _("Retirer {name}").format(name=name))
        self.assignment = fresh(assignment)

    def apply(self) -> None:
        self.remove(self.assignment)

    def revert(self) -> None:
        self.add(self.assignment)


class MoveCommand(RosterCommand):
    def __init__(self, view, old: Assignment, new: Assignment, name: str) -> None:
        super().__init__(view, _("Déplacer {name}").format(name=name))
        self.old, self.new = fresh(old), fresh(new)

    # Add first: if the services refuse the new slot, nothing has changed.
    def apply(self) -> None:
        self.add(self.new)
        self.remove(self.old)

    def revert(self) -> None:
        self.add(self.old)
        self.remove(self.new)


class PinCommand(RosterCommand):
    def __init__(self, view, assignment: Assignment, pinned: bool, name: str) -> None:
        super().__init__(view, (_("Épingler {name}") if pinned else _("Désépingler {name}")).format(name=name))
        self.key, self.pinned = assignment.key(), pinned

    def _set(self, pinned: bool) -> None:
        self.editor.pin(self.key, pinned)

    def apply(self) -> None:
        self._set(self.pinned)

    def revert(self) -> None:
        self._set(not self.pinned)


class ReplaceDraftCommand(RosterCommand):
    """A whole new draft (a solve, a cancellation's re-solve), already stored when pushed:
    undo puts the previous draft back."""

    def __init__(self, view, before: list[Assignment], after: list[Assignment], text: str) -> None:
        super().__init__(view, text)
        self.before = [fresh(a) for a in before]
        self.after = [fresh(a) for a in after]
        self._first = True

    def _store(self, assignments: list[Assignment]) -> None:
        self.editor.restore(assignments)

    def redo(self) -> None:
        if self._first:  # stored already by whoever pushed it, who also shows it
            self._first = False
            return
        super().redo()

    def apply(self) -> None:
        self._store(self.after)

    def revert(self) -> None:
        self._store(self.before)
