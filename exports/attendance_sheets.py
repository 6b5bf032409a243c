"""Attendance documents of a month: the sign-in sheets (PDF, one page per day: slot, planned
person, arrival, departure, signature) and the spreadsheet to fill (one row per shift, a
« Présence » column with a drop-down list, the replacing person, the actual times)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from sas_roster.domain.attendance import STATUS_LABELS_FR, AttendanceLine
from sas_roster.domain.enums import AttendanceStatus, Presence
from sas_roster.domain.person import Person
from sas_roster.importers.attendance_sheet import COLUMNS, PRESENCE_CHOICES, SHEET

from . import claims_format as f
from .claims_fonts import BOLD, REGULAR, register

TITLE = ParagraphStyle("title", fontName=BOLD, fontSize=14, leading=18, spaceAfter=4)
SMALL = ParagraphStyle("small", fontName=REGULAR, fontSize=8.5, leading=11, textColor=colors.HexColor("#444444"))


def _name(persons: Mapping[int, Person], pid: int | None) -> str:
    if pid is None:
        return ""
    p = persons.get(pid)
    return p.display_name if p else f"n° {pid}"


def write_sign_in_pdf(path: str | Path, association: str, year: int, month: int, lines: Sequence[AttendanceLine],
                      persons: Mapping[int, Person]) -> Path:
    """One page per day with shifts: slot, planned person, arrival, departure, signature."""
    register()
    out = Path(path)
    by_day: dict[date, list[AttendanceLine]] = defaultdict(list)
    for ln in lines:
        by_day[ln.day].append(ln)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=f"Feuilles d'émargement {month:02d}/{year}", author=association)
    story: list[object] = []
    for i, d in enumerate(sorted(by_day)):
        if i:
            story.append(PageBreak())
        day_lines = sorted(by_day[d], key=lambda x: (x.start, x.role.value, x.template_code))
        version = max(ln.version for ln in day_lines)
        story += [Paragraph(f"Feuille d'émargement — {f.long_day(d)}", TITLE),
                  Paragraph(f"{association} · planning publié, version {version}", SMALL), Spacer(1, 5 * mm)]
        rows = [["Créneau", "Personne prévue", "Arrivée", "Départ", "Signature"]]
        for ln in day_lines:
            where = " (à distance)" if ln.presence is Presence.REMOTE else ""
            rows.append([f"{ln.template_code}\n{f.hm(ln.start)}–{f.hm(ln.end)}", f"{_name(persons, ln.person_id)}{where}\n"
                         f"{ln.role.label_fr}", "", "", ""])
        t = Table(rows, colWidths=[30 * mm, 62 * mm, 22 * mm, 22 * mm, 46 * mm], rowHeights=[8 * mm] + [11 * mm] * (len(rows) - 1),
                  repeatRows=1)
        t.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), REGULAR, 9.5), ("FONT", (0, 0), (-1, 0), BOLD, 9.5),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#555555")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf5")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]))
        story += [t, Spacer(1, 6 * mm),
                  Paragraph("Remplacement ou présence partielle : inscrire le nom du remplaçant et les heures réelles "
                            "sur la ligne du créneau. Visa du coordinateur : ____________________", SMALL)]
    if not story:
        story.append(Paragraph(f"Aucun créneau publié pour {month:02d}/{year}.", TITLE))
    doc.build(story)
    return out


def write_attendance_xlsx(path: str | Path, year: int, month: int, lines: Sequence[AttendanceLine],
                          persons: Mapping[int, Person]) -> Path:
    """The spreadsheet the coordinator fills; lines already recorded come pre-filled."""
    out = Path(path)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    ws.append(list(COLUMNS))
    for c in ws[1]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="E6EDF5")
    for ln in lines:
        recorded = ln.status is not AttendanceStatus.PLANNED
        replacing = _name(persons, ln.replaced_by) if ln.replaced_by else ln.replacement_name
        person = persons.get(ln.person_id)
        ws.append([ln.day, f.day(ln.day).split()[0], f.hm(ln.start), f.hm(ln.end), ln.template_code, ln.role.label_fr,
                   _name(persons, ln.person_id), person.rpps if person and person.rpps else "",
                   STATUS_LABELS_FR[ln.status] if recorded else "", replacing, f.hm(ln.actual_start),
                   f.hm(ln.actual_end), ln.note, ln.shift_uid])
    for row in ws.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "DD/MM/YYYY"
    dv = DataValidation(type="list", formula1='"' + ",".join(PRESENCE_CHOICES) + '"', allow_blank=True,
                        error="Choisir présent, absent, remplacé ou partiel", errorTitle="Présence")
    ws.add_data_validation(dv)
    presence_col = "ABCDEFGHIJKLMN"[COLUMNS.index("Présence")]
    dv.add(f"{presence_col}2:{presence_col}{max(2, len(lines) + 1)}")
    for letter, width in zip("ABCDEFGHIJKLMN", (12, 6, 7, 7, 10, 12, 24, 13, 11, 24, 8, 8, 24, 38)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    for c in ws["I"]:
        c.alignment = Alignment(horizontal="center")
    info = wb.create_sheet("Mode d'emploi")
    for text in (f"Présences de {month:02d}/{year}",
                 "Colonne « Présence » : présent, absent, remplacé ou partiel (vide = pas encore saisi).",
                 "Remplacé : nom du remplaçant tel qu'il figure dans l'annuaire (ou son RPPS) ; "
                 "une personne hors annuaire est notée mais n'apparaît sur aucun état.",
                 "Partiel (ou remplacement sur d'autres heures) : heures réelles d'arrivée et de départ (HH:MM).",
                 "Ne pas modifier la colonne « Identifiant du créneau ».",
                 "Puis : sas-roster attendance import FICHIER"):
        info.append([text])
    wb.save(out)
    return out
