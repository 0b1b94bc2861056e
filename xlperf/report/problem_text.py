"""A located problem in the summary's language: Chinese written here, English the core's own
message.

errors.csv, the terminal and the manifest keep the one English wording. The summary in
Chinese says the same for the problems an analyst meets most: a cell holding a value of the
wrong kind (not a number, not one of a list, out of range), a required cell left blank, or a
column of weights that does not add to 100%. They are recognised by the closing words the
core uses for each (:mod:`xlperf.rules.inputs`: ``weight is "abc", expected a number``) and
named by the Chinese header of the cell's column (权重). Messages said whole (a workbook
that cannot be read, the run, an executive's failed reports, Config's cells) are worded by
:mod:`xlperf.report.whole_text`. Any other problem keeps its English text.
"""

from __future__ import annotations

import re

from xlperf.errors import Problem
from xlperf.report.formats import Bilingual
from xlperf.report.whole_text import said_whole
from xlperf.rules.annual import PART_LABELS

# the closing words of rules/inputs.py's messages, one per kind of value a cell must hold
KINDS = {
    "expected a number": "应为数字",
    "expected a finite number": "应为有限的数字",
    "expected an amount": "应为金额",
    "expected a whole number": "应为整数",
    "expected zero or more": "应为零或正数",
    "expected done/not done (1 or 0)": "应为完成/未完成（1 或 0）",
    "expected a share from 0 to 100%: type 40% or 0.4": "应为 0–100% 的比例（填 40% 或 0.4）",
    "expected a year such as 2026": "应为年份（如 2026）",
    "expected an amount of at most 1,000,000,000,000,000": "应为不超过 10^15 的金额",
    "expected a whole number of at most 1,000,000,000,000,000": "应为不超过 10^15 的整数",
    "expected a percentage up to 100% (30, 30% or 0.3)": "应为不超过 100% 的百分比（填 30、30% "
                                                        "或 0.3）",
    "expected business or individual": "应为 business（企业经营业绩）或 individual（个人业绩）",
    "expected TRUE or FALSE (blank: no veto)": "应为 TRUE 或 FALSE（留空即无一票否决）",
    "expected a date such as 2024-01-31": "应为日期（如 2024-01-31）",
    "expected a date": "应为日期",
    "expected a date (an Excel date number from 61, 1900-03-01, on)":
        "应为日期（Excel 日期序号不小于 61，即 1900-03-01 及以后）",
    "expected the number of shares": "应为股数（大于 0）",
    "expected a market price above 0": "应为大于 0 的市场价格",
    "expected superior, peer or subordinate (上级, 同级, 下级)":
        "应为 superior（上级）、peer（同级）或 subordinate（下级）",
    "expected restricted_stock or stock_option (限制性股票, 股票期权)":
        "应为 restricted_stock（限制性股票）或 stock_option（股票期权）",
    "expected csrc or soe (state-controlled, 国有控股)":
        "应为 csrc（证监会规则）或 soe（国有控股上市公司规则）",
    "expected TRUE or FALSE (blank: none)": "应为 TRUE 或 FALSE（留空即无）",
    "expected a word from the list": "应为下拉列表中的一项",
    'expected a text such as "graded 40/30/30", "equal 3", "cliff 36" or "monthly 48 cliff 12"':
        '应为文字，如 "graded 40/30/30"、"equal 3"、"cliff 36" 或 "monthly 48 cliff 12"',
}
# the cells of the Executives sheet's row 2, above its table (company, year, pay date)
_TOP_CELLS = {"B2": "公司", "D2": "年度", "F2": "发放日"}
# an executive's part or sheet with nothing usable, in Chinese (said at their ID when none of
# their rows is on the sheet: the reader adds which sheet)
_NOTHING = {
    "no business indicators: the business part needs at least one":
        "没有企业经营业绩指标：经营业绩部分至少需要一项",
    "no individual indicators and no OKR: the individual part needs one or the other":
        "既没有个人业绩指标也没有 OKR：个人业绩部分至少需要其一",
    "no duty-report panel scores given": "没有述职评分",
}
_NO_RATERS = re.compile(r"^no 360 rater group has (?P<n>\d+) or more raters$")
_NO_ROWS = re.compile(r"^(?P<message>.+) \(no (?P<sheet>\w+) rows with the ID (?P<id>.+)\)$")
_KEY_RESULTS = re.compile(r"^objective (?P<name>.+) has (?P<n>\d+) key result\(s\), expected "
                          r"(?P<low>\d+) to (?P<high>\d+)$")
_SCORE = "评分"  # the header of a rater's score on Ratings360
_WRONG_KIND = re.compile(r"^.+? is (?P<value>.+), (?P<kind>expected .+)$")
_TOO_LARGE = re.compile(r"^.+? is (?P<value>.+), too large a (?P<negative>negative )?number$")
_ONE_OF = re.compile(r"^expected one of (?P<choices>.+)$")
_BETWEEN = re.compile(r"^expected (?:.+ from )?(?P<low>[\d.]+) to (?P<high>[\d.]+)$")
_EMPTY = re.compile(r"^.+? is empty(?:, (?P<kind>expected .+))?$")
_WEIGHTS = re.compile(r"^(?P<what>.*)weights (?P<of>.*)add to (?P<total>\S+), expected 100% "
                      r"\((?P<each>.+?)\)$")
_MIXED = re.compile(r"^(?P<what>.*)weights (?P<of>.*)are typed two ways: (?P<odd>.+?) looks? "
                    r"like (?:a )?(?P<kind>whole percentage|fraction)s? .+; type them all one "
                    r"way \((?P<each>.+)\)$")
_NO_TARGET = re.compile(r"^target is (?P<value>.+): (?:method (?P<method>\w+)|a ratio) needs a "
                        r"non-zero target(?P<blank>, or a blank one .+)?$")
_NOT_ACHIEVEMENT = re.compile(r"^target is empty and actual (?P<value>.+) is not an achievement "
                              r"% \(at most (?P<limit>\S+)\): fill in the target$")
_LISTED = re.compile(r"^expected one from (?:the list|(?P<name>\w+) on Config): "
                     r"(?P<choices>.+?)(?P<chinese> \(or the Chinese names\))?$")
_TWICE = re.compile(r"^executive id (?P<id>.+) is listed twice \(also row (?P<row>\d+)"
                    r"(?:, as (?P<twin>.+))?\)$")
_TOO_LONG = re.compile(r"^.+? is (?P<n>[\d,]+) characters long, expected at most "
                       r"(?P<limit>[\d,]+)$")
_READ_AS = re.compile(r'^ID is "(?P<typed>.+)", read as (?P<read>.+?); the workbook\'s '
                      r"formulas, which match the ID as typed, miss the row: type (?P=read)$")
_OTHER_FORM = re.compile(r'^ID "(?P<typed>.+)" \((?P<typed_points>[^()]+)\) is read as '
                         r"(?P<read>.+) \((?P<read_points>[^()]+)\), the same text in another "
                         r"Unicode form; the workbook's formulas, which match the ID as typed, "
                         r"miss the row: type the ID again$")
_PAID_TWICE = re.compile(r"^executive (?P<id>.+?) is also in (?P<first>.+) \((?P<company>.*), "
                         r"(?P<year>\d+)\): left out here, or they would be paid twice in the "
                         r"ledger; appraise each executive in one workbook$")
_UNKNOWN = re.compile(r"^executive (?P<id>.+) is not on the Executives sheet"
                      r"(?: \(rows (?P<first>\d+)–(?P<last>\d+), (?P<n>\d+) rows\))?$")
_PLAN_NOT_CHECKED = re.compile(r'^plan "(?P<plan>.+)" is not checked: (?:its grant on Grants row '
                               r"(?P<grant>\d+) has errors|the plan on row (?P<row>\d+), "
                               r"announced on or before it, has errors, and its shares count "
                               r"towards this plan's limits)$")
# messages said by filling in their named parts: a pattern, and its Chinese with them
_TEMPLATES = tuple((re.compile(pattern), chinese) for pattern, chinese in (
    # a cell read otherwise than typed (a part or method in Chinese or full-width, a veto
    # typed 是 / 否), a negative target, a short performance period (workbook.rows)
    (r'^\w+ is "(?P<typed>.+)", read as (?P<plain>.+?); the workbook\'s formulas, which compare '
     r"the cell as typed, miss the row: type (?P=plain)$",
     '填写为 "{typed}"，已按 {plain} 读取；工作簿公式按填写的原样比较该单元格，会漏掉这一行：'
     "请改填 {plain}"),
    (r'^veto is "(?P<typed>.+)", read as (?P<read>TRUE|FALSE); the workbook\'s formulas, which '
     r"count TRUE cells only, miss it: choose (?P=read) from the list$",
     '填写为 "{typed}"，已按 {read} 读取；工作簿公式只统计值为 TRUE 的单元格，会漏掉这一格：'
     "请从下拉列表中选择 {read}"),
    (r"^target is (?P<value>.+), negative: read as a loss to reduce \(achievement = 100 \+ "
     r"\(actual − target\) ÷ \|target\| × 100, so a smaller loss scores higher\); if the minus "
     r"sign is a slip, remove it$",
     "填写为 {value}，为负数：视为需要减少的亏损（完成率 = 100 + (实际 − 目标) ÷ |目标| × 100，"
     "亏损越小得分越高）；如负号系误填，请删除"),
    (r"^performance period is (?P<years>\d+) year\(s\): .+ are usually measured over at least "
     r"(?P<least>\d+) years \(.+\)$",
     "业绩考核期为 {years} 年：业绩考核期一般不少于 {least} 年"),
    # an ID unfit to name files (model.executive_id)
    (r'^executive id is "(?P<id>.+)": it names the report files, so use letters, digits, "-", '
     r'"_" and "\." \(at most (?P<n>\d+), starting with a letter or digit\)$',
     '填写为 "{id}"：编号用于命名报告文件，只能使用字母、数字及 "-"、"_"、"."（最多 {n} 个'
     "字符，以字母或数字开头）"),
    (r'^executive id is "(?P<id>.+)": too long to name its report files \((?P<bytes>\d+) bytes '
     r"in UTF-8, at most (?P<most>\d+)\); use a shorter id$",
     '填写为 "{id}"：过长，无法用作报告文件名（UTF-8 编码为 {bytes} 字节，最多 {most} 字节）；'
     "请使用较短的编号"),
    # years out of order or on the wrong row (History, SoePay: workbook.rows, workbook.soe_pay)
    (r"^year (?P<after>\d+) comes after (?P<before>\d+): list each executive's years oldest "
     r"first, once each$",
     "{after} 年排在 {before} 年之后：每位高管的历年记录请按年份从早到晚排列，每年一行"),
    (r"^year (?P<year>\d+) is given twice \(rows (?P<first>\d+) and (?P<second>\d+)\): one row "
     r"per year of the term$",
     "{year} 年填写了两次（第 {first} 行和第 {second} 行）：任期内每年一行"),
    (r"^year (?P<year>\d+) is after the appraisal year (?P<appraisal>\d+): list the term's "
     r"years up to the appraisal year$",
     "{year} 年晚于考核年度 {appraisal}：请只填写任期内截至考核年度的各年"),
    (r"^leave .+ blank in the appraisal year (?P<year>\d+): xlperf checks the year's own payout "
     r"and grade$",
     "考核年度 {year} 的这一格请留空：xlperf 检查的是该年度本身的兑现额和考核等级"),
    (r"^.+ is empty: an earlier year of the term needs its performance salary and grade$",
     "未填写：任期内较早的年度需要填写绩效年薪和考核等级"),
    (r"^.+ goes on the appraisal year's row \(the term ends with the appraisal year "
     r"(?P<year>\d+)\), not on (?P<row>\d+)'s$",
     "应填在考核年度所在的行（任期截至考核年度 {year}），而不是 {row} 年的行"),
    (r"^no row for the appraisal year (?P<year>\d+): it gives the year's base salary, which the "
     r"check needs$",
     "没有考核年度 {year} 的行：检查需要该年度的基本年薪"),
    # Plans, PlanPeriods, Grants, Exercises and SharePrices (workbook.plans, workbook.grants)
    (r'^plan "(?P<plan>.+)" is not on the Plans sheet$', "激励计划“{plan}”不在 Plans 表中"),
    (r'^plan id "(?P<plan>.+)" is on rows (?P<rows>[\d, ]+): one row per plan$',
     "激励计划编号“{plan}”出现在第 {rows} 行：每个计划只填一行"),
    (r"^(?P<what>.+) \((?P<zh>[^()]+)\) is empty: the CSRC price floor needs it$",
     "未填写：证监会规则下的授予价格下限需要{zh}"),
    (r"^(?P<what>.+) \((?P<zh>[^()]+)\) is empty: the state-controlled price floor needs it$",
     "未填写：国有控股上市公司规则下的授予价格下限需要{zh}"),
    (r"^the plan has no unlock or exercise periods: add its rows to the PlanPeriods sheet$",
     "该计划没有解锁期或行权期：请在 PlanPeriods 表中添加相应的行"),
    (r"^the periods' shares add to (?P<total>\S+), expected 100% of the grant$",
     "各期比例合计为 {total}，应为授予总量的 100%"),
    (r"^period ends at month (?P<end>\d+), not after its start at month (?P<start>\d+)$",
     "期间截止于第 {end} 个月，未晚于其起始的第 {start} 个月"),
    (r'^grant id "(?P<grant>.+)" is listed twice for (?P<id>.+) \(also row (?P<row>\d+)\): give '
     r"each grant its own id$",
     "{id} 的授予编号“{grant}”重复（另见第 {row} 行）：每笔授予请使用不同的编号"),
    (r'^grant "(?P<grant>.+)" of (?P<id>.+) is not on the Grants sheet$',
     "{id} 的授予“{grant}”不在 Grants 表中"),
    (r"^price is empty: a stock option grant needs its exercise price$",
     "未填写：股票期权授予需要填写行权价格"),
    (r"^price does not apply to performance share grants: leave it blank$",
     "业绩股票授予不适用价格：请留空"),
    (r"^date (?P<date>\S+) is listed twice \(also row (?P<row>\d+)\): one row per date$",
     "日期 {date} 重复（另见第 {row} 行）：每个日期只填一行"),
    (r"^pay date (?P<date>\S+) is before the appraisal year (?P<year>\d+)$",
     "{date} 早于考核年度 {year}"),
    # an achievement typed directly (rules.inputs.achievement: the long-term achievement)
    (r"^.+ is (?P<value>.+), not an achievement % \(at most (?P<limit>\S+)\): give actual ÷ "
     r"target, 125 or 125%$",
     "填写为 {value}，不是完成率（最高 {limit}）：请填写实际值 ÷ 目标值，如 125 或 125%"),
    # Indicators and OKR rows (workbook.rows, rules.scoring)
    (r"^target is (?P<value>\S+): lower-is-better targets must be positive$",
     "填写为 {value}：反向指标（越低越好）的目标值须为正数"),
    (r"^a scoring table applies to curve and band rows, not (?P<method>\w+)$",
     "评分表只适用于评分方法为 curve 或 band 的行，不适用于 {method}"),
    (r"^floor and cap do not apply to zero_tolerance rows \(XP_DEDUCT scores them\): leave them "
     r"blank$",
     "下限和上限不适用于 zero_tolerance（零容忍扣分）行（由 XP_DEDUCT 计分）：请留空"),
    (r'^objective "(?P<name>.+)" has different weights on its rows; repeat the same weight on '
     r"each of its key results$",
     "目标“{name}”各行的目标权重不一致：请在该目标的每个关键结果行填写相同的权重"),
))
_PART = re.compile(r"^(?P<part>\w+) indicator $")
_OBJECTIVE = re.compile(r"^of objective (?P<name>.+) $")


def problem_text(problem: Problem) -> Bilingual:
    """``problem`` in both languages: in Chinese at its cell and column
    (``Indicators!F5（权重）：填写为 "abc"，应为数字``) where this module words it, else
    the English text for both."""
    english = str(problem)
    column = _column(problem)
    said = said_at_column(problem.message, column)
    if said is None:
        whole = said_whole(problem.message)
        if whole is None:
            return Bilingual(english, english)
        where = (f"{problem.sheet}!{problem.cell}" if problem.sheet and problem.cell
                 else problem.sheet)
        return Bilingual(f"{where}：{whole}" if where else whole, english)
    return Bilingual(f"{problem.sheet}!{problem.cell}（{column}）：{said}", english)


def summary_text(problem: Problem) -> Bilingual:
    """:func:`problem_text` for summary.pdf, which finance and HR share: a problem at a 360
    rating's score cell names the cell but not the value typed there (one rater's score,
    which the reports never show); errors.csv, for the analyst who keeps the workbook,
    has it."""
    from xlperf.workbook.layout import RATINGS  # lazily, as batch imports the workbook

    if problem.sheet != RATINGS or _column(problem) != _SCORE:
        return problem_text(problem)
    where = f"{problem.sheet}!{problem.cell}"
    return Bilingual(f"{where}（{_SCORE}）：该评分无法使用（为保护评价人匿名，不显示所填数值；"
                     "详见 errors.csv）",
                     f"{where}: this rating cannot be used (its value is not shown, so that "
                     "raters stay anonymous; see errors.csv)")


def in_chinese(problem: Problem) -> str:
    """The message alone in Chinese, headed by its column (``权重：填写为 "abc"，应为数字``),
    for errors.csv's message_zh; "" when this module does not word it."""
    column = _column(problem)
    said = said_at_column(problem.message, column)
    if said is None:
        return said_whole(problem.message) or ""
    return f"{column}：{said}"


def _column(problem: Problem) -> str | None:
    """The Chinese header of the problem's column (None: not an input table's cell)."""
    from xlperf.workbook.layout import EXECUTIVES, column_label  # lazily, as batch imports
    # the workbook

    if problem.sheet == EXECUTIVES and problem.cell in _TOP_CELLS:
        return _TOP_CELLS[problem.cell]
    return column_label(problem.sheet, problem.cell)


def said_at_column(message: str, column: str | None) -> str | None:
    """What ``message`` says about a cell of the column headed ``column``, in Chinese
    (``填写为 "abc"，应为数字``); None when it is not one this module words."""
    if not column:
        return None
    if said := _said_of_target_or_id(message):
        return said
    if empty := _EMPTY.match(message):
        return f"未填写，{KINDS[empty['kind']]}" if empty["kind"] in KINDS else "未填写"
    if weights := _WEIGHTS.match(message):
        return (f"{_whose(weights['what'], weights['of'])}权重合计为 {weights['total']}，"
                f"应为 100%（{weights['each']}）")
    if mixed := _MIXED.match(message):
        odd = ("像百分数（30），其余像小数（0.3 即 30%）" if mixed["kind"] == "whole percentage"
               else "像小数（0.3 即 30%），其余像百分数（30）")
        return (f"{_whose(mixed['what'], mixed['of'])}权重有两种写法：{mixed['odd']} {odd}；"
                f"请统一一种写法（{mixed['each']}）")
    if said := _said_of_template(message) or _said_of_grant(message, column):
        return said
    if long := _TOO_LONG.match(message):
        return f"长度为 {long['n']} 个字符，超过上限 {long['limit']} 个字符"
    if large := _TOO_LARGE.match(message):  # "1e400" typed: no cell holds it as a number
        return f"填写为 {large['value']}，{'负' if large['negative'] else ''}数值过大"
    found = _WRONG_KIND.match(message)
    if found is None:
        return None
    value, kind = found["value"], found["kind"]
    if kind in KINDS:
        return f"填写为 {value}，{KINDS[kind]}"
    if listed := _LISTED.match(kind):
        where = f" Config 表 {listed['name']} " if listed["name"] else "下拉列表"
        chinese = "（或其中文名称）" if listed["chinese"] else ""
        return f"填写为 {value}，应为{where}中的一项：{listed['choices']}{chinese}"
    if choices := _ONE_OF.match(kind):
        return f"填写为 {value}，应为以下之一：{choices['choices']}"
    if between := _BETWEEN.match(kind):
        return f"填写为 {value}，应在 {between['low']} 到 {between['high']} 之间"
    return None


def _said_of_target_or_id(message: str) -> str | None:
    """A missing or unusable target, a repeated ID or one not on Executives, in Chinese
    (None: not one of them)."""
    if found := _NO_TARGET.match(message):
        method = found["method"] or "ratio"
        value = "未填写" if found["value"] == "empty" else f"填写为 {found['value']}"
        blank = "，或留空（实际值即完成率）" if found["blank"] else ""
        return f"{value}，{method} 方法需要非零的目标值{blank}"
    if found := _NOT_ACHIEVEMENT.match(message):
        return (f"未填写；无目标值时实际值即完成率，而 {found['value']} 不是完成率（最高 "
                f"{found['limit']}），请填写目标值")
    if found := _KEY_RESULTS.match(message):
        return (f"目标“{found['name']}”有 {found['n']} 个关键结果，应为 {found['low']} 到 "
                f"{found['high']} 个")
    if found := _NO_ROWS.match(message):
        said = _said_of_nothing(found["message"])
        return None if said is None else (f"{said}（{found['sheet']} 表中没有编号为 "
                                          f"{found['id']} 的行）")
    if said := _said_of_nothing(message):
        return said
    if found := _TWICE.match(message):
        twin = f"，写作 {found['twin']}" if found["twin"] else ""
        return f"高管编号 {found['id']} 重复（另见第 {found['row']} 行{twin}）"
    if found := _READ_AS.match(message):
        return (f'填写为 "{found["typed"]}"，已按 {found["read"]} 读取；工作簿公式按填写的原样'
                f"匹配编号，会漏掉这一行：请改填 {found['read']}")
    if found := _OTHER_FORM.match(message):
        return (f'"{found["typed"]}"（{found["typed_points"]}）已按 {found["read"]}'
                f"（{found['read_points']}）读取，两者文字相同而 Unicode 编码形式不同；工作簿"
                "公式按填写的原样匹配编号，会漏掉这一行：请重新输入该编号")
    if found := _PAID_TWICE.match(message):
        company = "未填写公司名称" if found["company"] == "no company" else found["company"]
        return (f"高管 {found['id']} 也在 {found['first']}（{company}，{found['year']} 年度）"
                "中：本工作簿已将其排除，否则台账中会重复发放；每位高管只应在一个工作簿中考核")
    if found := _UNKNOWN.match(message):
        rows = (f"（第 {found['first']}–{found['last']} 行，共 {found['n']} 行）"
                if found["n"] else "")
        return f"高管 {found['id']} 不在 Executives 表中{rows}"
    return None


def _said_of_template(message: str) -> str | None:
    """A message of :data:`_TEMPLATES` or a plan left unchecked, in Chinese (None: not one
    of them)."""
    for pattern, chinese in _TEMPLATES:
        if found := pattern.match(message):
            return chinese.format(**found.groupdict())
    if found := _PLAN_NOT_CHECKED.match(message):
        why = (f"其在 Grants 表第 {found['grant']} 行的授予有错误" if found["grant"] else
               f"第 {found['row']} 行的计划（公告日不晚于本计划）有错误，而其股份计入本计划的"
               "额度")
        return f"激励计划“{found['plan']}”未做检查：{why}"
    return None


# a Grants cell that does not fit the row's instrument (workbook.grants.grant_row)
_NOT_APPLY = re.compile(r"^.+ does not apply to (?P<kind>.+) grants: leave it blank$")
_NEEDS = re.compile(r"^.+ is empty: an? (?P<kind>.+) grant needs its (?P<what>.+)$")
_NOT_FOR = re.compile(r"^.+ is (?P<value>.+): for (?P<kind>.+) grants expected (?P<allowed>.+)$")
# what a grant needs, as layout.PRICE_MEANING and QUANTITY_MEANING say it
_NEEDED = {"exercise price": "行权价格", "grant price": "授予价格", "number of options": "期权数量",
           "number of SARs": "股票增值权数量", "number of shares": "股数",
           "target shares": "目标股数", "target units": "目标单位数", "number of units": "单位数"}


def _said_of_grant(message: str, column: str | None) -> str | None:
    """A Grants cell filled or left blank against its row's instrument, in Chinese (None:
    not one of them)."""
    from xlperf.rules.incentives.events import INSTRUMENT_LABELS

    kinds = dict(INSTRUMENT_LABELS.values())
    if (found := _NOT_APPLY.match(message)) and found["kind"] in kinds:
        return f"{kinds[found['kind']]}授予不适用此项：请留空"
    if (found := _NEEDS.match(message)) and found["kind"] in kinds:
        return (f"未填写：{kinds[found['kind']]}授予需要填写"
                f"{_NEEDED.get(found['what'], column)}")
    if (found := _NOT_FOR.match(message)) and found["kind"] in kinds:
        return (f"填写为 {found['value']}：{kinds[found['kind']]}授予应为 "
                f"{' 或 '.join(found['allowed'].split(' or '))}")
    return None


def _said_of_nothing(message: str) -> str | None:
    """A part or sheet of an executive with nothing usable, in Chinese (None: not one)."""
    if message in _NOTHING:
        return _NOTHING[message]
    if found := _NO_RATERS.match(message):
        return f"360 测评没有一组评价人达到 {found['n']} 人"
    return None


def _whose(what: str, of: str) -> str:
    """``business indicator `` → 企业经营业绩指标; ``of objective X `` → 目标“X”的关键结果."""
    if (part := _PART.match(what)) and part["part"] in PART_LABELS:
        return f"{PART_LABELS[part['part']][1]}指标"
    if what == "key-result " and (objective := _OBJECTIVE.match(of)):
        return f"目标“{objective['name']}”的关键结果"
    return ""
