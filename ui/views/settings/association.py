"""The association, its zone and its policies (availability, PDSA handover, rest, limits),
plus the interface language (a preference of this computer, not of the association)."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox

from sas_roster.domain.departments import zone_for_department
from sas_roster.domain.enums import AvailabilityPolicy, HandoverPolicy, HolidayZone
from sas_roster.domain.settings import AssociationSettings

from ... import labels
from ...context import ui_settings
from ...i18n import _, pgettext
from .page import SettingsPage
from ...widgets.combo import ValueCombo


def _spin(maximum: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setSuffix(suffix)
    return box


class AssociationPage(SettingsPage):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.title = _("Association")
        self.name = QLineEdit()
        self.department = QLineEdit()
        self.zone = ValueCombo()
        for z in HolidayZone:
            self.zone.addItem(labels.zone(z), z)
        self.policy = ValueCombo()
        for p in AvailabilityPolicy:
            self.policy.addItem(labels.availability_policy(p), p)
        self.handover = ValueCombo()
        for h in HandoverPolicy:
            self.handover.addItem(labels.handover(h), h)
        self.rest_after_pdsa = QCheckBox(_("repos obligatoire après une nuit de PDSA"))
        self.rest_hours = _spin(24, " h")
        self.max_regulator = _spin(24, _(" h par jour"))
        self.osnp_day = _spin(24, _(" h par jour"))
        self.osnp_rest = _spin(24, _(" h entre deux jours"))
        self.osnp_week = _spin(60, _(" h par semaine"))
        self.on_site_share = QDoubleSpinBox()
        self.on_site_share.setRange(0, 100)
        self.on_site_share.setDecimals(0)
        self.on_site_share.setSuffix(" %")
        self.retention = _spin(50, _(" ans"))
        self.language = ValueCombo()
        self.language.addItem("Français", "fr")
        self.language.addItem("English", "en")

        identity = QGroupBox(_("Association"))
        form = QFormLayout(identity)
        form.addRow(pgettext("name of a thing", "Nom"), self.name)
        form.addRow(_("Département"), self.department)
        form.addRow(_("Zone des jours fériés"), self.zone)
        form.addRow(_("Conservation des données personnelles"), self.retention)
        rules = QGroupBox(_("Règles de planification"))
        form = QFormLayout(rules)
        form.addRow(_("Disponibilités"), self.policy)
        form.addRow(_("Relève PDSA"), self.handover)
        rest = QHBoxLayout()
        rest.addWidget(self.rest_after_pdsa)
        rest.addWidget(self.rest_hours)
        rest.addStretch(1)
        form.addRow(_("Après une nuit de PDSA"), rest)
        form.addRow(_("Régulateur : durée maximale"), self.max_regulator)
        form.addRow(_("Régulation délocalisée : part minimale sur site"), self.on_site_share)
        form.addRow(_("OSNP : durée maximale"), self.osnp_day)
        form.addRow(_("OSNP : repos minimal"), self.osnp_rest)
        form.addRow(_("OSNP : durée hebdomadaire maximale"), self.osnp_week)
        interface = QGroupBox(_("Interface"))
        form = QFormLayout(interface)
        form.addRow(_("Langue"), self.language)
        form.addRow("", QLabel(_("La langue choisie s'applique au prochain démarrage.")))
        for box in (identity, rules, interface):
            box.layout().setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
            self.content.addWidget(box)
        for edit in (self.name, self.department):
            edit.setMinimumWidth(420)
        self.content.addStretch(1)
        self.department.textChanged.connect(self._zone_from_department)

    def _zone_from_department(self, text: str) -> None:
        """The holiday zone follows the département (the domain's rule); free only without one."""
        zone = zone_for_department(text) if text.strip() else None
        if zone is not None:
            self.zone.set_value(zone)
        self.zone.setEnabled(zone is None)

    def load(self) -> None:
        s = self.ctx.services.settings.get() or AssociationSettings(name="")
        self.current = s
        self.name.setText(s.name)
        self.department.setText(s.department)
        self.zone.setCurrentIndex(self.zone.findData(s.zone))
        self.policy.setCurrentIndex(self.policy.findData(s.availability_policy))
        self.handover.setCurrentIndex(self.handover.findData(s.handover_policy))
        self.rest_after_pdsa.setChecked(s.rest_after_pdsa_night)
        self.rest_hours.setValue(s.rest_after_pdsa_hours)
        self.max_regulator.setValue(s.max_regulator_hours_per_day)
        self.osnp_day.setValue(s.osnp_max_hours_per_day)
        self.osnp_rest.setValue(s.osnp_min_rest_hours)
        self.osnp_week.setValue(s.osnp_max_hours_per_week)
        self.on_site_share.setValue(round(s.remote_min_on_site_share * 100))
        self.retention.setValue(s.retention_years)
        # The language saved for the next start, not the one this session started in.
        chosen = str(ui_settings().value("language", self.ctx.lang))
        self.language.setCurrentIndex(max(0, self.language.findData(chosen)))

    def edited(self) -> AssociationSettings:
        # Opening hours and bridge days are edited on their own tab: read them back fresh.
        stored = self.ctx.services.settings.get() or self.current
        return dataclasses.replace(
            stored,
            name=self.name.text().strip(),
            department=self.department.text().strip(),
            zone=self.zone.currentData(),
            availability_policy=self.policy.currentData(),
            handover_policy=self.handover.currentData(),
            rest_after_pdsa_night=self.rest_after_pdsa.isChecked(),
            rest_after_pdsa_hours=self.rest_hours.value(),
            max_regulator_hours_per_day=self.max_regulator.value(),
            osnp_max_hours_per_day=self.osnp_day.value(),
            osnp_min_rest_hours=self.osnp_rest.value(),
            osnp_max_hours_per_week=self.osnp_week.value(),
            remote_min_on_site_share=self.on_site_share.value() / 100,
            retention_years=self.retention.value(),
        )

    def store(self) -> None:
        self.ctx.services.settings.save(self.edited())
        ui_settings().setValue("language", self.language.currentData())
