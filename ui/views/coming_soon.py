"""Pages whose full work arrives with later issues (attendance, claims).

Each says plainly what is coming and shows what already exists for it, rather than an
empty panel: the month's roster status, the rates in force.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from sas_roster.domain.enums import RateKind, RosterStatus

from .. import labels
from ..context import AppContext
from ..i18n import N_, _
from .base import View

RATE_LABELS = {
    RateKind.REGULATION_HOURLY: N_("Régulation (par heure)"),
    RateKind.CONSULTATION_C: N_("Consultation G (base des 3C)"),
    RateKind.TRAINING_HOURLY_C_MULTIPLE: N_("Formation : nombre de C par heure"),
    RateKind.COORDINATION_HOURLY: N_("Coordination (par heure)"),
    RateKind.SNP_MAJORATION: N_("Majoration SNP"),
}


def coming_soon_banner(text: str) -> QFrame:
    frame = QFrame()
    frame.setStyleSheet("QFrame { background: #fff8e1; border: 1px solid #f0d58c; border-radius: 6px; }")
    layout = QVBoxLayout(frame)
    title = QLabel(_("À venir"), objectName="comingSoon")
    title.setStyleSheet("font-weight: 700; color: #8a6d00; border: none;")
    body = QLabel(text, wordWrap=True)
    body.setStyleSheet("border: none;")
    layout.addWidget(title)
    layout.addWidget(body)
    return frame


def read_only_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.setItem(i, j, QTableWidgetItem(value))


class AttendanceView(View):
    key = "attendance"
    topics = (AppContext.ROSTER,)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, _("Présences"))
        self.body.addWidget(coming_soon_banner(_(
            "La saisie des présences (présent, absent, remplacé, horaires réels) et les feuilles "
            "d'émargement arrivent avec le prochain lot. Les présences se saisissent sur un planning publié.")))
        self.state = QLabel(wordWrap=True)
        self.state.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.body.addWidget(self.state)
        self.body.addStretch(1)

    def reload(self) -> None:
        roster = self.ctx.services.rosters.get(self.ctx.year, self.ctx.month, with_assignments=True)
        month = labels.month_title(self.ctx.year, self.ctx.month)
        if roster is None:
            self.state.setText(_("Aucun planning pour {month}.").format(month=month))
            return
        recorded = len(self.ctx.services.attendance.list_month(self.ctx.year, self.ctx.month))
        text = _("Planning de {month} : {status}, {n} vacations.").format(
            month=month, status=labels.roster_status(roster.status), n=len(roster.assignments or []))
        if roster.status is RosterStatus.PUBLISHED:
            text += " " + _("{n} présences déjà saisies.").format(n=recorded)
        else:
            text += " " + _("Publiez-le pour saisir les présences.")
        self.state.setText(text)


class ClaimsView(View):
    key = "claims"
    topics = (AppContext.SETTINGS,)
    follows_month = False

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, _("États et paiements"))
        self.body.addWidget(coming_soon_banner(_(
            "Les états mensuels de régulation à 90 €/h, le récapitulatif du trésorier et les indemnités "
            "(formation, coordination) arrivent avec un prochain lot. Ils seront calculés à partir des "
            "présences, avec les taux ci-dessous en vigueur à la date de chaque vacation.")))
        self.body.addWidget(QLabel(_("Taux en vigueur aujourd'hui")))
        self.table = read_only_table([_("Taux"), _("Montant"), _("Depuis le"), _("Note")])
        self.body.addWidget(self.table, 1)

    def reload(self) -> None:
        rates = self.ctx.services.settings.rates()
        today = self.ctx.today
        latest = {}
        for r in sorted(rates, key=lambda r: r.valid_from):
            if r.valid_from <= today:
                latest[r.kind] = r
        fill(self.table, [[_(RATE_LABELS[k]), f"{r.value:.2f}".replace(".", ","), labels.short_date(r.valid_from), r.note]
                          for k, r in latest.items()])
