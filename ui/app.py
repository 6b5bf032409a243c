"""Starts the desktop application (or renders one view offscreen into a PNG)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def run_gui(ctx, *, view: str = "roster", month: str | None = None, screenshot: str | None = None,
            lang: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    services = ctx.services(create_demo_if_empty=True)
    settings = services.settings.get()
    window = QMainWindow()
    window.setWindowTitle(f"sas-roster — {settings.name}")
    window.setCentralWidget(QLabel(f"{settings.name}\n{len(services.persons.list())} personnes"))
    window.statusBar().showMessage(services.database_label)
    window.resize(1280, 800)
    if screenshot:
        window.show()
        app.processEvents()
        return 0 if window.grab().save(screenshot) else 1
    window.show()
    return app.exec()
