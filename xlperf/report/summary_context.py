"""What the summary template receives: the year for finance and HR, one workbook at a time.

:class:`SummaryCollector` takes each executive's pay statement as the batch produces it and
keeps only what the summary prints (counts, totals by department, flags), so 10,000
executives never sit in memory at once.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence
from decimal import Decimal

from xlperf.policy import Policy
from xlperf.reconcile import CHECK_KEYS, Reconciliation
from xlperf.report import formats as f
from xlperf.report.appraisal_context import Header
from xlperf.report.breach_text import breach_text
from xlperf.report.charts import Bar, distribution_bars, quota_bars
from xlperf.report.formats import Bilingual
from xlperf.rules.flags import FLAGS, statement_flags
from xlperf.rules.grades import check_quotas
from xlperf.rules.pay_statement import PayStatement

# the department tables' amounts, with their headings' label keys (report_templates/labels):
# the year's payout, then the cash it becomes (each row adds across: due now + incentive
# income − in shares − tax = net cash)
PAYOUT_COLUMNS = (("bonus", "key.bonus"), ("extra", "pay.extra"), ("total", "pay.total"),
                  ("deferred", "pay.deferred"), ("advances", "pay.advances"),
                  ("due_now", "pay.due_now"))
CASH_COLUMNS = (("due_now", "pay.due_now"), ("incentives", "sum.incentive_income"),
                ("in_kind", "sum.in_kind"), ("tax", "pay.tax"), ("net_cash", "pay.net_cash"))
MONEY_KEYS = tuple(dict.fromkeys(key for key, _ in PAYOUT_COLUMNS + CASH_COLUMNS))
SHOWN_WHEN_USED = ("deferred", "incentives", "in_kind")  # left out when no one has any
DEPARTMENT_WIDTH, HEADCOUNT_WIDTH = 15, 8  # % of a department table
# What the summary lists of the executives left out and of the warnings: a workbook of 10,000
# junk rows made a summary of 900 pages. The rest is counted, and errors.csv has everything.
INVALID_SHOWN = 200  # executives left out, listed with their reasons
PROBLEMS_SHOWN = 5  # reasons listed for each of them
WARNINGS_SHOWN = 200


@dataclasses.dataclass(frozen=True)
class GradeCount:
    """How many executives got a grade."""

    grade: str
    count: int
    share: str


@dataclasses.dataclass(frozen=True)
class QuotaRow:
    """A forced-distribution quota against the year's grades."""

    label: str
    count: int
    allowed: int
    share: str
    limit: str
    ok: bool


@dataclasses.dataclass(frozen=True)
class DepartmentRow:
    """Totals of one department (or of the company, on the last row)."""

    department: str
    headcount: int
    amounts: dict[str, str]  # MONEY_KEYS → "¥1,234.00"


@dataclasses.dataclass(frozen=True)
class DepartmentTable:
    """One of the summary's department tables: its title, amount columns and rows (the
    company's totals last), with its column widths."""

    title: str  # label key
    columns: tuple[tuple[str, str], ...]  # the amounts shown: key, label key
    rows: tuple[DepartmentRow, ...]
    money_width: float  # % of the table for each amount column
    amount_size: str = ""  # a smaller font size (pt) for the amounts, when they need it
    department_width: float = DEPARTMENT_WIDTH
    headcount_width: float = HEADCOUNT_WIDTH


@dataclasses.dataclass(frozen=True)
class FlagRow:
    """An executive with something to act on."""

    id: str
    name: str
    grade: str
    flags: tuple[Bilingual, ...]


@dataclasses.dataclass(frozen=True)
class DifferenceRow:
    """A formula cell whose cached value differs from xlperf's."""

    where: str
    executive: str
    what: str
    workbook_value: str
    xlperf_value: str
    text: bool = False  # a check's lines (left-aligned), not a figure


@dataclasses.dataclass(frozen=True)
class InvalidRow:
    """An executive left out, with the name typed beside the id and the reasons."""

    id: str
    name: str
    problems: tuple[Bilingual, ...]  # (report.problem_text)
    more: int = 0  # problems not listed (PROBLEMS_SHOWN): errors.csv has them


@dataclasses.dataclass(frozen=True)
class CheckRow:
    """A compliance check's outcome: an equity-incentive plan of the Plans sheet against the
    CSRC measures, or an executive's pay against the central-SOE rules."""

    subject: str  # the plan's id, or the executive's id and name
    ok: bool
    lines: tuple[Bilingual, ...]  # one per breach (empty when compliant), then notes


@dataclasses.dataclass(frozen=True)
class SummaryReport:
    """Everything the summary shows (``report_templates/summary.html``)."""

    header: Header
    policy_source: str
    headcount: int
    grades: tuple[GradeCount, ...]
    quotas: tuple[QuotaRow, ...]
    grade_bars: tuple[Bar, ...]
    quota_bars: tuple[tuple[Bar, float], ...]  # (actual share, where the limit sits, %)
    departments: tuple[DepartmentTable, ...]  # the year's payout, then its cash
    flags: tuple[FlagRow, ...]
    reconciliation_status: str  # "matches", "differs", "not calculated"
    compared: int
    differences: tuple[DifferenceRow, ...]
    invalid: tuple[InvalidRow, ...]  # the first INVALID_SHOWN
    warnings: tuple[Bilingual, ...]  # the first WARNINGS_SHOWN
    plans: tuple[CheckRow, ...] = ()
    soe: tuple[CheckRow, ...] = ()  # each executive on the SoePay sheet
    after_term: str = ""  # all that the SOE terms' ends release once appraised
    to_collect: str = ""  # net cash below 0, collected from executives ("" when none)
    collect_count: int = 0  # how many executives that is
    to_pay: str = ""  # net cash above 0: what is paid out
    invalid_count: int = 0  # executives left out, listed or not
    invalid_more: int = 0  # of them not listed
    invalid_more_problems: int = 0  # their problems
    warnings_more: int = 0  # warnings not listed


def department_table(title: str, columns: tuple[tuple[str, str], ...],
                     rows: tuple[DepartmentRow, ...]) -> DepartmentTable:
    """A department table with its amount columns' width (% of the table) and, when the
    widest amount (a large company's totals: 100 million and more) does not fit its column
    in the table's 7pt face, the smaller size that makes it fit (digits and the currency
    sign 0.6 em, at least the bold face's width; separators 0.33). The table keeps its
    fixed layout; the demo its 7pt."""
    share = (100 - DEPARTMENT_WIDTH - HEADCOUNT_WIDTH) / len(columns)
    widest = max([0] + [f.text_ems(d.amounts[key], 0.6, 0.33) for d in rows
                        for key, _ in columns])
    room = (share * f.PT_PER_PERCENT - f.CELL_PADDING_PT) / 7
    size = "" if widest <= room else "%.2f" % (7 * room / widest)
    return DepartmentTable(title, columns, rows, share, size)


class SummaryCollector:
    """Collects one workbook's results, executive by executive, for its summary."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.grades: list[str] = []
        self.departments: dict[str, dict[str, Decimal]] = defaultdict(
            lambda: {k: Decimal("0.00") for k in MONEY_KEYS})
        self.headcounts: Counter[str] = Counter()
        self.flags: list[FlagRow] = []
        self.soe: list[CheckRow] = []
        self.after_term = Decimal("0.00")  # what the SOE terms release once appraised
        self.to_pay = self.to_collect = Decimal("0.00")  # net cash above and below 0
        self.collect_count = 0
        self.reconciliation = Reconciliation()

    def add(self, statement: PayStatement, reconciliation: Reconciliation) -> None:
        """Count one executive in."""
        a = statement.appraisal
        self.grades.append(a.grade)
        department = a.executive.department or "—"
        self.headcounts[department] += 1
        sums = self.departments[department]
        for key, value in (("bonus", a.payout.bonus), ("extra", a.payout.extra),
                           ("total", a.payout.total), ("deferred", a.payout.deferred),
                           ("advances", a.payout.advances), ("due_now", a.payout.due_now),
                           ("incentives", statement.incentive_income),
                           ("in_kind", statement.in_kind), ("tax", statement.tax),
                           ("net_cash", statement.net_cash)):
            sums[key] += value
        if statement.net_cash < 0:
            self.to_collect -= statement.net_cash
            self.collect_count += 1
        else:
            self.to_pay += statement.net_cash
        flags = statement_flags(statement)
        if flags:
            self.flags.append(FlagRow(a.executive.id, a.executive.name, a.grade,
                                      tuple(Bilingual(*FLAGS[k]) for k in flags)))
        if statement.soe_check is not None:
            self.soe.append(CheckRow(f"{a.executive.id} {a.executive.name}",
                                     statement.soe_check.ok,
                                     tuple(breach_text(b) for b in statement.soe_check.breaches)))
            self.after_term += statement.soe_release.total
        self.reconciliation += reconciliation

    def _shown(self, columns: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        used = {k for s in self.departments.values() for k, v in s.items() if v}
        return tuple((k, label) for k, label in columns
                     if k not in SHOWN_WHEN_USED or k in used)

    def _departments(self) -> tuple[DepartmentTable, ...]:
        rows = [DepartmentRow(d, self.headcounts[d], {k: f.amount(v) for k, v in s.items()})
                for d, s in self.departments.items()]  # in the workbook's order
        company = {k: sum((s[k] for s in self.departments.values()), Decimal("0.00"))
                   for k in MONEY_KEYS}
        rows.append(DepartmentRow("", sum(self.headcounts.values()),
                                  {k: f.amount(v) for k, v in company.items()}))
        return (department_table("section.departments", self._shown(PAYOUT_COLUMNS),
                                 tuple(rows)),
                department_table("section.department_cash", self._shown(CASH_COLUMNS),
                                 tuple(rows)))

    def report(self, header: Header, policy_source: str, invalid: Sequence[InvalidRow],
               warnings: Sequence[Bilingual], plans: Sequence = ()) -> SummaryReport:
        """The summary of everything added so far."""
        total = len(self.grades)
        counts = Counter(self.grades)
        grades = tuple(GradeCount(g, counts[g], f.percent(counts[g] / total) if total else "")
                       for g in self.policy.grades.grades)
        checks = check_quotas(self.grades, self.policy.quotas, self.policy.grades)
        quotas = tuple(QuotaRow(c.quota.label, c.count, c.allowed,
                                f.percent(c.count / c.total) if c.total else "",
                                f.percent(c.quota.max_share), c.ok) for c in checks)
        rec = self.reconciliation
        return SummaryReport(
            header, policy_source, total, grades, quotas,
            distribution_bars(tuple((g.grade, g.count) for g in grades)),
            quota_bars(tuple((c.quota.label, c.count / c.total if c.total else 0.0,
                              c.quota.max_share) for c in checks)),
            self._departments(), tuple(self.flags), rec.status,
            rec.compared,
            tuple(DifferenceRow(d.where, d.executive, d.key, d.workbook_value, d.xlperf_value,
                                d.key in CHECK_KEYS) for d in rec.differences),
            tuple(dataclasses.replace(row, problems=row.problems[:PROBLEMS_SHOWN],
                                      more=len(row.problems) - PROBLEMS_SHOWN)
                  if len(row.problems) > PROBLEMS_SHOWN else row
                  for row in invalid[:INVALID_SHOWN]),
            tuple(warnings[:WARNINGS_SHOWN]),
            tuple(CheckRow(p.plan_id, p.ok, (*(breach_text(b) for b in p.breaches),
                                             *(Bilingual(n, n) for n in p.notes)))
                  for p in plans),
            tuple(self.soe), f.amount(self.after_term) if self.soe else "",
            f.amount(self.to_collect) if self.collect_count else "", self.collect_count,
            f.amount(self.to_pay), len(invalid), max(0, len(invalid) - INVALID_SHOWN),
            sum(len(row.problems) for row in invalid[INVALID_SHOWN:]),
            max(0, len(warnings) - WARNINGS_SHOWN))
