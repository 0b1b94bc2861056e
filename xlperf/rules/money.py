"""Money and rounding: Decimal amounts, half-up (四舍五入) at defined points only.

Amounts are never carried in binary floating point: an input float is read as the number
Excel shows (15 significant digits), computed in :class:`~decimal.Decimal` and rounded to
the cent once, where a rule says so. Scores are floats but are rounded the same way
(half-up on the shown number) where they become a score of record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

from xlperf.errors import InputError
from xlperf.rules import inputs

CENT = Decimal("0.01")


def round_half_up(value: object, places: int = 2) -> Decimal:
    """``value`` rounded half-up to ``places`` decimals, as Excel's ROUND does (0.005 → 0.01)."""
    amount = inputs.decimal(value, "amount")
    try:
        return amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the decimal context holds (about 1e26)
        shown = (format(amount.normalize(), "E") if isinstance(value, Decimal)  # 1E+300, not
                 else inputs.describe(value))  # 1.000000000000000000000000000E+300
        raise InputError(f"{shown} is too large a number") from None


LIMIT_TEXT = "10^15"  # inputs.MAX_AMOUNT as a message says it


def money_result(value: Decimal, what: str, *, field: str | None = None,
                 formula: str | Callable[[], str] = "") -> Decimal:
    """A computed amount (a price difference × a quantity) rounded to the cent, refused when
    it is beyond :data:`inputs.MAX_AMOUNT` (10^15, Excel's 15 digits) either way, as its
    inputs are: "total value is more than 10^15, too large an amount", never a number a
    cell cannot hold or ``inf``. ``formula`` says how it was computed, in brackets after
    ``what``: "bonus (coefficient 1.5 × standard 1,000,000,000,000,000 × 12/12 months) is
    more than 10^15, too large an amount"."""
    if abs(value) > inputs.MAX_AMOUNT:
        beyond = f"more than {LIMIT_TEXT}" if value > 0 else f"less than -{LIMIT_TEXT}"
        formula = formula() if callable(formula) else formula  # a function: only worded here
        how = f" ({formula})" if formula else ""
        raise InputError(f"{what}{how} is {beyond}, too large an amount",
                         field=field or what.replace(" ", "_"))
    return money(value)


def figure(value: object) -> str:
    """A number in a message, as Excel shows it (15 significant digits) and grouped:
    ``1,000,000,000,000,000``, ``1.5``, ``7.5``, ``0.6``."""
    number = inputs.decimal(value, "number")
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"


def check_grant_value(quantity: object, prices: Sequence[tuple[str, object]], *,
                      field: str = "quantity") -> None:
    """Refuse a long-term incentive grant whose quantity × one of its ``prices`` (name,
    price; None when not given) is beyond 10^15 — the money of exercising, unlocking or
    paying it could not be held to the cent: "grant value (quantity 100,000,000,000,000 ×
    grant-date price 16) is more than 10^15, too large an amount", said at the quantity
    (``field``). The largest product is named."""
    given = [(name, inputs.decimal(price, name)) for name, price in prices if price is not None]
    if not given:
        return
    n = inputs.decimal(quantity, "quantity")
    name, price = max(given, key=lambda item: item[1])
    money_result(n * price, "grant value", field=field,
                 formula=lambda: f"quantity {figure(n)} × {name} {figure(price)}")


def money(value: object) -> Decimal:
    """``value`` as an amount of money, rounded half-up to the cent."""
    return round_half_up(value, 2)


def round_score(score: float, places: int = 2) -> float:
    """A score of record: ``score`` rounded half-up to ``places`` decimals, as a float."""
    return float(round_half_up(score, places))


def split_exact(total: Decimal, shares: Sequence[object]) -> list[Decimal]:
    """Split ``total`` (in cents) in proportion to ``shares``; the parts add up to ``total``.

    Each part is rounded down to the cent and the cents left over go, one each, to the parts
    that lost the most in rounding (largest remainder), earliest part first on ties.
    """
    weights = [inputs.decimal(s, "share") for s in shares]
    if not weights or any(w < 0 for w in weights) or sum(weights) == 0:
        raise InputError(f"cannot split an amount by shares {list(shares)}")
    total = money(total)
    if total < 0:
        return [-part for part in split_exact(-total, shares)]
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    parts = [e.quantize(CENT, rounding=ROUND_FLOOR) for e in exact]
    left = int((total - sum(parts)) / CENT)
    by_loss = sorted(range(len(parts)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in by_loss[:left]:
        parts[i] += CENT
    return parts


def format_amount(amount: Decimal, symbol: str = "¥") -> str:
    """``¥1,234,567.89`` (negative as ``-¥1,234.00``), the way finance reads amounts."""
    amount = money(amount)
    sign = "-" if amount < 0 else ""
    return f"{sign}{symbol}{abs(amount):,.2f}"


def whole_fen_up(value: Decimal) -> Decimal:
    """A price floor as a price that can be quoted: rounded UP to the fen (0.01), the lowest
    price that is not below the floor (50% of 10.21 = 5.105 → 5.11; 5.10 would be below)."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_CEILING)


def price_text(value: Decimal) -> str:
    """A price per share with at least 2 decimals: ``10.00``, ``23.10``, ``4.8272``."""
    if value.as_tuple().exponent >= -2 or value == value.quantize(Decimal("0.01")):
        return f"{value:,.2f}"
    return f"{value.normalize():,f}"
