"""The roster page's month lifecycle: publication (asked with « Non » as the default: there is
no un-publishing), amendments on a published month (edits go into the amendment in
progress, with its reason, then become version n+1), the versions dialog, and the warning
when settings changed under a published month."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from sas_roster.domain.errors import DomainError

from ... import labels
from ...i18n import _


class LifecycleMixin:
    """Mixed into RosterView (which owns `state`, `ctx`, the buttons and the conflict labels)."""

    def _show_conflicts(self, published: bool) -> None:
        conflicts = self.ctx.services.amendments.calendar_conflicts(self.roster_year, self.roster_month) \
            if published else []
        self.conflicts_label.setText("\n".join(c.message for c in conflicts))
        self.conflicts_label.setVisible(bool(conflicts))
        self.drop_conflicts_button.setVisible(bool(conflicts))
        self.drop_conflicts_button.setEnabled(bool(conflicts) and not self.job.running)

    def publish(self) -> None:
        """First publication. Asked with « Non » as the default: there is no un-publishing."""
        if self.state is None or self.job.running:
            return
        s = self.state
        text = _("Publier le planning de {month} ? Il ne pourra plus être modifié que par avenant, "
                 "et une publication ne s'annule pas.").format(month=labels.month_title(s.year, s.month))
        text += "\n\n" + _("{n} affectation(s) ; {hours} heure(s) demandée(s) non couverte(s) ; "
                            "{oncall} astreinte(s) non pourvue(s) ; {violations} règle(s) enfreinte(s).").format(
            n=len(s.assignments), hours=s.uncovered_hours, oncall=sum(g.missing for g in s.gaps if g.hour is None),
            violations=len(s.violations))
        if not self._confirm(_("Publier"), text):
            return
        try:
            self.ctx.services.rosters.publish(s.year, s.month, actor=self.ctx.actor)
        except DomainError as exc:
            QMessageBox.warning(self, _("Publier"), str(exc))
            return
        self.undo_stack.clear()
        self.after_change()

    def _confirm(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText(_("Oui"))
        box.button(QMessageBox.StandardButton.No).setText(_("Non"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.dialog = box
        return box.exec() == QMessageBox.StandardButton.Yes

    def ask_reason(self, title: str, prompt: str, default: str = "") -> str:
        text, ok = QInputDialog.getText(self, title, prompt, text=default)
        return text.strip() if ok else ""

    def start_amendment(self) -> None:
        """Open an amendment on the published month: edits then go into it, with this reason."""
        reason = self.ask_reason(_("Avenant"), _("Motif de l'avenant (il figurera dans l'historique des versions) :"))
        if not reason:
            return
        self.amendment_reason = reason
        self.undo_stack.clear()
        self.refresh_now()

    def publish_amendment(self) -> None:
        if not self.amendment_reason:
            return
        pending = self.ctx.services.amendments.pending(self.roster_year, self.roster_month)
        reason = self.ask_reason(_("Publier l'avenant"),
                                 _("{n} personne(s) concernée(s). Motif de la nouvelle version :").format(
                                     n=len(pending.persons)), self.amendment_reason)
        if not reason:
            return
        try:
            version = self.ctx.services.amendments.publish(self.roster_year, self.roster_month, reason,
                                                           actor=self.ctx.actor)
        except DomainError as exc:
            QMessageBox.warning(self, _("Publier l'avenant"), str(exc))
            return
        self.amendment_reason = ""
        self.undo_stack.clear()
        self.after_change()
        self.progress_label.setText(_("Version {n} publiée.").format(n=version.number))

    def drop_conflicts(self) -> None:
        reason = self.ask_reason(_("Avenant"), _("Motif de l'avenant :"),
                                 self.amendment_reason or _("changement du calendrier"))
        if not reason:
            return
        try:
            self.ctx.services.amendments.drop_conflicts(self.roster_year, self.roster_month, reason, self.ctx.actor)
        except DomainError as exc:
            QMessageBox.warning(self, _("Avenant"), str(exc))
            return
        self.amendment_reason = reason
        self.after_change()

    def show_versions(self) -> None:
        from .versions_dialog import VersionsDialog

        self.dialog = VersionsDialog(self.ctx, self.roster_year, self.roster_month, self)
        self.dialog.open()
