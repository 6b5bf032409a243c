"""What the association sends out: the platform's contacts printed on documents, the SMTP
server (its password goes to the system keyring, never to the database), and the charte
d'adressage of each territory — its levels in order, the on-call effector among them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sas_roster.domain.addressing import AddressingLevel, LevelKind
from sas_roster.domain.mailing import AssociationContact, SmtpSecurity, SmtpSettings

from ...i18n import N_, _
from ...widgets.table_editor import Col, TableEditor
from .page import SettingsPage

LEVELS = {
    LevelKind.OWN_DOCTOR: N_("Médecin traitant du patient"),
    LevelKind.ONCALL: N_("Effecteur d'astreinte (du planning publié)"),
    LevelKind.HEALTH_CENTRE: N_("Maison ou centre de santé"),
    LevelKind.SOS: N_("SOS Médecins"),
    LevelKind.URGENT_CARE: N_("Soins non programmés / urgences"),
    LevelKind.OTHER: N_("Autre recours"),
}
SECURITY = {SmtpSecurity.STARTTLS: "STARTTLS", SmtpSecurity.SSL: "SSL/TLS", SmtpSecurity.NONE: N_("aucun (réseau local)")}


class OutreachPage(SettingsPage):
    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.title = _("Adressage et envoi")
        self.address = QPlainTextEdit(objectName="platformAddress")
        self.address.setFixedHeight(64)
        self.phone = QLineEdit(objectName="platformPhone")
        self.email = QLineEdit(objectName="platformEmail")
        contact = QGroupBox(_("Coordonnées de la plateforme (imprimées sur les plannings)"))
        form = QFormLayout(contact)
        form.addRow(_("Adresse"), self.address)
        form.addRow(_("Téléphone"), self.phone)
        form.addRow(_("E-mail de la coordination"), self.email)

        self.host = QLineEdit(objectName="smtpHost")
        self.port = QSpinBox(objectName="smtpPort", minimum=1, maximum=65535, value=587)
        self.security = QComboBox(objectName="smtpSecurity")
        for value, text in SECURITY.items():
            self.security.addItem(_(text), value)
        self.user = QLineEdit(objectName="smtpUser")
        self.sender = QLineEdit(objectName="smtpSender")
        self.sender_name = QLineEdit(objectName="smtpSenderName")
        self.password_button = QPushButton(_("Mot de passe…"), objectName="smtpPassword")
        self.password_button.clicked.connect(self.ask_password)
        smtp = QGroupBox(_("Serveur d'envoi des e-mails"))
        form = QFormLayout(smtp)
        form.addRow(_("Serveur"), self.host)
        row = QHBoxLayout()
        row.addWidget(self.port)
        row.addWidget(self.security, 1)
        form.addRow(_("Port et chiffrement"), row)
        form.addRow(_("Identifiant"), self.user)
        form.addRow(_("Adresse d'envoi"), self.sender)
        form.addRow(_("Nom de l'expéditeur"), self.sender_name)
        form.addRow("", self.password_button)
        form.addRow("", QLabel(_("Le mot de passe est gardé dans le trousseau du système ; sans trousseau, "
                                 "il est demandé à chaque envoi. Il n'est jamais écrit dans la base."),
                               wordWrap=True, objectName="viewHint"))

        self.territory = QComboBox(objectName="charterTerritory")
        self.charter = TableEditor([
            Col(_("Recours"), "choice", default=LevelKind.ONCALL, choices=tuple((_(t), v) for v, t in LEVELS.items()),
                width=280),
            Col(_("Libellé"), "text", default="", width=200),
            Col(_("Téléphone"), "text", default="", width=130),
            Col(_("Note (horaires, conditions)"), "text", default=""),
        ], add_text=_("Ajouter un recours"))
        up, down = QPushButton(_("Monter"), objectName="levelUp"), QPushButton(_("Descendre"), objectName="levelDown")
        up.clicked.connect(lambda: self.move(-1))
        down.clicked.connect(lambda: self.move(1))
        charter = QGroupBox(_("Charte d'adressage (dans l'ordre où l'OSNP adresse)"))
        inner = QVBoxLayout(charter)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Territoire :")))
        top.addWidget(self.territory, 1)
        top.addWidget(up)
        top.addWidget(down)
        inner.addLayout(top)
        inner.addWidget(self.charter, 1)
        self.territory.currentIndexChanged.connect(self._load_charter)

        columns = QHBoxLayout()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(contact)
        lv.addWidget(smtp)
        lv.addStretch(1)
        columns.addWidget(left, 1)
        columns.addWidget(charter, 1)
        self.content.addLayout(columns, 1)
        self.password_note = ""

    def load(self) -> None:
        mailing = self.ctx.services.mailing
        c, s = mailing.contact(), mailing.smtp()
        self.address.setPlainText(c.address)
        self.phone.setText(c.phone)
        self.email.setText(c.email)
        self.host.setText(s.host)
        self.port.setValue(s.port)
        self.security.setCurrentIndex(max(0, self.security.findData(s.security)))
        self.user.setText(s.user)
        self.sender.setText(s.sender)
        self.sender_name.setText(s.sender_name)
        current = self.territory.currentData()
        self.territory.blockSignals(True)
        self.territory.clear()
        for t in self.ctx.services.settings.territories():
            self.territory.addItem(t.name, t.code)
        self.territory.setCurrentIndex(max(0, self.territory.findData(current)))
        self.territory.blockSignals(False)
        self._load_charter()

    def _load_charter(self) -> None:
        code = self.territory.currentData()
        levels = self.ctx.services.addressing.charter(code) if code else []
        if code and not levels:
            from sas_roster.domain.addressing import default_charter

            levels = default_charter(code)
        self.charter.set_rows([[lv.kind, lv.label, lv.phone, lv.note] for lv in levels])

    def move(self, step: int) -> None:
        rows = self.charter.rows()
        selected = sorted({i.row() for i in self.charter.table.selectedIndexes()})
        if len(selected) != 1 or not 0 <= selected[0] + step < len(rows):
            return
        i = selected[0]
        rows[i], rows[i + step] = rows[i + step], rows[i]
        self.charter.set_rows(rows)
        self.charter.table.selectRow(i + step)

    def store(self) -> None:
        services = self.ctx.services
        services.mailing.save_contact(AssociationContact(self.address.toPlainText(), self.phone.text(), self.email.text()))
        services.mailing.save_smtp(SmtpSettings(self.host.text(), self.port.value(), self.security.currentData(),
                                                self.user.text(), self.sender.text(), self.sender_name.text()))
        code = self.territory.currentData()
        if code:
            services.addressing.save_charter(code, [AddressingLevel(code, 0, kind, label or "", phone or "", note or "")
                                                    for kind, label, phone, note in self.charter.rows()])

    def ask_password(self) -> None:
        from exports.smtp import Credentials

        smtp = SmtpSettings(self.host.text(), self.port.value(), self.security.currentData(), self.user.text(),
                            self.sender.text())
        password, ok = QInputDialog.getText(self, _("Mot de passe"), _("Mot de passe du serveur d'envoi :"),
                                            QLineEdit.EchoMode.Password)
        if ok and password:
            kept = Credentials().remember(smtp, password)
            self.password_note = (_("Mot de passe gardé dans le trousseau du système.") if kept else
                                  _("Pas de trousseau sur ce système : le mot de passe sera demandé à chaque envoi."))
            self.feedback.setText(self.password_note)
