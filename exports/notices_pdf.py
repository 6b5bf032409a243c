"""Change notices: after an amendment, each person affected gets a page listing only her own
changes — shifts added, removed, moved (before → after)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from sas_roster.domain.enums import Role
from sas_roster.domain.person import Person
from sas_roster.domain.roster import Assignment
from sas_roster.domain.documents import NoticeDocument

from .flow_pdf import STYLES, build, esc
from .fonts import CONDENSED, register_fonts
from .pdf_page import ACCENT, ALERT, GAINED, RULE, SHADE
from .personal_pdf import person_title
from .text import Texts


def shift_text(a: Assignment, notice: NoticeDocument, t: Texts) -> str:
    what = t.role(a.role)
    if a.role is Role.EFFECTOR and a.territory:
        what += " — " + next((x.name for x in notice.month.territories if x.code == a.territory), a.territory)
    elif a.role is Role.REGULATOR:
        what += f" ({t.presence(a.presence)})"
    return f"{t.long_date(a.day)}, {t.hours(a.start, a.end)} · {what}"


def _section(title: str, colour: colors.Color, rows: list[str]) -> list[Any]:
    if not rows:
        return []
    st = STYLES
    table = Table([[Paragraph(esc(r), st["cell"])] for r in rows], colWidths=[180 * mm])
    table.setStyle(TableStyle([
        ("LINEBEFORE", (0, 0), (0, -1), 2.5, colour),
        ("ROWBACKGROUNDS", (0, 0), (-1, -1), [colors.white, SHADE]),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("FONTNAME", (0, 0), (-1, -1), CONDENSED),
    ]))
    heading = Paragraph(f"<font color='#{colour.hexval()[2:]}'>{esc(title)}</font>", st["h2"])
    return [heading, table]


def notice_story(notice: NoticeDocument, person: Person, t: Texts) -> list[Any]:
    register_fonts()  # paragraphs resolve their fonts when made
    changes = notice.diff.for_person(person.id or 0)
    version = notice.month.version
    month = t.month_title(version.year, version.month)
    reason = version.reason or "—"
    story: list[Any] = [
        Paragraph(esc(person_title(person)), STYLES["h1"]),
        Paragraph(esc(t("hello", name=person_title(person))), STYLES["body"]),
        Paragraph(esc(t("notice_intro", month=month, version=t("version", n=version.number), reason=reason)),
                  STYLES["body"]),
    ]
    story += _section(t("gained"), GAINED, [shift_text(a, notice, t) for a in changes.gained])
    story += _section(t("lost"), ALERT, [shift_text(a, notice, t) for a in changes.lost])
    if changes.moved:
        st = STYLES
        rows: list[list[Any]] = [[Paragraph(esc(t("before").capitalize()), st["small"]),
                                  Paragraph(esc(t("after").capitalize()), st["small"])]]
        rows += [[Paragraph(f"<strike>{esc(shift_text(m.before, notice, t))}</strike>", st["cell"]),
                  Paragraph(esc(shift_text(m.after, notice, t)), st["cellb"])] for m in changes.moved]
        table = Table(rows, colWidths=[90 * mm, 90 * mm])
        table.setStyle(TableStyle([
            ("LINEBEFORE", (0, 1), (0, -1), 2.5, ACCENT),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, SHADE]),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONTNAME", (0, 0), (-1, -1), CONDENSED),
        ]))
        story += [Paragraph(f"<font color='#{ACCENT.hexval()[2:]}'>{esc(t('moved'))}</font>", st["h2"]), table]
    story += [Spacer(1, 5 * mm), Paragraph(esc(t("calendar_note")), STYLES["small"]), Spacer(1, 3 * mm),
              Paragraph(esc(t("signature")), STYLES["body"])]
    contact = notice.month.letterhead.contact
    extra = [x for x in (contact.phone, contact.email) if x]
    if extra:
        story.append(Paragraph(esc(" · ".join(extra)), STYLES["small"]))
    return story


def write_notice(notice: NoticeDocument, person: Person, path: Path | str, lang: str = "fr") -> Path:
    t = Texts(lang)
    version = notice.month.version
    title = f"{t('notice')}"
    subtitle = f"{t.month_title(version.year, version.month).capitalize()} — {person_title(person)}"
    return build(path, notice.month.letterhead, version, t, title, subtitle, notice_story(notice, person, t))
