"""Pages whose full work arrives with later issues (governance), and the small table helpers
the other views share.

Each says plainly what is coming and shows what already exists for it, rather than an
empty panel: the month's roster status, the rates in force, the audit log.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from sas_roster.domain.enums import RateKind

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


class GovernanceView(View):
    key = "governance"
    topics = (AppContext.PERSONS, AppContext.ROSTER, AppContext.SETTINGS, AppContext.AVAILABILITY)
    follows_month = False

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, _("Gouvernance"))
        self.body.addWidget(coming_soon_banner(_(
            "Adhérents et cotisations, réunions (bureau, assemblée générale, copil paritaire), décisions, "
            "registre des documents et indicateurs d'activité arrivent avec un prochain lot. "
            "Le journal des modifications, lui, est déjà tenu :")))
        self.table = read_only_table([_("Date"), _("Par"), _("Objet"), _("Action")])
        self.body.addWidget(self.table, 1)

    def reload(self) -> None:
        actions = {"insert": _("ajout"), "update": _("modification"), "delete": _("suppression"), "reset": _("remise à zéro")}
        entries = self.ctx.services.audit.entries(limit=200)
        fill(self.table, [[e.at.strftime("%d/%m/%Y %H:%M"), e.actor, f"{e.entity} {e.entity_id}",
                           actions.get(e.action, e.action)] for e in entries])

