"""First start on an empty database: create the association or open the demo, which lives in
a database file of its own; the window says which one is open."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from sas_roster.cli import CliContext
from sas_roster.services import Services
from ui import i18n
from ui.app import database_label
from ui.first_start import CREATE, DEMO, FirstStartDialog, is_empty, open_services

TODAY = date(2027, 4, 12)


def _open(path: Path, **kw):
    """The first-start flow on the database file `path` (the window's part of `main.py`)."""
    return open_services(Services.open(f"sqlite:///{path}"), TODAY, "test", database_label=database_label, **kw)


@pytest.mark.parametrize("lang, create, demo", [("fr", "Créer mon association", "Découvrir la démonstration"),
                                                ("en", "Create my association", "Explore the demo")])
def test_the_choice_offers_two_doors(lang, create, demo, qtbot):
    i18n.install(lang)
    dialog = FirstStartDialog("/tmp/x.db")
    qtbot.addWidget(dialog)
    assert dialog.create_button.text() == create and dialog.demo_button.text() == demo
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == DEMO and dialog.result() == dialog.DialogCode.Accepted


def test_the_demo_opens_in_its_own_file_and_the_window_says_so(tmp_path, qtbot):
    main = tmp_path / "sas-roster.db"
    asked = []
    opened = _open(main, ask=lambda db, **kw: asked.append(db) or DEMO)
    assert asked == [str(main)]
    services, demo = opened
    assert demo and Path(services.engine.url.database) == tmp_path / "demo.sqlite"  # as `sas-roster demo` names it
    assert services.settings.get().name.endswith("(démo)") and len(services.persons.list()) > 20
    with CliContext(db_url=f"sqlite:///{main}").services() as association:
        assert is_empty(association)  # never mixed with the association's database

    from ui.context import AppContext
    from ui.main_window import MainWindow

    window = MainWindow(AppContext(services, today=TODAY, database_label=database_label(services), demo=True))
    qtbot.addWidget(window)
    assert "démonstration" in window.windowTitle()
    assert window.database_status.text().startswith("Base de démonstration : ") \
        and window.database_status.text().endswith("demo.sqlite")
    services.close()

    # next start on the same (still empty) database: asked again; the demo file is reused as it is
    again = _open(main, ask=lambda db, **kw: DEMO)
    assert again[1] and len(again[0].persons.list()) == len(services.persons.list())
    again[0].close()


def test_creating_runs_the_wizard_on_the_empty_database(tmp_path):
    main = tmp_path / "new.db"
    seen = []

    def create(services, today, actor) -> bool:
        seen.append((Path(services.engine.url.database), today, actor))
        return False  # the coordinator abandoned the wizard

    assert _open(main, ask=lambda db, **kw: CREATE, create=create) is None
    assert seen == [(main, TODAY, "test")]
    assert _open(main, ask=lambda db, **kw: None) is None  # "Quitter"
    opened = _open(main, ask=lambda db, **kw: CREATE, create=lambda s, t, a: True)
    assert opened is not None and opened[1] is False
    assert not (tmp_path / "new-demo.sqlite").exists()


def test_a_database_in_use_opens_without_asking(demo_file, tmp_path):
    from sas_roster.domain.setup import default_setup

    db = shutil.copyfile(demo_file, tmp_path / "copie.db")
    services, demo = _open(db, ask=lambda db, **kw: pytest.fail("asked"))
    assert demo  # the demo's data, whatever the file is called
    services.close()
    with CliContext(db_url=f"sqlite:///{tmp_path / 'asso.db'}").services() as s:
        s.setup.apply(default_setup("Association SAS (essai)"), actor="test")
    services, demo = _open(tmp_path / "asso.db", ask=lambda db, **kw: pytest.fail("asked"))
    assert not demo
    services.close()


def test_a_zero_byte_file_is_flagged_not_filled(tmp_path, qtbot):
    main = tmp_path / "perdu.db"
    main.write_bytes(b"")
    seen = {}

    def ask(db, zero_byte=False):
        seen["zero_byte"] = zero_byte
        dialog = FirstStartDialog(db, zero_byte)
        qtbot.addWidget(dialog)
        seen["warning"] = dialog.zero_byte_warning.isVisibleTo(dialog) and dialog.zero_byte_warning.text()
        return None

    assert _open(main, ask=ask) is None
    assert seen["zero_byte"] and "0 octet" in seen["warning"]
    with CliContext(db_url=f"sqlite:///{main}").services() as s:
        assert is_empty(s)
