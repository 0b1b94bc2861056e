"""A breach of the China rules in the report's language: Chinese written here, English from
the core's own message.

The core words each breach in English with the rule's Chinese terms (the same text the
workbook's Check cells show, and reconciled with them). A report in Chinese needs it in
Chinese: this module writes it from the breach's rule, subject and the two figures compared,
then the same source. A rule without a Chinese sentence here keeps the English one.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from xlperf.report.formats import Bilingual
from xlperf.rules.china.csrc import share_of_capital
from xlperf.rules.china.legal import Breach, figure, money_text, percent
from xlperf.rules.money import price_text


def _period(subject: str) -> str:
    """``period 2`` → ``第2期``."""
    return f"第{subject.split()[-1]}期" if subject.startswith("period ") else subject


def _year(subject: str) -> str:
    return f"{subject}年" if subject.isdigit() else subject


def _d(value: Decimal | None) -> Decimal:
    return Decimal(0) if value is None else value


CHINESE: dict[str, Callable[[Breach], str]] = {
    "soe.performance_cap": lambda b: (
        f"{_year(b.subject)}：绩效年薪 {money_text(_d(b.actual))} 超过上限 "
        f"{money_text(_d(b.limit))}（基本年薪的规定倍数）。"),
    "soe.failed_grade": lambda b: (
        f"{_year(b.subject)}：年度考核不称职（不胜任），不得领取绩效年薪，但设定了 "
        f"{money_text(_d(b.actual))}。"),
    "soe.deferral": lambda b: (
        f"{_year(b.subject)}：当期兑现 {money_text(_d(b.actual))}，超过当期可兑现的 "
        f"{money_text(_d(b.limit))}；其余部分须延期至任期结束后兑现（延期兑现）。"),
    "soe.term_incentive_cap": lambda b: (
        f"任期激励收入 {money_text(_d(b.actual))} 超过上限 {money_text(_d(b.limit))}"
        "（任期内年薪总水平的规定比例）。"),
    "soe.failed_term_grade": lambda b: (
        f"任期考核不称职（不胜任），不得领取任期激励收入，但设定了 {money_text(_d(b.actual))}。"),
    "soe.price_floor": lambda b: (
        f"授予（行权）价格 {price_text(_d(b.actual))} 低于国有控股上市公司的价格下限 "
        f"{price_text(_d(b.limit))}（按公平市场价格计算）。"),
    "csrc.par_value": lambda b: (
        f"授予（行权）价格 {price_text(_d(b.actual))} 低于股票票面金额 "
        f"{price_text(_d(b.limit))}。"),
    "csrc.price_window": lambda b: (
        "参考均价的交易日数不符合规定：应为草案公布前1个交易日及前20个、60个或者120个交易日"
        "的交易均价。"),
    "csrc.price_floor": lambda b: (
        f"授予（行权）价格 {price_text(_d(b.actual))} 低于价格下限 {price_text(_d(b.limit))}"
        "（按草案公布前交易均价计算）。"),
    "csrc.first_period": lambda b: (
        f"授予日与首次解除限售（行权）日之间间隔 {figure(_d(b.actual))} 个月，不得少于 "
        f"{figure(_d(b.limit))} 个月。"),
    "csrc.period_length": lambda b: (
        f"{_period(b.subject)}：时限仅 {figure(_d(b.actual))} 个月，每期时限不得少于 "
        f"{figure(_d(b.limit))} 个月。"),
    "csrc.tranche_share": lambda b: (
        f"{_period(b.subject)}：比例为获授总额的 {percent(_d(b.actual))}，各期不得超过 "
        f"{percent(_d(b.limit))}。"),
    "csrc.period_overlap": lambda b: (
        f"{_period(b.subject)}：后一行权期的起算日早于前一行权期的届满日。"),
    "csrc.plan_life": lambda b: (
        f"计划有效期为首次授予后 {figure(_d(b.actual))} 个月，不得超过 {figure(_d(b.limit))} "
        "个月。"),
    "csrc.total_cap": lambda b: (
        f"全部在有效期内的股权激励计划所涉及的标的股票总数累计占公司股本总额的 "
        f"{share_of_capital(_d(b.actual), _d(b.limit))}，不得超过 {percent(_d(b.limit))}。"),
    "csrc.individual_cap": lambda b: (
        f"{b.subject} 通过全部在有效期内的股权激励计划累计获授的股票占公司股本总额的 "
        f"{share_of_capital(_d(b.actual), _d(b.limit))}；非经股东大会特别决议批准，"
        f"任何一名激励对象累计获授不得超过 {percent(_d(b.limit))}。"),
}


def breach_text(breach: Breach) -> Bilingual:
    """The breach in Chinese and in English, each with the rule's source."""
    english = str(breach)
    chinese = CHINESE.get(breach.rule)
    if chinese is None:
        return Bilingual(english, english)
    return Bilingual(f"{chinese(breach)} [{breach.source}]", english)
