"""The published versions of the month shown, compared person by person (the roster page's
versions dialog, embedded as a tab)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QVBoxLayout, QWidget

from ...context import AppContext
from ..roster.versions_dialog import VersionsDialog


class VersionsTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.layout_ = QVBoxLayout(self)
        self.panel: VersionsDialog | None = None

    def reload(self) -> None:
        if self.panel is not None:
            self.layout_.removeWidget(self.panel)
            self.panel.deleteLater()
        self.panel = VersionsDialog(self.ctx, self.ctx.year, self.ctx.month, self)
        self.panel.setWindowFlags(Qt.WindowType.Widget)
        for box in self.panel.findChildren(QDialogButtonBox):
            box.hide()  # no "Close" inside a page
        self.layout_.addWidget(self.panel)
