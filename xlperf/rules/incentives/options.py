"""Stock options: intrinsic value, Black-Scholes-Merton with a dividend yield, grants, exercise.

Pure ``math`` and :class:`statistics.NormalDist` (no numpy/scipy), so it runs in xlwings
Lite (Pyodide). With spot S, strike K, years T, risk-free rate r, volatility σ and dividend
yield q (all rates continuously compounded, as fractions: 0.05 is 5%)::

    d1 = (ln(S/K) + (r − q + σ²/2)·T) / (σ·√T),   d2 = d1 − σ·√T
    call = S·e^(−qT)·N(d1) − K·e^(−rT)·N(d2)
    put  = K·e^(−rT)·N(−d2) − S·e^(−qT)·N(−d1)

At T = 0, σ = 0, S = 0 or K = 0 the formula's limit is used: the discounted forward's
intrinsic value ``max(0, S·e^(−qT) − K·e^(−rT))`` (a put the other way round). The result is
kept inside the no-arbitrage bounds (call between that value and S·e^(−qT)), so float noise
in a far tail can never put it outside. A value per option is a float (a model value); the
money total for n options is rounded once (:func:`total_value`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from decimal import Decimal
from statistics import NormalDist
from typing import ClassVar

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.incentives.events import Instrument, Settlement, describe_grant
from xlperf.rules.incentives.exercisable import ExercisableGrant
from xlperf.rules.incentives.vesting import Tranche
from xlperf.rules.money import check_grant_value, figure, money, money_result

_N = NormalDist()
MAX_YEARS = 100  # no option runs longer; beyond it e^(−rT) may overflow
_KINDS = {"call": "call", "c": "call", "认购": "call", "看涨": "call",
          "put": "put", "p": "put", "认沽": "put", "看跌": "put"}


def option_kind(value: object) -> str:
    """``"call"`` or ``"put"`` (also c/p, 认购/认沽, 看涨/看跌; blank is a call)."""
    if inputs.is_blank(value):
        return "call"
    kind = _KINDS.get(inputs.choice(value))
    if kind is None:
        raise InputError(f"option type is {inputs.describe(value)}, expected call or put",
                         field="type")
    return kind


def _rate(value: object, what: str, low: float, high: float, example: str) -> float:
    rate = inputs.number(value, what, field=what.replace(" ", "_"))  # blank: "is empty"
    if not low <= rate <= high:
        raise InputError(f"{what} is {rate:g}, expected a fraction such as {example} "
                         f"(between {low:g} and {high:g})", field=what.replace(" ", "_"))
    return rate


def black_scholes(spot: object, strike: object, years: object, rate: object,
                  volatility: object, dividend_yield: object = 0.0,
                  kind: object = "call") -> float:
    """Black-Scholes-Merton value of one European option (``XP_OPTION_BS``).

    ``rate``, ``volatility`` and ``dividend_yield`` are fractions (0.2 for 20%), continuously
    compounded; ``years`` is the time to expiry in years (0.5 for six months).
    """
    s = _price(spot, "spot price", "spot")
    k = _price(strike, "strike price", "strike")
    t = inputs.non_negative(years, "years to expiry", field="years")
    if t > MAX_YEARS:  # also keeps e^(−rT) finite
        raise InputError(f"years to expiry is {t:g}, expected at most {MAX_YEARS}",
                         field="years")
    r = _rate(rate, "rate", -0.5, 1.0, "0.03 (3%)")
    sigma = _rate(volatility, "volatility", 0.0, 5.0, "0.3 (30%)")
    q = _rate(dividend_yield or 0.0, "dividend yield", 0.0, 1.0, "0.02 (2%)")
    call = option_kind(kind) == "call"
    forward_s, forward_k = s * math.exp(-q * t), k * math.exp(-r * t)
    if not math.isfinite(forward_s - forward_k):
        raise InputError(f"spot {s:g} and strike {k:g} are too large to value", field="spot")
    low = max(0.0, forward_s - forward_k) if call else max(0.0, forward_k - forward_s)
    high = forward_s if call else forward_k
    spread = sigma * math.sqrt(t)
    if spread == 0 or s == 0 or k == 0:  # T = 0 or σ = 0 (or so small it underflows)
        return low
    d1 = (math.log(s) - math.log(k) + (r - q + sigma * sigma / 2) * t) / spread
    d2 = d1 - spread
    if call:
        value = forward_s * _N.cdf(d1) - forward_k * _N.cdf(d2)
    else:
        value = forward_k * _N.cdf(-d2) - forward_s * _N.cdf(-d1)
    return min(high, max(low, value))


def _price(value: object, what: str, field: str) -> float:
    """A spot or strike price as the model's float, zero to 10^15 as every price is
    (:func:`inputs.amount`): 1e300 or the text "1e400" is said as a price too large, never
    valued as ``inf``."""
    if (inputs.too_large(value) is not None
            or inputs.non_negative(value, what, field=field) > inputs.MAX_AMOUNT):
        inputs.amount(value, what, field=field)  # raises: zero or more, at most 10^15
    return inputs.non_negative(value, what, field=field)


def intrinsic_value(price: object, strike: object, kind: object = "call") -> Decimal:
    """Intrinsic value of one option at a share price: ``max(0, P − K)`` (a put: ``K − P``)."""
    p = inputs.amount(price, "share price", field="price")  # 0 to 10^15, as every amount
    k = inputs.amount(strike, "strike price", field="strike")
    gain = p - k if option_kind(kind) == "call" else k - p
    return max(Decimal(0), gain)


def total_value(per_unit: object, quantity: object) -> Decimal:
    """``per_unit × quantity`` rounded half-up to the cent once (a model value per option is
    read as the 15 significant digits Excel would show)."""
    n = inputs.count(quantity, "quantity", field="quantity")
    return money_result(inputs.decimal(per_unit, "value per unit") * n, "total value",
                        field="quantity")


@dataclasses.dataclass(frozen=True)
class Valuation:
    """Market assumptions for a grant-date fair value (fractions: 0.03 is 3%).

    ``expected_years`` of ``None`` values each tranche over the *simplified* expected term
    (SEC SAB 107, commonly used in China too): halfway between its vesting date and expiry.
    """

    rate: float
    volatility: float
    dividend_yield: float = 0.0
    expected_years: float | None = None

    def __post_init__(self) -> None:
        black_scholes(1, 1, 1, self.rate, self.volatility, self.dividend_yield)  # checks them
        if self.expected_years is not None:
            object.__setattr__(self, "expected_years", inputs.non_negative(
                self.expected_years, "expected term in years", field="expected_years"))


def tranche_fair_value(spot: object, strike: object, valuation: Valuation,
                       tranches: Sequence[Tranche], term_years: int,
                       cap_per_unit: Decimal | None = None) -> Decimal:
    """Σ over tranches of quantity × Black-Scholes call value, rounded once to the cent.

    With ``cap_per_unit`` the value is that of a capped call: a call at the strike less a call
    at strike + cap (the holder never gains more than the cap per unit).
    """
    total = Decimal(0)
    for t in tranches:
        years = (valuation.expected_years if valuation.expected_years is not None
                 else (t.months / 12 + term_years) / 2)
        value = black_scholes(spot, strike, years, valuation.rate, valuation.volatility,
                              valuation.dividend_yield)
        if cap_per_unit is not None:
            ceiling = inputs.decimal(strike, "strike") + cap_per_unit
            value -= black_scholes(spot, ceiling, years, valuation.rate, valuation.volatility,
                                   valuation.dividend_yield)
        total += inputs.decimal(value, "option value") * t.quantity
    quantity = sum(t.quantity for t in tranches)
    per_option = total / quantity if quantity else Decimal(0)
    return money_result(total, "fair value", field="quantity",
                        formula=lambda: f"quantity {figure(quantity)} × Black-Scholes value "
                                        f"{figure(per_option.quantize(Decimal('0.0001')))} "
                                        "per option")


@dataclasses.dataclass(frozen=True)
class ExerciseAmounts:
    """The money of exercising options: what the holder pays, gets and gains."""

    cost: Decimal  # exercise price × quantity, paid by the holder
    market_value: Decimal  # share price × quantity, the shares received
    gain: Decimal  # market value − cost: the spread (taxable income in China)


def exercise_amounts(price: object, exercise_price: object, quantity: object
                     ) -> ExerciseAmounts:
    """Exercising ``quantity`` options at ``exercise_price`` when the share is at ``price``."""
    n = inputs.count(quantity, "quantity", field="quantity")
    p = inputs.decimal(price, "share price", field="price")
    k = inputs.decimal(exercise_price, "exercise price", field="exercise_price")
    if p < 0 or k < 0:
        raise InputError(f"share price {p} and exercise price {k} must be zero or more",
                         field="price")
    cost, value = money(k * n), money(p * n)
    return ExerciseAmounts(cost, value, value - cost)


@dataclasses.dataclass(frozen=True)
class StockOptionGrant(ExercisableGrant):
    """Stock options (股票期权): the right to buy shares at the exercise price (行权价格).

    Vest by the schedule, settle in shares; an exercise realises the spread
    ``(P − K) × n`` (its value); vests, forfeits and expiries carry the intrinsic value then.
    ``grant_date_price`` (the share price on the grant date) is needed for the fair value.
    """

    instrument: ClassVar[Instrument] = Instrument.STOCK_OPTION
    settlement: ClassVar[Settlement] = Settlement.SHARES

    grant_date_price: Decimal | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.grant_date_price is not None:
            object.__setattr__(self, "grant_date_price", inputs.decimal(
                self.grant_date_price, "grant-date share price", field="grant_date_price"))
        # the exercise's cost and the shares' value at grant (its fair value is less) fit
        check_grant_value(self.quantity, (("exercise price", self.exercise_price),
                                          ("grant-date price", self.grant_date_price)))

    def fair_value(self, valuation: Valuation) -> Decimal:
        """Grant-date fair value of the whole grant by Black-Scholes (per tranche, see
        :class:`Valuation`), rounded once to the cent."""
        if self.grant_date_price is None:
            raise InputError(f"{describe_grant(self)}: give the grant-date share price to value "
                             "it", field="grant_date_price")
        return tranche_fair_value(self.grant_date_price, self.exercise_price, valuation,
                                  self.tranches(), self.term_years)
