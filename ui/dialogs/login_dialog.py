"""Sign-in at start when the database has accounts (none: single-user mode, no dialog)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from sas_roster.domain.errors import DomainError

from ..i18n import _


class LoginDialog(QDialog):
    def __init__(self, services, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(_("Connexion"))
        form = QFormLayout(self)
        self.name = QLineEdit(objectName="loginName")
        self.password = QLineEdit(objectName="loginPassword", echoMode=QLineEdit.EchoMode.Password)
        self.error = QLabel(objectName="loginError", wordWrap=True)
        self.error.setStyleSheet("color: #b71c1c;")
        form.addRow(_("Identifiant"), self.name)
        form.addRow(_("Mot de passe"), self.password)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.user = None

    def try_sign_in(self) -> bool:
        try:
            self.user = self.services.sign_in(self.name.text(), self.password.text())
        except DomainError as exc:
            self.error.setText(str(exc))
            self.password.clear()
            return False
        self.accept()
        return True


def sign_in_if_needed(services, parent: QWidget | None = None) -> bool:  # type: ignore[no-untyped-def]
    """True when the app may go on: single-user mode, already signed in, or a successful sign-in."""
    if services.current_user is not None or services.single_user:
        return True
    dialog = LoginDialog(services, parent)
    return bool(dialog.exec()) and services.current_user is not None
