"""The article's lifecycle guide: which long-term incentive suits a company at each stage.

From the seed article (打造"金手铐"): 对于初步发展的企业，可能更适合股票增值权和长期现金计划；
处于高速发展阶段的企业，选择股票增值权和股票期权两种模式则更为利好；成熟阶段普遍会选择以业绩为
基础的计划，包括业绩股票、业绩单位等；衰退时期则倾向使用限制性股票. The reasons below restate
what the article says each instrument suits, in English and Chinese.
"""

from __future__ import annotations

import dataclasses
from enum import StrEnum

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.incentives.events import Instrument


class Stage(StrEnum):
    """A company's stage of life (企业生命周期)."""

    START_UP = "start-up"
    GROWTH = "growth"
    MATURITY = "maturity"
    DECLINE = "decline"


@dataclasses.dataclass(frozen=True)
class LifecycleAdvice:
    """The instruments the article recommends at a stage, and why (English and Chinese)."""

    stage: Stage
    label: str
    label_zh: str
    instruments: tuple[Instrument, ...]
    advice: str  # the instruments in words
    advice_zh: str
    reason: str
    reason_zh: str

    def text(self, lang: str = "en") -> str:
        """One line: stage, instruments and reason (``lang`` ``en``, ``zh`` or ``both``)."""
        en = f"{self.label}: {self.advice}. {self.reason}"
        zh = f"{self.label_zh}：{self.advice_zh}。{self.reason_zh}"
        return {"en": en, "zh": zh, "both": f"{en}\n{zh}"}[_lang(lang)]


_ADVICE = {
    Stage.START_UP: LifecycleAdvice(
        Stage.START_UP, "Start-up", "初创期",
        (Instrument.APPRECIATION_RIGHT, Instrument.DEFERRED_CASH),
        "stock appreciation rights and long-term cash plans", "股票增值权和长期现金计划",
        "Real equity is hard to use this early (few shares, no clear value, often no "
        "listing): long-term cash plans suit companies for which granting real shares is "
        "difficult, and stock appreciation rights pay the rise in share value in cash without "
        "handing out shares. Both keep the capital untouched and suit a company with large "
        "room to grow that can fund the cash.",
        "初创期动用真实股权难度较大（股本少、价值不清、多未上市）：长期现金计划适合动用真实股权有较大难度的"
        "企业；股票增值权以现金兑现股价增长部分，不必授予真实股票。两者都不动用股本，适合成长空间较大、"
        "现金能够支撑兑现的企业。"),
    Stage.GROWTH: LifecycleAdvice(
        Stage.GROWTH, "Fast growth", "高速发展期",
        (Instrument.APPRECIATION_RIGHT, Instrument.STOCK_OPTION),
        "stock appreciation rights and stock options", "股票增值权和股票期权",
        "Capital grows fast and human capital drives that growth: stock options, priced at "
        "the market at grant, pay only when the share price rises, so they make the most of "
        "the capital market's leverage; stock appreciation rights give the same upside in "
        "cash and suit a company with ample cash flow and large room to grow (also across "
        "borders).",
        "资本增值快、人力资本在增值中作用明显：股票期权行权价格为授予时市价，仅当股价上涨时方有收益，"
        "能充分利用资本市场的杠杆作用；股票增值权以现金兑现同样的增值，适合现金流比较充裕且具有较大"
        "成长空间的企业（也便于跨境实施）。"),
    Stage.MATURITY: LifecycleAdvice(
        Stage.MATURITY, "Maturity", "成熟期",
        (Instrument.PERFORMANCE_SHARE, Instrument.PERFORMANCE_UNIT),
        "performance shares and performance units (performance-based plans)",
        "业绩股票、业绩单位等以业绩为基础的计划",
        "Growth slows, so a rising share price alone no longer measures the executives' "
        "contribution: with clear long-term targets and a mature performance management "
        "system, awards are earned by the degree of achievement over three years or more — "
        "in shares (performance shares) or in cash independent of the stock market "
        "(performance units, which need a strong ability to pay cash).",
        "增长放缓，股价上涨已不足以衡量高管贡献：长期绩效目标较为明确、绩效管理体系比较成熟的企业，"
        "按三年或以上长期目标的达成程度授予激励——业绩股票授予股票，业绩单位支付与股市无关的现金"
        "（对企业现金支付能力要求较高）。"),
    Stage.DECLINE: LifecycleAdvice(
        Stage.DECLINE, "Decline", "衰退期",
        (Instrument.RESTRICTED_STOCK,),
        "restricted stock", "限制性股票",
        "When the share price stalls or falls, options and appreciation rights are under "
        "water and stop holding anyone; restricted stock, granted at 50–100% of the market "
        "price, keeps its value without a rise, carries dividends during lock-up, and its "
        "service and performance conditions retain the key people the company must keep.",
        "股价停滞或下跌时，期权和增值权失去价值和约束力；限制性股票以市价50%–100%授予，股价不涨也有"
        "价值，限售期内可获分红，并以服务期和业绩条件留住公司需重点留用的人员。"),
}

_ALIASES = {  # Chinese by their root: 期, 阶段, … are read off first (_CHINESE_SUFFIXES)
    "start-up": Stage.START_UP, "startup": Stage.START_UP, "start up": Stage.START_UP,
    "early": Stage.START_UP, "初创": Stage.START_UP, "初步发展": Stage.START_UP,
    "创业": Stage.START_UP,
    "growth": Stage.GROWTH, "fast growth": Stage.GROWTH, "high growth": Stage.GROWTH,
    "高速发展": Stage.GROWTH, "成长": Stage.GROWTH, "快速成长": Stage.GROWTH,
    "快速发展": Stage.GROWTH,
    "maturity": Stage.MATURITY, "mature": Stage.MATURITY, "成熟": Stage.MATURITY,
    "decline": Stage.DECLINE, "declining": Stage.DECLINE, "衰退": Stage.DECLINE,
}
# the article's own words (seed 002): 初步发展的企业, 高速发展阶段, 成熟阶段, 衰退时期
_CHINESE_SUFFIXES = ("的企业", "阶段", "时期", "期")

LIFECYCLE_HELP = ("Long-term incentive for the company's stage (生命周期): start-up → SARs + "
                  "long-term cash; fast growth → SARs + options; maturity → performance shares "
                  "and units; decline → restricted stock.")


def _lang(value: object) -> str:
    lang = str(value or "en").strip().lower()
    aliases = {"en": "en", "english": "en", "zh": "zh", "cn": "zh", "中文": "zh", "both": "both"}
    if lang not in aliases:
        raise InputError(f"language is {inputs.describe(value)}, expected en, zh or both",
                         field="lang")
    return aliases[lang]


def stage_of(value: object) -> Stage:
    """The stage named by ``value`` (start-up, growth, maturity, decline, or 初创期 …); a
    Chinese stage may end in 期, 阶段, 时期 or 的企业, as the article writes it (成熟阶段)."""
    text = inputs.choice(inputs.text(value, "stage", field="stage"))
    key = inputs.words(text.replace("_", " "))
    root = next((key[:-len(s)] for s in _CHINESE_SUFFIXES if key.endswith(s)), key)
    stage = _ALIASES.get(key) or _ALIASES.get(root)
    if stage is None:
        raise InputError(f"stage is {inputs.describe(value)}, expected start-up, growth, "
                         "maturity or decline (初创期, 高速发展期, 成熟期, 衰退期)", field="stage")
    return stage


def recommend(stage: object) -> LifecycleAdvice:
    """The article's recommendation for a stage: instruments and reasons."""
    return _ADVICE[stage_of(stage)]


def recommendation_text(stage: object, lang: str = "en") -> str:
    """The recommendation as one line of text (what ``XP_LTI_RECOMMEND`` shows)."""
    return recommend(stage).text(lang)
