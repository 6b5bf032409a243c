"""Hand edits of a month, whatever its state: on a draft they change the draft; on a
published month they go into the amendment in progress, with its reason. The window's
undoable commands call this, so which path applies is decided here, not in a widget."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..domain.enums import RosterStatus
from ..domain.errors import ValidationError
from ..domain.roster import Assignment

if TYPE_CHECKING:
    from .facade import Services

AssignmentKey = tuple[object, ...]


class MonthEditor:
    def __init__(self, services: Services, year: int, month: int, actor: str | None, reason: str = "") -> None:
        self.services, self.year, self.month, self.actor, self.reason = services, year, month, actor, reason

    @property
    def amending(self) -> bool:
        roster = self.services.rosters.get(self.year, self.month, with_assignments=False)
        if roster is not None and roster.status is RosterStatus.VALIDATED:
            raise ValidationError(f"Le planning {roster.label} est validé : rouvrez-le en brouillon pour le modifier.")
        return roster is not None and roster.status is RosterStatus.PUBLISHED

    def stored(self, key: AssignmentKey) -> Assignment | None:
        return next((a for a in self.services.rosters.assignments(self.year, self.month) if a.key() == key), None)

    def add(self, a: Assignment) -> None:
        fresh = replace(a, id=None)
        if self.amending:
            self.services.amendments.add(self.year, self.month, fresh, self.reason, self.actor)
        else:
            self.services.rosters.add(self.year, self.month, fresh, actor=self.actor)

    def remove(self, key: AssignmentKey) -> None:
        found = self.stored(key)
        if found is None:
            return
        if self.amending:
            assert found.uid is not None
            self.services.amendments.remove(self.year, self.month, found.uid, self.reason, self.actor)
        else:
            assert found.id is not None
            self.services.rosters.remove(found.id, actor=self.actor)

    def pin(self, key: AssignmentKey, pinned: bool) -> None:
        found = self.stored(key)
        if found is None:
            return
        if self.amending:
            assert found.uid is not None
            self.services.amendments.pin(self.year, self.month, found.uid, pinned, self.reason, self.actor)
        else:
            assert found.id is not None
            self.services.rosters.pin(found.id, pinned, actor=self.actor)

    def restore(self, assignments: list[Assignment]) -> None:
        """The month's working assignments become exactly `assignments` (undo of a re-solve)."""
        fresh = [replace(a, id=None) for a in assignments]
        if self.amending:
            self.services.amendments.restore(self.year, self.month, fresh, self.reason, self.actor)
            return
        wanted = {a.key() for a in fresh}
        for a in self.services.rosters.assignments(self.year, self.month):
            if a.pinned and not a.fixed_by_cpts and a.key() not in wanted and a.id is not None:
                self.services.rosters.remove(a.id, actor=self.actor)
        self.services.rosters.replace_draft(self.year, self.month, fresh, actor=self.actor)
