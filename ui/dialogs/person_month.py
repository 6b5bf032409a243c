"""One person's month at a click: her shifts of the version shown, and the buttons to print
her schedule, save it as PDF or save her calendar file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from exports.ics import person_calendar
from exports.personal_pdf import person_title, write_personal
from exports.text import Texts
from sas_roster.domain.enums import Role
from sas_roster.services.documents import MonthDocument

from ..i18n import _
from ..pdf_preview import PdfPrintPreview


class PersonMonthDialog(QDialog):
    def __init__(self, doc: MonthDocument, lang: str, person_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personMonthDialog")
        self.doc, self.lang, self.t = doc, lang, Texts(lang)
        self.setWindowTitle(_("Planning d'une personne — {month}").format(month=self.t.month_title(doc.year, doc.month)))
        self.resize(720, 520)
        self.people = doc.people()
        self.person = QComboBox(objectName="person")
        for p in self.people:
            self.person.addItem(f"{p.last_name} {p.first_name}", p.id)
        self.summary = QLabel(objectName="summary")
        self.table = QTableWidget(0, 4, objectName="shifts")
        self.table.setHorizontalHeaderLabels([_("Date"), _("Horaires"), _("Rôle"), _("Lieu")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.print_button = QPushButton(_("Imprimer…"), objectName="print")
        self.pdf_button = QPushButton(_("Enregistrer en PDF…"), objectName="savePdf")
        self.ics_button = QPushButton(_("Enregistrer le calendrier…"), objectName="saveIcs")
        self.print_button.clicked.connect(self.print_preview)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.ics_button.clicked.connect(self.save_ics)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Fermer"))
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Personne :")))
        top.addWidget(self.person, 1)
        buttons = QHBoxLayout()
        for b in (self.print_button, self.pdf_button, self.ics_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.person.currentIndexChanged.connect(self._show)
        if person_id is not None and (i := self.person.findData(person_id)) >= 0:
            self.person.setCurrentIndex(i)
        self._show()
        self._tmp = tempfile.TemporaryDirectory(prefix="sas-roster-person-")
        self.preview: PdfPrintPreview | None = None

    def current(self):  # type: ignore[no-untyped-def]
        pid = self.person.currentData()
        return self.doc.persons.get(pid) if pid is not None else None

    def _show(self) -> None:
        p = self.current()
        shifts = self.doc.of_person(p.id) if p else []
        self.table.setRowCount(len(shifts))
        names = {x.code: x.name for x in self.doc.territories}
        for r, a in enumerate(shifts):
            where = names.get(a.territory or "", a.territory or "") if a.role is Role.EFFECTOR else self.t.presence(a.presence)
            for c, text in enumerate((self.t.long_date(a.day), self.t.hours(a.start, a.end), self.t.role(a.role), where)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        minutes = sum(a.minutes for a in shifts)
        self.summary.setText(f"{person_title(p)} — {self.t('shifts_hours', shifts=len(shifts), hours=self.t.duration(minutes))}"
                             if p else _("Personne n'a de créneau ce mois-ci."))
        for b in (self.print_button, self.pdf_button, self.ics_button):
            b.setEnabled(p is not None)

    def _pdf(self) -> Path:
        p = self.current()
        return write_personal(self.doc, p, Path(self._tmp.name) / f"{p.id}.pdf", self.lang)

    def print_preview(self) -> None:
        p = self.current()
        self.preview = PdfPrintPreview(self._pdf(), f"{self.t('personal_schedule')} — {p.display_name}", False, self)
        self.preview.open()

    def save_pdf(self) -> None:
        p = self.current()
        name, _filter = QFileDialog.getSaveFileName(self, _("Enregistrer le planning"), f"planning-{p.last_name}.pdf", "PDF (*.pdf)")
        if name:
            write_personal(self.doc, p, name, self.lang)

    def save_ics(self) -> None:
        p = self.current()
        name, _filter = QFileDialog.getSaveFileName(self, _("Enregistrer le calendrier"), f"sas-{p.last_name}.ics",
                                                    _("Calendrier (*.ics)"))
        if name:
            Path(name).write_bytes(person_calendar(self.doc, p, self.lang))
