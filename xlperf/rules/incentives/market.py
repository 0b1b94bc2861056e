"""Share prices and dividends by date: what the instruments value themselves against.

A :class:`MarketData` holds closing prices by date and cash dividends per share by
ex-dividend date, both as 2-column worksheet ranges (date, amount). The price on a day is
its closing price; a day without one (a weekend, an exchange holiday) takes the closing
price of the last trading day before it, when that price is at most
:data:`MAX_PRICE_AGE_DAYS` calendar days older than the day. The longest closures of the
Shanghai and Shenzhen exchanges stay within that (Spring Festival 2024: closed 9–18
February, the last close on the 8th, 10 days before the 18th); a longer gap means the table
lacks the price, and is an error naming the day and the two nearest prices, never a
silently stale price. A day after the last price takes the last price and is
marked *estimated*: that is how an appraisal report values what is still to come, and the
event says so. A day before the first price is an error that names the missing date.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.incentives.dates import as_date
from xlperf.rules.incentives.ranges import rows_of
from xlperf.rules.money import price_text

MAX_PRICE_AGE_DAYS = 10  # calendar days a day without a close may reach back (see above)


@dataclasses.dataclass(frozen=True)
class Quote:
    """A share price read for a day: the price, the day it was observed, and whether the
    day lies after the last observation (an estimate at the latest price)."""

    price: Decimal
    observed: dt.date
    estimated: bool


def _dated_amounts(rows: Iterable[object], what: str) -> tuple[tuple[dt.date, Decimal], ...]:
    out: dict[dt.date, Decimal] = {}
    for i, row in enumerate(rows_of(rows), start=1):
        cells = row if isinstance(row, list) else [row]
        if len(cells) != 2:
            raise InputError(f"{what} row {i} has {len(cells)} columns, expected 2: date, "
                             "amount", field=what)
        day = as_date(cells[0], f"{what} row {i} date", field=what)
        amount = inputs.decimal(cells[1], f"{what} row {i} amount", field=what)
        if amount < 0:
            raise InputError(f"{what} row {i} amount is {amount}, expected zero or more",
                             field=what)
        if day in out and out[day] != amount:
            raise InputError(f"{what} has two different amounts on {day.isoformat()} "
                             f"({out[day]} and {amount}): keep one", field=what)
        out[day] = amount
    return tuple(sorted(out.items()))


@dataclasses.dataclass(frozen=True)
class MarketData:
    """Closing share prices by date and cash dividends per share by ex-dividend date."""

    prices: tuple[tuple[dt.date, Decimal], ...] = ()
    dividends: tuple[tuple[dt.date, Decimal], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "prices", _dated_amounts(self.prices, "share prices"))
        object.__setattr__(self, "dividends", _dated_amounts(self.dividends, "dividends"))

    @classmethod
    def from_rows(cls, prices: Iterable[object], dividends: Iterable[object] = ()
                  ) -> MarketData:
        """From two 2-column ranges: (date, closing price) and (ex-date, dividend per share)."""
        return cls(tuple(prices), tuple(dividends))

    @classmethod
    def at_price(cls, price: object, on: object = dt.date.min,
                 dividends: Iterable[object] = ()) -> MarketData:
        """One price from ``on`` onwards (every later day is an estimate at that price)."""
        return cls(((on, price),), tuple(dividends))

    def quote(self, day: dt.date) -> Quote:
        """The price on ``day``: its close, else the last close at most
        :data:`MAX_PRICE_AGE_DAYS` days before it (an estimate after the last price)."""
        if not self.prices:
            raise InputError("no share prices given: give (date, closing price) rows",
                             field="share prices")
        days = [d for d, _ in self.prices]
        i = bisect.bisect_right(days, day)
        if i == 0:
            raise InputError(f"no share price on or before {day.isoformat()}: the prices "
                             f"start on {days[0].isoformat()}", field="share prices")
        observed, price = self.prices[i - 1]
        if day > days[-1]:
            return Quote(price, observed, True)
        if (day - observed).days > MAX_PRICE_AGE_DAYS:
            after, later = self.prices[i]
            raise InputError(
                f"no share price near {day.isoformat()}: the nearest are {price_text(price)} on "
                f"{observed.isoformat()} ({_days(day - observed)} before) and "
                f"{price_text(later)} on {after.isoformat()} ({_days(after - day)} after). A "
                "day without a closing price takes the last close at most "
                f"{MAX_PRICE_AGE_DAYS} days before it (a weekend or exchange holiday): add "
                f"the closing price of the last trading day on or before {day.isoformat()} "
                "to the share prices", field="share prices")
        return Quote(price, observed, False)

    def dividends_between(self, after: dt.date, before: dt.date
                          ) -> tuple[tuple[dt.date, Decimal], ...]:
        """Dividends per share with an ex-date strictly after ``after`` and before ``before``."""
        return tuple((d, a) for d, a in self.dividends if after < d < before)

    def dividend_total(self, after: dt.date, before: dt.date) -> Decimal:
        """Σ dividends per share with an ex-date strictly between the two days."""
        return sum((a for _, a in self.dividends_between(after, before)), Decimal(0))


def _days(span: dt.timedelta) -> str:
    return "1 day" if span.days == 1 else f"{span.days} days"


NO_MARKET = MarketData()
