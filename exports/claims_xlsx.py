"""The treasurer's recap as a spreadsheet whose totals are formulas.

Sheet « Lignes »: one row per statement line (minutes, rate, minutes × rate). Sheet
« Récapitulatif »: one row per statement, hours and amount recomputed by formulas from the
lines (the amount is the sum of minutes × rate, divided by 60, rounded once to the cent, as
the statements are), and the grand total. Recalculated, they equal the computed totals.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from sas_roster.domain.claims import Statement

from .claims_pdf import SECTOR_FR

LINES = "Lignes"
RECAP = "Récapitulatif"
MONEY_FMT = '#,##0.00 "€"'


def write_recap_xlsx(path: str | Path, statements: Sequence[Statement], title: str) -> Path:
    out = Path(path)
    wb = Workbook()
    recap = wb.active
    assert recap is not None
    recap.title = RECAP
    lines = wb.create_sheet(LINES)
    lines.append(["N° état", "Bénéficiaire", "Date", "Objet", "Début", "Fin", "Minutes", "Taux horaire ou unitaire",
                  "Quantité", "Minutes × taux ou quantité × taux"])
    r = 2
    for st in statements:
        key = st.number or f"aperçu-{st.person_id}"
        for ln in st.lines:
            lines.append([key, st.person_name, ln.day, ln.label, ln.start.strftime("%H:%M") if ln.start else None,
                          ln.end.strftime("%H:%M") if ln.end else None, ln.minutes, ln.rate,
                          None if ln.minutes is not None else ln.quantity,
                          f"=G{r}*H{r}" if ln.minutes is not None else f"=I{r}*H{r}*60"])
            lines.cell(r, 3).number_format = "DD/MM/YYYY"
            r += 1
    last_line = max(2, r - 1)

    recap.append([title])
    recap["A1"].font = Font(bold=True, size=13)
    recap.append(["N° état", "Rectifie", "Bénéficiaire", "RPPS", "Secteur", "Payeur", "Cotisations prises en charge",
                  "Heures", "Montant"])
    for c in recap[2]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="E6EDF5")
    row = 3
    ref = f"{LINES}!$A$2:$A${last_line}"
    for st in statements:
        key = st.number or f"aperçu-{st.person_id}"
        recap.append([key, st.corrects or "", st.person_name, st.rpps or "", SECTOR_FR.get(st.sector, "") if st.sector else "",
                      st.payer_name, "oui" if st.contributions_covered else "non",
                      f"=SUMIF('{LINES}'!$A$2:$A${last_line},A{row},'{LINES}'!$G$2:$G${last_line})/60",
                      f"=ROUND(SUMIF('{LINES}'!$A$2:$A${last_line},A{row},'{LINES}'!$J$2:$J${last_line})/60,2)"])
        recap.cell(row, 8).number_format = "0.00"
        recap.cell(row, 9).number_format = MONEY_FMT
        row += 1
    del ref
    first, last = 3, max(3, row - 1)
    recap.append(["Total", "", f"{len(statements)} état(s)", "", "", "", "",
                  f"=SUM(H{first}:H{last})" if statements else 0, f"=SUM(I{first}:I{last})" if statements else 0])
    for c in recap[row]:
        c.font = Font(bold=True)
    recap.cell(row, 8).number_format = "0.00"
    recap.cell(row, 9).number_format = MONEY_FMT
    for letter, width in zip("ABCDEFGHI", (14, 12, 26, 14, 10, 40, 14, 10, 14)):
        recap.column_dimensions[letter].width = width
    wb.save(out)
    return out


def expected_total(statements: Sequence[Statement]) -> Decimal:
    return sum((st.total for st in statements), Decimal("0.00"))
