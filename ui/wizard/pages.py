"""The setup wizard's pages: each edits one part of the association's setup, in memory; the
wizard saves the whole through the setup service at the end (one transaction)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from sas_roster.domain.demand import RotaSource
from sas_roster.domain.enums import AvailabilityPolicy, HandoverPolicy, RateKind, Role
from sas_roster.domain.settings import TimeRange

from .. import labels
from ..i18n import N_, _
from ..models.demand import DemandGridModel
from ..views.coming_soon import RATE_LABELS
from ..widgets.combo import ValueCombo
from ..widgets.opening_hours import OpeningHoursGrid
from ..widgets.table_editor import Col, TableEditor
from . import setup_api

ROTA_SOURCES = {RotaSource.ASSOCIATION: N_("l'association"), RotaSource.CPTS: N_("le territoire (liste importée)")}


def _hint(text: str) -> QLabel:
    label = QLabel(text, wordWrap=True, objectName="viewHint")
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class IdentityPage(QWizardPage):
    """Name and département; the holiday zone and the local time follow from the département."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("L'association"))
        self.setSubTitle(_("Son nom, et le département d'où suivent les jours fériés et l'heure locale."))
        self.name = QLineEdit()
        self.name.setMinimumWidth(420)
        self.department = QLineEdit()
        self.department.setMaximumWidth(80)
        self.department.setPlaceholderText("69, 2A, 974…")
        self.zone_label = QLabel()
        self.zone_label.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(_("Nom de l'association"), self.name)
        form.addRow(_("Département (numéro)"), self.department)
        form.addRow(_("Jours fériés et heure locale"), self.zone_label)
        self.registerField("name*", self.name)
        self.registerField("department*", self.department)
        self.department.textChanged.connect(self._show_zone)
        self.name.textChanged.connect(self.completeChanged)
        self._show_zone("")

    def _show_zone(self, text: str) -> None:
        zone = setup_api.zone_for_department(text) if text.strip() else None
        if zone is None:
            self.zone_label.setText(_("numéro de département inconnu") if text.strip() else "—")
        else:
            self.zone_label.setText(_("{zone} · heure de {tz}").format(
                zone=labels.zone(zone), tz=setup_api.time_zone_of(zone)))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.name.text().strip()) and setup_api.zone_for_department(self.department.text()) is not None

    def zone(self):
        return setup_api.zone_for_department(self.department.text())


class HoursPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Horaires de continuité"))
        self.setSubTitle(_("Les heures d'ouverture de chaque jour, pour chaque rôle. Hors de ces heures, c'est la PDSA."))
        self.grid = OpeningHoursGrid()
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid)
        layout.addStretch(1)
        self.grid.set_hours(setup_api.default_setup().settings.opening_hours)


class TerritoriesPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Territoires"))
        self.setSubTitle(_("Les territoires des effecteurs (CPTS, secteurs de PDSA…) et qui organise leurs astreintes."))
        kinds = setup_api.territory_kinds()
        columns = [
            Col(_("Code"), "text", default="", width=90),
            Col(_("Nom du territoire"), "text", default="", width=260),
            Col(_("Type"), "choice", default=kinds[0], width=230,
                choices=tuple((labels.territory_kind(k), k) for k in kinds)),
            Col(_("Astreintes par jour"), "int", default=1, maximum=20, width=140),
            Col(_("Astreintes organisées par"), "choice", default=RotaSource.ASSOCIATION,
                choices=tuple((_(t), v) for v, t in ROTA_SOURCES.items())),
        ]
        self.table = TableEditor(columns, add_text=_("Ajouter un territoire"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(_hint(_("Un territoire qui envoie sa propre liste d'astreintes n'est pas planifié : "
                                 "sa liste est importée comme affectations fixes. Vous pourrez en ajouter plus tard.")))


class TemplatesPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Créneaux"))
        self.setSubTitle(_("Les vacations que le calcul distribue. Le libellé est celui que verront les médecins."))
        self.table = TableEditor([
            Col(_("Rôle"), "choice", default=Role.REGULATOR, choices=tuple((labels.role(r), r) for r in Role), width=110),
            Col(_("Code"), "text", default="", width=90),
            Col(_("Libellé"), "text", default="", width=230),
            Col(_("Début"), "time", default=time(8), width=70),
            Col(_("Fin"), "time", default=time(12), width=70),
            Col(_("Jours"), "weekdays", default=frozenset(range(5)), width=140),
            Col(_("Compétence requise"), "text", default=""),
        ], add_text=_("Ajouter un créneau"))
        self.table.set_rows([[t.role, t.code, t.label, t.start, t.end, t.weekdays, t.skill or ""]
                             for t in setup_api.default_setup().templates])
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)


class DemandPage(QWizardPage):
    """Required headcount per hour and weekday, per role; proposed from the opening hours."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Besoins"))
        self.setSubTitle(_("Combien de personnes il faut, heure par heure, chaque jour. Cliquez une case pour la changer."))
        self.role = ValueCombo()
        for r in (Role.REGULATOR, Role.OSNP):  # effectors are counted per territory, not per hour
            self.role.addItem(labels.role_plural(r), r)
        self.curves: dict[Role, dict[int, dict[int, int]]] = {}
        self._hours: dict[Role, dict[int, TimeRange]] = {}
        self.model = DemandGridModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Rôle")))
        top.addWidget(self.role)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._shown: Role = Role.REGULATOR
        self.role.currentIndexChanged.connect(self._switch)

    def propose(self, settings) -> None:
        """The domain's starting curve (one person per open hour) wherever the coordinator has
        not set the curve yet; the open hours shaded."""
        self._hours = settings.opening_hours
        for role in (Role.REGULATOR, Role.OSNP):
            if role not in self.curves:
                self.curves[role] = setup_api.flat_curve(settings, role).by_weekday
        self._load(self._shown)

    def _open(self, role: Role) -> dict[int, tuple[int, int]]:
        return {wd: (rng.start.hour, rng.end.hour + (rng.end.minute > 0)) for wd, rng in self._hours.get(role, {}).items()}

    def _load(self, role: Role) -> None:
        self._shown = role
        self.model.set_curve(self.curves.get(role, {}), self._open(role))

    def _switch(self) -> None:
        self.curves[self._shown] = self.model.curve()
        self._load(self.role.currentData())

    def result(self) -> dict[Role, dict[int, dict[int, int]]]:
        self.curves[self._shown] = self.model.curve()
        return dict(self.curves)


class BridgesPage(QWizardPage):
    """The usual bridge days and PDSA extensions of the year, to tick: the regional cahier des
    charges decides which apply."""

    def __init__(self, year: int) -> None:
        super().__init__()
        self.year = year
        self.setTitle(_("Ponts et extensions de la PDSA"))
        self.setSubTitle(_("Cochez ceux que prévoit le cahier des charges régional pour {year}.").format(year=year))
        self.list = QListWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(_hint(_("Un pont est un jour entier de PDSA ; une extension (par ex. le 24 décembre à partir "
                                 "de 12h) garde la continuité le matin. Vous pourrez en ajouter d'autres dans les "
                                 "paramètres.")))
        self._zone = None

    def propose(self, zone) -> None:
        if zone == self._zone:
            return  # keep what the coordinator ticked
        self._zone = zone
        self.list.clear()
        for bridge in setup_api.proposed_bridges(self.year, zone):
            when = labels.long_date(bridge.day)
            if bridge.pdsa_from is not None:
                when = _("{day}, PDSA à partir de {hour}").format(day=when, hour=labels.hour(bridge.pdsa_from))
            item = QListWidgetItem(f"{when} — {labels.bridge(bridge.label)}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, bridge)
            self.list.addItem(item)

    def ticked(self) -> list:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]


class PoliciesPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Règles de planification"))
        self.setSubTitle(_("Les choix de l'association ; tous modifiables ensuite dans les paramètres."))
        self.policy = ValueCombo()
        for p in AvailabilityPolicy:
            self.policy.addItem(labels.availability_policy(p), p)
        self.handover = ValueCombo()
        for h in HandoverPolicy:
            self.handover.addItem(labels.handover(h), h)
        start = setup_api.default_setup().settings  # the domain's defaults
        self.policy.set_value(start.availability_policy)
        self.handover.set_value(start.handover_policy)
        self.rest_after_pdsa = QCheckBox(_("repos obligatoire après une nuit de PDSA"))
        self.rest_after_pdsa.setChecked(start.rest_after_pdsa_night)
        self.rest_hours = QSpinBox(minimum=0, maximum=24, value=start.rest_after_pdsa_hours, suffix=" h")
        self.on_site_share = QSpinBox(minimum=0, maximum=100, value=round(start.remote_min_on_site_share * 100),
                                      suffix=" %")
        self.quota = QSpinBox(minimum=0, maximum=2000, value=start.default_retiree_quota_hours or 0,
                              suffix=_(" h par an"))
        self.quota.setSpecialValueText(_("aucun"))
        form = QFormLayout(self)
        form.addRow(_("Disponibilités"), self.policy)
        form.addRow(_("Relève PDSA"), self.handover)
        rest = QHBoxLayout()
        rest.addWidget(self.rest_after_pdsa)
        rest.addWidget(self.rest_hours)
        rest.addStretch(1)
        form.addRow(_("Après une nuit de PDSA"), rest)
        form.addRow(_("Régulation délocalisée : part minimale sur site"), self.on_site_share)
        form.addRow(_("Quota annuel d'un retraité sans quota propre"), self.quota)


class RatesPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Taux datés"))
        self.setSubTitle(_("Les montants en vigueur, chacun avec sa date d'effet. Un nouveau taux sera une nouvelle ligne."))
        self.table = TableEditor([
            Col(_("Taux"), "choice", default=RateKind.REGULATION_HOURLY,
                choices=tuple((_(RATE_LABELS[k]), k) for k in RateKind), width=260),
            Col(_("Montant"), "decimal", default=Decimal("0"), width=110),
            Col(_("En vigueur depuis le"), "date", default=date.today(), width=150),
            Col(_("Note"), "text", default=""),
        ], add_text=_("Ajouter un taux"))
        self.table.set_rows([[r.kind, r.value, r.valid_from, r.note] for r in setup_api.default_setup().rates])
        self.feedback = QLabel(wordWrap=True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setStyleSheet("color: #a11414;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.feedback)


