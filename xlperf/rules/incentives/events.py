"""What happens to a grant, and when: the one event shape every instrument speaks.

Every grant type (options, restricted stock, performance shares and units, SARs, phantom
stock, deferred cash) lists its life as :class:`IncentiveEvent` s — vest, unlock, exercise,
payment, dividend, forfeit, expire, clawback — each dated, with a quantity, a money value and
whether it was settled in cash or shares. :func:`events_in_year` picks the appraisal year's
events for the payout statement and ledger; :func:`totals` adds them up; :func:`grant_summary`
gives a grant's value for the appraisal report. See ``docs/incentives.md``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar, Protocol

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.incentives.dates import as_date
from xlperf.rules.incentives.market import NO_MARKET, MarketData, Quote
from xlperf.rules.incentives.vesting import (
    Tranche,
    VestingYear,
    table_from_tranches,
    vested_quantity,
)


class Instrument(StrEnum):
    """The long-term incentive instruments of domain §5."""

    STOCK_OPTION = "stock_option"
    RESTRICTED_STOCK = "restricted_stock"
    PERFORMANCE_SHARE = "performance_share"
    PERFORMANCE_UNIT = "performance_unit"
    APPRECIATION_RIGHT = "stock_appreciation_right"
    PHANTOM_STOCK = "phantom_stock"
    DEFERRED_CASH = "deferred_cash"

    @property
    def label(self) -> str:
        """English name, as a report prints it."""
        return INSTRUMENT_LABELS[self][0]

    @property
    def label_zh(self) -> str:
        """Chinese name (股票期权, 限制性股票, …)."""
        return INSTRUMENT_LABELS[self][1]


INSTRUMENT_LABELS = {
    Instrument.STOCK_OPTION: ("stock option", "股票期权"),
    Instrument.RESTRICTED_STOCK: ("restricted stock", "限制性股票"),
    Instrument.PERFORMANCE_SHARE: ("performance share", "业绩股票"),
    Instrument.PERFORMANCE_UNIT: ("performance unit", "业绩单位"),
    Instrument.APPRECIATION_RIGHT: ("stock appreciation right", "股票增值权"),
    Instrument.PHANTOM_STOCK: ("phantom stock", "虚拟股票"),
    Instrument.DEFERRED_CASH: ("deferred cash", "其他长期现金计划"),
}


class EventKind(StrEnum):
    """What an event does to the grant."""

    VEST = "vest"  # rights become the holder's (options/SARs: exercisable; perf. shares: delivered)
    UNLOCK = "unlock"  # restricted shares become free to sell (解除限售)
    EXERCISE = "exercise"  # options bought at the strike, or SARs cashed (行权)
    PAYMENT = "payment"  # cash paid: performance units, phantom stock, deferred cash
    DIVIDEND = "dividend"  # dividends (equivalents) paid on restricted or phantom units
    FORFEIT = "forfeit"  # lost: leaving, a condition not met, unearned shares, clawback malus
    EXPIRE = "expire"  # vested options/SARs not exercised by the last day
    CLAWBACK = "clawback"  # paid cash the holder must return (追索扣回); value is negative

    @property
    def label(self) -> str:
        """English wording for a statement line."""
        return KIND_LABELS[self][0]

    @property
    def label_zh(self) -> str:
        """Chinese wording for a statement line."""
        return KIND_LABELS[self][1]


KIND_LABELS = {
    EventKind.VEST: ("vests", "归属"),
    EventKind.UNLOCK: ("unlocks", "解除限售"),
    EventKind.EXERCISE: ("exercised", "行权"),
    EventKind.PAYMENT: ("paid", "支付"),
    EventKind.DIVIDEND: ("dividends", "分红"),
    EventKind.FORFEIT: ("forfeited", "失效"),
    EventKind.EXPIRE: ("expired", "逾期失效"),
    EventKind.CLAWBACK: ("clawed back", "追索扣回"),
}
_KIND_ORDER = {kind: i for i, kind in enumerate(EventKind)}


class Settlement(StrEnum):
    """How an event is delivered."""

    CASH = "cash"
    SHARES = "shares"


EVENT_COLUMNS = ("date", "grant_id", "instrument", "kind", "quantity", "value", "settlement",
                 "realised", "price", "tranche", "estimated", "note")


@dataclasses.dataclass(frozen=True, slots=True)
class IncentiveEvent:
    """One dated event in a grant's life.

    ``value`` is money (Decimal, rounded half-up to the cent once): for a realised event what
    the holder receives (cash paid, or the gain in shares: spread at exercise, market value
    less grant price at unlock, market value of performance shares delivered); for a vest of
    options/SARs their intrinsic value then; for a forfeit or expiry the value given up; for a
    clawback the cash to return, negative. ``realised`` marks events that pay the holder (or
    take back): what a payout statement and ledger show. ``estimated`` marks events valued at
    an estimated price (after the last known price) or on an outcome not yet known.
    """

    date: dt.date
    grant_id: str
    instrument: Instrument
    kind: EventKind
    quantity: int  # shares, options or units (0 for a pure cash amount)
    value: Decimal
    settlement: Settlement
    realised: bool
    price: Decimal | None = None  # share price the value was read at
    tranche: int | None = None  # 1-based tranche number, when the event belongs to one
    estimated: bool = False
    note: str = ""

    def as_row(self) -> tuple[object, ...]:
        """The event as a worksheet row, in :data:`EVENT_COLUMNS` order (enums as text)."""
        return (self.date, self.grant_id, str(self.instrument), str(self.kind), self.quantity,
                self.value, str(self.settlement), self.realised, self.price, self.tranche,
                self.estimated, self.note)

    @property
    def sort_key(self) -> tuple[dt.date, str, int, int]:
        """Date, grant, then vest/unlock before payments before forfeits, then tranche."""
        return (self.date, self.grant_id, _KIND_ORDER[self.kind], self.tranche or 0)


@dataclasses.dataclass(frozen=True, slots=True)
class EventTotals:
    """Money moved by a set of events (a year, a grant, an executive)."""

    cash: Decimal  # realised in cash: payments, dividends, SAR exercises, less clawbacks
    shares: Decimal  # realised in shares: option spreads, unlock gains, shares delivered
    forfeited: Decimal  # value given up: forfeited, lapsed, expired

    @property
    def income(self) -> Decimal:
        """Everything realised: cash + shares."""
        return self.cash + self.shares


def totals(events: Iterable[IncentiveEvent]) -> EventTotals:
    """Add up realised cash, realised share income and value forfeited (exact, in cents)."""
    cash = shares = forfeited = Decimal(0)
    for e in events:
        if e.realised and e.settlement is Settlement.CASH:
            cash += e.value
        elif e.realised:
            shares += e.value
        elif e.kind in (EventKind.FORFEIT, EventKind.EXPIRE):
            forfeited += e.value
    return EventTotals(cash, shares, forfeited)


class Grant(Protocol):
    """What every grant type offers (options, restricted stock, …, deferred cash)."""

    instrument: ClassVar[Instrument]
    grant_id: str
    grant_date: dt.date

    def tranches(self) -> tuple[Tranche, ...]:
        """The grant's planned schedule, as granted (before leaving or conditions)."""

    def events(self, market: MarketData = NO_MARKET) -> tuple[IncentiveEvent, ...]:
        """Every event of the grant's life, past and (estimated) future, in date order."""

    def outstanding_value(self, as_of: dt.date, market: MarketData = NO_MARKET) -> Decimal:
        """What the grant still holds for the holder on ``as_of``, valued that day."""


_VESTED_BY_SCHEDULE = (Instrument.STOCK_OPTION, Instrument.RESTRICTED_STOCK,
                       Instrument.APPRECIATION_RIGHT, Instrument.PHANTOM_STOCK)


def quantity_vested(grant: Grant, on: object) -> int | None:
    """Whole shares, options or units vested by ``on`` by the schedule, the leaving date and
    (restricted stock) the tranches' performance conditions, a tranche counting once its
    condition is met — what XP_VESTED_QTY and the Grants sheet's *Vested at year end* show.
    None for performance plans (they vest on their achievement) and deferred cash (an
    amount)."""
    if grant.instrument not in _VESTED_BY_SCHEDULE:
        return None
    # these four instruments hold a count (phantom stock's is units), a schedule (None: the
    # plan rules'), and a leaving date
    quantity = grant.units if grant.instrument is Instrument.PHANTOM_STOCK else grant.quantity
    schedule = grant.schedule or grant.rules.vesting_schedule
    return vested_quantity(quantity, grant.grant_date, on, schedule, grant.leaving_date,
                           getattr(grant, "conditions_met", ()))


def grant_id_of(value: object) -> str:
    """A grant id as text (``17.0`` from Excel reads ``"17"``; blank is ``""``)."""
    if inputs.is_blank(value):
        return ""
    return inputs.text(value, "grant id", field="grant_id")


def describe_grant(grant: Grant) -> str:
    """``stock option grant "G1" of 2024-03-15`` for error messages and notes."""
    name = f' "{grant.grant_id}"' if grant.grant_id else ""
    return f"{grant.instrument.label} grant{name} of {grant.grant_date.isoformat()}"


def quote_for(grant: Grant, market: MarketData, day: dt.date) -> Quote:
    """The share price on ``day`` for ``grant``; a missing price names the grant."""
    try:
        return market.quote(day)
    except InputError as error:
        raise InputError(f"{describe_grant(grant)}: {error.message}",
                         field=error.field) from None


def sorted_events(events: Iterable[IncentiveEvent]) -> tuple[IncentiveEvent, ...]:
    """Events in date order (then grant, kind and tranche), as every list returns them."""
    return tuple(sorted(events, key=lambda e: e.sort_key))


def events_between(grant: Grant, start: object, end: object,
                   market: MarketData = NO_MARKET) -> tuple[IncentiveEvent, ...]:
    """The grant's events dated from ``start`` to ``end``, both inclusive."""
    first = as_date(start, "start date", field="start")
    last = as_date(end, "end date", field="end")
    if last < first:
        raise InputError(f"period ends {last.isoformat()} before it starts "
                         f"{first.isoformat()}", field="end")
    return tuple(e for e in grant.events(market) if first <= e.date <= last)


def events_in_year(grant: Grant, year: object, market: MarketData = NO_MARKET
                   ) -> tuple[IncentiveEvent, ...]:
    """What vests, unlocks, is exercised, paid or forfeited in the (calendar) appraisal year."""
    y = inputs.year(year, "year", field="year")
    return events_between(grant, dt.date(y, 1, 1), dt.date(y, 12, 31), market)


def all_events_in_year(grants: Sequence[Grant], year: object,
                       market: MarketData = NO_MARKET) -> tuple[IncentiveEvent, ...]:
    """The year's events of several grants (one executive's), in date order."""
    return sorted_events(e for g in grants for e in events_in_year(g, year, market))


def grant_table(grant: Grant, by: str = "calendar") -> tuple[VestingYear, ...]:
    """The grant's yearly vesting (or payment) table, as granted; see
    :func:`~xlperf.rules.incentives.vesting.vesting_table`."""
    return table_from_tranches(grant.tranches(), by)


@dataclasses.dataclass(frozen=True, slots=True)
class GrantSummary:
    """A grant as the appraisal report shows it on a day: schedule, value, what is done."""

    grant_id: str
    instrument: Instrument
    grant_date: dt.date
    as_of: dt.date
    tranches: tuple[Tranche, ...]
    realised: EventTotals  # to date (events on or before ``as_of``)
    outstanding_value: Decimal  # what is still to come, valued on ``as_of``
    upcoming: tuple[IncentiveEvent, ...]  # events after ``as_of`` (estimated where so marked)
    outcomes: tuple[TrancheOutcome, ...] = ()  # each tranche: what it delivers or loses


_DELIVERING = (EventKind.VEST, EventKind.UNLOCK, EventKind.PAYMENT)


@dataclasses.dataclass(frozen=True, slots=True)
class TrancheOutcome:
    """What one tranche of a grant comes to: the event that vests, unlocks or pays it (None
    when it is lost) and the event that forfeits it (None when it is not)."""

    tranche: Tranche
    delivered: IncentiveEvent | None
    forfeited: IncentiveEvent | None


def tranche_outcomes(tranches: Sequence[Tranche], events: Sequence[IncentiveEvent]
                     ) -> tuple[TrancheOutcome, ...]:
    """Each tranche with its delivering and forfeiting events: the performance shares a
    tranche actually delivers (72,000 of a 60,000 target at a 120% payout), the cash a
    deferred-cash instalment pays, a restricted tranche forfeited for a condition not met."""
    def first(kinds: tuple[EventKind, ...], number: int) -> IncentiveEvent | None:
        return next((e for e in events if e.tranche == number and e.kind in kinds), None)
    return tuple(TrancheOutcome(t, first(_DELIVERING, t.number),
                                first((EventKind.FORFEIT,), t.number)) for t in tranches)


def grant_summary(grant: Grant, as_of: object, market: MarketData = NO_MARKET) -> GrantSummary:
    """The grant's schedule, realised value to date, outstanding value and upcoming events."""
    day = as_date(as_of, "as-of date", field="as_of")
    events = grant.events(market)
    return GrantSummary(grant.grant_id, grant.instrument, grant.grant_date, day,
                        grant.tranches(), totals(e for e in events if e.date <= day),
                        grant.outstanding_value(day, market),
                        tuple(e for e in events if e.date > day),
                        tranche_outcomes(grant.tranches(), events))
