"""The payout ledger payroll imports: one row per executive with every amount.

The columns are data (:data:`LEDGER_COLUMNS`); ``ledger.csv`` is written here and
``ledger.xlsx`` by :mod:`xlperf.workbook.ledger` from the same rows. Amounts are Decimals
in cents; the parts of each row add up (total = bonus + extra; due now = total − deferred −
advances; gross = one-time bonus on the pay date + of another tax year + equity income +
dividends; tax = the four taxes; net = gross − tax; net cash = net − in kind − advances to
recover).

CSV injection: a text cell that starts with ``= + - @``, a tab or a carriage return is
written with a leading apostrophe, so a spreadsheet shows it as text and never runs it.
Amounts are plain numbers we format ourselves (``-1234.50`` stays a number); a score has 2
decimals (``83.50``) and a coefficient 2 to 4 (``1.20``), as the PDFs print them
(:mod:`xlperf.report.formats`, where ``ledger.xlsx`` takes its number formats too).
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from xlperf.report import formats
from xlperf.rules.flags import FLAGS, statement_flags
from xlperf.rules.pay_statement import PayStatement


@dataclasses.dataclass(frozen=True)
class LedgerColumn:
    """One ledger column: its key, English and Chinese header, and kind of value."""

    key: str
    header: str
    header_zh: str
    kind: str = "text"  # "text", "money", "score", "coefficient", "number"
    summed: bool = True  # a money column that adds up to a total (not a rate or a hint)


LEDGER_COLUMNS = (
    LedgerColumn("workbook", "Workbook", "工作簿"),
    LedgerColumn("company", "Company", "公司"),
    LedgerColumn("year", "Year", "年度", "number"),
    LedgerColumn("id", "ID", "编号"),
    LedgerColumn("name", "Name", "姓名"),
    LedgerColumn("name_en", "English name", "英文名"),
    LedgerColumn("department", "Department", "部门"),
    LedgerColumn("title", "Title", "职务"),
    LedgerColumn("annual_score", "Annual score", "年度得分", "score"),
    LedgerColumn("grade_by_score", "Grade by score", "按分等级"),
    LedgerColumn("grade", "Grade", "等级"),
    LedgerColumn("coefficient", "Coefficient", "考核系数", "coefficient"),
    LedgerColumn("bonus_standard", "Bonus standard", "绩效奖金标准", "money", summed=False),
    LedgerColumn("months_served", "Months served", "任职月数", "number"),
    LedgerColumn("bonus", "Performance bonus", "绩效奖金", "money"),
    LedgerColumn("extra", "Over-achievement extra", "超额激励", "money"),
    LedgerColumn("total", "Total payout", "合计", "money"),
    LedgerColumn("deferred", "Deferred", "延期支付", "money"),
    LedgerColumn("advances", "Advances paid", "已预发", "money"),
    LedgerColumn("due_now", "Settlement due", "清算应发", "money"),
    LedgerColumn("incentive_cash", "Incentive cash paid (within the one-time bonus columns)",
                 "中长期激励现金（已含在一次性奖金列中）", "money"),
    LedgerColumn("one_time_bonus", "One-time bonus on the pay date (taxable)",
                 "发放日全年一次性奖金", "money"),
    LedgerColumn("bonus_tax", "Bonus tax on the pay date", "发放日奖金个税", "money"),
    LedgerColumn("trap_edge", "Bonus trap: pay instead (the edge)", "年终奖陷阱：建议改发",
                 "money", summed=False),
    LedgerColumn("trap_break_even", "Bonus trap: or at least (break-even)",
                 "年终奖陷阱：或至少发放", "money", summed=False),
    LedgerColumn("other_year_bonus", "One-time bonus of another tax year (paid)",
                 "其他纳税年度一次性奖金（已发）", "money"),
    LedgerColumn("other_year_bonus_tax", "Its bonus tax", "其个税", "money"),
    LedgerColumn("equity_income", "Equity income", "股权激励所得", "money"),
    LedgerColumn("equity_tax", "Equity tax", "股权激励个税", "money"),
    LedgerColumn("dividends", "Restricted-stock dividends", "限制性股票分红", "money"),
    LedgerColumn("dividend_tax", "Dividend tax (10%)", "分红个税（10%）", "money"),
    LedgerColumn("gross", "Gross (taxable income)", "税前合计（应税所得）", "money"),
    LedgerColumn("tax", "Tax", "个税合计", "money"),
    LedgerColumn("clawed_back_earlier", "Earlier years' incentive cash clawed back",
                 "追索扣回以前年度激励现金", "money"),
    LedgerColumn("net", "Net after tax (shares at their taxable value)",
                 "税后合计（股票按计税价值）", "money"),
    LedgerColumn("in_kind", "In kind (shares at their taxable value, not cash)",
                 "股票形式所得（按计税价值，非现金）", "money"),
    LedgerColumn("to_recover", "Advances to recover", "应追回预发", "money"),
    LedgerColumn("net_cash", "Net cash of the year (below 0: to collect)",
                 "全年税后现金（负数为应收回）", "money"),
    LedgerColumn("after_term", "SOE: payable after the term (deferred + term incentive)",
                 "央企任期考核后应兑现", "money"),
    LedgerColumn("flags", "Flags", "提示"),
)
LEDGER_KEYS = tuple(c.key for c in LEDGER_COLUMNS)
_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def flags_text(keys: Iterable[str]) -> str:
    """``veto 一票否决; bonus trap 年终奖陷阱`` for a ledger cell."""
    return "; ".join(f"{FLAGS[k][1]} {FLAGS[k][0]}" for k in keys)


def ledger_row(statement: PayStatement, workbook: str, company: str) -> dict[str, object]:
    """The ledger row of one executive's pay statement."""
    a = statement.appraisal
    ex, pay = a.executive, a.payout
    trap = statement.trap
    on_pay_date, (other, other_tax) = statement.pay_date_bonus, statement.other_year_bonus
    return {
        "workbook": workbook, "company": company, "year": a.input.year, "id": ex.id,
        "name": ex.name, "name_en": ex.name_en, "department": ex.department,
        "title": ex.title, "annual_score": a.annual_score, "grade_by_score": a.grade_by_score,
        "grade": a.grade, "coefficient": a.coefficient, "bonus_standard": ex.bonus_standard,
        "months_served": ex.months_served, "bonus": pay.bonus, "extra": pay.extra,
        "total": pay.total, "deferred": pay.deferred, "advances": pay.advances,
        "due_now": pay.due_now, "incentive_cash": statement.cash_incentives,
        "one_time_bonus": on_pay_date.amount, "bonus_tax": on_pay_date.tax,
        "trap_edge": trap.edge if trap is not None and trap.in_trap else None,
        "trap_break_even": trap.break_even if trap is not None and trap.in_trap else None,
        "other_year_bonus": other, "other_year_bonus_tax": other_tax,
        "equity_income": statement.equity_income, "equity_tax": statement.equity_tax,
        "dividends": statement.dividends, "dividend_tax": statement.dividend_tax,
        "gross": statement.gross, "tax": statement.tax,
        "clawed_back_earlier": statement.clawed_back_earlier,
        "net": statement.net, "in_kind": statement.in_kind, "to_recover": statement.to_recover,
        "net_cash": statement.net_cash,
        "after_term": None if statement.soe_release is None else statement.soe_release.total,
        "flags": flags_text(statement_flags(statement)),
    }


def neutralised(text: str) -> str:
    """``text`` made safe for a spreadsheet cell: a leading apostrophe before = + - @."""
    return "'" + text if text.startswith(_DANGEROUS_START) else text


def _csv_cell(column: LedgerColumn, value: object) -> str:
    if value is None:
        return ""
    if column.kind == "money":
        return f"{Decimal(value):.2f}"
    if column.kind == "score" and not isinstance(value, str):
        return formats.score(value)  # 83.50, as the PDFs print it
    if column.kind == "coefficient" and not isinstance(value, str):
        return formats.coefficient(value)  # 1.20, 1.00 (a curve's up to 4 decimals)
    if column.kind == "number" and not isinstance(value, str):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return neutralised(str(value))


def ledger_csv(rows: Iterable[dict[str, object]],
               columns: Sequence[LedgerColumn] = LEDGER_COLUMNS) -> str:
    """The ledger as CSV text (UTF-8 with a BOM so Excel reads the Chinese names)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.header for c in columns])
    for row in rows:
        writer.writerow([_csv_cell(c, row.get(c.key)) for c in columns])
    return "\ufeff" + buffer.getvalue()


def totals(rows: Iterable[dict[str, object]]) -> dict[str, Decimal]:
    """The sum of every money column that adds up over ``rows`` (not the bonus standard, a
    rate of pay, nor the bonus trap's two amounts, hints per person)."""
    sums = {c.key: Decimal("0.00") for c in LEDGER_COLUMNS if c.kind == "money" and c.summed}
    for row in rows:
        for key in sums:
            if row.get(key) is not None:
                sums[key] += Decimal(row[key])
    return sums
