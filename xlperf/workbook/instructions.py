"""The text of a workbook's first sheet: what to fill in and how to calculate (English, 中文)."""

from __future__ import annotations

from xlperf.rules.incentives import DEFAULT_INCENTIVE_RULES as RULES
from xlperf.rules.incentives import Instrument
from xlperf.rules.incentives.market import MAX_PRICE_AGE_DAYS
from xlperf.workbook import layout as L


def grant_columns(kind: Instrument) -> str:
    """The Grants columns an instrument uses, in sheet order: ``Quantity* = number of options,
    Price* = exercise price, Grant-date price, …`` (* required)."""
    uses = L.GRANT_COLUMNS[kind]
    names = []
    for column in L.GRANTS_LAYOUT.columns:
        if column.field not in uses:
            continue
        name = column.header + ("*" if uses[column.field] == L.REQUIRED else "")
        meaning = {"price": L.PRICE_MEANING, "quantity": L.QUANTITY_MEANING}.get(column.field)
        names.append(f"{name} = {meaning[kind]}" if meaning else name)
    return f"{kind.value} {kind.label_zh}: {', '.join(names)}."


_DEFAULTS = (
    f"Blank optional cells take the plan defaults: schedule {RULES.vesting_schedule.name} "
    f"(deferred cash {RULES.deferral_schedule.name}), term {RULES.option_term_years} years, "
    f"window after leaving {RULES.exercise_window_months} months, performance period "
    f"{RULES.performance_period_years} years, unit value 1, dividends "
    f"{RULES.restricted_dividends} (restricted stock: paid at unlock) / paid (phantom stock: "
    "dividend equivalents), on leaving forfeit. 选填单元格留空即采用计划默认值。"
)

TITLE = "xlperf appraisal workbook 高管绩效考核工作簿"

# (style, text): "section" lines are headings, "text" lines are paragraphs
LINES = (
    ("text", "This workbook appraises executives and computes their bonus with xlperf's XP_ "
             "formulas. 本工作簿用xlperf的XP_公式进行高管考核并计算绩效奖金。"),
    ("section", "1. Fill in the inputs 填写输入数据"),
    ("text", "Executives 高管名单: company, year and pay date (B2, D2, F2), one row per executive "
             "with an ID (letters, digits, - _ . : it names the report files), the "
             "bonus standard, months served, optional bonus cap, long-term achievement % and "
             "the quarterly advances already paid. 公司、年度、发放日；每位高管一行，编号只用"
             "字母、数字、- _ .（用作报告文件名）。"),
    ("text", "Keep every row inside its table: Excel extends a table when you type in the row "
             "just below it; a row further down is seen by neither the formulas nor xlperf "
             "(an error). 所有数据行须在表格之内，表格下方的行不被计算（报错）。"),
    ("text", "Indicators 考核指标: one row per indicator of the annual contract (目标责任书): "
             "part (business 企业经营业绩 / individual 个人业绩), category, weight, target, "
             "actual and scoring method. Weights of one executive's part add to 100%. "
             "同一高管同一部分的权重合计100%。"),
    ("text", "Methods 评分方法: ratio 比率, inverse_ratio 反向比率 (lower is better), curve "
             "曲线, band 分档, zero_tolerance 零容忍 (incidents; Veto = TRUE for 一票否决), "
             "binary 是否完成 (1/0), rating 评级 (1–5), okr (0.0–1.0; leave Actual blank to "
             "take the executive's overall OKR score)."),
    ("text", "Curve and band rows use the Config sheet's DefaultCurve / DefaultBands, or the "
             "scoring table named in the Table column (Config, tblScoringTables). "
             "曲线/分档指标使用配置表中的默认表或Table列指定的评分表。"),
    ("text", "Ratings360 民主测评: one anonymous rating (0–100) per row with the rater group "
             "superior/peer/subordinate (上级/同级/下级). A group with fewer than 3 raters is "
             "left out. DutyReport 述职: one panel score (0–100) per row. OKR: one key result "
             "per row (2–5 per objective). History 历史: past grades, oldest first."),
    ("section", "2. Long-term incentives 长期激励"),
    ("text", "Grants 长期激励授予: one row per grant with the executive's ID, a Grant ID (unique "
             "per executive), the instrument and the grant date. Each instrument uses the "
             "columns below (* required); leave the others blank. 每行一项授予；只填写该激励"
             "工具适用的列（*为必填）。"),
    *(("text", grant_columns(kind)) for kind in Instrument),
    ("text", "Schedule 归属安排: graded 40/30/30, equal 3, cliff 36 or monthly 48 cliff 12. "
             "Conditions met 各期条件达成: one per tranche, e.g. yes/yes/no (? = not yet known). "
             "Achievement 业绩完成率: % over the performance period, e.g. 108 (blank: not yet "
             "known, valued at target). On leaving 离职处理: forfeit 没收, pro rata 按比例 "
             "(performance plans), keep 保留 (deferred cash)."),
    ("text", _DEFAULTS),
    ("text", "Exercises 行权记录: each exercise of options or SARs (ID, Grant ID, date, "
             "quantity, and the share price that day if SharePrices lacks it). Clawbacks "
             "追索扣回: deferred cash clawed back (blank amount: everything)."),
    ("text", "SharePrices 股价与分红: the company's closing prices and dividends per share by "
             "date; every grant event is valued at its day's close, or a weekend's or holiday's "
             f"at the last close at most {MAX_PRICE_AGE_DAYS} days before it (an older one is an "
             "error). "
             "Executives F2 发放日: the day the settlement is paid (blank: 31 December of the "
             "year); it chooses the tax tables. The Grants sheet's last column (XP_VESTED_QTY) "
             "shows what has vested by 31 December (a tranche whose condition is not met is not "
             "counted). 年末已归属列为公式（未达成条件的一期不计）。"),
    ("section", "3. Equity-incentive plans and SOE pay 股权激励计划与央企负责人薪酬检查"),
    ("text", "Plans 股权激励计划: one row per restricted-stock or stock-option plan in force or "
             "drafted: Plan ID, instrument (restricted_stock 限制性股票 / stock_option 股票期权), "
             "regime (csrc 上市公司; soe 国有控股 for a state-controlled company, which also "
             "needs the previous close and the 30-day average close: options at least their "
             "higher, restricted stock at least half of it; blank: csrc), the draft's "
             "announcement date, the grant or exercise price, the reference average prices "
             "before the draft, the share capital, the plan's shares (reserved ones included) "
             "and the shares of live plans not on this sheet. 每行一个计划。"),
    ("text", "PlanPeriods 解除限售期/行权期: one row per period with the Plan ID, its start and "
             "end in months after the grant and its share of the grant (12, 24, 40%). "
             "Participants 激励对象 are the Grants rows whose Grant ID is the Plan ID. The plans "
             "on the sheet announced on or before a plan are its other live plans for the 10% "
             "and 1% limits, so remove a plan once it has ended. 授予编号等于计划编号的授予即为"
             "激励对象；计划结束后请删除。"),
    ("text", "Check 合规检查 (XP_CSRC_CHECK): OK, or one line per breach in plain words with "
             "its article: price floor, 12 months to the first unlock or exercise, periods of "
             "12 months, at most 50% a period, all plans at most 10% of the share capital, one "
             "person at most 1%. A compliance aid, not legal advice. 合规提示，非法律意见。"),
    ("text", "SoePay 中央企业负责人薪酬: only for executives under the central-SOE pay rules. "
             "One row per year of the current term (任期): base salary 基本年薪, and for earlier "
             "years the performance salary 绩效年薪 and grade; in the appraisal year leave those "
             "two blank (xlperf checks the year's payout and grade) and add the term incentive "
             "任期激励收入 and term grade when the term ends. Results defers at least 40% of "
             "their payout to the term's end (延期兑现); Paid now 当期兑现 (optional) checks "
             "the deferral. Check 薪酬核查 (XP_SOE_CHECK, on the appraisal year's row) and the "
             "payout statement list every breach: performance salary at most 2 × base, none "
             "after a failed grade (D), term incentive at most 30% of the term's pay. "
             "绩效年薪不超过基本年薪2倍；考核不合格不得领取。"),
    ("section", "4. The company's policy 公司政策 (Config sheet 配置)"),
    ("text", "Grade table, coefficients, annual score weights, 360 group weights, quotas and "
             "settings. The formulas read them by name (Formulas > Name Manager); to add a "
             "row, insert it inside a table. 公式按名称引用这些表格；增行请在表格内部插入。"),
    ("text", "DeferralShare 延期支付比例: the share of every executive's bonus deferred to later "
             "years (0% pays it all at the settlement). Results shows it as Deferred 延期支付 "
             "and leaves it out of Due now; record its later instalments as deferred cash on "
             "Grants. 延期部分不在本次清算中发放，以后年度按递延现金登记。"),
    ("section", "5. Calculate in Excel 在Excel中计算 (Windows, xlwings)"),
    ("text", "Save this file as an Excel Macro-Enabled Workbook (.xlsm). With the xlwings "
             "add-in installed (see xlperf's README), set a reference to xlwings in the VBA "
             "editor (Alt+F11, Tools > References), then click xlwings > Import Functions and "
             "press Ctrl+Alt+F9 to recalculate everything. 另存为.xlsm，导入函数后按"
             "Ctrl+Alt+F9全部重算。"),
    ("text", "The xlwings.conf sheet names the UDF module (xlperf.udfs); do not rename it. "
             "Cells that show #XP! carry a message saying what to fix. 显示#XP!的单元格说明了"
             "需要修改的内容。"),
    ("section", "6. Results and reports 结果与报告"),
    ("text", "Results 考核结果: part scores, annual score, grade, coefficient, bonus, extra "
             "incentive, deferred part, settlement and flags per executive, and the "
             "forced-distribution check on the right. Do not type over formulas. "
             "结果表均为公式，请勿覆盖。"),
    ("text", "Batch reports 批量报告: xlperf report THIS_FILE --out DIR reads this workbook, "
             "checks every input (listing each problem with its cell) and compares its own "
             "figures with the values Excel saved. 批量报告会校验所有输入并核对Excel保存的结果。"),
    ("section", "Sheets 工作表"),
    ("text", "Config 配置 · Executives 高管 · Indicators 指标 · Ratings360 民主测评 · "
             "DutyReport 述职 · OKR · History 历史 · Grants 长期激励 · Exercises 行权 · "
             "Clawbacks 追索扣回 · SharePrices 股价 · Plans 股权激励计划 · PlanPeriods "
             "解除限售/行权期 · SoePay 央企负责人薪酬 · Results 结果 · xlwings.conf"),
)
