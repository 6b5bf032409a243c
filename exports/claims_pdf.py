"""Statements as PDF: one per person (regulation, indemnities, effector) and the treasurer's
recap. Totals are the statements' own (rounded once); line amounts are printed rounded."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from sas_roster.domain.claims import Statement, StatementKind
from sas_roster.domain.enums import Sector

from . import claims_format as f
from .claims_fonts import BOLD, REGULAR, register

TITLE = ParagraphStyle("t", fontName=BOLD, fontSize=14, leading=18)
SUB = ParagraphStyle("s", fontName=REGULAR, fontSize=9, leading=12, textColor=colors.HexColor("#444444"))
BODY = ParagraphStyle("b", fontName=REGULAR, fontSize=9.5, leading=13)
CELL = ParagraphStyle("c", fontName=REGULAR, fontSize=9, leading=11)
GRID = [("FONT", (0, 0), (-1, -1), REGULAR, 9), ("FONT", (0, 0), (-1, 0), BOLD, 9),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#777777")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf5")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
SECTOR_FR = {Sector.S1: "secteur 1", Sector.S2: "secteur 2", Sector.OPTAM: "OPTAM"}


def period_title(period: str) -> str:
    if "-Q" in period:
        y, q = period.split("-Q")
        return f"{q}{'er' if q == '1' else 'e'} trimestre {y}"
    y, m = period.split("-")
    return f.month_title(int(y), int(m))


def _number_line(st: Statement) -> str:
    number = f"n° {st.number}" if st.number else "NON NUMÉROTÉ (aperçu)"
    issued = f" — émis le {f.instant(st.issued_at)}" if st.issued_at else ""
    fix = f" — <b>rectificatif de l'état n° {st.corrects}</b>, qu'il annule et remplace" if st.corrects else ""
    return f"État {number}{issued}{fix}"


def _story(st: Statement, association: str) -> list[object]:
    story: list[object] = [Paragraph(f"{st.kind.label_fr} — {period_title(st.period)}", TITLE),
                           Paragraph(f"{association} · {_number_line(st)}", SUB), Spacer(1, 4 * mm)]
    who = [["Bénéficiaire", st.person_name], ["RPPS", st.rpps or "—"]]
    if st.kind is not StatementKind.EFFECTOR:
        who.append(["Secteur conventionnel", SECTOR_FR.get(st.sector, "—") if st.sector else "non renseigné"])
    if st.kind is StatementKind.REGULATION:
        who.append(["Cotisations sociales prises en charge", "oui (secteur 1)" if st.contributions_covered else "non"])
    who.append(["Payeur", st.payer_name])
    t = Table(who, colWidths=[72 * mm, 102 * mm])
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 9.5), ("FONT", (0, 0), (0, -1), BOLD, 9.5),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    story += [t, Spacer(1, 5 * mm)]
    timed = any(ln.minutes is not None for ln in st.lines)
    if timed:
        rows: list[list[object]] = [["Date", "Objet", "Début", "Fin", "Heures", "Taux", "Montant"]]
        for ln in st.lines:
            rows.append([f.day(ln.day) if ln.day else "", Paragraph(ln.label, CELL), f.hm(ln.start), f.hm(ln.end),
                         f.hours(ln.minutes or 0), f.rate(ln.rate), f.money(ln.amount)])
        rows.append(["Total", "", "", "", f.hours(st.total_minutes), "", f.money(st.total)])
        widths = [32 * mm, 34 * mm, 15 * mm, 15 * mm, 20 * mm, 27 * mm, 31 * mm]
    else:
        rows = [["Objet", "Quantité", "Montant unitaire", "Montant"]]
        for ln in st.lines:
            rows.append([Paragraph(ln.label, BODY), f"{ln.quantity:g}", f.money(ln.rate), f.money(ln.amount)])
        rows.append(["Total", "", "", f.money(st.total)])
        widths = [90 * mm, 22 * mm, 32 * mm, 30 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(GRID + [("FONT", (0, -1), (-1, -1), BOLD, 9.5), ("ALIGN", (-3, 1), (-1, -1), "RIGHT"),
                                      ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f3f3f3"))]))
    story += [table, Spacer(1, 3 * mm)]
    notes = ["Heures réelles (heure légale locale, changements d'heure compris) ; taux en vigueur à la date de "
             "chaque créneau. Total arrondi une seule fois, au centime le plus proche."] if timed else []
    if st.kind is StatementKind.REGULATION:
        notes.insert(0, "Établi d'après les présences confirmées par le trésorier (et non d'après le planning).")
    if st.note:
        notes.append(st.note)
    story += [Paragraph(n, SUB) for n in notes]
    signer = "Le médecin" if st.kind is not StatementKind.EFFECTOR else "Pour information du médecin"
    sign = Table([[f"{signer}\n(date et signature)", "Le trésorier de l'association\n(certifié conforme, date et signature)"],
                  ["\n\n\n\n", "\n\n\n\n"]], colWidths=[87 * mm, 87 * mm])
    sign.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 9.5), ("BOX", (0, 1), (0, 1), 0.4, colors.grey),
                              ("BOX", (1, 1), (1, 1), 0.4, colors.grey)]))
    story += [Spacer(1, 8 * mm), KeepTogether([sign])]
    return story


def write_statement_pdf(path: str | Path, st: Statement, association: str) -> Path:
    register()
    out = Path(path)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=f"{st.kind.label_fr} {st.period} {st.number or ''}".strip(),
                            author=association)
    doc.build(_story(st, association))
    return out


def write_recap_pdf(path: str | Path, statements: Sequence[Statement], title: str, association: str) -> Path:
    """The treasurer's recap: one row per statement, the grand total (sum of the statements)."""
    register()
    out = Path(path)
    doc = SimpleDocTemplate(str(out), pagesize=landscape(A4), leftMargin=14 * mm, rightMargin=14 * mm,
                            topMargin=14 * mm, bottomMargin=14 * mm, title=title, author=association)
    rows = [["N° état", "Rectifie", "Bénéficiaire", "RPPS", "Secteur", "Payeur", "Heures", "Montant"]]
    for st in statements:
        rows.append([st.number or "—", st.corrects or "", st.person_name, st.rpps or "",
                     SECTOR_FR.get(st.sector, "") if st.sector else "", st.payer_name,
                     f.hours(st.total_minutes) if st.total_minutes else "", f.money(st.total)])
    total = sum((st.total for st in statements), Decimal("0.00"))
    minutes = sum(st.total_minutes for st in statements)
    rows.append(["Total", "", f"{len(statements)} état(s)", "", "", "", f.hours(minutes) if minutes else "", f.money(total)])
    table = Table(rows, repeatRows=1, colWidths=[24 * mm, 24 * mm, 48 * mm, 26 * mm, 18 * mm, 82 * mm, 18 * mm, 28 * mm])
    table.setStyle(TableStyle(GRID + [("FONT", (0, -1), (-1, -1), BOLD, 9), ("ALIGN", (-2, 1), (-1, -1), "RIGHT")]))
    doc.build([Paragraph(title, TITLE), Paragraph(association, SUB), Spacer(1, 5 * mm), table])
    return out
