"""Rights that vest and are then exercised: the common life of stock options and SARs.

A grant of n rights at an exercise price vests by its schedule; vested rights may be
exercised (in parts, on any day) until the last exercise day: the expiry date (grant date +
the term, 10 years by default; exercisable on that day) or, after leaving, the end of the
post-leaving window (0 months by default: vested rights lapse on the last day of service, as
most Chinese listed-company plans say). Unvested rights are forfeited on leaving; vested ones
not exercised by the last day expire. Exercises are checked when the grant is built: none
before it vests, after the last day, or of more rights than have vested.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import ClassVar

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.incentives.dates import add_months, as_date, leaving_date_for
from xlperf.rules.incentives.defaults import DEFAULT_INCENTIVE_RULES, IncentiveRules
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
from xlperf.rules.incentives.ranges import rows_of
from xlperf.rules.incentives.vesting import Tranche, VestingSchedule, as_schedule
from xlperf.rules.money import money


@dataclasses.dataclass(frozen=True)
class Exercise:
    """An exercise of vested rights: date, quantity and (optionally) the share price then.

    Without a price the market's price on that day is used.
    """

    date: dt.date
    quantity: int
    price: Decimal | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "date", as_date(self.date, "exercise date", field="exercise"))
        n = inputs.count(self.quantity, "exercise quantity", field="exercise", least=1)
        object.__setattr__(self, "quantity", n)
        if not inputs.is_blank(self.price):
            price = inputs.decimal(self.price, "exercise-day share price", field="exercise")
            if price < 0:
                raise InputError(f"exercise-day share price is {price}, expected zero or more",
                                 field="exercise")
            object.__setattr__(self, "price", price)
        else:
            object.__setattr__(self, "price", None)


def exercises_from_rows(rows: Iterable[object] | None) -> tuple[Exercise, ...]:
    """Exercises from a range of (date, quantity[, share price]) rows (or ``Exercise`` s),
    in date order; blank rows skipped."""
    out = []
    for row in rows_of(rows, widths=(2, 3)):
        if isinstance(row, Exercise):
            out.append(row)
            continue
        cells = row if isinstance(row, list) else [row]
        if not 2 <= len(cells) <= 3:
            raise InputError(f"exercise row has {len(cells)} columns, expected date, quantity "
                             "and optionally the share price", field="exercise")
        out.append(Exercise(*cells))
    return tuple(sorted(out, key=lambda e: e.date))


@dataclasses.dataclass(frozen=True)
class ExercisableGrant:
    """The shared fields and life of options and SARs (use the concrete classes)."""

    instrument: ClassVar[Instrument]
    settlement: ClassVar[Settlement]

    grant_date: dt.date
    quantity: int
    exercise_price: Decimal
    schedule: VestingSchedule | None = None  # None: the rules' vesting schedule
    exercises: tuple[Exercise, ...] = ()
    leaving_date: dt.date | None = None  # last day of service
    term_years: int | None = None  # None: the rules' option term
    exercise_window_months: int | None = None  # None: the rules' window after leaving
    grant_id: str = ""
    rules: IncentiveRules = DEFAULT_INCENTIVE_RULES

    def __post_init__(self) -> None:
        if not hasattr(self, "instrument"):
            raise TypeError("use StockOptionGrant or AppreciationRightGrant")
        set_ = object.__setattr__
        set_(self, "grant_date", as_date(self.grant_date, "grant date", field="grant_date"))
        set_(self, "quantity", inputs.count(self.quantity, "quantity", field="quantity",
                                            least=1))
        price = inputs.decimal(self.exercise_price, "exercise price", field="exercise_price")
        if price < 0:
            raise InputError(f"exercise price is {price}, expected zero or more",
                             field="exercise_price")
        set_(self, "exercise_price", price)
        schedule = self.rules.vesting_schedule if self.schedule is None else self.schedule
        set_(self, "schedule", as_schedule(schedule))
        set_(self, "leaving_date", leaving_date_for(self.leaving_date, self.grant_date))
        term = self.rules.option_term_years if self.term_years is None else self.term_years
        set_(self, "term_years", inputs.count(term, "term years", field="term_years", least=1))
        window = (self.rules.exercise_window_months if self.exercise_window_months is None
                  else self.exercise_window_months)
        set_(self, "exercise_window_months", inputs.count(window, "exercise window months",
                                                          field="exercise_window"))
        set_(self, "grant_id", grant_id_of(self.grant_id))
        set_(self, "exercises", exercises_from_rows(self.exercises))
        self._check_exercises()

    # -- the terms ---------------------------------------------------------------------
    @property
    def expiry_date(self) -> dt.date:
        """The last day the rights can be exercised: grant date + term (anniversary)."""
        return add_months(self.grant_date, 12 * self.term_years)

    @property
    def last_exercise_day(self) -> dt.date:
        """Expiry, or after leaving the end of the post-leaving window if that comes first."""
        if self.leaving_date is None:
            return self.expiry_date
        return min(self.expiry_date, add_months(self.leaving_date, self.exercise_window_months))

    def tranches(self) -> tuple[Tranche, ...]:
        """The vesting tranches as granted."""
        return self.schedule.tranches_for(self.grant_date, self.quantity)

    def vested_by(self, day: dt.date) -> int:
        """Rights vested by ``day`` (none vest after the last day of service)."""
        if self.leaving_date is not None:
            day = min(day, self.leaving_date)
        return sum(t.quantity for t in self.tranches() if t.date <= day)

    def exercised_by(self, day: dt.date) -> int:
        """Rights exercised on or before ``day``."""
        return sum(e.quantity for e in self.exercises if e.date <= day)

    def _check_exercises(self) -> None:
        done = 0
        for e in self.exercises:
            where = f"{describe_grant(self)}: exercise of {e.quantity} on {e.date.isoformat()}"
            if e.date > self.last_exercise_day:
                raise InputError(f"{where} is after the last exercise day "
                                 f"{self.last_exercise_day.isoformat()}", field="exercise")
            done += e.quantity
            vested = self.vested_by(e.date)
            if done > vested:
                raise InputError(f"{where} brings exercises to {done}, but only {vested} had "
                                 "vested by then", field="exercise")

    # -- values (the concrete classes define the gain) -----------------------------------
    def gain_per_unit(self, price: Decimal) -> Decimal:
        """What one right is worth at a share price (intrinsic; a SAR: capped)."""
        return max(Decimal(0), price - self.exercise_price)

    def exercise_value(self, price: Decimal, quantity: int, paid_before: Decimal) -> Decimal:
        """The money an exercise realises (a SAR with a total cap: what the cap still allows)."""
        return money(self.gain_per_unit(price) * quantity)

    # -- events -------------------------------------------------------------------------
    def events(self, market: MarketData = NO_MARKET) -> tuple[IncentiveEvent, ...]:
        """Vests, forfeiture on leaving, exercises and expiry, in date order."""
        out = [self._tranche_event(t, market) for t in self.tranches()
               if self.leaving_date is None or t.date <= self.leaving_date]
        if self.leaving_date is not None and self.vested_by(self.leaving_date) < self.quantity:
            out.append(self._lost(EventKind.FORFEIT, self.leaving_date,
                                  self.quantity - self.vested_by(self.leaving_date), market,
                                  "unvested on leaving"))
        paid = Decimal(0)
        for e in self.exercises:
            event = self._exercise_event(e, market, paid)
            paid += event.value
            out.append(event)
        last = self.last_exercise_day
        left = self.vested_by(last) - self.exercised_by(last)
        if left > 0:
            why = ("not exercised by the end of the window after leaving"
                   if last < self.expiry_date else "not exercised by expiry")
            out.append(self._lost(EventKind.EXPIRE, last, left, market, why))
        return sorted_events(out)

    def _event(self, kind: EventKind, day: dt.date, quantity: int, value: Decimal,
               **extra: object) -> IncentiveEvent:
        return IncentiveEvent(day, self.grant_id, self.instrument, kind, quantity, value,
                              self.settlement, kind is EventKind.EXERCISE, **extra)

    def _tranche_event(self, t: Tranche, market: MarketData) -> IncentiveEvent:
        q = quote_for(self, market, t.date)
        return self._event(EventKind.VEST, t.date, t.quantity,
                           money(self.gain_per_unit(q.price) * t.quantity), price=q.price,
                           tranche=t.number, estimated=q.estimated)

    def _lost(self, kind: EventKind, day: dt.date, quantity: int, market: MarketData,
              why: str) -> IncentiveEvent:
        q = quote_for(self, market, day)
        return self._event(kind, day, quantity, money(self.gain_per_unit(q.price) * quantity),
                           price=q.price, estimated=q.estimated, note=why)

    def _exercise_event(self, e: Exercise, market: MarketData, paid: Decimal
                        ) -> IncentiveEvent:
        if e.price is not None:
            price, estimated = e.price, False
        else:
            q = quote_for(self, market, e.date)
            price, estimated = q.price, q.estimated
        value = self.exercise_value(price, e.quantity, paid)
        note = f"exercise price {self.exercise_price}"
        if value < money(max(Decimal(0), price - self.exercise_price) * e.quantity):
            note += "; capped"
        return self._event(EventKind.EXERCISE, e.date, e.quantity, value, price=price,
                           estimated=estimated, note=note)

    def outstanding_value(self, as_of: object, market: MarketData = NO_MARKET) -> Decimal:
        """Intrinsic value on ``as_of`` of the rights still held (vested and unvested)."""
        day = as_date(as_of, "as-of date", field="as_of")
        if day > self.last_exercise_day:
            return Decimal(0)
        left = self.leaving_date is not None and day >= self.leaving_date
        unvested = 0 if left else self.quantity - self.vested_by(day)
        held = self.vested_by(day) - self.exercised_by(day) + unvested
        q = quote_for(self, market, day)
        paid = sum((e.value for e in self.events(market)
                    if e.kind is EventKind.EXERCISE and e.date <= day), Decimal(0))
        return self.exercise_value(q.price, held, paid) if held else Decimal(0)

