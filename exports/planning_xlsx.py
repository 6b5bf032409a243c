"""The month's planning as a workbook: a sheet per role (days down, shifts or territories
across, names in the cells), the hours per person, and every shift as a flat list to filter.
Frozen panes and print set-up (landscape, one page wide, header rows repeated)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from sas_roster.domain.enums import Presence, Role
from sas_roster.domain.documents import MonthDocument

from .planning_pdf import short_name
from .text import Texts

HEAD_FILL = PatternFill("solid", fgColor="1F5C99")
HEAD_FONT = Font(bold=True, color="FFFFFF")
ALERT_FILL = PatternFill("solid", fgColor="FDE8E6")
CLOSED_FILL = PatternFill("solid", fgColor="ECEFF2")
THIN = Side(style="thin", color="C9D2DC")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")


def _sheet_title(text: str) -> str:
    for ch in "[]:*?/\\":
        text = text.replace(ch, " ")
    return text[:31]


def _head(ws: Worksheet, row: int, titles: Sequence[str], widths: Sequence[float]) -> None:
    for c, (title, w) in enumerate(zip(titles, widths, strict=True), 1):
        cell = ws.cell(row, c, title)
        cell.fill, cell.font, cell.border = HEAD_FILL, HEAD_FONT, BOX
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = w


def _print_setup(ws: Worksheet, title: str, repeat: str = "1:2") -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = repeat
    ws.oddHeader.center.text = title  # type: ignore[union-attr]
    ws.oddFooter.right.text = "&P / &N"  # type: ignore[union-attr]


def _grid(ws: Worksheet, doc: MonthDocument, t: Texts, columns: list[tuple[str, str]],
          cells: dict[tuple[date, str], list[str]], caption: str, days: list[date]) -> None:
    ws.cell(1, 1, caption).font = Font(bold=True, size=13, color="1F5C99")
    _head(ws, 2, [t("day")] + [title for _key, title in columns], [16] + [22] * len(columns))
    for r, day in enumerate(days, 3):
        ws.cell(r, 1, day).number_format = "ddd dd/mm"
        ws.cell(r, 1).border = BOX
        lines = 1
        for c, (key, _title) in enumerate(columns, 2):
            names = cells.get((day, key), [])
            cell = ws.cell(r, c, "\n".join(names) or None)
            cell.alignment, cell.border = WRAP, BOX
            if key == "__closed__":
                continue
            if not names and key.startswith("terr:"):
                cell.fill = ALERT_FILL
            lines = max(lines, len(names))
        ws.row_dimensions[r].height = max(15, 13 * lines)
    ws.freeze_panes = "B3"
    _print_setup(ws, caption)


def write_planning_xlsx(doc: MonthDocument, path: Path | str, lang: str = "fr") -> Path:
    t = Texts(lang)
    month = t.month_title(doc.year, doc.month)
    wb = Workbook()
    first = True
    version = t("draft") if doc.version.number == 0 else t("version", n=doc.version.number)
    for role in (Role.REGULATOR, Role.OSNP):
        templates = [x for x in doc.templates if x.role is role]
        if not templates:
            continue
        cells: dict[tuple[date, str], list[str]] = defaultdict(list)
        for a in sorted(doc.version.assignments, key=lambda a: (a.day, a.start, short_name(doc, a))):
            if a.role is role:
                cells[(a.day, a.template_code)].append(short_name(doc, a))
        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        first = False
        ws.title = _sheet_title(t.role_people(role))
        cols = [(x.code, f"{x.label or x.code}\n{t.hours(x.start, x.end)}") for x in templates]
        cols.append(("__gaps__", t("uncovered").capitalize()))
        for g in doc.uncovered:
            if g.role is role:
                cells[(g.day, "__gaps__")].append(f"{t.hours(g.start, g.end)} : {t('missing', n=g.missing)}")
        _grid(ws, doc, t, cols, cells, f"{t.role_people(role)} — {month} ({version})", list(doc.days))
        for r in range(3, 3 + len(doc.days)):
            gap = ws.cell(r, len(cols) + 1)
            if gap.value:
                gap.fill, gap.font = ALERT_FILL, Font(bold=True, color="B42318")
    if doc.territories:
        cells = defaultdict(list)
        for a in sorted(doc.version.assignments, key=lambda a: (a.day, short_name(doc, a))):
            if a.role is Role.EFFECTOR and a.territory:
                cells[(a.day, f"terr:{a.territory}")].append(short_name(doc, a))
        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        first = False
        ws.title = _sheet_title(t("oncall"))
        _grid(ws, doc, t, [(f"terr:{x.code}", x.name) for x in doc.territories], cells,
              f"{t('oncall')} — {month} ({version})", list(doc.days))
    _hours_sheet(wb.create_sheet(_sheet_title(t("hours_per_person"))), doc, t, month)
    _list_sheet(wb.create_sheet(_sheet_title(t("shifts"))), doc, t)
    wb.properties.title = f"{t('monthly_planning')} — {month}"
    wb.properties.creator = doc.letterhead.name
    wb.save(str(path))
    return Path(path)


def _hours_sheet(ws: Worksheet, doc: MonthDocument, t: Texts, month: str) -> None:
    _head(ws, 1, [t("name"), t("first_name"), t("role"), t("shifts"), t("hours_total"), t("saturdays")],
          [24, 18, 30, 10, 10, 10])
    for r, p in enumerate(doc.people(), 2):
        shifts = doc.of_person(p.id or 0)
        roles = sorted({a.role for a in shifts}, key=lambda x: list(Role).index(x))
        ws.append([p.last_name, p.first_name, ", ".join(t.role(x) for x in roles), len(shifts),
                   round(sum(a.minutes for a in shifts) / 60, 2), sum(1 for a in shifts if a.day.weekday() == 5)])
        ws.cell(r, 5).number_format = "0.00"
    last = ws.max_row
    ws.append([t("total"), None, None, f"=SUM(D2:D{last})", f"=SUM(E2:E{last})", f"=SUM(F2:F{last})"])
    for c in range(1, 7):
        ws.cell(last + 1, c).font = Font(bold=True)
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:F{last}"
    _print_setup(ws, f"{t('hours_per_person')} — {month}", "1:1")
    ws.page_setup.orientation = "portrait"


def _list_sheet(ws: Worksheet, doc: MonthDocument, t: Texts) -> None:
    _head(ws, 1, [t("date"), "Début" if t.lang == "fr" else "Start", "Fin" if t.lang == "fr" else "End", t("role"),
                  t("shift"), t("name"), t("first_name"), t("where"), t("territory"), "UID"],
          [12, 8, 8, 20, 12, 22, 16, 18, 16, 38])
    for a in sorted(doc.version.assignments, key=lambda a: (a.day, a.start, a.role.value, a.template_code)):
        p = doc.persons.get(a.person_id)
        ws.append([a.day, a.start, a.end, t.role(a.role), a.template_code, p.last_name if p else "",
                   p.first_name if p else "", t.presence(a.presence) if a.role is not Role.EFFECTOR else "",
                   a.territory or "", a.uid or ""])
        r = ws.max_row
        ws.cell(r, 1).number_format = "dd/mm/yyyy"
        ws.cell(r, 2).number_format = ws.cell(r, 3).number_format = "hh:mm"
        if a.presence is Presence.REMOTE:
            ws.cell(r, 8).font = Font(color="1F5C99")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:J{ws.max_row}"
    _print_setup(ws, t("shifts"), "1:1")
