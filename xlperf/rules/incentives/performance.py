"""Performance shares (业绩股票) and performance units (业绩单位): paid by multi-year achievement.

A target number of shares (or units of a fixed cash value) is earned at the end of a
performance period (3 years by default, domain §5: ≥ 3) by the degree of achievement, read
on a payout curve (:class:`xlperf.rules.curves.Curve`, achievement % → payout %). Default
curve (``IncentiveRules.payout_curve``): threshold 80% → 50%, target 100% → 100%, maximum
120% → 150%, straight lines between, nothing below threshold, flat above maximum.

- Multi-year achievement: one figure for the period (cumulative actual / cumulative target),
  or the (weighted) mean of the yearly achievements (:func:`period_achievement`).
- Shares earned = ``floor(target × payout %)``: whole shares, a fraction is never delivered
  (an experienced plan administrator rounds down; the difference is immaterial). Target shares
  not earned are forfeited on the vesting date. Units pay ``units × unit value × payout %``
  in cash, rounded once to the cent.
- Leaving before the end of the period forfeits the award on the last day of service. With
  ``good_leaver_pro_rata`` a time pro-rata part (whole months served / months in the period)
  is kept and paid at the end of the period on the actual achievement.
- An achievement not yet known (blank) values the award at target (achievement 100%), marked
  estimated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.composite import as_fractions
from xlperf.rules.curves import Curve
from xlperf.rules.incentives.dates import add_months, as_date, leaving_date_for, months_between
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
from xlperf.rules.incentives.ranges import cells_of
from xlperf.rules.incentives.vesting import Tranche
from xlperf.rules.money import check_grant_value, money, money_result

TARGET_ACHIEVEMENT = 100.0


MIN_PERIOD_YEARS = 3  # domain §5: performance shares/units are measured over ≥ 3 years


def short_period(years: int) -> bool:
    """True when a performance period is shorter than the guide's minimum (3 years): not an
    error (a plan may have its reasons), but worth a warning."""
    return years < MIN_PERIOD_YEARS


def _curve(curve: object, rules: IncentiveRules) -> Curve:
    if curve is None:
        return rules.payout_curve
    if isinstance(curve, Curve):
        return curve
    return Curve.from_rows(curve, "payout curve")


def payout_percent(achievement: object, curve: object = None,
                   rules: IncentiveRules = DEFAULT_INCENTIVE_RULES) -> float:
    """Payout % of target for an achievement % (the payout curve; default 80/100/120 →
    50/100/150). ``curve`` may be a :class:`Curve` or a 2-column range."""
    value = inputs.number(achievement, "achievement %", field="achievement")
    return _curve(curve, rules).value_at(value)


def period_achievement(yearly: Sequence[object], weights: Sequence[object] | None = None
                       ) -> float:
    """The period's achievement %: the mean of the yearly achievements (blank years skipped)
    or, with ``weights`` (adding to 100%, one per year, no blank year), their weighted mean."""
    if weights is not None:
        values = [inputs.number(v, f"achievement of year {i}", field="achievement")
                  for i, v in enumerate(yearly, start=1)]
        if len(weights) != len(values):
            raise InputError(f"{len(values)} yearly achievements but {len(weights)} weights",
                             field="weights")
        return sum(v * w for v, w in zip(values, as_fractions(weights, "year weights"),
                                         strict=True))
    values = [inputs.number(v, f"achievement of year {i}", field="achievement")
              for i, v in enumerate(yearly, start=1)
              if not inputs.is_blank(v)]
    if not values:
        raise InputError("no yearly achievement given", field="achievement")
    return sum(values) / len(values)


def earned_shares(target: object, achievement: object, curve: object = None,
                  rules: IncentiveRules = DEFAULT_INCENTIVE_RULES) -> int:
    """Whole performance shares earned: ``floor(target × payout %)``."""
    n = inputs.count(target, "target shares", field="target")
    payout = Fraction(inputs.decimal(payout_percent(achievement, curve, rules), "payout"))
    return math.floor(n * payout / 100)


def unit_payout(units: object, unit_value: object, achievement: object, curve: object = None,
                rules: IncentiveRules = DEFAULT_INCENTIVE_RULES) -> Decimal:
    """Cash of performance units: ``units × unit value × payout %``, rounded once."""
    n = inputs.count(units, "units", field="units")
    value = inputs.amount(unit_value, "unit value", field="unit_value")  # 0 to 10^15
    payout = inputs.decimal(payout_percent(achievement, curve, rules), "payout")
    return money_result(n * value * payout / 100, "performance unit cash",
                        field="units")


@dataclasses.dataclass(frozen=True)
class _PerformanceGrant:
    """Shared terms of performance shares and units (use the concrete classes)."""

    instrument: ClassVar[Instrument]

    grant_date: dt.date
    target: int  # target shares, or units
    achievement: object = None  # % over the period, a list of yearly %, or None (not known)
    period_years: int | None = None  # None: the rules' performance period
    curve: Curve | None = None  # None: the rules' payout curve
    leaving_date: dt.date | None = None
    good_leaver: bool | None = None  # None: the rules' good_leaver_pro_rata
    grant_id: str = ""
    rules: IncentiveRules = DEFAULT_INCENTIVE_RULES

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "grant_date", as_date(self.grant_date, "grant date", field="grant_date"))
        set_(self, "target", inputs.count(self.target, "target", field="target", least=1))
        set_(self, "achievement", _achievement(self.achievement))
        years = self.rules.performance_period_years if self.period_years is None \
            else self.period_years
        set_(self, "period_years", inputs.count(years, "performance period years",
                                                field="period_years", least=1))
        set_(self, "curve", _curve(self.curve, self.rules))
        set_(self, "leaving_date", leaving_date_for(self.leaving_date, self.grant_date))
        good = self.rules.good_leaver_pro_rata if self.good_leaver is None else self.good_leaver
        set_(self, "good_leaver", inputs.done(good, "good leaver", field="good_leaver"))
        set_(self, "grant_id", grant_id_of(self.grant_id))

    @property
    def vesting_date(self) -> dt.date:
        """The end of the performance period: grant date + period years (anniversary)."""
        return add_months(self.grant_date, 12 * self.period_years)

    @property
    def payout(self) -> float:
        """Payout % on the achievement (at target, 100%, while it is not known)."""
        known = TARGET_ACHIEVEMENT if self.achievement is None else self.achievement
        return self.curve.value_at(known)

    def tranches(self) -> tuple[Tranche, ...]:
        """One tranche: the target at the end of the period."""
        return (Tranche(1, 12 * self.period_years, self.vesting_date, Fraction(1), self.target,
                        self.target),)

    def kept(self) -> int:
        """Target kept after leaving: all, none, or the good leaver's time pro-rata part."""
        if self.leaving_date is None or self.leaving_date >= self.vesting_date:
            return self.target
        if not self.good_leaver:
            return 0
        served = months_between(self.grant_date, self.leaving_date)
        return math.floor(Fraction(served, 12 * self.period_years) * self.target)

    def _note(self) -> str:
        if self.achievement is None:
            return "achievement not yet known: valued at target"
        return f"achievement {self.achievement:g}% → payout {self.payout:g}%"

    def _leaving_forfeit(self, settlement: Settlement, value: Decimal,
                         price: Decimal | None, estimated: bool) -> IncentiveEvent | None:
        lost = self.target - self.kept()
        if not lost:
            return None
        why = ("good leaver: the part for months not served lapses" if self.kept()
               else "left before the end of the performance period")
        return IncentiveEvent(self.leaving_date, self.grant_id, self.instrument,
                              EventKind.FORFEIT, lost, value, settlement, False, price=price,
                              estimated=estimated, note=why)


@dataclasses.dataclass(frozen=True)
class PerformanceShareGrant(_PerformanceGrant):
    """Performance shares: ``floor(target × payout %)`` shares delivered at the period's end."""

    instrument: ClassVar[Instrument] = Instrument.PERFORMANCE_SHARE

    def earned(self) -> int:
        """Shares earned (on the kept target; at target while achievement is unknown)."""
        payout = Fraction(inputs.decimal(self.payout, "payout"))
        return math.floor(self.kept() * payout / 100)

    def events(self, market: MarketData = NO_MARKET) -> tuple[IncentiveEvent, ...]:
        """Forfeit on leaving, the vest (delivery) at the period's end, unearned shares lapse."""
        out = []
        if self.kept() < self.target:
            q = quote_for(self, market, self.leaving_date)
            lost = self.target - self.kept()
            out.append(self._leaving_forfeit(Settlement.SHARES, money(q.price * lost), q.price,
                                             q.estimated))
        if self.kept():
            q = quote_for(self, market, self.vesting_date)
            estimated = q.estimated or self.achievement is None
            earned = self.earned()
            out.append(IncentiveEvent(self.vesting_date, self.grant_id, self.instrument,
                                      EventKind.VEST, earned, money(q.price * earned),
                                      Settlement.SHARES, True, price=q.price, tranche=1,
                                      estimated=estimated, note=self._note()))
            if earned < self.kept():
                unearned = self.kept() - earned
                out.append(IncentiveEvent(self.vesting_date, self.grant_id, self.instrument,
                                          EventKind.FORFEIT, unearned,
                                          money(q.price * unearned), Settlement.SHARES, False,
                                          price=q.price, tranche=1, estimated=estimated,
                                          note="target shares not earned"))
        return sorted_events(out)

    def outstanding_value(self, as_of: object, market: MarketData = NO_MARKET) -> Decimal:
        """Shares still to be earned, at the payout so far known, valued on ``as_of``."""
        day = as_date(as_of, "as-of date", field="as_of")
        if day >= self.vesting_date or (self.leaving_date and day >= self.leaving_date
                                        and not self.kept()):
            return Decimal(0)
        q = quote_for(self, market, day)
        return money(q.price * self.earned())


@dataclasses.dataclass(frozen=True)
class PerformanceUnitGrant(_PerformanceGrant):
    """Performance units: ``units × unit value × payout %`` paid in cash at the period's end."""

    instrument: ClassVar[Instrument] = Instrument.PERFORMANCE_UNIT

    unit_value: Decimal = Decimal(1)

    def __post_init__(self) -> None:
        super().__post_init__()
        value = inputs.decimal(self.unit_value, "unit value", field="unit_value")
        if value < 0:
            raise InputError(f"unit value is {value}, expected zero or more", field="unit_value")
        object.__setattr__(self, "unit_value", value)
        check_grant_value(self.target, (("unit value", value),))  # units paid at target

    def cash(self) -> Decimal:
        """The cash the kept units pay (at target while achievement is unknown)."""
        payout = inputs.decimal(self.payout, "payout")
        return money(self.kept() * self.unit_value * payout / 100)

    def events(self, market: MarketData = NO_MARKET) -> tuple[IncentiveEvent, ...]:
        """Forfeit on leaving, the payment at the period's end."""
        out = []
        if self.kept() < self.target:
            out.append(self._leaving_forfeit(
                Settlement.CASH, money((self.target - self.kept()) * self.unit_value), None,
                False))
        if self.kept():
            out.append(IncentiveEvent(self.vesting_date, self.grant_id, self.instrument,
                                      EventKind.PAYMENT, self.kept(), self.cash(),
                                      Settlement.CASH, True, tranche=1,
                                      estimated=self.achievement is None, note=self._note()))
        return sorted_events(out)

    def outstanding_value(self, as_of: object, market: MarketData = NO_MARKET) -> Decimal:
        """The cash still to come on ``as_of`` (at the payout so far known)."""
        day = as_date(as_of, "as-of date", field="as_of")
        if day >= self.vesting_date or (self.leaving_date and day >= self.leaving_date
                                        and not self.kept()):
            return Decimal(0)
        return self.cash()


def _achievement(value: object) -> float | None:
    if inputs.is_blank(value):
        return None
    if isinstance(value, list | tuple):
        return period_achievement(cells_of(value))  # a row or column of yearly achievements
    return inputs.number(value, "achievement %", field="achievement")
