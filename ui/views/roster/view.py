"""Roster: the month's grid, the engine run off the GUI thread, manual changes with undo,
cancellations, and publication."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QToolButton,
)

from sas_roster.domain.enums import Role, RosterStatus
from sas_roster.domain.errors import DomainError
from sas_roster.domain.roster import Assignment
from sas_roster.services.editing import MonthEditor
from sas_roster.services.month_view import explain_gaps, month_grid, month_state

from ... import labels
from ...context import AppContext
from ...engine_text import readable
from ...i18n import _, pgettext
from ...workers import BackgroundJob
from ...theme import UNCOVERED_FILL, VIOLATION_FILL
from ..base import View
from .editing import EditMixin
from .lifecycle import LifecycleMixin
from .grid import RosterGrid
from .model import COVERED, MISSING, OVER, CoverageDelegate, RosterGridModel, is_unsolved
from .side_panel import SidePanel
from .solving import SolveMixin


def legend_html() -> str:
    def box(color: str) -> str:
        return f'<span style="background:{color}; color:{color};">&nbsp;&nbsp;&nbsp;</span>'

    items = [(COVERED, _("couvert")), (MISSING, _("manque")), (OVER, _("en plus")),
             (UNCOVERED_FILL.name(), _("case à pourvoir")), (VIOLATION_FILL.name(), _("règle enfreinte (⚠)"))]
    return (_("Couverture par heure :") + " " + " &nbsp; ".join(f"{box(c)} {t}" for c, t in items[:3])
            + " &nbsp;&nbsp;·&nbsp;&nbsp; " + " &nbsp; ".join(f"{box(c)} {t}" for c, t in items[3:])
            + " &nbsp;&nbsp;·&nbsp;&nbsp; ⚑ " + _("épinglé") + " &nbsp; " + _("(CPTS) : liste de la CPTS"))


SIDE_PANEL_MIN = 340  # px: the explanations stay readable beside the grid
CELL_PADDING = 8  # px around a cell's longest line (the style's text margins are 3 px a side)


def empty_month_hint(state, lang: str) -> str:
    """What an unsolved month says instead of a wall of red."""
    return _("Pas encore de planning pour {month} : {hours} h à pourvoir. Appuyez sur « Calculer le planning » "
             "pour le construire ; vous pourrez ensuite le retoucher à la main.").format(
        month=labels.month_title(state.year, state.month), hours=state.demand_hours)


class RosterView(EditMixin, SolveMixin, LifecycleMixin, View):
    solve_finished = Signal(object)  # the engine's SasSolution, once stored
    replacement_ready = Signal(object)  # a cancellation's re-solve, to be applied or not
    explanations_ready = Signal()  # the gaps' French explanations arrived

    key = "roster"
    topics = (AppContext.PERSONS, AppContext.AVAILABILITY, AppContext.SETTINGS, AppContext.ROSTER)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, _("Planning"))
        self.state = None
        self.roster_year, self.roster_month = ctx.year, ctx.month
        self.undo_stack = QUndoStack(self)
        self.job = BackgroundJob(self)
        self.explainer = BackgroundJob(self)  # explanations of the gaps, off the GUI thread
        self.explainer.finished.connect(lambda gaps: self._explained_handler(gaps))
        self._explained_handler = lambda _gaps: None
        self._pending_explain = None
        self._generation = 0
        self.explained = False
        self.moving: Assignment | None = None
        self.dialog = None  # the last dialog opened (assign, replace)

        undo = self.undo_stack.createUndoAction(self, pgettext("undo", "Annuler"))
        redo = self.undo_stack.createRedoAction(self, _("Rétablir"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addAction(undo)
        self.addAction(redo)
        self.undo_button = QToolButton(defaultAction=undo)
        self.redo_button = QToolButton(defaultAction=redo)
        self.status_label = QLabel(objectName="viewHint")
        self.time_limit = QSpinBox(minimum=5, maximum=600, value=30, suffix=" s")
        self.time_limit.setToolTip(_("Durée maximale du calcul ; le meilleur planning trouvé est gardé."))
        self.solve_button = QPushButton(_("Calculer le planning"))
        self.cancel_button = QPushButton(_("Arrêter le calcul"))
        self.cancel_button.setEnabled(False)
        self.publish_button = QPushButton(_("Publier…"))
        # After publication: changes go into an amendment (with its reason), published as a new version.
        self.amendment_reason = ""
        self.amend_button = QPushButton(_("Avenant…"))
        self.amend_button.setToolTip(_("Modifier le planning publié : désistements, affectations, retraits"))
        self.publish_amendment_button = QPushButton(_("Publier l'avenant…"))
        self.versions_button = QPushButton(_("Versions…"))
        for w in (self.status_label, self.undo_button, self.redo_button, QLabel(_("Limite :")), self.time_limit,
                  self.solve_button, self.cancel_button, self.publish_button, self.amend_button,
                  self.publish_amendment_button, self.versions_button):
            self.header.addWidget(w)
        self.solve_button.clicked.connect(self.solve)
        self.cancel_button.clicked.connect(self.cancel_solve)
        self.publish_button.clicked.connect(self.publish)
        self.amend_button.clicked.connect(self.start_amendment)
        self.publish_amendment_button.clicked.connect(self.publish_amendment)
        self.versions_button.clicked.connect(self.show_versions)
        # What no longer matches the calendar in the published version (settings changed since).
        self.conflicts_label = QLabel(wordWrap=True, objectName="warning")
        self.conflicts_label.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.drop_conflicts_button = QPushButton(_("Retirer ces affectations par avenant…"))
        self.drop_conflicts_button.clicked.connect(self.drop_conflicts)
        warn = QHBoxLayout()
        warn.addWidget(self.conflicts_label, 1)
        warn.addWidget(self.drop_conflicts_button)
        self.conflicts_label.hide()
        self.drop_conflicts_button.hide()
        self.body.addLayout(warn)

        self.progress = QProgressBar(textVisible=False, maximumHeight=10)
        self.progress_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.progress_label)
        self.progress.hide()
        self.body.addLayout(row)

        self.model = RosterGridModel()
        self.grid = RosterGrid(self._can_drop, self._on_drop)
        self.grid.setModel(self.model)
        self.grid.setWordWrap(True)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._context_menu)
        self.grid.doubleClicked.connect(self._on_double_click)
        self.grid.clicked.connect(self._on_click)
        self.coverage_delegate = CoverageDelegate(self.grid)
        self.side = SidePanel()
        self.side.day_selected.connect(self.scroll_to_day)
        self.side.gap_selected.connect(self.show_gap)
        split = self.split = QSplitter()
        split.addWidget(self.grid)
        split.addWidget(self.side)
        split.setStretchFactor(0, 1)
        split.setSizes([1100, 400])
        self.body.addWidget(split, 1)
        self.summary = QLabel(wordWrap=True)
        self.legend = QLabel(legend_html())
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.body.addWidget(self.legend)
        self.body.addWidget(self.summary)
        self.init_solving()

    # --- reading --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Show the month: a quick first look paints the grid at once, then the full
        evaluation (rule check, hours per person) follows as soon as the loop is free, and
        the explanations of the gaps are computed on a worker thread."""
        if (self.ctx.year, self.ctx.month) != (self.roster_year, self.roster_month):
            self.undo_stack.clear()  # the commands belong to the month they were made on
            self.roster_year, self.roster_month = self.ctx.year, self.ctx.month
            self.amendment_reason = ""
            self.progress_label.clear()  # messages belong to the month they were about
        self.moving = None
        self._generation += 1
        try:
            self._show(month_grid(self.ctx.services, self.roster_year, self.roster_month, self.ctx.persons()))
        except DomainError as exc:
            self.state = None
            self.summary.setText(str(exc))
            return
        generation = self._generation
        QTimer.singleShot(0, lambda: self._complete(generation))

    def refresh_now(self) -> None:
        """Re-read and re-check the month at once (after a change): the rules are shown broken
        or kept before the coordinator does anything else."""
        self._generation += 1
        self._complete(self._generation)

    def ensure_complete(self) -> None:
        if self.state is not None and not self.state.complete:
            self._complete(self._generation)

    def _complete(self, generation: int) -> None:
        if generation != self._generation:
            return  # the month changed again meanwhile
        try:
            state = month_state(self.ctx.services, self.roster_year, self.roster_month, explain=False)
        except DomainError as exc:
            self.summary.setText(str(exc))
            return
        self._show(state)
        self._explain(state)

    def _explain(self, state) -> None:
        """French explanations of the gaps, computed off the GUI thread from the snapshot."""
        self.explained = not state.gaps or is_unsolved(state)
        if self.explained:
            return
        if self.explainer.running:
            self._pending_explain = state
            return
        generation = self._generation
        self._pending_explain = None

        def done(gaps) -> None:
            gaps = [dataclasses.replace(g, explanation=readable(g.explanation)) for g in gaps]
            if generation == self._generation and self.state is not None:
                self._show(dataclasses.replace(self.state, gaps=gaps))
                self.explained = True
                self.explanations_ready.emit()
            if self._pending_explain is not None:
                self._explain(self._pending_explain)

        self._explained_handler = done
        self.explainer.start(lambda _report: explain_gaps(state))

    def _show(self, state) -> None:
        scroll = (self.grid.verticalScrollBar().value(), self.grid.horizontalScrollBar().value())
        selected_gap = self.side.gaps.currentRow()
        self.state = state
        if state.violations:  # the rules speak with shift codes and in French: the coordinator's words
            wording = self.wording()
            state = self.state = dataclasses.replace(state, violations=[wording.violation(v) for v in state.violations])
        self.model.set_state(state, editable=self.editable)
        self._layout_grid()
        self.side.show_state(state)
        if self.model.unsolved:  # nothing is "missing" yet: the month is to be computed
            self.side.gaps.clear()
            self.side.gaps.addItem(_("Pas encore de planning : appuyez sur « Calculer le planning »."))
            self.side.setTabText(0, _("Non couvert"))
        if 0 <= selected_gap < self.side.gaps.count():
            self.side.gaps.setCurrentRow(selected_gap)
        self.grid.verticalScrollBar().setValue(scroll[0])
        self.grid.horizontalScrollBar().setValue(scroll[1])
        self._show_status()

    @property
    def editable(self) -> bool:
        """A draft, or a published month with an amendment started."""
        roster = self.state.roster if self.state else None
        if self.job.running:
            return False
        if roster is None or roster.status is RosterStatus.DRAFT:
            return True
        return roster.status is RosterStatus.PUBLISHED and bool(self.amendment_reason)

    def month_editor(self) -> MonthEditor:
        return MonthEditor(self.ctx.services, self.roster_year, self.roster_month, self.ctx.actor,
                           self.amendment_reason)

    def _layout_grid(self) -> None:
        # Each column as wide as its title and its longest name (never cut), no wider: on a
        # 1366 or 1440 px screen every column, on-call ones included, is then in view.
        header = self.grid.horizontalHeader().fontMetrics()
        cells = self.grid.fontMetrics()
        for i, col in enumerate(self.model.columns):
            self.grid.setItemDelegateForColumn(i, self.coverage_delegate if col.kind == "coverage" else None)
            title = max(header.horizontalAdvance(line) for line in col.title().splitlines()) + CELL_PADDING
            names = 0 if col.kind == "coverage" else max(
                (cells.horizontalAdvance(line) for r in range(self.model.rowCount())
                 for line in self.model.data(self.model.index(r, i)).splitlines()), default=0) + CELL_PADDING
            self.grid.setColumnWidth(i, max(title, names, {"slot": 64, "coverage": 84, "oncall": 64}[col.kind]))
        self._arrange()
        self.grid.horizontalHeader().setMinimumHeight(44)
        # Row height from the most crowded cell of the day, computed from the model (fast
        # on big months, unlike resizeRowsToContents which measures every cell).
        line = self.grid.fontMetrics().lineSpacing()
        for r in range(self.model.rowCount()):
            lines = max([len(self.model.data(self.model.index(r, c)).splitlines() or [""])
                         for c, col in enumerate(self.model.columns) if col.kind != "coverage"] or [1])
            self.grid.setRowHeight(r, max(26, lines * line + 8))

    def _arrange(self) -> None:
        """The side panel beside the grid when the whole grid fits beside it, else below it."""
        columns = sum(self.grid.columnWidth(i) for i in range(self.model.columnCount()))
        needed = columns + self.grid.verticalHeader().sizeHint().width() + self.grid.verticalScrollBar().sizeHint().width() + 8
        wide = self.width() - needed >= SIDE_PANEL_MIN
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.split.orientation() != orientation:
            self.split.setOrientation(orientation)
            total = self.split.width() if wide else self.split.height()
            self.split.setSizes([total - SIDE_PANEL_MIN, SIDE_PANEL_MIN] if wide else [total * 2 // 3, total // 3])
        if not wide:
            QTimer.singleShot(0, self._grid_first)  # once the splitter has its new height

    def _grid_first(self) -> None:
        """Below the grid, the panel takes a third of the height: the grid comes first."""
        sizes = self.split.sizes()
        total = sum(sizes)
        if self.split.orientation() is Qt.Orientation.Vertical and total and sizes[1] > total * 2 // 5:
            self.side.setMinimumHeight(160)  # its lists scroll: it may be lower than its contents' wish
            self.split.setSizes([total * 2 // 3, total - total * 2 // 3])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.model.columnCount():
            self._arrange()

    def _show_status(self) -> None:
        s = self.state
        roster = s.roster
        if roster is None:
            status = _("pas encore de planning")
        elif roster.status is RosterStatus.PUBLISHED:
            status = _("publié (version {v})").format(v=roster.version)
        else:
            status = labels.roster_status(roster.status)
        self.status_label.setText(_("{month} : {status}").format(month=labels.month_title(s.year, s.month), status=status))
        oncall_missing = sum(g.missing for g in s.gaps if g.hour is None)
        oncall_needed = sum(t.oncall_per_day for t in s.territories if t.rota_source.value == "association") * \
            sum(1 for d in s.calendar.days if Role.EFFECTOR in d.hours)
        covered = 100.0 * (s.demand_hours - s.uncovered_hours) / s.demand_hours if s.demand_hours else 100.0
        draft = roster is None or roster.status is RosterStatus.DRAFT
        if draft and self.model.unsolved:
            self.summary.setText(empty_month_hint(s, self.ctx.lang))
        else:
            self.summary.setText(_(
                "{n} affectations · couverture {pct} % des heures demandées ({missing} h manquantes sur {total}) · "
                "astreintes non pourvues : {oncall} sur {needed} · règles enfreintes : {violations}").format(
                n=len(s.assignments), pct=labels.number(covered, 1),
                missing=s.uncovered_hours, total=s.demand_hours, oncall=oncall_missing, needed=oncall_needed,
                violations=len(s.violations)))
        published = roster is not None and roster.status is RosterStatus.PUBLISHED
        idle = not self.job.running
        self.publish_button.setVisible(not published)
        self.publish_button.setEnabled(not published and bool(s.assignments) and idle)
        self.solve_button.setEnabled(draft and idle)
        self.amend_button.setVisible(published)
        self.amend_button.setEnabled(published and idle and not self.amendment_reason)
        self.publish_amendment_button.setVisible(published)
        self.publish_amendment_button.setEnabled(published and idle and bool(self.amendment_reason))
        self.versions_button.setEnabled(published)
        if published and self.amendment_reason:
            status += " · " + _("avenant en cours : {reason}").format(reason=self.amendment_reason)
            self.status_label.setText(_("{month} : {status}").format(month=labels.month_title(s.year, s.month),
                                                                      status=status))
        elif published:
            self.progress_label.setText(_("Planning publié : pour le modifier, ouvrez un avenant (bouton « Avenant… »)."))
        self._show_conflicts(published)

    def after_change(self) -> None:
        """A command changed the draft: re-read and re-check the month at once."""
        if not self.job.running:
            self.progress_label.clear()  # "Planning optimal…" no longer describes the roster
        self.refresh_now()
        self.notify_others(AppContext.ROSTER)

    def scroll_to_day(self, day) -> None:
        row = self.model.row_of(day) if day else None
        if row is not None:
            self.grid.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
            self.grid.selectRow(row)

    def show_gap(self, gap) -> None:
        """Scroll to the cell of an uncovered hour or on-call duty, and select it."""
        row = self.model.row_of(gap.day) if gap is not None else None
        if row is None:
            return
        column = next((i for i, c in enumerate(self.model.columns)
                       if (gap.hour is None and c.kind == "oncall" and c.territory == gap.territory)
                       or (gap.hour is not None and c.kind == "coverage" and c.role is gap.role)), 0)
        index = self.model.index(row, column)
        self.grid.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.grid.setCurrentIndex(index)
