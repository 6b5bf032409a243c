"""Text that is safe in a spreadsheet cell: no formula, no control character.

A text starting with ``=``, ``+``, ``-`` or ``@`` is run as a formula by Excel and LibreOffice
when a CSV is opened (``=HYPERLINK("http://…", "cliquez")``, ``@SUM(…)``): "CSV injection".
`neutralise` keeps such a text as text by putting an apostrophe before it (what a user types
in Excel to enter text that looks like a formula), and removes control characters (they
break exported files and hide text on screen). Signed numbers and phone numbers
(``+33 6 12 34 56 78``, ``-3``) are left alone.

Used on every text cell read by the importers, and by every XLSX/CSV writer of the app
(`safe_cell`, `safe_row`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SIGNED_NUMBER = re.compile(r"[+-][\d\s.,()/]*")


def neutralise(text: str) -> str:
    """`text` without control characters, and kept as text if it would run as a formula."""
    cleaned = _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    stripped = cleaned.lstrip()
    if stripped.startswith(FORMULA_START) and not _SIGNED_NUMBER.fullmatch(stripped.rstrip()):
        return "'" + stripped
    return cleaned


def safe_cell(value: object) -> object:
    """A value ready for an XLSX or CSV cell: texts neutralised, other values unchanged."""
    return neutralise(value) if isinstance(value, str) else value


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_cell(v) for v in values]
