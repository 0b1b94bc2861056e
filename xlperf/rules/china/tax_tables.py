"""Individual income tax (个人所得税) tables, each with its source and the period it applies to.

Data only. Two tables are in use, both from the Individual Income Tax Law as amended in 2018
(in force since 2019-01-01):

- the annual comprehensive-income table (综合所得年度税率表), on which equity-incentive
  income (股权激励所得) of a listed company is taxed separately;
- the same table converted to months (按月换算后的综合所得税率表), on which the annual
  one-time bonus (全年一次性奖金) is taxed separately: bonus / 12 picks the bracket.

Each separate-taxation regime is a temporary concession renewed by announcement; every
renewal is a :class:`SeparateTax` with its own source and period, so that a date outside
every period fails clearly (see ``docs/china.md`` for how to add the next renewal).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from xlperf.errors import InputError
from xlperf.rules.china.legal import Period, Source


@dataclasses.dataclass(frozen=True)
class Bracket:
    """A line of a tax table: up to ``upper`` (included; None: no limit), rate, quick deduction."""

    upper: Decimal | None
    rate: Decimal
    quick_deduction: Decimal


@dataclasses.dataclass(frozen=True)
class TaxTable:
    """A progressive table with quick deductions (速算扣除数), lowest bracket first.

    Checked when built: bounds and rates rise, only the last bracket is open, and every
    quick deduction is the one that makes ``amount × rate − quick deduction`` continuous at
    the bracket edges (so a typo in the data cannot pass).
    """

    name: str
    brackets: tuple[Bracket, ...]

    def __post_init__(self) -> None:
        b = self.brackets
        if not b or b[-1].upper is not None or any(x.upper is None for x in b[:-1]):
            raise InputError(f"tax table {self.name}: only the last bracket may be open")
        if b[0].quick_deduction != 0:
            raise InputError(f"tax table {self.name}: the first quick deduction must be 0")
        for low, high in zip(b, b[1:], strict=False):
            if high.rate <= low.rate or (high.upper is not None and high.upper <= low.upper):
                raise InputError(f"tax table {self.name}: brackets must rise")
            expected = low.quick_deduction + low.upper * (high.rate - low.rate)
            if high.quick_deduction != expected:
                raise InputError(f"tax table {self.name}: quick deduction above {low.upper} is "
                                 f"{high.quick_deduction}, expected {expected}")

    def bracket_for(self, amount: Decimal) -> Bracket:
        """The bracket of ``amount`` (each bracket includes its upper bound: 不超过)."""
        for bracket in self.brackets:
            if bracket.upper is None or amount <= bracket.upper:
                return bracket
        raise AssertionError("the last bracket is open")  # pragma: no cover

    def bracket_above(self, bracket: Bracket) -> Bracket:
        """The bracket that follows ``bracket``."""
        return self.brackets[self.brackets.index(bracket) + 1]


def _table(name: str, rows: tuple[tuple[int | None, str, int], ...]) -> TaxTable:
    return TaxTable(name, tuple(
        Bracket(None if upper is None else Decimal(upper), Decimal(rate) / 100, Decimal(qd))
        for upper, rate, qd in rows))


_TAX_LAW = Source("中华人民共和国个人所得税法（2018年第七次修正）",
                  article="个人所得税税率表一（综合所得适用）")

ANNUAL_TABLE = _table("综合所得年度税率表 annual comprehensive-income table", (
    (36_000, "3", 0),
    (144_000, "10", 2_520),
    (300_000, "20", 16_920),
    (420_000, "25", 31_920),
    (660_000, "30", 52_920),
    (960_000, "35", 85_920),
    (None, "45", 181_920),
))

MONTHLY_TABLE = _table("按月换算后的综合所得税率表 comprehensive-income table in months", (
    (3_000, "3", 0),
    (12_000, "10", 210),
    (25_000, "20", 1_410),
    (35_000, "25", 2_660),
    (55_000, "30", 4_410),
    (80_000, "35", 7_160),
    (None, "45", 15_160),
))


@dataclasses.dataclass(frozen=True)
class SeparateTax:
    """A separate-taxation regime (单独计税) in force for a period under a source.

    ``tax = income × rate − quick deduction``, the bracket read at ``income / divisor``
    (12 for the annual one-time bonus, 1 for equity income).
    """

    income: str  # what is taxed, for messages: "annual one-time bonus (全年一次性奖金)"
    table: TaxTable
    divisor: int
    period: Period
    source: Source
    table_source: Source = _TAX_LAW


def _days(start: str, end: str) -> Period:
    return Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end))


_BONUS = "annual one-time bonus (全年一次性奖金) separate taxation"
_EQUITY = "equity-incentive income (股权激励所得) separate taxation"

BONUS_TAX_VERSIONS: tuple[SeparateTax, ...] = (
    SeparateTax(_BONUS, MONTHLY_TABLE, 12, _days("2019-01-01", "2021-12-31"),
                Source("财税〔2018〕164号", "关于个人所得税法修改后有关优惠政策衔接问题的通知",
                       "第一条第（一）项及附件")),
    SeparateTax(_BONUS, MONTHLY_TABLE, 12, _days("2022-01-01", "2023-12-31"),
                Source("财政部 税务总局公告2021年第42号",
                       "关于延续实施全年一次性奖金等个人所得税优惠政策的公告", "第一条")),
    SeparateTax(_BONUS, MONTHLY_TABLE, 12, _days("2024-01-01", "2027-12-31"),
                Source("财政部 税务总局公告2023年第30号",
                       "关于延续实施全年一次性奖金个人所得税政策的公告", "第一条、第三条")),
)

EQUITY_TAX_VERSIONS: tuple[SeparateTax, ...] = (
    SeparateTax(_EQUITY, ANNUAL_TABLE, 1, _days("2019-01-01", "2021-12-31"),
                Source("财税〔2018〕164号", "关于个人所得税法修改后有关优惠政策衔接问题的通知",
                       "第二条第（一）（二）项")),
    SeparateTax(_EQUITY, ANNUAL_TABLE, 1, _days("2022-01-01", "2022-12-31"),
                Source("财政部 税务总局公告2021年第42号",
                       "关于延续实施全年一次性奖金等个人所得税优惠政策的公告", "第一条")),
    SeparateTax(_EQUITY, ANNUAL_TABLE, 1, _days("2023-01-01", "2023-12-31"),
                Source("财政部 税务总局公告2023年第2号", "关于延续实施有关个人所得税优惠政策的公告",
                       "第一条")),
    SeparateTax(_EQUITY, ANNUAL_TABLE, 1, _days("2024-01-01", "2027-12-31"),
                Source("财政部 税务总局公告2023年第25号",
                       "关于延续实施上市公司股权激励有关个人所得税政策的公告", "第一条至第三条")),
)

RESTRICTED_STOCK_INCOME_SOURCE = Source(
    "国税函〔2009〕461号", "国家税务总局关于股权激励有关个人所得税问题的通知",
    "限制性股票应纳税所得额的确定（市价指当日收盘价）")
OPTION_INCOME_SOURCE = Source(
    "财税〔2005〕35号", "财政部 国家税务总局关于个人股票期权所得征收个人所得税问题的通知",
    "第二条第（二）项、第四条第（一）项")

# Dividends on restricted shares before they unlock (解禁前取得的股息红利): half counts as
# taxable income at the 20% dividend rate, so 10% of the dividend, withheld by the company
# when it pays them. Not a separate-taxation concession with an end date: in force since 2013.
RESTRICTED_DIVIDEND_RATE = Decimal("0.10")  # 50% × 20%
RESTRICTED_DIVIDEND_SOURCE = Source(
    "财税〔2012〕85号", "关于实施上市公司股息红利差别化个人所得税政策有关问题的通知",
    "第四条（限售股解禁前取得的股息红利暂减按50%计入应纳税所得额，适用20%的税率）")
