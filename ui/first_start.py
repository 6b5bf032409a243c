"""First start on an empty database: create the association (the setup wizard) or explore
the demo, which lives in a database file of its own and never mixes with the association's.

The flow is plain functions over injectable steps (`ask`, `create`) so that a test can drive
it without modal loops; `run_gui` passes the real dialog and wizard.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .i18n import _

CREATE = "create"
DEMO = "demo"
DEMO_FILE_NAME = "demo.sqlite"  # as sas_roster.persistence.engine names it beside the association's file
ASSOCIATION_FILE_NAME = "sas-roster.db"


def is_empty(services) -> bool:
    """No association yet and nobody in the pools: the database was just created."""
    from sas_roster.services.setup import DatabaseKind

    return services.setup.database_kind() is DatabaseKind.EMPTY


def demo_url(services) -> str:
    """The demo's own SQLite file: `demo.sqlite` beside the association's default file (the
    command line's `demo`), `<name>-demo.sqlite` beside any other file, else in the user's
    data folder (an association on a server)."""
    url = services.engine.url
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        main = Path(url.database)
        folder = main.parent
        name = DEMO_FILE_NAME if main.name == ASSOCIATION_FILE_NAME else f"{main.stem}-demo.sqlite"
    else:
        from platformdirs import user_data_dir

        folder, name = Path(user_data_dir("sas-roster", "sas-roster")), DEMO_FILE_NAME
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(folder / name).as_posix()}"


class FirstStartDialog(QDialog):
    """Two doors: "Créer mon association" or "Découvrir la démonstration"."""

    def __init__(self, database: str, zero_byte: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: str | None = None
        self.setWindowTitle(_("Bienvenue dans sas-roster"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        title = QLabel(_("Bienvenue dans sas-roster"), objectName="viewTitle")
        text = QLabel(_(
            "Cette base est vide. Créez votre association (nom, département, horaires, territoires, créneaux, "
            "besoins, ponts, règles et taux) avec l'assistant, ou découvrez l'application sur une association "
            "inventée : la démonstration s'ouvre dans une base séparée, qui ne se mélange jamais avec la vôtre."),
            wordWrap=True)
        where = QLabel(_("Base : {db}").format(db=database), objectName="viewHint", wordWrap=True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.zero_byte_warning = QLabel(_(
            "Attention : ce fichier était vide (0 octet). S'il devait contenir votre association, quittez et "
            "vérifiez le chemin ou restaurez une sauvegarde avant de créer quoi que ce soit."),
            objectName="problems", wordWrap=True)
        self.zero_byte_warning.setVisible(zero_byte)
        self.create_button = QPushButton(_("Créer mon association"))
        self.demo_button = QPushButton(_("Découvrir la démonstration"))
        self.quit_button = QPushButton(_("Quitter"))
        self.create_button.setDefault(True)
        for button in (self.create_button, self.demo_button):
            button.setMinimumHeight(44)
        self.create_button.clicked.connect(lambda: self._choose(CREATE))
        self.demo_button.clicked.connect(lambda: self._choose(DEMO))
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button, 1)
        buttons.addWidget(self.demo_button, 1)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(where)
        layout.addWidget(self.zero_byte_warning)
        layout.addLayout(buttons)
        quit_row = QHBoxLayout()
        quit_row.addStretch(1)
        quit_row.addWidget(self.quit_button)
        layout.addLayout(quit_row)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def ask_with_dialog(database: str, zero_byte: bool = False) -> str | None:
    dialog = FirstStartDialog(database, zero_byte)
    return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None


def create_with_wizard(services, today, actor: str) -> bool:
    from .wizard import SetupWizard

    return SetupWizard(services, today, actor=actor).exec() == QDialog.DialogCode.Accepted


def open_services(services, today, actor: str, *, database_label: Callable[[object], str],
                  ask: Callable[..., str | None] = ask_with_dialog,
                  create: Callable[[object, object, str], bool] = create_with_wizard):
    """The services the window opens on, and whether they are the demo's; None to quit.

    An empty database asks first: the wizard fills it, or the demo file is opened (and filled
    with the demo on its first use) while the empty database stays empty."""
    if not is_empty(services):
        return services, services.setup.is_demo()
    choice = ask(database_label(services), zero_byte=getattr(services, "opened_zero_byte_file", False))
    if choice == CREATE:
        return (services, False) if create(services, today, actor) else None
    if choice == DEMO:
        return open_demo(services, today), True
    return None


def open_demo(services, today):
    """The demo's own database, created with the demo association on first use."""
    from sas_roster.demo.loader import ensure_demo
    from sas_roster.services import Services

    demo = Services.open(demo_url(services))
    ensure_demo(demo, today)
    services.close()  # the association's (empty) database is not used this session
    return demo
