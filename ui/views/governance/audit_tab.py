"""The audit log in readable French, with filters (person, domain, dates, account), the
chain check and a CSV export."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sas_roster.services.audit_view import KINDS, write_csv

from ...context import AppContext
from ...i18n import _
from .common import fill, table


class AuditTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.person = QComboBox(objectName="auditPerson")
        self.kind = QComboBox(objectName="auditKind")
        self.user = QComboBox(objectName="auditUser")
        self.start = QDateEdit(calendarPopup=True, objectName="auditStart")
        self.end = QDateEdit(calendarPopup=True, objectName="auditEnd")
        self.start.setDisplayFormat("dd/MM/yyyy")
        self.end.setDisplayFormat("dd/MM/yyyy")
        self.start.setDate(QDate(2000, 1, 1))
        self.end.setDate(QDate(ctx.today.year, ctx.today.month, ctx.today.day).addYears(1))
        for label, widget in ((_("Personne"), self.person), (_("Domaine"), self.kind), (_("Compte"), self.user),
                              (_("Du"), self.start), (_("au"), self.end)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addStretch(1)
        layout.addLayout(filters)
        buttons = QHBoxLayout()
        self.verify_button = QPushButton(_("Vérifier l'intégrité"), objectName="auditVerify")
        self.export_button = QPushButton(_("Exporter (CSV)…"), objectName="auditExport")
        self.status = QLabel(objectName="auditStatus", wordWrap=True)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.status, 1)
        layout.addLayout(buttons)
        self.table = table([_("Date"), _("Par"), _("Domaine"), _("Action"), _("Objet"), _("Détail")])
        layout.addWidget(self.table, 1)
        self.lines: list = []
        self._filling = False
        for combo in (self.person, self.kind, self.user):
            combo.currentIndexChanged.connect(self._refresh)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self._refresh)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self._export_clicked)

    def reload(self) -> None:
        self._filling = True
        try:
            for combo, items in (
                (self.person, [(p.display_name, p.id) for p in self.ctx.services.persons.list()]),
                (self.kind, [(label, key) for key, (label, _p) in KINDS.items()]),
                (self.user, [(u, u) for u in self.ctx.services.audit_view.users()]),
            ):
                current = combo.currentData()
                combo.clear()
                combo.addItem(_("(tous)"), None)
                for text, data in items:
                    combo.addItem(text, data)
                index = combo.findData(current)
                combo.setCurrentIndex(max(index, 0))
        finally:
            self._filling = False
        self._refresh()

    def _refresh(self, *_args) -> None:
        if self._filling:
            return
        self.lines = self.ctx.services.audit_view.lines(
            person_id=self.person.currentData(), kind=self.kind.currentData(), user=self.user.currentData(),
            start=self.start.date().toPython(), end=self.end.date().toPython(), limit=1000,
        )
        fill(self.table, [[line.when, line.user, line.kind_label, line.action, line.subject,
                           " ; ".join(line.details)] for line in self.lines])

    def verify(self) -> bool:
        result = self.ctx.services.verify_audit()
        self.status.setText(result.summary())
        self.status.setStyleSheet("color: #1b5e20;" if result.ok else "color: #b71c1c; font-weight: 700;")
        return result.ok

    def export(self, path: str) -> None:
        write_csv(self.lines, path)
        self.status.setText(_("{n} entrées exportées dans {path}").format(n=len(self.lines), path=path))

    def _export_clicked(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Exporter le journal"),
                                                    f"journal-{date.today().isoformat()}.csv", "CSV (*.csv)")
        if path:
            self.export(path)
