"""Fonts for the attendance and claims documents: DejaVu Sans, shipped in resources/fonts and
registered by `exports.fonts` under the names used here."""

from __future__ import annotations

from . import fonts

REGULAR = fonts.REGULAR
BOLD = fonts.BOLD


def register() -> None:
    fonts.register_fonts()
