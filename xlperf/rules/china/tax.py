"""Individual income tax (个人所得税) on an executive's bonus and equity-incentive income.

- Annual one-time bonus (全年一次性奖金), taxed separately: bonus / 12 picks the rate and quick
  deduction in the monthly table; ``tax = bonus × rate − quick deduction``
  (:func:`bonus_tax`). The cliffs this creates are in :mod:`xlperf.rules.china.trap`.
- Equity-incentive income (股权激励所得) of a listed company, taxed separately on the annual
  table; all equity incomes of one calendar year are added and taxed once, each new one
  paying the tax on the year's total less the tax already paid (:func:`equity_tax`,
  :func:`equity_tax_by_year`). Its taxable amount comes from :func:`restricted_stock_income`
  or :func:`option_exercise_income`.
- Dividends on restricted shares before they unlock: 10% withheld (:func:`dividend_tax`).

Amounts are read as money (half-up to the cent), tax is rounded half-up to the cent once.
Each function takes the date the income is received (``on``; default today) and uses the
table in force that day; a date outside every known period is an error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.china.legal import Source, amount, as_date, in_force, read_money
from xlperf.rules.china.tax_tables import (
    BONUS_TAX_VERSIONS,
    EQUITY_TAX_VERSIONS,
    RESTRICTED_DIVIDEND_RATE,
    SeparateTax,
)
from xlperf.rules.inputs import is_blank
from xlperf.rules.money import money, money_result

ZERO = Decimal(0)


@dataclasses.dataclass(frozen=True)
class TaxComputation:
    """How one amount was taxed: the bracket used, the tax and the rule's source."""

    income: Decimal  # the amount taxed (a bonus, or a year's combined equity income)
    rate: Decimal  # 0.10 for 10%
    quick_deduction: Decimal  # 速算扣除数
    tax: Decimal  # income × rate − quick deduction, half-up to the cent
    rule: SeparateTax  # the table, its period and source

    @property
    def net(self) -> Decimal:
        """What the executive keeps: income − tax."""
        return self.income - self.tax

    @property
    def source(self) -> Source:
        """The document that makes this income taxable separately in this period."""
        return self.rule.source


def separate_tax(income: Decimal, rule: SeparateTax) -> TaxComputation:
    """Tax ``income`` (already money) under ``rule``: bracket at income / divisor."""
    bracket = rule.table.bracket_for(income / rule.divisor)
    tax = money(income * bracket.rate - bracket.quick_deduction)
    return TaxComputation(income, bracket.rate, bracket.quick_deduction, tax, rule)


def bonus_rule(on: object = None) -> SeparateTax:
    """The annual one-time bonus rule in force on ``on`` (default today)."""
    return in_force(BONUS_TAX_VERSIONS, on, "annual one-time bonus (全年一次性奖金) tax table")


def bonus_tax_detail(bonus: object, on: object = None) -> TaxComputation:
    """The annual one-time bonus (全年一次性奖金) taxed separately, with rate and source."""
    return separate_tax(read_money(bonus, "bonus (全年一次性奖金)", field="bonus"), bonus_rule(on))


def bonus_tax(bonus: object, on: object = None) -> Decimal:
    """Tax on an annual one-time bonus: bonus × rate − quick deduction, rate at bonus / 12.

    A bonus of 36,000 pays 1,080.00 (3,000 a month → 3%); 36,001 pays 3,390.10 (10% − 210).
    """
    return bonus_tax_detail(bonus, on).tax


def bonus_net(bonus: object, on: object = None) -> Decimal:
    """What the executive keeps of an annual one-time bonus: bonus − :func:`bonus_tax`."""
    return bonus_tax_detail(bonus, on).net


def net_pay(gross: object, tax: object) -> Decimal:
    """Net pay: gross − tax, both read as money; a negative tax or a tax above gross is an error."""
    gross_amount = read_money(gross, "gross pay", field="gross")
    tax_amount = read_money(tax, "tax", field="tax")
    if tax_amount > gross_amount:
        raise InputError(f"tax {tax_amount} is more than the gross pay {gross_amount}: "
                         "check the two amounts", field="tax")
    return gross_amount - tax_amount


def dividend_tax(dividends: object) -> Decimal:
    """Tax withheld on dividends paid on restricted shares before they unlock: 10%
    (half the dividend taxed at 20%, 财税〔2012〕85号), half-up to the cent."""
    return money(read_money(dividends, "dividends", field="dividends")
                 * RESTRICTED_DIVIDEND_RATE)


# Equity-incentive income -------------------------------------------------------------------

def _count(value: object, what: str, field: str) -> Decimal:
    shares = amount(value, what, field=field)
    if shares != shares.to_integral_value():
        raise InputError(f"{what} is {inputs.describe(value)}, expected a whole number of shares",
                         field=field)
    return shares


def restricted_stock_income(registration_price: object, unlock_price: object,
                            shares_unlocked: object, total_paid: object,
                            shares_granted: object) -> Decimal:
    """Taxable income of a tranche of restricted stock (限制性股票) when it unlocks.

    (market price on the registration date + market price on the unlock date) ÷ 2 × shares
    unlocked − amount paid for the whole grant × shares unlocked ÷ shares granted
    (国税函〔2009〕461号; market price = that day's closing price). Half-up to the cent; a
    tranche worth less than was paid for it has no taxable income (0).
    """
    registered = amount(registration_price, "market price on the registration date (登记日市价)",
                        field="registration_price")
    unlocked_at = amount(unlock_price, "market price on the unlock date (解禁日市价)",
                         field="unlock_price")
    unlocked = _count(shares_unlocked, "shares unlocked (本批次解禁股票份数)", "shares_unlocked")
    granted = _count(shares_granted, "shares granted (获取的限制性股票总份数)", "shares_granted")
    paid = amount(total_paid, "amount paid (实际支付的资金总额)", field="total_paid")
    if granted == 0:
        raise InputError("shares granted is 0, expected the number of restricted shares "
                         "granted", field="shares_granted")
    if unlocked > granted:
        raise InputError(f"shares unlocked ({unlocked}) is more than the shares granted "
                         f"({granted})", field="shares_unlocked")
    income = (registered + unlocked_at) / 2 * unlocked - paid * unlocked / granted
    return money_result(max(ZERO, income), "taxable income", field="shares_unlocked")


def option_exercise_income(market_price: object, exercise_price: object,
                           shares: object) -> Decimal:
    """Taxable income of exercising stock options (股票期权): (market − exercise price) × shares.

    Market price is the closing price on the exercise day (财税〔2005〕35号). Half-up to the
    cent; an exercise below water has no taxable income (0).
    """
    market = amount(market_price, "market price at exercise (行权日市价)", field="market_price")
    strike = amount(exercise_price, "exercise price (施权价)", field="exercise_price")
    count = _count(shares, "shares exercised (行权股票数量)", "shares")
    return money_result(max(ZERO, (market - strike) * count), "taxable income", field="shares")


def equity_rule(on: object = None) -> SeparateTax:
    """The equity-incentive separate-taxation rule in force on ``on`` (default today)."""
    return in_force(EQUITY_TAX_VERSIONS, on,
                    "equity-incentive income (股权激励所得) tax rule")


def equity_tax(income: object, earlier_income: object = 0, tax_paid: object = None,
               on: object = None) -> Decimal:
    """Tax on an equity-incentive income, combined with the year's earlier equity incomes.

    tax = tax on (earlier income + income) on the annual table − tax already paid on the
    earlier ones; ``tax_paid`` defaults to the tax on ``earlier_income`` alone. With no
    earlier income this is simply the tax on ``income`` (36,000 → 1,080.00).
    """
    rule = equity_rule(on)
    this = read_money(income, "equity income (股权激励所得)", field="income")
    before = read_money(earlier_income, "earlier equity income of the year",
                        field="earlier_income")
    combined = separate_tax(before + this, rule).tax
    if is_blank(tax_paid):
        paid = separate_tax(before, rule).tax
    else:
        paid = read_money(tax_paid, "tax already paid on the year's equity income",
                          field="tax_paid")
    if paid > combined:
        raise InputError(f"tax already paid ({paid}) is more than the tax on the year's "
                         f"combined equity income ({combined}): check the earlier income "
                         "and the tax paid", field="tax_paid")
    return combined - paid


@dataclasses.dataclass(frozen=True)
class EquityIncome:
    """One equity-incentive income: a tranche unlocking or an exercise, on a day."""

    amount: Decimal
    on: dt.date
    label: str = ""  # what it is, for reports: "2024 plan, tranche 1" (none for a grant's …
    grant_id: str = ""  # … event: the grant it comes from, "RS-2023", …
    kind: str = ""  # … and the event's kind, "unlock" or "exercise": reports word those)

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", read_money(self.amount, "equity income",
                                                          field="amount"))
        object.__setattr__(self, "on", as_date(self.on, "date of the equity income"))
        object.__setattr__(self, "label", str(self.label or "").strip())


@dataclasses.dataclass(frozen=True)
class EquityTaxLine:
    """One equity income taxed with the year's earlier ones (一个纳税年度内合并计算)."""

    income: EquityIncome
    combined: TaxComputation  # the tax on the year's equity income so far, this one included
    tax: Decimal  # this income's tax: combined tax − tax on the earlier incomes of the year

    @property
    def year(self) -> int:
        """The tax year (calendar year) of the income."""
        return self.income.on.year


def equity_tax_by_year(incomes: Iterable[EquityIncome]) -> tuple[EquityTaxLine, ...]:
    """Every equity income taxed in date order, combined with earlier ones of its year.

    The incomes of a calendar year are added; each line pays the tax on the running total
    less the tax of the earlier lines, so a year's lines add up exactly to the tax on its
    total. Lines come back in date order (same-day incomes in the order given).
    """
    lines: list[EquityTaxLine] = []
    running: dict[int, tuple[Decimal, Decimal]] = {}
    for income in sorted(incomes, key=lambda i: i.on):
        total, paid = running.get(income.on.year, (ZERO, ZERO))
        combined = separate_tax(total + income.amount, equity_rule(income.on))
        lines.append(EquityTaxLine(income, combined, combined.tax - paid))
        running[income.on.year] = (combined.income, combined.tax)
    return tuple(lines)


def year_totals(lines: Sequence[EquityTaxLine]) -> dict[int, Decimal]:
    """The equity tax of each year of :func:`equity_tax_by_year`'s lines."""
    totals: dict[int, Decimal] = {}
    for line in lines:
        totals[line.year] = totals.get(line.year, ZERO) + line.tax
    return totals
