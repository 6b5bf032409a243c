"""Présences: the month's published shifts, what happened on each (present, absent, replaced
by someone, partial with actual times), « tous présents » per day, and the treasurer's
confirmation. Every change is recorded at once through the attendance service."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTableWidget, QTableWidgetItem

from sas_roster.domain.attendance import STATUS_LABELS_FR, AttendanceLine
from sas_roster.domain.enums import AttendanceStatus
from sas_roster.domain.errors import DomainError

from .. import labels
from ..context import AppContext
from ..i18n import N_, _
from .base import View
from .coming_soon import read_only_table

STATUS_TEXT = {
    AttendanceStatus.PLANNED: N_("à saisir"),
    AttendanceStatus.PRESENT: N_("présent"),
    AttendanceStatus.ABSENT: N_("absent"),
    AttendanceStatus.REPLACED: N_("remplacé"),
    AttendanceStatus.PARTIAL: N_("partiel"),
}
assert set(STATUS_TEXT) == set(STATUS_LABELS_FR)
COLUMNS = (N_("Date"), N_("Créneau"), N_("Horaires"), N_("Personne prévue"), N_("Présence"), N_("Remplaçant"),
           N_("Arrivée"), N_("Départ"))
COL_STATUS, COL_REPLACER, COL_START, COL_END = 4, 5, 6, 7


def _parse_time(text: str) -> time | None:
    text = text.strip().replace("h", ":")
    if not text:
        return None
    h, _sep, m = text.partition(":")
    return time(int(h), int(m or 0))


class AttendanceView(View):
    key = "attendance"
    topics = (AppContext.ROSTER,)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, _("Présences"), _(
            "Une ligne par créneau de la dernière version publiée. Choisissez la présence ; pour un "
            "remplacement, choisissez d'abord le remplaçant ; pour une présence partielle, saisissez "
            "les heures réelles d'arrivée et de départ."))
        bar = QHBoxLayout()
        self.open_button = QPushButton(_("Ouvrir le mois"), objectName="openMonth")
        self.all_present_button = QPushButton(_("Tous présents ce jour"), objectName="allPresent")
        self.confirm_button = QPushButton(_("Confirmer le mois (trésorier)"), objectName="confirmMonth")
        for b in (self.open_button, self.all_present_button, self.confirm_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.body.addLayout(bar)
        self.state = QLabel(wordWrap=True, objectName="attendanceState")
        self.body.addWidget(self.state)
        self.table: QTableWidget = read_only_table([_(c) for c in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.DoubleClicked | QTableWidget.EditTrigger.EditKeyPressed)
        self.body.addWidget(self.table, 1)
        self.lines: list[AttendanceLine] = []
        self.open_button.clicked.connect(self.open_month)
        self.all_present_button.clicked.connect(self.all_present)
        self.confirm_button.clicked.connect(self.confirm)

    # ---------------------------------------------------------------- loading

    def reload(self) -> None:
        sv = self.ctx.services
        self.lines = sv.attendance.list_month(self.ctx.year, self.ctx.month)
        persons = {p.id: p for p in self.ctx.persons()}
        self.table.setRowCount(len(self.lines))
        names = sorted(((p.display_name, pid) for pid, p in persons.items()), key=lambda x: x[0])
        for i, ln in enumerate(self.lines):
            values = [labels.short_date(ln.day), ln.template_code, f"{ln.start:%H:%M}–{ln.end:%H:%M}",
                      persons[ln.person_id].display_name if ln.person_id in persons else "?"]
            for j, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(i, j, item)
            status = QComboBox()
            for st, text in STATUS_TEXT.items():
                status.addItem(_(text), st)
            status.setCurrentIndex(list(STATUS_TEXT).index(ln.status))
            status.currentIndexChanged.connect(lambda _i, row=i: self.status_changed(row))
            self.table.setCellWidget(i, COL_STATUS, status)
            replacer = QComboBox()
            replacer.addItem("", None)
            for name, pid in names:  # someone who can hold the shift's role, planned this month or not
                if pid != ln.person_id and ln.role in persons[pid].roles:
                    replacer.addItem(name, pid)
            if ln.replaced_by is not None:
                replacer.setCurrentIndex(max(0, replacer.findData(ln.replaced_by)))
            self.table.setCellWidget(i, COL_REPLACER, replacer)
            self.table.setItem(i, COL_START, QTableWidgetItem(f"{ln.actual_start:%H:%M}" if ln.actual_start else ""))
            self.table.setItem(i, COL_END, QTableWidgetItem(f"{ln.actual_end:%H:%M}" if ln.actual_end else ""))
        self._show_state()

    def _show_state(self, error: str = "") -> None:
        month = labels.month_title(self.ctx.year, self.ctx.month)
        confirmed = self.ctx.services.attendance.confirmation(self.ctx.year, self.ctx.month)
        if not self.lines:
            text = _("Aucune ligne de présence pour {month} : ouvrez le mois une fois le planning publié.").format(month=month)
        else:
            open_count = sum(1 for ln in self.lines if ln.open)
            text = _("{month} : {n} créneaux, {open} à saisir.").format(month=month, n=len(self.lines), open=open_count)
            if confirmed is not None:
                text += " " + _("Confirmé par {who}.").format(who=confirmed.confirmed_by)
        self.state.setText(f"{text}\n{error}" if error else text)
        self.confirm_button.setEnabled(bool(self.lines) and confirmed is None)

    # ---------------------------------------------------------------- actions

    def _run(self, action) -> bool:  # type: ignore[no-untyped-def]
        try:
            action()
        except DomainError as exc:
            self._show_state(str(exc))
            return False
        return True

    def open_month(self) -> None:
        attendance = self.ctx.services.attendance
        if self._run(lambda: attendance.open_month(self.ctx.year, self.ctx.month, actor=self.ctx.actor)):
            self.reload()

    def status_changed(self, row: int) -> None:
        ln = self.lines[row]
        combo = self.table.cellWidget(row, COL_STATUS)
        replacer = self.table.cellWidget(row, COL_REPLACER)
        assert isinstance(combo, QComboBox) and isinstance(replacer, QComboBox)
        status = AttendanceStatus(combo.currentData())  # Qt hands the enum back as its str value
        try:
            start = _parse_time(self.table.item(row, COL_START).text())
            end = _parse_time(self.table.item(row, COL_END).text())
        except ValueError:
            self._show_state(_("Heure illisible (HH:MM)"))
            return
        new = ln.with_status(status, replaced_by=replacer.currentData() if status is AttendanceStatus.REPLACED else None,
                             actual_start=start if status in (AttendanceStatus.PARTIAL, AttendanceStatus.REPLACED) else None,
                             actual_end=end if status in (AttendanceStatus.PARTIAL, AttendanceStatus.REPLACED) else None)
        if self._run(lambda: self.ctx.services.attendance.record([new], actor=self.ctx.actor)):
            self.lines[row] = new
            self._show_state()

    def selected_day(self) -> date | None:
        row = self.table.currentRow()
        return self.lines[row].day if 0 <= row < len(self.lines) else None

    def all_present(self) -> None:
        day = self.selected_day()
        if day is None:
            self._show_state(_("Sélectionnez une ligne du jour concerné."))
            return
        done: list[AttendanceLine] = []
        attendance = self.ctx.services.attendance
        if self._run(lambda: done.extend(attendance.all_present(self.ctx.year, self.ctx.month, day, actor=self.ctx.actor))):
            by_uid = {ln.shift_uid: ln for ln in done}
            for row, ln in enumerate(self.lines):
                if ln.shift_uid in by_uid:
                    self.lines[row] = by_uid[ln.shift_uid]
                    combo = self.table.cellWidget(row, COL_STATUS)
                    assert isinstance(combo, QComboBox)
                    combo.blockSignals(True)  # already recorded: no second write
                    combo.setCurrentIndex(list(STATUS_TEXT).index(AttendanceStatus.PRESENT))
                    combo.blockSignals(False)
            self._show_state()

    def confirm(self) -> None:
        attendance = self.ctx.services.attendance
        if self._run(lambda: attendance.confirm(self.ctx.year, self.ctx.month, actor=self.ctx.actor)):
            self.reload()
            self.notify_others(AppContext.ROSTER)
