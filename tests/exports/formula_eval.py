"""A small spreadsheet formula evaluator for the recap's formulas (cell and range references,
other sheets, + - * /, SUM, SUMIF, ROUND), in Decimal like a spreadsheet's 15 significant
digits would give for these sizes. Recalculating the workbook independently of the code that
computed the totals is the point: no value is taken from the exporter's own numbers."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from openpyxl.utils import column_index_from_string

TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<ref>(?:'[^']+'!|[A-Za-z]+!)?\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)"
                   r"|(?P<fn>[A-Z]+)\(|(?P<op>[-+*/(),]))")


class Evaluator:
    def __init__(self, workbook) -> None:
        self.wb = workbook

    def value(self, sheet: str, coord: str):
        v = self.wb[sheet][coord].value
        if isinstance(v, str) and v.startswith("="):
            return self.formula(sheet, v[1:])
        return v

    def _cells(self, sheet: str, ref: str):
        if "!" in ref:
            sheet, ref = ref.rsplit("!", 1)
            sheet = sheet.strip("'")
        ref = ref.replace("$", "")
        if ":" not in ref:
            return [self.value(sheet, ref)]
        a, b = ref.split(":")
        ca, ra = re.match(r"([A-Z]+)(\d+)", a).groups()
        cb, rb = re.match(r"([A-Z]+)(\d+)", b).groups()
        ws = self.wb[sheet]
        out = []
        for r in range(int(ra), int(rb) + 1):
            for c in range(column_index_from_string(ca), column_index_from_string(cb) + 1):
                out.append(self.value(sheet, ws.cell(r, c).coordinate))
        return out

    def formula(self, sheet: str, text: str):
        tokens = [m for m in TOKEN.finditer(text)]
        assert "".join(m.group(0) for m in tokens).replace(" ", "") == text.replace(" ", ""), text
        saved = getattr(self, "_t", None), getattr(self, "_i", 0), getattr(self, "_sheet", None)
        self._t, self._i, self._sheet = [(m.lastgroup, m.group(m.lastgroup)) for m in tokens], 0, sheet
        try:
            v = self._expr()
            assert self._i == len(self._t), text
            return v
        finally:  # a referenced cell's formula is evaluated in the middle of this one
            self._t, self._i, self._sheet = saved

    def _peek(self):
        return self._t[self._i] if self._i < len(self._t) else (None, None)

    def _take(self):
        self._i += 1
        return self._t[self._i - 1]

    def _expr(self):
        v = self._term()
        while self._peek()[1] in ("+", "-"):
            op = self._take()[1]
            w = self._term()
            v = v + w if op == "+" else v - w
        return v

    def _term(self):
        v = self._atom()
        while self._peek()[1] in ("*", "/"):
            op = self._take()[1]
            w = self._atom()
            v = v * w if op == "*" else v / w
        return v

    def _args(self):
        args = []
        while True:
            kind, tok = self._peek()
            after = self._t[self._i + 1][1] if self._i + 1 < len(self._t) else None
            if kind == "ref" and (":" in tok or after in (",", ")")):
                self._take()
                cells = self._cells(self._sheet, tok)
                args.append(cells if ":" in tok else cells[0])  # a range, or a raw value (criterion)
            else:
                args.append(self._expr())
            if self._take()[1] == ")":
                return args

    def _atom(self):
        kind, tok = self._take()
        if kind == "num":
            return Decimal(tok)
        if kind == "ref":
            return _num(self._cells(self._sheet, tok)[0])
        if tok == "(":
            v = self._expr()
            assert self._take()[1] == ")"
            return v
        if tok == "-":
            return -self._atom()
        if kind == "fn":
            args = self._args()
            if tok == "SUM":
                return sum((_num(x) for a in args for x in (a if isinstance(a, list) else [a])), Decimal(0))
            if tok == "ROUND":
                return _num(args[0]).quantize(Decimal(1).scaleb(-int(_num(args[1]))), rounding=ROUND_HALF_UP)
            if tok == "SUMIF":
                crit = args[1][0] if isinstance(args[1], list) else args[1]
                return sum((_num(v) for k, v in zip(args[0], args[2]) if k == crit), Decimal(0))
        raise AssertionError(f"unsupported token {tok}")


def _num(v) -> Decimal:
    if v is None or v == "":
        return Decimal(0)
    return v if isinstance(v, Decimal) else Decimal(str(v))
