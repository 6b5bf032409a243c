"""Personal schedules: one A4 portrait PDF per person, and one combined print-ready PDF
ordered by name (each person starting on a new page, an even number of pages each so that
recto-verso printing never mixes two people on one sheet).

Drawn straight on the canvas (no layout engine): about 900 of them are made at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from sas_roster.domain.enums import Presence, Role
from sas_roster.domain.person import Person
from sas_roster.domain.roster import Assignment
from sas_roster.domain.documents import MonthDocument

from .fonts import BOLD, REGULAR, register_fonts
from .pdf_page import (
    ACCENT,
    ACCENT_LIGHT,
    FOOTER_H,
    HEADER_H,
    INK,
    MARGIN,
    MUTED,
    RULE,
    SHADE,
    WEEKEND,
    NumberedCanvas,
    draw_footer,
    draw_header,
    pdf_info,
)
from .text import Texts

ROW_H = 7.2 * mm
WIDTH, HEIGHT = A4


def person_title(p: Person) -> str:
    doctor = p.roles & {Role.REGULATOR, Role.EFFECTOR}
    return f"Dr {p.display_name}" if doctor else p.display_name


def _columns(t: Texts, with_territory: bool) -> list[tuple[str, float]]:
    cols = [(t("date"), 50 * mm), (t("hours"), 26 * mm), (t("shift"), 56 * mm)]
    cols.append((t("territory") if with_territory else t("where"), WIDTH - 2 * MARGIN - 132 * mm))
    return cols


def _cells(a: Assignment, doc: MonthDocument, t: Texts, same_day: bool) -> list[str]:
    if a.role is Role.EFFECTOR:
        names = {x.code: x.name for x in doc.territories}
        where = names.get(a.territory or "", a.territory or "")
    else:
        where = t.presence(a.presence)
    label = next((x.label for x in doc.templates if x.code == a.template_code and x.role is a.role and x.label), "")
    what = label if label and t.lang == "fr" else t.role(a.role)
    return ["" if same_day else t.day_month(a.day), t.hours(a.start, a.end), what, where]


def _mini_calendar(c: Canvas, doc: MonthDocument, shifts: list[Assignment], t: Texts, right: float, top: float) -> None:
    """The month at a glance: the person's days filled, closed days greyed."""
    import calendar as _cal

    cell = 4.6 * mm
    left = right - 7 * cell
    worked = {a.day for a in shifts}
    open_days = set(doc.days)
    c.setFont(BOLD, 6.5)
    c.setFillColor(MUTED)
    initials = "LMMJVSD" if t.lang == "fr" else "MTWTFSS"
    for i, ch in enumerate(initials):
        c.drawCentredString(left + (i + 0.5) * cell, top - 3 * mm, ch)
    weeks = _cal.Calendar().monthdatescalendar(doc.year, doc.month)
    for w, week in enumerate(weeks):
        for i, day in enumerate(week):
            if day.month != doc.month:
                continue
            x, y = left + i * cell, top - 4.2 * mm - (w + 1) * cell
            if day in worked:
                c.setFillColor(ACCENT)
                c.roundRect(x + 0.4 * mm, y + 0.4 * mm, cell - 0.8 * mm, cell - 0.8 * mm, 1 * mm, stroke=0, fill=1)
                c.setFillColorRGB(1, 1, 1)
                c.setFont(BOLD, 7)
            else:
                c.setFillColor(INK if day in open_days else RULE)
                c.setFont(REGULAR, 7)
            c.drawCentredString(x + cell / 2, y + 1.7 * mm, str(day.day))


def _person_block(c: Canvas, doc: MonthDocument, p: Person, shifts: list[Assignment], t: Texts, y: float) -> float:
    c.setFillColor(INK)
    c.setFont(BOLD, 14)
    c.drawString(MARGIN, y - 1 * mm, person_title(p))
    roles = " · ".join(t.role_one(r) for r in (Role.REGULATOR, Role.EFFECTOR, Role.OSNP) if r in p.roles)
    c.setFont(REGULAR, 9)
    c.setFillColor(MUTED)
    detail = [roles]
    if p.territory and Role.EFFECTOR in p.roles:
        detail.append(next((x.name for x in doc.territories if x.code == p.territory), p.territory))
    c.drawString(MARGIN, y - 6.5 * mm, " · ".join(detail))
    minutes = sum(a.minutes for a in shifts)
    c.setFont(BOLD, 11)
    c.setFillColor(ACCENT)
    c.drawString(MARGIN, y - 14 * mm, t("shifts_hours", shifts=len(shifts), hours=t.duration(minutes)))
    _mini_calendar(c, doc, shifts, t, WIDTH - MARGIN, y + 0.5 * mm)
    return float(y - 38 * mm)


def _table_header(c: Canvas, cols: list[tuple[str, float]], y: float) -> float:
    c.setFillColor(ACCENT)
    c.rect(MARGIN, y - ROW_H + 1.5 * mm, WIDTH - 2 * MARGIN, ROW_H, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    c.setFont(BOLD, 9)
    x = MARGIN + 2.5 * mm
    for title, w in cols:
        c.drawString(x, y - 3.4 * mm, title)
        x += w
    return float(y - ROW_H)


def _contacts(c: Canvas, doc: MonthDocument, t: Texts, y: float) -> None:
    contact = doc.letterhead.contact
    lines = [ln for ln in contact.address.splitlines() if ln.strip()]
    lines += [x for x in (contact.phone, contact.email) if x]
    if not lines:
        return
    h = (8 + 4.6 * len(lines)) * mm
    top = max(y - 6 * mm, FOOTER_H + MARGIN + h)
    c.setFillColor(ACCENT_LIGHT)
    c.roundRect(MARGIN, top - h, WIDTH - 2 * MARGIN, h, 2 * mm, stroke=0, fill=1)
    c.setFillColor(ACCENT)
    c.setFont(BOLD, 9.5)
    c.drawString(MARGIN + 4 * mm, top - 5.5 * mm, t("contacts"))
    c.setFillColor(INK)
    c.setFont(REGULAR, 9)
    for i, line in enumerate(lines):
        c.drawString(MARGIN + 4 * mm, top - (10.5 + 4.6 * i) * mm, line)


def draw_person(c: Canvas, doc: MonthDocument, p: Person, t: Texts) -> int:
    """Draw `p`'s schedule from a fresh page; returns the number of pages used (pages are
    closed by the caller's showPage, the last one included)."""
    shifts = doc.of_person(p.id or 0)
    title = t("personal_schedule")
    subtitle = t.month_title(doc.year, doc.month).capitalize()
    with_territory = any(a.role is Role.EFFECTOR for a in shifts)
    cols = _columns(t, with_territory)
    pages = 1
    subline = doc.letterhead.department or doc.letterhead.name
    draw_header(c, doc.letterhead, f"{title} — {subtitle}", subline, doc.version, t)
    y = _person_block(c, doc, p, shifts, t, HEIGHT - MARGIN - HEADER_H)
    if not shifts:
        c.setFont(REGULAR, 10)
        c.drawString(MARGIN, y, t("no_shift"))
        _contacts(c, doc, t, y - 6 * mm)
        return pages
    y = _table_header(c, cols, y)
    bottom = MARGIN + FOOTER_H
    previous_day = None
    for i, a in enumerate(shifts):
        if y - ROW_H < bottom:
            previous_day = None
            c.showPage()
            pages += 1
            draw_header(c, doc.letterhead, f"{title} — {subtitle}", person_title(p), doc.version, t)
            y = _table_header(c, cols, HEIGHT - MARGIN - HEADER_H)
        weekend = a.day.weekday() >= 5
        if weekend or i % 2:
            c.setFillColor(WEEKEND if weekend else SHADE)
            c.rect(MARGIN, y - ROW_H + 1.5 * mm, WIDTH - 2 * MARGIN, ROW_H, stroke=0, fill=1)
        x = MARGIN + 2.5 * mm
        same_day, previous_day = a.day == previous_day, a.day
        for n, ((_title, w), text) in enumerate(zip(cols, _cells(a, doc, t, same_day), strict=True)):
            c.setFillColor(INK)
            c.setFont(BOLD if n == 1 else REGULAR, 9.5)
            if n == 3 and a.presence is Presence.REMOTE:
                c.setFillColor(ACCENT)
            c.drawString(x, y - 3.6 * mm, text)
            x += w
        c.setStrokeColor(RULE)
        c.setLineWidth(0.3)
        c.line(MARGIN, y - ROW_H + 1.5 * mm, WIDTH - MARGIN, y - ROW_H + 1.5 * mm)
        y -= ROW_H
    if y - 40 * mm < bottom:
        c.showPage()
        pages += 1
        draw_header(c, doc.letterhead, f"{title} — {subtitle}", person_title(p), doc.version, t)
        y = HEIGHT - MARGIN - HEADER_H
    _contacts(c, doc, t, y - 2 * mm)
    return pages


def _canvas(path: Path | str, doc: MonthDocument, t: Texts, title: str, page_of: Callable[[int], tuple[int, int] | None] | None = None) -> NumberedCanvas:
    def finish(c: Canvas, n: int, total: int) -> None:
        shown = page_of(n) if page_of else (n, total)
        if shown is not None:  # None: a blank back page
            draw_footer(c, doc.letterhead, t, *shown)

    c = NumberedCanvas(str(path), pagesize=A4, finish=finish)
    pdf_info(c, doc.letterhead, title)
    return c


def write_personal(doc: MonthDocument, person: Person, path: Path | str, lang: str = "fr") -> Path:
    register_fonts()
    t = Texts(lang)
    c = _canvas(path, doc, t, f"{t('personal_schedule')} {t.month_title(doc.year, doc.month)} — {person.display_name}")
    draw_person(c, doc, person, t)
    c.showPage()
    c.save()
    return Path(path)


def write_combined(doc: MonthDocument, persons: Iterable[Person], path: Path | str, lang: str = "fr",
                   duplex: bool = True) -> Path:
    """Everyone's schedule in one file, in the order given (by name from `doc.people()`);
    footers count pages within each person's schedule."""
    register_fonts()
    t = Texts(lang)
    spans: list[tuple[int, int]] = []  # (first page, page count) per person
    page = 0

    def page_of(n: int) -> tuple[int, int] | None:
        for first, count in spans:
            if first <= n < first + count:
                return n - first + 1, count
        return None

    c = _canvas(path, doc, t, f"{t('personal_schedule')} {t.month_title(doc.year, doc.month)}", page_of)
    for p in persons:
        used = draw_person(c, doc, p, t)
        c.showPage()
        spans.append((page + 1, used))
        page += used
        if duplex and used % 2:
            c.showPage()  # blank back page: the next person starts on a new sheet
            page += 1
    c.save()
    return Path(path)
