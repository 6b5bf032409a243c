"""French formatting (Babel) and the TrueType font of the indicators report.

Babel writes French thousands with a narrow no-break space (U+202F) and "85 %" with a
no-break space: ReportLab's built-in Helvetica has neither glyph, so the report embeds DejaVu
Sans. The shared `exports.fonts` helper is used when this build has it; otherwise DejaVu Sans
is taken from the system (package fonts-dejavu-core) or resources/fonts.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

LOCALE = "fr_FR"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FONT_DIRS = (Path(__file__).resolve().parent.parent / "resources" / "fonts",
              Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
              Path("/usr/share/fonts/TTF"))


def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans (regular, bold) with ReportLab once; return their names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from . import fonts as shared

    shared.register_fonts()
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return REGULAR, BOLD
    for name in (REGULAR, BOLD):
        path = next((d / f"{name}.ttf" for d in _FONT_DIRS if (d / f"{name}.ttf").is_file()), None)
        if path is None:
            raise FileNotFoundError(f"Police introuvable : {name}.ttf (installez le paquet fonts-dejavu-core)")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return REGULAR, BOLD


def number(value: float | int | Decimal | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and math.isinf(value):
        return "∞"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def percent(ratio: float | None, digits: int = 0) -> str:
    """0.853 → "85 %" (a no-break space before %, as French typography wants)."""
    if ratio is None:
        return "—"
    return f"{number(ratio * 100, digits)}\u00a0%"


def money(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return format_currency(value, "EUR", locale=LOCALE)


def hours(value: float | int) -> str:
    return f"{number(value, 1 if value % 1 else 0)}\u00a0h"


def long_date(day: date) -> str:
    return format_date(day, format="full", locale=LOCALE)
