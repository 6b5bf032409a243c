"""Fixtures of the desktop tests: a real SQLite file with the demo association per test
(built once, then copied), the interface in French, and preferences kept out of the home."""

from __future__ import annotations

import os
import shutil
from datetime import date

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # also set by the root conftest
if "SAS_ROSTER_CACHE_DIR" not in os.environ:  # compiled catalogs: not into the user's cache
    import tempfile

    os.environ["SAS_ROSTER_CACHE_DIR"] = tempfile.mkdtemp(prefix="sas-roster-cache-")

from sas_roster.demo.loader import load_demo  # noqa: E402
from sas_roster.services import Services  # noqa: E402

DEMO_TODAY = date(2027, 4, 12)  # demo months: April, May, June 2027 (March published as history)
MONTH = "2027-05"


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Services.open(f"sqlite:///{path}") as services:
        load_demo(services, DEMO_TODAY)
    return path


@pytest.fixture(scope="session")
def solved_file(demo_file, tmp_path_factory):
    """The demo with May 2027 solved once (5 s) and stored as a draft."""
    path = tmp_path_factory.mktemp("solved") / "solved.db"
    shutil.copyfile(demo_file, path)
    with Services.open(f"sqlite:///{path}") as services:
        job = services.solving.prepare(2027, 5, time_limit=5.0, seed=0, deterministic=True)
        services.solving.store(job, job.run(), actor="test")
    return path


@pytest.fixture
def solved_services(solved_file, tmp_path):
    path = tmp_path / "solved.db"
    shutil.copyfile(solved_file, path)
    s = Services.open(f"sqlite:///{path}")
    yield s
    s.close()


@pytest.fixture
def solved_window(solved_services, qtbot):
    from ui.context import AppContext
    from ui.main_window import MainWindow

    w = MainWindow(AppContext(solved_services, today=DEMO_TODAY, month=MONTH, database_label="solved.db",
                              actor="test-coordinatrice"))
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    return w


@pytest.fixture(autouse=True)
def _ui_environment(tmp_path_factory):
    from PySide6.QtCore import QSettings

    from ui import i18n

    # The user's preferences file stays untouched: every format's user scope goes to the test folder.
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path_factory.getbasetemp()))
    i18n.install("fr")
    yield
    i18n.install("fr")


@pytest.fixture
def services(demo_file, tmp_path):
    path = tmp_path / "sas.db"
    shutil.copyfile(demo_file, path)
    s = Services.open(f"sqlite:///{path}")
    yield s
    s.close()


@pytest.fixture
def ctx(services, qapp):
    from ui.context import AppContext

    return AppContext(services, today=DEMO_TODAY, month=MONTH, database_label="test.db", actor="test-coordinatrice")


@pytest.fixture
def window(ctx, qtbot):
    from ui.main_window import MainWindow
    from ui.theme import STYLE_SHEET

    qapp = __import__("PySide6.QtWidgets", fromlist=["QApplication"]).QApplication.instance()
    qapp.setStyleSheet(STYLE_SHEET)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    return w
