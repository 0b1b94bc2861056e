"""The sheet and column contract of xlperf workbooks, in one place.

Every input sheet has a title in row 1, a hint in row 2, Chinese column labels in row 3 and
the Excel table's English header in row 4; data starts in row 5. Columns never move: the
reader, the formulas and :func:`cell_for` all read them from here. The Config sheet's tables
are found through defined names (``GradeTable`` …), exactly as the formulas find them.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from openpyxl.utils import column_index_from_string, get_column_letter

from xlperf.report.formats import COEFFICIENT_FORMAT
from xlperf.rules.incentives import Instrument
from xlperf.rules.incentives.market import MAX_PRICE_AGE_DAYS

TITLE_ROW = 1
HINT_ROW = 2
LABEL_ROW = 3  # Chinese labels
HEADER_ROW = 4  # the Excel table's header (English): structured references use these names
FIRST_ROW = 5

INSTRUCTIONS = "Instructions"
CONFIG = "Config"
EXECUTIVES = "Executives"
INDICATORS = "Indicators"
RATINGS = "Ratings360"
DUTY = "DutyReport"
OKR = "OKR"
HISTORY = "History"
GRANTS = "Grants"
EXERCISES = "Exercises"
CLAWBACKS = "Clawbacks"
SHARE_PRICES = "SharePrices"
PLANS = "Plans"
PLAN_PERIODS = "PlanPeriods"
SOE_PAY = "SoePay"
RESULTS = "Results"
XLWINGS_CONF = "xlwings.conf"

SHEET_ORDER = (INSTRUCTIONS, CONFIG, EXECUTIVES, INDICATORS, RATINGS, DUTY, OKR, HISTORY,
               GRANTS, EXERCISES, CLAWBACKS, SHARE_PRICES, PLANS, PLAN_PERIODS, SOE_PAY,
               RESULTS, XLWINGS_CONF)

UDF_MODULE = "xlperf.udfs"

# number formats
MONEY = '"¥"#,##0.00'
PERCENT = "0%"
SHARE = "0.0%"
SCORE = "0.00"


def in_percent_cell(percent: float | None) -> float | None:
    """A percentage as a % cell (``SHARE``) holds it: 112 → 1.12 (shown 112.0%), blank as
    blank. The reader takes it back as 112 (``inputs.achievement_percent``)."""
    return None if percent is None else percent / 100
ONE_DECIMAL = "0.0"
WHOLE = "0"
TEXT = "@"
DATE = "yyyy-mm-dd"
PRICE = "#,##0.00"
SHARES = "#,##0"


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of a sheet: the model field it holds, its headers, width and format."""

    field: str
    header: str  # English, the Excel table's column name
    label: str  # Chinese, shown above the header
    width: float = 12
    number_format: str | None = None
    aliases: tuple[str, ...] = ()  # other field names the core uses for this column


@dataclasses.dataclass(frozen=True)
class SheetLayout:
    """An input sheet: its Excel table and columns, A onwards."""

    name: str
    table: str
    title: str
    hint: str
    columns: tuple[Column, ...]

    def letter(self, field: str) -> str:
        """The column letter of ``field`` (or of a column that has it as an alias)."""
        for i, column in enumerate(self.columns, start=1):
            if field == column.field or field in column.aliases:
                return get_column_letter(i)
        raise KeyError(f"{self.name} has no column for {field}")

    def index(self, field: str) -> int:
        """0-based position of ``field``'s column."""
        return [c.field for c in self.columns].index(field)

    @property
    def headers(self) -> tuple[str, ...]:
        """The table header row, as the formulas' structured references name the columns."""
        return tuple(c.header for c in self.columns)

    @property
    def last_letter(self) -> str:
        """The letter of the last column."""
        return get_column_letter(len(self.columns))


C = Column

EXECUTIVES_LAYOUT = SheetLayout(
    EXECUTIVES, "tblExecutives", "Executives 高管名单",
    "Company, year and pay date in B2/D2/F2 (pay date blank: 31 December); one row per "
    "executive. Amounts in ¥. Advances: quarterly advances already paid (预发). "
    "公司、年度、发放日填在B2/D2/F2；每位高管一行。",
    (C("id", "ID", "编号", 9, TEXT),
     C("name", "Name", "姓名", 10),
     C("name_en", "English name", "英文名", 14),
     C("department", "Department", "部门", 24),
     C("title", "Title", "职务", 22),
     C("bonus_standard", "Bonus standard", "绩效奖金标准（元）", 15, MONEY),
     C("months_served", "Months served", "任职月数", 9, ONE_DECIMAL, ("months",)),
     C("bonus_cap", "Bonus cap", "奖金上限（元）", 14, MONEY),
     C("long_term_achievement", "Long-term achievement", "中长期目标完成率（%）", 13,
       SHARE, ("achievement",)),  # a % cell: Excel turns a typed 5 into 5%, never 500%
     C("advance_q1", "Advance Q1", "一季度预发（元）", 13, MONEY),
     C("advance_q2", "Advance Q2", "二季度预发（元）", 13, MONEY),
     C("advance_q3", "Advance Q3", "三季度预发（元）", 13, MONEY)),
)
COMPANY_CELL = "B2"  # on the Executives sheet, beside its label in A2
YEAR_CELL = "D2"  # label in C2
PAY_DATE_CELL = "F2"  # label in E2; blank: 31 December of the year
ADVANCE_FIELDS = ("advance_q1", "advance_q2", "advance_q3")

INDICATORS_LAYOUT = SheetLayout(
    INDICATORS, "tblIndicators", "Indicators 考核指标（目标责任书）",
    "One row per indicator. Weights are shares of the part (business or individual) and add "
    "to 100% per executive and part. Table: a scoring table on Config for curve/band rows. "
    "每行一个指标；同一高管同一部分的权重合计100%。",
    (C("id", "ID", "编号", 9, TEXT),
     C("part", "Part", "部分", 11),
     C("category", "Category", "类别", 12),
     C("name", "Indicator", "指标", 34),
     C("unit", "Unit", "单位", 7),
     C("weight", "Weight", "权重", 8, PERCENT),
     C("target", "Target", "目标值", 11, "#,##0.0#"),
     C("actual", "Actual", "实际值", 11, "#,##0.0#"),
     C("method", "Method", "评分方法", 14),
     C("floor", "Floor", "下限", 7, WHOLE),
     C("cap", "Cap", "上限", 7, WHOLE),
     C("table", "Table", "评分表", 16),
     C("veto", "Veto", "一票否决", 8),
     C("score", "Score", "得分（公式）", 9, SCORE)),
)

RATINGS_LAYOUT = SheetLayout(
    RATINGS, "tblRatings360", "360 ratings 民主测评",
    "One row per rating, 0–100. Raters stay anonymous: no names. Group: superior, peer, "
    "subordinate (上级, 同级, 下级). 每行一个评分（0–100），不填评价人姓名。",
    (C("id", "ID", "编号", 9, TEXT),
     C("group", "Group", "评价人类别", 14),
     C("score", "Score", "评分", 9, ONE_DECIMAL)),
)

DUTY_LAYOUT = SheetLayout(
    DUTY, "tblDutyReport", "Duty report 述职评分",
    "One row per panel member's score of the executive's duty report, 0–100. "
    "每行一位评委对述职的评分（0–100）。",
    (C("id", "ID", "编号", 9, TEXT),
     C("score", "Score", "评分", 9, ONE_DECIMAL)),
)

OKR_LAYOUT = SheetLayout(
    OKR, "tblOKR", "OKR 目标与关键结果",
    "One row per key result (2–5 per objective), scored 0.0–1.0 (0.7 = achieved). Repeat the "
    "objective and its weight on each of its rows. 每行一个关键结果（每个目标2–5个），0.0–1.0。",
    (C("id", "ID", "编号", 9, TEXT),
     C("objective", "Objective", "目标", 34, None, ("key_results",)),
     C("objective_weight", "Objective weight", "目标权重", 10, PERCENT),
     C("aligns_to", "Aligns to", "对应公司目标", 30),
     C("key_result", "Key result", "关键结果", 30),
     C("weight", "KR weight", "关键结果权重", 10, PERCENT),
     C("score", "KR score", "关键结果得分", 10, SCORE)),
)

HISTORY_LAYOUT = SheetLayout(
    HISTORY, "tblHistory", "History 历年考核结果",
    "Past years' grades, oldest first for each executive (for the consecutive-C rule and "
    "trends). 历年等级，每位高管按年份从早到晚。",
    (C("id", "ID", "编号", 9, TEXT),
     C("year", "Year", "年度", 8, WHOLE),
     C("grade", "Grade", "等级", 8),
     C("score", "Score", "得分", 9, SCORE)),
)

GRANTS_LAYOUT = SheetLayout(
    GRANTS, "tblGrants", "Grants 长期激励授予",
    "One row per grant. Each instrument uses some columns only (see the Instructions sheet); "
    "leave the others blank. Blank schedule, term, period…: the plan defaults. Exercises and "
    "clawbacks go on their own sheets. 每行一项授予；不适用的列留空。",
    (C("id", "ID", "编号", 9, TEXT),
     C("grant_id", "Grant ID", "授予编号", 11, TEXT),
     C("instrument", "Instrument", "激励工具", 24),
     C("grant_date", "Grant date", "授予日", 11, DATE),
     C("quantity", "Quantity", "数量（股/份）", 11, SHARES, ("units", "target")),
     C("amount", "Amount", "递延金额（元）", 13, MONEY, ("deferred_amount",)),
     C("price", "Price", "行权价/授予价/基准价", 11, PRICE,
       ("exercise_price", "grant_price", "base_price")),
     C("grant_date_price", "Grant-date price", "授予日股价", 14, PRICE,
       ("grant-date_share_price",)),
     C("schedule", "Schedule", "归属安排", 16, None, ("vesting_schedule",)),
     C("conditions", "Conditions met", "各期条件达成", 14),
     C("achievement", "Achievement", "业绩完成率（%）", 12, SHARE),  # a % cell, as above
     C("period_years", "Period (years)", "业绩期（年）", 12, WHOLE),
     C("unit_value", "Unit value", "单位价值（元）", 11, PRICE),
     C("cap_per_unit", "Cap per unit", "每份收益上限（元）", 12, PRICE),
     C("cap_total", "Total cap", "收益总额上限（元）", 13, MONEY, ("total_cap",)),
     C("term_years", "Term (years)", "有效期（年）", 11, WHOLE),
     C("exercise_window", "Window after leaving", "离职后行权期（月）", 18, WHOLE),
     C("leaving_date", "Leaving date", "离职日", 12, DATE),
     C("on_leaving", "On leaving", "离职处理", 11, None, ("good_leaver", "forfeit_on_leaving")),
     C("dividends", "Dividends", "分红处理", 10, None, ("dividend_equivalents",)),
     C("bonus_year", "Bonus year", "递延奖金年度", 11, WHOLE),
     C("vested", "Vested at year end", "年末已归属（公式）", 16, SHARES)),
)
GRANT_FORMULA_FIELDS = ("vested",)  # formula columns: written by xlperf, read for the cache only
GRANT_COMMON = ("id", "grant_id", "instrument", "grant_date")  # every grant: required
INSTRUMENTS = tuple(i.value for i in Instrument) + tuple(i.label_zh for i in Instrument)

# The columns each instrument uses beyond GRANT_COMMON; any other column must stay blank.
REQUIRED, OPTIONAL = "required", "optional"
_EXERCISABLE = {"quantity": REQUIRED, "price": REQUIRED, "grant_date_price": OPTIONAL,
                "schedule": OPTIONAL, "term_years": OPTIONAL, "exercise_window": OPTIONAL,
                "leaving_date": OPTIONAL}
_PERFORMANCE = {"quantity": REQUIRED, "achievement": OPTIONAL, "period_years": OPTIONAL,
                "leaving_date": OPTIONAL, "on_leaving": OPTIONAL}
GRANT_COLUMNS: dict[Instrument, dict[str, str]] = {
    Instrument.STOCK_OPTION: _EXERCISABLE,
    Instrument.APPRECIATION_RIGHT: {**_EXERCISABLE, "cap_per_unit": OPTIONAL,
                                    "cap_total": OPTIONAL},
    Instrument.RESTRICTED_STOCK: {"quantity": REQUIRED, "price": REQUIRED,
                                  "grant_date_price": OPTIONAL, "schedule": OPTIONAL,
                                  "conditions": OPTIONAL, "leaving_date": OPTIONAL,
                                  "dividends": OPTIONAL},
    Instrument.PERFORMANCE_SHARE: _PERFORMANCE,
    Instrument.PERFORMANCE_UNIT: {**_PERFORMANCE, "unit_value": OPTIONAL},
    Instrument.PHANTOM_STOCK: {"quantity": REQUIRED, "price": OPTIONAL, "schedule": OPTIONAL,
                               "leaving_date": OPTIONAL, "dividends": OPTIONAL},
    Instrument.DEFERRED_CASH: {"amount": REQUIRED, "schedule": OPTIONAL,
                               "conditions": OPTIONAL, "leaving_date": OPTIONAL,
                               "on_leaving": OPTIONAL, "bonus_year": OPTIONAL},
}
PRICE_MEANING = {Instrument.STOCK_OPTION: "exercise price",
                 Instrument.APPRECIATION_RIGHT: "exercise price",
                 Instrument.RESTRICTED_STOCK: "grant price",
                 Instrument.PHANTOM_STOCK: "base price (blank: full value)"}
QUANTITY_MEANING = {Instrument.STOCK_OPTION: "number of options",
                    Instrument.APPRECIATION_RIGHT: "number of SARs",
                    Instrument.RESTRICTED_STOCK: "number of shares",
                    Instrument.PERFORMANCE_SHARE: "target shares",
                    Instrument.PERFORMANCE_UNIT: "target units",
                    Instrument.PHANTOM_STOCK: "number of units"}

EXERCISES_LAYOUT = SheetLayout(
    EXERCISES, "tblExercises", "Exercises 行权记录",
    "One row per exercise of stock options or stock appreciation rights (SARs): the grant (ID "
    "+ Grant ID on the Grants sheet), the day, the number exercised, and the share price that "
    "day if it is not on SharePrices. 每行一次行权（股票期权、股票增值权）。",
    (C("id", "ID", "编号", 9, TEXT),
     C("grant_id", "Grant ID", "授予编号", 11, TEXT),
     C("date", "Date", "行权日", 11, DATE),
     C("quantity", "Quantity", "行权数量", 11, SHARES),
     C("price", "Share price", "当日股价（可选）", 11, PRICE)),
)

CLAWBACKS_LAYOUT = SheetLayout(
    CLAWBACKS, "tblClawbacks", "Clawbacks 追索扣回",
    "One row per clawback of deferred cash (追索扣回): the grant, the day it was decided, the "
    "amount (blank: everything) and the reason. Withheld from unpaid instalments first. "
    "每行一次追索扣回；金额留空表示全部。",
    (C("id", "ID", "编号", 9, TEXT),
     C("grant_id", "Grant ID", "授予编号", 11, TEXT),
     C("date", "Date", "决定日", 11, DATE),
     C("amount", "Amount", "金额（元）", 13, MONEY),
     C("reason", "Reason", "原因", 34)),
)

SHARE_PRICES_LAYOUT = SheetLayout(
    SHARE_PRICES, "tblSharePrices", "Share prices 股价与分红",
    "The company's closing share prices and cash dividends per share (by ex-dividend date). "
    "One row per date: a closing price, a dividend, or both. A day without a price (a weekend, "
    f"a holiday) takes the last close at most {MAX_PRICE_AGE_DAYS} days before it: give the "
    "close of the last trading day before every vesting, unlock and exercise. "
    "公司股票收盘价及每股现金分红（除息日）。",
    (C("date", "Date", "日期", 11, DATE),
     C("close", "Close", "收盘价（元）", 11, PRICE),
     C("dividend", "Dividend", "每股分红（元）", 11, "#,##0.00##")),
)

GRANT_LAYOUTS = (GRANTS_LAYOUT, EXERCISES_LAYOUT, CLAWBACKS_LAYOUT, SHARE_PRICES_LAYOUT)

PLANS_LAYOUT = SheetLayout(
    PLANS, "tblPlans", "Plans 股权激励计划（证监会/国资委规则检查）",
    "One row per equity-incentive plan in force or drafted (restricted stock, stock options). "
    "Its periods go on PlanPeriods; its participants are the Grants rows whose Grant ID is the "
    "Plan ID. Regime blank: csrc; soe also needs the previous close and 30-day average close. "
    "每行一个有效或拟实施的计划；激励对象为授予编号等于计划编号的授予。",
    (C("plan_id", "Plan ID", "计划编号", 11, TEXT),
     C("name", "Name", "计划名称", 30),
     C("instrument", "Instrument", "激励工具", 18),
     C("regime", "Regime", "适用规则", 10),
     C("announced", "Announced", "草案公布日", 12, DATE, ("date",)),
     C("price", "Price", "授予价/行权价", 14, PRICE, ("grant_price",)),
     C("par_value", "Par value", "每股面值", 11, PRICE),
     C("previous_day_average", "Previous-day average", "前1日交易均价", 21, PRICE),
     C("period_average", "Period average", "前20/60/120日均价", 19, PRICE),
     C("period_days", "Period days", "均价交易日数", 14, WHOLE),
     C("previous_close", "Previous close", "前1日收盘价", 16, PRICE),
     C("average_close_30", "30-day average close", "前30日平均收盘价", 22, PRICE),
     C("share_capital", "Share capital", "股本总额（股）", 16, SHARES),
     C("plan_shares", "Plan shares", "本计划股票（股）", 18, SHARES),
     C("other_shares", "Other live shares", "表外有效计划股票", 19, SHARES,
       ("other_plan_shares",)),
     C("special_resolution", "Special resolution", "超1%特别决议", 20),
     C("check", "Check", "合规检查（公式）", 90)),
)
PLAN_PERIODS_LAYOUT = SheetLayout(
    PLAN_PERIODS, "tblPlanPeriods", "Plan periods 解除限售期/行权期",
    "One row per unlock (restricted stock) or exercise (options) period of a plan on the Plans "
    "sheet: the months after the grant date when it starts and ends, and its share of the "
    "grant. 每行一个解除限售期或行权期：授予日后第几个月开始、结束，及解除限售/行权比例。",
    (C("plan_id", "Plan ID", "计划编号", 11, TEXT),
     C("start", "Start (months)", "起始（授予后月数）", 20, WHOLE, ("starts_after_months",)),
     C("end", "End (months)", "结束（授予后月数）", 20, WHOLE, ("ends_after_months",)),
     C("share", "Share", "比例", 9, PERCENT)),
)
PLAN_FORMULA_FIELDS = ("check",)  # formula columns: written by xlperf, read for the cache only
PLAN_INSTRUMENTS = ("restricted_stock", "stock_option", "限制性股票", "股票期权")
REGIMES = ("csrc", "soe", "上市公司", "国有控股")
PLAN_LAYOUTS = (PLANS_LAYOUT, PLAN_PERIODS_LAYOUT)

SOE_PAY_LAYOUT = SheetLayout(
    SOE_PAY, "tblSoePay", "SOE pay 中央企业负责人薪酬（国资委规则检查）",
    "Only for executives under the central-SOE pay rules: one row per year of the current term "
    "(任期), the appraisal year included. In the appraisal year leave Performance salary and "
    "Grade blank (xlperf checks the year's payout and grade); put the term incentive there when "
    "the term ends. Check: XP_SOE_CHECK on that row. "
    "仅中央企业负责人填写：任期内每年一行；考核年度的绩效年薪和等级留空。",
    (C("id", "ID", "编号", 9, TEXT),
     C("year", "Year", "年度", 8, WHOLE),
     C("base_salary", "Base salary", "基本年薪（元）", 16, MONEY),
     C("performance_salary", "Performance salary", "绩效年薪（元）", 19, MONEY),
     C("grade", "Grade", "年度考核等级", 13),
     C("paid_now", "Paid now", "当期兑现（元）", 16, MONEY),
     C("term_incentive", "Term incentive", "任期激励收入（元）", 18, MONEY),
     C("term_grade", "Term grade", "任期考核等级", 13),
     C("check", "Check", "薪酬核查（公式）", 90)),
)

INPUT_LAYOUTS = {layout.name: layout for layout in (
    EXECUTIVES_LAYOUT, INDICATORS_LAYOUT, RATINGS_LAYOUT, DUTY_LAYOUT, OKR_LAYOUT,
    HISTORY_LAYOUT, *GRANT_LAYOUTS, *PLAN_LAYOUTS, SOE_PAY_LAYOUT)}


def column_label(sheet: str, cell: str) -> str | None:
    """The Chinese header of the input-table column ``cell`` lies in (Indicators, F12 →
    权重; a range or a list of them in one column too: F5:F9, F14); None for another sheet,
    a range over several columns, a header row or a column beyond the table."""
    layout = INPUT_LAYOUTS.get(sheet)
    found = re.fullmatch(r"([A-Z]{1,3})(\d+)(?::\1(\d+))?((?:, \1\d+(?::\1\d+)?)*)",
                         cell or "")
    if layout is None or found is None or int(found[2]) < FIRST_ROW:
        return None
    index = column_index_from_string(found[1])
    return layout.columns[index - 1].label if index <= len(layout.columns) else None


@dataclasses.dataclass(frozen=True)
class ResultColumn:
    """A column of the Results sheet; ``key`` names XP_ formula cells for reconciliation."""

    header: str
    label: str
    width: float
    number_format: str | None = None
    key: str | None = None  # set for XP_ formula cells (CachedValue.key)


R = ResultColumn
RESULT_COLUMNS = (
    R("ID", "编号", 9),
    R("Name", "姓名", 10),
    R("OKR", "OKR得分", 8, SCORE, "okr"),
    R("Business", "经营业绩", 10, SCORE, "business"),
    R("Individual", "个人业绩", 10, SCORE, "individual"),
    R("Duty report", "述职", 9, SCORE, "duty_report"),
    R("360", "民主测评", 9, SCORE, "democratic"),
    R("Annual score", "年度得分", 10, SCORE, "annual_score"),
    R("Grade by score", "按分等级", 9, None, "grade_by_score"),
    R("Veto incidents", "否决事项", 9, WHOLE),
    R("Grade", "等级", 7, None, "grade"),
    R("Coefficient", "系数", 9, COEFFICIENT_FORMAT, "coefficient"),
    R("Bonus", "绩效奖金", 14, MONEY, "bonus"),
    R("Extra", "超额激励", 13, MONEY, "extra"),
    R("Total", "合计", 14, MONEY),
    R("Deferred", "延期支付", 13, MONEY, "deferred"),
    R("Advances paid", "已预发", 13, MONEY),
    R("Due now", "清算应发", 14, MONEY, "due_now"),
    R("Grade -3", "前三年等级", 8),
    R("Grade -2", "前两年等级", 8),
    R("Grade -1", "上年等级", 8),
    R("Grade now", "本年等级", 8),
    R("Consecutive-C", "连续C", 10, None, "consecutive_flag"),
    R("Flags", "提示", 30),
)
RESULT_KEYS = {c.key: i for i, c in enumerate(RESULT_COLUMNS) if c.key}
HISTORY_GRADES_SHOWN = 3  # past grades the Results sheet shows before this year's
QUOTA_FIRST_COLUMN = len(RESULT_COLUMNS) + 2  # the forced-distribution block, right of Results
MIN_RESULT_ROWS = 50  # the template has Results formulas for this many executives
MAX_RESULT_ROWS = 5000  # `xlperf workbook new --executives N`: more is a batch, not a sheet


def result_letter(header: str) -> str:
    """The column letter of a Results column, by its header."""
    return get_column_letter([c.header for c in RESULT_COLUMNS].index(header) + 1)


# Config: defined names the formulas use, each with what it holds.
CONFIG_TABLES = {  # 2-column tables
    "GradeTable": "grade, lowest score (closed below), best grade first",
    "CoefTable": "grade, appraisal coefficient, best grade first",
    "GroupWeights": "360 rater group, weight",
    "DefaultCurve": "achievement %, score (the curve method's default)",
    "DefaultBands": "lowest achievement %, score (the band method's default)",
    "Quotas": "grades such as S or S+A, maximum share of the headcount",
}
CONFIG_SCALARS = {  # name: (policy mapping path, English, Chinese, number format)
    "ScoreFloor": (("scoring", "floor"), "Floor of ratio scores", "比率法下限", WHOLE),
    "ScoreCap": (("scoring", "cap"), "Cap of ratio scores", "比率法上限", WHOLE),
    "PerIncident": (("scoring", "per_incident"), "Deduction per incident", "每次扣分", WHOLE),
    "VetoCap": (("veto", "cap"), "Grade cap after a veto", "一票否决后最高等级", None),
    "ConsecWorst": (("consecutive", "worst_allowed"), "Consecutive rule: grade or worse",
                    "连续考核：等级及以下", None),
    "ConsecYears": (("consecutive", "years"), "Consecutive rule: years running", "连续年数",
                    WHOLE),
    "ExtraRate": (("bonus", "over_achievement_rate"), "Over-achievement rate",
                  "超额激励比例", PERCENT),
    "ExtraCap": (("bonus", "over_achievement_cap"), "Over-achievement cap (share of standard)",
                 "超额激励上限（占标准）", PERCENT),
    "AdvanceRate": (("bonus", "advance_rate"), "Quarterly advance rate", "季度预发比例",
                    PERCENT),
    "DeferralShare": (("bonus", "deferral_share"), "Share of the bonus deferred", "延期支付比例",
                      PERCENT),
}
# Config names later templates added: a workbook without one reads its demo value with a
# warning (its formulas, written before, do not use it either)
CONFIG_NAMES_ADDED = ("DeferralShare",)  # 2026-12-02
POLICY_NAME = "PolicyName"
PART_WEIGHTS = "PartWeights"  # 4 cells in a column: business, individual, duty report, 360
GRADE_LIST = "GradeList"  # the grade column of GradeTable (validation lists)
CATEGORY_LIST = "CategoryList"
SCORING_TABLES = "tblScoringTables"  # custom curve/band tables: Table, Achievement, Score
SCORING_TABLE_HEADERS = ("Table", "Achievement", "Score")
MAX_CONFIG_ROWS = 2000  # the reader reads no further down the Config sheet
MAX_CONFIG_COLUMNS = 26

PARTS = ("business", "individual")
GROUPS = ("superior", "peer", "subordinate", "上级", "同级", "下级")
ON_LEAVING = ("forfeit", "pro rata", "keep", "没收", "按比例", "保留")
DIVIDENDS = ("held", "paid", "none", "暂扣", "支付", "无")


def cells_in_column(letter: str, rows: Sequence[int]) -> str:
    """Cells of one column as a list of ranges of consecutive rows: ``F7:F9, F19, F31``."""
    runs: list[list[int]] = []
    for row in sorted(set(rows)):
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    return ", ".join(f"{letter}{a}" if a == b else f"{letter}{a}:{letter}{b}" for a, b in runs)


def cell_for(sheet: str, row: int, field: str | None) -> str | None:
    """The cell ("F12") holding ``field`` of a row of ``sheet``, to locate errors raised later
    by the core (:func:`xlperf.rules.appraisal.appraise` raises InputErrors whose errors
    carry sheet + row + field). ``None`` when the sheet or field has no cell."""
    layout = INPUT_LAYOUTS.get(sheet)
    if layout is None or field is None or row < FIRST_ROW:
        if sheet == RESULTS and field in RESULT_KEYS and row >= FIRST_ROW:
            return f"{get_column_letter(RESULT_KEYS[field] + 1)}{row}"
        return None
    try:
        return f"{layout.letter(field)}{row}"
    except KeyError:
        return None
