"""Starts the desktop application (or renders one view offscreen into a PNG)."""

from __future__ import annotations

import os
import sys
from datetime import date

from sas_roster.domain.calendar import parse_month
from sas_roster.domain.errors import DomainError
from sas_roster.services import Services

SCREENSHOT_SIZE = (1600, 1000)
WIDE_SCREENSHOT = {"roster": (2100, 1040)}  # every column of the demo's roster in the picture
VIEWS = ("pools", "availability", "roster", "attendance", "claims", "governance", "indicators", "settings", "first-start", "wizard")
FIRST_START_VIEWS = ("first-start", "wizard")


def parse_size(size: str | None) -> tuple[int, int] | None:
    """'1366x768' → (1366, 768); raises ValueError with a French message."""
    if not size:
        return None
    width, _x, height = size.lower().partition("x")
    if not (width.isdigit() and height.isdigit() and 640 <= int(width) <= 4000 and 480 <= int(height) <= 3000):
        raise ValueError(f"taille « {size} » invalide : attendu LARGEURxHAUTEUR, par ex. 1366x768")
    return int(width), int(height)


def check_arguments(view: str, month: str | None, size: str | None = None) -> str | None:
    """Why the window cannot open on `view` and `month` (French), or None."""
    if view not in VIEWS:
        return f"vue « {view} » inconnue (au choix : {', '.join(VIEWS)})"
    if month:
        try:
            parse_month(month)
        except DomainError as exc:
            return str(exc)
    try:
        parse_size(size)
    except ValueError as exc:
        return str(exc)
    return None


def run_gui(services: Services, *, today: date, actor: str, view: str = "roster", month: str | None = None,
            screenshot: str | None = None, lang: str | None = None, size: str | None = None) -> int:
    """Open the main window on `services`; with `screenshot`, render `view` to that PNG
    file offscreen and return 0 (1 if the file could not be written) instead of running.
    `actor` is who the window's changes are recorded as. On an empty database the
    coordinator first chooses: create the association (the wizard) or open the demo, which
    has a database file of its own."""
    if screenshot and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before the QApplication exists

    from PySide6.QtWidgets import QApplication

    from . import i18n
    from .context import AppContext, ui_settings
    from .main_window import MainWindow
    from .theme import STYLE_SHEET

    _quiet_offscreen_warnings()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("sas-roster")
    lang = i18n.install(lang or str(ui_settings().value("language", i18n.DEFAULT_LANGUAGE)))
    i18n.install_qt_translator(app, lang)
    app.setStyleSheet(STYLE_SHEET)
    window_size = parse_size(size)
    from .first_start import DEMO, open_services

    try:
        if screenshot and view in FIRST_START_VIEWS:
            return render_first_start(services, today, actor, view, screenshot, window_size)
        if screenshot:  # an empty database is pictured with the demo, in its own file
            opened = open_services(services, today, actor, database_label=database_label,
                                   ask=lambda _db, **_kw: DEMO)
        else:
            opened = open_services(services, today, actor, database_label=database_label)
    except DomainError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    if opened is None:  # the coordinator left the first-start choice
        return 0
    services, demo = opened
    if not screenshot:
        from .dialogs.login_dialog import sign_in_if_needed

        if not sign_in_if_needed(services):
            return 0  # sign-in cancelled: nothing opened, nothing changed
        if services.current_user is not None:
            actor = services.current_user.name
    app_ctx = AppContext(services, today=today, month=month, lang=lang, actor=actor,
                         database_label=database_label(services), demo=demo)
    window = MainWindow(app_ctx)
    window.resize(*(window_size or (WIDE_SCREENSHOT.get(view, SCREENSHOT_SIZE) if screenshot else (1440, 900))))
    window.show()
    window.show_view(view)
    if screenshot:
        ok = render(window, screenshot)
        window.close()
        return 0 if ok else 1
    return app.exec()


def _quiet_offscreen_warnings() -> None:
    """The offscreen platform warns that it 'does not support propagateSizeHints()' for every
    window: harmless, and noise in a screenshot run's output."""
    from PySide6.QtCore import qInstallMessageHandler

    previous = None

    def handler(mode, context, message) -> None:
        if "propagateSizeHints" in message:
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)


def database_label(services) -> str:
    """What the status bar shows: the SQLite file, or the server URL without its password.

    Read from the engine the services hold (the interface may not import the database layer)."""
    url = services.engine.url
    if url.get_backend_name() == "sqlite":
        return url.database if url.database not in (None, "", ":memory:") else "SQLite (mémoire)"
    return url.render_as_string(hide_password=True)


def render_first_start(services: Services, today: date, actor: str, view: str, path: str,
                       size: tuple[int, int] | None = None) -> int:
    """Screenshot of the first-start choice or of the setup wizard (its first page, or the page
    given by `$SAS_ROSTER_WIZARD_PAGE`, filled with an invented association), on the chosen
    database, which is not written to."""
    from PySide6.QtWidgets import QApplication

    from .first_start import FirstStartDialog

    if view == "first-start":
        widget = FirstStartDialog(database_label(services))
    else:
        from .wizard import SetupWizard

        widget = SetupWizard(services, today, actor=actor)
        widget.resize(*(size or (1100, 760)))
        widget.identity.name.setText(_example_name())
        widget.identity.department.setText("67")
        widget.identity.name.deselect()
        widget.show()
        for _ in range(int(os.environ.get("SAS_ROSTER_WIZARD_PAGE", "0"))):
            widget.next()
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    ok = widget.grab().save(path, "PNG")
    widget.close()
    return 0 if ok else 1


def _example_name() -> str:
    from .i18n import _

    return _("Association SAS du Ried (exemple)")


def render(window, path: str, timeout: float = 30.0) -> bool:
    """Let the window finish what it shows (the roster's full evaluation and explanations),
    lay itself out and paint, then save it as a PNG."""
    import time

    from PySide6.QtWidgets import QApplication

    view = window.current_view()
    deadline = time.monotonic() + timeout
    if hasattr(view, "ensure_complete"):
        view.ensure_complete()
        while not view.explained and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        if view.side.gaps.count() and view.state and view.state.gaps:
            view.side.gaps.setCurrentRow(0)  # show one gap's explanation in the picture
            QApplication.processEvents()
            view.grid.horizontalScrollBar().setValue(0)
    for _ in range(3):  # layouts settle over a few passes (splitters, header sizes)
        QApplication.processEvents()
    return window.grab().save(path, "PNG")
