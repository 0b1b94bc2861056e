"""Central-SOE executive pay (中央企业负责人薪酬): caps, deferral and failed grades.

Since 2015 a central-SOE executive's pay has three parts (中央管理企业负责人薪酬制度改革方案):
base salary (基本年薪), performance salary (绩效年薪) and a term incentive (任期激励收入).

- performance salary ≤ 2 × base salary;
- term incentive ≤ 30% of the term's total annual pay (任期内年薪总水平: base + performance
  salary of every year of the term);
- a failed annual grade (不称职 / 不胜任, xlperf's D) earns no performance salary, a failed
  term grade no term incentive;
- part of each year's performance salary is deferred to the end of the term (延期兑现);
  40% is the usual share (paid 60% at the year's close), a tunable in :class:`SoePayRules`.
  xlperf applies it, not only checks it: an executive under these rules has the larger of
  the company's deferral share and this one deferred (:func:`soe_deferral_share`), paid
  after the term's last year (:meth:`SoePayInput.term_end`, a term being 3 years).

:func:`check_term` (and :func:`check_year`) return every breach in plain words. The legal
limits are dated data (:data:`SOE_PAY_VERSIONS`, the version in force at a year's end);
the deferral share and the failed grades are company settings in :class:`SoePayRules`,
meant to sit in :class:`xlperf.policy.Policy`. A compliance aid, not legal advice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.china.legal import (
    Breach,
    BreachList,
    Period,
    Source,
    amount,
    figure,
    in_force,
    money_text,
    percent,
    read_money,
    share,
)
from xlperf.rules.grades import GRADE_MEANINGS, grade_name, spellings
from xlperf.rules.money import money


@dataclasses.dataclass(frozen=True)
class SoePayLimits:
    """The legal caps of central-SOE executive pay, with their source and period."""

    period: Period
    source: Source
    performance_cap_multiple: Decimal = Decimal(2)  # 绩效年薪 ≤ 2 × 基本年薪
    term_incentive_cap_share: Decimal = Decimal("0.30")  # 任期激励 ≤ 30% × 任期内年薪总水平

    def cite(self, article: str) -> Source:
        """The source with the part of it a breach is about."""
        return dataclasses.replace(self.source, article=article)


SOE_PAY_VERSIONS: tuple[SoePayLimits, ...] = (
    SoePayLimits(Period(dt.date(2015, 1, 1)),
                 Source("中共中央、国务院（2015年1月1日起实施）",
                        "中央管理企业负责人薪酬制度改革方案")),
)

_SASAC_WORDS = frozenset(("良好", "不胜任", "不合格", "胜任", "基本胜任", "合格", "基本合格"))
"""Grade words of the SASAC measures besides 表-2's own (:data:`GRADE_MEANINGS`)."""

DEFERRAL_SOURCE = Source("中央企业负责人经营业绩考核暂行办法（国资委令第22号、第30号）",
                         article="绩效年薪60%当期兑现、40%延期至任期考核结束后兑现")


@dataclasses.dataclass(frozen=True)
class SoePayRules:
    """A company's settings for the SOE pay rules (they live in ``Policy.soe``).

    ``deferral_share``: the part of each year's performance salary deferred to the term's
    end (40%); ``term_years``: the length of a term (任期, 3 years). ``failed_grades``: the
    annual or term grades that earn nothing (D in xlperf's table, and the SASAC words
    不称职, 不胜任, 不合格); ``passing_grades`` the others. A grade
    in neither is an error, never a pass (:meth:`failed`); a grade counts as its 表-2
    spelling too (:func:`~xlperf.rules.grades.spellings`: 卓越 is S, so it passes, and with C
    failed 基本称职 fails); ``Policy`` adds its grade table's grades to the passing ones. The
    two caps are None to use the legal limits in force, or a stricter (or local) figure.
    """

    deferral_share: Decimal = Decimal("0.40")
    term_years: int = 3
    failed_grades: tuple[str, ...] = ("D", "不称职", "不胜任", "不合格")
    passing_grades: tuple[str, ...] = ("S", "A", "B", "C", "优秀", "良好", "称职", "基本称职",
                                       "胜任", "基本胜任", "合格", "基本合格")
    performance_cap_multiple: Decimal | None = None
    term_incentive_cap_share: Decimal | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "deferral_share",
                           share(self.deferral_share, "SOE deferral share", field="deferral_share"))
        years = inputs.count(self.term_years, "term years", field="term_years", least=1)
        object.__setattr__(self, "term_years", years)
        grades = tuple(grade_name(g, "failed grade") for g in self.failed_grades)
        if not grades:
            raise InputError("give at least one failed grade (e.g. D)", field="failed_grades")
        object.__setattr__(self, "failed_grades", grades)
        object.__setattr__(self, "passing_grades", tuple(
            g for g in (grade_name(g, "passing grade") for g in self.passing_grades)
            if g not in grades))
        if self.performance_cap_multiple is not None:
            object.__setattr__(self, "performance_cap_multiple", amount(
                self.performance_cap_multiple, "performance salary cap (× base salary)",
                field="performance_cap_multiple"))
        if self.term_incentive_cap_share is not None:
            object.__setattr__(self, "term_incentive_cap_share", share(
                self.term_incentive_cap_share, "term incentive cap",
                field="term_incentive_cap_share"))

    def failed(self, grade: object, what: str = "grade") -> bool:
        """True when ``grade`` is a failed grade (no performance pay); None (no grade yet) is
        not. Read as every grade is (:func:`~xlperf.rules.grades.grade_name`: Ｄ is D); a
        grade neither failed nor passing is an error, so a typo never passes the check."""
        if inputs.is_blank(grade):
            return False
        names = spellings(grade_name(grade, what))  # 卓越 is S, S is 卓越: one grade
        if any(n in self.failed_grades for n in names):
            return True
        if not any(n in self.passing_grades for n in names):
            raise InputError(f"{what} is {inputs.describe(grade)}, not a grade xlperf knows: give "
                             f"{self.known_grades()}", field="grade")
        return False

    def known_grades(self) -> str:
        """The grades :meth:`failed` reads, as an error message lists them: the letters
        (and any grade table's own names), then the words of 表-2's grades."""
        words = {w for _, w in GRADE_MEANINGS}
        own = [g for g in (*self.passing_grades, *self.failed_grades)
               if g not in words and g not in _SASAC_WORDS]
        return f"{', '.join(own)} or a word such as {', '.join(w for _, w in GRADE_MEANINGS)}"

    def with_grades(self, grades: tuple[str, ...]) -> SoePayRules:
        """These rules knowing ``grades`` (a policy's grade table) too: the ones not failed
        pass."""
        extra = tuple(g for g in grades if g not in (*self.failed_grades, *self.passing_grades))
        return dataclasses.replace(self, passing_grades=(*self.passing_grades, *extra))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> SoePayRules:
        """Settings from a policy file's ``[soe]`` table; unknown keys are errors."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise InputError(f"policy section [soe] has unknown key(s) {', '.join(unknown)}; "
                             f"known: {', '.join(sorted(known))}")
        values = dict(data)
        for name in ("failed_grades", "passing_grades"):
            if name in values:
                values[name] = _grade_list(values[name], name.replace("_", " "))
        return cls(**values)

    def to_mapping(self) -> dict[str, Any]:
        """The settings as a plain mapping (round-trips through :meth:`from_mapping`)."""
        data: dict[str, Any] = {"deferral_share": float(self.deferral_share),
                                "term_years": self.term_years,
                                "failed_grades": list(self.failed_grades),
                                "passing_grades": list(self.passing_grades)}
        for name in ("performance_cap_multiple", "term_incentive_cap_share"):
            if getattr(self, name) is not None:
                data[name] = float(getattr(self, name))
        return data


def _grade_list(value: object, what: str) -> tuple[object, ...]:
    """A list of grades from a policy file: one grade ("D") or a list (["D", "不称职"]), never
    a text split into characters."""
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list | tuple):
        raise InputError(f"{what} is {inputs.describe(value)}, expected a list of grades such "
                         'as ["D", "不称职"]', field=what.replace(" ", "_"))
    return tuple(value)


def soe_deferral_share(company_share: object, rules: SoePayRules = SoePayRules()  # noqa: B008
                       ) -> Decimal:
    """The share of the year's payout deferred for an executive under the central-SOE rules:
    the company's own deferral share or the SOE one (40%, to the term's end), whichever is
    larger, so both rules hold (0 and 40% → 40%; 50% and 40% → 50%)."""
    return max(share(company_share, "deferral share", field="deferral_share"),
               rules.deferral_share)


def soe_pay_limits(on: object = None) -> SoePayLimits:
    """The central-SOE pay caps in force on ``on`` (default today)."""
    return in_force(SOE_PAY_VERSIONS, on, "central-SOE executive pay rule (中央企业负责人薪酬)")


def _caps(rules: SoePayRules, on: object) -> tuple[Decimal, Decimal, SoePayLimits]:
    limits = soe_pay_limits(on)
    multiple = rules.performance_cap_multiple
    term = rules.term_incentive_cap_share
    return (limits.performance_cap_multiple if multiple is None else multiple,
            limits.term_incentive_cap_share if term is None else term, limits)


_PERFORMANCE_CAP = "绩效年薪不超过基本年薪的2倍"
_TERM_CAP = "任期激励收入不超过任期内年薪总水平的30%"
_FAILED = "考核评价不合格（不胜任）的，不得领取绩效年薪和任期激励收入"


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def performance_salary_cap(base_salary: object, rules: SoePayRules = SoePayRules(),  # noqa: B008
                           on: object = None) -> Decimal:
    """The highest performance salary (绩效年薪) a base salary allows: 2 × base salary."""
    multiple, _, _ = _caps(rules, on)
    return money(read_money(base_salary, "base salary (基本年薪)", field="base_salary") * multiple)


def term_incentive_cap(total_annual_pay: object, rules: SoePayRules = SoePayRules(),  # noqa: B008
                       on: object = None) -> Decimal:
    """The highest term incentive (任期激励收入): 30% of the term's total annual pay.

    ``total_annual_pay`` is 任期内年薪总水平: base plus performance salary over the term.
    """
    _, cap_share, _ = _caps(rules, on)
    total = read_money(total_annual_pay, "term's total annual pay (任期内年薪总水平)",
                       field="total_annual_pay")
    return money(total * cap_share)


@dataclasses.dataclass(frozen=True)
class PerformanceSplit:
    """A year's performance salary split into what is paid now and what is deferred."""

    paid_now: Decimal  # 当期兑现
    deferred: Decimal  # 延期兑现, to the end of the term


def split_performance_salary(performance_salary: object,
                             rules: SoePayRules = SoePayRules()) -> PerformanceSplit:  # noqa: B008
    """Split a performance salary: deferred = share × salary (to the cent), paid now = the rest.

    The two parts add up exactly to the salary (1,000,000 → 600,000.00 now, 400,000.00 later).
    """
    salary = read_money(performance_salary, "performance salary (绩效年薪)",
                        field="performance_salary")
    deferred = money(salary * rules.deferral_share)
    return PerformanceSplit(salary - deferred, deferred)


@dataclasses.dataclass(frozen=True)
class SoeYearPay:
    """One year of an executive's pay under the central-SOE rules."""

    year: int
    base_salary: Decimal  # 基本年薪
    performance_salary: Decimal  # 绩效年薪, the whole year's (paid now and deferred)
    grade: str  # 年度考核评价 grade (A–D, or 称职 …)
    paid_now: Decimal | None = None  # part paid at the year's close (当期兑现), if known

    def __post_init__(self) -> None:
        object.__setattr__(self, "year", inputs.year(self.year, "year", field="year"))
        object.__setattr__(self, "base_salary", read_money(
            self.base_salary, "base salary (基本年薪)", field="base_salary"))
        object.__setattr__(self, "performance_salary", read_money(
            self.performance_salary, "performance salary (绩效年薪)", field="performance_salary"))
        object.__setattr__(self, "grade", grade_name(self.grade, "annual grade"))
        if self.paid_now is not None:  # above the salary is a breach (check_year), not an error
            object.__setattr__(self, "paid_now", read_money(
                self.paid_now, "performance salary paid now (当期兑现)", field="paid_now"))

    @property
    def annual_pay(self) -> Decimal:
        """年薪: base + performance salary of the year."""
        return self.base_salary + self.performance_salary


@dataclasses.dataclass(frozen=True)
class SoeTermPay:
    """A term of office (任期, usually 3 years): its years and the term incentive."""

    years: tuple[SoeYearPay, ...]
    term_incentive: Decimal = Decimal(0)  # 任期激励收入
    term_grade: str | None = None  # 任期考核评价 grade, when the term has been appraised
    name: str = ""  # whose term, for messages

    def __post_init__(self) -> None:
        years = tuple(sorted(self.years, key=lambda y: y.year))
        if not years:
            raise InputError("a term needs at least one year of pay", field="years")
        seen = [y.year for y in years]
        if len(set(seen)) != len(seen):
            raise InputError(f"the term lists a year twice: {seen}", field="year")
        object.__setattr__(self, "years", years)
        object.__setattr__(self, "term_incentive", read_money(
            self.term_incentive, "term incentive (任期激励收入)", field="term_incentive"))
        if self.term_grade is not None and not str(self.term_grade).strip():
            object.__setattr__(self, "term_grade", None)

    @property
    def total_annual_pay(self) -> Decimal:
        """任期内年薪总水平: base + performance salary over the term's years."""
        return sum((y.annual_pay for y in self.years), Decimal(0))


def check_year(pay: SoeYearPay, rules: SoePayRules = SoePayRules()) -> tuple[Breach, ...]:  # noqa: B008
    """Every breach of one year's pay: the 2 × base cap, a failed grade, the deferral."""
    multiple, _, limits = _caps(rules, _year_end(pay.year))
    y, m, perf = pay.year, money_text, pay.performance_salary
    breaches = []
    cap = performance_salary_cap(pay.base_salary, rules, _year_end(y))  # as SoePayCheck shows
    if perf > cap:
        breaches.append(Breach(
            "soe.performance_cap", f"{y}: the performance salary (绩效年薪) {m(perf)} is more "
            f"than {figure(multiple)} × the base salary (基本年薪) {m(pay.base_salary)} = "
            f"{m(cap)}.", limits.cite(_PERFORMANCE_CAP), str(y), perf, cap))
    if rules.failed(pay.grade, f"{y} grade") and perf > 0:
        breaches.append(Breach(
            "soe.failed_grade", f"{y}: the annual grade {pay.grade} is a failed grade "
            f"(不称职/不胜任), which earns no performance salary (不得领取绩效年薪), but "
            f"{m(perf)} is set.", limits.cite(_FAILED), str(y), perf, Decimal(0)))
    if pay.paid_now is not None:
        breaches += _deferral_breaches(pay, rules)
    return tuple(breaches)


def _deferral_breaches(pay: SoeYearPay, rules: SoePayRules) -> list[Breach]:
    y, m, perf, paid = pay.year, money_text, pay.performance_salary, pay.paid_now
    allowed = split_performance_salary(perf, rules).paid_now
    deferred = percent(rules.deferral_share)
    if paid <= allowed:
        return []
    if paid > perf:  # typed beside a salary computed or typed apart: the figures disagree
        message = (f"{y}: {m(paid)} is entered as paid at the year's close, more than the "
                   f"year's whole performance salary {m(perf)}; at most {m(allowed)} may be "
                   f"paid now ({deferred} deferred to the end of the term, 延期兑现).")
    else:
        message = (f"{y}: {m(paid)} of the performance salary {m(perf)} is paid at the year's "
                   f"close; {deferred} must be deferred to the end of the term (延期兑现), so "
                   f"at most {m(allowed)} may be paid now.")
    return [Breach("soe.deferral", message, DEFERRAL_SOURCE, str(y), paid, allowed)]


@dataclasses.dataclass(frozen=True)
class SoePayCheck(BreachList):
    """The outcome of :func:`check_term`: every breach of the term's pay."""

    term: SoeTermPay
    breaches: tuple[Breach, ...]
    term_incentive_cap: Decimal  # 30% of the term's total annual pay
    performance_caps: tuple[Decimal, ...] = ()  # each year's 2 × base salary, as term.years


@dataclasses.dataclass(frozen=True)
class TermRelease:
    """What the end of a term releases once the term is appraised (任期考核后兑现): each
    year's deferred performance salary (延期兑现: salary − paid at the close, for the years
    whose paid-at-the-close is known) and the term incentive (0 after a failed term grade).
    ``term_end`` is the term's last year."""

    term_end: int
    deferred: tuple[tuple[int, Decimal], ...]  # (year, deferred part), oldest first
    term_incentive: Decimal

    @property
    def total(self) -> Decimal:
        """Everything payable after the term appraisal."""
        return sum((amount for _, amount in self.deferred), self.term_incentive)


def term_release(check: SoePayCheck, term_end: int,
                 rules: SoePayRules = SoePayRules()) -> TermRelease:  # noqa: B008
    """What the checked term releases after its appraisal (:class:`TermRelease`). A year's
    deferred part is its performance salary less what was paid at its close, never below
    0; a year without a paid-at-the-close has none listed (xlperf does not know it)."""
    deferred = tuple((y.year, max(Decimal(0), y.performance_salary - y.paid_now))
                     for y in check.term.years if y.paid_now is not None)
    incentive = check.term.term_incentive
    if rules.failed(check.term.term_grade, "term grade"):
        incentive = Decimal("0.00")
    return TermRelease(term_end, deferred, incentive)


def check_term(term: SoeTermPay, rules: SoePayRules = SoePayRules()) -> SoePayCheck:  # noqa: B008
    """Every breach of a term's pay: each year's (:func:`check_year`), then the term incentive's.

    The caps in force at the end of the term's last year apply to the term incentive.
    """
    breaches = [b for year in term.years for b in check_year(year, rules)]
    _, cap_share, limits = _caps(rules, _year_end(term.years[-1].year))
    caps = tuple(performance_salary_cap(y.base_salary, rules, _year_end(y.year))
                 for y in term.years)
    total = _capped_total_pay(term, caps)
    incentive, m = term.term_incentive, money_text
    cap = money(total * cap_share)
    if incentive > cap:
        counted = ("" if total == term.total_annual_pay else
                   ", each year's performance salary counted at most at its cap")
        breaches.append(Breach(
            "soe.term_incentive_cap", f"Term: the term incentive (任期激励收入) {m(incentive)} "
            f"is more than {percent(cap_share)} of the term's total annual pay (任期内年薪总水平) "
            f"{m(total)}{counted} = {m(cap)}.", limits.cite(_TERM_CAP), "term", incentive, cap))
    if rules.failed(term.term_grade, "term grade") and incentive > 0:
        breaches.append(Breach(
            "soe.failed_term_grade", f"Term: the term grade {term.term_grade} is a failed grade "
            f"(不称职/不胜任), which earns no term incentive (不得领取任期激励收入), but "
            f"{m(incentive)} is set.", limits.cite(_FAILED), "term", incentive, Decimal(0)))
    return SoePayCheck(term, tuple(breaches), cap, caps)


def _capped_total_pay(term: SoeTermPay, caps: tuple[Decimal, ...]) -> Decimal:
    """任期内年薪总水平 with each year's performance salary counted at most at its 2 × base
    cap: a year above its cap is flagged on its own and must not also raise the term
    incentive's cap."""
    return sum((y.base_salary + min(y.performance_salary, c)
                for y, c in zip(term.years, caps, strict=True)), Decimal(0))


@dataclasses.dataclass(frozen=True)
class SoePayInput:
    """An executive's central-SOE pay as the workbook gives it, before the appraisal year's
    figures are known: that year's base salary (and the part of its performance salary paid
    at the close, when known), the term's earlier years in full, and the term incentive
    (with the term grade) when the term ends with the appraisal year.

    :meth:`check` adds the appraisal year's performance salary and grade — xlperf's own
    payout and grade — and checks the term.
    """

    base_salary: Decimal  # 基本年薪 of the appraisal year
    earlier_years: tuple[SoeYearPay, ...] = ()  # the term's years before it, any order
    paid_now: Decimal | None = None  # 当期兑现 of the appraisal year, if known
    term_incentive: Decimal = Decimal(0)  # 任期激励收入, when the term ends this year
    term_grade: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "base_salary", read_money(
            self.base_salary, "base salary (基本年薪)", field="base_salary"))
        object.__setattr__(self, "earlier_years", tuple(self.earlier_years))
        if self.paid_now is not None:
            object.__setattr__(self, "paid_now", read_money(
                self.paid_now, "performance salary paid now (当期兑现)", field="paid_now"))
        object.__setattr__(self, "term_incentive", read_money(
            self.term_incentive, "term incentive (任期激励收入)", field="term_incentive"))

    def term_end(self, year: int, rules: SoePayRules = SoePayRules()) -> int:  # noqa: B008
        """The last year of the term holding the appraisal ``year``: its first year (the
        earliest of the term's years) + the term's length − 1, never before ``year``
        (2025–2026 given, 3-year terms: 2027)."""
        first = min((y.year for y in self.earlier_years), default=year)
        return max(min(first, year) + rules.term_years - 1, year)

    def check(self, year: int, performance_salary: Decimal, grade: str,
              rules: SoePayRules = SoePayRules(),  # noqa: B008
              paid_in_year: Decimal | None = None) -> SoePayCheck:
        """The term checked with the appraisal ``year``'s ``performance_salary`` and
        ``grade``; its part paid at the close is the paid-now entered or, when blank,
        ``paid_in_year`` (what the payout statement pays in the year, advances included),
        so a statement that defers too little is a deferral breach (a paid-now above the
        whole salary is one too, as everywhere)."""
        paid = self.paid_now if self.paid_now is not None else paid_in_year
        this_year = SoeYearPay(year, self.base_salary, performance_salary, grade, paid)
        return check_term(SoeTermPay((*self.earlier_years, this_year), self.term_incentive,
                                     self.term_grade), rules)
