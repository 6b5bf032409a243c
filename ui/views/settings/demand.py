"""Demand curves: the usual required headcount per weekday and hour for each role, and dated
periods that replace it (a winter epidemic, a summer slowdown)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from sas_roster.domain.demand import DemandCurve, DemandOverride
from sas_roster.domain.enums import Role

from ... import labels
from ...i18n import _
from ...models.demand import DemandGridModel
from .page import SettingsPage
from ...widgets.combo import ValueCombo

BASE = -1  # the "usual demand" entry of the period list


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


class DemandPage(SettingsPage):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.title = _("Besoins")
        self.role = ValueCombo()
        for r in (Role.REGULATOR, Role.OSNP):  # effectors are counted per territory, not per hour
            self.role.addItem(labels.role_plural(r), r)
        self.period = ValueCombo()
        self.new_period = QPushButton(_("Nouvelle période…"))
        self.remove_period = QPushButton(_("Supprimer la période"))
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Rôle")))
        top.addWidget(self.role)
        top.addSpacing(16)
        top.addWidget(QLabel(_("Période")))
        top.addWidget(self.period, 1)
        top.addWidget(self.new_period)
        top.addWidget(self.remove_period)
        self.content.addLayout(top)

        self.label = QLineEdit()
        self.start = QDateEdit(calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.end = QDateEdit(calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.period_box = QWidget()
        dates = QHBoxLayout(self.period_box)
        dates.setContentsMargins(0, 0, 0, 0)
        for text, w in ((_("Libellé"), self.label), (_("du"), self.start), (_("au"), self.end)):
            dates.addWidget(QLabel(text))
            dates.addWidget(w)
        dates.addStretch(1)
        self.content.addWidget(self.period_box)

        self.model = DemandGridModel()
        self.grid = QTableView()
        self.grid.setModel(self.model)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.content.addWidget(self.grid, 1)
        self.content.addWidget(QLabel(_(
            "Nombre de personnes requises par heure (8h = de 8h à 9h). Les cases grisées sont hors des heures "
            "d'ouverture. Double-cliquez ou tapez un nombre pour modifier."), wordWrap=True, objectName="viewHint"))

        self.role.currentIndexChanged.connect(self._refill_periods)
        self.period.currentIndexChanged.connect(self._show_period)
        self.model.edited.connect(self._grid_edited)
        self.new_period.clicked.connect(self.add_period)
        self.remove_period.clicked.connect(self.delete_period)
        self.label.textEdited.connect(self._period_edited)
        self.start.dateChanged.connect(self._period_edited)
        self.end.dateChanged.connect(self._period_edited)
        self._loading = False

    # --- state --------------------------------------------------------------------------------

    def load(self) -> None:
        s = self.ctx.services.settings
        self.curves: dict[Role, DemandCurve] = {r: s.demand_curves().get(r, DemandCurve(r)) for r in Role}
        self.overrides: list[DemandOverride] = list(s.demand_overrides())
        settings = s.get()
        self.open_hours = {
            r: {wd: (rng.start.hour, rng.end.hour + (1 if rng.end.minute else 0))
                for wd, rng in (settings.opening_hours.get(r, {}) if settings else {}).items()}
            for r in Role
        }
        self._refill_periods()

    def _current_role(self) -> Role:
        return self.role.currentData()

    def _refill_periods(self) -> None:
        self._loading = True
        role = self._current_role()
        self.period.clear()
        self.period.addItem(_("Besoin habituel"), BASE)
        for i, o in enumerate(self.overrides):
            if o.curve.role is role:
                self.period.addItem(f"{o.label} ({labels.short_date(o.start)} – {labels.short_date(o.end)})", i)
        self._loading = False
        self._show_period()

    def _selected(self) -> int:
        data = self.period.currentData()
        return BASE if data is None else data

    def _show_period(self) -> None:
        if self._loading:
            return
        role, i = self._current_role(), self._selected()
        curve = self.curves[role] if i == BASE else self.overrides[i].curve
        self._loading = True
        self.period_box.setVisible(i != BASE)
        self.remove_period.setEnabled(i != BASE)
        if i != BASE:
            o = self.overrides[i]
            self.label.setText(o.label)
            self.start.setDate(_qdate(o.start))
            self.end.setDate(_qdate(o.end))
        else:
            self.label.clear()
        self._loading = False
        self.model.set_curve(curve.by_weekday, self.open_hours.get(role))

    def _grid_edited(self) -> None:
        role, i = self._current_role(), self._selected()
        curve = DemandCurve(role, self.model.curve())
        if i == BASE:
            self.curves[role] = curve
        else:
            self.overrides[i] = dataclasses.replace(self.overrides[i], curve=curve)

    def _period_edited(self, *_args) -> None:
        i = self._selected()
        if self._loading or i == BASE:
            return
        self.overrides[i] = dataclasses.replace(
            self.overrides[i], label=self.label.text(), start=_pydate(self.start.date()), end=_pydate(self.end.date()))
        self.period.setItemText(self.period.currentIndex(), f"{self.label.text()} ({labels.short_date(self.overrides[i].start)}"
                                f" – {labels.short_date(self.overrides[i].end)})")

    def add_period(self) -> int:
        """A new dated period for the current role, starting as a copy of the usual demand."""
        role = self._current_role()
        first = date(self.ctx.year, self.ctx.month, 1)
        self.overrides.append(DemandOverride(_("Nouvelle période"), first, first + timedelta(days=30),
                                             DemandCurve(role, {wd: dict(h) for wd, h in self.curves[role].by_weekday.items()})))
        self._refill_periods()
        self.period.setCurrentIndex(self.period.count() - 1)
        return len(self.overrides) - 1

    def delete_period(self) -> None:
        i = self._selected()
        if i == BASE:
            return
        del self.overrides[i]
        self._refill_periods()

    def store(self) -> None:
        s = self.ctx.services.settings
        for role in (Role.REGULATOR, Role.OSNP):
            s.save_demand_curve(self.curves[role])
        s.save_demand_overrides(self.overrides)
