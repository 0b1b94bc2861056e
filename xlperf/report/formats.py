"""How reports print numbers, amounts, shares and dates (the same in both languages)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from decimal import Decimal, InvalidOperation

from xlperf.rules.inputs import typed
from xlperf.rules.money import format_amount, round_half_up


@dataclasses.dataclass(frozen=True)
class Bilingual:
    """A text known in Chinese and English; templates print it with ``tr(...)``."""

    zh: str
    en: str


def amount(value: Decimal | None) -> str:
    """``¥1,234,567.89``; blank for None."""
    return "" if value is None else format_amount(value)


def score(value: float | None, places: int = 2) -> str:
    """A score as recorded: ``91.33``; blank for None. Rounded half-up on the number shown
    (a weighted 30.825 prints 30.83, as Excel's ROUND gives), not Python's binary rounding."""
    return "" if value is None else f"{round_half_up(value, places):.{places}f}"


def percent(fraction: float | None, places: int = 0) -> str:
    """A share as a percentage: 0.3 → ``30%``; more places when the share needs them."""
    if fraction is None:
        return ""
    text = f"{fraction * 100:.{places}f}"
    if places == 0 and abs(float(text) - fraction * 100) > 1e-9:
        text = f"{fraction * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


EXCEL_DIGITS = 15  # significant digits Excel keeps of a number typed into a cell


def number(value: object) -> str:
    """A quantity or an entered value as entered: ``1,234``, ``917,555.1``, ``0.000123``,
    ``9,175,551,234.56``; blank for None.

    A float prints with up to Excel's 15 significant digits (so the binary noise of a
    value such as 1.15 × 100 = 114.99999999999999 prints as ``115``), never in exponent
    form, with thousands separators and without trailing zeros. Nothing is rounded to
    fewer digits: an indicator's target or actual reads as it was typed into the workbook.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        value = Decimal(f"{value:.{EXCEL_DIGITS}g}")
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return f"{int(value):,}"
        return f"{value.normalize():,f}"
    typed = _typed_number(value)
    return str(value) if typed is None else number(typed)


def _typed_number(value: object) -> Decimal | None:
    """A number typed as text (full-width ``５８６２７．４``, ``58,627.4``) as the reader
    takes it, so it prints like any other; None for other text (``done``, ``95%``)."""
    text = typed(str(value)).replace(",", "")
    try:
        parsed = Decimal(text)
    except InvalidOperation:
        return None
    return parsed if parsed.is_finite() else None


COEFFICIENT_PLACES = (2, 4)  # an appraisal coefficient shows 2 to 4 decimals
COEFFICIENT_FORMAT = "0.00##"  # the same as an Excel number format (ledger.xlsx)
SCORE_FORMAT = "0.00"  # a score of record in Excel (ledger.xlsx), as :func:`score` prints it


def coefficient(value: object) -> str:
    """An appraisal coefficient with 2 to 4 decimals, as Excel's ``0.00##`` shows it:
    ``1.50``, ``1.20``, ``1.00``, ``0.00``; a coefficient read from a curve keeps up to 4
    (``1.35``, ``1.2345``; more are rounded half-up: 1.23456 → ``1.2346``). Blank for None."""
    if value is None or value == "":
        return ""
    least, most = COEFFICIENT_PLACES
    text = f"{round_half_up(value, most):.{most}f}"
    kept = len(text) - (most - least)  # the decimals beyond ``least`` show when not 0
    return text[:kept] + text[kept:].rstrip("0")


def date(value: dt.date | None) -> str:
    """ISO date ``2026-12-31``; blank for None."""
    return "" if value is None else value.isoformat()


# Fitting figures into the fixed-layout tables (report.css): a table is 515.9pt wide (A4
# less the margins), so 1% of it is 5.159pt, and a cell's padding takes 1 mm each side.
PT_PER_PERCENT = 5.159
CELL_PADDING_PT = 5.67


def text_ems(text: str, digit: float, mark: float) -> float:
    """How wide a figure prints, in em: ``digit`` for each digit or sign, ``mark`` for each
    thousands separator or decimal point (the faces' widths, measured once)."""
    marks = text.count(",") + text.count(".")
    return (len(text) - marks) * digit + marks * mark
