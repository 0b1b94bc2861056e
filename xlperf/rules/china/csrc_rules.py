"""The numbers of the equity-incentive price and size rules, with their sources and periods.

Data only: the CSRC measures (上市公司股权激励管理办法) and SASAC's price rule for
state-controlled listed companies (国有控股上市公司（境内）实施股权激励试行办法 for the fair
market price, 中央企业控股上市公司实施股权激励工作指引 for the restricted-stock share). The
checks are in :mod:`xlperf.rules.china.csrc`; the version in force on the draft plan's
announcement date applies.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from xlperf.rules.china.legal import Period, Source, in_force

RESTRICTED_STOCK = "restricted_stock"
OPTION = "option"


@dataclasses.dataclass(frozen=True)
class CsrcMeasures:
    """The CSRC measures' numbers, with the period they apply to (dates of the plan draft)."""

    period: Period
    source: Source
    total_cap: Decimal = Decimal("0.10")  # all live plans, share of share capital (第十四条)
    individual_cap: Decimal = Decimal("0.01")  # one participant, all live plans (第十四条)
    restricted_stock_price_share: Decimal = Decimal("0.5")  # of the reference price (第二十三条)
    option_price_share: Decimal = Decimal(1)  # of the reference price (第二十九条)
    period_days: tuple[int, ...] = (20, 60, 120)  # the average-price windows allowed
    min_months_to_first: int = 12  # grant → first unlock / exercise (第二十四条, 第三十条)
    min_period_months: int = 12  # each unlock / exercise period (第二十五条, 第三十一条)
    max_tranche_share: Decimal = Decimal("0.5")  # of the grant, per period (同上)
    max_plan_months: int = 120  # plan life from the first grant (第十三条)

    def cite(self, article: str) -> Source:
        """The measures' source with ``article``."""
        return dataclasses.replace(self.source, article=article)


@dataclasses.dataclass(frozen=True)
class SoePriceRule:
    """SASAC's price rule for state-controlled listed companies (国有控股上市公司).

    The fair market price (公平市场价格) is the higher of the previous trading day's closing
    price and the average closing price of the previous ``average_days`` trading days
    (``source``: 175号 第十八条). An option's exercise price (行权价格) must be at least
    ``option_price_share`` of it (100%); restricted stock may be granted at
    ``restricted_stock_price_share`` of it (50%: ``restricted_stock_source``, 178号:
    限制性股票的授予价格…不得低于公平市场价格的50%).
    """

    period: Period
    source: Source  # the fair market price and the option exercise price
    restricted_stock_source: Source  # the restricted-stock grant price's share
    restricted_stock_price_share: Decimal = Decimal("0.5")  # of the fair market price
    option_price_share: Decimal = Decimal(1)  # of the fair market price
    average_days: int = 30

    def price_share(self, instrument: str) -> Decimal:
        """The share of the fair market price that ``instrument``'s price may not go below."""
        return (self.restricted_stock_price_share if instrument == RESTRICTED_STOCK
                else self.option_price_share)

    def cite(self, instrument: str) -> Source:
        """The source of ``instrument``'s floor (178号 for restricted stock, else 175号)."""
        return self.restricted_stock_source if instrument == RESTRICTED_STOCK else self.source


CSRC_VERSIONS: tuple[CsrcMeasures, ...] = (
    CsrcMeasures(Period(dt.date(2016, 8, 13)),
                 Source("中国证监会令第126号（2018年证监会令第148号修改）",
                        "上市公司股权激励管理办法")),
)
# One version from 175号's date. The 50% for restricted stock is written in 178号 (2020) and
# SASAC's 2019 notice, not in 175号's own text: docs/china.md ("State-controlled companies")
# says what to check by hand for a plan drafted before them.
SOE_PRICE_VERSIONS: tuple[SoePriceRule, ...] = (
    SoePriceRule(Period(dt.date(2006, 9, 30)),
                 Source("国资发分配〔2006〕175号", "国有控股上市公司（境内）实施股权激励试行办法",
                        "第十八条"),
                 Source("国资考分〔2020〕178号", "中央企业控股上市公司实施股权激励工作指引")),
)
ARTICLES = {
    ("price", RESTRICTED_STOCK): "第二十三条", ("price", OPTION): "第二十九条",
    ("first", RESTRICTED_STOCK): "第二十四条", ("first", OPTION): "第三十条",
    ("period", RESTRICTED_STOCK): "第二十五条", ("period", OPTION): "第三十一条",
}


def csrc_measures(on: object = None) -> CsrcMeasures:
    """The CSRC measures in force on ``on`` (the draft's announcement date; default today)."""
    return in_force(CSRC_VERSIONS, on, "CSRC equity-incentive measures (上市公司股权激励管理办法)")


def soe_price_rule(on: object = None) -> SoePriceRule:
    """The state-controlled price rule in force on ``on`` (default today)."""
    return in_force(SOE_PRICE_VERSIONS, on, "state-controlled listed company price rule "
                    "(国有控股上市公司股权激励定价)")
