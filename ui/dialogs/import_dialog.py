"""Import a filled file: first a dry run that shows what would change (or every problem, with
its row and column, in French), then the real import, all or nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sas_roster.domain.errors import DomainError
from sas_roster.importers import write_template
from sas_roster.services.imports import import_file

from ..i18n import N_, _

KIND_TITLES = {
    "members": N_("Importer des membres"),
    "availability": N_("Importer des formulaires de disponibilités"),
    "pdsa": N_("Importer les gardes de PDSA"),
    "rota": N_("Importer la liste d'astreintes d'une CPTS"),
    "activity": N_("Importer l'activité de la plateforme (chiffres agrégés)"),
}
FILE_FILTER = N_("Tableurs (*.xlsx *.xlsm *.csv);;Tous les fichiers (*)")


class ImportDialog(QDialog):
    def __init__(self, services, kind: str, parent: QWidget | None = None, path: str | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.kind = kind
        self.report = None
        self.setWindowTitle(_(KIND_TITLES[kind]))
        self.resize(760, 520)

        self.path_edit = QLineEdit(readOnly=True, placeholderText=_("Choisissez un fichier XLSX ou CSV…"))
        browse = QPushButton(_("Parcourir…"))
        browse.clicked.connect(self.browse)
        template = QPushButton(_("Enregistrer un modèle vierge…"))
        template.clicked.connect(self.save_template)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        file_row.addWidget(template)

        self.verdict = QLabel(wordWrap=True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.preview = QPlainTextEdit(readOnly=True)
        self.problems = QTableWidget(0, 3)
        self.problems.setHorizontalHeaderLabels([_("Ligne"), _("Colonne"), _("Problème")])
        self.problems.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems.verticalHeader().setVisible(False)
        self.problems.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Fermer"))
        self.import_button = self.buttons.addButton(_("Importer"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        if path:
            self.check(path)

    def browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Fichier à importer"), "", _(FILE_FILTER))
        if path:
            self.check(path)

    def save_template(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Modèle vierge"), f"modele-{self.kind}.xlsx",
                                                    _(FILE_FILTER))
        if not path:
            return
        try:
            written = write_template(self.kind, path)
        except (DomainError, OSError) as exc:
            QMessageBox.warning(self, _("Modèle vierge"), str(exc))
            return
        self.verdict.setText(_("Modèle écrit dans {path}").format(path=written))

    def check(self, path: str) -> None:
        """Dry run: shows what the import would change, or why it is refused."""
        self.path_edit.setText(path)
        self.report = None
        self.import_button.setEnabled(False)
        try:
            self.report = import_file(self.services, self.kind, path, dry_run=True)
        except DomainError as exc:
            self._show_refusal(exc)
            return
        except OSError as exc:
            self._show_refusal(DomainError(_("Fichier illisible : {name} ({why})").format(
                name=Path(path).name, why=exc.strerror or exc)))
            return
        self.problems.hide()
        self.preview.show()
        self.verdict.setText(_("Vérification réussie : rien n'est encore enregistré. Voici ce que l'import changera."))
        self.verdict.setStyleSheet("color: #1b5e20; font-weight: 600;")
        self.preview.setPlainText(self.report.summary().replace("relancez sans --dry-run", _("cliquez sur « Importer »")))
        self.import_button.setEnabled(True)

    def _show_refusal(self, exc: DomainError) -> None:
        self.verdict.setText(_("Import refusé, rien n'a été enregistré :") + "\n" + exc.message)
        self.verdict.setStyleSheet("color: #a11414; font-weight: 600;")
        self.preview.hide()
        self.problems.setRowCount(len(exc.problems))
        for i, p in enumerate(exc.problems):
            for col, value in enumerate(("" if p.row is None else str(p.row), p.field or "", p.message)):
                self.problems.setItem(i, col, QTableWidgetItem(value))
        self.problems.resizeColumnsToContents()
        self.problems.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems.setVisible(bool(exc.problems))

    def run_import(self) -> None:
        if self.report is None:
            return
        try:
            self.report = import_file(self.services, self.kind, self.path_edit.text(), dry_run=False)
        except DomainError as exc:  # the file or the database changed since the check
            self._show_refusal(exc)
            self.import_button.setEnabled(False)
            return
        self.accept()  # the caller shows `self.report.summary()` where it belongs
