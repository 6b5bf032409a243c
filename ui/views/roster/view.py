"""Roster: the month's grid, the engine run off the GUI thread, manual changes with undo,
cancellations, and publication."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QToolButton,
)

from sas_roster.domain.enums import Presence, Role, RosterStatus
from sas_roster.domain.errors import DomainError
from sas_roster.domain.roster import Assignment
from sas_roster.services.ui_support import explain_gaps, month_grid, month_state

from ... import labels
from ...context import AppContext
from ...i18n import _
from ...workers import BackgroundJob
from ..base import View
from .commands import AssignCommand, MoveCommand, PinCommand, UnassignCommand
from .dialogs import AssignDialog, ReplaceDialog
from ...theme import UNCOVERED_FILL, VIOLATION_FILL
from .model import COVERED, MISSING, OVER, CoverageDelegate, RosterGridModel
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


class RosterView(SolveMixin, View):
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

        undo = self.undo_stack.createUndoAction(self, _("Annuler"))
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
        for w in (self.status_label, self.undo_button, self.redo_button, QLabel(_("Limite :")), self.time_limit,
                  self.solve_button, self.cancel_button, self.publish_button):
            self.header.addWidget(w)
        self.solve_button.clicked.connect(self.solve)
        self.cancel_button.clicked.connect(self.cancel_solve)
        self.publish_button.clicked.connect(self.publish)

        self.progress = QProgressBar(textVisible=False, maximumHeight=10)
        self.progress_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.progress_label)
        self.progress.hide()
        self.body.addLayout(row)

        self.model = RosterGridModel()
        self.grid = QTableView()
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
        split = QSplitter()
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
        self.moving = None
        self._generation += 1
        try:
            self._show(month_grid(self.ctx.services, self.roster_year, self.roster_month))
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
        self.explained = not state.gaps
        if self.explained:
            return
        if self.explainer.running:
            self._pending_explain = state
            return
        generation = self._generation
        self._pending_explain = None

        def done(gaps) -> None:
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
        self.model.set_state(state, editable=self.editable)
        self._layout_grid()
        self.side.show_state(state)
        if 0 <= selected_gap < self.side.gaps.count():
            self.side.gaps.setCurrentRow(selected_gap)
        self.grid.verticalScrollBar().setValue(scroll[0])
        self.grid.horizontalScrollBar().setValue(scroll[1])
        self._show_status()

    @property
    def editable(self) -> bool:
        roster = self.state.roster if self.state else None
        return not self.job.running and (roster is None or roster.status is RosterStatus.DRAFT)

    def _layout_grid(self) -> None:
        header = self.grid.horizontalHeader().fontMetrics()
        for i, col in enumerate(self.model.columns):
            self.grid.setItemDelegateForColumn(i, self.coverage_delegate if col.kind == "coverage" else None)
            title = max(header.horizontalAdvance(line) for line in col.title().splitlines()) + 14
            self.grid.setColumnWidth(i, max(title, {"slot": 112, "coverage": 130, "oncall": 104}[col.kind]))
        self.grid.horizontalHeader().setMinimumHeight(44)
        # Row height from the most crowded cell of the day, computed from the model (fast
        # on big months, unlike resizeRowsToContents which measures every cell).
        line = self.grid.fontMetrics().lineSpacing()
        for r in range(self.model.rowCount()):
            lines = max([len(self.model.data(self.model.index(r, c)).splitlines() or [""])
                         for c, col in enumerate(self.model.columns) if col.kind != "coverage"] or [1])
            self.grid.setRowHeight(r, max(26, lines * line + 8))

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
        self.summary.setText(
            _("{n} affectations · couverture {pct} % des heures demandées ({missing} h manquantes sur {total}) · "
              "astreintes non pourvues : {oncall} sur {needed} · règles enfreintes : {violations}").format(
                n=len(s.assignments), pct=f"{covered:.1f}".replace(".", "," if self.ctx.lang == "fr" else "."),
                missing=s.uncovered_hours, total=s.demand_hours, oncall=oncall_missing, needed=oncall_needed,
                violations=len(s.violations)))
        draft = roster is None or roster.status is RosterStatus.DRAFT
        self.publish_button.setEnabled(draft and bool(s.assignments) and not self.job.running)
        self.solve_button.setEnabled(draft and not self.job.running)
        if not draft:
            self.progress_label.setText(_("Planning publié : les modifications passeront par un avenant (à venir)."))

    def after_change(self) -> None:
        """A command changed the draft: re-read and re-check the month at once."""
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

    # --- manual changes -------------------------------------------------------------------------

    def _name(self, person_id: int) -> str:
        p = self.state.persons.get(person_id)
        return p.short_name if p else str(person_id)

    def assignment_for(self, row: int, column: int, person_id: int, remote: bool = False) -> Assignment | None:
        """What putting `person_id` in the cell would store (None if the cell holds no shift)."""
        tpl = self.model.template_for(row, column)
        if tpl is None:
            return None
        day, col = self.model.days[row], self.model.columns[column]
        if col.kind == "oncall":
            hours = next(d.hours[Role.EFFECTOR] for d in self.state.calendar.days if d.day == day)
            return Assignment(person_id, day, tpl.code, Role.EFFECTOR, hours.start, hours.end, territory=col.territory)
        return Assignment(person_id, day, tpl.code, col.role, tpl.start, tpl.end,
                          Presence.REMOTE if remote else Presence.ON_SITE)

    def _push(self, command) -> bool:
        self.undo_stack.push(command)
        if command.error is not None:
            # The services refused the change (roster not a draft, role missing...): the stack
            # dropped the command; say why where the coordinator is looking.
            self.progress_label.setText(_("Modification refusée : {why}").format(why=command.error))
            return False
        return True

    def assign(self, row: int, column: int, person_id: int, remote: bool = False) -> bool:
        a = self.assignment_for(row, column, person_id, remote)
        if a is None or not self.editable:
            return False
        return self._push(AssignCommand(self, a, self._name(person_id)))

    def unassign(self, a: Assignment) -> bool:
        return self.editable and self._push(UnassignCommand(self, a, self._name(a.person_id)))

    def move(self, a: Assignment, row: int, column: int) -> bool:
        target = self.assignment_for(row, column, a.person_id, a.presence is Presence.REMOTE)
        if target is None or not self.editable or target.key() == a.key():
            return False
        target = dataclasses.replace(target, pinned=a.pinned)
        self.moving = None
        return self._push(MoveCommand(self, a, target, self._name(a.person_id)))

    def set_pinned(self, a: Assignment, pinned: bool) -> bool:
        return self.editable and self._push(PinCommand(self, a, pinned, self._name(a.person_id)))

    def open_assign_dialog(self, row: int, column: int) -> AssignDialog | None:
        self.ensure_complete()
        if not self.editable or self.model.template_for(row, column) is None:
            return None
        dialog = self.dialog = AssignDialog(self, row, column)

        def chosen() -> None:
            choice = dialog.choice()
            if choice:
                self.assign(row, column, choice[0], choice[1])

        dialog.accepted.connect(chosen)
        dialog.open()
        return dialog

    def open_replace_dialog(self, a: Assignment) -> ReplaceDialog | None:
        self.ensure_complete()
        row = self.model.row_of(a.day)
        column = next((i for i, c in enumerate(self.model.columns) if c.holds(a)), None)
        if row is None or column is None or not self.editable:
            return None
        dialog = self.dialog = ReplaceDialog(self, a, row, column)

        def pick() -> None:
            c = dialog.table.chosen()
            if c is None:
                return
            new = dataclasses.replace(self.assignment_for(row, column, int(c.person), c.remote), pinned=a.pinned)
            if self._push(MoveCommand(self, a, new, self._name(a.person_id) + " → " + c.name)):
                dialog.accept()

        dialog.pick.clicked.connect(pick)
        dialog.resolve_requested.connect(lambda: self.run_replacement(dialog))
        dialog.apply.clicked.connect(lambda: self.apply_replacement(dialog))
        dialog.open()
        return dialog

    # --- mouse ----------------------------------------------------------------------------------

    def _on_click(self, index: QModelIndex) -> None:
        if self.moving is not None and index.isValid():
            self.move(self.moving, index.row(), index.column())

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid() and self.model.columns[index.column()].kind != "coverage":
            self.open_assign_dialog(index.row(), index.column())

    def _context_menu(self, pos) -> None:
        index = self.grid.indexAt(pos)
        if not index.isValid() or self.state is None:
            return
        menu = self.cell_menu(index.row(), index.column())
        if not menu.isEmpty():
            menu.exec(self.grid.viewport().mapToGlobal(pos))

    def cell_menu(self, row: int, column: int) -> QMenu:
        menu = QMenu(self)
        if not self.editable or self.model.columns[column].kind == "coverage":
            return menu
        if self.moving is not None:
            m = self.moving
            menu.addAction(_("Déplacer ici {name}").format(name=self._name(m.person_id)),
                           lambda: self.move(m, row, column))
            menu.addAction(_("Ne plus déplacer"), lambda: setattr(self, "moving", None))
            menu.addSeparator()
        if self.model.template_for(row, column) is not None:
            menu.addAction(_("Affecter…"), lambda: self.open_assign_dialog(row, column))
        for a in self.model.assignments_at(row, column):
            sub = menu.addMenu(self._name(a.person_id))
            if a.fixed_by_cpts:
                sub.addAction(_("Liste d'astreintes de la CPTS : modifiable par un nouvel import")).setEnabled(False)
                continue
            sub.addAction(_("Remplacer (désistement)…"), lambda a=a: self.open_replace_dialog(a))
            sub.addAction(_("Déplacer…"), lambda a=a: self.start_move(a))
            sub.addAction(_("Désépingler") if a.pinned else _("Épingler"), lambda a=a: self.set_pinned(a, not a.pinned))
            sub.addAction(_("Retirer"), lambda a=a: self.unassign(a))
        return menu

    def start_move(self, a: Assignment) -> None:
        self.moving = a
        self.progress_label.setText(_("Cliquez la case où déplacer {name} (Échap pour renoncer).").format(
            name=self._name(a.person_id)))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and self.moving is not None:
            self.moving = None
            self.progress_label.clear()
            return
        super().keyPressEvent(event)

    # --- publication ----------------------------------------------------------------------------

    def publish(self) -> None:
        if self.state is None or self.job.running:
            return
        s = self.state
        text = _("Publier le planning de {month} ? Il ne pourra plus être modifié que par avenant.").format(
            month=labels.month_title(s.year, s.month))
        if s.gaps or s.violations:
            text += "\n\n" + _("Attention : {gaps} manque(s) et {violations} règle(s) enfreinte(s).").format(
                gaps=len(s.gaps), violations=len(s.violations))
        if QMessageBox.question(self, _("Publier"), text) != QMessageBox.StandardButton.Yes:
            return
        try:
            self.ctx.services.rosters.publish(s.year, s.month)
        except DomainError as exc:
            QMessageBox.warning(self, _("Publier"), str(exc))
            return
        self.undo_stack.clear()
        self.after_change()
