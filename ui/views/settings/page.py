"""What every settings tab shares: load from the services, save through them, show refusals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sas_roster.domain.errors import DomainError

from ...context import AppContext
from ...i18n import _


class SettingsPage(QWidget):
    title = ""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.layout_ = QVBoxLayout(self)
        self.content = QVBoxLayout()
        self.layout_.addLayout(self.content, 1)
        self.feedback = QLabel(wordWrap=True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton(_("Enregistrer"))
        self.revert_button = QPushButton(_("Annuler les modifications"))
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.load)
        row = QHBoxLayout()
        row.addWidget(self.feedback, 1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        self.layout_.addLayout(row)

    def load(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def store(self) -> None:  # pragma: no cover - overridden
        """Write the page through the services; raise DomainError when refused."""
        raise NotImplementedError

    def save(self) -> bool:
        try:
            self.store()
        except DomainError as exc:
            self.feedback.setStyleSheet("color: #a11414;")
            self.feedback.setText(str(exc))
            return False
        except ValueError as exc:  # a malformed value the editors let through (end before start)
            self.feedback.setStyleSheet("color: #a11414;")
            self.feedback.setText(_("Valeur invalide : {why}").format(why=exc))
            return False
        self.feedback.setStyleSheet("color: #1b5e20;")
        self.feedback.setText(_("Enregistré."))
        self.ctx.notify(AppContext.SETTINGS)
        self.load()
        return True
