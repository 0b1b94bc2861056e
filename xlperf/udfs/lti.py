"""XP_ functions of long-term incentives (category "xlperf incentives"; 中长期激励, 金手铐).

Thin wrappers over :mod:`xlperf.rules.incentives` (see ``docs/incentives.md``): option
values, vesting, restricted stock, performance shares and units, SARs, phantom stock,
deferred cash and the article's lifecycle guide. Dates are read with
:func:`xlperf.udfs.cells.day` (desktop Excel passes datetimes, xlwings Lite serial numbers).
Money comes back rounded half-up to the cent; an option's model value per option is not
rounded (it is not an amount paid).
"""

from __future__ import annotations

import datetime as dt

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.curves import Curve
from xlperf.rules.incentives import (
    DEFAULT_INCENTIVE_RULES,
    LIFECYCLE_HELP,
    VestingSchedule,
    as_schedule,
    black_scholes,
    conditions_from,
    earned_shares,
    instalments,
    intrinsic_value,
    payout_percent,
    phantom_value,
    recommendation_text,
    sar_gain,
    total_value,
    unit_payout,
    unlock_value,
    vested_fraction,
    vested_quantity,
    vesting_table,
)
from xlperf.udfs.cells import (
    amount,
    day,
    each,
    each_row,
    excel_error,
    grid,
    is_blank,
    is_xp_error,
    pairs,
    present,
    single,
)
from xlperf.udfs.registry import INCENTIVES, excel_function

RULES = DEFAULT_INCENTIVE_RULES
EXACT_LIMIT = 10**15  # whole numbers above this lose digits in an Excel cell
GRANT = dt.datetime(2024, 3, 15)  # the examples' grant date, as desktop Excel hands it over
DATES = ("grant_date", "as_of", "leaving_date")
VESTING_HEADER = ["year 年度", "vesting 当年归属", "vested 累计归属", "share 当年比例",
                  "cumulative 累计比例"]

SCHEDULE_HELP = ("Vesting schedule (归属安排): 2 columns, months after grant and fraction vesting "
                 'then (40% or 0.4); or a text such as "graded 40/30/30", "cliff 36", '
                 '"equal 3", "monthly 48 cliff 12" (a cell, or a column: one per grant).')
CURVE_HELP = ("Payout curve (业绩支付曲线): 2 columns, achievement and payout, both in % cells "
              "(0.8, 0.5) or both as numbers (80, 50). Blank: " +
              ", ".join(f"{x:g}%→{y:g}%" for x, y in RULES.payout_curve.points) +
              ", none below the first, flat after the last.")
ACHIEVEMENT_HELP = ("Achievement over the performance period (业绩达成率): 105 or a 105% cell "
                    "(numbers up to 10 are read as % cells). A cell or a column.")


# --- arguments shared by several functions ------------------------------------------------

def _is_schedule_text(value: object) -> bool:
    if not isinstance(value, str) or excel_error(value) or is_xp_error(value):
        return False
    try:
        float(value.replace(",", "").rstrip("%"))
    except ValueError:
        return True
    return False


def _table_schedule(block: object) -> VestingSchedule | None:
    """The schedule when ``block`` is a 2-column table; None when it holds schedule texts."""
    rows = grid(block)
    filled = [v for row in rows for v in row if not is_blank(v)]
    if len(rows[0]) != 2 or all(_is_schedule_text(v) for v in filled):
        return None
    return VestingSchedule.from_rows(pairs(block, "schedule"), "schedule")


def _one_schedule(block: object, default: VestingSchedule | None = None) -> VestingSchedule:
    """One schedule for the whole call: a 2-column table or one cell of text."""
    if default is not None and not present(block):
        return default
    return _table_schedule(block) or as_schedule(single(block, "schedule"), "schedule")


def _payout_curve(block: object) -> Curve | None:
    """The payout curve argument in %, or None for the policy's curve."""
    if not present(block):
        return None
    rows = inputs.percent_rows(pairs(block, "curve"), "curve")
    return Curve.from_rows(rows, "curve")


def _whole(count: int, what: str) -> int:
    """A whole number of shares for a cell: Excel holds 15 digits exactly, no more."""
    if count > EXACT_LIMIT:
        raise InputError(f"{what} is {count:.4g}: more than Excel holds exactly (15 digits)")
    return count


def _achievement(value: object) -> float:
    return inputs.achievement(value, "achievement", field="achievement")


# --- options ------------------------------------------------------------------------------

@excel_function(INCENTIVES, cellwise=("spot", "strike", "years", "rate", "volatility",
                                      "dividend_yield", "option_type"), help={
    "spot": "Share price today (标的股价), or at grant for the grant-date fair value. A cell or "
            "a column; a blank spot gives a blank cell.",
    "strike": "Exercise price (行权价格).",
    "years": "Time to expiry in years (剩余期限): 0.5 for six months.",
    "rate": "Risk-free rate (无风险利率), continuously compounded: 0.03 or a 3% cell.",
    "volatility": "Volatility of the share price (波动率) a year: 0.3 or a 30% cell.",
    "dividend_yield": "Dividend yield (股息率), continuously compounded: 0.02 or a 2% cell. "
                      "Default 0.",
    "option_type": 'Option type: "call" (认购, the default) or "put" (认沽).',
}, examples=[(42, 40, 0.5, 0.1, 0.2), (42, 40, 0.5, 0.1, 0.2, 0, "put"),
             (930, 900, 2 / 12, 0.08, 0.2, 0.03)])
def XP_OPTION_BS(spot, strike, years, rate, volatility, dividend_yield=0, option_type="call"):
    """Black-Scholes-Merton value of one European option (期权公允价值), with a dividend yield;
    not rounded (a model value). Multiply by the number of options for a grant's fair value."""
    def value(spot, strike, years, rate, volatility, dividend_yield, option_type):
        return black_scholes(spot, strike, years, rate, volatility, dividend_yield, option_type)

    return each(value, ("spot",), function="XP_OPTION_BS", spot=spot, strike=strike,
                years=years, rate=rate, volatility=volatility, dividend_yield=dividend_yield,
                option_type=option_type)


@excel_function(INCENTIVES, cellwise=("price", "strike", "option_type", "quantity"), help={
    "price": "Share price (股价), a cell or a column; a blank price gives a blank cell.",
    "strike": "Exercise price (行权价格).",
    "option_type": 'Option type: "call" (认购, the default) or "put" (认沽).',
    "quantity": "Optional number of options (期权数量): the total, rounded half-up to the "
                "cent. Blank: the value of one option, not rounded.",
}, examples=[(15, 10), (8, 10), (15, 10, None, 3000), (8, 10, "put")])
def XP_INTRINSIC(price, strike, option_type="call", quantity=None):
    """Intrinsic value (内在价值) of an option at a share price: max(0, price − strike) (a put:
    strike − price), per option or for a quantity. One result per row."""
    def intrinsic(price, strike, option_type, quantity):
        per_option = intrinsic_value(price, strike, option_type)
        if quantity is None:
            return float(per_option)
        return amount(total_value(per_option, quantity))

    return each(intrinsic, ("price",), function="XP_INTRINSIC", price=price, strike=strike,
                option_type=option_type, quantity=quantity)


# --- vesting ------------------------------------------------------------------------------

@excel_function(INCENTIVES, cellwise=DATES, help={
    "grant_date": "Grant date (授予日), a cell or a column; a blank grant date gives a blank "
                  "cell.",
    "as_of": "The day to look at (截至日), e.g. the appraisal year's last day.",
    "schedule": SCHEDULE_HELP,
    "leaving_date": "Optional last day of service (离职日): nothing vests after it. Blank: "
                    "still in service.",
}, examples=[(GRANT, dt.datetime(2026, 3, 15), "graded 40/30/30"),
             (GRANT, dt.datetime(2026, 3, 14), [[12, 0.4], [24, 0.3], [36, 0.3]]),
             (GRANT, dt.datetime(2030, 1, 1), "graded 40/30/30", dt.datetime(2026, 3, 14))])
def XP_VESTED(grant_date, as_of, schedule, leaving_date=None):
    """Fraction of a grant vested (已归属比例) on a day, 0 to 1: a tranche vests on its
    anniversary (grant date + months), nothing after leaving. One result per row."""
    table = _table_schedule(schedule)
    per_row = {} if table else {"schedule": schedule}

    def vested(grant_date, as_of, leaving_date, schedule=table):
        return vested_fraction(day(grant_date, "grant_date"), day(as_of, "as_of"),
                               as_schedule(schedule), day(leaving_date, "leaving_date"))

    return each(vested, ("grant_date",), dates=DATES, function="XP_VESTED",
                grant_date=grant_date, as_of=as_of, leaving_date=leaving_date, **per_row)


@excel_function(INCENTIVES, cellwise=("quantity", *DATES, "conditions"), help={
    "quantity": "Shares, options or units granted (授予数量), a whole number; a cell or a "
                "column. A blank quantity gives a blank cell.",
    "grant_date": "Grant date (授予日).",
    "as_of": "The day to look at (截至日), e.g. the appraisal year's last day.",
    "schedule": SCHEDULE_HELP,
    "leaving_date": "Optional last day of service (离职日): nothing vests after it. Blank: "
                    "still in service.",
    "conditions": "Optional performance conditions (各期解锁条件), one per tranche, as "
                  '"yes/yes/no" ("?": not yet known): a tranche counts once met; one not met '
                  "is forfeited. TRUE/FALSE for a single tranche. Blank: service only.",
}, examples=[(1001, GRANT, dt.datetime(2026, 12, 31), "graded 40/30/30"),
             (10000, GRANT, dt.datetime(2027, 6, 30), "graded 40/30/30",
              dt.datetime(2026, 1, 31)),
             (1001, GRANT, dt.datetime(2027, 12, 31), "graded 40/30/30", None, "yes/no/?")])
def XP_VESTED_QTY(quantity, grant_date, as_of, schedule, leaving_date=None, conditions=None):
    """Whole shares or units vested (已归属数量) on a day: the vested fraction × quantity,
    rounded down, so the tranches add up to the grant; with conditions, only the tranches
    whose condition is met. One result per row."""
    table = _table_schedule(schedule)
    per_row = {} if table else {"schedule": schedule}

    def vested(quantity, grant_date, as_of, leaving_date, conditions, schedule=table):
        return _whole(vested_quantity(quantity, day(grant_date, "grant_date"),
                                      day(as_of, "as_of"), as_schedule(schedule),
                                      day(leaving_date, "leaving_date"),
                                      conditions_from(conditions)), "vested quantity")

    return each(vested, ("quantity",), dates=DATES, function="XP_VESTED_QTY",
                quantity=quantity, grant_date=grant_date, as_of=as_of,
                leaving_date=leaving_date, conditions=conditions, **per_row)


@excel_function(INCENTIVES, help={
    "grant_date": "Grant date (授予日), one cell. Blank: a blank cell.",
    "quantity": "Shares, options or units granted (授予数量), a whole number.",
    "schedule": "Vesting schedule (归属安排): 2 columns, months after grant and fraction; or a "
                'text such as "graded 40/30/30", "cliff 36", "monthly 48 cliff 12".',
    "by": '"calendar" (default, 自然年度): one row per calendar year, what vests in the '
          'appraisal year; "plan" (计划年度): plan years 1, 2, 3 counted from the grant.',
}, examples=[(GRANT, 1001, "graded 40/30/30"),
             (GRANT, 4800, "monthly 48 cliff 12", "plan")])
def XP_VESTING_TABLE(grant_date, quantity, schedule, by="calendar"):
    """Yearly vesting table (归属时间表) of a grant, with a header row: year, shares vesting,
    shares vested, share of the grant vesting, cumulative share. Whole shares add up exactly
    to the grant."""
    grant = day(grant_date, "grant_date")
    if grant is None:
        return None
    rows = vesting_table(grant, single(quantity, "quantity"), _one_schedule(schedule),
                         single(by, "by"))
    _whole(rows[-1].cumulative, "quantity")
    return [VESTING_HEADER] + [list(row.as_row()) for row in rows]


# --- restricted stock, performance plans, SARs, phantom stock ----------------------------

@excel_function(INCENTIVES, cellwise=("price", "grant_price", "quantity",
                                      "dividends_per_share"), help={
    "price": "Share price at unlock (解除限售日股价), a cell or a column; a blank price gives a "
             "blank cell.",
    "grant_price": "Grant price paid per share (授予价格).",
    "quantity": "Shares unlocked (解除限售数量), a whole number.",
    "dividends_per_share": "Optional cash dividends per share held during lock-up and paid "
                           "at unlock (限售期分红). Blank: none.",
}, examples=[(15, 5, 4000), (15, 5, 4000, 1.2), (4, 5, 1000)])
def XP_RS_VALUE(price, grant_price, quantity, dividends_per_share=None):
    """Restricted stock value at unlock (限制性股票解锁价值): (price − grant price) × shares +
    dividends per share × shares, rounded to the cent; negative under water."""
    def value(price, grant_price, quantity, dividends_per_share):
        return amount(unlock_value(price, grant_price, quantity, dividends_per_share))

    return each(value, ("price",), function="XP_RS_VALUE", price=price,
                grant_price=grant_price, quantity=quantity,
                dividends_per_share=dividends_per_share)


@excel_function(INCENTIVES, cellwise=("achievement",), help={
    "achievement": ACHIEVEMENT_HELP,
    "curve": CURVE_HELP,
}, examples=[(1.05,), (79,), ([[0.8], [1.0], [1.3], [""]],),
             (1.1, [[0.9, 0], [1.0, 1], [1.2, 2]])])
def XP_PERF_PAYOUT(achievement, curve=None):
    """Payout of performance shares or units (业绩股票/业绩单位兑现比例) as a share of target,
    read on the payout curve: 1.125 = 112.5% (format the cell as %). One result per row."""
    payout_curve = _payout_curve(curve)

    def payout(achievement):  # the registry cleans 1.5000000000000007 to 1.5
        return payout_percent(_achievement(achievement), payout_curve) / 100

    return each(payout, ("achievement",), function="XP_PERF_PAYOUT", achievement=achievement)


@excel_function(INCENTIVES, cellwise=("target", "achievement"), help={
    "target": "Target shares (目标股数) of the award, a whole number; a cell or a column. A "
              "blank target gives a blank cell.",
    "achievement": ACHIEVEMENT_HELP,
    "curve": CURVE_HELP,
}, examples=[(10000, 1.05), (10000, 0.75), (1001, 1.1)])
def XP_PERF_SHARES(target, achievement, curve=None):
    """Performance shares earned (业绩股票): target shares × payout on the curve, rounded down
    to whole shares. One result per row."""
    payout_curve = _payout_curve(curve)
    def earned(target, achievement):
        return _whole(earned_shares(target, _achievement(achievement), payout_curve),
                      "shares earned")

    return each(earned, ("target",), function="XP_PERF_SHARES", target=target,
                achievement=achievement)


@excel_function(INCENTIVES, cellwise=("units", "unit_value", "achievement"), help={
    "units": "Performance units (业绩单位), a whole number; a cell or a column. A blank gives a "
             "blank cell.",
    "unit_value": "Cash value of one unit (单位价值), ¥.",
    "achievement": ACHIEVEMENT_HELP,
    "curve": CURVE_HELP,
}, examples=[(1000, 100, 1.05), (1000, 100, 1.4)])
def XP_PERF_UNITS(units, unit_value, achievement, curve=None):
    """Cash of performance units (业绩单位): units × unit value × payout on the curve, rounded
    half-up to the cent. One result per row."""
    payout_curve = _payout_curve(curve)

    def payout(units, unit_value, achievement):
        return amount(unit_payout(units, unit_value, _achievement(achievement), payout_curve))

    return each(payout, ("units",), function="XP_PERF_UNITS", units=units,
                unit_value=unit_value, achievement=achievement)


@excel_function(INCENTIVES, cellwise=("price", "exercise_price", "quantity", "cap_per_unit"),
                help={
    "price": "Share price at exercise (行权日股价), a cell or a column; a blank price gives a "
             "blank cell.",
    "exercise_price": "Exercise price (行权价格), usually the price at grant.",
    "quantity": "Rights exercised (行权数量), a whole number.",
    "cap_per_unit": "Optional cap on the gain per right (每份增值上限), ¥. Blank: no cap.",
}, examples=[(15, 10, 3000), (25, 10, 3000, 10)])
def XP_SAR(price, exercise_price, quantity, cap_per_unit=None):
    """Cash of exercising stock appreciation rights (股票增值权): min(max(0, price − exercise
    price), cap) × quantity, rounded half-up to the cent. One result per row."""
    def gain(price, exercise_price, quantity, cap_per_unit):
        return amount(sar_gain(price, exercise_price, quantity, cap_per_unit))

    return each(gain, ("price",), function="XP_SAR", price=price,
                exercise_price=exercise_price, quantity=quantity, cap_per_unit=cap_per_unit)


@excel_function(INCENTIVES, cellwise=("units", "price", "base_price", "dividends_per_unit"),
                help={
    "units": "Phantom units paid (虚拟股票数量), a whole number; a cell or a column. A blank "
             "gives a blank cell.",
    "price": "Share price (or value per share) on the payment day (兑现日股价).",
    "base_price": "Optional base price (基准价格): appreciation only, max(0, price − base). "
                  "Blank: full value (the whole price).",
    "dividends_per_unit": "Optional dividend equivalents per unit (分红收益). Blank: none.",
}, examples=[(2000, 15), (2000, 15, 10), (2000, 15, 10, 0.7)])
def XP_PHANTOM(units, price, base_price=None, dividends_per_unit=None):
    """Cash of phantom stock (虚拟股票): units × price (full value) or × max(0, price − base
    price) (appreciation), plus dividend equivalents × units, rounded to the cent."""
    def value(units, price, base_price, dividends_per_unit):
        return amount(phantom_value(units, price, base_price, dividends_per_unit))

    return each(value, ("units",), function="XP_PHANTOM", units=units, price=price,
                base_price=base_price, dividends_per_unit=dividends_per_unit)


@excel_function(INCENTIVES, cellwise=("amount",), help={
    "amount": "Deferred part of a bonus (递延奖金, e.g. from XP_DEFER), ¥: a cell, or a "
              "column with one amount per executive. A blank amount gives a blank row.",
    "schedule": "Deferral schedule (递延支付安排): 2 columns, months after settlement and "
                'fraction; or a text such as "equal 3", "graded 50/30/20". Default '
                f'"{RULES.deferral_schedule.name}" (a third a year).',
}, examples=[(100000,), (100000, "graded 50/30/20"),
             ([[90000], [""], [100000.01]], [[12, 0.5], [24, 0.5]])])
def XP_DEFERRED(amount, schedule=RULES.deferral_schedule.name):
    """Instalments of deferred cash (递延支付): the amount split by the schedule, to the cent,
    adding up exactly. One row per amount, one column per instalment."""
    deferral = _one_schedule(schedule, RULES.deferral_schedule)
    return each_row(lambda amount: [float(part) for part in instalments(amount, deferral)],
                    ("amount",), width=len(deferral.tranches), function="XP_DEFERRED",
                    amount=amount)


# --- the lifecycle guide --------------------------------------------------------------------

def XP_LTI_RECOMMEND(stage, lang="en"):  # the core's help text is the docstring, set below
    return each(recommendation_text, ("stage",), function="XP_LTI_RECOMMEND", stage=stage,
                lang=lang)


XP_LTI_RECOMMEND.__doc__ = LIFECYCLE_HELP  # one text, in the core, for the wizard and docs
XP_LTI_RECOMMEND = excel_function(INCENTIVES, cellwise=("stage", "lang"), help={
    "stage": "Company stage (生命周期): start-up/初创 (equity hard to use: cash, capital "
             "untouched), growth/成长 (pay only if the price rises), maturity/成熟 (pay for "
             "≥3-year results), decline/衰退 (value without a rise; retains key people).",
    "lang": 'Language of the advice: "en" (default), "zh" (中文) or "both".',
}, examples=[("start-up",), ("成熟",), ("decline", "zh")])(XP_LTI_RECOMMEND)
