"""Helpers the views share: the rates' labels, a "coming soon" banner, read-only tables.
(Every page that once waited here now has its own module.)"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from sas_roster.domain.enums import RateKind

from ..i18n import N_, _

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


