"""Colours and the application style sheet, in one place so the grids stay consistent."""

from __future__ import annotations

from PySide6.QtGui import QColor

from sas_roster.domain.enums import AvailabilityKind, Role

# Light fills readable with black text, one hue per role.
ROLE_FILL = {
    Role.REGULATOR: QColor("#d6e6fb"),
    Role.OSNP: QColor("#d9f2dc"),
    Role.EFFECTOR: QColor("#fbe6cf"),
}
ROLE_STRONG = {
    Role.REGULATOR: QColor("#2f6fbf"),
    Role.OSNP: QColor("#2e8b47"),
    Role.EFFECTOR: QColor("#c26a12"),
}
AVAILABILITY_FILL = {
    AvailabilityKind.PREFERRED: QColor("#2e8b47"),
    AvailabilityKind.AVAILABLE: QColor("#9ed8a6"),
    AvailabilityKind.IF_NEEDED: QColor("#f6d87a"),
    AvailabilityKind.UNAVAILABLE: QColor("#e79a9a"),
}
AVAILABILITY_TEXT = {
    AvailabilityKind.PREFERRED: QColor("#ffffff"),
    AvailabilityKind.AVAILABLE: QColor("#1c3d22"),
    AvailabilityKind.IF_NEEDED: QColor("#4d3b00"),
    AvailabilityKind.UNAVAILABLE: QColor("#5c1010"),
}
UNCOVERED_FILL = QColor("#f7c6c6")
UNCOVERED_TEXT = QColor("#a11414")
VIOLATION_FILL = QColor("#ffe08a")
CLOSED_FILL = QColor("#eeeeee")
MUTED_TEXT = QColor("#777777")
PINNED_MARK = "⚑"  # in DejaVu Sans, the font of a bare Linux install

STYLE_SHEET = """
QListWidget#navigation {
    background: #24384f; color: #e8eef5; border: none; font-size: 14px; outline: none;
}
QListWidget#navigation::item { padding: 10px 14px; border-left: 4px solid transparent; }
QListWidget#navigation::item:selected { background: #33506f; color: white; border-left: 4px solid #7fb3f0; }
QListWidget#navigation::item:disabled { color: #8797a8; }
QLabel#viewTitle { font-size: 18px; font-weight: 600; color: #24384f; }
QLabel#viewHint { color: #555555; }
QLabel#monthLabel { font-size: 15px; font-weight: 600; min-width: 150px; }
QLabel#comingSoon { font-size: 15px; color: #555555; }
QLabel#problems { color: #a11414; }
QFrame#sidePanel { background: #f6f8fa; border-left: 1px solid #d0d7de; }
"""
