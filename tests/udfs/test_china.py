"""Level 1 for the China functions (category "xlperf China").

Known answers derived by hand from the monthly table of the annual one-time bonus
(bonus ÷ 12 up to 3,000: 3%/0; 12,000: 10%/210; 25,000: 20%/1,410; 35,000: 25%/2,660;
55,000: 30%/4,410; 80,000: 35%/7,160; above: 45%/15,160), the annual table for equity income
(36,000: 3%/0; 144,000: 10%/2,520; …), the CSRC measures and the central-SOE caps. The rules
themselves are tested in tests/test_china_*.py.
"""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import xlperf.udfs as xp

PAY = dt.datetime(2025, 3, 31)


# --- the annual one-time bonus -------------------------------------------------------------------

@pytest.mark.parametrize(("bonus", "tax"), [
    (36000, 1080.0),          # 36,000 / 12 = 3,000 → 3%: 1,080
    (36001, 3390.1),          # 3,000.08 a month → 10% − 210: 3,600.10 − 210
    (144000, 14190.0),        # 12,000 → 10%: 14,400 − 210
    (144000.01, 27390.0),     # 20% − 1,410: 28,800.002 − 1,410 = 27,390.002 → 27,390.00
    (300000, 58590.0),        # 25,000 → 20%: 60,000 − 1,410
    (420000, 102340.0),       # 35,000 → 25%: 105,000 − 2,660
    (660000, 193590.0),       # 55,000 → 30%: 198,000 − 4,410
    (960000, 328840.0),       # 80,000 → 35%: 336,000 − 7,160
    (960000.01, 416840.0),    # 45% − 15,160: 432,000.0045 − 15,160 → 416,840.00
    (0, 0.0),
])
def test_bonus_tax_at_and_around_each_bracket_edge(bonus, tax):
    assert xp.XP_CN_BONUS_TAX(bonus, PAY) == tax


def test_bonus_net_and_dates():
    assert xp.XP_CN_BONUS_NET(36000, PAY) == 34920.0       # 36,000 − 1,080
    assert xp.XP_CN_BONUS_NET(36001, PAY) == 32610.9       # 36,001 − 3,390.10: less!
    # the pay date as desktop Excel (datetime), xlwings Lite (serial 45747) or text gives it
    for pay_date in (PAY, dt.date(2025, 3, 31), 45747.0, "2025-03-31", "2025/3/31"):
        assert xp.XP_CN_BONUS_TAX(36001, pay_date) == 3390.1
    # no pay date: the table in force today (2024-01-01 to 2027-12-31 as this is written)
    if dt.date.today() <= dt.date(2027, 12, 31):
        assert xp.XP_CN_BONUS_TAX(36001) == 3390.1
    assert xp.XP_CN_BONUS_TAX(36001, dt.datetime(2028, 1, 1)).startswith(
        "#XP! no annual one-time bonus (全年一次性奖金) tax table applies on 2028-01-01")
    assert xp.XP_CN_BONUS_TAX(36001, 2025) == (
        "#XP! pay_date is 2025, a year: give a date such as 2025-12-31")
    assert xp.XP_CN_BONUS_TAX(-1, PAY) == "#XP! bonus (全年一次性奖金) is -1, expected zero or more"
    assert xp.XP_CN_BONUS_TAX([[36000], [None], [36001]], PAY) == [[1080.0], [None], [3390.1]]


def test_the_trap_36000_to_38566_67():
    # break-even b above 36,000: b − (10% b − 210) ≥ 34,920 → 0.9 b ≥ 34,710 → b ≥ 38,566.666…
    # → 38,566.67 (tax 3,646.667 → 3,646.67, net 34,920.00); 38,566.66 nets 34,919.99
    flags = xp.XP_CN_BONUS_TRAP([[36000], [36000.01], [38566.66], [38566.67]], PAY, "flag")
    assert flags == [[False], [True], [True], [False]]
    # the row: in trap, nearest amount netting at least as much, edge, break-even
    assert xp.XP_CN_BONUS_TRAP(36001, PAY) == [[True, 36000.0, 36000.0, 38566.67]]
    assert xp.XP_CN_BONUS_TRAP(38000, PAY) == [[True, 38566.67, 36000.0, 38566.67]]
    assert xp.XP_CN_BONUS_TRAP(50000, PAY) == [[False, 50000.0, None, None]]
    # 36,001 − 1 = 36,000 is nearer than 38,566.67; from 38,000 the break-even is nearer
    assert xp.XP_CN_BONUS_TRAP(36001, PAY, "nearest") == 36000.0
    assert xp.XP_CN_BONUS_TRAP(38000, PAY, "nearest") == 38566.67
    assert xp.XP_CN_BONUS_TRAP(36001, PAY, "edge") == 36000.0
    assert xp.XP_CN_BONUS_TRAP(36001, PAY, "break-even") == 38566.67
    assert xp.XP_CN_BONUS_TRAP(36001, PAY, "net_lost") == 2309.1   # 34,920 − 32,610.90
    assert xp.XP_CN_BONUS_TRAP(36001, PAY, "text").startswith(
        "Bonus 36,001.00 is in the bonus trap (年终奖陷阱) above 36,000.00")
    assert xp.XP_CN_BONUS_TRAP(36001, PAY, "maybe").startswith('#XP! show is "maybe"')
    # as Excel passes it, a 2-D range of one cell: the message quotes the cell, not a list
    assert xp.XP_CN_BONUS_TRAP(36001, PAY, [["文字"]]).startswith('#XP! show is "文字", expected')


@pytest.mark.parametrize(("edge", "break_even"), [
    (144000, 160500), (300000, 318333.33), (420000, 447500), (660000, 706538.46),
    (960000, 1120000),
])
def test_every_trap_edge(edge, break_even):
    # e.g. 144,000 nets 129,810; 20% − 1,410 above: 0.8 b + 1,410 ≥ 129,810 → b ≥ 160,500
    rows = xp.XP_CN_BONUS_TRAP([[edge], [edge + 0.01], [break_even - 0.01], [break_even]], PAY)
    assert rows == [[False, float(edge), None, None],
                    [True, float(edge), float(edge), float(break_even)],
                    [True, float(break_even), float(edge), float(break_even)],
                    [False, float(break_even), None, None]]


@given(st.decimals(min_value=0, max_value=2_000_000, places=2))
def test_the_nearest_amount_nets_at_least_as_much(bonus):
    nearest = xp.XP_CN_BONUS_TRAP(float(bonus), PAY, "nearest")
    assert xp.XP_CN_BONUS_NET(nearest, PAY) >= xp.XP_CN_BONUS_NET(float(bonus), PAY)


@given(st.decimals(min_value=0, max_value=10**8, places=2))
def test_net_pay_never_exceeds_gross(bonus):
    gross = float(bonus)
    net = xp.XP_NET_PAY(gross, xp.XP_CN_BONUS_TAX(gross, PAY))
    assert 0 <= net <= gross
    assert net == xp.XP_CN_BONUS_NET(gross, PAY)


# --- equity income ------------------------------------------------------------------------------

def test_equity_income_and_tax():
    # restricted stock (国税函〔2009〕461号): (10 + 15) / 2 × 4,000 − 50,000 × 4,000 / 10,000
    # = 50,000 − 20,000 = 30,000
    assert xp.XP_CN_RS_INCOME(10, 15, 4000, 50000, 10000) == 30000.0
    assert xp.XP_CN_RS_INCOME(4, 5, 4000, 50000, 10000) == 0.0       # 18,000 − 20,000 < 0
    assert xp.XP_CN_RS_INCOME(10, 15, 12000, 50000, 10000).startswith(
        "#XP! shares unlocked (12000) is more than the shares granted")
    # options: (15 − 10) × 3,000; below water nothing
    assert xp.XP_CN_OPTION_INCOME(15, 10, 3000) == 15000.0
    assert xp.XP_CN_OPTION_INCOME(9, 10, 3000) == 0.0
    # 36,000 alone: 3% → 1,080; 100,000 after 36,000 earlier the same year: the total
    # 136,000 pays 10% − 2,520 = 11,080, less the 1,080 paid → 10,000
    assert xp.XP_CN_EQUITY_TAX(36000, None, PAY) == 1080.0
    assert xp.XP_CN_EQUITY_TAX(100000, 36000, PAY) == 10000.0
    assert xp.XP_CN_EQUITY_TAX([[36000], [100000]], [[0], [36000]], PAY) == [[1080.0],
                                                                            [10000.0]]


def test_net_pay():
    assert xp.XP_NET_PAY(36000, 1080) == 34920.0
    assert xp.XP_NET_PAY(36000, None) == 36000.0                    # blank tax: none
    assert xp.XP_NET_PAY(1000.005, 0.001) == 1000.01                # both to the cent first
    assert xp.XP_NET_PAY(100, 200).startswith("#XP! tax 200.00 is more than the gross pay")
    assert xp.XP_NET_PAY(None, 5) is None


# --- CSRC ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "floor"), [
    (("restricted stock", 9.6, 10.2), 5.1),       # 50% × max(9.60, 10.20)
    (("限制性股票", 10.4, 10.2), 5.2),             # 50% × 10.40
    (("option", 9.6, 10.2), 10.2),                 # 100% × max
    (("股票期权", 9.6, 10.2), 10.2),
    (("option", None, None, "soe", 10.5, 10.1), 10.5),          # max(previous close, 30-day)
    (("option", 9.6, 10.2, "国有控股", 10.0, 10.1), 10.2),       # both floors: max(10.2, 10.1)
    (("restricted stock", None, None, "soe", 10.5, 10.1), 5.25),  # 178号: 50% of 10.5
])
def test_csrc_floor(args, floor):
    assert xp.XP_CSRC_FLOOR(*args) == pytest.approx(floor)


CSRC_PRICES_MISSING = (
    '#XP! previous_day_average and period_average are required unless regime is "soe": the '
    "CSRC price floor needs both (前1个交易日交易均价, 前20/60/120个交易日交易均价)")
SOE_PRICES_MISSING = (
    '#XP! previous_close and average_close_30 are required when regime is "soe": the '
    "state-controlled price floor needs both (前1个交易日收盘价, 前30个交易日平均收盘价)")


def test_csrc_floor_errors_and_columns():
    assert xp.XP_CSRC_FLOOR("bond", 9.6, 10.2).startswith('#XP! instrument is "bond"')
    assert xp.XP_CSRC_FLOOR("option", None, 10.2) == CSRC_PRICES_MISSING
    # regime "soe": the CSRC averages are optional, but not one without the other
    assert xp.XP_CSRC_FLOOR("option", 9.6, None, "soe", 10.5, 10.1) == (
        '#XP! previous_day_average and period_average go together: with regime "soe" give '
        "both (the CSRC floor is checked too) or neither")
    assert xp.XP_CSRC_FLOOR("option", None, None, "soe") == SOE_PRICES_MISSING
    assert xp.XP_CSRC_FLOOR([["option"], [None], ["restricted stock"]], 9.6, 10.2) == [
        [10.2], [None], [5.1]]


GOOD_TRANCHES = [[12, 24, 0.4], [24, 36, 0.3], [36, 48, 0.3]]


def test_csrc_check_ok():
    # price 5.10 = 50% × 10.20; periods from month 12, 12 months each, at most 40%; the plan
    # is 800,000 of 100,000,000 shares (0.8%), Zhang Wei 0.5%, Li Na 0.3%
    assert xp.XP_CSRC_CHECK("restricted stock", 5.1, GOOD_TRANCHES, 100_000_000, 9.6, 10.2,
                            [["Zhang Wei 张伟", 500_000], ["Li Na 李娜", 300_000]]) == [["OK"]]


def test_csrc_check_lists_every_breach_in_plain_words():
    # A restricted-stock plan that breaks each rule once:
    # - 30-day window: only 20/60/120 allowed                      → csrc.price_window
    # - price 4.50 < 50% × max(9.60, 10.20) = 5.10                  → csrc.price_floor
    # - first unlock at month 10 < 12                                → csrc.first_period
    # - period 1 unlocks 60% > 50%                                   → csrc.tranche_share
    # - period 2 runs months 22–30: 8 months < 12                    → csrc.period_length
    # - period 3 ends at month 130 > 120                             → csrc.plan_life
    # - 1,100,000 of 10,000,000 shares = 11% > 10%                   → csrc.total_cap
    # - Zhang Wei 150,000 = 1.5% > 1%                                → csrc.individual_cap
    # - Wang Fang 120,000 = 1.2%, approved by special resolution     → a note, not a breach
    lines = xp.XP_CSRC_CHECK(
        "restricted stock", 4.5, [[10, 22, 0.6], [22, 30, 0.2], [30, 130, 0.2]], 10_000_000,
        9.6, 10.2,
        [["Zhang Wei 张伟", 150_000, None, None], ["Li Na 李娜", 50_000, 0, False],
         ["Wang Fang 王芳", 120_000, None, "是"]],
        1_100_000, None, None, None, None, 30)
    text = [row[0] for row in lines]
    assert all(len(row) == 1 for row in lines)
    expected = [
        "The reference average price covers 30 trading days",
        "The grant price (授予价格) 4.50 is below the floor of 5.10",
        "The first unlock comes 10 months after the grant; it must be at least 12 months",
        "Period 1 (第1期) unlocks 60% of the grant; one period may unlock at most 50%",
        "Period 2 (第2期, months 22–30 after the grant) lasts only 8 months",
        "The plan runs 130 months after the grant",
        "All live plans cover 1,100,000 shares, 11% of the share capital of 10,000,000",
        "Zhang Wei 张伟 holds 150,000 shares through all live plans, 1.5% of the share capital",
        "Note: Wang Fang 王芳 holds 1.2% of the share capital",
    ]
    assert len(text) == len(expected)
    for line, start in zip(text, expected, strict=True):
        assert line.startswith(start), (line, start)
    assert "[中国证监会令第126号" in text[1] and "第二十三条]" in text[1]  # each with its source


def test_csrc_check_options_and_the_state_controlled_regime():
    # option periods 12–36 and 24–48 overlap: the second starts before the first ends
    lines = xp.XP_CSRC_CHECK("option", 10.2, [[12, 36, 0.5], [24, 48, 0.5]], 100_000_000,
                             9.6, 10.2)
    assert [row[0][:50] for row in lines] == [
        "Exercise period 2 (第2期) starts at month 24, before"]
    # state-controlled: previous close 10.50 and 30-day close 10.10 → at least 10.50;
    # the CSRC prices are not given, so a note says that floor was not checked
    lines = xp.XP_CSRC_CHECK("option", 10.3, GOOD_TRANCHES, 100_000_000, None, None, None,
                             None, None, "soe", 10.5, 10.1)
    assert lines[0][0].startswith("The exercise price (行权价格) 10.30 is below the "
                                  "state-controlled floor of 10.50")
    assert lines[1][0].startswith("Note: CSRC price floor")


@pytest.mark.parametrize("blank", [None, "", [[None]], [[None, None, None]]])
def test_csrc_check_of_a_blank_plan_is_blank(blank):
    # an unused row of a plan table: instrument, grant price, tranches and share capital blank
    assert xp.XP_CSRC_CHECK(blank, blank, blank, blank) is None
    assert xp.XP_CSRC_CHECK(None, "", [[None, None, None], ["", None, " "]], [[None]],
                            9.6, 10.2, [["A", 1]]) is None
    # one of them given: the check runs and says what is missing
    assert xp.XP_CSRC_CHECK("option", 10.2, blank, 1e8, 9.6, 10.2) == (
        "#XP! the plan has no unlock or exercise periods")


def test_csrc_check_bad_input_says_what_to_fix():
    assert xp.XP_CSRC_CHECK("option", 10.2, [[12, 24]], 1e8, 9.6, 10.2) == (
        "#XP! tranches has 2 columns, expected 3")
    # FILTER() finding no tranche for the plan gives #CALC!
    assert xp.XP_CSRC_CHECK("option", 10.2, "#CALC!", 1e8, 9.6, 10.2) == (
        "#XP! tranches is #CALC! (an empty FILTER: no rows for this ID?)")
    assert xp.XP_CSRC_CHECK("option", 10.2, [[12, 24, 0.5], [24, 12, 0.5]], 1e8, 9.6,
                            10.2) == ("#XP! tranches row 2: period ends at month 12, not after "
                                      "its start at month 24")
    assert xp.XP_CSRC_CHECK("option", 10.2, [[12, 24, 0.5], [24, 36, 0.4]], 1e8, 9.6,
                            10.2) == ("#XP! the periods' shares add to 90%, expected 100% of "
                                      "the grant")
    # the reference prices are named by their arguments, and when they are required
    assert xp.XP_CSRC_CHECK("option", 10.2, GOOD_TRANCHES, 1e8) == CSRC_PRICES_MISSING
    assert xp.XP_CSRC_CHECK("option", 10.2, GOOD_TRANCHES, 1e8, None, None, None, None, None,
                            "soe") == SOE_PRICES_MISSING
    assert xp.XP_CSRC_CHECK("option", 10.2, GOOD_TRANCHES, 1e8, 9.6, 10.2,
                            [["A", 1], ["A", 2]]) == (
        "#XP! participant A is listed more than once: give one row per participant")


def test_many_repeated_participants_are_listed_first_few_and_how_many_more():
    # 20 names, each twice: the message named them all and lost its middle mid-name
    rows = [[f"Participant number {i} 参与者", 1000] for i in range(20)] * 2
    assert xp.XP_CSRC_CHECK("option", 10.2, GOOD_TRANCHES, 1e8, 9.6, 10.2, rows) == (
        "#XP! participants Participant number 0 参与者, Participant number 1 参与者, "
        "Participant number 2 参与者 and 17 more are listed more than once: give one row per "
        "participant")
    assert xp.XP_CSRC_CHECK("option", 10.2, GOOD_TRANCHES, 1e8, 9.6, 10.2,
                            [["A", 1], ["B", 1], ["A", 1], ["B", 1]]) == (
        "#XP! participants A and B are listed more than once: give one row per participant")


def test_csrc_help_says_which_prices_are_required():
    from xlperf.udfs.registry import function_info

    for function in (xp.XP_CSRC_CHECK, xp.XP_CSRC_FLOOR):
        helps = {a.name: a.help for a in function_info(function).arguments}
        for name in ("previous_day_average", "period_average"):
            assert helps[name].endswith('Required unless regime is "soe".')
        for name in ("previous_close", "average_close_30"):
            assert helps[name].startswith('For regime "soe", required:')
    assert 'unless regime is "soe"' in function_info(xp.XP_CSRC_CHECK).summary


# --- central-SOE pay ---------------------------------------------------------------------------

def test_soe_check_flags_each_breach():
    # 2023: performance salary 1,300,000 > 2 × 600,000 = 1,200,000         → performance cap
    # 2024: grade D (不称职) with 900,000 of performance salary              → failed grade
    # 2022: 700,000 paid now of 1,100,000; 40% deferred → at most 660,000   → deferral
    # term: base + performance, 2023 counted at its cap 1,200,000:
    #       1,700,000 + 1,800,000 + 1,520,000 = 5,020,000;
    #       30% = 1,506,000 < the term incentive 1,600,000                  → term cap
    lines = xp.XP_SOE_CHECK([[600000], [600000], [620000]], [[1100000], [1300000], [900000]],
                            [["A"], ["B"], ["D"]], [[2022], [2023], [2024]], 1600000, "B",
                            [[700000], [780000], [0]])
    text = [row[0] for row in lines]
    assert [t[:60] for t in text] == [
        "2022: 700,000.00 of the performance salary 1,100,000.00 is p",
        "2023: the performance salary (绩效年薪) 1,300,000.00 is more tha",
        "2024: the annual grade D is a failed grade (不称职/不胜任), which ",
        "Term: the term incentive (任期激励收入) 1,600,000.00 is more than ",
    ]
    assert "= 1,506,000.00" in text[3]


def test_soe_check_ok_defaults_and_errors():
    assert xp.XP_SOE_CHECK(600000, 1200000, "A", 2024) == [["OK"]]          # exactly 2 ×
    assert xp.XP_SOE_CHECK(600000, 1200000.01, "A", 2024)[0][0].startswith("2024: the")
    # no years: the last row is the current year
    this_year = dt.date.today().year
    assert xp.XP_SOE_CHECK([[1], [1]], [[3], [0]], [["A"], ["B"]])[0][0].startswith(
        f"{this_year - 1}: the performance salary")
    # a deferral share of our own: 50% deferred → at most 500,000 of 1,000,000 now
    assert xp.XP_SOE_CHECK(600000, 1000000, "A", 2024, None, None, 550000, "50%")[0][0] \
        .startswith("2024: 550,000.00 of the performance salary")
    # paid now above the whole salary: a breach line, as the batch lists it, not #XP!
    assert xp.XP_SOE_CHECK(600000, 720000, "A", 2026, None, None, 800000) == [[
        "2026: 800,000.00 is entered as paid at the year's close, more than the year's whole "
        "performance salary 720,000.00; at most 432,000.00 may be paid now (40% deferred to "
        "the end of the term, 延期兑现). [中央企业负责人经营业绩考核暂行办法（国资委令第22号、"
        "第30号） 绩效年薪60%当期兑现、40%延期至任期考核结束后兑现]"]]
    assert xp.XP_SOE_CHECK([[None], [None]], [[1], [2]], [["A"], ["B"]]) is None
    assert xp.XP_SOE_CHECK([[1], [2]], [[1]], [["A"], ["B"]]) == (
        "#XP! base_salary has 2 cells but performance_salary has 1: give ranges of the same "
        "length")
    assert xp.XP_SOE_CHECK(1, 1, "A", 2010).startswith(
        "#XP! no central-SOE executive pay rule (中央企业负责人薪酬) applies on 2010-12-31")
    assert xp.XP_SOE_CHECK(1, 1, "A", 1800) == "#XP! year is 1800, expected a year such as 2026"


def test_soe_check_knows_the_company_grades_given_its_grade_table():
    """A company whose best grade is AA (not S): without its grade table AA is unknown (an
    error, never a silent pass); with it, AA passes and D still earns nothing."""
    table = [["AA", 95], ["A", 85], ["B", 75], ["C", 60], ["D", 0]]
    assert xp.XP_SOE_CHECK(600000, 1000000, "AA", 2024).startswith(
        '#XP! 2024 grade is "AA", not a grade xlperf knows')
    assert xp.XP_SOE_CHECK(600000, 1000000, "AA", 2024, None, None, None, None,
                           table) == [["OK"]]
    failed = xp.XP_SOE_CHECK(600000, 1000000, "D", 2024, None, None, None, None, table)
    assert failed[0][0].startswith("2024: the annual grade D is a failed grade")


def test_absurd_share_counts_are_a_readable_error_not_an_internal_one():
    # the core's percentage of share capital used to overflow the decimal context; now no
    # amount beyond Excel's 15 digits gets that far
    lines = xp.XP_CSRC_CHECK("option", 10.2, GOOD_TRANCHES, 1000, 9.6, 10.2, [["A", 1e300]])
    assert lines == ("#XP! participants row 1: A's shares is 1e+300, expected an amount of "
                     "at most 1,000,000,000,000,000")


def test_taxable_income_beyond_ten_to_the_fifteen_is_a_readable_error():
    assert xp.XP_CN_OPTION_INCOME(1e15, 0, 2) == (
        "#XP! taxable income is more than 10^15, too large an amount")
    assert xp.XP_CN_OPTION_INCOME(0, 1e15, 1e15) == 0  # far below water: no income, no error
    assert xp.XP_CN_OPTION_INCOME("1e400", 0, 2) == (
        '#XP! market price at exercise (行权日市价) is "1e400", expected an amount of at most '
        "1,000,000,000,000,000")
