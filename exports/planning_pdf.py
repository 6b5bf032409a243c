"""The month's planning: A4 landscape, days down the page, shifts across, names in the cells.

First the regulation and OSNP shifts (one column per shift template, grouped by role, the
uncovered hours of each day in red at the end of its row), then the on-call effectors per
territory (up to eight territories per page width), then a legend. Holidays and bridge days
appear as grey rows. A normal association's month fits on one or two pages; a large
département flows on, the column headers repeated on every page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageBreak, PageTemplate, Paragraph, Spacer, Table, TableStyle

from sas_roster.domain.demand import ShiftTemplate
from sas_roster.domain.enums import Presence, Role
from sas_roster.domain.roster import Assignment
from sas_roster.domain.documents import MonthDocument, UncoveredSlot

from .fonts import BOLD, CONDENSED, CONDENSED_BOLD, REGULAR, register_fonts
from .pdf_page import (
    ACCENT,
    ACCENT_LIGHT,
    ALERT,
    ALERT_LIGHT,
    CLOSED,
    FOOTER_H,
    HEADER_H,
    INK,
    MARGIN,
    MUTED,
    RULE,
    WEEKEND,
    NumberedCanvas,
    draw_footer,
    draw_header,
    pdf_info,
)
from .text import Texts

PAGE = landscape(A4)
TERRITORIES_PER_PAGE = 8
REMOTE = " ⌂"


def short_name(doc: MonthDocument, a: Assignment) -> str:
    p = doc.persons.get(a.person_id)
    name = f"{p.first_name[:1]}. {p.last_name}" if p and p.first_name else (p.last_name if p else f"n° {a.person_id}")
    return name + (REMOTE if a.presence is Presence.REMOTE else "")


def _styles(size: float) -> dict[str, ParagraphStyle]:
    return {
        "cell": ParagraphStyle("cell", fontName=CONDENSED, fontSize=size, leading=size * 1.18, textColor=INK),
        "day": ParagraphStyle("day", fontName=CONDENSED_BOLD, fontSize=size + 0.5, leading=size * 1.2, textColor=INK),
        "head": ParagraphStyle("head", fontName=CONDENSED_BOLD, fontSize=size + 0.5, leading=size * 1.2,
                               textColor=colors.white, alignment=1),
        "gap": ParagraphStyle("gap", fontName=CONDENSED_BOLD, fontSize=size, leading=size * 1.18, textColor=ALERT),
        "closed": ParagraphStyle("closed", fontName=CONDENSED, fontSize=size, leading=size * 1.18, textColor=MUTED),
        "h2": ParagraphStyle("h2", fontName=BOLD, fontSize=11, leading=14, textColor=ACCENT, spaceAfter=2 * mm),
        "legend": ParagraphStyle("legend", fontName=REGULAR, fontSize=8, leading=10.5, textColor=INK),
    }


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _rows_of_days(doc: MonthDocument) -> list[tuple[date, str | None]]:
    """Continuity days and closed days of the month, in date order (closed: with the reason)."""
    rows: list[tuple[date, str | None]] = [(d, None) for d in doc.days]
    rows += [(s.day, s.reason) for s in doc.closed if s.day.weekday() < 6]
    return sorted(rows)


def _overlaps(slot: UncoveredSlot, t: ShiftTemplate) -> bool:
    return slot.role is t.role and slot.start < t.end and t.start < slot.end


def _shift_table(doc: MonthDocument, t: Texts, templates: Sequence[ShiftTemplate], width: float) -> Table | None:
    if not templates:
        return None
    cells: dict[tuple[date, str], list[str]] = defaultdict(list)
    for a in sorted(doc.version.assignments, key=lambda a: (a.day, a.start, short_name(doc, a))):
        if a.role is not Role.EFFECTOR:
            cells[(a.day, f"{a.role.value}:{a.template_code}")].append(short_name(doc, a))
    gaps: dict[date, list[UncoveredSlot]] = defaultdict(list)
    for g in doc.uncovered:
        gaps[g.day].append(g)
    densest = max((len(v) for v in cells.values()), default=1)
    size = 7.5 if densest <= 3 else 6.5 if densest <= 6 else 5.8
    st = _styles(size)
    day_w, gap_w = 22 * mm, 30 * mm
    col_w = (width - day_w - gap_w) / len(templates)
    roles = [r for r in (Role.REGULATOR, Role.OSNP) if any(x.role is r for x in templates)]
    templates = [x for r in roles for x in templates if x.role is r]  # columns in the headers' order
    head1: list[Any] = [Paragraph(t("day"), st["head"])]
    head2: list[Any] = [""]
    spans = []
    col = 1
    for r in roles:
        group = [x for x in templates if x.role is r]
        head1 += [Paragraph(t.role_people(r), st["head"])] + [""] * (len(group) - 1)
        spans.append(("SPAN", (col, 0), (col + len(group) - 1, 0)))
        head2 += [Paragraph(f"{_esc(x.label or x.code)}<br/>{t.hours(x.start, x.end)}", st["head"]) for x in group]
        col += len(group)
    head1.append(Paragraph(t("uncovered").capitalize(), st["head"]))
    head2.append("")
    spans.append(("SPAN", (col, 0), (col, 1)))
    spans.append(("SPAN", (0, 0), (0, 1)))
    data: list[list[Any]] = [head1, head2]
    style: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 1), ACCENT),
        ("LINEBELOW", (0, 1), (-1, 1), 0.8, ACCENT),
        ("GRID", (0, 2), (-1, -1), 0.3, RULE),
        ("LINEAFTER", (0, 0), (-2, 1), 0.3, colors.white),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), CONDENSED),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        *spans,
    ]
    for day, closed in _rows_of_days(doc):
        row_n = len(data)
        label = Paragraph(_esc(t.short_day(day)), st["day"])
        if closed is not None:
            data.append([label, Paragraph(_esc(f"{t('closed')} — {closed}"), st["closed"])] + [""] * len(templates))
            style += [("SPAN", (1, row_n), (-1, row_n)), ("BACKGROUND", (0, row_n), (-1, row_n), CLOSED)]
            continue
        row: list[Any] = [label]
        for c, x in enumerate(templates, 1):
            if day.weekday() not in x.weekdays:
                row.append("")
                style.append(("BACKGROUND", (c, row_n), (c, row_n), CLOSED))
                continue
            names = cells.get((day, f"{x.role.value}:{x.code}"), [])
            row.append(Paragraph("<br/>".join(_esc(n) for n in names), st["cell"]))
            if any(_overlaps(g, x) for g in gaps.get(day, [])):
                style.append(("BACKGROUND", (c, row_n), (c, row_n), ALERT_LIGHT))
        missing = [f"{t.role(g.role)} {t.hours(g.start, g.end)} : {t('missing', n=g.missing)}"
                   if t.lang == "fr" else f"{t.role(g.role)} {t.hours(g.start, g.end)}: {t('missing', n=g.missing)}"
                   for g in gaps.get(day, [])]
        row.append(Paragraph("<br/>".join(_esc(m) for m in missing), st["gap"]))
        if day.weekday() == 5:
            style.append(("BACKGROUND", (0, row_n), (0, row_n), WEEKEND))
        data.append(row)
    table = Table(data, colWidths=[day_w] + [col_w] * len(templates) + [gap_w], repeatRows=2)
    table.setStyle(TableStyle(style))
    return table


def _oncall_tables(doc: MonthDocument, t: Texts, width: float) -> list[Table]:
    by_cell: dict[tuple[date, str], list[str]] = defaultdict(list)
    for a in sorted(doc.version.assignments, key=lambda a: (a.day, short_name(doc, a))):
        if a.role is Role.EFFECTOR and a.territory:
            by_cell[(a.day, a.territory)].append(short_name(doc, a))
    territories = [x for x in doc.territories]
    if not territories:
        return []
    days = [d for d in doc.days]
    st = _styles(7)
    tables = []
    for i in range(0, len(territories), TERRITORIES_PER_PAGE):
        chunk = territories[i:i + TERRITORIES_PER_PAGE]
        day_w = 22 * mm
        col_w = (width - day_w) / max(len(chunk), 4)
        data: list[list[Any]] = [[Paragraph(t("day"), st["head"])] + [Paragraph(_esc(x.name), st["head"]) for x in chunk]]
        style: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("GRID", (0, 1), (-1, -1), 0.3, RULE),
            ("LINEAFTER", (0, 0), (-2, 0), 0.3, colors.white),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), CONDENSED),
            ("TOPPADDING", (0, 0), (-1, -1), 1.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
        ]
        for day in days:
            r = len(data)
            row: list[Any] = [Paragraph(_esc(t.short_day(day)), st["day"])]
            for c, x in enumerate(chunk, 1):
                names = by_cell.get((day, x.code), [])
                row.append(Paragraph("<br/>".join(_esc(n) for n in names) or "—", st["cell" if names else "gap"]))
                if not names:
                    style.append(("BACKGROUND", (c, r), (c, r), ALERT_LIGHT))
            if day.weekday() == 5:
                style.append(("BACKGROUND", (0, r), (0, r), WEEKEND))
            data.append(row)
        table = Table(data, colWidths=[day_w] + [col_w] * len(chunk), repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(style))
        tables.append(table)
    return tables


def _legend(doc: MonthDocument, t: Texts) -> list[Any]:
    st = _styles(7)
    parts = []
    for x in sorted(doc.templates, key=lambda x: (x.role is not Role.REGULATOR, x.start, x.end)):
        if x.role is Role.EFFECTOR:
            continue
        parts.append(f"<b>{_esc(x.label or x.code)}</b> ({t.role(x.role)}) {t.hours(x.start, x.end)}")
    parts.append(_esc(t("remote_mark")))
    parts.append(f"<font color='{ALERT.hexval().replace('0x', '#')}'>■</font> {_esc(t('uncovered_legend'))}")
    closed = [f"{t.short_day(s.day)} : {_esc(s.reason)}" if t.lang == "fr" else f"{t.short_day(s.day)}: {_esc(s.reason)}"
              for s in doc.closed if s.day.weekday() < 6]
    out: list[Any] = [Spacer(1, 3 * mm), Paragraph(t("legend"), st["h2"]), Paragraph(" · ".join(parts), st["legend"])]
    if closed:
        out.append(Paragraph(f"<b>{_esc(t('closed_days'))}</b> : " + " · ".join(closed), st["legend"]))
    return [KeepTogether(out)]


def write_planning_pdf(doc: MonthDocument, path: Path | str, lang: str = "fr") -> Path:
    register_fonts()
    t = Texts(lang)
    month = t.month_title(doc.year, doc.month)
    title = f"{t('monthly_planning')} — {month}"
    subtitle = doc.letterhead.department or doc.letterhead.name
    width, height = PAGE
    frame = Frame(MARGIN, MARGIN + FOOTER_H - 4 * mm, width - 2 * MARGIN, height - 2 * MARGIN - HEADER_H - FOOTER_H + 4 * mm,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def on_page(c: Any, _d: Any) -> None:
        draw_header(c, doc.letterhead, title, subtitle, doc.version, t)

    def finish(c: Any, n: int, total: int) -> None:
        draw_footer(c, doc.letterhead, t, n, total)

    pdf = BaseDocTemplate(str(path), pagesize=PAGE, title=title, author=doc.letterhead.name, creator="sas-roster",
                          leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN)
    pdf.addPageTemplates([PageTemplate("page", frames=[frame], onPage=on_page)])
    st = _styles(7)
    story: list[Any] = []
    templates = [x for x in doc.templates if x.role in (Role.REGULATOR, Role.OSNP)]
    shifts = _shift_table(doc, t, templates, frame._width)
    if shifts is not None:
        story += [Paragraph(t("regulation_osnp"), st["h2"]), shifts]
    story += _legend(doc, t)  # under the grid it explains
    oncall = _oncall_tables(doc, t, frame._width)
    for i, table in enumerate(oncall):
        if story:
            story.append(PageBreak())
        if i == 0:
            story.append(Paragraph(t("oncall"), st["h2"]))
        story.append(table)
    pdf.build(story, canvasmaker=lambda *a, **k: _canvas(*a, finish=finish, head=doc.letterhead, title=title, **k))
    return Path(path)


def _canvas(*args: Any, finish: Any, head: Any, title: str, **kwargs: Any) -> NumberedCanvas:
    c = NumberedCanvas(*args, finish=finish, **kwargs)
    pdf_info(c, head, title)
    return c
