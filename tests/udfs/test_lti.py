"""Level 1 for the long-term incentive functions (category "xlperf incentives").

Known answers derived by hand (the derivation beside each number), the Excel shapes the
wrappers add (dates as datetimes, serial numbers or text; schedules as ranges or texts;
spilled tables) and properties. The rules themselves are tested in tests/rules/incentives.
"""

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import xlperf.udfs as xp
from xlperf.rules.incentives import VestingSchedule, black_scholes
from xlperf.udfs.cells import excel_value
from xlperf.udfs.lti import VESTING_HEADER

GRANT = dt.datetime(2024, 3, 15)
GRADED = "graded 40/30/30"
GRADED_TABLE = [[12, 0.4], [24, 0.3], [36, 0.3]]


def day(y, m, d):
    return dt.datetime(y, m, d)


# --- options ---------------------------------------------------------------------------------

def test_black_scholes_hull_example():
    # Hull, Options, Futures and Other Derivatives: S=42, K=40, r=10%, σ=20%, T=0.5.
    # d1 = (ln(42/40) + (0.10 + 0.2²/2) × 0.5) / (0.2 × √0.5) = (0.04879 + 0.06) / 0.14142
    #    = 0.7693; d2 = d1 − 0.14142 = 0.6278; N(d1) = 0.7791, N(d2) = 0.7349
    # call = 42 × 0.7791 − 40 e^(−0.05) × 0.7349 = 32.72 − 27.96 = 4.76
    # put  = 40 e^(−0.05) × N(−d2) − 42 × N(−d1) = 38.049 × 0.2651 − 42 × 0.2209 = 0.81
    call = xp.XP_OPTION_BS(42, 40, 0.5, 0.1, 0.2)
    put = xp.XP_OPTION_BS(42, 40, 0.5, 0.1, 0.2, 0, "put")
    assert round(call, 2) == 4.76
    assert round(put, 2) == 0.81
    # put-call parity: c − p = S − K e^(−rT) = 42 − 38.0492 = 3.9508
    assert call - put == pytest.approx(42 - 40 * math.exp(-0.05), abs=1e-9)


def test_black_scholes_with_a_dividend_yield_and_excel_shapes():
    # Hull's index option: S=930, K=900, r=8%, q=3%, σ=20%, T=2 months → 51.83
    assert round(xp.XP_OPTION_BS(930, 900, 2 / 12, 0.08, 0.2, 0.03), 2) == 51.83
    # percent text and Chinese option types are read as the core reads them
    assert xp.XP_OPTION_BS(42, 40, 0.5, "10%", "20%", None, "认沽") == pytest.approx(
        xp.XP_OPTION_BS(42, 40, 0.5, 0.1, 0.2, 0, "put"))
    # a column of spots spills; a blank spot is a blank cell
    column = xp.XP_OPTION_BS([[42], [None], [40]], 40, 0.5, 0.1, 0.2)
    assert column[1] == [None] and column[0][0] == pytest.approx(4.7594, abs=1e-4)
    # 20 typed for 20%: refused with a hint
    assert xp.XP_OPTION_BS(42, 40, 0.5, 0.1, 20).startswith("#XP! volatility is 20, expected a "
                                                             "fraction such as 0.3 (30%)")
    assert xp.XP_OPTION_BS(42, 40, 0.5, 0.1, 0.2, 0, "straddle") == (
        '#XP! option type is "straddle", expected call or put')


def test_black_scholes_refuses_what_cannot_be_valued():
    assert xp.XP_OPTION_BS(42, 40, 1e300, -0.5, 0.2) == (
        "#XP! years to expiry is 1e+300, expected at most 100")
    # a price beyond 10^15 is said as every price is, before e^(−rT) could overflow
    assert xp.XP_OPTION_BS(1e-308, 1e308, 100, -0.5, 0.2, 0, "put") == (
        "#XP! strike price is 1e+308, expected an amount of at most 1,000,000,000,000,000")
    # σ√T so small it underflows: the limit, the forward's intrinsic value 42 − 40 = 2
    assert xp.XP_OPTION_BS(42, 40, 1e-300, 0.1, 1e-300) == pytest.approx(2.0)


@given(st.floats(1, 500), st.floats(1, 500), st.floats(0.01, 10), st.floats(0, 0.15),
       st.floats(0.01, 1.5), st.floats(0, 0.1))
def test_option_value_lies_between_intrinsic_value_and_spot(spot, strike, years, rate, vol, q):
    value = xp.XP_OPTION_BS(spot, strike, years, rate, vol, q)
    assert value <= spot + 1e-9
    assert value >= xp.XP_INTRINSIC(spot * math.exp(-q * years),
                                    strike * math.exp(-rate * years)) - 1e-6
    # the core's number, as a cell shows it (noise past 15 digits cleaned by the registry)
    assert value == excel_value(black_scholes(spot, strike, years, rate, vol, q))


@pytest.mark.parametrize(("args", "expected"), [
    ((15, 10), 5.0),                      # max(0, 15 − 10)
    ((8, 10), 0.0),                       # under water
    ((8, 10, "put"), 2.0),                # a put: 10 − 8
    ((15, 10, None, 3000), 15000.0),      # 5 × 3,000 options
    ((10.555, 10, None, 3), 1.67),        # 0.555 × 3 = 1.665 → half-up 1.67
    ((4.8272, 4), 0.8272),                # per option: not rounded
])
def test_intrinsic_known_answers(args, expected):
    assert xp.XP_INTRINSIC(*args) == pytest.approx(expected, abs=1e-12)


# --- vesting -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("as_of", "expected"), [
    (day(2025, 3, 14), 0.0),    # a day before the first anniversary
    (day(2025, 3, 15), 0.4),    # first anniversary: 40%
    (day(2026, 3, 14), 0.4),
    (day(2026, 3, 15), 0.7),    # second: 40 + 30
    (day(2027, 3, 15), 1.0),    # third: everything
    (day(2030, 1, 1), 1.0),
])
@pytest.mark.parametrize("schedule", [GRADED, GRADED_TABLE, [[12, 40], [24, 30], [36, 30]],
                                      [["12", "40%"], ["24", "30%"], ["36", "30%"]]])
def test_vested_graded_40_30_30_on_anniversaries(as_of, expected, schedule):
    assert xp.XP_VESTED(GRANT, as_of, schedule) == pytest.approx(expected)


def test_vested_reads_every_date_shape():
    # desktop: datetimes; xlwings Lite: serial numbers (DATE(2024,3,15) = 45366,
    # DATE(2026,3,15) = 46096); text; a date-time serial keeps its day
    assert xp.XP_VESTED(45366.0, 46096.0, GRADED) == pytest.approx(0.7)
    assert xp.XP_VESTED("2024-03-15", "2026年3月15日", GRADED) == pytest.approx(0.7)
    assert xp.XP_VESTED(dt.date(2024, 3, 15), 46096.75, GRADED) == pytest.approx(0.7)
    assert xp.XP_VESTED(GRANT, 2026, GRADED) == (
        "#XP! as_of is 2026, a year: give a date such as 2026-12-31")
    assert xp.XP_VESTED(GRANT, "soon", GRADED) == (
        '#XP! as_of is "soon", expected a date such as 2024-01-31')
    assert xp.XP_VESTED(GRANT, None, GRADED) == "#XP! as-of date is empty, expected a date"
    assert xp.XP_VESTED(GRANT, "#N/A", GRADED) == "#XP! as_of is #N/A"


def test_vested_anniversaries_clamp_to_the_month_end():
    # granted 2024-01-31: + 1 month is 2024-02-29 (leap year), + 13 months 2025-02-28
    schedule = [[1, 0.5], [13, 0.5]]
    assert xp.XP_VESTED(day(2024, 1, 31), day(2024, 2, 28), schedule) == 0.0
    assert xp.XP_VESTED(day(2024, 1, 31), day(2024, 2, 29), schedule) == 0.5
    assert xp.XP_VESTED(day(2024, 1, 31), day(2025, 2, 28), schedule) == 1.0


def test_vested_leaving_and_columns():
    # left 2026-03-14, a day before the second anniversary: 40% vested for good
    assert xp.XP_VESTED(GRANT, day(2030, 1, 1), GRADED, day(2026, 3, 14)) == 0.4
    assert xp.XP_VESTED(GRANT, day(2030, 1, 1), GRADED, day(2026, 3, 15)) == 0.7
    # a column of grants, each with its own schedule text; a blank grant row stays blank
    grants = [[day(2024, 3, 15)], [None], [day(2023, 6, 30)]]
    schedules = [["graded 40/30/30"], [None], ["cliff 36"]]
    assert xp.XP_VESTED(grants, day(2026, 6, 30), schedules) == [[0.7], [None], [1.0]]
    # one table for all rows
    assert xp.XP_VESTED(grants, day(2026, 6, 30), GRADED_TABLE) == [[0.7], [None], [1.0]]
    # a bad schedule names what to fix
    assert xp.XP_VESTED(GRANT, GRANT, [[12, 0.4], [24, 0.3]]).startswith(
        "#XP! vesting fractions add to 70%, expected 100%")
    assert xp.XP_VESTED(GRANT, GRANT, "graded") == (
        '#XP! vesting schedule "graded" is not one xlperf reads: write "graded 40/30/30"')
    assert xp.XP_VESTED(GRANT, GRANT, [[12, "#N/A"]]) == "#XP! schedule row 1 is #N/A"


def test_vested_quantity_rounds_down_and_adds_up():
    # 1,001 at 40/30/30: floor(0.4 × 1001) = 400, floor(0.7 × 1001) = 700, then 1,001
    assert [xp.XP_VESTED_QTY(1001, GRANT, day(y, 3, 15), GRADED)
            for y in (2025, 2026, 2027)] == [400, 700, 1001]
    # left 2026-01-31: only the first tranche, 4,000 of 10,000
    assert xp.XP_VESTED_QTY(10000, GRANT, day(2027, 6, 30), GRADED, day(2026, 1, 31)) == 4000
    assert xp.XP_VESTED_QTY(1000.5, GRANT, GRANT, GRADED) == (
        "#XP! quantity is 1000.5, expected a whole number")
    assert xp.XP_VESTED_QTY(None, GRANT, GRANT, GRADED) is None


def test_vested_quantity_counts_a_tranche_once_its_condition_is_met():
    # 1,001 at 40/30/30 by 2027-03-15, conditions yes/no/? : the first tranche (400) only;
    # the second is forfeited, the third pending
    assert xp.XP_VESTED_QTY(1001, GRANT, day(2027, 3, 15), GRADED, None, "yes/no/?") == 400
    assert xp.XP_VESTED_QTY(1001, GRANT, day(2027, 3, 15), GRADED, None, "yes/yes/yes") == 1001
    # a column of grants, each with its own conditions cell; blank: service only
    assert xp.XP_VESTED_QTY([[1001], [1001]], GRANT, day(2027, 3, 15), GRADED, None,
                            [["no/yes/yes"], [None]]) == [[601], [1001]]
    assert xp.XP_VESTED_QTY(1001, GRANT, day(2027, 3, 15), GRADED, None, "yes/no") == (
        "#XP! conditions: 2 condition(s) for 3 tranche(s); give one per tranche (met, not "
        "met, or blank if not yet known)")


def test_vesting_table_spills_with_a_header():
    # 1,001 shares, 40/30/30 from 2024-03-15: 400 in 2025, 300 in 2026, the rest (301) in 2027
    assert xp.XP_VESTING_TABLE(GRANT, 1001, GRADED) == [
        VESTING_HEADER,
        [2025, 400, 400, 0.4, 0.4],
        [2026, 300, 700, 0.3, 0.7],
        [2027, 301, 1001, 0.3, 1.0]]
    # monthly over 48 months with a 12-month cliff, by plan year: 12/48 at the cliff, then
    # 1/48 a month: 1,200 shares of 4,800 in each plan year
    table = xp.XP_VESTING_TABLE(GRANT, 4800, "monthly 48 cliff 12", "plan")
    assert [row[:3] for row in table[1:]] == [[1, 1200, 1200], [2, 1200, 2400],
                                              [3, 1200, 3600], [4, 1200, 4800]]
    assert xp.XP_VESTING_TABLE(None, 1000, GRADED) is None
    assert xp.XP_VESTING_TABLE(GRANT, 1000, GRADED, "fiscal") == (
        '#XP! vesting table by is "fiscal", expected "calendar" or "plan"')
    # any case, and the Chinese words its help shows
    assert xp.XP_VESTING_TABLE(GRANT, 1000, GRADED, " Plan ") == xp.XP_VESTING_TABLE(
        GRANT, 1000, GRADED, "计划年度") == xp.XP_VESTING_TABLE(GRANT, 1000, GRADED, "plan")
    assert xp.XP_VESTING_TABLE(GRANT, 1000, [["graded 40/30/30"], ["cliff 12"]]) == (
        "#XP! schedule must be one cell, not a range")


schedules = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 9)), min_size=1,
                     max_size=6, unique_by=lambda t: t[0])


@given(schedules, st.integers(0, 2000), st.integers(1, 100_000))
def test_vested_never_decreases_reaches_one_and_matches_rounddown(rows, offset, quantity):
    total = sum(f for _, f in rows)
    table = [[m, f / total] for m, f in rows]
    days = [GRANT + dt.timedelta(days=d) for d in (offset, offset + 30, offset + 400, 2000)]
    fractions = [xp.XP_VESTED(GRANT, d, table) for d in days]
    assert fractions == sorted(fractions)
    assert xp.XP_VESTED(GRANT, day(2030, 1, 1), table) == pytest.approx(1.0)
    for d, f in zip(days, fractions, strict=True):
        # the workbook's ROUNDDOWN(XP_VESTED(...) × quantity, 0) agrees with XP_VESTED_QTY
        exact = VestingSchedule.from_rows(table).fraction_on(GRANT.date(), d.date())
        assert xp.XP_VESTED_QTY(quantity, GRANT, d, table) == math.floor(exact * quantity)
        assert f == excel_value(float(exact))  # as a cell shows it


# --- restricted stock, performance plans, SARs, phantom, deferred cash -----------------------

@pytest.mark.parametrize(("function", "args", "expected"), [
    (xp.XP_RS_VALUE, (15, 5, 4000), 40000.0),              # (15 − 5) × 4,000
    (xp.XP_RS_VALUE, (15, 5, 4000, 1.2), 44800.0),         # + 1.2 × 4,000 = 4,800
    (xp.XP_RS_VALUE, (4, 5, 1000), -1000.0),               # under water: (4 − 5) × 1,000
    (xp.XP_RS_VALUE, (5.005, 5, 1), 0.01),                 # 0.005 → half-up to the cent
    (xp.XP_PERF_PAYOUT, (1.05,), 1.125),                   # 100 + 5 × 50/20 = 112.5%
    (xp.XP_PERF_PAYOUT, (105,), 1.125),                    # the same typed as 105
    (xp.XP_PERF_PAYOUT, (0.8,), 0.5),                      # threshold pays 50%
    (xp.XP_PERF_PAYOUT, (79.99,), 0.0),                    # below threshold: nothing
    (xp.XP_PERF_PAYOUT, (1.3,), 1.5),                      # flat above the maximum 120%
    (xp.XP_PERF_PAYOUT, (0.9,), 0.75),                     # 50 + 10 × 50/20 = 75%
    # a curve of our own in numbers: 110 on (100,100)-(120,200) → 150%; in % cells alike
    (xp.XP_PERF_PAYOUT, (110, [[90, 0], [100, 100], [120, 200]]), 1.5),
    (xp.XP_PERF_PAYOUT, (1.1, [[0.9, 0], [1.0, 1], [1.2, 2]]), 1.5),
    (xp.XP_PERF_SHARES, (10000, 1.05), 11250),             # 10,000 × 112.5%
    (xp.XP_PERF_SHARES, (1001, 1.1), 1251),                # 1,001 × 125% = 1,251.25 → 1,251
    (xp.XP_PERF_SHARES, (10000, 0.75), 0),                 # below threshold
    (xp.XP_PERF_UNITS, (1000, 100, 1.05), 112500.0),       # 1,000 × ¥100 × 112.5%
    (xp.XP_PERF_UNITS, (1000, 100, 1.4), 150000.0),        # capped at 150%
    (xp.XP_SAR, (15, 10, 3000), 15000.0),                  # (15 − 10) × 3,000
    (xp.XP_SAR, (25, 10, 3000, 10), 30000.0),              # gain 15 capped at 10 × 3,000
    (xp.XP_SAR, (8, 10, 3000), 0.0),                       # under water: nothing
    (xp.XP_PHANTOM, (2000, 15), 30000.0),                  # full value 15 × 2,000
    (xp.XP_PHANTOM, (2000, 15, 10), 10000.0),              # appreciation (15 − 10) × 2,000
    (xp.XP_PHANTOM, (2000, 15, 10, 0.7), 11400.0),         # + 0.7 × 2,000 dividends
    (xp.XP_PHANTOM, (2000, 8, 10), 0.0),                   # below the base price
])
def test_incentive_values(function, args, expected):
    result = function(*args)
    assert result == expected and type(result) is type(expected)


def test_deferred_instalments_add_up_exactly():
    # 100,000 in thirds: 33,333.33 each leaves a cent, which goes to the first instalment
    assert xp.XP_DEFERRED(100000) == [[33333.34, 33333.33, 33333.33]]
    assert xp.XP_DEFERRED(100000, "graded 50/30/20") == [[50000.0, 30000.0, 20000.0]]
    # a column of amounts: one row each; blank rows blank; bad rows show their error
    result = xp.XP_DEFERRED([[90000], [None], [-5], [0.05]], [[12, 0.5], [24, 0.5]])
    assert result == [[45000.0, 45000.0], [None, None],
                      ["#XP! deferred amount is -5, expected zero or more", None],
                      [0.03, 0.02]]  # 5 cents: 2.5 each, the cent left to the first
    assert xp.XP_DEFERRED(None) is None
    assert xp.XP_DEFERRED([[1000, 2000]]) == (
        "#XP! amount is 1×2: give one cell or one column (each row spills a row of 3 cells)")


@given(st.decimals(min_value=0, max_value=10**9, places=2),
       st.sampled_from(["equal 3", "graded 50/30/20", "equal 7", "monthly 12"]))
def test_deferred_parts_add_up_to_the_amount(amount, schedule):
    parts = xp.XP_DEFERRED(float(amount), schedule)[0]
    assert sum(round(p * 100) for p in parts) == round(amount * 100)


# --- the lifecycle guide -------------------------------------------------------------------------

@pytest.mark.parametrize(("stage", "starts"), [
    ("start-up", "Start-up: stock appreciation rights and long-term cash plans."),
    ("初创", "Start-up:"), ("growth", "Fast growth: stock appreciation rights and stock "
                                        "options."),
    ("成长", "Fast growth:"), ("Maturity", "Maturity: performance shares and performance units"),
    ("成熟", "Maturity:"), ("decline", "Decline: restricted stock."), ("衰退", "Decline:"),
])
def test_lifecycle_recommendation_in_english_or_chinese(stage, starts):
    assert xp.XP_LTI_RECOMMEND(stage).startswith(starts)


@pytest.mark.parametrize(("stage", "starts"), [
    # the seed article's own words (002, the lifecycle paragraph), and full-width text
    ("初步发展的企业", "Start-up:"), ("高速发展阶段", "Fast growth:"),
    ("成熟阶段", "Maturity:"), ("衰退时期", "Decline:"), ("创业期", "Start-up:"),
    ("成长期", "Fast growth:"), (" 衰退期 ", "Decline:"),
    ("快速成长", "Fast growth:"), ("快速成长期", "Fast growth:"), ("快速发展阶段", "Fast growth:"),
])
def test_lifecycle_takes_the_articles_words(stage, starts):
    assert xp.XP_LTI_RECOMMEND(stage).startswith(starts)


def test_lifecycle_languages_and_help():
    assert xp.XP_LTI_RECOMMEND("衰退期", "zh").startswith("衰退期：限制性股票。")
    both = xp.XP_LTI_RECOMMEND("growth", "both")
    assert both.startswith("Fast growth:") and "\n高速发展期：股票增值权和股票期权。" in both
    assert xp.XP_LTI_RECOMMEND("teenage").startswith('#XP! stage is "teenage", expected')
    info = xp.XP_LTI_RECOMMEND.__xp__
    assert "start-up → SARs + long-term cash" in info.summary
    assert "decline/衰退" in info.arguments[0].help  # the reasons, in the argument's help


# --- inputs that once reached the core's limits (fixed there; shown through the formulas) ------

def test_a_few_words_never_build_millions_of_tranches():
    # "monthly 99999999" used to build 99,999,999 tranches (minutes and gigabytes): refused
    assert xp.XP_VESTED(GRANT, GRANT, "monthly 99999999 cliff 12").startswith(
        "#XP! monthly vesting over 99999999 months with a 12-month cliff: expected 1 to 1200")
    assert xp.XP_VESTED(GRANT, GRANT, "equal 99999999").startswith(
        "#XP! 99999999 equal tranches every 12 months: expected 1 or more of each, over at "
        "most 1200 months")
    assert xp.XP_VESTED(GRANT, day(2124, 3, 15), "monthly 1200") == 1.0  # 100 years: fine


def test_whole_numbers_beyond_excel_precision_are_refused():
    assert xp.XP_VESTED_QTY(1e300, GRANT, GRANT, "cliff 0") == (
        "#XP! quantity is 1e+300, expected a whole number of at most 1,000,000,000,000,000")
    assert xp.XP_PERF_SHARES(1e20, 1).startswith("#XP! target shares is 1e+20")


LIMIT = "1,000,000,000,000,000"


@pytest.mark.parametrize("huge", ["1e400", 1e300, 10**400])
def test_huge_prices_and_quantities_say_their_limit_never_inf(huge):
    # "1e400" typed as text once gave inf; a price is 0 to 10^15, as every amount
    assert xp.XP_INTRINSIC(huge, 10).startswith("#XP! share price is ")
    assert xp.XP_INTRINSIC(huge, 10).endswith(f", expected an amount of at most {LIMIT}")
    assert xp.XP_OPTION_BS(huge, 40, 0.5, 0.1, 0.2).endswith(f"expected an amount of at most "
                                                             f"{LIMIT}")
    assert xp.XP_SAR(100, 10, huge).endswith(f"expected a whole number of at most {LIMIT}")
    assert xp.XP_RS_VALUE(huge, 10, 1).startswith("#XP! share price is ")


def test_a_result_beyond_ten_to_the_fifteen_is_an_error_not_a_lost_cent():
    # each input is an amount, but their product is beyond Excel's 15 digits
    assert xp.XP_INTRINSIC(1e15, 0, "call", 2) == (
        "#XP! total value is more than 10^15, too large an amount")
    assert xp.XP_SAR(1e15, 0, 2) == "#XP! SAR cash is more than 10^15, too large an amount"
    assert xp.XP_RS_VALUE(0, 1e15, 2) == (
        "#XP! unlock value is less than -10^15, too large an amount")
    assert xp.XP_PHANTOM(2, 1e15) == (
        "#XP! phantom stock cash is more than 10^15, too large an amount")
    assert xp.XP_PERF_UNITS(2, 1e15, 100) == (
        "#XP! performance unit cash is more than 10^15, too large an amount")
    assert xp.XP_INTRINSIC(5e14, 0, "call", 2) == 1e15  # the limit itself is an amount


def test_numbers_no_cell_holds_are_too_large_not_infinite():
    assert xp.XP_OPTION_BS(42, 40, "1e400", 0.1, 0.2) == (
        '#XP! years to expiry is "1e400", too large a number')
    assert xp.XP_OPTION_BS(42, 40, 0.5, "-1e400", 0.2) == (
        '#XP! rate is "-1e400", too large a negative number')
    # an integer beyond a float as a date: no date, not an internal error
    assert xp.XP_VESTED(10**400, GRANT, GRADED) == "#XP! grant_date is 1E+400, expected a date"


def test_date_arguments_are_one_cell():
    assert xp.XP_VESTING_TABLE([[GRANT, GRANT]], 1000, GRADED) == (
        "#XP! grant_date must be one cell, not a range")
    assert xp.XP_VESTED(GRANT, 1e300, GRADED) == "#XP! as_of is 1e+300, expected a date"
