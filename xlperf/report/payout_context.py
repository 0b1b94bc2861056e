"""What the payout statement template receives: the year's pay of one executive, in cents.

Every amount comes from the core (:mod:`xlperf.rules.bonus`,
:mod:`xlperf.rules.pay_statement`); nothing is recomputed here, only formatted.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from xlperf.report import formats as f
from xlperf.report.appraisal_context import EventRow, Header, Person, event_row
from xlperf.report.breach_text import breach_text
from xlperf.report.formats import Bilingual
from xlperf.report.render import labels
from xlperf.rules.bonus import bonus_amount
from xlperf.rules.china.soe import SoePayCheck, TermRelease
from xlperf.rules.china.tax import EquityIncome
from xlperf.rules.incentives import EventKind
from xlperf.rules.inputs import MONTHS_IN_YEAR
from xlperf.rules.pay_statement import PayStatement


@dataclasses.dataclass(frozen=True)
class TaxLine:
    """An equity-incentive income and the tax on it (combined with the year's others)."""

    date: str
    what: Bilingual  # grant and event: "RS-2023 解除限售" / "RS-2023 unlocks"
    income: str
    tax: str


@dataclasses.dataclass(frozen=True)
class Trap:
    """The bonus-trap check of the one-time bonus."""

    in_trap: bool
    edge: str  # pay this instead (nets more)
    break_even: str  # or at least this
    net_lost: str


@dataclasses.dataclass(frozen=True)
class BonusLine:
    """One tax year's annual one-time bonus, its tax and its bonus-trap check."""

    tax_year: int
    paid_on: str
    amount: str
    tax: str
    trap: Trap | None


@dataclasses.dataclass(frozen=True)
class SoeYearRow:
    """One year of the term under the central-SOE pay rules."""

    year: int
    base: str
    performance: str
    cap: str  # the performance salary cap of the year
    grade: str
    paid_now: str  # "" when not given
    current: bool  # the appraisal year (its figures are xlperf's)
    deferred: str = ""  # deferred to the term's end (延期兑现), "" when paid now is not known


@dataclasses.dataclass(frozen=True)
class SoeCheck:
    """The central-SOE pay check of the statement: the term's years and every breach."""

    years: tuple[SoeYearRow, ...]
    term_incentive: str  # "" when none
    term_cap: str
    breaches: tuple[Bilingual, ...]  # plain words with the source; empty when compliant
    paid_now_note: Bilingual | None = None  # how this year's paid-at-the-close was taken
    term_end: int = 0  # the term's last year
    release: str = ""  # payable after the term appraisal: the deferred parts + term incentive


@dataclasses.dataclass(frozen=True)
class PayoutReport:
    """Everything the payout statement shows (``report_templates/payout.html``)."""

    header: Header
    person: Person
    grade: str
    coefficient: str
    standard: str
    months: str
    proration: str  # "7/12"
    uncapped_bonus: str
    cap: str  # "" when no cap
    capped: bool
    bonus: str
    long_term: str  # achievement %, "" when none
    extra: str
    total: str
    deferred: str
    advances: tuple[tuple[int, str], ...]  # (quarter, amount), in quarter order
    advances_total: str
    due_now: str
    to_recover: bool
    pay_date: str
    events: tuple[EventRow, ...]
    cash_incentives: str
    one_time_bonus: str
    bonus_tax: str
    bonus_lines: tuple[BonusLine, ...]  # one per tax year: more than one when years differ
    equity_lines: tuple[TaxLine, ...]
    equity_income: str
    equity_tax: str
    dividends: str
    dividend_tax: str
    gross: str
    tax: str
    net: str
    in_kind: str
    recover_amount: str  # advances taken back from the cash, "" when none
    net_cash: str
    collect: str  # net cash below 0, why: "recover" (advances above the payout), "clawback"
    # (earlier years' cash returned), "tax" (tax on shares above the cash); "" when not below 0
    future: tuple[EventRow, ...]  # deferred cash and other payments still to come
    soe: SoeCheck | None = None  # None: not under the central-SOE pay rules
    deferred_planned: bool = False  # future holds this year's deferred part (BONUS-<year>)
    extra_withheld: str = ""  # why a beaten long-term target pays no extra: "veto", "no_bonus"
    after_term_planned: bool = False  # future holds the SOE term's other payments (SOE-, TERM-)
    extra_apart: bool = False  # an extra beside a bonus cap or proration (it takes neither)
    clawed_back_earlier: str = ""  # earlier years' incentive cash returned, "" when none
    unlock_taxed: bool = False  # a restricted-stock unlock taxed by its own formula


def soe_check(check: SoePayCheck, year: int, paid_in_year: Decimal,
              paid_now_entered: Decimal | None, release: TermRelease) -> SoeCheck:
    """The central-SOE check as shown: each year with its cap, the part paid at the close
    and the part deferred to the term's end, what the term's end releases, then the
    breaches. The appraisal year's part paid at the close is what the statement pays in the
    year when SoePay leaves it blank (the note says so); when SoePay gives another amount,
    the note shows both."""
    deferred = dict(release.deferred)
    rows = tuple(SoeYearRow(
        y.year, f.amount(y.base_salary), f.amount(y.performance_salary), f.amount(cap),
        y.grade, "" if y.paid_now is None else f.amount(y.paid_now), y.year == year,
        f.amount(deferred[y.year]) if y.year in deferred else "")
        for y, cap in zip(check.term.years, check.performance_caps, strict=True))
    incentive = check.term.term_incentive
    note = None
    if paid_now_entered is None:
        note = Bilingual("本年当期兑现未填写，按本单本年兑现（含已预发）"
                         f"{f.amount(paid_in_year)}核查",
                         "This year's paid-at-the-close is blank on SoePay: checked with what "
                         f"this statement pays in the year (advances included), "
                         f"{f.amount(paid_in_year)}")
    elif paid_now_entered != paid_in_year:
        note = Bilingual(f"SoePay表填写本年当期兑现 {f.amount(paid_now_entered)}，本单本年兑现"
                         f"（含已预发）{f.amount(paid_in_year)}，两者不一致，请核对",
                         f"SoePay gives {f.amount(paid_now_entered)} as paid at this year's "
                         "close, but this statement pays "
                         f"{f.amount(paid_in_year)} in the year (advances included): "
                         "check which is right")
    return SoeCheck(rows, f.amount(incentive) if incentive else "",
                    f.amount(check.term_incentive_cap),
                    tuple(breach_text(b) for b in check.breaches), note, release.term_end,
                    f.amount(release.total))


def _equity_what(income: EquityIncome) -> Bilingual:
    """What an equity income is, in both languages: the grant id, then the event's wording
    (``RS-2023 解锁`` / ``RS-2023 unlock``); an income not from a grant's event, its label."""
    if income.kind not in EventKind.__members__.values():
        return Bilingual(income.label, income.label)
    event = EventKind(income.kind)
    return Bilingual(f"{income.grant_id} {event.label_zh}", f"{income.grant_id} {event.label}")


def _trap(trap) -> Trap | None:
    if trap is None:
        return None
    return Trap(trap.in_trap, f.amount(trap.edge), f.amount(trap.break_even),
                f.amount(trap.net_lost))


AFTER_TERM = Bilingual("任期考核后兑现", "after the term appraisal")


def _after_term_rows(statement: PayStatement) -> tuple[EventRow, ...]:
    """The SOE term's payments still to come besides this year's deferred part (its
    BONUS-<year> row): each earlier year's deferred performance salary and the term
    incentive, on the term's pay date at the earliest, subject to the term appraisal."""
    release = statement.soe_release
    if release is None:
        return ()
    on = f.date(statement.term_release_date)
    year = statement.appraisal.input.year
    rows = tuple(EventRow(on, f"SOE-{y}", Bilingual("延期兑现绩效年薪",
                                                    "deferred performance salary"),
                          AFTER_TERM, "", f.amount(amount), False, True)
                 for y, amount in release.deferred if y != year and amount)
    if release.term_incentive:
        rows += (EventRow(on, f"TERM-{release.term_end}",
                          Bilingual(*labels()["soe.term_incentive"]),
                          AFTER_TERM, "", f.amount(release.term_incentive), False, True),)
    return rows


def _collect(statement: PayStatement) -> str:
    """Why the net cash is below 0 (to collect from the executive), "" when it is not."""
    if statement.net_cash >= 0:
        return ""
    if statement.to_recover:
        return "recover"
    return "clawback" if statement.clawed_back_earlier else "tax"


def payout_report(statement: PayStatement, header: Header, person: Person) -> PayoutReport:
    """The payout statement of one executive."""
    a = statement.appraisal
    ex, pay = a.executive, a.payout
    uncapped = bonus_amount(a.coefficient, ex.bonus_standard, ex.months_served)
    months = f.number(ex.months_served)
    future = tuple(event_row(e) for g in statement.grants for e in g.upcoming if e.realised)
    future += tuple(event_row(e) for e in statement.deferred_plan)
    after_term = _after_term_rows(statement)
    future += after_term
    return PayoutReport(
        header, person, a.grade, f.coefficient(a.coefficient), f.amount(ex.bonus_standard),
        months, f"{months}/{MONTHS_IN_YEAR}", f.amount(uncapped),
        f.amount(ex.bonus_cap) if ex.bonus_cap is not None else "", pay.bonus < uncapped,
        f.amount(pay.bonus),
        f.number(ex.long_term_achievement) + "%" if ex.long_term_achievement is not None else "",
        f.amount(pay.extra), f.amount(pay.total), f.amount(pay.deferred),
        tuple(zip(a.input.advance_quarters, map(f.amount, a.input.advances), strict=True)),
        f.amount(pay.advances),
        f.amount(pay.due_now), pay.due_now < 0, f.date(statement.pay_date),
        tuple(event_row(e) for e in statement.events), f.amount(statement.cash_incentives),
        f.amount(statement.one_time_bonus), f.amount(statement.bonus_tax),
        tuple(BonusLine(line.tax_year, f.date(line.paid_on), f.amount(line.amount),
                        f.amount(line.tax), _trap(line.trap))
              for line in statement.bonus_lines),
        tuple(TaxLine(f.date(line.income.on), _equity_what(line.income),
                      f.amount(line.income.amount),
                      f.amount(line.tax)) for line in statement.equity_lines),
        f.amount(statement.equity_income), f.amount(statement.equity_tax),
        f.amount(statement.dividends), f.amount(statement.dividend_tax),
        f.amount(statement.gross), f.amount(statement.tax), f.amount(statement.net),
        f.amount(statement.in_kind),
        f.amount(statement.to_recover) if statement.to_recover else "",
        f.amount(statement.net_cash), _collect(statement),
        tuple(sorted(future, key=lambda e: e.date)),
        None if statement.soe_check is None else soe_check(
            statement.soe_check, a.input.year, pay.paid_in_year, a.input.soe_pay.paid_now,
            statement.soe_release),
        bool(statement.deferred_plan), a.extra_withheld, bool(after_term),
        pay.extra > 0 and (ex.bonus_cap is not None or ex.months_served != MONTHS_IN_YEAR),
        f.amount(statement.clawed_back_earlier) if statement.clawed_back_earlier else "",
        any(line.income.kind == EventKind.UNLOCK for line in statement.equity_lines))

