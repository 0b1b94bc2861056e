"""Stock appreciation rights (股票增值权): the share price's rise on n units, paid in cash.

A SAR is a cash-settled option: it vests like one and, exercised, pays
``max(0, P − exercise price) × n`` in cash (domain §5, ``P_exercise − P_grant``). Optional
caps, as plans state them:

- ``cap_per_unit``: the gain per unit never exceeds this amount (e.g. 100% of the grant price);
- ``cap_total``: the cash of all the grant's exercises together never exceeds this amount;
  an exercise pays what the cap still allows.

Vests, forfeits and expiries carry the value per unit capped per unit (the total cap binds
only cash actually paid). The grant-date fair value of a SAR capped per unit is that of a
capped call: Black-Scholes call at the exercise price less a call at exercise price + cap.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import ClassVar

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.incentives.events import Instrument, Settlement, describe_grant
from xlperf.rules.incentives.exercisable import ExercisableGrant
from xlperf.rules.incentives.options import Valuation, tranche_fair_value
from xlperf.rules.money import check_grant_value, money, money_result


def _optional_cap(value: object, what: str) -> Decimal | None:
    if inputs.is_blank(value):
        return None
    cap = inputs.decimal(value, what, field=what.replace(" ", "_"))
    if cap < 0:
        raise InputError(f"{what} is {cap}, expected zero or more (or blank for no cap)",
                         field=what.replace(" ", "_"))
    return cap


def sar_gain(price: object, exercise_price: object, quantity: object,
             cap_per_unit: object = None) -> Decimal:
    """Cash of exercising ``quantity`` SARs: ``min(max(0, P − K), cap) × n``, rounded once."""
    p = inputs.amount(price, "share price", field="price")  # 0 to 10^15, as every amount
    k = inputs.amount(exercise_price, "exercise price", field="exercise_price")
    n = inputs.count(quantity, "quantity", field="quantity")
    gain = max(Decimal(0), p - k)
    cap = _optional_cap(cap_per_unit, "cap per unit")
    return money_result((gain if cap is None else min(gain, cap)) * n, "SAR cash",
                        field="quantity")


@dataclasses.dataclass(frozen=True)
class AppreciationRightGrant(ExercisableGrant):
    """A grant of stock appreciation rights, optionally capped per unit and/or in total."""

    instrument: ClassVar[Instrument] = Instrument.APPRECIATION_RIGHT
    settlement: ClassVar[Settlement] = Settlement.CASH

    cap_per_unit: Decimal | None = None
    cap_total: Decimal | None = None
    grant_date_price: Decimal | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "cap_per_unit", _optional_cap(self.cap_per_unit,
                                                               "cap per unit"))
        object.__setattr__(self, "cap_total", _optional_cap(self.cap_total, "total cap"))
        if self.grant_date_price is not None:
            object.__setattr__(self, "grant_date_price", inputs.decimal(
                self.grant_date_price, "grant-date share price", field="grant_date_price"))
        check_grant_value(self.quantity, (("exercise price", self.exercise_price),
                                          ("grant-date price", self.grant_date_price)))

    def gain_per_unit(self, price: Decimal) -> Decimal:
        """``max(0, P − exercise price)``, at most ``cap_per_unit``."""
        gain = max(Decimal(0), price - self.exercise_price)
        return gain if self.cap_per_unit is None else min(gain, self.cap_per_unit)

    def exercise_value(self, price: Decimal, quantity: int, paid_before: Decimal) -> Decimal:
        """Cash of an exercise, within what ``cap_total`` still allows after ``paid_before``."""
        cash = money(self.gain_per_unit(price) * quantity)
        if self.cap_total is None:
            return cash
        return max(Decimal(0), min(cash, self.cap_total - paid_before))

    def fair_value(self, valuation: Valuation) -> Decimal:
        """Grant-date fair value by Black-Scholes (capped call when capped per unit)."""
        if self.grant_date_price is None:
            raise InputError(f"{describe_grant(self)}: give the grant-date share price to value "
                             "it", field="grant_date_price")
        return tranche_fair_value(self.grant_date_price, self.exercise_price, valuation,
                                  self.tranches(), self.term_years, self.cap_per_unit)
