"""Turning raw input values (as Excel or a workbook hands them over) into checked numbers.

Excel gives floats, ``None`` for empty cells, strings where a user typed text, booleans for
TRUE/FALSE. Every rule calls these helpers so that a bad value fails with the same kind of
message wherever it enters.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

from xlperf.errors import InputError

_TRUE_WORDS = {"true", "yes", "y", "done", "1", "是", "完成", "已完成", "达成"}
_FALSE_WORDS = {"false", "no", "n", "not done", "0", "否", "未完成", "未达成"}


def typed(value: str) -> str:
    """Text as typed, made plain: full-width characters a Chinese input method gives
    (８５％, １，２００, Ａ) read as their ASCII forms (85%, 1,200, A); NFKC normalisation,
    which leaves Chinese characters as they are. Outer spaces are removed."""
    return unicodedata.normalize("NFKC", value).strip()


def id_key(value: str) -> str:
    """What two executive IDs share when they name one executive: the ID made plain
    (:func:`typed`: NFKC, so the full-width ＥＸ００１ of a Chinese input method is EX001 and
    the same text in another Unicode form is one), case-folded (Excel's lookups ignore
    case, and so do the file names of macOS and Windows) and normalised again (case folding
    can undo NFKC). ＥＸ００１, ex001 and EX001 have one key; so have 한 typed as one
    character and as three jamo (one file name on macOS)."""
    return unicodedata.normalize("NFKC", typed(value).casefold())


def words(value: str) -> str:
    """Text whose spacing cannot tell two cells apart that look alike: each run of spaces
    (two spaces, a full-width space U+3000, a no-break space U+00A0, a tab, a line break) as
    one space, none around. For names and labels that group or are compared (department,
    title, names): "财务部 Finance" typed with a full-width space is the same department."""
    return " ".join(value.split())


def choice(value: object) -> str:
    """A value picked from a list (a method, part, category, instrument, rater group …) in
    the one form lists are compared in: as typed (:func:`typed`: full-width letters as
    ASCII), each run of spaces as one and none around (:func:`words`: a no-break or
    full-width space too), case-folded. "ratio " and "ｒａｔｉｏ\u00a0" are "ratio"."""
    return words(typed(str(value))).casefold()


def is_blank(value: object) -> bool:
    """An empty cell: ``None`` or blank text."""
    return value is None or (isinstance(value, str) and not value.strip())


# How long a text may be. A cell of Excel's holds at most 32,767 characters, so longer text
# comes from no spreadsheet; names and labels are printed in every report and summary line,
# where text of 100,000 characters would make the layout crawl (and no name is that long).
MAX_TEXT_CHARS = 32_767  # any text cell (Excel's own limit)
MAX_NAME_CHARS = 200  # a name, English name, department, title; the company
MAX_LABEL_CHARS = 500  # an indicator, unit, category, objective, key result, reason, plan
# name, grant or plan id: a line of a report
QUOTED_CHARS = 60  # text longer than 200 characters is quoted by its first 60 (describe)


def describe(value: object) -> str:
    """How a value is quoted in an error message: ``"abc"``, ``12.5``, ``empty``, ``TRUE``
    (a boolean as Excel shows it); text of more than 200 characters by its start and length,
    ``"王王王…" (120,000 characters)``."""
    if is_blank(value):
        return "empty"
    if isinstance(value, str) and len(value) > MAX_NAME_CHARS:
        return f'"{value[:QUOTED_CHARS]}…" ({len(value):,} characters)'
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool) or type(value).__name__ in ("bool", "bool_"):  # numpy's too
        return "TRUE" if value else "FALSE"
    if isinstance(value, Decimal):
        return str(value)  # 1E+616 (not Decimal('1E+616'))
    if isinstance(value, numbers.Integral):  # numpy's integers without their type
        digits = str(int(value))
        return digits if len(digits) <= 21 else str(Decimal(digits).normalize())  # 1E+400
    if isinstance(value, numbers.Real):
        return format(float(value), ".15g")  # 12.5; 2.0000000001 (not 2) as Excel shows it
    if isinstance(value, dt.datetime):  # a date typed where a number belongs: as Excel shows it
        return f"{value:%Y-%m-%d %H:%M}" if value.time() != dt.time() else f"{value:%Y-%m-%d}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    return repr(value)


def number(value: object, what: str, *, field: str | None = None) -> float:
    """``value`` as a finite float; percent strings such as ``"30%"`` are accepted."""
    if isinstance(value, bool):
        raise InputError(f"{what} is {describe(value)}, expected a number", field=field)
    if isinstance(value, numbers.Real | Decimal):  # numpy's numbers too
        try:
            result = float(value)
        except OverflowError:  # an integer beyond a float's range (10**400)
            result = math.inf if value > 0 else -math.inf
    elif isinstance(value, str) and value.strip():
        text = typed(value).replace(",", "")
        scale = 1.0
        if text.endswith("%"):
            text, scale = text[:-1], 0.01
        try:
            result = float(text) * scale
        except ValueError:
            raise InputError(f"{what} is {describe(value)}, expected a number",
                             field=field) from None
    else:
        raise InputError(f"{what} is {describe(value)}, expected a number", field=field)
    if not math.isfinite(result):
        if too_large(value) is not None:  # "1e400", 10**400: none a cell can hold
            sign = "" if result > 0 else "negative "
            raise InputError(f"{what} is {describe(value)}, too large a {sign}number",
                             field=field)
        raise InputError(f"{what} is {describe(value)}, expected a finite number", field=field)
    return result


def too_large(value: object) -> Decimal | None:
    """A number written out in full that no float holds, as a Decimal: the text ``"1e400"``
    or ``"-1e400"``, the integer ``10**400``, ``Decimal("1E+400")``; None for any other value
    (``inf`` and ``nan`` are no number at all)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = typed(value).replace(",", "")
        try:
            value = Decimal(text.removesuffix("%"))
        except InvalidOperation:
            return None
    if isinstance(value, numbers.Integral):
        value = Decimal(int(value))
    if isinstance(value, Decimal) and value.is_finite() and value.copy_abs() > _FLOAT_MAX:
        return value
    return None


_FLOAT_MAX = Decimal(sys.float_info.max)


def points(value: object, what: str, *, field: str | None = None) -> float:
    """A score on the 0–100 scale (分): like :func:`number`, but ``"95%"`` typed as text is
    95 points, not 0.95 (which would grade D without a word)."""
    if isinstance(value, str) and typed(value).endswith("%"):
        return number(typed(value)[:-1], what, field=field)
    return number(value, what, field=field)


def cap_points(value: object, what: str, *, field: str | None = None) -> float:
    """A cap on a score, in points (110, 120, 150: a ratio's cap, an indicator's own cap, a
    part score cap), read as its default is written, "120%": ``120``, ``"120%"`` and a
    120% cell (1.2) all give 120. A number of at most 10 (1000%) is a fraction from a %
    cell, multiplied by 100 as :func:`achievement_percent` reads an achievement: a cap of
    1.2 points would hold every score at 1.2. Text with a % sign is that many points
    (:func:`points`). Floors and scores are read by :func:`points` alone. A % cell's
    percentage is rounded to 10 decimals (1.1 × 100 is 110, not 110.00000000000001)."""
    if isinstance(value, str) and typed(value).endswith("%"):
        return points(value, what, field=field)
    result = number(value, what, field=field)
    if abs(result) <= PERCENT_CELL_LIMIT:
        return round(result * 100.0, CAP_DECIMALS)
    return result


CAP_DECIMALS = 10


def optional_number(value: object, what: str, *, field: str | None = None) -> float | None:
    """Like :func:`number`, but an empty value gives ``None``."""
    if is_blank(value):
        return None
    return number(value, what, field=field)


PERCENT_CELL_LIMIT = 10.0  # a number at most this (1000%) is a fraction from a % cell


def achievement_percent(value: object, what: str, *, field: str | None = None) -> float:
    """An achievement as a percentage: ``105``, ``"105%"`` and a 105% cell (1.05) all give 105.

    Excel stores a cell formatted as % as a fraction, so a number of at most 10 (1000%) is
    read as a fraction and multiplied by 100; a larger number is a percentage already.
    """
    result = number(value, what, field=field)
    return result * 100.0 if abs(result) <= PERCENT_CELL_LIMIT else result


MAX_ACHIEVEMENT = 1000.0  # %: an achievement typed directly is at most this, either way


def is_achievement(percent: float) -> bool:
    """True for an achievement % that can be typed directly: at most 1000% either way. A
    larger number is an amount typed where its achievement belongs (52,000 万元)."""
    return abs(percent) <= MAX_ACHIEVEMENT


def achievement(value: object, what: str, *, field: str | None = None) -> float:
    """An achievement typed directly (an XP_CURVE or XP_EXTRA argument, the long-term
    achievement on Executives), read by :func:`achievement_percent`: above 1000% it is an
    error (:func:`is_achievement`), never the top of a curve or the cap of a payout."""
    result = achievement_percent(value, what, field=field)
    if not is_achievement(result):
        raise InputError(f"{what} is {describe(value)}, not an achievement % (at most "
                         f"{MAX_ACHIEVEMENT:g}%): give actual ÷ target, 125 or 125%",
                         field=field)
    return result


def fractions_of_percent(values: Sequence[float]) -> bool:
    """True when a table's percentages look typed in % cells (0.95 for 95%): every value at
    most 10 (:func:`typed_in_percent_cells`) and not all 0, which reads the same either way."""
    return any(values) and typed_in_percent_cells(values)


def typed_in_percent_cells(values: Sequence[float], paired: Sequence[float] | None = None, *,
                           what: str = "table",
                           columns: tuple[str, str] = ("achievement", "payout")) -> bool:
    """True when a table's achievement column was typed in % cells (0.8, 1.0, 1.2): every
    value at most 10 (1000%). Read as a column, so one small row (0, or 5 for 5%) among
    percentages (80, 100) does not turn into 500.

    ``paired`` is the other column of a table whose two columns are both percentages (a
    payout curve: achievement → payout %). The two must be typed the same way: one column
    in % cells and the other as numbers (0.9 → 100) is an error naming the table, since
    either reading is a hundredfold wrong. A column of zeros reads the same either way.
    """
    in_cells = all(abs(v) <= PERCENT_CELL_LIMIT for v in values)
    if paired is None or all(v == 0 for v in paired) or all(v == 0 for v in values):
        return in_cells
    if in_cells != all(abs(v) <= PERCENT_CELL_LIMIT for v in paired):
        cells, numbers = columns if in_cells else columns[::-1]
        raise InputError(f"{what}: the {cells} column is in % cells but the {numbers} column "
                         "as numbers: type both as % cells (0.9, 0.5) or both as numbers "
                         "(90, 50)", field=what)
    return in_cells


def percent_rows(rows: Sequence[tuple[object, object]], what: str, *,
                 columns: tuple[str, str] = ("achievement", "payout"),
                 points: bool = False) -> list[tuple[float, float]]:
    """A 2-column table keyed by achievement %, as percentages: a table typed in % cells
    (0.8, 1.0, 1.2) is multiplied by 100, the way :func:`achievement_percent` reads a cell.

    The second column is a percentage too (a payout curve) unless ``points``: then it holds
    points (a scoring table, 0.8 → 50 points), kept as typed, and only a table whose both
    columns are in % cells (0.8 → 0.5, shown as 80% → 50%) has both multiplied by 100. For a
    percentage column, one column in % cells and the other as numbers is an error
    (:func:`typed_in_percent_cells`).
    """
    numbers = [(number(x, f"{what} row {i} {columns[0]}", field=what),
                number(y, f"{what} row {i} {columns[1]}", field=what))
               for i, (x, y) in enumerate(rows, start=1)]
    xs, ys = [x for x, _ in numbers], [y for _, y in numbers]
    if points:
        if not typed_in_percent_cells(xs):
            return numbers
        y_scale = 100.0 if typed_in_percent_cells(ys) else 1.0
        return [(x * 100.0, y * y_scale) for x, y in numbers]
    if typed_in_percent_cells(xs, ys, what=what, columns=columns):
        return [(x * 100.0, y * 100.0) for x, y in numbers]
    return numbers


def table_rows(rows: Iterable[Iterable[object]], what: str, *, field: str | None = None,
               cells: str = "two cells") -> list[tuple[int, tuple[object, ...]]]:
    """The rows of a 2-column table typed in a range (a grade table, a scoring curve): each
    as (row number from 1, its two cells as typed), blank rows (the end of an Excel range)
    left out; a row of another width, or rows that are not rows, an error naming it."""
    if isinstance(rows, str) or not isinstance(rows, Iterable):
        raise InputError(f"{what} is {describe(rows)}, expected rows of {cells}", field=field)
    kept = []
    for i, row in enumerate(rows, start=1):
        if isinstance(row, str) or not isinstance(row, Iterable):
            raise InputError(f"{what} row {i} is {describe(row)}, expected {cells}",
                             field=field)
        typed_cells = tuple(row)
        if all(is_blank(c) for c in typed_cells):
            continue
        if len(typed_cells) != 2:
            raise InputError(f"{what} row {i} has {len(typed_cells)} columns, expected 2",
                             field=field)
        kept.append((i, typed_cells))
    return kept


def pairs(value: object, what: str, example: str) -> list[tuple[object, object]]:
    """``value`` as a list of 2-item rows (a table of grade → score, group → weight …):
    anything else (a number, a row of 1 or 3 items) is an error showing ``example``."""
    try:
        rows = [tuple(row) for row in value]  # type: ignore[attr-defined]
    except TypeError:  # not rows at all: 5, or a row that is a number
        rows = None
    if rows is None or isinstance(value, str) or any(len(row) != 2 for row in rows):
        raise InputError(f"{what} is {describe(value)}, expected pairs such as {example}",
                         field=what)
    return rows


def share(value: object, what: str, *, field: str | None = None) -> Decimal:
    """A share or rate as a fraction 0–1: ``0.4``, ``"40%"``, a 40% cell and ``40`` (a whole
    percent) all give 0.4 — the one reading of every share (deferral, advance rate, a
    tranche's part, a cap), as weights read 30 as 30%.

    A number above 1 is read as a percentage, as Excel users type shares (a cell of 40
    next to a header "%"); ``1`` is 100%. Outside 0–100% is an error saying how to type it.
    """
    try:
        if isinstance(value, str) and typed(value).endswith("%"):
            result = decimal(typed(value)[:-1], what, field=field) / 100
        else:
            result = decimal(value, what, field=field)
            if result > 1:
                result /= 100
    except InputError:
        result = None  # "abc", TRUE: said below as a share, not as an amount
    if result is None or not 0 <= result <= 1:
        raise InputError(f"{what} is {describe(value)}, expected a share from 0 to 100%: type "
                         "40% or 0.4", field=field)
    return result


def non_negative(value: object, what: str, *, field: str | None = None) -> float:
    """``value`` as a float that is zero or more."""
    result = number(value, what, field=field)
    if result < 0:
        raise InputError(f"{what} is {describe(value)}, expected zero or more", field=field)
    return result


MAX_AMOUNT = Decimal(10) ** 15


def amount(value: object, what: str, *, field: str | None = None) -> Decimal:
    """``value`` as a :class:`~decimal.Decimal` amount or price of zero or more (a cap, a
    standard, a price): a negative one is an error, never a deduction."""
    result = decimal(value, what, field=field)
    if result < 0:
        raise InputError(f"{what} is {describe(value)}, expected zero or more", field=field)
    if result > MAX_AMOUNT:  # Excel's 15 digits; far larger would overflow the cents
        raise InputError(f"{what} is {describe(value)}, expected an amount of at most "
                         f"{MAX_AMOUNT:,}", field=field)
    return result


def count(value: object, what: str, *, field: str | None = None, least: int = 0) -> int:
    """``value`` as a whole number of ``least`` (zero) or more: ``2``, ``2.0`` and the text
    ``"2.0"`` are 2, as is 2.0000000000000004 (a formula's float noise: Excel shows 2,
    :func:`as_shown`); ``1.5`` is refused. Below ``least`` (-1, or 0 where a count starts at
    1) is "expected 1 or more", one message for every number too small."""
    at_least = "zero or more" if least == 0 else f"{least} or more"
    huge = too_large(value)  # "1e400": said as any count too large (or negative) is
    if huge is not None:
        expected = at_least if huge < 0 else f"a whole number of at most {MAX_AMOUNT:,}"
        raise InputError(f"{what} is {describe(value)}, expected {expected}", field=field)
    result = as_shown(number(value, what, field=field))
    if result < least:
        raise InputError(f"{what} is {describe(value)}, expected {at_least}", field=field)
    if result != int(result):
        raise InputError(f"{what} is {describe(value)}, expected a whole number", field=field)
    if result > MAX_AMOUNT:  # beyond Excel's 15 digits: no count of shares, days or raters
        raise InputError(f"{what} is {describe(value)}, expected a whole number of at most "
                         f"{MAX_AMOUNT:,}", field=field)
    return int(result)


def as_shown(result: float) -> float:
    """A float as the number Excel shows (15 significant digits): 2.0000000000000004, a
    formula's binary noise, is 2, so a whole number computed in a cell reads as whole."""
    shown = float(format(result, ".15g"))
    return shown if math.isfinite(shown) else result  # the largest floats round up to inf


MONTHS_IN_YEAR = 12


def months_served(value: object, what: str = "months served", *,
                  field: str | None = None) -> Decimal:
    """Months of the year served, 0–12 (fractions allowed: 7.5 for a mid-month start; "7个月"
    is 7)."""
    plain = (_without_unit(typed(value), ("个月", "月", "months", "month"))
             if isinstance(value, str) else value)
    try:
        result = decimal(plain, what, field=field)
    except InputError:
        result = None
    if result is None or not 0 <= result <= MONTHS_IN_YEAR:
        raise InputError(f"{what} is {describe(value)}, expected a number of months from 0 "
                         f"to {MONTHS_IN_YEAR}", field=field)
    return result


def _without_unit(text: str, units: Sequence[str]) -> str:
    """``text`` without the first of ``units`` it ends with (and the spaces before it)."""
    for unit in units:
        if text.casefold().endswith(unit) and text[:-len(unit)].strip():
            return text[:-len(unit)].strip()
    return text


def year(value: object, what: str, *, field: str | None = None) -> int:
    """``value`` as a calendar year, 1900–9999 (the years a spreadsheet's dates cover), read as
    :func:`count` reads a whole number: 2024, 2024.0 and "2024.0" are 2024; 2024.5 is
    refused."""
    try:
        result = as_shown(number(value, what, field=field))
    except InputError:
        result = math.nan  # "2025年", TRUE: said below as a year, not as a number
    if not math.isfinite(result) or result != int(result) or not 1900 <= result <= 9999:
        # -2026 and 2026.5 too
        raise InputError(f"{what} is {describe(value)}, expected a year such as 2026",
                         field=field)
    return int(result)


def done(value: object, what: str, *, field: str | None = None) -> bool:
    """A done / not-done answer: TRUE/FALSE, 1/0, yes/no, 是/否, 完成/未完成."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and typed(value).lower() in _TRUE_WORDS:
        return True
    if isinstance(value, str) and typed(value).lower() in _FALSE_WORDS:
        return False
    raise InputError(f"{what} is {describe(value)}, expected done/not done (1 or 0)",
                     field=field)


def too_long(value: object, what: str, limit: int = MAX_TEXT_CHARS, *,
             field: str | None = None) -> None:
    """An InputError when ``value`` is text of more than ``limit`` characters."""
    if isinstance(value, str) and len(value) > limit:
        raise InputError(f"{what} is {len(value):,} characters long, expected at most "
                         f"{limit:,}", field=field)


def text(value: object, what: str, *, field: str | None = None,
         limit: int = MAX_TEXT_CHARS) -> str:
    """A non-empty, stripped string of at most ``limit`` characters."""
    if value is None or not str(value).strip():
        raise InputError(f"{what} is empty", field=field)
    too_long(str(value).strip(), what, limit, field=field)
    if isinstance(value, float) and value.is_integer():  # not int(): inf and nan
        return str(int(value))
    return str(value).strip()  # as typed: a name's full-width ：or （ stays


def decimal(value: object, what: str, *, field: str | None = None) -> Decimal:
    """``value`` as a finite :class:`~decimal.Decimal`, read as the number Excel shows.

    A float is read through its 15 significant digits, as Excel displays it, so that
    ``1000.005`` is the decimal 1000.005 and not the binary fraction just below it.
    """
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InputError(f"{what} is {value}, expected a finite amount", field=field)
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str) and value.strip():
        try:
            result = Decimal(typed(value).replace(",", "").replace("¥", ""))
        except InvalidOperation:
            raise InputError(f"{what} is {describe(value)}, expected an amount",
                             field=field) from None
        if not result.is_finite():
            raise InputError(f"{what} is {describe(value)}, expected an amount", field=field)
        return result
    return Decimal(format(number(value, what, field=field), ".15g"))
