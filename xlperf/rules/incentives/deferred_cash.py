"""Deferred cash (其他长期现金计划): part of a bonus paid later, forfeitable, clawed back.

The deferred amount (for the annual bonus, ``xlperf.rules.bonus.payout(...).deferred``) is
awarded on ``grant_date`` (the day the year's bonus is settled) and paid in instalments by a
schedule (default: a third on each of the next three anniversaries). Rules:

- Instalments are the amount split by the schedule's fractions to the cent, the parts adding
  up exactly to the amount (:func:`xlperf.rules.money.split_exact`, largest remainder).
- Conditions (可在延期支付期间增加绩效条件): per instalment met / not met / not yet known; an
  instalment whose condition is not met is forfeited on its date; not yet known is assumed
  met and the payment marked estimated.
- Leaving: with ``forfeit_on_leaving`` (default) every instalment due after the last day of
  service is forfeited that day; without it they are still paid on their dates.
- Clawback (追索扣回), each dated, for an amount or (blank) everything: first *withheld* from
  the instalments not yet paid (the earliest first; a ``forfeit`` event on the clawback date),
  then *recovered* from what was already paid, the latest instalment first (a ``clawback``
  event per instalment, negative value: cash the executive must return; its tranche names
  the instalment, whose pay date decides the tax year it corrects). Together they never
  exceed the deferred amount.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
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
    describe_grant,
    grant_id_of,
    sorted_events,
)
from xlperf.rules.incentives.market import NO_MARKET, MarketData
from xlperf.rules.incentives.ranges import rows_of
from xlperf.rules.incentives.vesting import (
    Tranche,
    VestingSchedule,
    as_schedule,
    checked_conditions,
)
from xlperf.rules.money import money, split_exact


def instalments(amount: object, schedule: object) -> tuple[Decimal, ...]:
    """The amount split by the schedule's fractions, to the cent, adding up exactly."""
    fractions = as_schedule(schedule).fractions
    return tuple(split_exact(_amount(amount, "deferred amount"),
                             [Decimal(f.numerator) / Decimal(f.denominator) for f in fractions]))


def _amount(value: object, what: str) -> Decimal:
    return money(inputs.amount(value, what, field=what.replace(" ", "_")))  # 0 to 10^15


@dataclasses.dataclass(frozen=True)
class Clawback:
    """A clawback decided on ``date``: ``amount`` (blank: everything), with its reason."""

    date: dt.date
    amount: Decimal | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "date", as_date(self.date, "clawback date", field="clawback"))
        if self.amount is not None and not (isinstance(self.amount, str)
                                            and not self.amount.strip()):
            object.__setattr__(self, "amount", _amount(self.amount, "clawback amount"))
        else:
            object.__setattr__(self, "amount", None)
        object.__setattr__(self, "reason", str(self.reason or "").strip())


@dataclasses.dataclass
class _Instalment:
    tranche: Tranche
    amount: Decimal  # still to pay (after withholding)
    fate: str  # "pay", "condition" (forfeited on its date) or "left" (forfeited on leaving)
    recovered: Decimal = Decimal(0)  # clawed back after it was paid
    estimated: bool = False


@dataclasses.dataclass(frozen=True)
class DeferredCashGrant:
    """A deferred amount paid in instalments after ``grant_date``."""

    instrument: ClassVar[Instrument] = Instrument.DEFERRED_CASH

    grant_date: dt.date
    amount: Decimal
    schedule: VestingSchedule | None = None  # None: the rules' deferral schedule
    conditions_met: tuple[bool | None, ...] = ()
    leaving_date: dt.date | None = None
    forfeit_on_leaving: bool | None = None  # None: the rules' choice
    clawbacks: tuple[Clawback, ...] = ()
    bonus_year: int | None = None  # the year whose bonus was deferred (for notes)
    grant_id: str = ""
    rules: IncentiveRules = DEFAULT_INCENTIVE_RULES

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "grant_date", as_date(self.grant_date, "grant date", field="grant_date"))
        set_(self, "amount", _amount(self.amount, "deferred amount"))
        set_(self, "schedule", as_schedule(self.rules.deferral_schedule if self.schedule is None
                                           else self.schedule))
        set_(self, "conditions_met", checked_conditions(
            self.conditions_met, len(self.schedule.tranches),
            "deferred cash conditions"))
        set_(self, "leaving_date", leaving_date_for(self.leaving_date, self.grant_date))
        forfeit = (self.rules.deferred_forfeit_on_leaving if self.forfeit_on_leaving is None
                   else self.forfeit_on_leaving)
        set_(self, "forfeit_on_leaving", inputs.done(forfeit, "forfeit on leaving",
                                                     field="forfeit_on_leaving"))
        if self.bonus_year is not None:
            set_(self, "bonus_year", inputs.year(self.bonus_year, "bonus year"))
        set_(self, "grant_id", grant_id_of(self.grant_id))
        set_(self, "clawbacks", _clawbacks(self.clawbacks, self))

    def tranches(self) -> tuple[Tranche, ...]:
        """The payment dates and fractions as granted (quantity 0: a cash amount)."""
        return self.schedule.tranches_for(self.grant_date, 0)

    def instalments(self) -> tuple[tuple[dt.date, Decimal], ...]:
        """(date, amount) of each instalment as granted; the amounts add up to ``amount``."""
        return tuple((t.date, a) for t, a in zip(
            self.tranches(), instalments(self.amount, self.schedule), strict=True))

    def _instalments(self) -> list[_Instalment]:
        out = []
        for t, (_, amount) in zip(self.tranches(), self.instalments(), strict=True):
            met = self.conditions_met[t.number - 1] if self.conditions_met else True
            left = (self.forfeit_on_leaving and self.leaving_date is not None
                    and t.date > self.leaving_date)
            fate = "left" if left else "condition" if met is False else "pay"
            out.append(_Instalment(t, amount, fate, estimated=met is None))
        return out

    def events(self, market: MarketData = NO_MARKET) -> tuple[IncentiveEvent, ...]:
        """Payments, forfeits (conditions, leaving, clawback withheld) and recoveries."""
        plan, out = self._instalments(), []
        for c in self.clawbacks:
            out.extend(self._apply(c, plan))
        for i in plan:
            t = i.tranche
            if i.fate == "pay" and i.amount:
                out.append(self._event(EventKind.PAYMENT, t.date, i.amount, t.number,
                                       estimated=i.estimated, note=self._note()))
            elif i.fate == "condition" and i.amount:
                out.append(self._event(EventKind.FORFEIT, t.date, i.amount, t.number,
                                       note="condition not met"))
        lost = sum((i.amount for i in plan if i.fate == "left"), Decimal(0))
        if lost:
            out.append(self._event(EventKind.FORFEIT, self.leaving_date, lost, None,
                                   note="unpaid on leaving"))
        return sorted_events(out)

    def _apply(self, c: Clawback, plan: list[_Instalment]) -> Iterable[IncentiveEvent]:
        budget = c.amount  # None: everything
        withheld = Decimal(0)
        for i in plan:  # withhold from unpaid instalments, the earliest first
            if i.fate == "pay" and i.tranche.date > c.date and i.amount:
                take = i.amount if budget is None else min(budget, i.amount)
                i.amount -= take
                withheld += take
                budget = None if budget is None else budget - take
        why = f"clawback{': ' + c.reason if c.reason else ''}"
        if withheld:
            yield self._event(EventKind.FORFEIT, c.date, withheld, None,
                              note=f"{why}: withheld from unpaid instalments")
        for i in reversed(plan):  # then recover what was paid, the latest first
            if i.fate == "pay" and i.tranche.date <= c.date:
                net = i.amount - i.recovered
                take = net if budget is None else min(budget, net)
                i.recovered += take
                budget = None if budget is None else budget - take
                if take:  # one event per instalment: its pay date decides the tax year
                    yield self._event(EventKind.CLAWBACK, c.date, -take, i.tranche.number,
                                      note=f"{why}: the instalment paid "
                                           f"{i.tranche.date.isoformat()}, to be returned")

    def _event(self, kind: EventKind, day: dt.date, value: Decimal, tranche: int | None,
               **extra: object) -> IncentiveEvent:
        realised = kind in (EventKind.PAYMENT, EventKind.CLAWBACK)
        return IncentiveEvent(day, self.grant_id, self.instrument, kind, 0, value,
                              Settlement.CASH, realised, tranche=tranche, **extra)

    def _note(self) -> str:
        return f"deferred from the {self.bonus_year} bonus" if self.bonus_year else "deferred"

    def outstanding_value(self, as_of: object, market: MarketData = NO_MARKET) -> Decimal:
        """The deferred cash still to be paid after ``as_of`` (after clawbacks and leaving)."""
        day = as_date(as_of, "as-of date", field="as_of")
        return sum((e.value for e in self.events(market)
                    if e.kind is EventKind.PAYMENT and e.date > day), Decimal(0))


def _clawbacks(values: Iterable[object] | None, grant: DeferredCashGrant) -> tuple[Clawback, ...]:
    claws = []
    for row in rows_of(values, widths=(2, 3)):
        if isinstance(row, Clawback):
            claws.append(row)
        elif isinstance(row, list) and 1 <= len(row) <= 3:
            claws.append(Clawback(*row))
        else:
            raise InputError(f"{describe_grant(grant)}: a clawback row is date, amount (blank: "
                             "everything) and optionally the reason", field="clawback")
    out = tuple(sorted(claws, key=lambda c: c.date))
    for c in out:
        if c.date < grant.grant_date:
            raise InputError(f"{describe_grant(grant)}: clawback dated {c.date.isoformat()} is "
                             "before the grant date", field="clawback")
    total = sum((c.amount for c in out if c.amount is not None), Decimal(0))
    if total > grant.amount:
        raise InputError(f"{describe_grant(grant)}: clawbacks of {total} exceed the deferred "
                         f"amount {grant.amount}", field="clawback")
    return out
