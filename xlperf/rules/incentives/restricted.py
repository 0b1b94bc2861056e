"""Restricted stock (限制性股票): shares bought at a grant price, locked, unlocked in tranches.

The holder pays the grant price (in China mostly 50%–100% of the market price) for shares
that unlock by the schedule when the service condition (still in service on the unlock date)
and the tranche's performance condition (if any) are met. Rules, as xlperf applies them:

- Value at unlock (the holder's gain): ``(P − grant price) × shares unlocked`` at the unlock
  day's price; negative when the share is below the grant price (the holder is under water).
- A tranche whose performance condition is not met is forfeited on its unlock date; on
  leaving, every locked share is forfeited on the last day of service. Forfeited shares are
  bought back at the grant price (the holder gets the price paid back; that refund is not
  income), so the value given up is ``max(0, P − grant price) × n`` plus any dividends held.
- Dividends during lock-up: ``"held"`` (default, the usual Chinese practice) — the company
  keeps the cash dividends of locked shares and pays them with the tranche at unlock (a
  ``dividend`` event that day); they are lost with forfeited shares. ``"paid"`` — paid on each
  ex-dividend date on the shares then locked. A dividend counts for a tranche when its
  ex-date falls strictly after the grant date and strictly before the unlock date.
- A condition not yet known (blank) is assumed met and the unlock is marked estimated.
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
from xlperf.rules.incentives.defaults import (
    DEFAULT_INCENTIVE_RULES,
    DIVIDEND_TREATMENTS,
    IncentiveRules,
)
from xlperf.rules.incentives.events import (
    EventKind,
    IncentiveEvent,
    Instrument,
    Settlement,
    describe_grant,
    grant_id_of,
    quote_for,
    sorted_events,
)
from xlperf.rules.incentives.market import NO_MARKET, MarketData
from xlperf.rules.incentives.vesting import (
    Tranche,
    VestingSchedule,
    as_schedule,
    checked_conditions,
)
from xlperf.rules.money import check_grant_value, money, money_result

_ONE_DAY = dt.timedelta(days=1)


def unlock_value(price: object, grant_price: object, quantity: object,
                 dividends_per_share: object = 0) -> Decimal:
    """``(P − grant price) × n + dividends per share × n``, rounded once to the cent."""
    p = inputs.amount(price, "share price", field="price")  # 0 to 10^15, as every amount
    g = inputs.amount(grant_price, "grant price", field="grant_price")
    d = inputs.amount(0 if dividends_per_share is None else dividends_per_share,
                      "dividends per share", field="dividends")
    n = inputs.count(quantity, "quantity", field="quantity")
    return money_result((p - g + d) * n, "unlock value", field="quantity")


@dataclasses.dataclass(frozen=True)
class RestrictedStockGrant:
    """A grant of restricted shares bought at ``grant_price`` and unlocked by ``schedule``.

    ``conditions_met`` is empty (service condition only) or one entry per tranche: True (met),
    False (not met: forfeited) or None (not yet known: assumed met, estimated).
    """

    instrument: ClassVar[Instrument] = Instrument.RESTRICTED_STOCK

    grant_date: dt.date
    quantity: int
    grant_price: Decimal
    schedule: VestingSchedule | None = None  # None: the rules' vesting schedule
    conditions_met: tuple[bool | None, ...] = ()
    leaving_date: dt.date | None = None
    grant_date_price: Decimal | None = None  # market price on the grant date
    dividends: str | None = None  # "held" or "paid"; None: the rules' choice
    grant_id: str = ""
    rules: IncentiveRules = DEFAULT_INCENTIVE_RULES

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "grant_date", as_date(self.grant_date, "grant date", field="grant_date"))
        set_(self, "quantity", inputs.count(self.quantity, "quantity", field="quantity",
                                            least=1))
        set_(self, "grant_price", _price(self.grant_price, "grant price"))
        if self.grant_date_price is not None:
            set_(self, "grant_date_price", _price(self.grant_date_price,
                                                  "grant-date share price"))
        check_grant_value(self.quantity, (("grant price", self.grant_price),
                                          ("grant-date price", self.grant_date_price)))
        set_(self, "schedule", as_schedule(self.rules.vesting_schedule if self.schedule is None
                                           else self.schedule))
        set_(self, "conditions_met", checked_conditions(
            self.conditions_met, len(self.schedule.tranches),
            "restricted stock performance conditions"))
        set_(self, "leaving_date", leaving_date_for(self.leaving_date, self.grant_date))
        treatment = inputs.choice(self.dividends or self.rules.restricted_dividends)
        if treatment not in DIVIDEND_TREATMENTS:
            raise InputError(f'dividends is "{self.dividends}", expected "held" or "paid"',
                             field="dividends")
        set_(self, "dividends", treatment)
        set_(self, "grant_id", grant_id_of(self.grant_id))

    def tranches(self) -> tuple[Tranche, ...]:
        """The unlock tranches as granted."""
        return self.schedule.tranches_for(self.grant_date, self.quantity)

    def fair_value(self) -> Decimal:
        """Grant-date fair value: ``(grant-date price − grant price) × shares`` (the discount)."""
        if self.grant_date_price is None:
            raise InputError(f"{describe_grant(self)}: give the grant-date share price to value "
                             "it", field="grant_date_price")
        return money((self.grant_date_price - self.grant_price) * self.quantity)

    def _served(self, t: Tranche) -> bool:
        return self.leaving_date is None or t.date <= self.leaving_date

    def _condition(self, t: Tranche) -> bool | None:
        return self.conditions_met[t.number - 1] if self.conditions_met else True

    def _held_dividends(self, market: MarketData, before: dt.date, quantity: int) -> Decimal:
        if self.dividends != "held":
            return Decimal(0)
        return money(market.dividend_total(self.grant_date, before) * quantity)

    def events(self, market: MarketData = NO_MARKET) -> tuple[IncentiveEvent, ...]:
        """Unlocks (with held dividends), forfeits, and dividends paid during lock-up."""
        out: list[IncentiveEvent] = []
        for t in self.tranches():
            if self._served(t):
                out.extend(self._tranche_events(t, market))
        locked = sum(t.quantity for t in self.tranches() if not self._served(t))
        if locked:
            day = self.leaving_date
            out.append(self._forfeit(day, locked, market, day + _ONE_DAY, None,
                                     "locked on leaving: bought back at the grant price"))
        if self.dividends == "paid":
            out.extend(self._paid_dividends(market))
        return sorted_events(out)

    def _event(self, kind: EventKind, day: dt.date, quantity: int, value: Decimal,
               settlement: Settlement, **extra: object) -> IncentiveEvent:
        realised = kind in (EventKind.UNLOCK, EventKind.DIVIDEND)
        return IncentiveEvent(day, self.grant_id, self.instrument, kind, quantity, value,
                              settlement, realised, **extra)

    def _tranche_events(self, t: Tranche, market: MarketData) -> Iterator[IncentiveEvent]:
        met = self._condition(t)
        if met is False:
            yield self._forfeit(t.date, t.quantity, market, t.date, t.number,
                                "performance condition not met: bought back at the grant price")
            return
        q = quote_for(self, market, t.date)
        estimated = q.estimated or met is None
        note = "performance condition not yet assessed: assumed met" if met is None else ""
        yield self._event(EventKind.UNLOCK, t.date, t.quantity,
                          money((q.price - self.grant_price) * t.quantity), Settlement.SHARES,
                          price=q.price, tranche=t.number, estimated=estimated, note=note)
        held = self._held_dividends(market, t.date, t.quantity)
        if held:
            yield self._event(EventKind.DIVIDEND, t.date, t.quantity, held, Settlement.CASH,
                              tranche=t.number, estimated=met is None,
                              note="dividends held during lock-up, paid at unlock")

    def _forfeit(self, day: dt.date, quantity: int, market: MarketData, before: dt.date,
                 tranche: int | None, why: str) -> IncentiveEvent:
        q = quote_for(self, market, day)
        value = (money(max(Decimal(0), q.price - self.grant_price) * quantity)
                 + self._held_dividends(market, before, quantity))
        return self._event(EventKind.FORFEIT, day, quantity, value, Settlement.SHARES,
                           price=q.price, tranche=tranche, estimated=q.estimated, note=why)

    def _paid_dividends(self, market: MarketData) -> Iterator[IncentiveEvent]:
        end = self.leaving_date + _ONE_DAY if self.leaving_date else dt.date.max
        for day, per_share in market.dividends_between(self.grant_date, end):
            locked = sum(t.quantity for t in self.tranches() if t.date > day)
            if locked and per_share:
                yield self._event(EventKind.DIVIDEND, day, locked, money(per_share * locked),
                                  Settlement.CASH, note="dividend on locked shares")

    def outstanding_value(self, as_of: object, market: MarketData = NO_MARKET) -> Decimal:
        """Value on ``as_of`` of the shares still locked: ``(P − grant price) × n`` plus the
        dividends held for them so far."""
        day = as_date(as_of, "as-of date", field="as_of")
        if self.leaving_date is not None and day >= self.leaving_date:
            return Decimal(0)
        locked = sum(t.quantity for t in self.tranches() if t.date > day)
        if not locked:
            return Decimal(0)
        q = quote_for(self, market, day)
        return (money((q.price - self.grant_price) * locked)
                + self._held_dividends(market, day + _ONE_DAY, locked))


def _price(value: object, what: str) -> Decimal:
    price = inputs.decimal(value, what, field=what.replace(" ", "_"))
    if price < 0:
        raise InputError(f"{what} is {price}, expected zero or more", field=what.replace(" ", "_"))
    return price
