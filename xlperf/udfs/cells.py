"""Excel-shaped values: what an XP_ function receives from a cell and what it gives back.

Every argument of an XP_ function is declared to xlwings as ``ndim=2, err_to_str=True``
(see :mod:`xlperf.udfs.registry`): a range arrives as a list of rows, a single cell as
``[[value]]``, an empty cell as ``None`` and an error cell as its code (``"#N/A"``). Called
directly from Python the functions take plain scalars and nested lists as well, so the
helpers here accept every shape:

- :func:`each` applies a rule cell by cell: ranges in, an array of the broadcast shape out,
  a single cell when every argument is one; a blank input gives a blank result.
- :func:`values` reads a list argument (scores, ratings, a grade history);
  :func:`pairs` a 2-column table argument (a grade table, a curve).
- An input that already holds an ``#XP!`` error is passed on unchanged; an Excel error in an
  input becomes ``#XP! <argument> is #N/A``.
- :func:`day` reads a date argument (a datetime from desktop Excel, a serial number from
  xlwings Lite, or text); :func:`each_row` applies a rule whose result is a row of cells.
- The full detail of an error goes to the ``xlperf.udfs`` log: to the file the environment
  variable ``XLPERF_UDF_LOG`` names (:func:`log_to_file`, at import), else to standard error
  through Python's last-resort handler (the console of xlwings' "Show Console").

No business rule lives here: the rules are the core's (:mod:`xlperf.rules`).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
from collections.abc import Callable, Sequence
from decimal import Decimal

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.china.legal import as_date as serial_date
from xlperf.rules.incentives.dates import as_date
from xlperf.rules.inputs import is_blank

log = logging.getLogger("xlperf.udfs")
LOG_VARIABLE = "XLPERF_UDF_LOG"  # names a file for the log's detail; unset: no file I/O
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

ERROR_PREFIX = "#XP!"
MAX_MESSAGE = 160  # characters of message after the prefix: readable in a cell

EXCEL_ERRORS = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
    "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
    "#PYTHON!",
})
# pywin32 hands an error cell over as the integer 0x800A0000 + Excel's CVErr number; xlwings
# turns only the first seven into text, so #SPILL!, #CALC!, … arrive as these integers.
COM_ERROR_BASE = -0x7FF60000  # 0x800A0000 as a signed 32-bit integer
XL_ERROR_NUMBERS = {
    2000: "#NULL!", 2007: "#DIV/0!", 2015: "#VALUE!", 2023: "#REF!", 2029: "#NAME?",
    2036: "#NUM!", 2042: "#N/A", 2043: "#GETTING_DATA", 2045: "#SPILL!", 2046: "#CONNECT!",
    2047: "#BLOCKED!", 2048: "#UNKNOWN!", 2049: "#FIELD!", 2050: "#CALC!",
}
INTERNAL_ERROR = f"{ERROR_PREFIX} internal error in xlperf (details in the xlperf.udfs log)"

Grid = list[list[object]]


def log_to_file(path: str | None = None) -> logging.Handler | None:
    """Send the ``xlperf.udfs`` log to ``path`` (default: the file ``XLPERF_UDF_LOG`` names).

    Appends in UTF-8; a file already receiving the log is not added twice (xlwings reloads
    a changed UDF module). Without a path nothing is opened; a file that cannot be opened is
    skipped with a warning, so the functions load and calculate regardless. Returns the
    handler, or None.
    """
    path = os.environ.get(LOG_VARIABLE, "") if path is None else path
    if not path.strip():
        return None
    try:
        target = os.path.abspath(os.path.expanduser(path.strip()))
        for handler in log.handlers:
            if isinstance(handler, logging.FileHandler) and handler.baseFilename == target:
                return handler
        handler = logging.FileHandler(target, encoding="utf-8")
    except (OSError, ValueError) as error:  # no such folder, no permission, a NUL in the name
        log.warning("%s names a file that cannot be written (%s): the detail goes to "
                    "standard error", LOG_VARIABLE, error)
        return None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    log.addHandler(handler)
    return handler


log_to_file()


class CellError(Exception):
    """An input already holds an ``#XP!`` error: the result shows that same text."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def is_xp_error(value: object) -> bool:
    """True for the text of an xlperf error (``#XP! …``), e.g. from another XP_ formula."""
    return isinstance(value, str) and value.startswith(ERROR_PREFIX)


def excel_error(value: object) -> str | None:
    """The Excel error code a value stands for (``"#N/A"``), or None.

    Accepts the text xlwings gives with ``err_to_str``, pywin32's integer codes and the
    Office.js error objects of xlwings Lite.
    """
    if isinstance(value, str):
        code = value.strip().upper()
        return code if code in EXCEL_ERRORS else None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value - COM_ERROR_BASE
        if 2000 <= number <= 2100:  # one Excel has, or may add, after #CALC! (2050)
            return XL_ERROR_NUMBERS.get(number, f"Excel error {number}")
        return None
    if isinstance(value, dict) and value.get("type") == "Error":
        return str(value.get("basicValue") or "#VALUE!")
    return None


def error_text(problem: object) -> str:
    """The one error value every XP_ function shows: ``#XP! <short message>``.

    A message longer than :data:`MAX_MESSAGE` loses its middle, at spaces (never in the
    middle of a word or a number): the head says what is wrong, the tail how to fix it, and
    the log has it whole. Messages that list things say "and N more" themselves, so they
    rarely get here."""
    text = " ".join(str(problem).split())
    if len(text) > MAX_MESSAGE:
        room = MAX_MESSAGE * 2 // 5
        head = _whole_words(text[:MAX_MESSAGE - room - 3], text[MAX_MESSAGE - room - 3:])
        tail = _whole_words(text[-room:][::-1], text[:-room][::-1])[::-1]
        text = f"{head.rstrip(' ,;:')} … {tail.lstrip(' ,;:')}"
    return f"{ERROR_PREFIX} {text}"


def _whole_words(kept: str, rest: str) -> str:
    """``kept`` without a word cut short where ``rest`` goes on (the last space in its second
    half ends it); ``kept`` as it is when there is no such space (one long word)."""
    if not kept or not rest or kept[-1] == " " or rest[0] == " ":
        return kept
    space = kept.rfind(" ")
    return kept[:space] if space >= len(kept) // 2 else kept


def cell(value: object, name: str, *, dates: bool = False) -> object:
    """One input value made ready for the core: blank → None, errors raised.

    Raises :class:`CellError` for an ``#XP!`` input and :class:`InputError` for an Excel
    error or, unless ``dates`` is true, a date where the argument takes none.
    """
    if is_xp_error(value):
        raise CellError(str(value))
    code = excel_error(value)
    if code == "#CALC!":  # what FILTER gives when no row matches
        raise InputError(f"{name} is #CALC! (an empty FILTER: no rows for this ID?)",
                         field=name)
    if code:
        raise InputError(f"{name} is {code}", field=name)
    if is_blank(value):
        return None
    if isinstance(value, dt.date) and not dates:
        raise InputError(f"{name} is a date ({value:%Y-%m-%d}), which it does not take",
                         field=name)
    return value


def grid(value: object) -> Grid:
    """Any argument as a rectangular list of rows: a scalar is ``[[value]]``.

    A flat list is one row, as xlwings writes a flat list across a row.
    """
    if not isinstance(value, list | tuple):
        return [[value]]
    if not value:
        return [[None]]
    if not any(isinstance(row, list | tuple) for row in value):
        return [list(value)]
    rows = [list(row) if isinstance(row, list | tuple) else [row] for row in value]
    if len({len(row) for row in rows}) != 1 or not rows[0]:
        raise InputError("a range's rows must all have the same number of cells")
    return rows


def _size(name: str, block: Grid) -> str:
    return f"{name} is {len(block)}×{len(block[0])}"


def _broadcast_shape(blocks: dict[str, Grid]) -> tuple[int, int]:
    rows = max(len(b) for b in blocks.values())
    cols = max(len(b[0]) for b in blocks.values())
    clash = [n for n, b in blocks.items()
             if len(b) not in (1, rows) or len(b[0]) not in (1, cols)]
    if clash:
        widest = max(blocks, key=lambda n: len(blocks[n]) * len(blocks[n][0]))
        raise InputError(f"{_size(clash[0], blocks[clash[0]])} but "
                         f"{_size(widest, blocks[widest])}: give ranges of one size or "
                         "single cells")
    return rows, cols


MAX_LOGGED = 5  # bad cells of one call logged in full; the rest are counted in one line


class _CallLog:
    """The warnings of one call: the first few in full, then a count (a column of 10,000
    bad cells must not write 10,000 lines on every recalculation)."""

    def __init__(self, function: str) -> None:
        self.function, self.logged, self.unlogged = function, 0, 0

    def bad_cell(self, error: InputError, values: dict[str, object]) -> None:
        """Log a bad cell's error with its inputs, or count it once enough are logged."""
        if self.logged >= MAX_LOGGED:
            self.unlogged += 1
            return
        self.logged += 1
        log.warning("%s: %s (inputs %r)", self.function, error, values)

    def close(self) -> None:
        """The count of the bad cells not logged, in one line."""
        if self.unlogged:
            log.warning("%s: %d more cells with errors (each shows its #XP! message)",
                        self.function, self.unlogged)


def _one(rule: Callable[..., object], values: dict[str, object], blank_when: Sequence[str],
         dates: Sequence[str], calls: _CallLog) -> object:
    if all(is_blank(values[n]) for n in blank_when):
        return None
    try:
        ready = {n: cell(v, n, dates=n in dates) for n, v in values.items()}
        return rule(**ready)
    except CellError as passed_on:
        return passed_on.text
    except InputError as error:
        calls.bad_cell(error, values)
        return error_text(error)
    except Exception:  # one cell's bug must not cost the other cells their results
        log.exception("%s failed on inputs %r", calls.function, values)
        return INTERNAL_ERROR


def each(rule: Callable[..., object], blank_when: Sequence[str], /, *,
         dates: Sequence[str] = (), function: str = "XP_", **arguments: object) -> object:
    """Apply ``rule`` cell by cell over the arguments, broadcasting single cells.

    Every argument may be a single value or a range; ranges must share one size (a single
    cell, row or column stretches to fit, as in Excel's array formulas). The result is a
    single value when every argument is one cell, else a list of rows that spills. A cell
    whose ``blank_when`` arguments are all blank gives a blank (None); a bad cell gives
    its own ``#XP!`` error without stopping the others.
    """
    blocks = {name: grid(value) for name, value in arguments.items()}
    rows, cols = _broadcast_shape(blocks)
    calls = _CallLog(function)
    result = [[_one(rule, {n: b[i if len(b) > 1 else 0][j if len(b[0]) > 1 else 0]
                           for n, b in blocks.items()}, blank_when, dates, calls)
               for j in range(cols)] for i in range(rows)]
    calls.close()
    return result[0][0] if rows == cols == 1 else result


def each_row(rule: Callable[..., object], blank_when: Sequence[str], /, *, width: int,
             dates: Sequence[str] = (), function: str = "XP_", **arguments: object) -> object:
    """Like :func:`each`, for a rule whose result is a row of ``width`` cells (a list).

    The arguments are single cells or columns: each row in gives one row of ``width`` cells
    out. A blank or bad row gives a blank row, or its error in the first cell. A single cell
    in whose row is blank or an error gives that one value, not a row.
    """
    blocks = {name: grid(value) for name, value in arguments.items()}
    rows, cols = _broadcast_shape(blocks)
    if cols > 1:
        name = next(n for n, b in blocks.items() if len(b[0]) == cols)
        raise InputError(f"{_size(name, blocks[name])}: give one cell or one column (each row "
                         f"spills a row of {width} cells)", field=name)
    result = each(rule, blank_when, dates=dates, function=function, **arguments)
    cells = [r[0] for r in result] if rows > 1 else [result]
    if rows == 1 and not isinstance(result, list | tuple):
        return cells[0]
    return [list(c) if isinstance(c, list | tuple) else [c] + [None] * (width - 1)
            for c in cells]


def day(value: object, name: str) -> dt.date | None:
    """A one-cell date argument as a date; None when blank.

    Desktop Excel hands a date cell over as a datetime, xlwings Lite as its serial number
    (45688 for 2025-01-31; a time of day is dropped); text such as ``2025-01-31`` or
    ``2025年1月31日`` is read too. A bare year (2025) is refused with a hint.
    """
    rows = grid(value)
    if len(rows) > 1 or len(rows[0]) > 1:
        raise InputError(f"{name} must be one cell, not a range", field=name)
    given = cell(rows[0][0], name, dates=True)
    if given is None:
        return None
    if isinstance(given, float) and math.isfinite(given):
        return serial_date(float(math.floor(given)), name)  # the core's reading: years refused
    if isinstance(given, int) and not isinstance(given, bool):
        return serial_date(given, name)  # 10**400 too: no date, not float's overflow
    return as_date(given, name, field=name)


def values(block: object, name: str, *, ordered: bool = True) -> list[object]:
    """A list argument's cells, row by row, ready for the core (blanks kept as None).

    ``ordered`` lists (a history, weights matched to scores) must be one row or one column.
    """
    rows = grid(block)
    if ordered and len(rows) > 1 and len(rows[0]) > 1:
        raise InputError(f"{name} is {len(rows)}×{len(rows[0])}: give one row or one column",
                         field=name)
    flat = [v for row in rows for v in row]
    return [cell(v, f"{name} cell {i}" if len(flat) > 1 else name)
            for i, v in enumerate(flat, start=1)]


def aligned(name_a: str, a: list[object], name_b: str, b: list[object]) -> None:
    """Check that two list arguments have one cell each for the other. Blank cells past the
    end of the shorter one (a range selected a row or two too long) are dropped from the
    longer list, in place."""
    longer, shorter = (a, b) if len(a) >= len(b) else (b, a)
    if all(v is None for v in longer[len(shorter):]):
        del longer[len(shorter):]
        return
    raise InputError(f"{name_a} has {len(filled(a))} cells but {name_b} has {len(filled(b))}: "
                     "give ranges of the same length")


def filled(cells: list[object]) -> list[object]:
    """A list argument's cells without the blank cells at its end."""
    end = len(cells)
    while end and cells[end - 1] is None:
        end -= 1
    return cells[:end]


def single(value: object, name: str) -> object:
    """A one-cell argument's value, ready for the core (a range there is an error)."""
    rows = grid(value)
    if len(rows) > 1 or len(rows[0]) > 1:
        raise InputError(f"{name} must be one cell, not a range", field=name)
    return cell(rows[0][0], name)


def present(block: object) -> bool:
    """True when an optional argument was given: not omitted, not an all-blank range."""
    return not all(is_blank(v) for row in grid(block) for v in row)


def pairs(block: object, name: str) -> list[tuple[object, object]]:
    """A 2-column table argument as (first, second) rows; blank rows are left out. A single
    cell holding an error passes it on (``#N/A``, an ``#XP!`` of the formula it refers to)."""
    rows = grid(block)
    if len(rows) == 1 and len(rows[0]) == 1 and cell(rows[0][0], name) is None:
        raise InputError(f"{name} is empty", field=name)
    if len(rows[0]) != 2:
        raise InputError(f"{name} has {len(rows[0])} columns, expected 2", field=name)
    return [(cell(a, f"{name} row {i}"), cell(b, f"{name} row {i}"))
            for i, (a, b) in enumerate(rows, start=1) if not (is_blank(a) and is_blank(b))]


EXCEL_DIGITS = 15  # significant digits an Excel cell holds and shows


def excel_value(value: object) -> object:
    """A result as a cell should show it: a float whose 15 significant digits end in a
    shorter number (0.7272000000000001, 112.50000000000001: binary noise past digit 15) is
    that number (0.7272, 112.5); any other float is returned as it is, so 1/3 keeps every
    digit (ROUNDDOWN(1/3 × 3, 0) stays 1). Lists of rows are cleaned cell by cell; anything
    else is returned unchanged. The registry's wrapper applies it to every XP_ result."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return value
        shown = float(format(value, f".{EXCEL_DIGITS}g"))
        return shown if shown == float(format(value, f".{EXCEL_DIGITS - 1}g")) else value
    if isinstance(value, list | tuple):
        return [excel_value(v) for v in value]
    return value


def amount(value: Decimal) -> float:
    """A money amount for Excel: the Decimal, already rounded to the cent, as a float."""
    return float(value)


def flag(value: object, name: str) -> bool:
    """A yes/no argument: TRUE/FALSE, yes/no, 是/否, or a count (more than 0 means yes)."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) or (isinstance(value, str) and _numeric(value)):
        return inputs.count(value, name, field=name) > 0
    try:
        return inputs.done(value, name, field=name)
    except InputError:
        raise InputError(f"{name} is {inputs.describe(value)}, expected TRUE or FALSE (是/否) "
                         "or a count", field=name) from None


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
