"""User accounts: who may do what; add an account, disable one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sas_roster.domain.accounts import AccountRole

from ...context import AppContext
from ...i18n import N_, _
from .common import attempt, fill, table

ROLE_LABELS = {
    AccountRole.ADMINISTRATOR: N_("Administrateur"),
    AccountRole.COORDINATOR: N_("Coordinateur"),
    AccountRole.TREASURER: N_("Trésorier"),
    AccountRole.READ_ONLY: N_("Lecture seule"),
}


def roles_text(roles) -> str:  # type: ignore[no-untyped-def]
    return ", ".join(_(ROLE_LABELS[r]) for r in AccountRole if r in roles)


class AccountDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Nouveau compte"))
        form = QFormLayout(self)
        self.name = QLineEdit(objectName="accountName")
        self.password = QLineEdit(objectName="accountPassword", echoMode=QLineEdit.EchoMode.Password)
        self.roles = {r: QCheckBox(_(ROLE_LABELS[r])) for r in AccountRole}
        form.addRow(_("Identifiant"), self.name)
        form.addRow(_("Mot de passe"), self.password)
        for box in self.roles.values():
            form.addRow("", box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen_roles(self) -> set[AccountRole]:
        return {r for r, box in self.roles.items() if box.isChecked()}


class UsersTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.mode = QLabel(objectName="accountsMode", wordWrap=True)
        layout.addWidget(self.mode)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("Ajouter un compte…"), objectName="addAccount")
        self.disable_button = QPushButton(_("Désactiver"), objectName="disableAccount")
        row.addWidget(self.add_button)
        row.addWidget(self.disable_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.table = table([_("Identifiant"), _("Rôles"), _("État")])
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self._add_clicked)
        self.disable_button.clicked.connect(self._disable_clicked)
        self.users: list = []

    def reload(self) -> None:
        services = self.ctx.services
        me = services.current_user
        if services.single_user:
            self.mode.setText(_("Mode mono-utilisateur : aucun compte, rien n'est restreint. Le premier compte "
                                "créé doit être administrateur ; la connexion sera ensuite demandée."))
        elif me is not None:
            self.mode.setText(_("Connecté : {name} ({roles})").format(name=me.name, roles=roles_text(me.roles)))
        self.users = services.users.list()
        fill(self.table, [[u.name, roles_text(u.roles), _("actif") if u.active else _("désactivé")]
                          for u in self.users])

    def add(self, name: str, roles: set[AccountRole], password: str) -> bool:
        ok = attempt(self, lambda: self.ctx.services.users.add(name, roles, password)) is not None
        self.reload()
        return ok

    def _add_clicked(self) -> None:
        dialog = AccountDialog(self)
        if dialog.exec():
            self.add(dialog.name.text(), dialog.chosen_roles(), dialog.password.text())

    def _disable_clicked(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.users):
            attempt(self, lambda: self.ctx.services.users.disable(self.users[row].name))
            self.reload()
