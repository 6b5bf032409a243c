"""The daily addressing sheet for the OSNP: per continuity day and territory, the levels of
the charte d'adressage in order, the on-call effectors of the published version (with their
phone) on the on-call level. One day per page (or more for a large département)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from sas_roster.domain.addressing import LevelKind
from sas_roster.domain.documents import AddressingSheet

from .flow_pdf import STYLES, build, esc
from .fonts import CONDENSED, register_fonts
from .pdf_page import ACCENT, ACCENT_LIGHT, ALERT, RULE
from .text import Texts


def level_label(kind: LevelKind, label: str, t: Texts) -> str:
    return label or kind.label(t.lang)


def _day_table(sheet_day: Any, t: Texts) -> Table:
    st = STYLES
    data: list[list[Any]] = [[Paragraph(esc(t("territory")), st["head"]), Paragraph(esc(t("level")), st["head"]),
                              Paragraph(esc(t("who")), st["head"]), Paragraph(esc(t("phone")), st["head"])]]
    style: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("GRID", (0, 1), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), CONDENSED),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for terr in sheet_day.territories:
        first = len(data)
        for entry in terr.entries:
            level = f"{entry.level.rank}. {level_label(entry.level.kind, entry.level.label, t)}"
            if entry.level.kind is LevelKind.ONCALL:
                if entry.oncall:
                    who = "<br/>".join(esc(f"Dr {o.person.display_name}") for o in entry.oncall)
                    phone = "<br/>".join(esc(o.person.phone or "—") for o in entry.oncall)
                    data.append([Paragraph(esc(terr.territory.name), st["cellb"]), Paragraph(esc(level), st["cellb"]),
                                 Paragraph(who, st["cellb"]), Paragraph(phone, st["cellb"])])
                    style.append(("BACKGROUND", (1, len(data) - 1), (-1, len(data) - 1), ACCENT_LIGHT))
                else:
                    data.append([Paragraph(esc(terr.territory.name), st["cellb"]), Paragraph(esc(level), st["cell"]),
                                 Paragraph(f"<font color='#{ALERT.hexval()[2:]}'>{esc(t('nobody'))}</font>", st["cell"]),
                                 ""])
            else:
                data.append([Paragraph(esc(terr.territory.name), st["cellb"]), Paragraph(esc(level), st["cell"]),
                             Paragraph(esc(entry.level.note), st["cell"]), Paragraph(esc(entry.level.phone), st["cell"])])
        if len(data) - first > 1:
            style.append(("SPAN", (0, first), (0, len(data) - 1)))
        style.append(("LINEABOVE", (0, first), (-1, first), 0.9, ACCENT))
    table = Table(data, colWidths=[42 * mm, 52 * mm, 56 * mm, 36 * mm], repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def write_addressing(sheet: AddressingSheet, path: Path | str, lang: str = "fr") -> Path:
    register_fonts()  # paragraphs resolve their fonts when made
    t = Texts(lang)
    version = sheet.version
    title = f"{t('addressing')} — {t.month_title(version.year, version.month)}"
    story: list[Any] = []
    for i, day in enumerate(sheet.days):
        if i:
            story.append(PageBreak())
        story.append(Paragraph(esc(t.long_date(day.day).capitalize()), STYLES["h1"]))
        story.append(Paragraph(esc(t("charter_note")), STYLES["small"]))
        story.append(Spacer(1, 2 * mm))
        story.append(_day_table(day, t))
    if not story:
        story.append(Paragraph(esc(t("no_shift")), STYLES["body"]))
    return build(path, sheet.letterhead, version, t, title, sheet.letterhead.department or sheet.letterhead.name, story)
