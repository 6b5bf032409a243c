"""The main window: navigation on the left, one page per task, the month and the database
in the status bar. Pages are built the first time they are opened, so the window opens fast."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from . import labels
from .context import AppContext
from .i18n import N_, _
from .views.base import View


def _page_factories() -> list[tuple[str, str, Callable[[AppContext], View]]]:
    # Imported here so that a view's import cost is paid only when the window is built.
    from .views.availability import AvailabilityView
    from .views.attendance import AttendanceView
    from .views.claims import ClaimsView
    from .views.governance import GovernanceView
    from .views.indicators import IndicatorsView
    from .views.pools import PoolsView
    from .views.roster import RosterView
    from .views.settings import SettingsView

    return [
        ("pools", N_("Viviers"), PoolsView),
        ("availability", N_("Disponibilités"), AvailabilityView),
        ("roster", N_("Planning"), RosterView),
        ("attendance", N_("Présences"), AttendanceView),
        ("claims", N_("États et paiements"), ClaimsView),
        ("governance", N_("Gouvernance"), GovernanceView),
        ("indicators", N_("Indicateurs"), IndicatorsView),
        ("settings", N_("Paramètres"), SettingsView),
    ]


VIEW_KEYS = ("pools", "availability", "roster", "attendance", "claims", "governance", "indicators", "settings")


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        settings = ctx.services.settings.get()
        name = settings.name if settings else _("association non configurée")
        title = f"sas-roster — {name}"
        if ctx.demo:
            title += " — " + _("démonstration (base séparée)")
        self.setWindowTitle(title)
        self._factories = {key: factory for key, _title, factory in _page_factories()}
        self._pages: dict[str, View] = {}

        self.navigation = QListWidget(objectName="navigation")
        self.navigation.setFixedWidth(184)
        self.stack = QStackedWidget()
        for key, title, _factory in _page_factories():
            item = QListWidgetItem(_(title))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.navigation.addItem(item)
            placeholder = QWidget()
            placeholder.setObjectName(f"placeholder-{key}")
            self.stack.addWidget(placeholder)
        self.navigation.currentRowChanged.connect(self._on_navigate)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_month_bar()
        self._build_status_bar()
        from .export_actions import ExportActions

        self.exports = ExportActions(self, ctx)  # the Export menu, Ctrl+P
        ctx.month_changed.connect(self._show_month)
        self._show_month(ctx.year, ctx.month)
        QTimer.singleShot(0, ctx.warm_up)  # once the window is up

    # --- month bar and status bar --------------------------------------------------------------

    def _build_month_bar(self) -> None:
        bar = QToolBar(_("Mois"), self)
        bar.setObjectName("monthBar")
        bar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        previous = QToolButton(arrowType=Qt.ArrowType.LeftArrow, toolTip=_("Mois précédent"))
        following = QToolButton(arrowType=Qt.ArrowType.RightArrow, toolTip=_("Mois suivant"))
        previous.clicked.connect(lambda: self.ctx.shift_month(-1))
        following.clicked.connect(lambda: self.ctx.shift_month(1))
        self.month_label = QLabel(objectName="monthLabel", alignment=Qt.AlignmentFlag.AlignCenter)
        bar.addWidget(QLabel("  " + _("Mois :") + " "))
        bar.addWidget(previous)
        bar.addWidget(self.month_label)
        bar.addWidget(following)
        for text, shortcut, step in ((_("Mois précédent"), "Ctrl+PgUp", -1), (_("Mois suivant"), "Ctrl+PgDown", 1)):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _checked=False, s=step: self.ctx.shift_month(s))
            self.addAction(action)

    def _build_status_bar(self) -> None:
        text = _("Base de démonstration : {db}") if self.ctx.demo else _("Base : {db}")
        self.database_status = QLabel(text.format(db=self.ctx.database_label))
        self.month_status = QLabel()
        self.statusBar().addWidget(self.database_status, 1)
        user = self.ctx.services.current_user
        if user is not None:
            self.statusBar().addPermanentWidget(QLabel(_("Connecté : {name}").format(name=user.name)))
        self.statusBar().addPermanentWidget(self.month_status)

    def _show_month(self, year: int, month: int) -> None:
        title = labels.month_title(year, month)
        self.month_label.setText(title)
        self.month_status.setText(_("Mois : {month}").format(month=title))

    # --- pages --------------------------------------------------------------------------------

    def page(self, key: str) -> View:
        """The page of `key`, built on first use."""
        if key not in self._pages:
            index = VIEW_KEYS.index(key)
            view = self._factories[key](self.ctx)
            old = self.stack.widget(index)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.stack.insertWidget(index, view)
            self._pages[key] = view
        return self._pages[key]

    def show_view(self, key: str) -> View:
        if key not in VIEW_KEYS:
            raise ValueError(key)
        self.navigation.setCurrentRow(VIEW_KEYS.index(key))
        return self._pages[key]

    def current_view(self) -> View:
        return self._pages[VIEW_KEYS[self.navigation.currentRow()]]

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.exports.shutdown()
        for view in self._pages.values():
            shutdown = getattr(view, "shutdown", None)
            if shutdown is not None:
                shutdown()
        super().closeEvent(event)

    def _on_navigate(self, row: int) -> None:
        if row < 0:
            return
        view = self.page(VIEW_KEYS[row])
        self.stack.setCurrentWidget(view)
        view.ensure_loaded()
