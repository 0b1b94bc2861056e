"""What reaches the executive for the appraisal year: bonus, incentives, tax and net pay.

Built on an :class:`~xlperf.model.Appraisal`: the year's settlement plus every long-term
incentive event of the year, taxed by the China rules. The choices (see docs/rules.md):

- The *annual one-time bonus* (全年一次性奖金, taxed separately, once a tax year) is the
  settlement paid now plus the cash incentive payments that are bonus in nature (deferred
  bonus instalments, performance units, phantom stock payouts and dividend equivalents, less
  any clawback of a payment of the same tax year), never below 0, **by tax year**: payments
  dated in the pay date's calendar year join the settlement; those of another year (the
  appraisal year, when the settlement is paid the year after) are that year's one-time
  bonus, taxed on that year's table at its last payment. One :class:`BonusTaxLine` per tax
  year.
- *Equity-incentive income* (股权激励所得) — option exercise spreads, SAR exercises, restricted
  stock unlocking (国税函〔2009〕461号 formula) and performance shares delivered — is taxed
  separately on the annual table, the year's incomes combined.
- Dividends on restricted stock before it unlocks are real dividends: 10% is withheld when
  they are paid (财税〔2012〕85号), shown as the dividend tax.
- gross = one-time bonus + equity income + dividends: the year's taxable income (shares at
  their taxable value, which for restricted stock is the 国税函〔2009〕461号 income, not the
  value at unlock the events table shows); tax = bonus tax + equity tax + dividend tax;
  net = gross − tax − earlier years' cash clawed back. A gross beyond 10^15 is refused,
  naming its three parts (each event is within 10^15; several large grants together may
  not be).
- Cash is not value: restricted shares unlocking, options exercised into shares and
  performance shares delivered are income *in kind* (taxed, never paid out). Net cash =
  gross − in kind − tax − advances to recover − earlier years' cash clawed back: what
  payroll pays, or, when negative, what it must collect from the executive (the tax on
  shares is withheld from cash).
- A clawback of deferred cash paid in an earlier tax year is returned from the cash (net
  cash, net value) but never lowers this year's taxable bonus: the year it was paid in was
  taxed then, and any relief is that year's (or the annual reconciliation's).
- Advances above the year's payout (settlement due below 0) are recovered from the cash:
  the one-time bonus is then 0; the tax already withheld on the advances is settled in the
  executive's annual tax reconciliation (汇算清缴), outside this statement.
- An event whose outcome is not known yet (a performance condition not assessed, marked
  estimated) is shown but neither paid nor taxed.
- The year's deferred part (the policy's deferral share; under the central-SOE rules at
  least their 40%) is not paid or taxed this year: the statement plans it as deferred cash
  from the pay date (:func:`deferred_bonus_plan`), under the SOE rules paid after the term.
- An executive under the central-SOE pay rules (``input.soe_pay``) has the year's payout
  (bonus + extra) checked as the performance salary (绩效年薪) with the term's earlier years
  (:mod:`xlperf.rules.china.soe`), and what it pays in the year (payout − deferred) as the
  part paid at the close unless SoePay gives it: a breach is a finding, not an error. What
  the term's end releases after the term appraisal (each year's deferred part, the term
  incentive) is listed (:func:`~xlperf.rules.china.soe.term_release`), not paid or taxed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from xlperf.errors import InputError
from xlperf.model import Appraisal
from xlperf.rules.china.soe import SoePayCheck, SoePayRules, TermRelease, term_release
from xlperf.rules.china.tax import (
    EquityIncome,
    EquityTaxLine,
    bonus_tax,
    dividend_tax,
    equity_tax_by_year,
    net_pay,
    restricted_stock_income,
)
from xlperf.rules.china.trap import BonusTrap, bonus_trap
from xlperf.rules.incentives import (
    DEFAULT_INCENTIVE_RULES,
    DeferredCashGrant,
    EventKind,
    GrantSummary,
    IncentiveEvent,
    IncentiveRules,
    Instrument,
    RestrictedStockGrant,
    Settlement,
    VestingSchedule,
    all_events_in_year,
    grant_summary,
)
from xlperf.rules.incentives.dates import add_months
from xlperf.rules.incentives.events import quote_for
from xlperf.rules.money import figure, money, money_result

ZERO = Decimal("0.00")
_BONUS_LIKE = {Instrument.DEFERRED_CASH, Instrument.PERFORMANCE_UNIT, Instrument.PHANTOM_STOCK}


@dataclasses.dataclass(frozen=True, slots=True)
class BonusTaxLine:
    """One tax year's annual one-time bonus (全年一次性奖金), taxed separately."""

    paid_on: dt.date  # the settlement's pay date, or the tax year's last cash payment
    amount: Decimal
    tax: Decimal
    trap: BonusTrap | None  # None when the amount is 0

    @property
    def tax_year(self) -> int:
        """The calendar year the bonus is paid (and taxed) in."""
        return self.paid_on.year


@dataclasses.dataclass(frozen=True, slots=True)
class PayStatement:
    """One executive's pay for the year, every amount in cents; parts add up exactly."""

    appraisal: Appraisal
    pay_date: dt.date
    events: tuple[IncentiveEvent, ...]  # every incentive event of the year, in date order
    grants: tuple[GrantSummary, ...]  # each grant at year end, for the appraisal report
    cash_incentives: Decimal  # bonus-like cash paid in the year (net of clawbacks)
    bonus_lines: tuple[BonusTaxLine, ...]  # the one-time bonus of each tax year, oldest first
    equity_lines: tuple[EquityTaxLine, ...]
    dividends: Decimal  # restricted-stock dividends before unlock (10% withheld)
    in_kind: Decimal = ZERO  # equity income delivered in shares, not in cash
    soe_check: SoePayCheck | None = None  # central-SOE pay check (None: not under the rules)
    deferred_plan: tuple[IncentiveEvent, ...] = ()  # this year's deferred part, as planned
    soe_release: TermRelease | None = None  # what the SOE term's end releases (None: not SOE)
    clawed_back_earlier: Decimal = ZERO  # returned of cash paid in an earlier tax year

    @property
    def term_release_date(self) -> dt.date | None:
        """When the SOE term's deferred parts and term incentive are paid at the earliest:
        the pay date of the term's last year (None: not under the central-SOE rules)."""
        if self.soe_release is None:
            return None
        return after_term(self.pay_date, self.appraisal.input.year, self.soe_release.term_end)

    @property
    def one_time_bonus(self) -> Decimal:
        """Everything taxed as an annual one-time bonus (of every tax year)."""
        return sum((line.amount for line in self.bonus_lines), ZERO)

    @property
    def bonus_tax(self) -> Decimal:
        """Tax on the one-time bonuses, each on its own year's table."""
        return sum((line.tax for line in self.bonus_lines), ZERO)

    @property
    def pay_date_bonus(self) -> BonusTaxLine:
        """The one-time bonus paid on the pay date: the settlement and the cash incentives
        of the same tax year (always present, even at 0)."""
        return next(line for line in self.bonus_lines if line.paid_on == self.pay_date)

    @property
    def other_year_bonus(self) -> tuple[Decimal, Decimal]:
        """(amount, tax) of the one-time bonus of other tax years: cash incentives already
        paid in the appraisal year when the settlement is paid the year after."""
        others = [line for line in self.bonus_lines if line.paid_on != self.pay_date]
        return (sum((line.amount for line in others), ZERO),
                sum((line.tax for line in others), ZERO))

    @property
    def trap(self) -> BonusTrap | None:
        """The bonus-trap check to act on: a line in the trap, else the settlement's line."""
        traps = [line.trap for line in self.bonus_lines if line.trap is not None]
        return next((t for t in traps if t.in_trap), traps[-1] if traps else None)

    @property
    def equity_income(self) -> Decimal:
        """The year's equity-incentive taxable income."""
        return sum((line.income.amount for line in self.equity_lines), ZERO)

    @property
    def equity_tax(self) -> Decimal:
        """Tax on the year's equity-incentive income, combined."""
        return sum((line.tax for line in self.equity_lines), ZERO)

    @property
    def dividend_tax(self) -> Decimal:
        """Tax withheld on the restricted-stock dividends."""
        return dividend_tax(self.dividends)

    @property
    def gross(self) -> Decimal:
        """Everything the year brings the executive, before tax."""
        return self.one_time_bonus + self.equity_income + self.dividends

    @property
    def tax(self) -> Decimal:
        """Income tax: one-time bonus tax + equity-incentive tax + dividend tax."""
        return self.bonus_tax + self.equity_tax + self.dividend_tax

    @property
    def net(self) -> Decimal:
        """Gross less tax, less what is returned of earlier years' cash: the year's value
        after tax, shares included."""
        return net_pay(self.gross, self.tax) - self.clawed_back_earlier

    @property
    def settlement_paid(self) -> Decimal:
        """The settlement paid now: the amount due, 0 when advances exceed the payout."""
        return self.appraisal.payout.settlement_paid

    @property
    def to_recover(self) -> Decimal:
        """Advances paid above the year's payout, taken back from the cash (0 if none)."""
        return self.appraisal.payout.to_recover

    @property
    def incentive_income(self) -> Decimal:
        """Everything the year brings besides the settlement paid now (gross − settlement −
        earlier years' cash clawed back): long-term incentive cash, equity income and
        dividends, net of clawbacks. So net cash = settlement due + incentive income − in
        kind − tax, to the cent."""
        return self.gross - self.settlement_paid - self.clawed_back_earlier

    @property
    def net_cash(self) -> Decimal:
        """Cash after tax: gross − in kind − tax − advances to recover − earlier years' cash
        clawed back. Below 0 it is what payroll must collect from the executive."""
        return (self.gross - self.in_kind - self.tax - self.to_recover
                - self.clawed_back_earlier)


def _equity_income(event: IncentiveEvent, grants: dict[str, object], market) -> Decimal | None:
    """The taxable equity income of an event, or None when it is not equity income."""
    if not event.realised:
        return None
    if event.instrument == Instrument.RESTRICTED_STOCK and event.kind == EventKind.UNLOCK:
        grant = grants[event.grant_id]
        assert isinstance(grant, RestrictedStockGrant)
        registered = grant.grant_date_price or quote_for(grant, market, grant.grant_date).price
        return restricted_stock_income(registered, event.price, event.quantity,
                                       grant.grant_price * grant.quantity, grant.quantity)
    if event.kind == EventKind.EXERCISE or (event.instrument == Instrument.PERFORMANCE_SHARE
                                            and event.kind == EventKind.VEST):
        return max(ZERO, event.value)
    return None


def _check_ids(grants: Sequence[object]) -> dict[str, object]:
    by_id: dict[str, object] = {}
    for grant in grants:
        if grant.grant_id in by_id:
            raise InputError(f'grant id "{grant.grant_id}" is used twice: give each grant its '
                             "own id", field="grant_id")
        by_id[grant.grant_id] = grant
    return by_id


def deferred_bonus_plan(appraisal: Appraisal, pay_date: dt.date,
                        rules: IncentiveRules = DEFAULT_INCENTIVE_RULES,
                        term_end: int | None = None) -> tuple[IncentiveEvent, ...]:
    """The year's deferred part (延期支付) as the payments it is planned to become: deferred
    cash ``BONUS-<year>`` granted on the pay date, paid by the policy's deferral schedule
    (demo: a third on each of the next three anniversaries), to the cent. An executive under
    the central-SOE rules (``term_end``: the term's last year) has it paid whole once the
    term is over (延期至任期结束后兑现): on the pay date of the term's last year (the
    anniversary of this pay date in that year + 1).
    Once paid out it is entered on the Grants sheet as deferred cash, where forfeiture and
    clawback apply."""
    amount = appraisal.payout.deferred
    if not amount:
        return ()
    year = appraisal.input.year
    schedule = None
    if term_end is not None:
        months = _months_to_term_end(year, term_end)
        schedule = VestingSchedule(((months, Fraction(1)),), name="after the term 任期结束后")
    grant = DeferredCashGrant(pay_date, amount, schedule, bonus_year=year,
                              grant_id=f"BONUS-{year}", rules=rules)
    return tuple(e for e in grant.events() if e.kind is EventKind.PAYMENT)


def _months_to_term_end(year: int, term_end: int) -> int:
    return 12 * (term_end - year)


def after_term(pay_date: dt.date, year: int, term_end: int) -> dt.date:
    """The pay date of a term ending in ``term_end``, for the close of ``year`` paid on
    ``pay_date``: what is deferred to the term's end is paid then, at the earliest."""
    return add_months(pay_date, _months_to_term_end(year, term_end))


def bonus_lines(settlement: Decimal, pay_date: dt.date,
                cash: Sequence[IncentiveEvent]) -> tuple[BonusTaxLine, ...]:
    """The annual one-time bonus of each tax year: the settlement (paid on ``pay_date``) with
    the cash payments of the same calendar year, and the payments of any other year on their
    own, taxed on the table in force at that year's last payment. Never below 0; a year with
    nothing to tax has no line, except the settlement's (shown even at 0)."""
    by_year: dict[int, list[IncentiveEvent]] = {}
    for event in cash:
        by_year.setdefault(event.date.year, []).append(event)
    lines = []
    for year in sorted(set(by_year) | {pay_date.year}):
        payments = by_year.get(year, [])
        total = sum((e.value for e in payments), ZERO)
        on_pay_date = year == pay_date.year
        amount = max(ZERO, money(total + (settlement if on_pay_date else ZERO)))
        if not amount and not on_pay_date:
            continue
        paid_on = pay_date if on_pay_date else max(e.date for e in payments)
        if not amount:  # nothing to tax needs no table (none is known after 2027)
            lines.append(BonusTaxLine(paid_on, amount, ZERO, None))
            continue
        lines.append(BonusTaxLine(paid_on, amount, bonus_tax(amount, paid_on),
                                  bonus_trap(amount, paid_on)))
    return tuple(lines)


def pay_statement(appraisal: Appraisal,
                  soe_rules: SoePayRules = SoePayRules(),  # noqa: B008
                  incentive_rules: IncentiveRules = DEFAULT_INCENTIVE_RULES) -> PayStatement:
    """The year's pay statement of an appraised executive (see the module doc for the rules);
    ``soe_rules`` (the policy's ``soe``) apply to an executive under the central-SOE rules,
    ``incentive_rules`` (its ``incentives``) schedule the deferred part."""
    data = appraisal.input
    pay_date = data.pay_date or dt.date(data.year, 12, 31)
    by_id = _check_ids(data.grants)
    events = all_events_in_year(data.grants, data.year, data.market)
    dividends, in_kind, earlier, equity, cash = ZERO, ZERO, ZERO, [], []
    for event in events:
        if not event.realised or event.estimated:
            continue
        income = _equity_income(event, by_id, data.market)
        if income is not None:
            equity.append(EquityIncome(income, event.date, grant_id=event.grant_id,
                                       kind=event.kind))
            in_kind += income if event.settlement is Settlement.SHARES else ZERO
        elif event.instrument == Instrument.RESTRICTED_STOCK and event.kind == EventKind.DIVIDEND:
            dividends += event.value
        elif _corrects_earlier_year(event, by_id):
            earlier -= event.value
        elif event.settlement == Settlement.CASH and event.instrument in _BONUS_LIKE:
            cash.append(event)
    year_end = dt.date(data.year, 12, 31)
    soe = None if data.soe_pay is None else data.soe_pay.check(
        data.year, appraisal.payout.total, appraisal.grade, soe_rules,
        appraisal.payout.paid_in_year)
    release = None if soe is None else term_release(
        soe, data.soe_pay.term_end(data.year, soe_rules), soe_rules)
    statement = PayStatement(
        appraisal, pay_date, events,
        tuple(grant_summary(g, year_end, data.market) for g in data.grants),
        money(sum((e.value for e in cash), ZERO)),
        bonus_lines(appraisal.payout.settlement_paid, pay_date, cash),
        equity_tax_by_year(equity), money(dividends),
        money(in_kind),
        soe, deferred_bonus_plan(appraisal, pay_date, incentive_rules,
                                 None if release is None else release.term_end),
        release, money(earlier))
    # each amount is within 10^15, but together they may not be (several large grants)
    money_result(statement.gross, "taxable income of the year", field="gross",
                 formula=lambda: f"one-time bonus {figure(statement.one_time_bonus)} + equity "
                                 f"income {figure(statement.equity_income)} + dividends "
                                 f"{figure(statement.dividends)}")
    return statement


def _corrects_earlier_year(event: IncentiveEvent, grants: dict[str, object]) -> bool:
    """A clawback of an instalment paid in an earlier tax year: returned from the cash, but
    never deducted from this year's one-time bonus (that year's tax was settled then)."""
    if event.kind is not EventKind.CLAWBACK or event.tranche is None:
        return False
    grant = grants[event.grant_id]
    assert isinstance(grant, DeferredCashGrant)
    return grant.tranches()[event.tranche - 1].date.year < event.date.year
