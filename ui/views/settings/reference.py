"""Reference lists: territories (CPTS / sectors) with their on-call effectors, shift templates,
and the dated rates (a new rate is a new line with its start date: history is kept)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

from sas_roster.domain.demand import RotaSource, ShiftTemplate, Territory
from sas_roster.domain.enums import RateKind, Role
from sas_roster.domain.errors import Problem, ValidationError
from sas_roster.domain.rates import DatedRate

from ... import labels
from ...i18n import N_, _, pgettext
from ...widgets.table_editor import Col, TableEditor
from ..coming_soon import RATE_LABELS
from .page import SettingsPage

ROTA_SOURCES = {RotaSource.ASSOCIATION: N_("l'association"), RotaSource.CPTS: N_("la CPTS (liste importée)")}


class ReferencePage(SettingsPage):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.title = _("Territoires et créneaux")
        self.territories = TableEditor([
            Col(_("Code"), "text", default="", width=80),
            Col(pgettext("name of a thing", "Nom"), "text", default="", width=260),
            Col(_("Astreintes par jour"), "int", default=1, maximum=20, width=140),
            Col(_("Astreintes organisées par"), "choice", default=RotaSource.ASSOCIATION,
                choices=tuple((_(t), v) for v, t in ROTA_SOURCES.items())),
        ], add_text=_("Ajouter un territoire"))
        self.templates = TableEditor([
            Col(_("Rôle"), "choice", default=Role.REGULATOR, choices=tuple((labels.role(r), r) for r in Role), width=110),
            Col(_("Code"), "text", default="", width=90),
            Col(_("Libellé"), "text", default="", width=230),
            Col(_("Début"), "time", default=time(8), width=70),
            Col(_("Fin"), "time", default=time(12), width=70),
            Col(_("Jours"), "weekdays", default=frozenset(range(5)), width=140),
            Col(_("Compétence requise"), "text", default=""),
        ], add_text=_("Ajouter un créneau"))
        for title, editor, hint in (
            (_("Territoires (CPTS, secteurs)"), self.territories,
             _("Un territoire dont la CPTS envoie sa propre liste d'astreintes n'est pas planifié : "
               "sa liste est importée comme affectations fixes.")),
            (_("Créneaux (modèles de vacation)"), self.templates,
             _("Jours : par ex. « lun.–ven. » ou « sam. ». Supprimer un créneau ne modifie pas les plannings déjà faits.")),
        ):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(editor)
            note = QLabel(hint, wordWrap=True, objectName="viewHint")
            inner.addWidget(note)
            self.content.addWidget(box, 1)

    def load(self) -> None:
        s = self.ctx.services.settings
        self.territories.set_rows([[t.code, t.name, t.oncall_per_day, t.rota_source] for t in s.territories()])
        self.templates.set_rows([[t.role, t.code, t.label, t.start, t.end, t.weekdays, t.skill or ""]
                                 for t in s.shift_templates()])

    def store(self) -> None:
        s = self.ctx.services.settings
        territories = [Territory(code, name, n, source) for code, name, n, source in self.territories.rows()]
        templates = [ShiftTemplate(role, code, label, start, end, days, skill or None)
                     for role, code, label, start, end, days, skill in self.templates.rows()]
        s.save_territories(territories)
        kept = {t.code for t in territories}
        for stored in s.territories():
            if stored.code not in kept:
                s.remove_territory(stored.code)
        s.save_shift_templates(templates, replace=True)


class RatesPage(SettingsPage):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.title = _("Taux datés")
        self.rates = TableEditor([
            Col(_("Taux"), "choice", default=RateKind.REGULATION_HOURLY,
                choices=tuple((_(RATE_LABELS[k]), k) for k in RateKind), width=260),
            Col(_("Montant"), "decimal", default=Decimal("0"), width=110),
            Col(_("En vigueur depuis le"), "date", default=ctx.today, width=150),
            Col(_("Note"), "text", default=""),
        ], add_text=_("Ajouter un taux"))
        self.rates.remove_button.hide()  # a rate's history is never removed: a new line supersedes it
        self.content.addWidget(QLabel(_(
            "Les montants sont datés : pour un nouveau taux (avenant à la convention, nouvelle valeur du G), "
            "ajoutez une ligne avec sa date d'effet. Les anciennes lignes restent pour les mois passés."),
            wordWrap=True, objectName="viewHint"))
        self.content.addWidget(self.rates, 1)

    def load(self) -> None:
        rates = sorted(self.ctx.services.settings.rates(), key=lambda r: (r.kind.value, r.valid_from))
        self.rates.set_rows([[r.kind, r.value, r.valid_from, r.note] for r in rates])
        for row in range(len(rates)):
            self.rates.lock(row, (0, 2))

    def store(self) -> None:
        rows = self.rates.rows()
        problems = [Problem(_("montant manquant"), i, _("Montant")) for i, r in enumerate(rows, 1) if r[1] is None]
        if problems:
            raise ValidationError(_("Taux refusés"), problems)
        self.ctx.services.settings.save_rates([DatedRate(k, Decimal(v), d or date.today(), note or "")
                                               for k, v, d, note in rows])
