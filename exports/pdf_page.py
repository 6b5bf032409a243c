"""What every PDF page shares: the association's header band, the version line, the footer
with the contacts and "page x/y", the colours."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from sas_roster.domain.versions import RosterVersion
from sas_roster.domain.documents import Letterhead

from .fonts import BOLD, REGULAR
from .text import Texts

INK = colors.HexColor("#1d2733")
ACCENT = colors.HexColor("#1f5c99")  # SAS blue
ACCENT_LIGHT = colors.HexColor("#e6eef7")
SHADE = colors.HexColor("#f4f6f8")
RULE = colors.HexColor("#c9d2dc")
MUTED = colors.HexColor("#5f6b78")
ALERT = colors.HexColor("#b42318")
ALERT_LIGHT = colors.HexColor("#fde8e6")
WEEKEND = colors.HexColor("#fbf3e4")
CLOSED = colors.HexColor("#eceff2")
GAINED = colors.HexColor("#1a7f37")

HEADER_H = 22 * mm
FOOTER_H = 12 * mm
MARGIN = 12 * mm


def version_line(version: RosterVersion, t: Texts, tz: str) -> str:
    if version.number == 0:
        return t("draft")
    return f"{t('version', n=version.number)} — {t('published_on', date=t.stamp(version.published_at, tz))}"


def draw_header(c: Canvas, head: Letterhead, title: str, subtitle: str, version: RosterVersion, t: Texts) -> None:
    width, height = c._pagesize
    top = height - MARGIN
    c.setFillColor(ACCENT)
    c.rect(MARGIN, top - 1.2 * mm, width - 2 * MARGIN, 1.2 * mm, stroke=0, fill=1)
    c.setFillColor(INK)
    c.setFont(BOLD, 15)
    c.drawString(MARGIN, top - 8 * mm, title)
    c.setFont(REGULAR, 10)
    c.setFillColor(MUTED)
    c.drawString(MARGIN, top - 13.5 * mm, subtitle)
    c.setFont(BOLD, 10)
    c.setFillColor(ACCENT)
    c.drawRightString(width - MARGIN, top - 8 * mm, head.name)
    line = version_line(version, t, head.timezone)
    c.setFont(BOLD if version.number == 0 else REGULAR, 8.5)
    c.setFillColor(ALERT if version.number == 0 else MUTED)
    c.drawRightString(width - MARGIN, top - 13.5 * mm, line)
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(MARGIN, top - HEADER_H + 4 * mm, width - MARGIN, top - HEADER_H + 4 * mm)


def draw_footer(c: Canvas, head: Letterhead, t: Texts, page: int, total: int) -> None:
    width, _height = c._pagesize
    y = MARGIN - 2 * mm
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(MARGIN, y + 5 * mm, width - MARGIN, y + 5 * mm)
    c.setFont(REGULAR, 7.5)
    c.setFillColor(MUTED)
    parts = [head.name]
    if head.department:
        parts.append(head.department)
    contact = head.contact
    parts += [p for p in (contact.phone, contact.email) if p]
    c.drawString(MARGIN, y, " · ".join(parts))
    if head.checkpoint:  # an outside checkpoint of the audit trail (`audit verify --expect`)
        c.drawCentredString(width / 2, y - 3.5 * mm, head.checkpoint)
    c.drawRightString(width - MARGIN, y, t("page", n=page, total=total))


class NumberedCanvas(Canvas):
    """A canvas that knows the page count when it draws the footers ("page x/y"): pages are
    kept until save, then each is finished with `finish(canvas, page, total)`."""

    def __init__(self, *args: Any, finish: Callable[[Canvas, int, int], None], **kwargs: Any) -> None:
        if not kwargs.get("initialFontName"):  # else every page declares Helvetica
            kwargs["initialFontName"] = REGULAR
        super().__init__(*args, **kwargs)
        self._finish = finish
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for n, state in enumerate(self._saved, 1):
            self.__dict__.update(state)
            self._finish(self, n, total)
            Canvas.showPage(self)
        Canvas.save(self)


def pdf_info(c: Canvas, head: Letterhead, title: str) -> None:
    c.setTitle(title)
    c.setAuthor(head.name)
    c.setCreator("sas-roster")
    c.setSubject(title)


def now_utc() -> datetime:
    return datetime.now(UTC)
