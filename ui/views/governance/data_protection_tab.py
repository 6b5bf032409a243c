"""Data protection: the retention period, erasing what is past it, a person's data on request."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...context import AppContext
from ...i18n import _
from .common import attempt


class DataProtectionTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.retention = QSpinBox(objectName="retentionMonths", minimum=1, maximum=600, suffix=_(" mois"))
        save = QPushButton(_("Enregistrer"), objectName="saveRetention")
        row = QHBoxLayout()
        row.addWidget(self.retention)
        row.addWidget(save)
        row.addStretch(1)
        form.addRow(_("Durée de conservation après la fin d'activité"), row)
        layout.addLayout(form)
        self.due = QLabel(objectName="erasureDue", wordWrap=True)
        erase = QPushButton(_("Pseudonymiser les données échues"), objectName="eraseExpired")
        layout.addWidget(self.due)
        layout.addWidget(erase)
        access = QHBoxLayout()
        self.person = QComboBox(objectName="accessPerson")
        export = QPushButton(_("Exporter ses données (droit d'accès)…"), objectName="exportPerson")
        access.addWidget(QLabel(_("Personne")))
        access.addWidget(self.person, 1)
        access.addWidget(export)
        layout.addLayout(access)
        self.status = QLabel(objectName="dataProtectionStatus", wordWrap=True)
        layout.addWidget(self.status)
        layout.addStretch(1)
        save.clicked.connect(lambda: self.save_retention(self.retention.value()))
        erase.clicked.connect(self.erase)
        export.clicked.connect(self._export_clicked)

    def reload(self) -> None:
        services = self.ctx.services
        self.retention.setValue(services.data_protection.retention_months())
        due = services.data_protection.due_for_erasure(self.ctx.today)
        self.due.setText(_("{n} personne(s) inactive(s) au-delà de la durée de conservation.").format(n=len(due)))
        self.person.clear()
        for p in services.persons.list():
            self.person.addItem(p.display_name, p.id)

    def save_retention(self, months: int) -> bool:
        ok = attempt(self, lambda: self.ctx.services.data_protection.set_retention_months(months)) is not None
        self.reload()
        return ok

    def erase(self) -> list[int] | None:
        erased = attempt(self, lambda: self.ctx.services.data_protection.erase_expired(self.ctx.today))
        if erased is not None:
            self.ctx.notify(AppContext.PERSONS)
            self.reload()
            self.status.setText(_("{n} personne(s) pseudonymisée(s) ; heures et montants conservés.").format(
                n=len(erased)))
        return erased

    def export_person(self, path: str) -> bool:
        person_id = self.person.currentData()
        if person_id is None:
            return False
        written = attempt(self, lambda: self.ctx.services.data_protection.export_person(person_id, path))
        if written is not None:
            self.status.setText(_("Écrit : {path}").format(path=written))
        return written is not None

    def _export_clicked(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Données de la personne"), "donnees.json", "JSON (*.json)")
        if path:
            self.export_person(path)
