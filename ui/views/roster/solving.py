"""The roster view's engine runs: a month's solve and a cancellation's minimal re-solve.

Threading (STYLE.md): the GUI thread reads the database and builds the immutable solver
problem; the worker thread gets only that snapshot; CP-SAT's progress callback becomes a Qt
signal; Cancel calls the engine's cancel, which returns the best roster found so far; a time
limit is always set; the result is stored back on the GUI thread in one transaction. One
engine run at a time: the buttons and manual edits are disabled while it runs.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from sas_roster.domain.errors import DomainError

from ...context import AppContext
from ...engine_text import readable, solve_summary
from ...i18n import N_, _
from .commands import ReplaceDraftCommand

REPLACE_TIME_LIMIT = 10.0
PHASES = {"coverage": N_("couverture"), "quality": N_("équité et préférences"), "weighted": N_("calcul")}


def _num(value, lang: str) -> str:
    if value is None:
        return "—"
    text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"
    return text.replace(",", "\u202f") if lang == "fr" else text


class SolveMixin:
    """Mixed into RosterView (which owns `job`, `progress`, `progress_label`, the buttons)."""

    def init_solving(self) -> None:
        self._handler = None
        self._started = 0.0
        self._limit = 0.0
        self.last_solution = None
        self.last_progress = None
        self.ticker = QTimer(self)
        self.ticker.setInterval(200)
        self.ticker.timeout.connect(self._tick)
        self.job.progress.connect(self._on_progress)
        self.job.finished.connect(lambda result: self._handler(result))
        self.job.failed.connect(self._on_failed)

    # --- a month's solve ------------------------------------------------------------------------

    def solve(self) -> bool:
        """Start the engine on the month; returns False if it cannot start now."""
        if self.job.running or not self.editable:
            return False
        services = self.ctx.services
        year, month = self.roster_year, self.roster_month
        self.progress_label.setText(_("Lecture des données du mois…"))
        self.progress_label.repaint()  # shown before the read, which takes a moment on a big month
        try:  # GUI thread: the database read
            job = services.solving.prepare(year, month, time_limit=float(self.time_limit.value()))
        except DomainError as exc:
            self.progress_label.setText(str(exc))
            return False
        self._handler = lambda solution: self._on_solved(job, solution)
        self._begin(float(self.time_limit.value()), _("Calcul du planning…"))
        # The worker gets the immutable problem only; `report` turns progress into a signal.
        self.job.start(lambda report: job.run(on_progress=report), cancel=job.cancel)
        return True

    def cancel_solve(self) -> None:
        """Stop the engine: it returns the best roster found so far, which is stored as usual."""
        if self.job.running:
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(_("Arrêt demandé : le meilleur planning trouvé va être gardé…"))
            self.job.cancel()

    def _on_solved(self, job, solution) -> None:
        self._end()
        self.last_solution = solution
        before = job.before
        if solution.has_roster:
            try:  # GUI thread, one transaction
                after = self.ctx.services.solving.store(job, solution, actor=self.ctx.actor)
            except DomainError as exc:
                self.progress_label.setText(str(exc))
                self.refresh_now()
                self.solve_finished.emit(solution)
                return
            self.undo_stack.push(ReplaceDraftCommand(self, before, after, _("Calcul du planning")))
            # The engine's roster keeps the rules: the quick first look, then the full check
            # when the loop is free, keeps the window lively on a big month.
            self.reload()
            self.notify_others(AppContext.ROSTER)
        else:
            self.refresh_now()
            self.side.explanation.setPlainText(readable(solution.explanation()))
        self.progress_label.setText(solve_summary(solution))
        self.solve_finished.emit(solution)

    # --- a cancellation ---------------------------------------------------------------------------

    def run_replacement(self, dialog) -> bool:
        if self.job.running:
            return False
        a = dialog.assignment
        try:  # GUI thread: the database read
            job = self.ctx.services.solving.prepare_withdrawal(
                self.roster_year, self.roster_month, a.person_id, a.day, a.template_code,
                time_limit=REPLACE_TIME_LIMIT)
        except DomainError as exc:
            dialog.result.setPlainText(readable(self.wording().humanise(str(exc))))
            return False
        dialog.resolve.setEnabled(False)
        dialog.result.setPlainText(_("Re-calcul en cours…"))
        self._handler = lambda result: self._on_replaced(dialog, job, result)
        self._begin(REPLACE_TIME_LIMIT, _("Re-calcul minimal…"))
        self.cancel_button.setEnabled(False)  # nothing to stop it with; it is short
        # The minimal re-solve has no stop hook: its short time limit bounds the wait instead.
        self.job.start(lambda report: job.run())
        return True

    def _on_replaced(self, dialog, job, result) -> None:
        self._end()
        dialog.resolve.setEnabled(True)
        dialog.job = job
        days = {a.day for a in result.cancelled}
        explanations = [readable(u.explanation) for u in result.solution.uncovered if u.day in days]
        dialog.show_replacement(self.wording().replacement(result, explanations), result)
        self.progress_label.clear()
        self.replacement_ready.emit(result)

    def apply_replacement(self, dialog) -> bool:
        result = dialog.replacement
        if result is None or not self.editable:
            return False
        a = dialog.assignment
        reason = self.amendment_reason or _("désistement")
        try:
            outcome = self.ctx.services.solving.store_withdrawal(dialog.job, result, reason, actor=self.ctx.actor)
        except DomainError as exc:
            dialog.result.setPlainText(str(exc))
            return False
        self.undo_stack.push(ReplaceDraftCommand(self, dialog.job.before, outcome.stored,
                                                 _("Remplacement de {name}").format(name=self._name(a.person_id))))
        if outcome.new_gaps:
            self.progress_label.setText(_("{n} créneau(x) laissé(s) sans personne par ce désistement : voir la liste des manques.")
                                        .format(n=len(outcome.new_gaps)))
        self.refresh_now()
        self.notify_others(AppContext.ROSTER)
        dialog.accept()
        return True

    # --- shared -----------------------------------------------------------------------------------

    def _begin(self, limit: float, text: str) -> None:
        self._started, self._limit = time.monotonic(), limit
        self.last_progress = None
        self.progress.setRange(0, int(limit * 10))
        self.progress.setValue(0)
        self.progress.show()
        self.progress_label.setText(text)
        self.solve_button.setEnabled(False)
        self.publish_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.model.editable = False
        self.ticker.start()

    def _end(self) -> None:
        self.ticker.stop()
        self.progress.hide()
        self.cancel_button.setEnabled(False)

    def _tick(self) -> None:
        elapsed = time.monotonic() - self._started
        self.progress.setValue(min(self.progress.maximum(), int(elapsed * 10)))
        if self.last_progress is None:
            self.progress_label.setText(_("Calcul… {s} s").format(s=f"{elapsed:.0f}"))

    def _on_progress(self, p) -> None:
        self.last_progress = p
        lang = self.ctx.lang
        phase = PHASES.get(p.phase, p.phase)
        self.progress_label.setText(_("Étape : {phase} · objectif {objective} · borne {bound} · {elapsed} s").format(
            phase=_(phase), objective=_num(p.objective, lang), bound=_num(p.bound, lang),
            elapsed=f"{p.elapsed:.1f}".replace(".", "," if lang == "fr" else ".")))

    def _on_failed(self, message: str) -> None:
        self._end()
        self.progress_label.setText(_("Le calcul a échoué : {why}").format(why=readable(self.wording().humanise(message))))
        self.refresh_now()

    def shutdown(self) -> None:
        """Closing the window: stop the engine and wait for its thread."""
        if self.job.running:
            self._handler = lambda _result: None  # nobody is left to look at it
            self.job.cancel()
            self.job.wait()
        if self.explainer.running:
            self._explained_handler = lambda _gaps: None
            self.explainer.wait()
