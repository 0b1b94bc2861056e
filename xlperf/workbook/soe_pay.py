"""The SoePay sheet ⇄ each executive's :class:`~xlperf.rules.china.soe.SoePayInput`.

Only executives under the central-SOE pay rules (中央企业负责人) have rows: one per year of
the current term, the appraisal year included. Earlier years give their performance salary
and grade; the appraisal year leaves both blank (xlperf's payout and grade are checked) and
carries the term incentive and term grade when the term ends that year. Paid now (当期兑现)
is optional in every year: blank, the deferral is not checked for that year.

Each cell is checked on its own, then the rows of one executive together (one row per year,
the appraisal year present, no year after it); every problem is located at its cell. The
pay statement runs the check itself (:func:`xlperf.rules.pay_statement.pay_statement`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

from xlperf.errors import Problem
from xlperf.model import AppraisalInput
from xlperf.policy import Policy
from xlperf.rules import inputs
from xlperf.rules.china.legal import read_money
from xlperf.rules.china.soe import SoePayInput, SoeYearPay
from xlperf.workbook import layout as L
from xlperf.workbook.rows import BAD, Bad, RowReader, blank, ok

_MONEY = {"base_salary": "base salary (基本年薪)",
          "performance_salary": "performance salary (绩效年薪)",
          "paid_now": "performance salary paid now (当期兑现)",
          "term_incentive": "term incentive (任期激励收入)"}
_THIS_YEAR_ONLY = ("term_incentive", "term_grade")  # the term's end is the appraisal year
_EARLIER_ONLY = ("performance_salary", "grade")  # the appraisal year's are xlperf's


@dataclasses.dataclass(frozen=True)
class SoePayRow:
    """A SoePay row as read, every cell checked (blank optional cells are ``None``)."""

    row: int
    year: int
    values: dict[str, object]  # field -> Decimal or grade text, blank ones left out
    check: object = None  # what Excel cached in the Check cell (None: never calculated)


def soe_pay_row(r: RowReader, policy: Policy) -> SoePayRow | Bad:
    """One SoePay row, each cell checked (grades against the policy's grade table)."""
    year = r.get("year", lambda v: inputs.year(v, "year"))
    values: dict[str, object] = {}
    for field, what in _MONEY.items():
        if field == "base_salary" or not blank(r.raw(field)):
            values[field] = r.get(field, lambda v, w=what: read_money(v, w))
    for field in ("grade", "term_grade"):
        if not blank(r.raw(field)):
            values[field] = r.get(field, lambda v, f=field: policy.grades.known(
                v, f.replace("_", " ")))
    if not ok(year, *values.values()):
        return BAD
    return SoePayRow(r.row, year, values, r.raw("check"))


def _error(message: str, row: int, field: str, ex_id: str) -> Problem:
    return Problem(message, L.SOE_PAY, f"{L.SOE_PAY_LAYOUT.letter(field)}{row}", ex_id)


def _row_problems(row: SoePayRow, year: int, ex_id: str) -> list[Problem]:
    if row.year > year:
        return [_error(f"year {row.year} is after the appraisal year {year}: list the "
                       "term's years up to the appraisal year", row.row, "year", ex_id)]
    if row.year == year:
        return [_error(f"leave {f.replace('_', ' ')} blank in the appraisal year {year}: "
                       "xlperf checks the year's own payout and grade", row.row, f, ex_id)
                for f in _EARLIER_ONLY if f in row.values]
    problems = [_error(f"{f.replace('_', ' ')} is empty: an earlier year of the term needs "
                       "its performance salary and grade", row.row, f, ex_id)
                for f in _EARLIER_ONLY if f not in row.values]
    problems += [_error(f"{f.replace('_', ' ')} goes on the appraisal year's row (the term "
                        f"ends with the appraisal year {year}), not on {row.year}'s",
                        row.row, f, ex_id) for f in _THIS_YEAR_ONLY if f in row.values]
    return problems


def soe_pay_input(rows: Sequence[SoePayRow], year: int, ex_id: str,
                  problems: list[Problem]) -> SoePayInput | None | Bad:
    """One executive's rows together: ``None`` without rows, :data:`BAD` after recording
    what is wrong (a year twice, no row for the appraisal year, a misplaced cell)."""
    if not rows:
        return None
    found = [p for row in rows for p in _row_problems(row, year, ex_id)]
    seen: dict[int, int] = {}
    for row in rows:
        if row.year in seen:
            found.append(_error(f"year {row.year} is given twice (rows {seen[row.year]} and "
                                f"{row.row}): one row per year of the term", row.row, "year",
                                ex_id))
        seen.setdefault(row.year, row.row)
    current = appraisal_year_row(rows, year)
    if current is None:
        letter = L.SOE_PAY_LAYOUT.letter("year")
        found.append(Problem(f"no row for the appraisal year {year}: it gives the year's base "
                             "salary, which the check needs", L.SOE_PAY,
                             f"{letter}{rows[0].row}:{letter}{rows[-1].row}", ex_id))
    if found:
        problems += found
        return BAD
    this = current.values
    return SoePayInput(
        this["base_salary"],
        tuple(SoeYearPay(row.year, row.values["base_salary"],
                         row.values["performance_salary"], row.values["grade"],
                         row.values.get("paid_now")) for row in rows if row.year != year),
        this.get("paid_now"), this.get("term_incentive", Decimal(0)), this.get("term_grade"))


def appraisal_year_row(rows: Sequence[SoePayRow], year: int) -> SoePayRow | None:
    """The row of the appraisal year (its Check cell shows the term's check)."""
    return next((row for row in rows if row.year == year), None)


def soe_pay_rows(items: Sequence[AppraisalInput]) -> list[list[object]]:
    """The SoePay rows of ``items`` (the writer's half): each term's earlier years, then
    the appraisal year with its base salary and, when the term ends, the term incentive."""
    rows = []
    for item in items:
        pay = item.soe_pay
        if pay is None:
            continue
        for y in sorted(pay.earlier_years, key=lambda y: y.year):
            rows.append([item.executive.id, y.year, y.base_salary, y.performance_salary,
                         y.grade, y.paid_now, None, None, "check"])
        rows.append([item.executive.id, item.year, pay.base_salary, None, None, pay.paid_now,
                     pay.term_incentive or None, pay.term_grade, "check"])
    return rows
