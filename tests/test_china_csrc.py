"""Equity-incentive plans against the CSRC measures and the state-controlled price rule.

One compliant restricted-stock plan, then one variant per rule that breaks exactly that rule
once; the check must name it (and nothing else). A plan that breaks everything gets every
breach, not only the first.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest

from xlperf.errors import InputError, InputErrors
from xlperf.rules.china import csrc
from xlperf.rules.china.csrc import EquityPlan, Participant, ReferencePrices, Tranche

# Reference prices before the draft: previous day's average 10.00, 20-day average 9.60.
# Restricted-stock floor = 50% × max(10.00, 9.60) = 5.00; option floor = 10.00.
PRICES = ReferencePrices(previous_day_average=D("10.00"), period_average=D("9.60"),
                         period_days=20)
TRANCHES_40_30_30 = (Tranche(12, 24, 40), Tranche(24, 36, 30), Tranche(36, 48, 30))

# Compliant: price at the floor; unlocks at 12/24/36 months, 12 months each, ≤ 50% each;
# 5,000,000 + 4,000,000 other live shares = 9% of 100,000,000; 张三 exactly 1%,
# 李四 500,000 + 400,000 = 0.9%.
COMPLIANT = EquityPlan(
    instrument="限制性股票", grant_price=D("5.00"), reference=PRICES, tranches=TRANCHES_40_30_30,
    share_capital=D(100_000_000), participants=(
        Participant("张三", 1_000_000), Participant("李四", 500_000, other_plan_shares=400_000)),
    plan_shares=D(5_000_000), other_plan_shares=D(4_000_000), announced="2025-03-01",
    name="2025 restricted stock plan")


def rules_broken(plan: EquityPlan) -> list[str]:
    return [b.rule for b in csrc.check_plan(plan).breaches]


def test_the_compliant_plan_breaks_nothing():
    result = csrc.check_plan(COMPLIANT)
    assert result.ok and result.breaches == () and result.notes == ()
    assert COMPLIANT.instrument == "restricted_stock"


def variant(**changes) -> EquityPlan:
    return dataclasses.replace(COMPLIANT, **changes)


@pytest.mark.parametrize(("rule", "plan"), [
    # 5.00 < par value 6.00 (the price floor 5.00 is still met)
    ("csrc.par_value", variant(par_value=D(6))),
    # 4.99 < 50% × 10.00
    ("csrc.price_floor", variant(grant_price=D("4.99"))),
    # a 30-day average is not one of the 20/60/120-day windows
    ("csrc.price_window", variant(reference=dataclasses.replace(PRICES, period_days=30))),
    # first unlock 11 months after grant (period 1 still lasts 13 months, to month 24)
    ("csrc.first_period", variant(tranches=(Tranche(11, 24, 40),) + TRANCHES_40_30_30[1:])),
    # period 2 runs months 24–30: 6 months (period 3, months 30–48, lasts 18)
    ("csrc.period_length", variant(tranches=(
        Tranche(12, 24, 40), Tranche(24, 30, 30), Tranche(30, 48, 30)))),
    # period 1 unlocks 60% > 50%
    ("csrc.tranche_share", variant(tranches=(
        Tranche(12, 24, 60), Tranche(24, 36, 20), Tranche(36, 48, 20)))),
    # the last period ends 132 months after grant > 120
    ("csrc.plan_life", variant(tranches=TRANCHES_40_30_30[:2] + (Tranche(36, 132, 30),))),
    # 5,000,000 + 6,000,000 = 11% of the share capital > 10%
    ("csrc.total_cap", variant(other_plan_shares=D(6_000_000))),
    # 张三 1,000,001 shares = 1.000001% > 1%
    ("csrc.individual_cap", variant(participants=(
        Participant("张三", 1_000_001), Participant("李四", 500_000)))),
])
def test_each_rule_broken_once_is_named_once(rule, plan):
    assert rules_broken(plan) == [rule]


def test_breach_messages_are_plain_words_with_the_chinese_term_and_article():
    [floor] = csrc.check_plan(variant(grant_price=D("4.99"))).breaches
    assert str(floor) == (
        "The grant price (授予价格) 4.99 is below the floor of 5.00: 50% of the higher of the "
        "previous trading day's average price (前1个交易日交易均价) 10.00 and the "
        "20-trading-day average price (前20个交易日交易均价) 9.60. "
        "[中国证监会令第126号（2018年证监会令第148号修改）《上市公司股权激励管理办法》 第二十三条]")
    assert (floor.actual, floor.limit) == (D("4.99"), D("5.00"))
    [person] = csrc.check_plan(variant(participants=(Participant("张三", 1_500_000),))).breaches
    assert person.subject == "张三"
    assert person.message.startswith("张三 holds 1,500,000 shares through all live plans, 1.5% of "
                                     "the share capital; one participant may hold at most 1%")


def test_a_plan_breaking_everything_gets_every_breach_in_order():
    plan = variant(
        grant_price=D("0.50"), par_value=D(1),
        reference=dataclasses.replace(PRICES, period_days=30),
        tranches=(Tranche(6, 12, 60), Tranche(12, 18, 20), Tranche(24, 132, 20)),
        other_plan_shares=D(6_000_000),
        participants=(Participant("张三", 1_500_000), Participant("王五", 2_000_000)))
    assert rules_broken(plan) == [
        "csrc.par_value", "csrc.price_window", "csrc.price_floor", "csrc.first_period",
        "csrc.period_length", "csrc.tranche_share", "csrc.period_length", "csrc.plan_life",
        "csrc.total_cap", "csrc.individual_cap", "csrc.individual_cap"]
    assert [b.subject for b in csrc.check_plan(plan).breaches][4:7] == [
        "period 1", "period 1", "period 2"]


def test_a_special_resolution_allows_more_than_1_percent_with_a_note():
    plan = variant(participants=(Participant("张三", 2_000_000, special_resolution="是"),))
    result = csrc.check_plan(plan)
    assert result.ok
    assert result.notes == ("张三 holds 2% of the share capital through all live plans, above the "
                            "1% limit, approved by a special resolution of the shareholders' "
                            "meeting (股东大会特别决议).",)


OPTIONS = variant(instrument="股票期权", grant_price=D("10.00"))


def test_options_floor_is_the_full_reference_price():
    assert csrc.check_plan(OPTIONS).ok  # 10.00 = 100% × max(10.00, 9.60)
    [floor] = csrc.check_plan(dataclasses.replace(OPTIONS, grant_price=D("9.99"))).breaches
    assert floor.rule == "csrc.price_floor" and floor.source.article == "第二十九条"
    assert floor.message.startswith("The exercise price (行权价格) 9.99 is below the floor of "
                                    "10.00: the higher of")


def test_option_periods_may_not_overlap():
    # period 2 starts at month 24 before period 1 (months 12–30) ends; lengths 12 and 24
    plan = dataclasses.replace(OPTIONS, tranches=(Tranche(12, 30, 50), Tranche(24, 48, 50)))
    assert rules_broken(plan) == ["csrc.period_overlap"]
    # the same windows for restricted stock are not an overlap breach
    assert rules_broken(variant(tranches=(Tranche(12, 30, 50), Tranche(24, 48, 50)))) == []


# State-controlled (国有控股): previous close 10.10, 30-day average close 9.80 → floor 10.10
SOE_PRICES = dataclasses.replace(PRICES, previous_close=D("10.10"), average_close_30=D("9.80"))


def test_state_controlled_regime_applies_the_close_price_rule():
    # 5.00 meets CSRC; the SOE floor for restricted stock is 50% of the fair market price
    # max(10.10, 9.80) = 10.10, so 5.05
    plan = variant(regime="国有控股", reference=SOE_PRICES)
    assert plan.regime == "soe"
    [breach] = csrc.check_plan(plan).breaches
    assert breach.rule == "soe.price_floor" and breach.limit == D("5.05")
    assert breach.source.document == "国资考分〔2020〕178号"
    assert "50% of the fair market price (公平市场价格)" in breach.message
    assert "previous trading day's closing price (前1个交易日收盘价) 10.10" in breach.message
    assert csrc.check_plan(dataclasses.replace(plan, grant_price=D("5.05"))).ok


def test_state_controlled_regime_without_csrc_prices_notes_the_unchecked_floor():
    prices = ReferencePrices(previous_close=D("10.10"), average_close_30=D("9.80"))
    result = csrc.check_plan(variant(regime="soe", reference=prices, grant_price=D("10.10")))
    assert result.ok
    assert result.notes[0].startswith("CSRC price floor (中国证监会令第126号")


@pytest.mark.parametrize(("args", "expected"), [
    (("限制性股票", 10, "9.6"), "5.0"),                  # 50% × 10
    (("option", 10, "9.6"), "10"),                        # 100% × 10
    (("option", "9.5", "9.8"), "9.8"),                    # the period average is higher
])
def test_price_floor_scalar(args, expected):
    assert csrc.price_floor(*args, on="2025-03-01") == D(expected)


def test_price_floor_scalar_state_controlled():
    # restricted stock: max(CSRC 50% × 10 = 5, SOE 50% × max(10.2, 10.5) = 5.25)
    assert csrc.price_floor("rs", 10, "9.6", previous_close="10.2", average_close_30="10.5",
                            regime="soe", on="2025-03-01") == D("5.25")
    assert csrc.price_floor("rs", previous_close="10.2", average_close_30="10.5",
                            regime="soe", on="2025-03-01") == D("5.25")
    # options: the whole fair market price
    assert csrc.price_floor("option", previous_close="10.2", average_close_30="10.5",
                            regime="soe", on="2025-03-01") == D("10.5")
    with pytest.raises(InputError, match="30-day average closing price"):
        csrc.price_floor("rs", 10, 9, regime="soe", on="2025-03-01")


def test_rules_before_the_measures_are_a_clear_error():
    with pytest.raises(InputError, match="no CSRC equity-incentive measures .* applies on "
                                         "2016-08-12"):
        csrc.check_plan(variant(announced="2016-08-12"))


def test_bad_plans_are_input_errors_listing_every_problem():
    with pytest.raises(InputErrors) as caught:
        EquityPlan("warrant", -1, ReferencePrices(), (Tranche(12, 24, 50),), 0, regime="x")
    messages = [e.message for e in caught.value.errors]
    assert messages == [
        'instrument is "warrant", expected restricted stock (限制性股票) or option (股票期权)',
        "share capital (股本总额) is 0, expected the company's total shares",
        "the periods' shares add to 50%, expected 100% of the grant",
        'regime is "x", expected csrc or soe (state-controlled, 国有控股)']


@pytest.mark.parametrize(("build", "words"), [
    (lambda: Tranche(24, 12, 50), "period ends at month 12, not after its start at month 24"),
    (lambda: Tranche(12, 24, 150), "expected a share from 0 to 100%"),
    (lambda: ReferencePrices(previous_day_average=0), "expected a market price above 0"),
    (lambda: variant(reference=ReferencePrices()), "the CSRC price floor needs"),
    (lambda: variant(plan_shares=D(1_000)), "plan shares \\(1,000\\) are fewer than"),
    (lambda: Participant("", 10), "participant name is empty"),
    (lambda: variant(participants=(Participant("张三", 1), Participant("张三", 2))),
     "^participant 张三 is listed more than once: give one row per participant$"),
    (lambda: variant(reference=None), "needs its reference prices"),
])
def test_bad_parts_are_input_errors(build, words):
    with pytest.raises(InputError, match=words):
        build()


def test_a_price_floor_is_a_whole_fen_rounded_up():
    from xlperf.rules.china.csrc import price_floor
    # 50% × max(9.61, 10.21) = 5.105: no price of 5.105 can be quoted; 5.10 is below it,
    # 5.11 the lowest price that is not
    assert price_floor("restricted stock", D("9.61"), D("10.21")) == D("5.11")
    # options: 100% × 10.215 → 10.22; an exact fen stays (10.20)
    assert price_floor("option", D("9.61"), D("10.215")) == D("10.22")
    assert price_floor("option", D("9.61"), D("10.20")) == D("10.20")
    # state-controlled: 50% × max(10.11, 9.80) = 5.055 → 5.06
    assert price_floor("restricted stock", previous_close=D("10.11"),
                       average_close_30=D("9.80"), regime="soe") == D("5.06")
