"""Long work off the GUI thread: one job at a time on its own QThread.

A job is a plain callable `work(report)` returning a result; `report(value)` may be called
from any thread (CP-SAT calls it from its own) and reaches the GUI as the `progress` signal.
The job only ever sees what it is given — an immutable solver problem — never a database
session or a widget. `cancel` is the callable that stops the work early (the engine then
returns its best roster so far, which arrives through `finished` like any result).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from sas_roster.logs import report_failure

log = logging.getLogger(__name__)

_gc_pauses = 0  # jobs running; the collector runs again when the last one ends
_gc_was_enabled = False


def _pause_gc() -> None:
    global _gc_pauses, _gc_was_enabled
    if _gc_pauses == 0:
        _gc_was_enabled = gc.isenabled()
    _gc_pauses += 1
    gc.disable()


def _resume_gc() -> None:
    global _gc_pauses
    _gc_pauses = max(0, _gc_pauses - 1)
    if _gc_pauses == 0 and _gc_was_enabled:
        gc.enable()


class _Runner(QObject):
    progress = Signal(object)
    finished = Signal(int, object)  # (ticket, result): the job knows which run answers
    failed = Signal(int, str)

    def __init__(self, work: Callable[[Callable[[Any], None]], Any], ticket: int) -> None:
        super().__init__()
        self._work = work
        self.ticket = ticket

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self.progress.emit)
        except Exception as exc:  # noqa: BLE001 - any failure must reach the window, not kill the thread
            # Same masking as the command line: the traceback (to the log file) and the message
            # (to the window) carry no name, RPPS, phone or e-mail from the database.
            self.failed.emit(self.ticket, report_failure(exc, log))
            return
        self.finished.emit(self.ticket, result)


class BackgroundJob(QObject):
    """Runs one callable on a QThread; the signals arrive on the GUI thread."""

    started = Signal()
    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._runner: _Runner | None = None
        self._cancel: Callable[[], None] | None = None
        self._ticket = 0

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, work: Callable[[Callable[[Any], None]], Any], cancel: Callable[[], None] | None = None) -> None:
        if self.running:
            raise RuntimeError("a job is already running")
        self._cancel = cancel
        thread = QThread()
        self._ticket += 1
        runner = _Runner(work, self._ticket)
        runner.moveToThread(thread)
        thread.started.connect(runner.run)
        runner.progress.connect(self.progress)
        runner.finished.connect(self._on_finished)
        runner.failed.connect(self._on_failed)
        self._thread, self._runner = thread, runner
        _pause_gc()
        thread.start()
        self.started.emit()

    def cancel(self) -> None:
        if self.running and self._cancel is not None:
            self._cancel()

    def wait(self, ms: int = 30_000) -> bool:
        """Block until the work is done and its thread has stopped (closing the window).
        The result is then dropped: the GUI-side handler will not run."""
        thread = self._thread
        if thread is None:
            return True
        thread.quit()  # ends the thread's event loop once the work returns
        done = thread.wait(ms)
        if done:
            self._thread, self._runner = None, None
            _resume_gc()
        return done

    def _cleanup(self) -> None:
        thread, self._thread, self._runner = self._thread, None, None
        if thread is not None:
            thread.quit()
            thread.wait()
            _resume_gc()

    def _current(self, ticket: int) -> bool:
        # A run abandoned by wait() may still answer: nobody expects its result.
        return self._thread is not None and ticket == self._ticket

    def _on_finished(self, ticket: int, result: Any) -> None:
        if self._current(ticket):
            self._cleanup()
            self.finished.emit(result)

    def _on_failed(self, ticket: int, message: str) -> None:
        if self._current(ticket):
            self._cleanup()
            self.failed.emit(message)
