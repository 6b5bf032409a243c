"""Opening hours per weekday and role, and the year's bridge days (PDSA extensions)."""

from __future__ import annotations

import dataclasses
from datetime import date, time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QTimeEdit, QVBoxLayout

from sas_roster.domain.enums import Role
from sas_roster.domain.errors import Problem, ValidationError
from sas_roster.domain.settings import BridgeDay, TimeRange

from ... import labels
from ...i18n import _
from ...widgets.table_editor import Col, TableEditor
from .page import SettingsPage


class _Opening:
    """One role on one weekday: open or not, from, to."""

    def __init__(self) -> None:
        self.open = QCheckBox()
        self.start = QTimeEdit(displayFormat="HH:mm")
        self.end = QTimeEdit(displayFormat="HH:mm")
        self.open.toggled.connect(self.start.setEnabled)
        self.open.toggled.connect(self.end.setEnabled)

    def set(self, rng: TimeRange | None) -> None:
        self.open.setChecked(rng is not None)
        rng = rng or TimeRange(time(8), time(20))
        self.start.setTime(QTime(rng.start.hour, rng.start.minute))
        self.end.setTime(QTime(rng.end.hour, rng.end.minute))
        self.start.setEnabled(self.open.isChecked())
        self.end.setEnabled(self.open.isChecked())

    def range(self) -> tuple[time, time] | None:
        if not self.open.isChecked():
            return None
        s, e = self.start.time(), self.end.time()
        return time(s.hour(), s.minute()), time(e.hour(), e.minute())


class HoursPage(SettingsPage):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.title = _("Horaires et ponts")
        hours_box = QGroupBox(_("Heures de continuité des soins, par jour et par rôle"))
        grid = QGridLayout(hours_box)
        self.cells: dict[tuple[Role, int], _Opening] = {}
        for c, role in enumerate(Role):
            head = QLabel(f"<b>{labels.role_plural(role)}</b>", alignment=Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(head, 0, 1 + c * 3, 1, 3)
        for wd in range(7):
            grid.addWidget(QLabel(labels.weekday(wd).capitalize()), wd + 1, 0)
            for c, role in enumerate(Role):
                cell = self.cells[(role, wd)] = _Opening()
                grid.addWidget(cell.open, wd + 1, 1 + c * 3)
                grid.addWidget(cell.start, wd + 1, 2 + c * 3)
                grid.addWidget(cell.end, wd + 1, 3 + c * 3)
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
        for (role, wd), cell in self.cells.items():
            cell.set(s.hours_for(role, wd) if s else None)
        self.bridges.set_rows([[b.day, b.pdsa_from, b.label] for b in (s.bridge_days if s else ())])

    def store(self) -> None:
        s = self.ctx.services.settings.get()
        if s is None:
            raise ValidationError(_("Enregistrez d'abord le nom de l'association (onglet Association)."))
        problems: list[Problem] = []
        hours: dict[Role, dict[int, TimeRange]] = {}
        for (role, wd), cell in self.cells.items():
            rng = cell.range()
            if rng is None:
                continue
            if not rng[0] < rng[1]:
                problems.append(Problem(_("{role}, {day} : la fin ({end}) doit suivre le début ({start})").format(
                    role=labels.role(role), day=labels.weekday(wd), start=labels.hour(rng[0]), end=labels.hour(rng[1]))))
                continue
            hours.setdefault(role, {})[wd] = TimeRange(*rng)
        if problems:
            raise ValidationError(_("Horaires refusés"), problems)
        bridges = tuple(BridgeDay(day, pdsa_from, label or _("pont")) for day, pdsa_from, label in self.bridges.rows())
        self.ctx.services.settings.save(dataclasses.replace(s, opening_hours=hours, bridge_days=bridges))
