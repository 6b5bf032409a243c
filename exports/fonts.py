"""The TrueType fonts embedded in every PDF: DejaVu Sans (shipped in resources/fonts).

ReportLab's built-in Helvetica has no glyph for U+202F, the narrow no-break space Babel puts
in French numbers ("1 234,50 €") and times: it would print as a black box.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR: Final = Path(__file__).resolve().parent.parent / "resources" / "fonts"
REGULAR: Final = "DejaVuSans"
BOLD: Final = "DejaVuSans-Bold"
CONDENSED: Final = "DejaVuSansCondensed"
CONDENSED_BOLD: Final = "DejaVuSansCondensed-Bold"
_registered = False


def register_fonts() -> None:
    """Register the fonts once per process (safe to call again)."""
    global _registered
    if _registered:
        return
    for name in (REGULAR, BOLD, CONDENSED, CONDENSED_BOLD):
        path = FONT_DIR / f"{name}.ttf"
        if not path.exists():
            raise FileNotFoundError(f"Police manquante : {path} (réinstaller l'application)")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    pdfmetrics.registerFontFamily(CONDENSED, normal=CONDENSED, bold=CONDENSED_BOLD, italic=CONDENSED,
                                  boldItalic=CONDENSED_BOLD)
    _registered = True
