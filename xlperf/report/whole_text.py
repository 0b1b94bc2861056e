"""Chinese for the messages said whole, not about a value in an input table's column: a
workbook file that cannot be read, the run itself (a workbook given twice, ``--only``), an
executive whose reports failed, the run's warnings (OKR, reconciliation), and a workbook's
sheets and tables unlike the template's (Config's cells among them).

As in :mod:`xlperf.report.problem_text`, the English message is the one the code writes
and the Chinese is found from it: each pattern below matches one message's fixed words (a
path, an ID or an error's own text in between is kept as it is). A message none matches
has no Chinese (errors.csv's message_zh is left empty). tests/report/test_message_zh.py
produces each message for real and checks that it is said here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

_Say = Callable[[re.Match], str | None]  # None: not said after all
_SAID: list[tuple[re.Pattern, _Say]] = []


def _says(pattern: str) -> Callable[[_Say], _Say]:
    """Register a function wording the message ``pattern`` matches in Chinese."""
    def register(say: _Say) -> _Say:
        _SAID.append((re.compile(pattern, re.S), say))
        return say
    return register


def _template(pattern: str, chinese: str) -> None:
    """Register ``chinese``, with the pattern's named groups put in, for ``pattern``."""
    _SAID.append((re.compile(pattern, re.S),
                  lambda found: chinese.format(**found.groupdict(default=""))))


def said_whole(message: str) -> str | None:
    """``message`` in Chinese, None when it is not one this module words."""
    for pattern, say in _SAID:
        if (found := pattern.fullmatch(message)) and (said := say(found)) is not None:
            return said
    return None


# --- an executive's reports or the summary could not be made (batch) ---------------------

_template(r"(?P<who>.+?): report could not be laid out: (?P<error>.+)",
          "{who}：报告无法排版（{error}）")


@_says(r"(?P<who>.+?): rendering failed: the PDF renderer stopped unexpectedly \(out of "
       r"memory\?\) while rendering (?P<files>.+), twice; the other PDFs are not affected")
def _died(found: re.Match) -> str:
    files = " 和 ".join(found["files"].split(" and "))
    return (f"{found['who']}：PDF 生成失败：生成 {files} 时 PDF 渲染进程两次意外退出"
            "（内存不足？）；其他 PDF 不受影响")


_template(r"(?P<who>.+?): rendering failed: (?P<error>.+)", "{who}：PDF 生成失败（{error}）")
_template(r"summary\.pdf could not be rendered: (?P<error>.+)",
          "汇总报告 summary.pdf 生成失败（{error}）")


# --- a file given as a workbook that cannot be read (workbook.read, workbook.package) -----

_template(r"(?P<path>.+) is a folder, not a workbook: give the \.xlsx files in it "
          r"\((?P<files>.+)\)",
          "{path} 是文件夹，不是工作簿：请指定其中的 .xlsx 文件（{files}）")
_template(r"(?P<path>.+) is not a regular file \(a pipe, device or socket\), not a workbook",
          "{path} 不是普通文件（而是管道、设备或套接字），不能作为工作簿读取")
_template(r"(?P<path>.+): no such workbook file", "找不到工作簿文件：{path}")
_template(r"(?P<path>.+) is protected by a password: open it in Excel, remove the password "
          r"\(File › Info › Protect Workbook\) and save it",
          "{path} 设有密码保护：请在 Excel 中打开，取消密码（文件 › 信息 › 保护工作簿）后保存")
_template(r"(?P<path>.+) is an Excel 97–2003 workbook \(\.xls\): open it in Excel and save it "
          r"as an Excel Workbook \(\.xlsx\)",
          "{path} 是 Excel 97–2003 格式的工作簿（.xls）：请在 Excel 中打开，另存为“Excel "
          "工作簿（.xlsx）”")
_template(r"(?P<path>.+) is not an xlsx workbook \((?P<error>.*)\)",
          "{path} 不是 xlsx 格式的工作簿（{error}）")
_template(r"(?P<path>.+) cannot be read as an xlsx workbook \((?P<error>.*)\)",
          "{path} 无法作为 xlsx 工作簿读取（{error}）")
_template(r"(?P<path>.+) was refused for safety: it contains XML entity declarations "
          r"\(<!DOCTYPE …> / <!ENTITY …>\), which Excel never writes and which can make a "
          r"reader exhaust memory or read other files; nothing of it was used\. Get the "
          r"workbook again from where it came from",
          "出于安全考虑，已拒绝读取 {path}：文件含有 XML 实体声明（<!DOCTYPE …> / "
          "<!ENTITY …>），Excel 从不写入这类内容，它们可能使读取程序耗尽内存或读取其他文件；"
          "该文件的内容均未使用。请从原始来源重新获取该工作簿")
_template(r"(?P<path>.+): part (?P<part>.+) unpacks to more than xlperf reads from one "
          r"workbook; is it really an appraisal workbook\?",
          "{path}：其中的组成部分 {part} 解压后超过 xlperf 对单个工作簿的读取上限；"
          "请确认这是考核工作簿")
_template(r"(?P<path>.+): the workbook's parts cannot be read \((?P<error>.*)\)",
          "{path}：工作簿的组成部分无法读取（{error}）")
_template(r'(?P<path>.+): the Excel table (?P<table>.+) covers "(?P<ref>.*)", not a block of '
          r"cells of a worksheet; is it really an appraisal workbook\?",
          '{path}：Excel 表格 {table} 的范围是 "{ref}"，不是工作表中的一块单元格区域；'
          "请确认这是考核工作簿")

# what openpyxl met in a damaged sheet (workbook.sheets.damage), said inside "damaged"
_CELL_TYPES = {"a number": "数字", "a date": "日期", "TRUE/FALSE": "逻辑值（TRUE/FALSE）",
               "a shared string": "共享字符串", "an error value": "错误值",
               "a formula's text": "公式文本"}
_STORED = re.compile(r"(?P<cell>\S+) holds (?P<shown>.+) stored as (?P<kind>.+)", re.S)
_NO_STRING = re.compile(r"(?P<cell>\S+) refers to shared string number (?P<n>.+), which the "
                        r"file does not have", re.S)
_NO_CELL = re.compile(r'sheet (?P<sheet>.+) has a cell whose reference "(?P<ref>.*)" is no '
                      r"cell of a worksheet", re.S)
_UNPACKED = re.compile(r"a compressed part cannot be unpacked \((?P<error>.+)\)", re.S)
_IN_SHEET = re.compile(r"sheet (?P<sheet>.+?)(?:: (?P<said>.+))?", re.S)


def _damage(reason: str) -> str:
    """A damaged sheet's reason (``Executives!F5 holds "NaN" stored as a number``) in
    Chinese; openpyxl's own words, when that is all there is, stay as they are."""
    if found := _STORED.fullmatch(reason):
        kind = _CELL_TYPES.get(found["kind"], found["kind"].removeprefix("type "))
        if found["shown"] == "no value":
            return f"{found['cell']} 标明为{kind}类型，却没有值"
        return f"{found['cell']} 以{kind}类型存有 {found['shown']}，无法按该类型读取"
    if found := _NO_STRING.fullmatch(reason):
        return f"{found['cell']} 引用第 {found['n']} 号共享字符串，而文件中没有该字符串"
    if found := _NO_CELL.fullmatch(reason):
        return f'工作表 {found["sheet"]} 中有一个单元格的地址 "{found["ref"]}" 不是有效的单元格地址'
    if found := _UNPACKED.fullmatch(reason):  # workbook.read._open
        return f"其中一个压缩部分无法解压（{found['error']}）"
    if found := _IN_SHEET.fullmatch(reason):
        return f"工作表 {found['sheet']}" + (f"：{found['said']}" if found["said"] else "")
    return reason


@_says(r"(?P<path>.+?): the file is damaged: (?P<reason>.+); open it in Excel, let Excel "
       r"repair it and save it")
def _damaged(found: re.Match) -> str:
    return (f"{found['path']}：文件已损坏：{_damage(found['reason'])}；请在 Excel 中打开，"
            "由 Excel 修复后保存")


# --- the run: workbooks given, --only, one executive in two workbooks (batch) -------------

_template(r"given twice: read once", "重复指定了同一文件：只读取一次")
_template(r"has the same content as (?P<first>.+) \(a copy\?\): left out, or its executives "
          r"would be paid twice in the ledger",
          "与 {first} 的内容完全相同（是副本？）：已排除，否则其中的高管会在台账中重复发放")


@_says(r"--only (?P<id>.+?): no executive (?P=id) is in (?P<books>.+) "
       r"\((?:its IDs: (?P<ids>.+)|it lists no executives)\)")
def _only(found: re.Match) -> str:
    ids = f"其中的编号有：{found['ids']}" if found["ids"] else "其中没有任何高管"
    return f"--only {found['id']}：{found['books']} 中没有编号为 {found['id']} 的高管（{ids}）"


# --- warnings of the run (batch): OKR not counted, reconciliation ---------------------------

_template(r"OKR score (?P<score>\S+) of (?P<id>.+) is shown in the report but not counted: no "
          r"individual indicator has the method okr \(add an okr line to count it\)",
          "{id} 的 OKR 得分 {score} 在报告中列示，但未计入考核：个人业绩指标中没有计分方法为 "
          "okr 的指标（如需计入，请增加一行 okr 指标）")
_template(r"(?P<n>\d+) XP_ formula cell\(s\) show #NAME\?: Excel calculated the book without "
          r"xlperf's functions loaded \(install the xlwings add-in and import the functions, "
          r"README\); they are not reconciled",
          "{n} 个 XP_ 公式单元格显示 #NAME?：Excel 计算该工作簿时未加载 xlperf 函数（请安装 "
          "xlwings 加载项并导入函数，见 README）；这些单元格未做核对")


@_says(r"(?P<what>.+?): the workbook shows (?P<shown>.+), xlperf computes (?P<ours>.+) \(a "
       r"formula typed over, or the book saved without recalculating\)")
def _difference(found: re.Match) -> str:
    what = _key_labels().get(found["what"].replace(" ", "_"), found["what"])
    return (f"{what}：工作簿显示 {found['shown']}，xlperf 计算为 {found['ours']}（公式被手工"
            "改写，或工作簿保存前未重新计算）")


@functools.cache
def _key_labels() -> dict[str, str]:
    """The Chinese names of the reconciled formula cells' keys (labels.toml [key])."""
    from xlperf.report.render import labels  # lazily: the labels are read when needed

    return {name.removeprefix("key."): pair[0] for name, pair in labels().items()
            if name.startswith("key.")}


# --- Config's cells (no input table's column to head them) ---------------------------------

_template(r"text is (?P<n>[\d,]+) characters long, expected at most (?P<limit>[\d,]+) \(what a "
          r"cell of Excel's holds\)",
          "文字长度为 {n} 个字符，超过上限 {limit} 个字符（Excel 单元格最多可容纳的字符数）")


# --- a workbook's sheets and tables not as the template has them (workbook.read) ----------

_template(r"sheet (?P<name>.+) is missing, but its table (?P<table>.+) is on sheet "
          r"(?P<where>.+): rename that sheet (?P=name) \(xlperf reads each table by its sheet's "
          r"name\)",
          "缺少工作表 {name}，但它的表格 {table} 在工作表 {where} 上：请将该工作表改名为 {name}"
          "（xlperf 按工作表名称读取各表格）")
_template(r"sheet (?P<name>.+) is missing: xlperf workbooks need (?P<sheets>.+)",
          "缺少工作表 {name}：xlperf 工作簿须包含 {sheets}")


@_says(r"sheets (?P<found>.+) could each be (?P<name>.+): rename the one that is not (?P=name)")
def _sheets_alike(found: re.Match) -> str:
    sheets = " 和 ".join(found["found"].split(" and "))
    return f"工作表 {sheets} 都可能是 {found['name']}：请将不是 {found['name']} 的那一张改名"


_template(r'sheet "(?P<title>.+)" is read as (?P<name>.+): rename it (?P=name) \(without the '
          r"spaces\)",
          '工作表 "{title}" 已按 {name} 读取：请改名为 {name}（去掉空格）')
_template(r"sheet\(s\) (?P<names>.+) missing: read as empty \(no long-term incentives, equity "
          r"plans or SOE pay checks from them\); `xlperf workbook new` writes the current "
          r"template",
          "缺少工作表 {names}：按空表读取（不据此计算中长期激励、股权激励计划或央企薪酬检查）；"
          "`xlperf workbook new` 可生成当前版本的模板")
_template(r"the Excel table (?P<table>.+) must cover (?P<expected>.+) on this sheet \(found "
          r"(?P<found>.+)\); start again from a template",
          "Excel 表格 {table} 在本工作表上应覆盖 {expected}（实际为 {found}）；请从模板重新开始")
_template(r'header is "(?P<found>.*)", expected "(?P<want>.+)": do not rename or move columns',
          '表头为 "{found}"，应为 "{want}"：请勿修改列名或移动列')
_template(r"column\(s\) (?P<letters>\S+)(?P<named> \(.+\))? added to the table (?P<table>.+) are "
          r"not xlperf's: ignored \(xlperf reads (?P<headers>.+), columns (?P<columns>.+)\)",
          "表格 {table} 中新增的列 {letters}{named} 不属于 xlperf 模板：已忽略（xlperf 读取 "
          "{headers}，即 {columns} 列）")
_template(r"row (?P<row>\d+) is below the table (?P<table>.+) \(it ends at row (?P<last>\d+)\): "
          r"neither the formulas nor xlperf see it; extend the table to take it in \(Table "
          r"Design › Resize Table\)",
          "第 {row} 行在表格 {table} 之外（表格止于第 {last} 行）：公式和 xlperf 都读不到这一行；"
          "请扩展表格范围将其包含在内（表设计 › 调整表格大小）")
_template(r"no Config sheet: the demo policy is used", "没有 Config 工作表：使用演示考核政策")
_template(r"(?P<name>.+) lies outside the part of Config that xlperf reads \(rows "
          r"(?P<rows>.+), columns A–Z\)",
          "{name} 超出了 xlperf 读取的 Config 区域（第 {rows} 行，A–Z 列）")
_template(r"the Excel table (?P<table>.+) is missing from Config",
          "Config 工作表中缺少 Excel 表格 {table}")
_template(r"scoring table row has no table name", "评分表的这一行没有填写表名")
_template(r"the rows of scoring table (?P<name>.+) must be together \(the formulas read them "
          r"as one block\)",
          "评分表 {name} 的各行须连续排列（公式将其作为一个整体读取）")
_template(r'scoring table "(?P<name>.+)" is not on the Config sheet \((?P<table>\w+)\)',
          '评分表 "{name}" 不在 Config 工作表的自定义评分表（{table}）中')
_template(r"a curve needs at least 2 points, got (?P<n>\d+)",
          "评分曲线至少需要 2 个点，实际只有 {n} 个")
_template(r"scoring table (?P<name>.+) holds (?P<value>.+), not a number",
          "评分表 {name} 中填写了 {value}，不是数字")
_template(r"no Results sheet: nothing to reconcile", "没有 Results 工作表：无可核对的公式结果")
_template(r"Results row (?P<row>\d+) shows (?P<shown>.+) but row (?P=row) of the Executives "
          r"table is (?P<id>.+): recalculate the workbook",
          "Results 第 {row} 行显示 {shown}，而 Executives 表第 {row} 行是 {id}：请重新计算工作簿")
_template(r"Results row\(s\) (?P<rows>.+) show nothing although the Executives table lists "
          r"(?P<ids>.+) there: the Results formulas stop before them \(the template carries "
          r"(?P<n>\d+)\); copy the last Results row down \(or write the template with `xlperf "
          r"workbook new --executives N`\) and recalculate\. Their figures are computed but "
          r"not reconciled",
          "Results 第 {rows} 行没有显示内容，而 Executives 表的对应行列有 {ids}：Results 的公式"
          "没有延伸到这些行（模板预置 {n} 行）；请将 Results 最后一行向下复制（或用 "
          "`xlperf workbook new --executives N` 生成模板）后重新计算。这些人员的结果已计算，"
          "但未做核对")
_template(r"Results has no column\(s\) (?P<columns>.+) in row (?P<row>\d+) \(an older "
          r"template\?\): not reconciled; `xlperf workbook new` writes the current one",
          "Results 第 {row} 行缺少列 {columns}（旧版模板？）：未做核对；"
          "`xlperf workbook new` 可生成当前版本的模板")
_template(r"(?P<id>.+)'s grants are valued at the share prices, and the SharePrices sheet has "
          r"errors \(listed at their cells\): fix them to report this executive",
          "{id} 的股权激励授予需按股价估值，而 SharePrices 工作表有错误（已在相应单元格列出）："
          "请更正后再为其出具报告")


# --- an amount beyond 10^15 (rules/money.py: money_result) -------------------------------

_AMOUNTS = {"bonus": "奖金", "advance": "季度预发", "advances paid": "已预发合计",
            "payout": "应发合计", "grant value": "授予价值", "unlock value": "解锁价值",
            "phantom stock cash": "虚拟股票兑付额", "total value": "总价值",
            "fair value": "公允价值", "SAR cash": "股票增值权兑付额",
            "performance unit cash": "业绩单位兑付额",
            "taxable income of the year": "全年应纳税所得", "taxable income": "应纳税所得"}
# the words of the formula in brackets, longest first so that "grant-date price" is not
# taken for "grant price" ... and "one-time bonus" not for "bonus"
_FORMULA_WORDS = {"Black-Scholes value": "Black-Scholes 单价", "grant-date price": "授予日股价",
                  "exercise price": "行权价", "grant price": "授予价", "base price": "基准价",
                  "unit value": "单位价值", "advance rate": "预发比例",
                  "one-time bonus": "全年一次性奖金", "equity income": "股权激励所得",
                  "dividends": "股息红利", "coefficient": "系数", "standard": "绩效奖金标准",
                  "quantity": "数量", " per option": " 元/份", "bonus": "奖金",
                  "extra": "超额激励", "months": "个月"}
_FORMULA_WORD = re.compile("|".join(re.escape(w) for w in sorted(_FORMULA_WORDS, key=len,
                                                                  reverse=True)))


@_says(r"(?P<what>[\w -]+?)(?: \((?P<how>.+)\))? is (?P<side>more than |less than -)10\^15, "
       r"too large an amount")
def _too_large(found: re.Match) -> str:
    what = _AMOUNTS.get(found["what"], found["what"])
    how = (f"（{_FORMULA_WORD.sub(lambda w: _FORMULA_WORDS[w[0]], found['how'])}）"
           if found["how"] else "")
    side = "超过 10^15" if found["side"] == "more than " else "低于 -10^15"
    return f"{what}{how}{side}，金额过大"


# --- Config's policy: its settings and tables (workbook.config, policy, rules) -------------

# Config's settings and tables by their defined names, in the words of Config's own labels
_CONFIG_NAMES = {"ScoreFloor": "比率法下限", "ScoreCap": "比率法上限", "PerIncident": "每次扣分",
                 "VetoCap": "一票否决后最高等级", "ConsecWorst": "连续考核等级",
                 "ConsecYears": "连续年数", "ExtraRate": "超额激励比例",
                 "ExtraCap": "超额激励上限", "AdvanceRate": "季度预发比例",
                 "DeferralShare": "延期支付比例", "GradeTable": "等级表",
                 "CoefTable": "绩效系数表", "PartWeights": "年度得分权重",
                 "GroupWeights": "民主测评权重", "Quotas": "强制分布",
                 "DefaultCurve": "默认曲线", "DefaultBands": "默认分档",
                 "CategoryList": "指标类别", "GradeList": "等级列表", "PolicyName": "政策名称"}
# the words the policy's checks name a setting by
_SETTING_WORDS = {"floor": "ScoreFloor", "cap": "ScoreCap", "per_incident": "PerIncident",
                  "veto cap grade": "VetoCap", "consecutive-C grade": "ConsecWorst",
                  "consecutive years": "ConsecYears", "over_achievement_rate": "ExtraRate",
                  "over_achievement_cap": "ExtraCap", "advance_rate": "AdvanceRate",
                  "deferral_share": "DeferralShare"}
# closing words only Config's checks use
_CONFIG_KINDS = {
    "expected a multiple of the standard such as 1.2 (120%), at most 10":
        "应为绩效奖金标准的倍数（如 1.2 即 120%），最高 10",
    "expected a multiple of the standard such as 1, 1.5 or 150%, at most 10":
        "应为绩效奖金标准的倍数（如 1、1.5 或 150%），最高 10",
    "expected 1 or more": "应不小于 1",
}
_NAMES = "|".join(_CONFIG_NAMES)
_WORDS = "|".join(re.escape(w) for w in sorted(_SETTING_WORDS, key=len, reverse=True))


def _config_name(name: str) -> str:
    """``ScoreFloor`` → 比率法下限（ScoreFloor）."""
    return f"{_CONFIG_NAMES[name]}（{name}）"


def _config_value(subject: str, rest: str) -> str | None:
    """``subject`` (in Chinese) with what ``rest`` ("is -5, expected zero or more") says of
    its value; None when the closing words are not known."""
    from xlperf.report.problem_text import said_at_column  # lazily: it imports this module

    found = re.fullmatch(r"is (?P<value>.+), (?P<kind>expected .+)", rest, re.S)
    if found and found["kind"] in _CONFIG_KINDS:
        return f"{subject}：填写为 {found['value']}，{_CONFIG_KINDS[found['kind']]}"
    said = said_at_column(f"value {rest}", subject)
    return None if said is None else f"{subject}：{said}"


@_says(rf"(?P<name>{_NAMES}) is empty")
def _empty_setting(found: re.Match) -> str:
    return f"{_config_name(found['name'])}：未填写"


@_says(rf"(?P<name>{_NAMES}): the first column is empty")
def _first_column(found: re.Match) -> str:
    return f"{_config_name(found['name'])}：第 1 列未填写"


@_says(rf"(?P<name>{_NAMES}) lists a row twice: (?P<labels>.+)")
def _row_twice(found: re.Match) -> str:
    return f"{_config_name(found['name'])}：有重复的行（{found['labels']}）"


@_says(rf"(?P<name>{_NAMES}) column (?P<n>\d+) (?P<rest>is .+)")
def _table_column(found: re.Match) -> str | None:
    return _config_value(f"{_config_name(found['name'])}第 {found['n']} 列", found["rest"])


_template(r"consecutive years is (?P<years>\S+): the Results sheet shows (?P<shown>\d+) past "
          r"grades, so at most (?P<most>\d+)",
          "连续年数（ConsecYears）：填写为 {years}，而 Results 表只列示过去 {shown} 年的等级，"
          "最多为 {most}")


@_says(rf"(?P<words>{_WORDS}) (?P<rest>is .+)")
def _setting(found: re.Match) -> str | None:
    return _config_value(_config_name(_SETTING_WORDS[found["words"]]), found["rest"])


@_says(r"quota (?P<grades>\S+) (?P<what>share|grade) (?P<rest>is .+)")
def _quota(found: re.Match) -> str | None:
    what = "最高比例" if found["what"] == "share" else "等级"
    return _config_value(f"强制分布（Quotas）{found['grades']} 的{what}", found["rest"])


@_says(r"coefficient of (?P<grade>\S+) (?P<rest>is .+)")
def _coefficient(found: re.Match) -> str | None:
    return _config_value(f"绩效系数表（CoefTable）等级 {found['grade']} 的系数", found["rest"])


@_says(r"weight (?P<n>\d+) (?P<rest>is .+)")
def _nth_weight(found: re.Match) -> str | None:
    return _config_value(f"第 {found['n']} 项权重", found["rest"])


@_says(r"rater group (?P<rest>is .+)")
def _rater_group(found: re.Match) -> str | None:
    return _config_value("评价人类别", found["rest"])


@_says(r"(?P<what>annual part|360 group) weights (?P<rest>(?:are typed two ways|add to) .+)")
def _config_weights(found: re.Match) -> str | None:
    from xlperf.report.problem_text import said_at_column  # lazily: it imports this module

    name = "PartWeights" if found["what"] == "annual part" else "GroupWeights"
    said = said_at_column(f"weights {found['rest']}", "权重")
    return None if said is None else f"{_config_name(name)}：{said}"


_template(r"coefficient table grades (?P<coef>\[.*\]) do not match the grade table "
          r"(?P<grades>\[.*\])",
          "绩效系数表（CoefTable）的等级 {coef} 与等级表（GradeTable）的等级 {grades} 不一致")
_template(r"grade (?P<grade>\S+) starts at (?P<low>\S+), which must be below (?P<better>\S+)'s "
          r"(?P<above>\S+): list grades best first with falling lower bounds",
          "等级 {grade} 的最低分 {low} 应低于等级 {better} 的 {above}：请按从高到低的顺序列出"
          "等级，最低分依次递减")
_template(r"coefficient of (?P<grade>\S+) \((?P<coef>\S+)\) is above that of the better grade "
          r"(?P<better>\S+) \((?P<above>\S+)\): list grades best first",
          "等级 {grade} 的绩效系数（{coef}）高于更高等级 {better} 的系数（{above}）：请按从高到低"
          "的顺序列出等级")
_template(r"cap (?P<cap>\S+) is below floor (?P<floor>\S+)", "上限 {cap} 低于下限 {floor}")
_template(r"step values must not fall as the bounds rise: (?P<steps>.+)",
          "分档得分不得随完成率下限升高而降低：{steps}")
_template(r"curve points must have increasing x: (?P<x0>\S+) then (?P<x1>\S+)",
          "评分曲线各点的完成率须依次递增：{x0} 之后为 {x1}")
_template(r"curve values must not fall: (?P<y0>\S+) at (?P<x0>\S+) then (?P<y1>\S+) at "
          r"(?P<x1>\S+)",
          "评分曲线的得分不得下降：完成率 {x0} 时得分 {y0}，完成率 {x1} 时得分 {y1}")
_template(r"the value below the curve \((?P<below>\S+)\) is above its first point "
          r"\((?P<first>\S+)\): a better result would earn less",
          "曲线以下的得分（{below}）高于曲线第一个点的得分（{first}）：结果更好反而得分更低")



# --- grants, exercises, plans and the rules in force (rules.incentives, rules.china) -------

_INSTRUMENTS = "|".join(["stock option", "restricted stock", "performance share",
                         "performance unit", "stock appreciation right", "phantom stock",
                         "deferred cash"])


def _instrument(label: str) -> str:
    """``stock option`` → 股票期权."""
    from xlperf.rules.incentives.events import INSTRUMENT_LABELS  # lazily, as the reader

    return dict(INSTRUMENT_LABELS.values()).get(label, label)


_EXERCISE = re.compile(r"exercise of (?P<n>\S+) on (?P<on>\S+) (?:brings exercises to "
                       r"(?P<done>\S+), but only (?P<vested>\S+) had vested by then|is after "
                       r"the last exercise day (?P<last>\S+))", re.S)


@_says(rf"(?P<kind>{_INSTRUMENTS}) grant(?: \"(?P<grant>[^\"]+)\")? of "
       r"(?P<date>\d{4}-\d\d-\d\d): (?P<rest>.+)")
def _of_grant(found: re.Match) -> str | None:
    grant = f"“{found['grant']}”" if found["grant"] else ""
    where = f"{_instrument(found['kind'])}授予{grant}（授予日 {found['date']}）"
    if exercise := _EXERCISE.fullmatch(found["rest"]):
        if exercise["last"]:
            return (f"{where}：{exercise['on']} 行权 {exercise['n']} 份，晚于最后行权日 "
                    f"{exercise['last']}")
        return (f"{where}：{exercise['on']} 行权 {exercise['n']} 份后累计行权 "
                f"{exercise['done']} 份，而截至当日仅归属 {exercise['vested']} 份")
    said = said_whole(found["rest"])
    return None if said is None else f"{where}：{said}"


_template(r"no share price on or before (?P<day>\S+): the prices start on (?P<first>\S+)",
          "{day} 及之前没有股价：SharePrices 表的股价从 {first} 开始")
_template(r"no share prices given: give \(date, closing price\) rows",
          "没有股价：请在 SharePrices 表填写日期和收盘价")
_template(r"leaving date (?P<leaving>\S+) is before the grant date (?P<granted>\S+)",
          "离职日 {leaving} 早于授予日 {granted}")
_template(r"plan shares \((?P<total>.+)\) are fewer than the shares granted to the participants "
          r"\((?P<granted>.+)\)",
          "本计划股票总数（{total}）少于授予各激励对象的股数合计（{granted}）")
_template(r"give a closing price, a dividend per share, or both",
          "请填写收盘价或每股分红（或两者都填）")


@_says(r'vesting schedule "(?P<shown>.+)" is not one xlperf reads: write (?P<forms>.+?)'
       r"(?P<table> or give a table)?")
def _schedule(found: re.Match) -> str:
    forms = "、".join(found["forms"].split(", "))
    table = "，或给出归属表" if found["table"] else ""
    return f"无法识别归属安排“{found['shown']}”：请填写 {forms}{table}"


@_says(rf"grant \"(?P<plan>.+)\" is (?P<kind>{_INSTRUMENTS}), but plan (?P=plan) on the Plans "
       rf"sheet is (?P<expected>{_INSTRUMENTS}): a plan's grants are of its instrument \(or give "
       r"the grant another id\)")
def _grant_of_plan(found: re.Match) -> str:
    return (f"授予“{found['plan']}”为{_instrument(found['kind'])}，而 Plans 表中的计划 "
            f"{found['plan']} 为{_instrument(found['expected'])}：计划下的授予须使用该计划的"
            "激励工具（或为该授予另取编号）")


# a rule xlperf knows no version of on a day (rules.china.legal.in_force)
_RULE_KINDS = {" tax table": "税率表", " tax rule": "计税规则"}


@_says(r"no (?P<what>[^()]+?) \((?P<zh>[^()]+)\)(?P<kind>[^()]*) applies on (?P<on>\S+): xlperf "
       r"knows (?P<known>.+); update xlperf when the rules are extended")
def _not_in_force(found: re.Match) -> str:
    rule = found["zh"] + _RULE_KINDS.get(found["kind"], "")
    known = re.sub(r"\bfrom (\S+)", r"\1 起", found["known"]).replace(" to ", " 至 ")
    return (f"{found['on']} 没有适用的{rule}：xlperf 收录的适用期间为 {known}；规则更新后请"
            "升级 xlperf")


@_says(rf"grant \"(?P<grant>.+)\" is (?P<kind>{_INSTRUMENTS}): (?P<sheet>exercises|clawbacks) "
       r"apply to (?:stock options and stock appreciation rights|deferred cash) only")
def _not_linked(found: re.Match) -> str:
    only = ("只有股票期权和股票增值权才有行权记录" if found["sheet"] == "exercises" else
            "只有其他长期现金计划才有追索扣回")
    return f"授予“{found['grant']}”为{_instrument(found['kind'])}：{only}"


_template(r"clawback dated (?P<day>\S+) is before the grant date",
          "追索扣回的决定日 {day} 早于授予日")
_template(r"clawbacks of (?P<total>\S+) exceed the deferred amount (?P<amount>\S+)",
          "追索扣回合计 {total} 超过递延金额 {amount}")


_template(r"year (?P<year>\d+) is not before the appraisal year (?P<appraisal>\d+)",
          "{year} 年不早于考核年度 {appraisal}：历年考核结果只填写考核年度之前的年度")


@_says(r"no share price near (?P<day>\S+): the nearest are (?P<before>\S+) on (?P<on>\S+) "
       r"\((?P<ago>\d+) days? before\) and (?P<later>\S+) on (?P<after>\S+) \((?P<ahead>\d+) "
       r"days? after\)\. A day without a closing price takes the last close at most "
       r"(?P<most>\d+) days before it \(a weekend or exchange holiday\): add the closing price "
       r"of the last trading day on or before (?P=day) to the share prices")
def _no_price_near(found: re.Match) -> str:
    return (f"{found['day']} 附近没有股价：最近的是 {found['on']} 的 {found['before']}（早 "
            f"{found['ago']} 天）和 {found['after']} 的 {found['later']}（晚 {found['ahead']} "
            f"天）。没有收盘价的日子（周末或节假日）取此前 {found['most']} 天内最近一次的收盘价："
            f"请在 SharePrices 表补充 {found['day']} 或之前最后一个交易日的收盘价")


# --- Config's defined names (workbook.config) ----------------------------------------------


def _named(name: str) -> str:
    """A defined name, with Config's label for it when it has one."""
    return _config_name(name) if name in _CONFIG_NAMES else name


_says(r"defined name (?P<name>\w+) is missing: the formulas cannot find it \(Formulas > Name "
      r"Manager\)")(lambda found: f"缺少定义名称 {_named(found['name'])}：公式无法找到它（公式 › "
                                  "名称管理器）")
_says(r"defined name (?P<name>\w+) is missing \(an older template\): the demo's (?P<value>\S+) "
      r"is used, as that workbook's formulas do; `xlperf workbook new` writes the current "
      r"template")(lambda found: f"缺少定义名称 {_named(found['name'])}（旧版模板）：与该工作簿"
                                 f"的公式一样使用演示政策的 {found['value']}；`xlperf workbook "
                                 "new` 可生成当前版本的模板")
_says(r"(?P<name>\w+) must be (?P<n>\d+) column\(s\) wide")(
    lambda found: f"{_named(found['name'])}应为 {found['n']} 列宽")
_says(r"(?P<name>\w+) must be a single cell")(
    lambda found: f"{_named(found['name'])}应为单个单元格")
