"""Fonts for the attendance and claims documents: the shared `exports.fonts` helper when it
is there (DejaVu Sans shipped in resources/fonts), else DejaVu Sans from the system, registered
under the same names so the documents look the same either way."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_SYSTEM_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
                Path(__file__).resolve().parent.parent / "resources" / "fonts")


def register() -> None:
    try:
        from . import fonts  # type: ignore[attr-defined]
    except ImportError:
        fonts = None
    if fonts is not None:
        fonts.register_fonts()
        return
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    for name in (REGULAR, BOLD):
        path = next((d / f"{name}.ttf" for d in _SYSTEM_DIRS if (d / f"{name}.ttf").exists()), None)
        if path is None:
            raise FileNotFoundError(f"Police manquante : {name}.ttf (paquet fonts-dejavu-core)")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
