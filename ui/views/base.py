"""The frame every view shares: a title, a hint line, and reloading only when visible."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..context import AppContext


class View(QWidget):
    """A page of the main window.

    Subclasses fill `self.body` and implement `reload()`. A view reloads when it is shown
    after the month or one of its `topics` changed, so hidden views cost nothing.
    """

    key = ""
    topics: tuple[str, ...] = ()
    follows_month = True  # False for views that do not depend on the month (pools, settings)

    def __init__(self, ctx: AppContext, title: str, hint: str = "") -> None:
        super().__init__()
        self.ctx = ctx
        self._dirty = True
        self._muted = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 8)
        header = QHBoxLayout()
        self.title_label = QLabel(title, objectName="viewTitle")
        header.addWidget(self.title_label)
        header.addStretch(1)
        self.header = header
        outer.addLayout(header)
        self.hint_label = QLabel(hint, objectName="viewHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setVisible(bool(hint))
        outer.addWidget(self.hint_label)
        self.body = QVBoxLayout()
        outer.addLayout(self.body, 1)
        ctx.month_changed.connect(self._on_month)
        ctx.changed.connect(self._on_changed)

    # --- reloading ---------------------------------------------------------------------------

    def reload(self) -> None:  # pragma: no cover - every real view overrides it
        pass

    def ensure_loaded(self) -> None:
        if self._dirty:
            self._dirty = False
            self.reload()

    def mark_dirty(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.ensure_loaded()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.ensure_loaded()

    def _on_month(self, *_args) -> None:
        if self.follows_month:
            self.mark_dirty()

    def _on_changed(self, topic: str) -> None:
        if topic in self.topics and not self._muted:
            self.mark_dirty()

    def notify_others(self, topic: str) -> None:
        """Tell the other views that `topic` changed, without reloading this one."""
        self._muted = True
        try:
            self.ctx.notify(topic)
        finally:
            self._muted = False
