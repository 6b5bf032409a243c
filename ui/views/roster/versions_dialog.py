"""The published versions of a month, and what changed for each person between two of them."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from sas_roster.domain.versions import VersionDiff

from ... import labels
from ...context import AppContext
from ...i18n import _


class VersionsDialog(QDialog):
    def __init__(self, ctx: AppContext, year: int, month: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.year, self.month = ctx, year, month
        self.setWindowTitle(_("Versions de {month}").format(month=labels.month_title(year, month)))
        self.resize(640, 480)
        self.versions = ctx.services.rosters.versions(year, month)
        self.history = QLabel(wordWrap=True)
        self.history.setText("<br>".join(
            _("version {n} — publiée le {when} par {who}{reason}").format(
                n=v.number, when=v.published_at.strftime("%d/%m/%Y %H:%M"), who=v.published_by or "?",
                reason=f" — {v.reason}" if v.reason else "")
            for v in self.versions) or _("Pas encore publié."))
        self.old, self.new = QComboBox(), QComboBox()
        for v in self.versions:
            self.old.addItem(_("version {n}").format(n=v.number), v.number)
            self.new.addItem(_("version {n}").format(n=v.number), v.number)
        self.new.addItem(_("avenant en cours"), None)
        self.old.setCurrentIndex(max(0, len(self.versions) - 2))
        self.new.setCurrentIndex(max(0, len(self.versions) - 1))
        self.text = QPlainTextEdit(readOnly=True)
        form = QFormLayout()
        form.addRow(_("De :"), self.old)
        form.addRow(_("À :"), self.new)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.history)
        layout.addLayout(form)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.old.currentIndexChanged.connect(self.compare)
        self.new.currentIndexChanged.connect(self.compare)
        self.compare()

    def compare(self) -> None:
        if not self.versions:
            self.text.setPlainText("")
            return
        diff = self.ctx.services.rosters.diff(self.year, self.month, self.old.currentData(), self.new.currentData())
        self.text.setPlainText(self.describe(diff))

    def describe(self, diff: VersionDiff) -> str:
        if not diff.persons:
            return _("Aucune différence.")
        names = {p.id: p.display_name for p in self.ctx.persons()}
        lines = []
        for c in diff.persons:
            lines.append(names.get(c.person_id, str(c.person_id)))
            lines += ["  + " + _("{shift} le {day} ({start}–{end})").format(
                shift=a.template_code, day=labels.short_date(a.day), start=f"{a.start:%H:%M}", end=f"{a.end:%H:%M}")
                for a in c.gained]
            lines += ["  − " + _("{shift} le {day} ({start}–{end})").format(
                shift=a.template_code, day=labels.short_date(a.day), start=f"{a.start:%H:%M}", end=f"{a.end:%H:%M}")
                for a in c.lost]
            lines += ["  ↷ " + _("{old} le {old_day} → {new} le {new_day}").format(
                old=mv.before.template_code, old_day=labels.short_date(mv.before.day),
                new=mv.after.template_code, new_day=labels.short_date(mv.after.day)) for mv in c.moved]
        return "\n".join(lines)
