"""The demo company: 华夏汽车 Huaxia Motor, a fictional car maker, and its 12 executives.

Data only (built deterministically): it feeds ``xlperf demo``, the demo workbook and the
tests. Every scoring method and every rater group is used; the year shows a veto (which
withholds the plant director's over-achievement extra), a consecutive-C review, a mid-year
joiner, a bonus cap, an over-achievement extra, a 360 group with too few raters and
advances that exceed the payout. The president and the CFO are appointed by the
controlling central SOE (中央企业负责人), so their pay is checked on the SoePay sheet: the
president's payout this year is above 2 × his base salary, and 40% of both payouts is
deferred to the end of their terms.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from xlperf.model import AppraisalInput, Executive, Indicator, PastYear, Rating
from xlperf.rules.china.csrc import EquityPlan, ReferencePrices, Tranche
from xlperf.rules.china.plans import CompanyPlan
from xlperf.rules.china.soe import SoePayInput, SoeYearPay
from xlperf.rules.curves import Curve
from xlperf.rules.incentives import (
    AppreciationRightGrant,
    DeferredCashGrant,
    MarketData,
    PerformanceShareGrant,
    PerformanceUnitGrant,
    PhantomStockGrant,
    RestrictedStockGrant,
    StockOptionGrant,
)
from xlperf.rules.okr import KeyResult, Objective
from xlperf.rules.scoring import ScoringParams

COMPANY = "华夏汽车股份有限公司 Huaxia Motor Co., Ltd."
YEAR = 2026

# (id, name, English name, department, title, bonus standard ¥, performance level,
#  months served, bonus cap ¥, long-term achievement %)
_PEOPLE = [
    ("E001", "王建国", "Wang Jianguo", "总经理办公室 Executive Office", "总经理 President",
     900_000, 1.10, 12, None, 112.0),
    ("E002", "李雪梅", "Li Xuemei", "财务部 Finance", "财务总监 CFO", 600_000, 0.96, 12,
     None, None),
    ("E003", "张伟", "Zhang Wei", "技术中心 Technology Center", "总工程师 CTO", 650_000, 0.97,
     12, None, 104.5),
    ("E004", "刘洋", "Liu Yang", "营销公司 Sales Company", "营销副总 VP Sales", 620_000, 0.91,
     12, None, None),
    ("E005", "陈静", "Chen Jing", "制造部 Manufacturing", "制造副总 VP Manufacturing", 580_000,
     0.92, 12, None, None),
    ("E006", "杨帆", "Yang Fan", "质量部 Quality", "质量副总 VP Quality", 505_000, 0.85, 12,
     None, None),
    ("E007", "赵敏", "Zhao Min", "人力资源部 Human Resources", "人力资源总监 CHRO", 480_000,
     0.89, 12, None, None),
    ("E008", "黄磊", "Huang Lei", "采购部 Purchasing", "采购副总 VP Purchasing", 500_000,
     0.78, 12, None, None),
    ("E009", "周婷", "Zhou Ting", "新能源事业部 NEV Division", "事业部总经理 GM NEV Division",
     640_000, 1.00, 7, Decimal("350000"), 125.0),
    ("E010", "吴刚", "Wu Gang", "动力总成厂 Powertrain Plant", "厂长 Plant Director", 450_000,
     0.93, 12, None, 115.0),
    ("E011", "徐芳", "Xu Fang", "董事会办公室 Board Office", "董事会秘书 Board Secretary",
     420_000, 0.90, 12, None, None),
    ("E012", "孙浩", "Sun Hao", "海外事业部 International", "海外总经理 GM International",
     560_000, 0.72, 12, None, None),
]

_SAFETY_ACCIDENT = "E010"  # one major safety accident: veto (一票否决)
_OKR_ONLY = {"E003", "E009"}  # individual part from OKR alone
_FEW_PEERS = "E011"  # only 2 peers rated: group left out with a warning

_HISTORY = {  # grades of 2023, 2024, 2025
    "E001": "AAS", "E002": "BAA", "E003": "BBA", "E004": "ABB", "E005": "BBB", "E006": "BCB",
    "E007": "BBB", "E008": "BBC", "E009": "AAA", "E010": "BBB", "E011": "BBB", "E012": "BBC",
}
_HISTORY_SCORE = {"S": 96.0, "A": 88.0, "B": 80.0, "C": 70.0, "D": 55.0}

PAY_DATE = "2027-03-31"  # the 2026 settlement is paid after the annual appraisal

# Huaxia Motor's A-share closing prices and cash dividends per share (fictional)
# (Fridays 2025-03-14 and 2026-03-13 price the unlocks of 15 March, a weekend both years)
SHARE_PRICES = (("2023-03-15", 16.00), ("2023-12-29", 15.10), ("2024-03-15", 17.20),
                ("2024-04-01", 18.00), ("2024-12-31", 19.60), ("2025-03-14", 21.30),
                ("2025-03-17", 21.50), ("2025-04-01", 22.00), ("2025-12-31", 23.10),
                ("2026-03-13", 24.60), ("2026-03-16", 24.80), ("2026-04-01", 25.50),
                ("2026-06-15", 26.00), ("2026-12-31", 27.30))
DIVIDENDS = (("2023-07-10", 0.30), ("2024-07-10", 0.35), ("2025-07-10", 0.40),
             ("2026-07-10", 0.45))

# Huaxia Motor's equity-incentive plans (上市公司股权激励), as its Plans sheet holds them; the
# participants are the executives' grants of the same id (RS-2023, OPT-2024). Reference prices
# before each draft: average prices (turnover ÷ volume). Both plans meet the price, period and
# 10% rules; the 2024 option grant takes the president (E001) to 200,000 + 300,000 = 500,000
# shares through both plans, 1.04% of the 48,000,000 share capital: above the 1% limit without
# a special resolution, the breach the demo shows.
SHARE_CAPITAL = 48_000_000
_GRADED = (Tranche(12, 24, 40), Tranche(24, 36, 30), Tranche(36, 48, 30))


def demo_plans() -> tuple[CompanyPlan, ...]:
    """Huaxia Motor's 2023 restricted-stock plan and 2024 option plan."""
    return (
        CompanyPlan("RS-2023", EquityPlan(
            instrument="restricted_stock", grant_price=Decimal("8.00"),
            reference=ReferencePrices(Decimal("15.60"), Decimal("16.00"), 20),
            tranches=_GRADED, share_capital=SHARE_CAPITAL, plan_shares=Decimal(1_600_000),
            announced=dt.date(2023, 1, 16),
            name="2023年限制性股票激励计划 2023 restricted stock plan")),
        CompanyPlan("OPT-2024", EquityPlan(
            instrument="option", grant_price=Decimal("18.00"),
            reference=ReferencePrices(Decimal("17.70"), Decimal("17.40"), 60),
            tranches=_GRADED, share_capital=SHARE_CAPITAL, plan_shares=Decimal(2_400_000),
            announced=dt.date(2024, 2, 26),
            name="2024年股票期权激励计划 2024 stock option plan")),
    )


COLLECTION_CURVE = Curve(((85.0, 40.0), (95.0, 90.0), (100.0, 100.0), (105.0, 110.0)))


def _business(level: float, rng: random.Random, ex_id: str) -> list[Indicator]:
    def actual(target: float, spread: float = 0.05) -> float:
        return round(target * (level + rng.uniform(-spread, spread)), 1)

    accidents = 1 if ex_id == _SAFETY_ACCIDENT else 0
    return [
        Indicator("利润总额 Total profit", 30, actual(52_000), 52_000, "ratio", "financial",
                  unit="万元"),
        Indicator("人均利润总额 Profit per head", 10, actual(18.5), 18.5, "ratio", "financial",
                  unit="万元"),
        Indicator("销售回款率 Sales collection rate", 10, min(100.0, actual(96.0, 0.02)), 96.0,
                  "curve", "financial", params=ScoringParams(curve=COLLECTION_CURVE), unit="%"),
        Indicator("销售收入净额 Net sales revenue", 20, actual(860_000), 860_000, "ratio",
                  "financial", unit="万元"),
        Indicator("重大决策失误 Major decision errors", 3, 0, None, "zero_tolerance", "risk",
                  veto=True, unit="次"),
        Indicator("重大安全责任事故 Major safety accidents", 3, accidents, None, "zero_tolerance",
                  "risk", veto=True, unit="次"),
        Indicator("两年内不良贷款率 Bad-loan rate", 2, round(2.0 / max(level, 0.5), 2), 2.0,
                  "inverse_ratio", "risk", unit="%"),
        Indicator("突发事项报告率 Incident report rate", 2, min(100.0, actual(98.0, 0.03)), 98.0,
                  "band", "risk", unit="%"),
        Indicator("年度计划与预算执行 Plan and budget executed", 4, 1, None, "binary",
                  "sustainable"),
        Indicator("逐级签订责任书 Responsibility letters signed", 3, int(level >= 0.8), None,
                  "binary", "sustainable"),
        Indicator("集团战略推进 Group strategy executed", 3, min(5.0, round(4 * level, 1)), None,
                  "rating", "sustainable", unit="1–5"),
        Indicator("违规违纪 Violations", 2, 0 if level > 0.8 else 1, None, "zero_tolerance",
                  "personal", unit="次"),
        Indicator("员工满意度 Staff satisfaction", 3, actual(85.0, 0.04), 85.0, "ratio",
                  "personal", unit="%"),
        Indicator("员工培训次数 Trainings held", 2, max(2, round(4 * level)), 4, "ratio", "team",
                  unit="次"),
        Indicator("后备干部培养 Succession plan", 3, min(5.0, round(3.9 * level, 1)), None,
                  "rating", "team", unit="1–5"),
    ]


def _individual(level: float, rng: random.Random, ex_id: str) -> list[Indicator]:
    if ex_id in _OKR_ONLY:
        return []
    achieved = level + rng.uniform(-0.04, 0.04)
    return [
        Indicator("分管业务目标 Own-unit target", 40, round(100 * achieved, 1), 100.0, "ratio",
                  "unit", "individual", unit="%"),
        Indicator("单位成本 Unit cost", 20, round(100 / max(achieved, 0.5), 1), 100.0,
                  "inverse_ratio", "unit", "individual", unit="指数"),
        Indicator("重点工作 Key projects", 20, round(100 * achieved, 1), 100.0, "band",
                  "projects", "individual", unit="%"),
        Indicator("OKR", 20, None, None, "okr", "okr", "individual"),
    ]


def _objectives(level: float, rng: random.Random) -> tuple[Objective, ...]:
    def kr(name: str, weight: float) -> KeyResult:
        return KeyResult(name, weight, round(min(1.0, max(0.0, 0.7 * level
                                                          + rng.uniform(-0.15, 0.15))), 2))

    return (
        Objective("新能源车型按期上市 Launch NEV models on time",
                  (kr("两款车型SOP Two models reach SOP", 50), kr("上市首月交付 First-month "
                                                                 "deliveries", 30),
                   kr("质量问题关闭率 Quality issues closed", 20)),
                  60, "公司目标一：转型新能源 Company goal 1: shift to NEV"),
        Objective("提升经营效率 Raise operating efficiency",
                  (kr("库存周转天数 Inventory days", 50), kr("流程数字化 Processes digitised", 50)),
                  40, "公司目标二：降本增效 Company goal 2: lower cost"),
    )


def _ratings(level: float, rng: random.Random, ex_id: str) -> tuple[Rating, ...]:
    counts = {"superior": 3, "peer": 2 if ex_id == _FEW_PEERS else 5, "subordinate": 8}
    return tuple(Rating(group, round(min(100.0, max(40.0, 84 * level + rng.uniform(-6, 6))), 1))
                 for group, n in counts.items() for _ in range(n))


def _advances(standard: int, level: float, months: int) -> tuple[Decimal, ...]:
    quarters = 3 if months == 12 else 1  # a mid-year joiner was advanced Q3 only
    advance = Decimal(standard) / 4 * Decimal("0.5") * (Decimal("1.0") if level > 0.8 else
                                                          Decimal("0.6"))
    return tuple(advance.quantize(Decimal("0.01")) for _ in range(quarters))


def _grants(ex_id: str) -> tuple:
    """The long-term incentive grants of one executive (plans of 2023–2025)."""
    def rs(shares, met=(True, True, True)):  # 2023 restricted stock plan: 50% of 16.00
        return RestrictedStockGrant(grant_date="2023-03-15", quantity=shares, grant_price=8.00,
                                    conditions_met=met, grant_date_price=16.00,
                                    grant_id="RS-2023")

    def options(n, exercised=0):  # 2024 option plan: exercise price = market 18.00
        return StockOptionGrant(grant_date="2024-04-01", quantity=n, exercise_price=18.00,
                                exercises=[("2026-06-15", exercised)] if exercised else (),
                                grant_id="OPT-2024", grant_date_price=18.00)

    def psu(target, achievement):  # performance shares for 2024–2026, delivered at its end
        return PerformanceShareGrant(grant_date="2023-12-31", target=target,
                                     achievement=achievement, grant_id="PSU-2024")

    def deferred(amount, bonus_year):  # a third of a bonus paid in each of 3 later years
        return DeferredCashGrant(grant_date=f"{bonus_year + 1}-03-31", amount=amount,
                                 bonus_year=bonus_year, grant_id=f"DC-{bonus_year}")

    return {
        "E001": (rs(200_000), options(300_000, 100_000), psu(60_000, 108.0)),
        "E002": (rs(100_000), deferred(90_000, 2024)),
        "E003": (options(150_000), PerformanceUnitGrant(
            grant_date="2023-12-31", target=1_000_000, achievement=95.0, unit_value=1,
            grant_id="PU-2024")),
        "E004": (rs(80_000, (True, True, False)),),  # 2025 sales condition not met
        "E005": (options(100_000),),
        "E007": (deferred(60_000, 2024),),
        "E009": (PhantomStockGrant(grant_date="2024-04-01", units=40_000, base_price=18.00,
                                   grant_id="PH-2024"), psu(30_000, 121.0)),
        "E010": (rs(80_000),),
        "E012": (AppreciationRightGrant(grant_date="2024-04-01", quantity=120_000,
                                        exercise_price=18.00, cap_per_unit=6.00,
                                        exercises=[("2026-06-15", 36_000)], grant_id="SAR-2024",
                                        grant_date_price=18.00),),
    }.get(ex_id, ())


def demo_market() -> MarketData:
    """Huaxia Motor's share prices and dividends."""
    return MarketData.from_rows(SHARE_PRICES, DIVIDENDS)


# The two executives under the central-SOE pay rules: each term's earlier years (base salary,
# performance salary, grade = History, 60% paid at the close) and this year's base salary.
# E001's term 2024-2026 ends this year with a term incentive within 30% of the term's pay;
# his 2026 payout (¥1,458,000 with the over-achievement extra) is above 2 × ¥700,000.
_SOE_PAY = {
    "E001": SoePayInput(Decimal(700_000), (
        SoeYearPay(2024, Decimal(680_000), Decimal(1_180_000), "A", Decimal(708_000)),
        SoeYearPay(2025, Decimal(700_000), Decimal(1_350_000), "S", Decimal(810_000))),
        term_incentive=Decimal(1_000_000), term_grade="A"),
    "E002": SoePayInput(Decimal(420_000), (
        SoeYearPay(2025, Decimal(400_000), Decimal(690_000), "A", Decimal(414_000)),),
        paid_now=Decimal(432_000)),
}


def demo_inputs() -> tuple[AppraisalInput, ...]:
    """The demo company's 12 executives, with everything needed to appraise and pay them."""
    result = []
    market = demo_market()
    for (ex_id, name, name_en, dept, title, standard, level, months, cap,
         long_term) in _PEOPLE:
        rng = random.Random(f"huaxia-{ex_id}")
        executive = Executive(ex_id, name, Decimal(standard), name_en, dept, title,
                              Decimal(months), cap, long_term)
        history = tuple(PastYear(YEAR - 3 + i, g, round(_HISTORY_SCORE[g] + rng.uniform(-2, 2), 2))
                        for i, g in enumerate(_HISTORY[ex_id]))
        result.append(AppraisalInput(
            executive, YEAR,
            tuple(_business(level, rng, ex_id) + _individual(level, rng, ex_id)),
            _ratings(level, rng, ex_id),
            tuple(round(min(100.0, 82 * level + rng.uniform(-5, 5)), 1) for _ in range(5)),
            _objectives(level, rng),
            history,
            _advances(standard, level, months),
            _grants(ex_id),
            market,
            dt.date.fromisoformat(PAY_DATE),
            _SOE_PAY.get(ex_id),
        ))
    return tuple(result)
