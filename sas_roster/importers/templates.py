"""Blank templates a coordinator fills in: XLSX (comfortable) or CSV (bare), French headers.

The XLSX template has the data sheet first (bold frozen header row, column widths, cell
formats, a comment on each header, drop-down lists for enumerated columns), an "Aide"
sheet explaining each column with an example row, and a hidden "Listes" sheet holding
the drop-down values (an in-formula list cannot hold "régulateur, effecteur").
"""

from __future__ import annotations

import csv
from pathlib import Path

from sas_roster.domain.errors import ValidationError

from sas_roster.domain.cells import neutralise, safe_cell, safe_row

from .columns import COLUMNS, Column, Fmt, ImportKind

_FORMATS = {Fmt.DATE: "DD/MM/YYYY", Fmt.TIME: "HH:MM", Fmt.DATETIME: "DD/MM/YYYY HH:MM", Fmt.NUMBER: "General"}
_TEXT_COLUMNS = {"RPPS", "Téléphone", "Secteur", "Période"}  # keep as text: no lost leading 0, no 1.0E10
_VALIDATED_ROWS = 2000
_HEADER_FILL = "DCE6F1"


def write_template(kind: ImportKind | str, path: str | Path) -> Path:
    """Write the blank template of `kind` to `path`; the format follows the extension (.xlsx, .csv)."""
    kind = ImportKind.parse(kind)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        _write_xlsx(kind, path)
    elif suffix == ".csv":
        _write_csv(kind, path)
    else:
        raise ValidationError(
            f"Extension « {suffix or 'aucune'} » non prise en charge pour un modèle : choisissez .xlsx ou .csv"
        )
    return path


def _write_csv(kind: ImportKind, path: Path) -> None:
    # UTF-8 with BOM and ';': what French Excel opens correctly with a double click.
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerow(safe_row(c.name for c in COLUMNS[kind]))


def _write_xlsx(kind: ImportKind, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    columns = COLUMNS[kind]
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook opens on its one worksheet
    sheet.title = kind.sheet_name
    lists = book.create_sheet("Listes")
    lists.sheet_state = "hidden"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=_HEADER_FILL)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index, value=neutralise(column.name))  # a header is text: safe_cell's str case
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.comment = Comment(_help_line(column), "sas-roster", width=300, height=110)
        dim = sheet.column_dimensions[letter]
        dim.width = max(column.width, len(column.name) * 0.9 if len(column.name) < 20 else 18)
        if column.name in _TEXT_COLUMNS:
            dim.number_format = "@"
        elif column.fmt in _FORMATS:
            dim.number_format = _FORMATS[column.fmt]
        if column.choices:
            _add_list(sheet, lists, index, column, DataValidation)
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 32
    _write_help(book.create_sheet("Aide", 1), kind, columns, bold, fill)
    book.active = 0
    book.save(path)


def _add_list(sheet, lists, index: int, column: Column, validation_type) -> None:
    from openpyxl.utils import get_column_letter

    list_letter = get_column_letter(index)
    for n, choice in enumerate(column.choices, start=1):
        lists.cell(row=n, column=index, value=safe_cell(choice))
    source = f"Listes!${list_letter}$1:${list_letter}${len(column.choices)}"
    # A warning, not a stop: the importer accepts variants ("Secteur 1", "régulateur; OSNP").
    dv = validation_type(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                         errorStyle="warning", errorTitle=column.name,
                         error=f"Valeur inhabituelle pour « {column.name} » : {', '.join(column.choices)}")
    letter = get_column_letter(index)
    dv.add(f"{letter}2:{letter}{_VALIDATED_ROWS}")
    sheet.add_data_validation(dv)


def _help_line(column: Column) -> str:
    required = "Obligatoire. " if column.required else ""
    example = f" Exemple : {column.example}" if column.example else ""
    return f"{required}{column.help}{example}"


def _write_help(help_sheet, kind: ImportKind, columns: tuple[Column, ...], bold, fill) -> None:
    help_sheet["A1"] = f"Modèle d'import : {kind.label_fr}"
    help_sheet["A1"].font = bold
    help_sheet["A2"] = (f"Remplissez la feuille « {kind.sheet_name} » à partir de la ligne 2, une ligne par "
                        "enregistrement, sans changer les en-têtes. Dates JJ/MM/AAAA, heures 8:00 ou 8h30. "
                        "Puis : sas-roster import " + kind.value + " FICHIER --dry-run pour vérifier sans rien écrire.")
    help_sheet["A3"] = ("L'import est tout ou rien : à la moindre erreur, rien n'est enregistré et chaque erreur "
                        "est listée avec sa ligne et sa colonne.")
    for col, title in enumerate(("Colonne", "Obligatoire", "Explication", "Exemple"), start=1):
        cell = help_sheet.cell(row=5, column=col, value=safe_cell(title))
        cell.font = bold
        cell.fill = fill
    for n, column in enumerate(columns, start=6):
        help_sheet.cell(row=n, column=1, value=safe_cell(column.name))
        help_sheet.cell(row=n, column=2, value=safe_cell("oui" if column.required else ""))
        help_sheet.cell(row=n, column=3, value=safe_cell(column.help))
        help_sheet.cell(row=n, column=4, value=safe_cell(column.example))
        if column.choices:
            help_sheet.cell(row=n, column=3, value=safe_cell(f"{column.help} Liste : {' / '.join(column.choices)}."))
    example_at = len(columns) + 8
    help_sheet.cell(row=example_at, column=1, value=safe_cell("Exemple de ligne remplie :")).font = bold
    for col, column in enumerate(columns, start=1):
        head = help_sheet.cell(row=example_at + 1, column=col, value=safe_cell(column.name))
        head.font = bold
        head.fill = fill
        help_sheet.cell(row=example_at + 2, column=col, value=safe_cell(column.example))
    widths = {"A": 34, "B": 12, "C": 80, "D": 26}
    for letter, width in widths.items():
        help_sheet.column_dimensions[letter].width = width
    help_sheet.freeze_panes = "A6"
