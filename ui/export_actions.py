"""The window's Export menu: print the month's planning (Ctrl+P, a preview of the very PDF),
one person's month, and the exports to a folder — run off the GUI thread with progress and
cancel. The documents are read on the GUI thread (the read model, from the services), the
files are written by a background job that only sees that immutable document."""

from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QProgressDialog

from typing import TYPE_CHECKING

from sas_roster.domain.errors import DomainError

from .context import AppContext
from .i18n import N_, _
from .workers import BackgroundJob

if TYPE_CHECKING:  # the PDF, spreadsheet and calendar libraries load on first use, not with the window
    from exports.bundle import ExportResult
    from sas_roster.services.documents import MonthDocument

    from .dialogs.person_month import PersonMonthDialog
    from .pdf_preview import PdfPrintPreview

EXPORTS = [
    ("exportPlanning", N_("Planning du mois (PDF et Excel)…"), ("planning",)),
    ("exportPersonal", N_("Plannings personnels (PDF)…"), ("personal",)),
    ("exportCalendars", N_("Calendriers (.ics)…"), ("ics",)),
    ("exportNotices", N_("Avis de modification (PDF)…"), ("notices",)),
    ("exportAddressing", N_("Fiche d'adressage (PDF)…"), ("addressing",)),
    ("exportAll", N_("Tout exporter…"), ("planning", "personal", "ics", "notices", "addressing")),
]


class ExportActions(QObject):
    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.job = BackgroundJob(self)
        self.job.progress.connect(self._on_progress)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)
        self._stop = threading.Event()
        self._tmp = tempfile.TemporaryDirectory(prefix="sas-roster-print-")
        self.progress: QProgressDialog | None = None
        self.preview: PdfPrintPreview | None = None
        self.person_dialog: PersonMonthDialog | None = None
        self.last_result: ExportResult | None = None
        self.last_error = ""

        self.menu = window.menuBar().addMenu(_("&Exporter"))
        self.menu.setObjectName("exportMenu")
        self.print_action = self._action("printPlanning", _("Imprimer le planning du mois…"), self.print_planning,
                                         QKeySequence.StandardKey.Print)
        self.person_action = self._action("personMonth", _("Planning d'une personne…"), self.person_month)
        self.menu.addSeparator()
        self.export_actions = {}
        for name, title, kinds in EXPORTS:
            self.export_actions[name] = self._action(name, _(title), lambda _c=False, k=kinds: self.export(k))

    def _action(self, name: str, text: str, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        self.window.addAction(action)
        return action

    @property
    def lang(self) -> str:
        return "en" if self.ctx.lang == "en" else "fr"

    def document(self, draft: bool = True) -> MonthDocument | None:
        """The month shown: its latest published version, else its draft (printing a draft
        says so on every page)."""
        try:
            return self.ctx.services.documents.month(self.ctx.year, self.ctx.month, draft=draft)
        except DomainError as exc:
            QMessageBox.warning(self.window, _("Export impossible"), str(exc))
            return None

    # --- printing --------------------------------------------------------------------------

    def print_planning(self) -> PdfPrintPreview | None:
        from exports.planning_pdf import write_planning_pdf
        from exports.text import Texts

        from .pdf_preview import PdfPrintPreview

        doc = self.document()
        if doc is None:
            return None
        path = write_planning_pdf(doc, Path(self._tmp.name) / f"planning-{doc.year:04d}-{doc.month:02d}.pdf", self.lang)
        t = Texts(self.lang)
        self.preview = PdfPrintPreview(path, f"{t('monthly_planning')} — {t.month_title(doc.year, doc.month)}", True,
                                       self.window)
        self.preview.open()
        return self.preview

    def person_month(self, person_id: int | None = None) -> PersonMonthDialog | None:
        from .dialogs.person_month import PersonMonthDialog

        doc = self.document()
        if doc is None:
            return None
        self.person_dialog = PersonMonthDialog(doc, self.lang, person_id, self.window)
        self.person_dialog.open()
        return self.person_dialog

    # --- exports to a folder ---------------------------------------------------------------

    def export(self, kinds: tuple[str, ...], folder: str | None = None) -> bool:
        from exports.bundle import write_month

        if self.job.running:
            return False
        doc = self.document()
        if doc is None:
            return False
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self.window, _("Dossier où écrire les documents"))
            if not folder:
                return False
        documents = self.ctx.services.documents
        try:
            notice = documents.notice(doc.year, doc.month, doc.version.number) if doc.published and "notices" in kinds else None
            sheet = documents.addressing(doc.year, doc.month, doc.version.number) if doc.published and "addressing" in kinds else None
        except DomainError as exc:
            QMessageBox.warning(self.window, _("Export impossible"), str(exc))
            return False
        self._stop.clear()
        self.progress = QProgressDialog(_("Écriture des documents…"), _("Arrêter"), 0, 0, self.window)
        self.progress.setObjectName("exportProgress")
        self.progress.setWindowTitle(_("Export"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(self._stop.set)
        lang, stop = self.lang, self._stop
        # Worker processes are spawned copies of the program: not from a frozen build.
        workers = 1 if getattr(sys, "frozen", False) else None

        def work(report):  # type: ignore[no-untyped-def]
            return write_month(doc, folder, kinds, lang=lang, notice=notice, addressing=sheet,
                               progress=lambda done, total, name: report((done, total, name)),
                               cancelled=stop.is_set, workers=workers)

        self.job.start(work, cancel=stop.set)
        return True

    def _on_progress(self, value: object) -> None:
        done, total, name = value  # type: ignore[misc]
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            self.progress.setLabelText(_("Écriture des documents… {name}").format(name=name))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self._stop.set)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_finished(self, result: object) -> None:
        from exports.bundle import ExportResult

        self._close_progress()
        self.last_result = result if isinstance(result, ExportResult) else None
        self.last_error = ""
        count = len(self.last_result.files) if self.last_result else 0
        self.window.statusBar().showMessage(_("{n} fichier(s) écrit(s).").format(n=count), 8000)

    def _on_failed(self, message: str) -> None:
        self._close_progress()
        self.last_result = None
        self.last_error = message
        if self._stop.is_set():
            self.window.statusBar().showMessage(message, 8000)
            return
        QMessageBox.warning(self.window, _("Export impossible"), message)

    def shutdown(self) -> None:
        self._stop.set()
        self.job.wait()

