"""Grants, exercises, clawbacks and share prices → the rows of the long-term incentive sheets.

The writer's half of :mod:`xlperf.workbook.grants`: each grant fills only the columns its
instrument uses (:data:`~xlperf.workbook.layout.GRANT_COLUMNS`); a setting equal to the
plan default (the policy's incentive rules) is left blank, as a user would leave it, except
the schedule, which is always written so the tranches can be read at a glance. A grant the
sheet cannot hold (no id, a custom payout curve, a schedule with no text form) is refused
rather than written differently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from xlperf.errors import InputError
from xlperf.model import AppraisalInput
from xlperf.rules.incentives import (
    NO_MARKET,
    AppreciationRightGrant,
    DeferredCashGrant,
    IncentiveRules,
    MarketData,
    PerformanceShareGrant,
    PerformanceUnitGrant,
    PhantomStockGrant,
    RestrictedStockGrant,
    StockOptionGrant,
    VestingSchedule,
)
from xlperf.rules.incentives.events import describe_grant
from xlperf.workbook import layout as L


def schedule_text(schedule: VestingSchedule, what: str) -> str:
    """The schedule's text (``graded 40/30/30``), refused when it does not read back the same."""
    try:
        if VestingSchedule.parse(schedule.name) == schedule:
            return schedule.name
    except InputError:
        pass
    raise InputError(f"{what}: schedule {schedule.name} has no text form a workbook can hold "
                     '(use "cliff n", "graded a/b/c", "equal n" or "monthly n cliff m")')


def conditions_text(values: Sequence[bool | None]) -> str | None:
    """``yes/yes/no`` (``?`` for a condition not yet known); None for no conditions."""
    if not values:
        return None
    return "/".join("?" if v is None else "yes" if v else "no" for v in values)


def _unless(value: object, default: object) -> object:
    return None if value == default else value


def grant_values(grant: Any, rules: IncentiveRules, what: str) -> dict[str, object]:
    """The Grants columns of one grant, by field (blank columns left out)."""
    v: dict[str, object] = {"grant_id": grant.grant_id, "instrument": grant.instrument.value,
                            "grant_date": grant.grant_date, "leaving_date": grant.leaving_date}
    if isinstance(grant, StockOptionGrant | AppreciationRightGrant):
        v |= {"quantity": grant.quantity, "price": grant.exercise_price,
              "grant_date_price": grant.grant_date_price,
              "schedule": schedule_text(grant.schedule, what),
              "term_years": _unless(grant.term_years, rules.option_term_years),
              "exercise_window": _unless(grant.exercise_window_months,
                                         rules.exercise_window_months)}
        if isinstance(grant, AppreciationRightGrant):
            v |= {"cap_per_unit": grant.cap_per_unit, "cap_total": grant.cap_total}
    elif isinstance(grant, RestrictedStockGrant):
        v |= {"quantity": grant.quantity, "price": grant.grant_price,
              "grant_date_price": grant.grant_date_price,
              "schedule": schedule_text(grant.schedule, what),
              "conditions": conditions_text(grant.conditions_met),
              "dividends": _unless(grant.dividends, rules.restricted_dividends)}
    elif isinstance(grant, PerformanceShareGrant | PerformanceUnitGrant):
        if grant.curve != rules.payout_curve:
            raise InputError(f"{what}: a payout curve of its own cannot be written to a "
                             "workbook (the Grants sheet uses the plan's curve)")
        v |= {"quantity": grant.target, "achievement": L.in_percent_cell(grant.achievement),
              "period_years": _unless(grant.period_years, rules.performance_period_years),
              "on_leaving": _unless("pro rata" if grant.good_leaver else "forfeit",
                                    "pro rata" if rules.good_leaver_pro_rata else "forfeit")}
        if isinstance(grant, PerformanceUnitGrant):
            v["unit_value"] = grant.unit_value
    elif isinstance(grant, PhantomStockGrant):
        v |= {"quantity": grant.units, "price": grant.base_price,
              "schedule": schedule_text(grant.schedule, what),
              "dividends": _unless("paid" if grant.dividend_equivalents else "none",
                                   "paid" if rules.phantom_dividend_equivalents else "none")}
    elif isinstance(grant, DeferredCashGrant):
        v |= {"amount": grant.amount, "schedule": schedule_text(grant.schedule, what),
              "conditions": conditions_text(grant.conditions_met),
              "on_leaving": _unless("forfeit" if grant.forfeit_on_leaving else "keep",
                                    "forfeit" if rules.deferred_forfeit_on_leaving
                                    else "keep"),
              "bonus_year": grant.bonus_year}
    else:
        raise InputError(f"{what}: {type(grant).__name__} cannot be written to a workbook")
    return {k: value for k, value in v.items() if value is not None}


def _grant_rows(item: AppraisalInput, rules: IncentiveRules, rows: dict[str, list]) -> None:
    ex_id, seen = item.executive.id, set()
    for grant in item.grants:
        what = f"executive {ex_id}: {describe_grant(grant)}"
        if not grant.grant_id or grant.grant_id in seen:
            raise InputError(f"{what}: each grant of an executive needs its own grant id in a "
                             "workbook (Exercises and Clawbacks name it)")
        seen.add(grant.grant_id)
        values = grant_values(grant, rules, what) | {"id": ex_id}
        rows[L.GRANTS].append([values.get(c.field) for c in L.GRANTS_LAYOUT.columns])
        for e in getattr(grant, "exercises", ()):
            rows[L.EXERCISES].append([ex_id, grant.grant_id, e.date, e.quantity, e.price])
        for c in getattr(grant, "clawbacks", ()):
            rows[L.CLAWBACKS].append([ex_id, grant.grant_id, c.date, c.amount,
                                      c.reason or None])


def company_market(inputs: Sequence[AppraisalInput]) -> MarketData:
    """The one market of the executives (a workbook holds one company's share prices)."""
    markets = {item.market for item in inputs if item.market != NO_MARKET}
    if len(markets) > 1:
        raise InputError("the executives have different share prices: a workbook holds one "
                         "company's prices (SharePrices)")
    return markets.pop() if markets else NO_MARKET


def company_pay_date(inputs: Sequence[AppraisalInput]) -> dt.date | None:
    """The one pay date of the executives' settlement (None: 31 December of the year)."""
    days = {item.pay_date for item in inputs}
    if len(days) > 1:
        raise InputError("the executives have different pay dates: a workbook holds one "
                         f"(Executives!{L.PAY_DATE_CELL})")
    return days.pop() if days else None


def incentive_rows(inputs: Sequence[AppraisalInput], rules: IncentiveRules
                   ) -> dict[str, list[list[object]]]:
    """The rows of Grants, Exercises, Clawbacks and SharePrices for ``inputs``."""
    rows: dict[str, list[list[object]]] = {layout.name: [] for layout in L.GRANT_LAYOUTS}
    for item in inputs:
        _grant_rows(item, rules, rows)
    market = company_market(inputs)
    prices, dividends = dict(market.prices), dict(market.dividends)
    rows[L.SHARE_PRICES] = [[day, prices.get(day), dividends.get(day)]
                            for day in sorted(set(prices) | set(dividends))]
    return rows
