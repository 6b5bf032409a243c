"""Add or edit a person, with the rules checked as the coordinator types.

The rules are the services' (`services.persons.validate`): the dialog only builds a Person
from the form, asks what is wrong with it, and shows each problem next to its field.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sas_roster.domain.enums import PersonStatus, Role, Sector
from sas_roster.domain.errors import DomainError, Problem
from sas_roster.domain.person import Person, RemoteAuthorisation, RetireeQuota

from .. import labels
from ..i18n import _
from ..widgets.fields import OptionalDateEdit, OptionalSpinBox
from ..widgets.combo import ValueCombo

INVALID_STYLE = "border: 2px solid #c62828; border-radius: 3px;"


class PersonDialog(QDialog):
    def __init__(self, services, person: Person | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.original = person
        self.saved: Person | None = None
        self.problems: list[Problem] = []
        # A blank form is not scolded before the coordinator types anything.
        self._touched = person is not None
        self.setWindowTitle(_("Modifier une personne") if person else _("Ajouter une personne"))
        self.setMinimumWidth(560)
        self.territories = services.settings.territories()

        tabs = QTabWidget()
        tabs.addTab(self._identity_tab(), _("Identité"))
        tabs.addTab(self._commitment_tab(), _("Engagements et quotas"))
        self.problems_label = QLabel(objectName="problems")
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Enregistrer"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuler"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        # The dialog grows when a message needs room, rather than squeezing fields onto each other.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(tabs)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.buttons)

        if person is not None:
            self._fill(person)
        self._connect_live_validation()
        self.validate()

    # --- form ---------------------------------------------------------------------------------

    def _identity_tab(self) -> QWidget:
        page = QWidget()
        form = self._identity_form = QFormLayout(page)
        self.last_name = QLineEdit(objectName="last_name")
        self.first_name = QLineEdit(objectName="first_name")
        self.role_boxes = {r: QCheckBox(labels.role(r)) for r in Role}
        roles_row = QHBoxLayout()
        for box in self.role_boxes.values():
            roles_row.addWidget(box)
        roles_row.addStretch(1)
        self.status = ValueCombo(objectName="status")
        for s in PersonStatus:
            self.status.addItem(labels.status(s), s)
        self.rpps = QLineEdit(objectName="rpps", placeholderText=_("11 chiffres"))
        self.rpps_hint = QLabel(objectName="problems", wordWrap=True)
        self.sector = ValueCombo(objectName="sector")
        self.sector.addItem("—", None)
        for s in Sector:
            self.sector.addItem(labels.sector(s), s)
        self.phone = QLineEdit(objectName="phone")
        self.email = QLineEdit(objectName="email")
        self.territory = ValueCombo(objectName="territory")
        self.territory.addItem("—", None)
        for t in self.territories:
            self.territory.addItem(f"{t.code} — {t.name}", t.code)
        self.consent = QCheckBox(_("accepte d'être contacté(e) pour des remplacements"), checked=True)
        form.addRow(_("Nom *"), self.last_name)
        form.addRow(_("Prénom"), self.first_name)
        form.addRow(_("Rôles *"), roles_row)
        form.addRow(_("Statut"), self.status)
        # The RPPS and its message in one cell: a word-wrapped label in a row of its own was
        # given one line's height by the form, so a long message was clipped under the next field.
        rpps_cell = QWidget()
        rpps_box = self._rpps_box = QVBoxLayout(rpps_cell)
        rpps_box.setContentsMargins(0, 0, 0, 0)
        rpps_box.setSpacing(2)
        rpps_box.addWidget(self.rpps)
        rpps_box.addWidget(self.rpps_hint)
        self.rpps_hint.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.rpps_hint.hide()
        form.addRow(_("RPPS"), rpps_cell)
        form.addRow(_("Secteur conventionnel"), self.sector)
        form.addRow(_("Téléphone"), self.phone)
        form.addRow(_("E-mail"), self.email)
        form.addRow(_("Territoire (effecteurs)"), self.territory)
        form.addRow("", self.consent)
        return page

    def _commitment_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.max_shifts = OptionalSpinBox(62, _(" vacations"))
        self.max_hours = OptionalSpinBox(400, " h")
        self.quota_yearly = OptionalSpinBox(2000, _(" h par an"))
        self.quota_monthly = OptionalSpinBox(300, _(" h par mois"))
        self.eligible_until = OptionalDateEdit(label=_("jusqu'au"))
        self.active_from = OptionalDateEdit(label=_("depuis le"))
        self.active_until = OptionalDateEdit(label=_("jusqu'au"))
        self.remote_since = OptionalDateEdit(label=_("autorisée depuis le"))
        self.remote_place = QLineEdit(placeholderText=_("lieu : cabinet, site périphérique…"))
        self.skills = QLineEdit(placeholderText=_("séparées par des virgules : pédiatrie, psychiatrie…"))
        form.addRow(_("Vacations par mois (max.)"), self.max_shifts)
        form.addRow(_("Heures par mois (max.)"), self.max_hours)
        form.addRow(_("Quota retraité annuel"), self.quota_yearly)
        form.addRow(_("Quota retraité mensuel"), self.quota_monthly)
        form.addRow(_("Éligibilité retraité"), self.eligible_until)
        form.addRow(_("Activité"), self.active_from)
        form.addRow(_("Fin d'activité"), self.active_until)
        form.addRow(_("Régulation délocalisée"), self.remote_since)
        form.addRow(_("Lieu de régulation délocalisée"), self.remote_place)
        form.addRow(_("Compétences"), self.skills)
        return page

    def _fill(self, p: Person) -> None:
        self.last_name.setText(p.last_name)
        self.first_name.setText(p.first_name)
        for r, box in self.role_boxes.items():
            box.setChecked(r in p.roles)
        self.status.setCurrentIndex(self.status.findData(p.status))
        self.rpps.setText(p.rpps or "")
        self.sector.setCurrentIndex(max(0, self.sector.findData(p.sector)))
        self.phone.setText(p.phone or "")
        self.email.setText(p.email or "")
        self.territory.setCurrentIndex(max(0, self.territory.findData(p.territory)))
        self.consent.setChecked(p.consent_contact)
        self.max_shifts.set_value(p.monthly_max_shifts)
        self.max_hours.set_value(p.monthly_max_hours)
        if p.quota:
            self.quota_yearly.set_value(p.quota.yearly_hours)
            self.quota_monthly.set_value(p.quota.monthly_hours)
            self.eligible_until.set_value(p.quota.eligible_until)
        self.active_from.set_value(p.active_from)
        self.active_until.set_value(p.active_until)
        if p.remote:
            self.remote_since.set_value(p.remote.granted_on)
            self.remote_place.setText(p.remote.place)
        self.skills.setText(", ".join(sorted(p.skills)))

    def _connect_live_validation(self) -> None:
        validate = self._on_edit
        for edit in (self.last_name, self.first_name, self.rpps, self.phone, self.email, self.remote_place, self.skills):
            edit.textChanged.connect(validate)
        for box in self.role_boxes.values():
            box.toggled.connect(validate)
        for combo in (self.status, self.sector, self.territory):
            combo.currentIndexChanged.connect(validate)
        for spin in (self.max_shifts, self.max_hours, self.quota_yearly, self.quota_monthly):
            spin.valueChanged.connect(validate)
        for d in (self.eligible_until, self.active_from, self.active_until, self.remote_since):
            d.changed.connect(validate)

    # --- building and checking ----------------------------------------------------------------

    def person(self) -> Person:
        """The person the form describes (fields the form does not show are kept as they were)."""
        base = self.original or Person(last_name="", first_name="", roles=frozenset(), status=PersonStatus.INSTALLED)
        quota = None
        if self.quota_yearly.value_or_none() is not None:
            quota = RetireeQuota(self.quota_yearly.value_or_none() or 0, self.quota_monthly.value_or_none(),
                                 self.eligible_until.value())
        remote_on = self.remote_since.value()
        skills = frozenset(s.strip() for s in self.skills.text().split(",") if s.strip())
        return dataclasses.replace(
            base,
            last_name=self.last_name.text(),
            first_name=self.first_name.text(),
            roles=frozenset(r for r, box in self.role_boxes.items() if box.isChecked()),
            status=self.status.currentData(),
            rpps=self.rpps.text().strip() or None,
            sector=self.sector.currentData(),
            phone=self.phone.text() or None,
            email=self.email.text() or None,
            territory=self.territory.currentData(),
            consent_contact=self.consent.isChecked(),
            monthly_max_shifts=self.max_shifts.value_or_none(),
            monthly_max_hours=self.max_hours.value_or_none(),
            quota=quota,
            active_from=self.active_from.value(),
            active_until=self.active_until.value(),
            remote=RemoteAuthorisation(remote_on, self.remote_place.text().strip()) if remote_on else None,
            skills=skills,
        )

    def validate(self) -> list[Problem]:
        self.problems = self.services.persons.validate([self.person()])
        if self._touched:
            self._show_problems(self.problems)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not self.problems)
        return self.problems

    def _on_edit(self) -> None:
        self._touched = True
        self.validate()

    def _show_problems(self, problems: list[Problem]) -> None:
        fields = {
            "nom": self.last_name, "RPPS": self.rpps, "e-mail": self.email, "territoire": self.territory,
            "fin d'activité": self.active_until, "quota": self.quota_yearly,
            "engagement mensuel (gardes)": self.max_shifts, "engagement mensuel (heures)": self.max_hours,
        }
        flagged = {p.field for p in problems}
        for name, widget in fields.items():
            widget.setStyleSheet(INVALID_STYLE if name in flagged else "")
        rpps = [p.message for p in problems if p.field == "RPPS"]
        self.rpps_hint.setText(rpps[0] if rpps else "")
        self.rpps_hint.setVisible(bool(rpps))
        if rpps:  # room for every line of the message at the width it has
            self.rpps_hint.setMinimumHeight(self.rpps_hint.heightForWidth(max(200, self.rpps.width())))
        for layout in (self._rpps_box, self._identity_form, self.layout()):
            layout.activate()  # inner first: the message's room is there at once, not after a repaint
        self.problems_label.setText("\n".join(f"• {_describe(p)}" for p in problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def save(self) -> None:
        self._touched = True
        if self.validate():
            return
        person = self.person()
        try:
            if person.id is None:
                self.saved = self.services.persons.add(person, actor=None)
            else:
                self.saved = self.services.persons.update(person, actor=None)
        except DomainError as exc:
            self._show_problems(exc.problems or [Problem(exc.message)])
            return
        self.accept()


def _describe(p: Problem) -> str:
    # Rows mean nothing in a one-person form: name the field only (unless the message does).
    if not p.field or p.message.casefold().startswith(p.field.casefold()):
        return p.message
    return f"{p.field} : {p.message}"

