"""Opening hours per weekday and role, and the year's bridge days (PDSA extensions)."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

from sas_roster.domain.errors import ValidationError
from sas_roster.domain.settings import BridgeDay

from ...i18n import _
from ...widgets.opening_hours import OpeningHoursGrid
from ...widgets.table_editor import Col, TableEditor
from .page import SettingsPage


class HoursPage(SettingsPage):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.title = _("Horaires et ponts")
        hours_box = QGroupBox(_("Heures de continuité des soins, par jour et par rôle"))
        self.opening = OpeningHoursGrid()
        self.cells = self.opening.cells
        QVBoxLayout(hours_box).addWidget(self.opening)
        self.content.addWidget(hours_box)

        bridges_box = QGroupBox(_("Ponts et extensions de la PDSA (par date)"))
        self.bridges = TableEditor([
            Col(_("Date"), "date", default=date(ctx.year, 1, 1), width=120),
            Col(_("PDSA à partir de"), "optional_time", width=140),
            Col(_("Libellé"), "text", default=_("pont")),
        ], add_text=_("Ajouter un pont"))
        box = QVBoxLayout(bridges_box)
        box.addWidget(self.bridges)
        box.addWidget(QLabel(_("Laissez « PDSA à partir de » sur « toute la journée » pour un pont complet ; "
                               "une heure (par ex. 12:00) garde la continuité le matin.")))
        self.content.addWidget(bridges_box, 1)

    def load(self) -> None:
        s = self.ctx.services.settings.get()
        self.opening.set_hours(s.opening_hours if s else {})
        self.bridges.set_rows([[b.day, b.pdsa_from, b.label] for b in (s.bridge_days if s else ())])

    def store(self) -> None:
        s = self.ctx.services.settings.get()
        if s is None:
            raise ValidationError(_("Enregistrez d'abord le nom de l'association (onglet Association)."))
        hours = self.opening.hours()
        bridges = tuple(BridgeDay(day, pdsa_from, label or _("pont")) for day, pdsa_from, label in self.bridges.rows())
        self.ctx.services.settings.save(dataclasses.replace(s, opening_hours=hours, bridge_days=bridges))
