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
SENDS = [
    ("sendSchedules", N_("Envoyer les plannings par e-mail…"), "schedules"),
    ("sendNotices", N_("Envoyer les avis de modification par e-mail…"), "notices"),
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
        self.menu.addSeparator()
        self.send_job = BackgroundJob(self)
        self.send_job.progress.connect(self._on_send_progress)
        self.send_job.finished.connect(self._on_sent)
        self.send_job.failed.connect(self._on_send_failed)
        self.send_actions = {}
        for name, title, kind in SENDS:
            self.send_actions[name] = self._action(name, _(title), lambda _c=False, k=kind: self.send(k))
        self._credentials = None
        self.last_report = None

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
        dialog = self.progress
        if dialog is not None:
            dialog.setLabelText(_("Écriture des documents… {name}").format(name=name))
            dialog.setMaximum(total)
            # Last: a modal dialog's setValue processes events, the job's end among them,
            # which closes the dialog.
            dialog.setValue(done)

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

    # --- e-mail --------------------------------------------------------------------------

    def credentials(self):  # type: ignore[no-untyped-def]
        """The SMTP password source of this session: the keyring, else asked once here."""
        from exports.smtp import Credentials

        if self._credentials is None:
            def ask() -> str | None:
                from PySide6.QtWidgets import QInputDialog, QLineEdit

                text, ok = QInputDialog.getText(self.window, _("Mot de passe"), _("Mot de passe du serveur d'envoi :"),
                                                QLineEdit.EchoMode.Password)
                return text if ok and text else None

            self._credentials = Credentials(ask)
        return self._credentials

    def send(self, kind: str, confirm: bool = True) -> bool:
        """E-mail the schedules (or the change notices) of the month's published version; the
        messages the server accepted are logged one by one, so sending again sends the rest."""
        from exports.batches import notice_mails, schedule_mails
        from exports.smtp import send_mails

        if self.send_job.running:
            return False
        services = self.ctx.services
        smtp = services.mailing.smtp()
        if not smtp.configured:
            QMessageBox.warning(self.window, _("Envoi impossible"),
                                _("Renseignez le serveur d'envoi dans Paramètres → Adressage et envoi."))
            return False
        year, month = self.ctx.year, self.ctx.month
        try:
            doc = services.documents.month(year, month)
            notice = services.documents.notice(year, month) if kind == "notices" else None
        except DomainError as exc:
            QMessageBox.warning(self.window, _("Envoi impossible"), str(exc))
            return False
        people = notice.people() if notice is not None else doc.people()
        if confirm and QMessageBox.question(
                self.window, _("Envoyer"),
                _("Envoyer les messages de {version} à {n} personne(s) ?").format(version=doc.version.label, n=len(people))
        ) != QMessageBox.StandardButton.Yes:
            return False
        credentials = self.credentials()
        if smtp.user and not credentials.password(smtp):
            return False  # asked here, on the GUI thread; the job finds it in memory
        sent = services.mailing.sent_keys(year, month)
        lang, stop = self.lang, self._stop
        stop.clear()

        def work(report):  # type: ignore[no-untyped-def]
            mails = schedule_mails(doc, lang) if notice is None else notice_mails(notice, lang)
            return send_mails(mails, smtp, credentials, already_sent=sent, cancelled=stop.is_set,
                              on_sent=lambda m: report((year, month, m.key, m.person_id, m.kind)))

        self.send_job.start(work, cancel=stop.set)
        self.window.statusBar().showMessage(_("Envoi des messages…"))
        return True

    def _on_send_progress(self, value: object) -> None:
        """A message accepted by the server: logged at once, from the GUI thread."""
        from datetime import UTC, datetime

        from sas_roster.domain.mailing import MailRecord

        year, month, key, person_id, kind = value  # type: ignore[misc]
        self.ctx.services.mailing.record_sent([MailRecord(key, person_id, year, month, kind, datetime.now(UTC))])

    def _on_sent(self, report: object) -> None:
        self.last_report = report
        names = {p.id: p.display_name for p in self.ctx.persons()}
        text = report.summary(lambda pid: names.get(pid, f"n° {pid}"))  # type: ignore[attr-defined]
        self.window.statusBar().showMessage(text.splitlines()[0], 10000)
        if not report.complete:  # type: ignore[attr-defined]
            QMessageBox.warning(self.window, _("Envoi interrompu"), text)

    def _on_send_failed(self, message: str) -> None:
        self.last_report = None
        self.window.statusBar().clearMessage()
        QMessageBox.warning(self.window, _("Envoi impossible"), message)

    def shutdown(self) -> None:
        self._stop.set()
        self.job.wait()
        self.send_job.wait()

