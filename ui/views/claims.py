"""États et paiements: the month's regulation statements (from confirmed attendance), the
issued statements with their numbers, the budget by funding source, the rates in force."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton

from exports.claims_cli import export_statements
from sas_roster.domain.budget import FundingSource
from sas_roster.domain.errors import DomainError

from .. import labels
from ..context import AppContext
from ..i18n import N_, _
from .base import View
from .coming_soon import RATE_LABELS, fill, read_only_table


SOURCE_LABELS = {
    FundingSource.FIR: N_("FIR"),
    FundingSource.MIG_SAMU: N_("MIG SAMU"),
    FundingSource.FMIS: N_("FMIS"),
    FundingSource.ENVELOPPE_VILLE: N_("Enveloppe ville (Assurance maladie)"),
    FundingSource.CONSEIL_DEPARTEMENTAL: N_("Conseil départemental"),
    FundingSource.OTHER: N_("Autre"),
    FundingSource.PDSA: N_("PDSA (budget à part)"),
}


def _money(value: object) -> str:
    return labels.money(value)  # Babel, in the interface's language: the same on every page


class ClaimsView(View):
    key = "claims"
    topics = (AppContext.SETTINGS, AppContext.ROSTER)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, _("États et paiements"), _(
            "Les états de régulation se calculent sur les présences confirmées, jamais sur le planning ; "
            "un état reçoit son numéro au premier export puis ne change plus (une correction est un "
            "nouvel état qui renvoie au précédent)."))
        bar = QHBoxLayout()
        self.export_button = QPushButton(_("Exporter les états du mois…"), objectName="exportClaims")
        bar.addWidget(self.export_button)
        bar.addStretch(1)
        self.body.addLayout(bar)
        self.state = QLabel(wordWrap=True, objectName="claimsState")
        self.body.addWidget(self.state)
        self.statements = read_only_table([_("N° état"), _("Bénéficiaire"), _("RPPS"), _("Payeur"), _("Heures"),
                                           _("Montant")])
        self.body.addWidget(self.statements, 2)
        self.body.addWidget(QLabel(_("Budget de l'année par source de financement")))
        self.budget = read_only_table([_("Source"), _("Prévu"), _("Engagé"), _("Dépensé"), _("Copil")])
        self.body.addWidget(self.budget, 1)
        self.body.addWidget(QLabel(_("Taux en vigueur aujourd'hui")))
        self.rates = read_only_table([_("Taux"), _("Montant"), _("Depuis le"), _("Note")])
        self.body.addWidget(self.rates, 1)
        self.export_button.clicked.connect(self._choose_and_export)

    def reload(self) -> None:
        sv, y, m = self.ctx.services, self.ctx.year, self.ctx.month
        period = f"{y:04d}-{m:02d}"
        issued = {st.person_id: st for st in sv.claims.issued(period)}
        try:
            computed = sv.claims.regulation(y, m)
            self.state.setText(_("{n} état(s) de régulation pour {month}, total {total}.").format(
                n=len(computed), month=labels.month_title(y, m), total=_money(sum(st.total for st in computed))))
        except DomainError as exc:
            computed = []
            self.state.setText(str(exc))
        rows = []
        for st in computed:
            number = issued[st.person_id].number if st.person_id in issued else _("non exporté")
            rows.append([number or "", st.person_name, st.rpps or "", st.payer_name,
                         labels.number(st.total_minutes / 60, 2), _money(st.total)])
        fill(self.statements, rows)
        fill(self.budget, [[_(SOURCE_LABELS[b.source]), _money(b.planned), _money(b.committed), _money(b.spent),
                            (f"{labels.short_date(b.copil_date)} {b.copil_decision}" if b.copil_date else "")]
                           for b in sv.budget.show(y, self.ctx.today)])
        latest = {}
        for r in sorted(sv.settings.rates(), key=lambda r: r.valid_from):
            if r.valid_from <= self.ctx.today:
                latest[r.kind] = r
        fill(self.rates, [[_(RATE_LABELS[k]), labels.amount(r.value), labels.short_date(r.valid_from), r.note]
                          for k, r in latest.items()])

    def _choose_and_export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Dossier des états"))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> list[Path]:
        try:
            _statements, written = export_statements(self.ctx.services, "claims",
                                                     f"{self.ctx.year:04d}-{self.ctx.month:02d}", folder,
                                                     actor=self.ctx.actor)
        except DomainError as exc:
            self.state.setText(str(exc))
            return []
        self.reload()
        self.state.setText(self.state.text() + " " + _("{n} fichier(s) écrits dans {folder}.").format(
            n=len(written), folder=folder))
        return written
