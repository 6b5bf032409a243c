"""The association's registry: members and dues, bodies and meetings (with minutes), the
documents register (stored copies checked by SHA-256), complaints and adverse events."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sas_roster.domain.registry import Complaint, ComplaintKind, DocumentKind, Member

from ... import labels
from ...context import AppContext
from ...i18n import N_, _
from .common import attempt, fill, table

DOCUMENT_KINDS = {
    DocumentKind.CONVENTION: N_("Convention constitutive / GCS"),
    DocumentKind.ADDRESSING_CHARTER: N_("Charte d'adressage"),
    DocumentKind.LETTER_OF_INTENT: N_("Lettre d'intention"),
    DocumentKind.SPECIFICATIONS: N_("Cahier des charges"),
    DocumentKind.CPTS_CONVENTION: N_("Convention SAS–CPTS"),
    DocumentKind.CONTINUITY_PLAN: N_("Plan de continuité"),
    DocumentKind.STATUTES: N_("Statuts"),
    DocumentKind.OTHER: N_("Autre"),
}
COMPLAINT_KINDS = {ComplaintKind.COMPLAINT: N_("Réclamation"), ComplaintKind.ADVERSE_EVENT: N_("Événement indésirable")}


def _day(d: date | None) -> str:
    return labels.short_date(d) if d else ""


class _Tab(QWidget):
    def __init__(self, ctx: AppContext, headers: list[str]) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.buttons = QHBoxLayout()
        layout.addLayout(self.buttons)
        self.status = QLabel(wordWrap=True)
        layout.addWidget(self.status)
        self.table = table(headers)
        layout.addWidget(self.table, 1)

    def button(self, text: str, name: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        b = QPushButton(text, objectName=name)
        b.clicked.connect(slot)
        self.buttons.addWidget(b)
        return b


class MembersTab(_Tab):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, [_("Nom"), _("Organisation"), _("Adhésion"), _("Cotisation {year}").format(
            year=ctx.today.year)])
        self.button(_("Ajouter un adhérent…"), "addMember", self._add_clicked)
        self.buttons.addStretch(1)

    def reload(self) -> None:
        year = self.ctx.today.year
        dues = {d.member_id: d for d in self.ctx.services.registry.dues(year)}
        rows = []
        for m in self.ctx.services.registry.members():
            d = dues.get(m.id or 0)
            due = "" if d is None else (
                _("{amount} €, payée le {day}").format(amount=f"{d.amount:.2f}".replace(".", ","), day=_day(d.paid_on))
                if d.paid else _("{amount} €, à payer").format(amount=f"{d.amount:.2f}".replace(".", ",")))
            rows.append([m.display_name, m.organisation, _day(m.joined_on), due])
        fill(self.table, rows)

    def add(self, last_name: str, first_name: str, organisation: str) -> bool:
        member = Member(last_name, first_name, organisation=organisation, joined_on=self.ctx.today)
        ok = attempt(self, lambda: self.ctx.services.registry.save_member(member)) is not None
        self.reload()
        return ok

    def _add_clicked(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(_("Nouvel adhérent"))
        form = QFormLayout(dialog)
        last, first, org = QLineEdit(), QLineEdit(), QLineEdit()
        form.addRow(_("Nom"), last)
        form.addRow(_("Prénom"), first)
        form.addRow(_("Organisation"), org)
        _ok_cancel(dialog, form)
        if dialog.exec():
            self.add(last.text(), first.text(), org.text())


class MeetingsTab(_Tab):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, [_("Instance"), _("Date"), _("Quorum"), _("Décisions")])
        self.button(_("Procès-verbal (PDF)…"), "minutesPdf", self._minutes_clicked)
        self.buttons.addStretch(1)
        self.meetings: list = []

    def reload(self) -> None:
        registry = self.ctx.services.registry
        bodies = {b.id: b for b in registry.bodies()}
        self.meetings = registry.meetings()
        rows = []
        for m in self.meetings:
            q = registry.quorum(m.id)
            adopted = sum(1 for d in m.decisions if d.adopted)
            rows.append([bodies[m.body_id].name, _day(m.held_on),
                         _("atteint") if q.met else _("non atteint"),
                         _("{adopted} adoptée(s) sur {n}").format(adopted=adopted, n=len(m.decisions))])
        fill(self.table, rows)

    def write_minutes(self, row: int, path: str) -> Path:
        from exports.minutes import write_minutes

        services = self.ctx.services
        data = services.registry.minutes_data(self.meetings[row].id, services.audit_checkpoint())
        return write_minutes(data, path)

    def _minutes_clicked(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.meetings):
            path, _filter = QFileDialog.getSaveFileName(self, _("Procès-verbal"), "proces-verbal.pdf", "PDF (*.pdf)")
            if path:
                self.status.setText(_("Écrit : {path}").format(path=self.write_minutes(row, path)))


class DocumentsTab(_Tab):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, [_("Type"), _("Titre"), _("Version"), _("Fichier"), _("Valide du"), _("SHA-256")])
        self.button(_("Nouveau document…"), "addDocument", self._add_clicked)
        self.button(_("Ajouter une version…"), "addVersion", self._version_clicked)
        self.button(_("Vérifier les copies"), "checkDocuments", self.check)
        self.buttons.addStretch(1)
        self.documents: list = []

    def reload(self) -> None:
        self.documents = self.ctx.services.registry.documents()
        rows = []
        for d in self.documents:
            v = d.versions[-1] if d.versions else None
            rows.append([_(DOCUMENT_KINDS[d.kind]), d.title, str(v.number) if v else "—", v.file_name if v else "",
                         _day(v.valid_from) if v else "", v.sha256[:16] if v else ""])
        fill(self.table, rows)

    def check(self) -> list[str]:
        bad = self.ctx.services.registry.check_documents()
        self.status.setText("\n".join(bad) if bad else _("Toutes les copies enregistrées sont intactes."))
        return bad

    def add_version(self, row: int, path: str) -> bool:
        file = Path(path)
        doc = self.documents[row]
        ok = attempt(self, lambda: self.ctx.services.registry.add_version(
            doc.id, file.name, file.read_bytes(), valid_from=self.ctx.today)) is not None
        self.reload()
        return ok

    def _add_clicked(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(_("Nouveau document"))
        form = QFormLayout(dialog)
        kind = QComboBox()
        for k, text in DOCUMENT_KINDS.items():
            kind.addItem(_(text), k)
        title = QLineEdit()
        form.addRow(_("Type"), kind)
        form.addRow(_("Titre"), title)
        _ok_cancel(dialog, form)
        if dialog.exec():
            attempt(self, lambda: self.ctx.services.registry.add_document(kind.currentData(), title.text()))
            self.reload()

    def _version_clicked(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.documents):
            path, _filter = QFileDialog.getOpenFileName(self, _("Fichier de la nouvelle version"))
            if path:
                self.add_version(row, path)


class ComplaintsTab(_Tab):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, [_("Reçu le"), _("Type"), _("Territoire"), _("Description"), _("Suites"), _("Clos le")])
        self.button(_("Nouveau signalement…"), "addComplaint", self._add_clicked)
        self.buttons.addStretch(1)

    def reload(self) -> None:
        fill(self.table, [[_day(c.received_on), _(COMPLAINT_KINDS[c.kind]), c.territory or "", c.description,
                           c.follow_up, _day(c.closed_on)] for c in self.ctx.services.registry.complaints()])

    def add(self, kind: ComplaintKind, description: str, territory: str | None = None) -> bool:
        complaint = Complaint(self.ctx.today, kind, description, territory)
        ok = attempt(self, lambda: self.ctx.services.registry.save_complaint(complaint)) is not None
        self.reload()
        return ok

    def _add_clicked(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(_("Nouveau signalement"))
        form = QFormLayout(dialog)
        kind = QComboBox()
        for k, text in COMPLAINT_KINDS.items():
            kind.addItem(_(text), k)
        territory = QLineEdit()
        text = QPlainTextEdit()
        form.addRow(_("Type"), kind)
        form.addRow(_("Territoire"), territory)
        form.addRow(_("Description (sans identité du patient)"), text)
        _ok_cancel(dialog, form)
        if dialog.exec():
            self.add(kind.currentData(), text.toPlainText(), territory.text() or None)


def _ok_cancel(dialog: QDialog, form: QFormLayout) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
