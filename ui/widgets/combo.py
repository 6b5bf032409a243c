"""A combo box that hands back the Python value it was given.

QComboBox item data goes through QVariant, which turns a StrEnum member (Role.OSNP) into a
plain str ("osnp"): identity checks and enum properties then break. This combo keeps the
values in a Python list instead.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget


class ValueCombo(QComboBox):
    def __init__(self, items: list[tuple[str, Any]] | None = None, parent: QWidget | None = None, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self._values: list[Any] = []
        for text, value in items or []:
            self.add(text, value)

    def add(self, text: str, value: Any) -> None:
        self.addItem(text, value)

    def addItem(self, text: str, value: Any = None) -> None:  # noqa: N802 - QComboBox's name
        self._values.append(value)
        super().addItem(text)

    def clear(self) -> None:  # noqa: D102 - keeps the value list in step
        self._values.clear()
        super().clear()

    def value(self) -> Any:
        i = self.currentIndex()
        return self._values[i] if 0 <= i < len(self._values) else None

    def index_of(self, value: Any) -> int:
        return next((i for i, v in enumerate(self._values) if v == value), -1)

    def set_value(self, value: Any) -> None:
        self.setCurrentIndex(max(0, self.index_of(value)))

    # QComboBox's own names, so that code written for it keeps working
    def currentData(self, role: int = 0) -> Any:  # noqa: N802
        return self.value()

    def findData(self, value: Any, role: int = 0, flags=None) -> int:  # noqa: N802
        return self.index_of(value)
