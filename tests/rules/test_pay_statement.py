"""The year's pay statement: settlement, incentive events, China tax and net pay."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlperf.demo import demo_inputs
from xlperf.policy import DEMO_POLICY
from xlperf.rules.appraisal import appraise
from xlperf.rules.bonus import BonusRules
from xlperf.rules.pay_statement import pay_statement

STATEMENTS = {s.appraisal.executive.id: s for s in
              (pay_statement(appraise(d)) for d in demo_inputs())}


def test_cfo_worked_by_hand():
    s = STATEMENTS["E002"]
    # the CFO is under the central-SOE pay rules: 40% of the payout 720,000 is deferred to
    # the term's end (288,000); due now 720,000 − 288,000 − 3 × 75,000 advances = 207,000.
    assert (s.appraisal.payout.deferred, s.appraisal.payout.due_now) == (
        Decimal("288000.00"), Decimal("207000.00"))
    # one-time bonus by tax year: the 2024 bonus's deferred instalment of 30,000 was paid on
    # 2026-03-31, tax year 2026: 30,000 / 12 = 2,500 → 3%: 900. The settlement 207,000 is
    # paid on 2027-03-31, tax year 2027: 207,000 / 12 = 17,250 → 20%, quick deduction
    # 1,410: 41,400 − 1,410 = 39,990. (Together on 2027's table they would be 45,990.)
    assert s.pay_date == dt.date(2027, 3, 31)
    assert [(line.paid_on, line.amount, line.tax) for line in s.bonus_lines] == [
        (dt.date(2026, 3, 31), Decimal("30000.00"), Decimal("900.00")),  # the instalment's day
        (s.pay_date, Decimal("207000.00"), Decimal("39990.00"))]
    assert (s.cash_incentives, s.one_time_bonus) == (Decimal("30000.00"), Decimal("237000.00"))
    assert s.bonus_tax == Decimal("40890.00")
    # RS-2023 tranche 3 (30% of 100,000) unlocks on Sunday 2026-03-15: Friday's close 24.60;
    # 461 formula: (16.00 + 24.60) / 2 × 30,000 − 800,000 × 30,000 / 100,000
    #            = 609,000 − 240,000 = 369,000; annual table 25% − 31,920 → 60,330
    assert s.equity_income == Decimal("369000.00")
    assert s.equity_tax == Decimal("60330.00")
    # dividends held in lock-up: (0.30 + 0.35 + 0.40) × 30,000 = 31,500; 10% withheld
    # (half taxed at 20%, 财税〔2012〕85号): 3,150
    assert (s.dividends, s.dividend_tax) == (Decimal("31500.00"), Decimal("3150.00"))
    # net = 237,000 + 369,000 + 31,500 − 40,890 − 60,330 − 3,150 = 637,500 − 104,370 = 533,130
    assert s.net == Decimal("533130.00")
    assert s.gross - s.tax == s.net
    # the unlocked shares (369,000 of income) are not cash: net cash 533,130 − 369,000
    assert (s.in_kind, s.net_cash) == (Decimal("369000.00"), Decimal("164130.00"))
    # the ledger's split by tax year: 207,000 on the pay date, 30,000 paid in 2026
    assert (s.pay_date_bonus.amount, s.other_year_bonus) == (
        Decimal("207000.00"), (Decimal("30000.00"), Decimal("900.00")))


def test_cash_paid_in_the_settlement_year_joins_the_settlement():
    # paid on 31 December 2026, the settlement is in the same tax year as E002's instalment
    item = dataclasses.replace(demo_inputs()[1], pay_date=dt.date(2026, 12, 31))
    s = pay_statement(appraise(item))
    # 207,000 + 30,000 = 237,000; / 12 = 19,750 → 20%: 47,400 − 1,410 = 45,990
    assert [(line.tax_year, line.amount, line.tax) for line in s.bonus_lines] == [
        (2026, Decimal("237000.00"), Decimal("45990.00"))]


def test_the_deferred_part_is_planned_as_deferred_cash_from_the_pay_date():
    # E002 out of the SOE rules, with the company deferring 40%: payout 720,000 → 288,000
    # deferred; paid a third on each of the next three anniversaries of the pay date
    # 2027-03-31 (the demo's "equal 3")
    policy = dataclasses.replace(DEMO_POLICY, bonus=BonusRules(deferral_share=0.4))
    item = dataclasses.replace(demo_inputs()[1], soe_pay=None)
    s = pay_statement(appraise(item, policy), policy.soe, policy.incentives)
    assert [(e.date, e.grant_id, e.value) for e in s.deferred_plan] == [
        (dt.date(year, 3, 31), "BONUS-2026", Decimal("96000.00")) for year in (2028, 2029, 2030)]
    assert sum(e.value for e in s.deferred_plan) == s.appraisal.payout.deferred
    # not paid this year: the one-time bonus is the settlement 720,000 − 288,000 − 225,000
    # advances = 207,000, plus the 2024 bonus instalment of 30,000
    assert s.one_time_bonus == Decimal("237000.00")
    assert STATEMENTS["E003"].deferred_plan == ()  # the demo company defers nothing itself


def test_under_the_soe_rules_the_deferred_part_waits_for_the_terms_end():
    # E002's term began in 2025 (SoePay's earlier year): 2025–2027, so the 288,000 deferred
    # from 2026 is paid whole with the term's last close, on 2028-03-31
    assert [(e.date, e.value) for e in STATEMENTS["E002"].deferred_plan] == [
        (dt.date(2028, 3, 31), Decimal("288000.00"))]
    # E001's term 2024–2026 ends this year: 40% of 1,458,000 = 583,200 is paid after the
    # term's appraisal, on this close's pay date; paid now 874,800 is 60%: no deferral breach
    e001 = STATEMENTS["E001"]
    assert [(e.date, e.value) for e in e001.deferred_plan] == [
        (dt.date(2027, 3, 31), Decimal("583200.00"))]
    assert e001.appraisal.payout.paid_in_year == Decimal("874800.00")
    assert [b.rule for b in e001.soe_check.breaches] == ["soe.performance_cap"]


def test_a_company_deferring_more_than_the_soe_rules_keeps_its_own_share():
    # the company defers 50%, the SOE rules 40%: the CFO has the larger, 360,000 of 720,000
    policy = dataclasses.replace(DEMO_POLICY, bonus=BonusRules(deferral_share=0.5))
    s = pay_statement(appraise(demo_inputs()[1], policy), policy.soe, policy.incentives)
    assert s.appraisal.payout.deferred == Decimal("360000.00")
    assert [e.value for e in s.deferred_plan] == [Decimal("360000.00")]


def test_advances_above_payout_do_not_make_a_negative_bonus():
    s = STATEMENTS["E012"]  # due now −126,000 (to recover): no one-time bonus to tax
    assert s.appraisal.payout.due_now < 0
    assert (s.one_time_bonus, s.bonus_tax, s.trap) == (0, 0, None)
    # SAR-2024: 36,000 exercised at 26.00 over 18.00, capped at 6.00 a unit = 216,000 equity
    # income; 216,000 on the annual table: 20% − 16,920 = 26,280
    assert (s.equity_income, s.equity_tax) == (Decimal("216000.00"), Decimal("26280.00"))
    # the SARs pay cash; the 126,000 overpaid is taken back from it:
    # 216,000 − 26,280 − 126,000 = 63,720
    assert (s.in_kind, s.to_recover, s.net_cash) == (0, Decimal("126000.00"),
                                                     Decimal("63720.00"))


def test_nothing_to_tax_needs_no_tax_table():
    # E012 has nothing to tax as a bonus (due now −126,000); paid in 2028, after the last
    # one-time bonus table xlperf knows (to 2027-12-31), the statement is still made
    item = dataclasses.replace(demo_inputs()[11], pay_date=dt.date(2028, 3, 31))
    s = pay_statement(appraise(item))
    assert (s.one_time_bonus, s.bonus_tax) == (0, 0)


def test_a_bonus_in_the_trap_is_flagged():
    s = STATEMENTS["E006"]  # 505,000 − 3 × 63,125 advances = 315,625 in 300,000–318,333.33
    assert s.one_time_bonus == Decimal("315625.00")
    assert s.trap.in_trap and s.trap.edge == Decimal("300000.00")


def test_unrealised_events_are_listed_but_not_paid():
    s = STATEMENTS["E004"]  # the 2025 sales condition was not met: tranche 3 bought back
    assert [e.kind for e in s.events] == ["forfeit"]
    assert s.equity_income == 0 and s.gross == s.one_time_bonus


def test_an_unlock_whose_condition_is_not_assessed_is_neither_paid_nor_taxed():
    # E001's RS-2023 tranche 3 (60,000 shares, 2026-03-15) with its condition unknown:
    # listed as estimated, but no equity income and no dividends reach the statement
    item = demo_inputs()[0]
    grants = tuple(dataclasses.replace(g, conditions_met=(True, True, None))
                   if g.grant_id == "RS-2023" else g for g in item.grants)
    s = pay_statement(appraise(dataclasses.replace(item, grants=grants)))
    unlock = next(e for e in s.events if e.grant_id == "RS-2023" and e.kind == "unlock")
    assert unlock.estimated
    assert "RS-2023 unlock" not in [line.income.label for line in s.equity_lines]
    assert s.dividends == 0
    known = STATEMENTS["E001"]
    assert known.equity_income - s.equity_income == Decimal("738000.00")  # that unlock's


@given(st.sampled_from(sorted(STATEMENTS)))
def test_net_pay_never_exceeds_gross(ex_id):
    s = STATEMENTS[ex_id]
    assert Decimal(0) <= s.net <= s.gross


def test_incentive_income_bridges_the_settlement_to_the_net_cash():
    # E002: gross 237,000 + 369,000 + 31,500 = 637,500 less the settlement 207,000 paid now
    # = 430,500 (the 2024 instalment 30,000 + the unlock 369,000 + dividends 31,500);
    # 207,000 + 430,500 − 369,000 in shares − 104,370 tax = 164,130, the net cash
    s = STATEMENTS["E002"]
    assert s.incentive_income == Decimal("430500.00")
    assert s.tax == Decimal("104370.00")
    assert s.net_cash == Decimal("164130.00")
    # E012 owes 126,000 of advances: −126,000 + 216,000 SAR − 26,280 tax = 63,720
    s = STATEMENTS["E012"]
    assert s.incentive_income == Decimal("216000.00")
    assert s.appraisal.payout.due_now + s.incentive_income - s.tax == s.net_cash


@given(st.sampled_from(sorted(STATEMENTS)),
       st.lists(st.decimals(0, 400_000, places=2), max_size=3))
def test_the_summary_row_adds_across(ex_id, advances):
    """Settlement due + incentive income − in kind − tax = net cash, to the cent, whether
    the advances leave something due or something to recover."""
    item = next(d for d in demo_inputs() if d.executive.id == ex_id)
    s = pay_statement(appraise(dataclasses.replace(item, advances=tuple(advances),
                                                   advance_quarters=())))
    due = s.appraisal.payout.due_now
    assert due + s.incentive_income - s.in_kind - s.tax == s.net_cash


def test_a_clawback_of_an_earlier_years_payment_never_lowers_this_years_taxable_bonus():
    # deferred cash of 90,000 granted 2024-03-31, a third on each anniversary: 30,000 paid
    # 2025-03-31 and 2026-03-31, 30,000 due 2027-03-31. Everything is clawed back on
    # 2026-12-01: the 2027 instalment is withheld, both paid instalments are to be returned.
    from xlperf.rules.incentives import DeferredCashGrant, EventKind

    grant = DeferredCashGrant("2024-03-31", 90000, grant_id="DC-2024",
                              clawbacks=[("2026-12-01", None)])
    item = dataclasses.replace(demo_inputs()[1], grants=(grant,),
                               pay_date=dt.date(2026, 12, 31))
    s = pay_statement(appraise(item))
    claws = [(e.tranche, e.value) for e in s.events if e.kind is EventKind.CLAWBACK]
    assert claws == [(1, Decimal("-30000.00")), (2, Decimal("-30000.00"))]  # one each
    # tax year 2026: the settlement 207,000 + the 2026 instalment 30,000 − its own clawback
    # 30,000 = 207,000; / 12 = 17,250 → 20% − 1,410: 39,990. The 2025 instalment's 30,000
    # was taxed in 2025: returned from the cash, not deducted from 2026's bonus (which would
    # have made it 177,000 and the tax 33,990).
    assert [(line.tax_year, line.amount, line.tax) for line in s.bonus_lines] == [
        (2026, Decimal("207000.00"), Decimal("39990.00"))]
    assert s.clawed_back_earlier == Decimal("30000.00")
    # net cash = 207,000 − 39,990 tax − 30,000 returned = 137,010
    assert (s.net, s.net_cash) == (Decimal("137010.00"), Decimal("137010.00"))
    assert s.appraisal.payout.due_now + s.incentive_income - s.in_kind - s.tax == s.net_cash


def test_a_clawback_in_the_payments_year_cancels_the_payment():
    """docs/incentives.md's example: E002's deferred cash (90,000 granted 2025-03-31, a third
    a year: 30,000 paid 2026-03-31), clawed back in 2026."""
    from xlperf.rules.incentives import Clawback, DeferredCashGrant, EventKind

    item = next(d for d in demo_inputs() if d.executive.id == "E002")

    def statement(*clawbacks):
        grants = tuple(dataclasses.replace(g, clawbacks=clawbacks)
                       if isinstance(g, DeferredCashGrant) else g for g in item.grants)
        return pay_statement(appraise(dataclasses.replace(item, grants=grants)))

    def summary(s):
        return (s.cash_incentives, [(line.tax_year, line.amount, line.tax)
                                    for line in s.bonus_lines],
                s.clawed_back_earlier, s.tax, s.net_cash)

    plain = statement()
    assert summary(plain) == (Decimal("30000.00"), [
        (2026, Decimal("30000.00"), Decimal("900.00")),
        (2027, Decimal("207000.00"), Decimal("39990.00"))], 0, Decimal("104370.00"),
        Decimal("164130.00"))
    # everything, on 2026-09-30: the 2027 and 2028 instalments withheld, the 2026 one
    # recovered — as if never paid (the same as a clawback before the payment): no 2026
    # one-time bonus, nothing taxed, nothing on the earlier years' line
    whole = statement(Clawback(dt.date(2026, 9, 30)))
    assert [(e.kind, e.value) for e in whole.events if e.grant_id == "DC-2024"] == [
        (EventKind.PAYMENT, Decimal("30000.00")), (EventKind.FORFEIT, Decimal("60000.00")),
        (EventKind.CLAWBACK, Decimal("-30000.00"))]
    before = statement(Clawback(dt.date(2026, 1, 15)))
    assert summary(whole) == summary(before) == (0, [
        (2027, Decimal("207000.00"), Decimal("39990.00"))], 0, Decimal("103470.00"),
        Decimal("135030.00"))
    # withheld from what is unpaid first: 30,000 leaves the 2026 payment as it was
    assert summary(statement(Clawback(dt.date(2026, 9, 30), 30000))) == summary(plain)
    # 70,000: 60,000 withheld, 10,000 of the 2026 payment recovered — its tax year's bonus
    # is the 20,000 left, dated the clawback day
    part = statement(Clawback(dt.date(2026, 9, 30), 70000))
    assert [(line.paid_on, line.amount, line.tax) for line in part.bonus_lines][0] == (
        dt.date(2026, 9, 30), Decimal("20000.00"), Decimal("600.00"))
    assert (part.clawed_back_earlier, part.net_cash) == (0, Decimal("154430.00"))


def test_a_years_taxable_income_beyond_ten_to_the_fifteen_is_refused_naming_its_parts():
    """Four restricted-stock grants each within 10^15 (6 × 10^13 shares at a grant price of 0,
    16 at grant): their 2026 unlocks and dividends together pass it."""
    from xlperf.errors import InputError
    from xlperf.rules.incentives import RestrictedStockGrant

    item = next(d for d in demo_inputs() if d.executive.id == "E002")
    rs = next(g for g in item.grants if isinstance(g, RestrictedStockGrant))
    big = tuple(dataclasses.replace(rs, quantity=6 * 10**13, grant_price=0, grant_id=f"RS-{i}")
                for i in range(4))
    with pytest.raises(InputError, match=r"^taxable income of the year \(one-time bonus "
                                         r"237,000 \+ equity income [\d,]+ \+ dividends "
                                         r"[\d,]+\) is more than 10\^15, too large an amount$"):
        pay_statement(appraise(dataclasses.replace(item, grants=item.grants + big)))
    two = pay_statement(appraise(dataclasses.replace(item, grants=item.grants + big[:2])))
    assert two.gross < 10**15
