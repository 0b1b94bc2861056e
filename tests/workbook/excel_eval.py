"""A small evaluator of the formulas xlperf writes, with Excel's semantics, for tests.

There is no Excel here, and LibreOffice 7.4 knows neither FILTER nor the XP_ functions; so
to prove that the workbook's formulas compute what the batch computes, this module evaluates
them: the operators and the worksheet functions the template uses (IF, IFERROR, INDEX,
MATCH, ROW, COUNTIF(S), SUMIFS, SUM, FILTER, ISBLANK, ISNUMBER, OR, TRIM, DATE, TEXTJOIN,
CHAR, and for the Plans check CHOOSE, MMULT, TRANSPOSE, N), structured references
(``tblX[Col]``, ``tblX[[#This Row],[Col]]``, ``tblX[[A]:[B]]``), defined names,
whole-column and cross-sheet references, and every ``XP_`` function, called from
:mod:`xlperf.udfs` with the values xlwings hands a UDF (a single cell as its value, a range
as rows of values, an empty cell as None).

Excel's rules kept: an empty cell is 0 in arithmetic and "" in text and comparisons; FILTER
returns 0 for an empty cell and ``#CALC!`` when nothing matches; text compares without case;
an error inside an array stays that element's value (IFERROR replaces it element by
element); a date joined to text is its serial number ("<="&date); COUNTIFS takes arrays of
criteria; CHOOSE with a row of indexes lays its choices side by side; a single-cell array
formula shows the first value of the array.

    book = Workbook("demo.xlsx")
    book.value("Results", "K5")   # "S"
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import re
import warnings
from collections.abc import Callable
from typing import Any

import openpyxl
from openpyxl.formula.tokenizer import Token, Tokenizer
from openpyxl.utils import column_index_from_string, range_boundaries

import xlperf.udfs as udfs

OMITTED = object()  # an argument left out of a call: XP_X(a,,b)


def call_directly(name: str, values: list) -> Any:
    """Call ``xlperf.udfs.<name>`` with the values as they are (single cells as values,
    ranges and arrays as rows of values, empty cells as None)."""
    return getattr(udfs, name)(*values)


class XlError(str):
    """An Excel error value (#N/A, #REF!, #CALC! …)."""


NA, REF, CALC, VALUE = XlError("#N/A"), XlError("#REF!"), XlError("#CALC!"), XlError("#VALUE!")


@dataclasses.dataclass(frozen=True)
class Ref:
    """A rectangle of cells (1-based, inclusive)."""

    sheet: str
    r1: int
    c1: int
    r2: int
    c2: int

    @property
    def single(self) -> bool:
        return self.r1 == self.r2 and self.c1 == self.c2


Grid = list[list[Any]]


def _grid(value: Any) -> Grid:
    return value if isinstance(value, list) else [[value]]


def _scalar(value: Any) -> Any:
    return value[0][0] if isinstance(value, list) else value


def _broadcast(f: Callable[..., Any], *args: Any) -> Any:
    """Apply ``f`` element by element, arrays broadcast against scalars and single rows or
    columns, as Excel's array arithmetic does."""
    if not any(isinstance(a, list) for a in args):
        return f(*args)
    grids = [_grid(a) for a in args]
    rows = max(len(g) for g in grids)
    cols = max(len(g[0]) for g in grids)

    def at(g: Grid, r: int, c: int) -> Any:
        return g[r if len(g) > 1 else 0][c if len(g[0]) > 1 else 0]

    def element(r: int, c: int) -> Any:
        try:
            return f(*(at(g, r, c) for g in grids))
        except _Raised as raised:  # in an array, an error is one element's value
            return raised.error

    return [[element(r, c) for c in range(cols)] for r in range(rows)]


def _number(value: Any) -> float:
    if isinstance(value, XlError):
        raise _Raised(value)
    if value is None or value == "":
        return 0.0
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dt.datetime | dt.date):
        return float((dt.datetime(value.year, value.month, value.day) -
                      dt.datetime(1899, 12, 30)).days)
    try:
        return float(str(value))
    except ValueError:
        raise _Raised(VALUE) from None


def _text(value: Any) -> str:
    if isinstance(value, XlError):
        raise _Raised(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.date):  # a date joined to text is its serial number
        return _text(_number(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _key(value: Any) -> tuple[int, Any]:
    """Comparison key: numbers < text < logicals, text without case, blank as "" or 0."""
    if isinstance(value, bool):
        return (2, value)
    if isinstance(value, int | float | dt.date):
        return (0, _number(value))
    return (1, _text(value).lower())


def _compare(op: str, a: Any, b: Any) -> bool:
    for v in (a, b):
        if isinstance(v, XlError):
            raise _Raised(v)
    if a is None:
        a = 0.0 if isinstance(b, int | float) and not isinstance(b, bool) else ""
    if b is None:
        b = 0.0 if isinstance(a, int | float) and not isinstance(a, bool) else ""
    ka, kb = _key(a), _key(b)
    return {"=": ka == kb, "<>": ka != kb, "<": ka < kb, ">": ka > kb, "<=": ka <= kb,
            ">=": ka >= kb}[op]


class _Raised(Exception):
    """An Excel error travelling up to the nearest IFERROR (or the cell)."""

    def __init__(self, error: XlError) -> None:
        super().__init__(error)
        self.error = error


# --------------------------------------------------------------------------- parsing

def _parse(formula: str) -> Any:
    tokens = [t for t in Tokenizer(formula).items if t.type != Token.WSPACE]
    node, end = _expr(tokens, 0)
    assert end == len(tokens), formula
    return node


_LEVELS = [{"=", "<>", "<", ">", "<=", ">="}, {"&"}, {"+", "-"}, {"*", "/"}]


def _expr(tokens: list, i: int, level: int = 0) -> tuple[Any, int]:
    if level == len(_LEVELS):
        return _unary(tokens, i)
    left, i = _expr(tokens, i, level + 1)
    while (i < len(tokens) and tokens[i].type == Token.OP_IN
           and tokens[i].value in _LEVELS[level]):
        op = tokens[i].value
        right, i = _expr(tokens, i + 1, level + 1)
        left = ("op", op, left, right)
    return left, i


def _unary(tokens: list, i: int) -> tuple[Any, int]:
    if tokens[i].type == Token.OP_PRE:
        sign = tokens[i].value
        operand, i = _unary(tokens, i + 1)
        return (("neg", operand) if sign == "-" else operand), i
    node, i = _primary(tokens, i)
    while i < len(tokens) and tokens[i].type == Token.FUNC and tokens[i].value.startswith(":"):
        right, i = _call(tokens, i, tokens[i].value[1:])
        node = ("range", node, right)
    return node, i


def _call(tokens: list, i: int, opening: str) -> tuple[Any, int]:
    name = opening[:-1].upper().replace("_XLFN._XLWS.", "").replace("_XLFN.", "")
    i += 1
    args: list[Any] = []
    if tokens[i].type == Token.FUNC and tokens[i].subtype == Token.CLOSE:
        return ("call", name, args), i + 1
    while True:
        if tokens[i].type == Token.SEP or (tokens[i].type == Token.FUNC
                                           and tokens[i].subtype == Token.CLOSE):
            args.append(("omitted",))
        else:
            arg, i = _expr(tokens, i)
            args.append(arg)
        if tokens[i].type == Token.FUNC and tokens[i].subtype == Token.CLOSE:
            return ("call", name, args), i + 1
        assert tokens[i].type == Token.SEP, tokens[i].value
        i += 1


def _primary(tokens: list, i: int) -> tuple[Any, int]:
    token = tokens[i]
    if token.type == Token.FUNC and token.subtype == Token.OPEN:
        return _call(tokens, i, token.value)
    if token.type == Token.PAREN:
        node, i = _expr(tokens, i + 1)
        assert tokens[i].type == Token.PAREN
        return node, i + 1
    if token.type == Token.ARRAY:
        rows, row, i = [], [], i + 1
        while tokens[i].type != Token.ARRAY:
            if tokens[i].type == Token.SEP:
                if tokens[i].subtype == Token.ROW:
                    rows.append(row)
                    row = []
                i += 1
                continue
            row.append(_literal(tokens[i]))
            i += 1
        rows.append(row)
        return ("const", rows), i + 1
    if token.subtype == Token.RANGE:
        return ("ref", token.value), i + 1
    return ("const", _literal(token)), i + 1


def _literal(token: Token) -> Any:
    if token.subtype == Token.TEXT:
        return token.value[1:-1].replace('""', '"')
    if token.subtype == Token.NUMBER:
        return float(token.value)
    if token.subtype == Token.LOGICAL:
        return token.value.upper() == "TRUE"
    return XlError(token.value)


# --------------------------------------------------------------------------- the workbook

@dataclasses.dataclass
class _Table:
    sheet: str
    first_data_row: int
    last_row: int
    first_col: int
    columns: dict[str, int]  # header -> column index


class Workbook:
    """A workbook whose formula cells can be evaluated (``value(sheet, cell)``)."""

    def __init__(self, path: Any, call: Callable[[str, list], Any] = call_directly) -> None:
        self.call = call
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.wb = openpyxl.load_workbook(path)
        self.tables: dict[str, _Table] = {}
        for ws in self.wb.worksheets:
            for table in ws.tables.values():
                c1, r1, _c2, r2 = range_boundaries(table.ref)
                self.tables[table.name.lower()] = _Table(
                    ws.title, r1 + 1, r2, c1,
                    {col.name.lower(): c1 + i for i, col in enumerate(table.tableColumns)})
        self.names = {name.lower(): d.attr_text for name, d in self.wb.defined_names.items()}
        self._memo: dict[tuple[str, int, int], Any] = {}
        self._parsed: dict[str, Any] = {}

    # cells
    def value(self, sheet: str, cell: str) -> Any:
        """The value of a cell as Excel shows it (a formula evaluated)."""
        col, row = re.match(r"([A-Z]+)(\d+)", cell).groups()
        return self._cell(sheet, int(row), column_index_from_string(col))

    def _cell(self, sheet: str, row: int, col: int) -> Any:
        key = (sheet, row, col)
        if key in self._memo:
            return self._memo[key]
        raw = self.wb[sheet].cell(row, col).value
        text = getattr(raw, "text", raw)
        if isinstance(text, str) and text.startswith("="):
            self._memo[key] = NA  # a circular reference shows as an error
            formula = self._parsed.get(text)
            if formula is None:
                formula = self._parsed[text] = _parse(text)
            try:
                result = _scalar(self._deref(self._eval(formula, (sheet, row, col))))
            except _Raised as raised:
                result = raised.error
            value = "" if result is None else result
        else:
            value = raw
        self._memo[key] = value
        return value

    def _deref(self, value: Any) -> Any:
        if isinstance(value, Ref):
            if value.single:
                return self._cell(value.sheet, value.r1, value.c1)
            return [[self._cell(value.sheet, r, c) for c in range(value.c1, value.c2 + 1)]
                    for r in range(value.r1, value.r2 + 1)]
        return value

    # references
    def _ref(self, text: str, here: tuple[str, int, int]) -> Ref:
        sheet = here[0]
        match = re.fullmatch(r"(\w+)\[(.*)\]", text)
        if match and match.group(1).lower() in self.tables:
            return self._structured(self.tables[match.group(1).lower()], match.group(2), here)
        if text.lower() in self.names:
            text = self.names[text.lower()]
        if "!" in text:
            sheet, text = text.rsplit("!", 1)
            sheet = sheet.strip("'")
        text = text.replace("$", "")
        if re.fullmatch(r"[A-Z]+:[A-Z]+", text):
            a, b = text.split(":")
            last = self.wb[sheet].max_row
            return Ref(sheet, 1, column_index_from_string(a), last, column_index_from_string(b))
        c1, r1, c2, r2 = range_boundaries(text)
        return Ref(sheet, r1, c1, r2, c2)

    def _structured(self, table: _Table, spec: str, here: tuple[str, int, int]) -> Ref:
        parts = re.findall(r"\[([^\]]*)\]", spec) if spec.startswith("[") else [spec]
        rows = (table.first_data_row, table.last_row)
        if parts and parts[0].lower() == "#this row":
            rows = (here[1], here[1])
            parts = parts[1:]
        columns = [table.columns[p.lower()] for p in parts]
        return Ref(table.sheet, rows[0], min(columns), rows[1], max(columns))

    # evaluation
    def _eval(self, node: Any, here: tuple[str, int, int]) -> Any:
        kind = node[0]
        if kind == "const":
            return node[1]
        if kind == "ref":
            return self._ref(node[1], here)
        if kind == "neg":
            return _broadcast(lambda v: -_number(v), self._value(node[1], here))
        if kind == "range":
            a, b = self._eval(node[1], here), self._eval(node[2], here)
            return Ref(a.sheet, min(a.r1, b.r1), min(a.c1, b.c1), max(a.r2, b.r2),
                       max(a.c2, b.c2))
        if kind == "op":
            return self._operator(node[1], self._value(node[2], here),
                                  self._value(node[3], here))
        if kind == "call":
            return self._function(node[1], node[2], here)
        raise AssertionError(node)

    def _value(self, node: Any, here: tuple[str, int, int]) -> Any:
        return self._deref(self._eval(node, here))

    @staticmethod
    def _operator(op: str, a: Any, b: Any) -> Any:
        if op == "&":
            return _broadcast(lambda x, y: _text(x) + _text(y), a, b)
        if op in ("+", "-", "*", "/"):
            def arithmetic(x: Any, y: Any) -> Any:
                x, y = _number(x), _number(y)
                if op == "/" and y == 0:
                    return XlError("#DIV/0!")
                return {"+": x + y, "-": x - y, "*": x * y, "/": x / y if y else 0}[op]
            return _broadcast(arithmetic, a, b)
        return _broadcast(lambda x, y: _compare(op, x, y), a, b)

    def _function(self, name: str, args: list, here: tuple[str, int, int]) -> Any:
        special = {"IF": self._if, "IFERROR": self._iferror, "INDEX": self._index,
                   "ROW": lambda a, h: float(h[1]), "ISBLANK": self._isblank,
                   "ISNUMBER": self._isnumber}
        if name in special:
            return special[name](args, here)
        values = [OMITTED if a[0] == "omitted" else self._value(a, here) for a in args]
        if name.startswith("XP_"):
            return self._xp(name, values)
        return getattr(self, f"_fn_{name.lower()}")(*values)

    def _if(self, args: list, here: tuple[str, int, int]) -> Any:
        condition = self._value(args[0], here)
        if isinstance(condition, list):
            branches = [self._value(a, here) if len(args) > i else False
                        for i, a in enumerate(args[1:3], start=1)]
            while len(branches) < 2:
                branches.append(False)
            return _broadcast(lambda c, a, b: a if _truth(c) else b, condition, *branches)
        branch = 1 if _truth(condition) else 2
        if branch >= len(args):
            return False
        return self._eval(args[branch], here)

    def _iferror(self, args: list, here: tuple[str, int, int]) -> Any:
        try:
            value = self._value(args[0], here)
        except _Raised:
            return self._value(args[1], here)
        if isinstance(value, XlError):
            return self._value(args[1], here)
        if isinstance(value, list):
            alternative = self._value(args[1], here)
            return _broadcast(lambda v, alt: alt if isinstance(v, XlError) else v, value,
                              alternative)
        return value

    def _isblank(self, args: list, here: tuple[str, int, int]) -> Any:
        target = self._eval(args[0], here)
        return self._deref(target) is None if isinstance(target, Ref) else False

    def _isnumber(self, args: list, here: tuple[str, int, int]) -> Any:
        try:
            value = self._value(args[0], here)
        except _Raised:
            return False  # ISNUMBER(#N/A) is FALSE
        return _broadcast(lambda v: isinstance(v, int | float) and not isinstance(v, bool),
                          value)

    def _index(self, args: list, here: tuple[str, int, int]) -> Any:
        target = self._eval(args[0], here)
        row = int(_number(self._value(args[1], here)))
        col = int(_number(self._value(args[2], here))) if len(args) > 2 else 1
        if isinstance(target, Ref):
            height, width = target.r2 - target.r1 + 1, target.c2 - target.c1 + 1
            if width == 1 and len(args) == 2:
                col = 1
            if row > height or col > width or row < 0 or col < 0:
                raise _Raised(REF)
            r1, r2 = (target.r1, target.r2) if row == 0 else (target.r1 + row - 1,) * 2
            c1, c2 = (target.c1, target.c2) if col == 0 else (target.c1 + col - 1,) * 2
            return Ref(target.sheet, r1, c1, r2, c2)
        grid = _grid(target)
        if len(grid[0]) == 1 and len(args) == 2:
            col = 1
        if not (0 < row <= len(grid) and 0 < col <= len(grid[0])):
            raise _Raised(REF)
        return grid[row - 1][col - 1]

    def _xp(self, name: str, values: list) -> Any:
        while values and values[-1] is OMITTED:
            values.pop()  # an omitted trailing argument takes its default
        for value in values:
            if isinstance(value, XlError):
                raise _Raised(value)  # Excel never calls a UDF with an error in a cell arg
        result = self.call(name, [None if v is OMITTED else v for v in values])
        if isinstance(result, list | tuple) and len(result) == 1 and len(result[0]) == 1:
            return result[0][0]
        if isinstance(result, tuple):
            return [list(row) for row in result]
        return result

    # plain worksheet functions (arguments already values)
    @staticmethod
    def _fn_sum(*values: Any) -> float:
        return sum(_number(v) for value in values for row in _grid(value) for v in row
                   if isinstance(v, int | float) and not isinstance(v, bool))

    @staticmethod
    def _fn_or(*values: Any) -> bool:
        return any(_truth(v) for value in values for row in _grid(value) for v in row)

    @staticmethod
    def _fn_trim(value: Any) -> str:
        return " ".join(_text(value).split(" ")).strip() if value is not None else ""

    @staticmethod
    def _fn_char(value: Any) -> str:
        return chr(int(_number(value)))


    @staticmethod
    def _fn_date(year: Any, month: Any, day: Any) -> float:
        return _number(dt.date(int(_number(year)), int(_number(month)), int(_number(day))))

    @staticmethod
    def _fn_match(value: Any, within: Any, kind: Any = 1.0) -> float:
        assert _number(kind) == 0, "only exact MATCH is used"
        cells = [v for row in _grid(within) for v in row]
        for i, cell in enumerate(cells, start=1):
            if cell is not None and cell != "" and _compare("=", cell, value):
                return float(i)
        raise _Raised(NA)

    @staticmethod
    def _fn_filter(array: Any, include: Any, if_empty: Any = None) -> Any:
        rows, flags = _grid(array), _grid(include)
        kept = [[0.0 if v is None else v for v in row]
                for row, flag in zip(rows, flags, strict=True) if _truth(flag[0])]
        if kept:
            return kept
        if if_empty is not None:
            return if_empty
        raise _Raised(CALC)

    @staticmethod
    def _fn_textjoin(delimiter: Any, ignore_empty: Any, *values: Any) -> str:
        items = [_text(v) for value in values for row in _grid(value) for v in row]
        if _truth(ignore_empty):
            items = [i for i in items if i != ""]
        return _text(delimiter).join(items)

    def _fn_countif(self, cells: Any, criterion: Any) -> float:
        return self._fn_countifs(cells, criterion)

    @staticmethod
    def _fn_countifs(*pairs: Any) -> Any:
        return _counts(pairs)

    @staticmethod
    def _fn_n(value: Any) -> float:
        return value if isinstance(value, float) else (
            float(value) if isinstance(value, bool | int) else 0.0)

    @staticmethod
    def _fn_transpose(value: Any) -> Grid:
        grid = _grid(value)
        return [list(column) for column in zip(*grid, strict=True)]

    @staticmethod
    def _fn_mmult(a: Any, b: Any) -> Grid:
        a, b = _grid(a), _grid(b)
        assert len(a[0]) == len(b), "MMULT: columns of the first ≠ rows of the second"
        return [[sum(_number(x) * _number(y) for x, y in zip(row, column, strict=True))
                 for column in zip(*b, strict=True)] for row in a]

    @staticmethod
    def _fn_choose(index: Any, *choices: Any) -> Any:
        """CHOOSE({1,2,3,4}, a, b, c, d) lays the choices side by side (each broadcast)."""
        picks = _grid(index)
        if not isinstance(index, list):
            return choices[int(_number(index)) - 1]
        assert len(picks) == 1, "CHOOSE with a row of indexes only"
        height = max(len(_grid(c)) for c in choices)
        columns = [_broadcast(lambda v, _: v, choices[int(_number(k)) - 1],
                              [[0]] * height) for k in picks[0]]
        return [[column[r][0] for column in columns] for r in range(height)]

    @staticmethod
    def _fn_sumifs(values: Any, *pairs: Any) -> float:
        cells = [v for row in _grid(values) for v in row]
        return sum(_number(v) for v, ok in zip(cells, _criteria(pairs), strict=True)
                   if ok and isinstance(v, int | float) and not isinstance(v, bool))


def _truth(value: Any) -> bool:
    if isinstance(value, XlError):
        raise _Raised(value)
    if isinstance(value, str):
        if value.upper() in ("TRUE", "FALSE"):
            return value.upper() == "TRUE"
        raise _Raised(VALUE)
    return bool(value)


def _matches(cell: Any, criterion: Any) -> bool:
    if isinstance(criterion, str):
        match = re.fullmatch(r"(<>|<=|>=|<|>|=)(.*)", criterion, re.S)
        if match:
            op, operand = match.groups()
            if op == "<>" and operand == "":
                return cell is not None and cell != ""
            with contextlib.suppress(ValueError):
                operand = float(operand)
            if cell is None:
                return False
            return _compare(op, cell, operand)
    if cell is None or cell == "":
        return False
    return _compare("=", cell, criterion)


def _criteria(pairs: tuple) -> list[bool]:
    ranges = [[v for row in _grid(pairs[i]) for v in row] for i in range(0, len(pairs), 2)]
    criteria = [pairs[i] for i in range(1, len(pairs), 2)]
    return [all(_matches(r[k], c) for r, c in zip(ranges, criteria, strict=True))
            for k in range(len(ranges[0]))]


def _counts(pairs: tuple) -> Any:
    """COUNTIFS, its criteria given as arrays too: one count per criteria element."""
    criteria = [pairs[i] for i in range(1, len(pairs), 2)]
    if not any(isinstance(c, list) for c in criteria):
        return float(sum(_criteria(pairs)))

    def count(*chosen: Any) -> float:
        given = list(pairs)
        given[1::2] = chosen
        return float(sum(_criteria(tuple(given))))

    return _broadcast(count, *criteria)
