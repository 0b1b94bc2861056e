"""Phantom stock (虚拟股票): units tracking the share, paid in cash, lapsing on leaving.

Units vest by the schedule and each tranche is paid in cash on its vesting date:

- *full value* (no ``base_price``): ``P × units``;
- *appreciation* (with a ``base_price``): ``max(0, P − base price) × units``.

Dividend equivalents (``dividend_equivalents``, default on: the article's 分红收益): on each
ex-dividend date strictly after the grant date, the dividend per share × the units then
outstanding (granted, not yet paid, not lapsed) is paid in cash. Phantom units carry no vote
and cannot be sold; on leaving every unit not yet paid lapses on the last day of service
(离开企业时自动失效), whatever the reason for leaving.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import ClassVar

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.incentives.dates import as_date, leaving_date_for
from xlperf.rules.incentives.defaults import DEFAULT_INCENTIVE_RULES, IncentiveRules
from xlperf.rules.incentives.events import (
    EventKind,
    IncentiveEvent,
    Instrument,
    Settlement,
    grant_id_of,
    quote_for,
    sorted_events,
)
from xlperf.rules.incentives.market import NO_MARKET, MarketData
from xlperf.rules.incentives.vesting import Tranche, VestingSchedule, as_schedule
from xlperf.rules.money import check_grant_value, money, money_result


def phantom_value(units: object, price: object, base_price: object = None,
                  dividends_per_unit: object = 0) -> Decimal:
    """Cash of ``units`` phantom units: ``(P or max(0, P − base)) × n + dividends × n``."""
    n = inputs.count(units, "units", field="units")
    p = inputs.amount(price, "share price", field="price")  # 0 to 10^15, as every amount
    d = inputs.amount(0 if dividends_per_unit is None else dividends_per_unit,
                      "dividends per unit", field="dividends")
    base = _base(base_price)
    per_unit = p if base is None else max(Decimal(0), p - base)
    return money_result((per_unit + d) * n, "phantom stock cash", field="units")


def _base(value: object) -> Decimal | None:
    if inputs.is_blank(value):
        return None
    base = inputs.decimal(value, "base price", field="base_price")
    if base < 0:
        raise InputError(f"base price is {base}, expected zero or more (blank for full value)",
                         field="base_price")
    return base


@dataclasses.dataclass(frozen=True)
class PhantomStockGrant:
    """Phantom units: full value (no ``base_price``) or appreciation over ``base_price``."""

    instrument: ClassVar[Instrument] = Instrument.PHANTOM_STOCK

    grant_date: dt.date
    units: int
    base_price: Decimal | None = None
    schedule: VestingSchedule | None = None  # None: the rules' vesting schedule
    dividend_equivalents: bool | None = None  # None: the rules' choice
    leaving_date: dt.date | None = None
    grant_id: str = ""
    rules: IncentiveRules = DEFAULT_INCENTIVE_RULES

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "grant_date", as_date(self.grant_date, "grant date", field="grant_date"))
        set_(self, "units", inputs.count(self.units, "units", field="units", least=1))
        set_(self, "base_price", _base(self.base_price))
        check_grant_value(self.units, (("base price", self.base_price),))
        set_(self, "schedule", as_schedule(self.rules.vesting_schedule if self.schedule is None
                                           else self.schedule))
        equivalents = (self.rules.phantom_dividend_equivalents
                       if self.dividend_equivalents is None else self.dividend_equivalents)
        set_(self, "dividend_equivalents", inputs.done(equivalents, "dividend equivalents",
                                                       field="dividend_equivalents"))
        set_(self, "leaving_date", leaving_date_for(self.leaving_date, self.grant_date))
        set_(self, "grant_id", grant_id_of(self.grant_id))

    @property
    def mode(self) -> str:
        """``"full_value"`` or ``"appreciation"``."""
        return "full_value" if self.base_price is None else "appreciation"

    def value_per_unit(self, price: Decimal) -> Decimal:
        """What one unit pays at a share price."""
        return price if self.base_price is None else max(Decimal(0), price - self.base_price)

    def tranches(self) -> tuple[Tranche, ...]:
        """The vesting (and payment) tranches as granted."""
        return self.schedule.tranches_for(self.grant_date, self.units)

    def _served(self, t: Tranche) -> bool:
        return self.leaving_date is None or t.date <= self.leaving_date

    def events(self, market: MarketData = NO_MARKET) -> tuple[IncentiveEvent, ...]:
        """Payments at vesting, dividend equivalents, and the lapse on leaving."""
        out = [self._payment(t, market) for t in self.tranches() if self._served(t)]
        lapsed = sum(t.quantity for t in self.tranches() if not self._served(t))
        if lapsed:
            q = quote_for(self, market, self.leaving_date)
            out.append(IncentiveEvent(
                self.leaving_date, self.grant_id, self.instrument, EventKind.FORFEIT, lapsed,
                money(self.value_per_unit(q.price) * lapsed), Settlement.CASH, False,
                price=q.price, estimated=q.estimated, note="lapsed on leaving"))
        if self.dividend_equivalents:
            out.extend(self._dividends(market))
        return sorted_events(out)

    def _payment(self, t: Tranche, market: MarketData) -> IncentiveEvent:
        q = quote_for(self, market, t.date)
        return IncentiveEvent(t.date, self.grant_id, self.instrument, EventKind.PAYMENT,
                              t.quantity, money(self.value_per_unit(q.price) * t.quantity),
                              Settlement.CASH, True, price=q.price, tranche=t.number,
                              estimated=q.estimated, note=self.mode.replace("_", " "))

    def _dividends(self, market: MarketData) -> Iterator[IncentiveEvent]:
        end = self.leaving_date + dt.timedelta(days=1) if self.leaving_date else dt.date.max
        for day, per_unit in market.dividends_between(self.grant_date, end):
            outstanding = sum(t.quantity for t in self.tranches() if t.date > day)
            if outstanding and per_unit:
                yield IncentiveEvent(day, self.grant_id, self.instrument, EventKind.DIVIDEND,
                                     outstanding, money(per_unit * outstanding),
                                     Settlement.CASH, True, note="dividend equivalent")

    def outstanding_value(self, as_of: object, market: MarketData = NO_MARKET) -> Decimal:
        """Units not yet paid on ``as_of``, valued at that day's price (0 after leaving)."""
        day = as_date(as_of, "as-of date", field="as_of")
        if self.leaving_date is not None and day >= self.leaving_date:
            return Decimal(0)
        outstanding = sum(t.quantity for t in self.tranches() if t.date > day)
        if not outstanding:
            return Decimal(0)
        return money(self.value_per_unit(quote_for(self, market, day).price) * outstanding)
