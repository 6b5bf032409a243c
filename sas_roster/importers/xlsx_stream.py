"""A streaming reader of the cell values of one .xlsx sheet, row by row.

openpyxl builds a cell object with its style for every cell (13 s and 400 MB for a 20 000-row
members sheet on the reference machine, 10 s even in read-only mode); the importers need only
values. This reads the sheet's XML as a stream (expat through ElementTree), keeps the shared
strings and the date formats, and yields ``(row number, [values])`` for every row that holds
a value, up to the sheet's real last row — however many blank rows come before it.

A formula cell carries its last computed value (``<v>``) when Excel or LibreOffice saved
the file; a file written by a program that never computed it has a formula and no value:
those cells are reported (`FormulaWithoutValue`) instead of being taken as empty.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO
from xml.etree.ElementTree import Element, iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import from_excel

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ROW, _C, _V, _F, _IS, _T, _R = (f"{_NS}{n}" for n in ("row", "c", "v", "f", "is", "t", "r"))
_SHEET_DATA = f"{_NS}sheetData"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A formula cell saved without its computed value."""

    formula: str


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


class XlsxSheets:
    """The sheets of an open .xlsx file (a `zipfile.ZipFile`), by name, in workbook order."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        names = set(archive.namelist())
        workbook = _parse(archive, "xl/workbook.xml")
        rels = _parse(archive, "xl/_rels/workbook.xml.rels")
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL_NS}Relationship")}
        self.sheets: list[tuple[str, str]] = []
        for sheet in workbook.iter(f"{_NS}sheet"):
            target = targets.get(sheet.get(f"{_REL_NS}id"), "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            if path in names:
                self.sheets.append((sheet.get("name", ""), path))
        self.date1904 = any(p.get("date1904") in ("1", "true") for p in workbook.iter(f"{_NS}workbookPr"))
        self.shared = _shared_strings(archive) if "xl/sharedStrings.xml" in names else []
        self.date_styles = _date_styles(archive) if "xl/styles.xml" in names else set()

    def rows(self, path: str) -> Iterator[tuple[int, list[object]]]:
        """(row number, values) for each row of the sheet at `path` holding at least one value."""
        with self.archive.open(path) as fh:
            yield from self._rows(fh)

    def _rows(self, fh: IO[bytes]) -> Iterator[tuple[int, list[object]]]:
        last_row = 0
        sheet_data: Element | None = None
        for event, el in iterparse(fh, events=("start", "end")):
            if event == "start":
                if el.tag == _SHEET_DATA:
                    sheet_data = el
                continue
            if el.tag != _ROW:
                continue
            r = el.get("r")
            number = int(r) if r else last_row + 1
            last_row = number
            values: list[object] = []
            for position, c in enumerate(el.iter(_C)):
                ref = c.get("r")
                col = column_index(m.group(1)) if ref and (m := _CELL_REF.match(ref)) else position
                value = self._value(c)
                if value is None:
                    continue
                if col >= len(values):
                    values.extend([None] * (col + 1 - len(values)))
                values[col] = value
            if sheet_data is not None:
                sheet_data.clear()  # drop the row read (and the empty shells of earlier ones)
            else:
                el.clear()
            if values:
                yield number, values

    def _value(self, c: Element) -> object:
        kind = c.get("t", "n")
        v = c.find(_V)
        if kind == "inlineStr":
            node = c.find(_IS)
            return "".join(t.text or "" for t in node.iter(_T)) if node is not None else None
        if v is None or v.text is None:
            f = c.find(_F)
            if f is not None and (f.text or "").strip():
                return FormulaWithoutValue("=" + (f.text or "").strip())
            return None
        raw = v.text
        if kind == "s":
            return self.shared[int(raw)]
        if kind in ("str", "e"):
            return raw
        if kind == "b":
            return raw == "1"
        if kind == "d":
            return datetime.fromisoformat(raw)
        number = float(raw) if any(ch in raw for ch in ".eE") else int(raw)
        if int(c.get("s", "0")) in self.date_styles:
            return from_excel(number, epoch=_epoch(self.date1904))  # datetime, or time below 1
        return number


def _epoch(date1904: bool) -> datetime:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    return CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900


def _parse(archive: zipfile.ZipFile, path: str) -> Element:
    with archive.open(path) as fh:
        root: Element | None = None
        for _event, el in iterparse(fh, events=("end",)):
            root = el
        if root is None:
            raise ValueError(f"empty part {path}")
        return root


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    out: list[str] = []
    with archive.open("xl/sharedStrings.xml") as fh:
        for _event, el in iterparse(fh, events=("end",)):
            if el.tag == f"{_NS}si":
                # Plain (<t>) or rich text runs (<r><t>); phonetic hints (<rPh>) are not shown.
                parts = [child.text or "" for child in el if child.tag == _T]
                parts += [t.text or "" for r in el if r.tag == _R for t in r if t.tag == _T]
                out.append("".join(parts))
                el.clear()
    return out


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    styles = _parse(archive, "xl/styles.xml")
    custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "") for f in styles.iter(f"{_NS}numFmt")}
    dated: set[int] = set()
    xfs = styles.find(f"{_NS}cellXfs")
    if xfs is None:
        return dated
    for index, xf in enumerate(xfs.iter(f"{_NS}xf")):
        fmt_id = int(xf.get("numFmtId", "0"))
        code = custom.get(fmt_id) or BUILTIN_FORMATS.get(fmt_id, "General")
        if is_date_format(code):
            dated.add(index)
    return dated
