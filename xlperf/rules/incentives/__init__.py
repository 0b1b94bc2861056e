"""Long-term incentives ("golden handcuffs" 金手铐, domain §5): pure Python, no numpy.

One module per instrument family, all speaking the same event shape
(:class:`~xlperf.rules.incentives.events.IncentiveEvent`):

- :mod:`.vesting` — schedules (cliff, graded, monthly, custom), vested fraction, tables
- :mod:`.options` — intrinsic value, Black-Scholes-Merton, stock option grants, exercise
- :mod:`.restricted` — restricted stock: grant price, unlock tranches, lock-up dividends
- :mod:`.performance` — performance shares and units on a multi-year payout curve
- :mod:`.appreciation` — stock appreciation rights, optionally capped
- :mod:`.phantom` — phantom stock: full value or appreciation, dividend equivalents, lapse
- :mod:`.deferred_cash` — deferred bonus instalments, forfeiture, clawback
- :mod:`.lifecycle` — the article's lifecycle guide (which instrument at which stage)
- :mod:`.events`, :mod:`.market`, :mod:`.dates`, :mod:`.defaults` — the shared parts

Everything a formula, workbook or report needs is importable from this package; see
``docs/incentives.md``.
"""

from xlperf.rules.incentives.appreciation import AppreciationRightGrant, sar_gain
from xlperf.rules.incentives.dates import add_months, as_date, months_between
from xlperf.rules.incentives.defaults import (
    DEFAULT_INCENTIVE_RULES,
    IncentiveRules,
    incentive_rules_from_mapping,
    incentive_rules_to_mapping,
)
from xlperf.rules.incentives.deferred_cash import Clawback, DeferredCashGrant, instalments
from xlperf.rules.incentives.events import (
    EVENT_COLUMNS,
    EventKind,
    EventTotals,
    Grant,
    GrantSummary,
    IncentiveEvent,
    Instrument,
    Settlement,
    TrancheOutcome,
    all_events_in_year,
    events_between,
    events_in_year,
    grant_summary,
    grant_table,
    quantity_vested,
    totals,
)
from xlperf.rules.incentives.exercisable import Exercise, exercises_from_rows
from xlperf.rules.incentives.lifecycle import (
    LIFECYCLE_HELP,
    LifecycleAdvice,
    Stage,
    recommend,
    recommendation_text,
)
from xlperf.rules.incentives.market import NO_MARKET, MarketData, Quote
from xlperf.rules.incentives.options import (
    ExerciseAmounts,
    StockOptionGrant,
    Valuation,
    black_scholes,
    exercise_amounts,
    intrinsic_value,
    option_kind,
    total_value,
)
from xlperf.rules.incentives.performance import (
    PerformanceShareGrant,
    PerformanceUnitGrant,
    earned_shares,
    payout_percent,
    period_achievement,
    unit_payout,
)
from xlperf.rules.incentives.phantom import PhantomStockGrant, phantom_value
from xlperf.rules.incentives.restricted import RestrictedStockGrant, unlock_value
from xlperf.rules.incentives.vesting import (
    Tranche,
    VestingSchedule,
    VestingYear,
    as_schedule,
    conditions_from,
    vested_fraction,
    vested_quantity,
    vesting_table,
)

__all__ = [
    "DEFAULT_INCENTIVE_RULES", "EVENT_COLUMNS", "LIFECYCLE_HELP", "NO_MARKET",
    "AppreciationRightGrant", "Clawback", "DeferredCashGrant", "EventKind", "EventTotals",
    "Exercise", "ExerciseAmounts", "Grant", "GrantSummary", "IncentiveEvent", "IncentiveRules",
    "Instrument", "LifecycleAdvice", "MarketData", "PerformanceShareGrant",
    "PerformanceUnitGrant", "PhantomStockGrant", "Quote", "RestrictedStockGrant", "Settlement",
    "Stage", "StockOptionGrant", "Tranche", "TrancheOutcome", "Valuation", "VestingSchedule",
    "VestingYear",
    "add_months", "all_events_in_year", "as_date", "as_schedule", "black_scholes",
    "conditions_from",
    "earned_shares", "events_between", "events_in_year", "exercise_amounts",
    "exercises_from_rows", "grant_summary", "grant_table", "incentive_rules_from_mapping",
    "incentive_rules_to_mapping", "instalments", "intrinsic_value", "months_between",
    "option_kind", "payout_percent", "period_achievement", "phantom_value",
    "quantity_vested", "recommend",
    "recommendation_text", "sar_gain", "total_value", "totals", "unit_payout", "unlock_value",
    "vested_fraction", "vested_quantity", "vesting_table",
]
