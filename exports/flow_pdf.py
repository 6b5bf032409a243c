"""Flowing A4 portrait documents (notices, addressing sheets): a platypus document with the
shared header and a "page x/y" footer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from sas_roster.domain.versions import RosterVersion
from sas_roster.domain.documents import Letterhead

from .fonts import BOLD, CONDENSED, CONDENSED_BOLD, REGULAR, register_fonts
from .pdf_page import ACCENT, FOOTER_H, HEADER_H, INK, MARGIN, MUTED, NumberedCanvas, draw_footer, draw_header, pdf_info
from .text import Texts

STYLES = {
    "body": ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=14, textColor=INK, spaceAfter=2 * mm),
    "small": ParagraphStyle("small", fontName=REGULAR, fontSize=8.5, leading=11, textColor=MUTED),
    "h1": ParagraphStyle("h1", fontName=BOLD, fontSize=13, leading=17, textColor=INK, spaceAfter=2 * mm),
    "h2": ParagraphStyle("h2", fontName=BOLD, fontSize=11, leading=14, textColor=ACCENT, spaceBefore=3 * mm,
                         spaceAfter=1.5 * mm),
    "cell": ParagraphStyle("cell", fontName=CONDENSED, fontSize=9, leading=11.5, textColor=INK),
    "cellb": ParagraphStyle("cellb", fontName=CONDENSED_BOLD, fontSize=9, leading=11.5, textColor=INK),
    "head": ParagraphStyle("head", fontName=CONDENSED_BOLD, fontSize=8.5, leading=10.5, textColor=colors.white),
}


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build(path: Path | str, head: Letterhead, version: RosterVersion, t: Texts, title: str, subtitle: str,
          story: Sequence[Any]) -> Path:
    register_fonts()
    width, height = A4
    frame = Frame(MARGIN, MARGIN + FOOTER_H - 4 * mm, width - 2 * MARGIN, height - 2 * MARGIN - HEADER_H - FOOTER_H + 4 * mm,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def on_page(c: Any, _d: Any) -> None:
        draw_header(c, head, title, subtitle, version, t)

    def finish(c: Any, n: int, total: int) -> None:
        draw_footer(c, head, t, n, total)

    def canvas(*args: Any, **kwargs: Any) -> NumberedCanvas:
        c = NumberedCanvas(*args, finish=finish, **kwargs)
        pdf_info(c, head, title)
        return c

    doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN, title=title, author=head.name, creator="sas-roster")
    doc.addPageTemplates([PageTemplate("page", frames=[frame], onPage=on_page)])
    doc.build(list(story), canvasmaker=canvas)
    return Path(path)
