"""XP_ functions of the China rules (category "xlperf China"): income tax, CSRC, central SOEs.

Thin wrappers over :mod:`xlperf.rules.china` (see ``docs/china.md``): the annual one-time
bonus tax and its trap, equity-incentive income and its tax, net pay, the CSRC price floor
and plan check, and the central-SOE pay check. A compliance aid, not legal advice.

Every rule applies in the version in force on a date. Without a pay date (or announcement
date) the version in force **today** is used: a workbook should pass its pay date, so that
it gives the same answer next year.
"""

from __future__ import annotations

import datetime as dt

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.china.csrc import (
    EquityPlan,
    Participant,
    ReferencePrices,
    Tranche,
    check_plan,
    price_floor,
    regime_name,
)
from xlperf.rules.china.legal import OK
from xlperf.rules.china.soe import SoePayRules, SoeTermPay, SoeYearPay, check_term
from xlperf.rules.china.tax import (
    bonus_net,
    bonus_tax,
    equity_tax,
    net_pay,
    option_exercise_income,
    restricted_stock_income,
)
from xlperf.rules.china.trap import bonus_trap
from xlperf.udfs.appraisal import grade_table_from
from xlperf.udfs.cells import (
    aligned,
    amount,
    cell,
    day,
    each,
    each_row,
    grid,
    is_blank,
    present,
    single,
    values,
)
from xlperf.udfs.registry import CHINA, excel_function

PAY_DAY = dt.datetime(2025, 3, 31)  # the examples' pay date, as desktop Excel hands it over
PAY_DATE_HELP = ("Date the income is paid (发放日); picks the tax table in force. Blank: the "
                 "table in force today, so a workbook should pass its pay date.")
TRAP_SHOW = ("row", "flag", "nearest", "edge", "break_even", "net_lost", "text")
_SOE = SoePayRules()


# --- individual income tax --------------------------------------------------------------------

@excel_function(CHINA, cellwise=("bonus", "pay_date"), help={
    "bonus": "Annual one-time bonus (全年一次性奖金), ¥; a cell or a column. A blank bonus gives "
             "a blank cell.",
    "pay_date": PAY_DATE_HELP,
}, examples=[(36000, PAY_DAY), (36001, PAY_DAY), ([[144000], [300000.5], [""]], PAY_DAY)])
def XP_CN_BONUS_TAX(bonus, pay_date=None):
    """Individual income tax on the annual one-time bonus (全年一次性奖金), taxed separately:
    bonus × rate − quick deduction, the rate read at bonus ÷ 12 (36,000 → 1,080.00)."""
    return each(lambda bonus, pay_date: amount(bonus_tax(bonus, day(pay_date, "pay_date"))),
                ("bonus",), dates=("pay_date",), function="XP_CN_BONUS_TAX", bonus=bonus,
                pay_date=pay_date)


@excel_function(CHINA, cellwise=("bonus", "pay_date"), help={
    "bonus": "Annual one-time bonus (全年一次性奖金), ¥; a cell or a column. A blank bonus gives "
             "a blank cell.",
    "pay_date": PAY_DATE_HELP,
}, examples=[(36000, PAY_DAY), (36001, PAY_DAY)])
def XP_CN_BONUS_NET(bonus, pay_date=None):
    """What the executive keeps of an annual one-time bonus (税后年终奖): bonus − its
    separate income tax, to the cent."""
    return each(lambda bonus, pay_date: amount(bonus_net(bonus, day(pay_date, "pay_date"))),
                ("bonus",), dates=("pay_date",), function="XP_CN_BONUS_NET", bonus=bonus,
                pay_date=pay_date)


def _trap_cells(bonus, pay_date, show):
    trap = bonus_trap(bonus, day(pay_date, "pay_date"))

    def money_or_blank(value):
        return None if value is None else amount(value)

    parts = {"flag": trap.in_trap, "nearest": amount(trap.nearest),
             "edge": money_or_blank(trap.edge), "break_even": money_or_blank(trap.break_even),
             "net_lost": amount(trap.net_lost), "text": trap.message}
    if show == "row":
        return [parts["flag"], parts["nearest"], parts["edge"], parts["break_even"]]
    return parts[show]


def _trap_show(value: object) -> str:
    given = single(value, "show")
    show = " ".join(str(given or "row").lower().replace("-", " ").split()).replace(" ", "_")
    if show not in TRAP_SHOW:
        raise InputError(f"show is {inputs.describe(given)}, expected {', '.join(TRAP_SHOW)}",
                         field="show")
    return show


@excel_function(CHINA, cellwise=("bonus", "pay_date"), help={
    "bonus": "Annual one-time bonus (全年一次性奖金), ¥; a cell or a column (with show \"row\", "
             "each bonus spills a row). A blank bonus gives a blank.",
    "pay_date": PAY_DATE_HELP,
    "show": 'What to show (显示内容). "row" (default): in trap, nearest, edge, break-even. Or '
            'one cell per bonus: "flag" (TRUE/FALSE), "nearest", "edge", "break_even", '
            '"net_lost" (net given up) or "text" (the advice in words).',
}, examples=[(36001, PAY_DAY), (38000, PAY_DAY), (50000, PAY_DAY),
             ([[36000], [36001], [""], [160000]], PAY_DAY, "flag"),
             (36001, PAY_DAY, "text")])
def XP_CN_BONUS_TRAP(bonus, pay_date=None, show="row"):
    """Bonus trap (年终奖陷阱): a bonus just above a bracket edge nets less than the edge.
    Spills a row: in trap (TRUE/FALSE), the nearest bonus netting at least as much (itself if
    not trapped), the edge, the break-even."""
    part = _trap_show(show)

    def trap(bonus, pay_date):
        return _trap_cells(bonus, pay_date, part)

    arguments = {"bonus": bonus, "pay_date": pay_date}
    if part != "row":
        return each(trap, ("bonus",), dates=("pay_date",), function="XP_CN_BONUS_TRAP",
                    **arguments)
    return each_row(trap, ("bonus",), width=4, dates=("pay_date",),
                    function="XP_CN_BONUS_TRAP", **arguments)


@excel_function(CHINA, cellwise=("income", "earlier_income", "pay_date"), help={
    "income": "Equity-incentive income (股权激励所得), ¥: an option spread or restricted stock "
              "unlocking; a cell or a column. A blank income gives a blank cell.",
    "earlier_income": "The same calendar year's earlier equity income, already taxed (the "
                      "year's incomes are combined, 合并计税). Blank: none.",
    "pay_date": "Date the income is received (所得取得日); picks the rule in force. Blank: the "
                "rule in force today, so a workbook should pass the date.",
}, examples=[(36000, None, PAY_DAY), (100000, 36000, PAY_DAY)])
def XP_CN_EQUITY_TAX(income, earlier_income=None, pay_date=None):
    """Income tax on equity-incentive income (股权激励所得), taxed separately on the annual
    table with the year's earlier equity income: tax on the total less the tax on the earlier
    part."""
    def tax(income, earlier_income, pay_date):
        return amount(equity_tax(income, 0 if earlier_income is None else earlier_income,
                                 on=day(pay_date, "pay_date")))

    return each(tax, ("income",), dates=("pay_date",), function="XP_CN_EQUITY_TAX",
                income=income, earlier_income=earlier_income, pay_date=pay_date)


@excel_function(CHINA, cellwise=("registration_price", "unlock_price", "shares_unlocked",
                                 "total_paid", "shares_granted"), help={
    "registration_price": "Closing price on the registration date (登记日收盘价); a cell or "
                          "a column. A blank gives a blank cell.",
    "unlock_price": "Closing price on the unlock date (解禁日收盘价).",
    "shares_unlocked": "Shares unlocked in this tranche (本批次解禁股票份数).",
    "total_paid": "Amount paid for the whole grant (实际支付资金总额), ¥.",
    "shares_granted": "Restricted shares granted in total (获取的限制性股票总份数).",
}, examples=[(10, 15, 4000, 50000, 10000)])
def XP_CN_RS_INCOME(registration_price, unlock_price, shares_unlocked, total_paid,
                    shares_granted):
    """Taxable income of restricted stock unlocking (限制性股票应纳税所得额): (registration price
    + unlock price) ÷ 2 × shares unlocked − total paid × shares unlocked ÷ shares granted; 0
    if below."""
    def income(registration_price, unlock_price, shares_unlocked, total_paid, shares_granted):
        return amount(restricted_stock_income(registration_price, unlock_price,
                                              shares_unlocked, total_paid, shares_granted))

    return each(income, ("registration_price",), function="XP_CN_RS_INCOME",
                registration_price=registration_price, unlock_price=unlock_price,
                shares_unlocked=shares_unlocked, total_paid=total_paid,
                shares_granted=shares_granted)


@excel_function(CHINA, cellwise=("market_price", "exercise_price", "shares"), help={
    "market_price": "Closing price on the exercise day (行权日收盘价); a cell or a column. A "
                    "blank gives a blank cell.",
    "exercise_price": "Exercise price (行权价格/施权价).",
    "shares": "Shares bought by exercising (行权股票数量).",
}, examples=[(15, 10, 3000), (9, 10, 3000)])
def XP_CN_OPTION_INCOME(market_price, exercise_price, shares):
    """Taxable income of exercising stock options (股票期权行权所得): (market price − exercise
    price) × shares, to the cent; 0 below water."""
    def income(market_price, exercise_price, shares):
        return amount(option_exercise_income(market_price, exercise_price, shares))

    return each(income, ("market_price",), function="XP_CN_OPTION_INCOME",
                market_price=market_price, exercise_price=exercise_price, shares=shares)


@excel_function(CHINA, cellwise=("gross", "tax"), help={
    "gross": "Gross pay (税前收入), ¥; a cell or a column. A blank gross gives a blank cell.",
    "tax": "Income tax on it (个人所得税), ¥, e.g. from XP_CN_BONUS_TAX. Blank: no tax.",
}, examples=[(36000, 1080), (1000.005, 0.001)])
def XP_NET_PAY(gross, tax):
    """Net pay (税后收入) = gross − tax, both rounded to the cent; a tax above the gross or
    below 0 is an error. One result per row."""
    return each(lambda gross, tax: amount(net_pay(gross, 0 if tax is None else tax)),
                ("gross",), function="XP_NET_PAY", gross=gross, tax=tax)


# --- CSRC listed-company equity incentives ----------------------------------------------------

PRICE_HELP = {
    "previous_day_average": "Average price (交易均价, turnover ÷ volume) of the trading day "
                            'before the draft plan (前1个交易日). Required unless regime is "soe".',
    "period_average": "Average price of the 20, 60 or 120 trading days before the draft "
                      '(前20/60/120个交易日交易均价). Required unless regime is "soe".',
    "regime": '"csrc" (default: any listed company) or "soe" (state-controlled, 国有控股: also '
              "≥ the fair market price, the higher of the previous close and the 30-day "
              "average close, for options; ≥ 50% of it for restricted stock).",
    "previous_close": 'For regime "soe", required: closing price of the previous trading '
                      "day (前1个交易日收盘价).",
    "average_close_30": 'For regime "soe", required: average closing price of the previous '
                        "30 trading days (前30个交易日平均收盘价).",
}

# a missing reference price as a formula's user meets it: by its arguments, and when
_CSRC_PRICES = ('previous_day_average and period_average are required unless regime is "soe": '
                "the CSRC price floor needs both "
                "(前1个交易日交易均价, 前20/60/120个交易日交易均价)")
_SOE_PRICES = ('previous_close and average_close_30 are required when regime is "soe": the '
               "state-controlled price floor needs both "
               "(前1个交易日收盘价, 前30个交易日平均收盘价)")
_HALF_CSRC = ('previous_day_average and period_average go together: with regime "soe" give '
              "both (the CSRC floor is checked too) or neither")


def _prices_named(error: InputError, regime: object) -> InputError:
    """A missing reference price said by the arguments that hold it (the core names the
    prices, as the workbook's columns do); any other error as it is."""
    if error.field != "reference":
        return error
    if "收盘价" in error.message:  # the state-controlled floor's prices
        return InputError(_SOE_PRICES, field="reference")
    soe = regime_name(regime) == "soe"  # valid: the core read it before the prices
    return InputError(_HALF_CSRC if soe else _CSRC_PRICES, field="reference")


@excel_function(CHINA, cellwise=("instrument", "previous_day_average", "period_average",
                                 "regime", "previous_close", "average_close_30"), help={
    "instrument": 'Instrument: "restricted stock" (限制性股票) or "option" (股票期权); a cell '
                  "or a column. A blank gives a blank cell.",
    **PRICE_HELP,
}, examples=[("restricted stock", 9.6, 10.2), ("option", 9.6, 10.2),
             ("option", None, None, "soe", 10.5, 10.1)])
def XP_CSRC_FLOOR(instrument, previous_day_average, period_average, regime="csrc",
                  previous_close=None, average_close_30=None):
    """Lowest grant price (限制性股票授予价格) or exercise price (股票期权行权价格) the CSRC
    measures allow: 50% (restricted stock) or 100% (options) of the higher reference average
    price; state-controlled rule too."""
    def floor(instrument, previous_day_average, period_average, regime, previous_close,
              average_close_30):
        try:
            return float(price_floor(instrument, previous_day_average, period_average,
                                     previous_close=previous_close,
                                     average_close_30=average_close_30,
                                     regime=regime or "csrc"))
        except InputError as error:
            raise _prices_named(error, regime) from error

    return each(floor, ("instrument",), function="XP_CSRC_FLOOR", instrument=instrument,
                previous_day_average=previous_day_average, period_average=period_average,
                regime=regime, previous_close=previous_close, average_close_30=average_close_30)


def _rows(block: object, name: str, widths: tuple[int, ...]) -> list[tuple[int, list[object]]]:
    """(row number, cells) of a table argument; blank rows left out."""
    rows = grid(block)
    # one cell: an error (FILTER's #CALC!) raises; a blank is no rows (the core says what is
    # missing)
    if len(rows) == len(rows[0]) == 1 and cell(rows[0][0], name) is None:
        return []
    if len(rows[0]) not in widths:
        expected = " or ".join(str(w) for w in widths)
        raise InputError(f"{name} has {len(rows[0])} columns, expected {expected}", field=name)
    return [(i, [cell(v, f"{name} row {i}") for v in row])
            for i, row in enumerate(rows, start=1) if not all(is_blank(v) for v in row)]


def _in_row(name: str, i: int, build):
    try:
        return build()
    except InputError as error:
        raise InputError(f"{name} row {i}: {error.message}", field=name) from error


def _tranches(block: object) -> tuple[Tranche, ...]:
    return tuple(_in_row("tranches", i, lambda r=row: Tranche(*r))
                 for i, row in _rows(block, "tranches", (3,)))


def _participants(block: object) -> tuple[Participant, ...]:
    def participant(row):
        name, shares, other, resolution = (row + [None, None])[:4]
        return Participant(name, shares, 0 if other is None else other,
                           False if resolution is None else resolution)

    return tuple(_in_row("participants", i, lambda r=row: participant(r))
                 for i, row in _rows(block, "participants", (2, 3, 4)))


def _lines(ok: bool, lines: tuple[str, ...], notes: tuple[str, ...] = ()) -> list[list[str]]:
    return [[line] for line in ((OK,) if ok else lines) + tuple(f"Note: {n}" for n in notes)]


def _optional(value: object, name: str, default: object = None) -> object:
    given = single(value, name)
    return default if given is None else given


@excel_function(CHINA, help={
    "instrument": 'Instrument: "restricted stock" (限制性股票) or "option" (股票期权). Blank, '
                  "with grant_price, tranches and share_capital blank too: a blank cell.",
    "grant_price": "Grant price (授予价格) or exercise price (行权价格) per share.",
    "tranches": "Unlock/exercise periods (解除限售期/行权期): 3 columns, start and end in months "
                "after the grant, share of the grant (50% or 0.5); one row per period.",
    "share_capital": "Total share capital (股本总额), shares, when the latest plan was approved.",
    **{k: v for k, v in PRICE_HELP.items() if k in ("previous_day_average", "period_average")},
    "participants": "Optional participants (激励对象): 2–4 columns, name, shares granted, "
                    "shares under other live plans, special resolution (股东大会特别决议, "
                    "TRUE/FALSE).",
    "plan_shares": "Optional shares of this plan (标的股票总数) incl. reserved ones (预留). "
                   "Blank: the participants' total.",
    "other_plan_shares": "Optional shares of the company's other live plans (其他有效期内"
                         "激励计划的标的股票). Blank: none.",
    "regime": PRICE_HELP["regime"],
    "previous_close": PRICE_HELP["previous_close"],
    "average_close_30": PRICE_HELP["average_close_30"],
    "period_days": "Trading days (交易日数) period_average covers: 20, 60 or 120. Default 20.",
    "par_value": "Par value per share (票面金额). Default 1.",
    "announce_date": "Date the draft plan is announced (草案公布日); picks the rules in force. "
                     "Blank: today.",
}, examples=[
    ("restricted stock", 5.1, [[12, 24, 0.4], [24, 36, 0.3], [36, 48, 0.3]], 100000000, 9.6,
     10.2, [["Zhang Wei 张伟", 500000], ["Li Na 李娜", 300000]]),
    ("restricted stock", 4.5, [[10, 22, 0.6], [22, 30, 0.4]], 10000000, 9.6, 10.2,
     [["Zhang Wei 张伟", 150000], ["Li Na 李娜", 50000]], 1100000, None, None, None, None, 30),
])
def XP_CSRC_CHECK(instrument, grant_price, tranches, share_capital, previous_day_average=None,
                  period_average=None, participants=None, plan_shares=None,
                  other_plan_shares=None, regime="csrc", previous_close=None,
                  average_close_30=None, period_days=20, par_value=1, announce_date=None):
    """Check an equity plan against the CSRC measures (上市公司股权激励管理办法): price floor,
    12-month periods, ≤ 50% a period, ≤ 10% of capital, ≤ 1% a person. One line per breach,
    or OK. Needs previous_day_average and period_average unless regime is "soe"."""
    if not any(present(main) for main in (instrument, grant_price, tranches, share_capital)):
        return None  # an unused row of a plan table
    try:
        plan = _plan(instrument, grant_price, tranches, share_capital, previous_day_average,
                     period_average, participants, plan_shares, other_plan_shares, regime,
                     previous_close, average_close_30, period_days, par_value, announce_date)
    except InputError as error:
        raise _prices_named(error, single(regime, "regime")) from error
    result = check_plan(plan)
    return _lines(result.ok, result.lines, result.notes)


def _plan(instrument, grant_price, tranches, share_capital, previous_day_average,
          period_average, participants, plan_shares, other_plan_shares, regime,
          previous_close, average_close_30, period_days, par_value, announce_date
          ) -> EquityPlan:
    return EquityPlan(
        instrument=single(instrument, "instrument"),
        grant_price=single(grant_price, "grant_price"),
        reference=ReferencePrices(single(previous_day_average, "previous_day_average"),
                                  single(period_average, "period_average"),
                                  _optional(period_days, "period_days", 20),
                                  single(previous_close, "previous_close"),
                                  single(average_close_30, "average_close_30")),
        tranches=_tranches(tranches),
        share_capital=single(share_capital, "share_capital"),
        participants=_participants(participants) if present(participants) else (),
        plan_shares=single(plan_shares, "plan_shares"),
        other_plan_shares=_optional(other_plan_shares, "other_plan_shares", 0),
        par_value=_optional(par_value, "par_value", 1),
        regime=single(regime, "regime"),
        announced=day(announce_date, "announce_date"))


# --- central-SOE executive pay ------------------------------------------------------------------

def _term_years(rows: int, given: list[object] | None) -> list[object]:
    if given is not None:
        return given
    last = dt.date.today().year
    return list(range(last - rows + 1, last + 1))


@excel_function(CHINA, help={
    "base_salary": "Base salary (基本年薪), ¥: a cell, or a column with one row per year of "
                   "the term (任期). A wholly blank row is skipped; a row with figures but no "
                   "base salary is an error.",
    "performance_salary": "Performance salary (绩效年薪) of each year, ¥, the whole year's "
                          "(paid now and deferred).",
    "grade": "Each year's annual grade (年度考核等级): S, A, B, C, D or 卓越, 优秀, 称职, "
             "基本称职, 不称职 (胜任, 合格 …), or a grade of grade_table; D (不称职/不胜任) "
             "earns no performance salary; an unknown grade is an error.",
    "years": "Optional: each row's year (年度). Blank: the last row is the current year.",
    "term_incentive": "Optional term incentive (任期激励收入), ¥: at most 30% of the term's "
                      "base + performance salary. Blank: none.",
    "term_grade": "Optional term grade (任期考核等级); D earns no term incentive.",
    "paid_now": "Optional: performance salary paid at each year's close (当期兑现), ¥; checks "
                "the deferral. Blank: not checked.",
    "deferral_share": "Share of the performance salary deferred to the term's end (延期兑现). "
                      f"Default {float(_SOE.deferral_share):g}.",
    "grade_table": "Optional: the company's grade table (考核等级表, Config's GradeTable: "
                   "grade, lowest score), so its own grade names are known; they pass, but for "
                   "D and 不称职/不胜任/不合格. Blank: S, A, B, C, D.",
}, examples=[
    ([[600000], [600000], [620000]], [[1100000], [1300000], [900000]], [["A"], ["B"], ["D"]],
     [[2022], [2023], [2024]], 1200000),
    (600000, 1000000, "A", 2024),
])
def XP_SOE_CHECK(base_salary, performance_salary, grade, years=None, term_incentive=None,
                 term_grade=None, paid_now=None, deferral_share=float(_SOE.deferral_share),
                 grade_table=None):
    """Check central-SOE executive pay (中央企业负责人薪酬): performance salary ≤ 2 × base,
    none after a failed grade, deferral, term incentive ≤ 30% of term pay. Spills one line
    per breach, or OK."""
    bases = values(base_salary, "base_salary")
    columns = {"performance_salary": values(performance_salary, "performance_salary"),
               "grade": values(grade, "grade")}
    for name, given in (("years", years), ("paid_now", paid_now)):
        if present(given):
            columns[name] = values(given, name)
    for name, column in columns.items():
        aligned("base_salary", bases, name, column)
    year_of = _term_years(len(bases), columns.get("years"))
    if all(b is None for b in bases):
        return None  # no base salary at all: an unused block, a blank cell
    figures = {n: c for n, c in columns.items() if n != "years"}  # a year alone is blank
    kept = [i for i, b in enumerate(bases)
            if b is not None or any(c[i] is not None for c in figures.values())]
    for i in kept:  # a wholly blank row is skipped; a year's figures without its base are not
        if bases[i] is None:
            given = next(n for n, c in figures.items() if c[i] is not None)
            raise InputError(f"base_salary row {i + 1} ({year_of[i]}) is empty but its "
                             f"{given.replace('_', ' ')} is given: give the base salary or "
                             "clear the row", field="base_salary")
    paid = columns.get("paid_now")
    term = SoeTermPay(
        tuple(SoeYearPay(year_of[i], bases[i], columns["performance_salary"][i],
                         columns["grade"][i], None if paid is None else paid[i])
              for i in kept),
        _optional(term_incentive, "term_incentive", 0), single(term_grade, "term_grade"))
    rules = SoePayRules(deferral_share=_optional(deferral_share, "deferral_share",
                                                 _SOE.deferral_share)
                        ).with_grades(grade_table_from(grade_table).grades)
    result = check_term(term, rules)
    return _lines(result.ok, result.lines)
