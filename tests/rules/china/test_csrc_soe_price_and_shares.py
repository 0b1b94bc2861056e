"""Known answers: SASAC's price floor for state-controlled companies, and the size-cap
messages' percentages (a share above the limit is never shown equal to it)."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from xlperf.errors import InputError
from xlperf.rules.china import csrc, csrc_rules
from xlperf.rules.china.csrc import EquityPlan, Participant, ReferencePrices, Tranche

TRANCHES = (Tranche(12, 24, 40), Tranche(24, 36, 30), Tranche(36, 48, 30))
# The fair market price (公平市场价格): the higher of the previous close 10.00 and the 30-day
# average close 9.80 = 10.00. No CSRC reference prices: only the SASAC floor is checked.
SOE_ONLY = ReferencePrices(previous_close=D("10.00"), average_close_30=D("9.80"))


def soe_plan(instrument: str, price: str, reference: ReferencePrices = SOE_ONLY,
             **changes) -> EquityPlan:
    terms = dict(instrument=instrument, grant_price=D(price), reference=reference,
                 tranches=TRANCHES, share_capital=D(100_000_000),
                 participants=(Participant("张三", 500_000),), regime="soe",
                 announced="2025-03-01")
    return EquityPlan(**{**terms, **changes})


# --- SASAC price rule (国有控股上市公司) ---------------------------------------------------------

def test_the_rule_data_says_50_percent_for_restricted_stock_and_100_for_options():
    [rule] = csrc_rules.SOE_PRICE_VERSIONS
    assert (rule.restricted_stock_price_share, rule.option_price_share) == (D("0.5"), D(1))
    assert rule.price_share(csrc_rules.RESTRICTED_STOCK) == D("0.5")
    assert rule.price_share(csrc_rules.OPTION) == D(1)
    assert rule.cite(csrc_rules.RESTRICTED_STOCK).document == "国资考分〔2020〕178号"
    assert rule.cite(csrc_rules.OPTION).document == "国资发分配〔2006〕175号"
    assert rule.cite(csrc_rules.OPTION).article == "第十八条"
    assert csrc_rules.soe_price_rule("2006-09-30") is rule


@pytest.mark.parametrize(("price", "ok"), [
    ("5.00", True),    # 50% of the fair market price 10.00: at the floor
    ("4.999", False),  # 49.99%
    ("10.00", True),
])
def test_restricted_stock_may_be_granted_at_half_the_fair_market_price(price, ok):
    assert csrc.check_plan(soe_plan("限制性股票", price)).ok is ok


def test_the_restricted_stock_breach_names_the_50_percent_and_both_sources():
    [breach] = csrc.check_plan(soe_plan("restricted stock", "4.999")).breaches
    assert (breach.rule, breach.actual, breach.limit) == ("soe.price_floor", D("4.999"),
                                                          D("5.00"))
    assert breach.source.document == "国资考分〔2020〕178号"
    assert breach.source.title == "中央企业控股上市公司实施股权激励工作指引"
    assert breach.message == (
        "The grant price (授予价格) 4.999 is below the state-controlled floor of 5.00: 50% of "
        "the fair market price (公平市场价格), the higher of the previous trading day's "
        "closing price (前1个交易日收盘价) 10.00 and the 30-trading-day average closing price "
        "(前30个交易日平均收盘价) 9.80 (国资发分配〔2006〕175号《国有控股上市公司（境内）实施股权"
        "激励试行办法》 第十八条).")
    assert str(breach).endswith(
        "[国资考分〔2020〕178号《中央企业控股上市公司实施股权激励工作指引》]")


@pytest.mark.parametrize(("price", "ok"), [
    ("10.00", True),   # 100% of the fair market price
    ("9.999", False),  # 99.99%
    ("5.00", False),   # the restricted-stock discount does not apply to options
])
def test_an_option_s_exercise_price_may_not_go_below_the_fair_market_price(price, ok):
    assert csrc.check_plan(soe_plan("股票期权", price)).ok is ok


def test_the_option_breach_cites_175_article_18():
    [breach] = csrc.check_plan(soe_plan("option", "9.999")).breaches
    assert (breach.rule, breach.limit) == ("soe.price_floor", D("10.00"))
    assert breach.source.document == "国资发分配〔2006〕175号"
    assert breach.source.article == "第十八条"
    assert "floor of 10.00: the fair market price (公平市场价格), the higher of" in breach.message


def test_the_documented_known_answers_with_both_floors():
    # docs/china.md: fair market price 10.10 (close 10.10, 30-day 9.80); CSRC prices 10.00 /
    # 9.60 give a CSRC floor of 5.00, so the SASAC floor 5.05 binds for restricted stock.
    both = ReferencePrices(D("10.00"), D("9.60"), 20, D("10.10"), D("9.80"))
    assert csrc.check_plan(soe_plan("rs", "5.05", both)).ok
    [breach] = csrc.check_plan(soe_plan("rs", "5.04", both)).breaches
    assert (breach.rule, breach.limit) == ("soe.price_floor", D("5.05"))
    assert csrc.check_plan(soe_plan("option", "10.10", both)).ok
    assert [b.rule for b in csrc.check_plan(soe_plan("option", "10.09", both)).breaches] == [
        "soe.price_floor"]


@pytest.mark.parametrize(("instrument", "csrc_prices", "expected"), [
    ("restricted stock", (None, None), "5.25"),   # 50% × max(10.20, 10.50)
    ("option", (None, None), "10.5"),             # 100% × max(10.20, 10.50)
    ("rs", ("12", "9.6"), "6"),                   # CSRC 50% × 12 = 6 > SASAC 5.25
    ("rs", ("10", "9.6"), "5.25"),                # SASAC 5.25 > CSRC 50% × 10 = 5
])
def test_price_floor_scalar_state_controlled(instrument, csrc_prices, expected):
    assert csrc.price_floor(instrument, *csrc_prices, previous_close="10.2",
                            average_close_30="10.5", regime="soe",
                            on="2025-03-01") == D(expected)


@pytest.mark.parametrize("csrc_prices", [("12", None), (None, "11.5")])
def test_one_csrc_price_alone_is_an_error_not_a_floor_left_out(csrc_prices):
    """Under the state-controlled regime the CSRC floor is checked too when its prices are
    given: one of the two alone would leave it out (12 → 12.00 for an option) unseen."""
    with pytest.raises(InputError, match="20/60/120-day average price"):
        csrc.price_floor("option", *csrc_prices, previous_close="10.5",
                         average_close_30="10.1", regime="soe", on="2025-03-01")


# --- size caps: the share shown is above the limit it breaks ----------------------------------

def _shown(message: str, before: str) -> D:
    """The percentage a message shows just before ``before`` (``10.000004%`` → 0.10000004)."""
    [number] = re.findall(r"([0-9.]+)% " + re.escape(before), message)
    return D(number) / 100


def sized(plan_shares: int, held: int = 500_000, capital: int = 1_000_000_000,
          special: bool = False) -> EquityPlan:
    return EquityPlan("限制性股票", D("5.00"), ReferencePrices(D("10.00"), D("9.60")), TRANCHES,
                      D(capital), (Participant("张三", held, special_resolution=special),),
                      plan_shares=D(plan_shares), announced="2025-03-01")


@pytest.mark.parametrize(("plan_shares", "shown"), [
    (104_000_000, "10.4%"),           # 10.4%: shown as is
    (100_400_000, "10.04%"),
    (100_000_040, "10.000004%"),      # 4 decimals would read 10%
    (100_000_001, "10.0000001%"),
])
def test_the_total_cap_message_shows_the_share_above_the_limit(plan_shares, shown):
    [breach] = [b for b in csrc.check_plan(sized(plan_shares)).breaches
                if b.rule == "csrc.total_cap"]
    assert f", {shown} of the share capital of 1,000,000,000; the limit is 10% (" in \
        breach.message
    assert breach.limit < _shown(breach.message, "of the share capital") <= breach.actual


def test_exactly_at_the_total_cap_is_no_breach():
    assert csrc.check_plan(sized(100_000_000)).ok


@pytest.mark.parametrize(("held", "shown"), [
    (10_000_001, "1.0000001%"),  # 4 decimals would read 1%
    (10_400_000, "1.04%"),
    (10_416_667, "1.0417%"),     # 4 decimals, rounded, as before
])
def test_the_individual_cap_message_shows_the_share_above_the_limit(held, shown):
    [breach] = csrc.check_plan(sized(20_000_000, held)).breaches
    assert breach.rule == "csrc.individual_cap"
    assert f"through all live plans, {shown} of the share capital; one participant may hold " \
           "at most 1% unless" in breach.message
    assert _shown(breach.message, "of the share capital") > breach.limit


def test_the_special_resolution_note_shows_the_share_above_the_limit_too():
    result = csrc.check_plan(sized(20_000_000, 10_000_001, special=True))
    assert result.ok
    assert result.notes == ("张三 holds 1.0000001% of the share capital through all live plans, "
                            "above the 1% limit, approved by a special resolution of the "
                            "shareholders' meeting (股东大会特别决议).",)


@pytest.mark.parametrize("excess", [1, 7, 49, 50, 51, 99, 999_999, 1_000_001])
def test_any_excess_reads_above_the_limit_and_not_above_the_true_share(excess):
    # a ratio just above 10% by excess ÷ 10^12: never shown as 10%, never rounded up past it
    plan = sized(100_000_000_000 + excess, capital=1_000_000_000_000)
    [breach] = [b for b in csrc.check_plan(plan).breaches if b.rule == "csrc.total_cap"]
    value = _shown(breach.message, "of the share capital")
    assert D("0.1") < value
    # 4 decimals of a percent, rounded as before, or more digits cut: never above the share
    assert value == breach.actual.quantize(D("0.000001")) or value <= breach.actual


def test_soe_rules_read_a_grade_by_either_of_its_spellings():
    from xlperf.rules.china.soe import SoePayRules
    from xlperf.rules.grades import spellings
    assert spellings("卓越") == ("卓越", "S") and spellings("C") == ("C", "基本称职")
    assert spellings("良好") == ("良好",)
    rules = SoePayRules()
    assert rules.failed("卓越") is False and rules.failed("不称职") is True
    # a company failing C fails its word 基本称职 too, though 基本称职 is a default passing word
    strict = SoePayRules(failed_grades=("C", "D"))
    assert strict.failed("基本称职") is True and strict.failed("卓越") is False
    with pytest.raises(InputError, match=r"give S, A, B, C, D or a word such as 卓越") as error:
        rules.failed("X", "2024 grade")
    assert "policy" not in str(error.value)
