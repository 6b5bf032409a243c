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
DEMO_FILE_NAME = "sas-roster-demo.db"


def is_empty(services) -> bool:
    """No association yet and nobody in the pools: the database was just created."""
    return services.settings.get() is None and not services.persons.list()


def demo_url(services) -> str:
    """The demo's own SQLite file: beside the association's file, else in the user's data folder."""
    url = services.engine.url
    folder: Path | None = None
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        main = Path(url.database)
        if main.name == DEMO_FILE_NAME:
            return f"sqlite:///{main.as_posix()}"
        folder = main.parent
        name = f"{main.stem}-demo.db" if main.stem != "sas-roster" else DEMO_FILE_NAME
    else:
        from platformdirs import user_data_dir

        folder, name = Path(user_data_dir("sas-roster", "sas-roster")), DEMO_FILE_NAME
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(folder / name).as_posix()}"


def is_demo_database(services) -> bool:
    """The window says so when the open database is a demo file."""
    url = services.engine.url
    return url.get_backend_name() == "sqlite" and str(url.database or "").endswith(("-demo.db", DEMO_FILE_NAME))


class FirstStartDialog(QDialog):
    """Two doors: "Créer mon association" or "Découvrir la démonstration"."""

    def __init__(self, database: str, parent: QWidget | None = None) -> None:
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
        layout.addLayout(buttons)
        quit_row = QHBoxLayout()
        quit_row.addStretch(1)
        quit_row.addWidget(self.quit_button)
        layout.addLayout(quit_row)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def ask_with_dialog(database: str) -> str | None:
    dialog = FirstStartDialog(database)
    return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None


def create_with_wizard(services, today) -> bool:
    from .wizard import SetupWizard

    return SetupWizard(services, today).exec() == QDialog.DialogCode.Accepted


def open_services(ctx, *, database_label: Callable[[object], str],
                  ask: Callable[[str], str | None] = ask_with_dialog,
                  create: Callable[[object, object], bool] = create_with_wizard):
    """The services the window opens on, and whether they are the demo's; None to quit.

    An empty database asks first: the wizard fills it, or the demo file is opened (and filled
    with the demo on its first use) while the empty database stays empty."""
    services = ctx.services()
    if not is_empty(services):
        return services, is_demo_database(services)
    choice = ask(database_label(services))
    if choice == CREATE:
        return (services, False) if create(services, ctx.today) else None
    if choice == DEMO:
        return open_demo(ctx, services), True
    return None


def open_demo(ctx, services):
    """The demo's own database, created with the demo association on first use."""
    from sas_roster.demo.loader import ensure_demo
    from sas_roster.services import Services

    demo = Services.open(demo_url(services))
    ensure_demo(demo, ctx.today)
    services.close()  # the association's (empty) database is not used this session
    return demo
