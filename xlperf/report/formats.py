"""How reports print numbers, amounts, shares and dates (the same in both languages)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from xlperf.rules.money import format_amount


@dataclasses.dataclass(frozen=True)
class Bilingual:
    """A text known in Chinese and English; templates print it with ``tr(...)``."""

    zh: str
    en: str


def amount(value: Decimal | None) -> str:
    """``¥1,234,567.89``; blank for None."""
    return "" if value is None else format_amount(value)


def score(value: float | None, places: int = 2) -> str:
    """A score as recorded: ``91.33``; blank for None."""
    return "" if value is None else f"{value:.{places}f}"


def percent(fraction: float | None, places: int = 0) -> str:
    """A share as a percentage: 0.3 → ``30%``; more places when the share needs them."""
    if fraction is None:
        return ""
    text = f"{fraction * 100:.{places}f}"
    if places == 0 and abs(float(text) - fraction * 100) > 1e-9:
        text = f"{fraction * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def number(value: object) -> str:
    """A quantity or an entered value: ``1,234`` or ``52,000.5``; blank for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, int | Decimal) or (isinstance(value, float) and value.is_integer()):
        return f"{int(value):,}" if value == int(value) else f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.2f}"
    return str(value)


def coefficient(value: float) -> str:
    """An appraisal coefficient: ``1.2``, ``0.6``, ``1.35``."""
    return f"{value:.4f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.1f}"


def date(value: dt.date | None) -> str:
    """ISO date ``2026-12-31``; blank for None."""
    return "" if value is None else value.isoformat()
