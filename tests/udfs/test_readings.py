"""One reading of an argument across the XP_ functions: tables typed in % cells, shares and
rates, grades, blanks; and results as a cell shows them (no float noise past 15 digits).

Each case was a reviewer's finding: the known answer is derived in the comment beside it.
"""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import xlperf.udfs as xp
from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.udfs.cells import ERROR_PREFIX, MAX_MESSAGE, excel_value


def is_error(value, *words):
    return (isinstance(value, str) and value.startswith(ERROR_PREFIX)
            and all(w in value for w in words))


# --- payout curves typed in % cells: both columns, or an error ------------------------------

MIXED = "type both as % cells (0.9, 0.5) or both as numbers (90, 50)"


@pytest.mark.parametrize("curve", [
    [[0.9, 0], [1.0, 100], [1.2, 200]],   # achievement in % cells, payout as numbers
    [[90, 0], [100, 1], [120, 1.5]],      # achievement as numbers, payout in % cells
])
def test_a_payout_curve_in_mixed_units_is_an_error(curve):
    # read either way it is a hundredfold wrong: 1,500,000 shares instead of 15,000
    for result in (xp.XP_PERF_SHARES(10000, 1.1, curve), xp.XP_PERF_UNITS(10, 100, 1.1, curve),
                   xp.XP_PERF_PAYOUT(1.1, curve)):
        assert is_error(result, "curve:", MIXED)
        assert len(result) <= len(ERROR_PREFIX) + 1 + MAX_MESSAGE


@pytest.mark.parametrize("curve", [
    [[0.9, 0], [1.0, 1], [1.2, 2]],       # both in % cells
    [[90, 0], [100, 100], [120, 200]],    # both as numbers
])
def test_a_payout_curve_typed_one_way_reads_the_same(curve):
    # 110% lies halfway between (100, 100) and (120, 200): 150% of 10,000 target shares
    assert xp.XP_PERF_SHARES(10000, 1.1, curve) == 15000
    assert xp.XP_PERF_PAYOUT(1.1, curve) == 1.5


def test_a_column_of_zeros_reads_either_way():
    # payouts 0 everywhere are 0 whichever way typed: not "mixed"
    assert xp.XP_PERF_PAYOUT(1.1, [[90, 0], [120, 0]]) == 0.0


def test_the_core_check_is_in_typed_in_percent_cells():
    assert inputs.typed_in_percent_cells([0.8, 1.0]) is True
    assert inputs.typed_in_percent_cells([0.8, 1.0], [0.5, 1.5]) is True
    assert inputs.typed_in_percent_cells([80, 100], [50, 150]) is False
    with pytest.raises(InputError, match="the payout column is in % cells but the achievement"):
        inputs.typed_in_percent_cells([80, 100], [0.5, 1.5], what="curve")


# --- scoring and grade tables typed in % cells ----------------------------------------------

PERCENT_GRADES = [["S", 0.95], ["A", 0.85], ["B", 0.75], ["C", 0.6], ["D", 0]]


@pytest.mark.parametrize(("score", "expected"), [
    (88, "A"),     # 0.85 is 85: 85 ≤ 88 < 95
    (0.88, "A"),   # an 88% cell: 88, as the table's own cells are read
    (95, "S"),     # closed below: 0.95 is 95
    (59.9, "D"),   # below 0.6 = 60
])
def test_a_grade_table_in_percent_cells_reads_as_percentages(score, expected):
    assert xp.XP_GRADE(score, PERCENT_GRADES) == expected


def test_a_grade_table_as_numbers_reads_scores_as_typed():
    # the policy's table 95/85/75/60/0: 0.88 is a score of 0.88 (D), not 88
    assert xp.XP_GRADE(0.88) == "D"
    assert xp.XP_GRADE(88) == "A"


@pytest.mark.parametrize("achievement", [105, 1.05, "105%"])
def test_curve_and_band_in_percent_cells_read_a_percent_number(achievement):
    # 105% on (100, 100)-(120, 150): 100 + 5 × 50 / 20 = 112.5, whatever the units
    assert xp.XP_CURVE(achievement, [[0.8, 50], [1.0, 100], [1.2, 150]]) == 112.5
    assert xp.XP_CURVE(achievement, [[80, 50], [100, 100], [120, 150]]) == 112.5
    # 105% reaches the 100% band: 100 points; a band table's scores in % cells too: 1.0 → 100
    assert xp.XP_BAND(achievement, [[0.8, 70], [0.9, 85], [1.0, 100]]) == 100
    assert xp.XP_BAND(achievement, [[0.8, 0.7], [0.9, 0.85], [1.0, 1.0]]) == 100


def test_score_rescales_both_columns_of_a_table_in_percent_cells():
    # as XP_PERF_ does: 0.8 → 80%, 0.5 → 50 points; 105% on (100,100)-(120,150) = 112.5
    table = [[0.8, 0.5], [1.0, 1.0], [1.2, 1.5]]
    assert xp.XP_SCORE(105, 100, "curve", None, None, table) == 112.5
    # achievement in % cells, scores as points: only the achievement is rescaled
    assert xp.XP_SCORE(105, 100, "curve", None, None, [[0.8, 50], [1.0, 100], [1.2, 150]]) == (
        112.5)


# --- no float noise in a cell ------------------------------------------------------------

def test_float_noise_never_reaches_a_cell():
    # 1.05 × 100 = 105.00000000000001 in binary; 105 on the curve is 112.5
    assert xp.XP_CURVE(1.05, [[0.8, 50], [1.0, 100], [1.2, 150]]) == 112.5
    # 0.8 × 0.6 + 0.6 × 0.4 = 0.72 (binary: 0.7200000000000001)
    assert xp.XP_OKR([[0.8], [0.6]], [[0.6], [0.4]]) == 0.72
    assert repr(xp.XP_OKR([[0.8], [0.6]], [[0.6], [0.4]])) == "0.72"


def test_cleaning_keeps_every_digit_of_a_real_fraction():
    assert excel_value(1 / 3) == 1 / 3  # 0.333333333333333 × 3 would ROUNDDOWN to 0
    assert excel_value(0.1 + 0.2) == 0.3
    assert excel_value([[112.50000000000001, "x", None, True]]) == [[112.5, "x", None, True]]
    assert math.isnan(excel_value(math.nan))


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_cleaning_never_moves_a_value_beyond_its_15th_digit(x):
    cleaned = excel_value(x)
    assert cleaned == x or math.isclose(cleaned, x, rel_tol=1e-14)
    assert excel_value(cleaned) == cleaned  # idempotent


# --- central-SOE check: grades read as everywhere, no year dropped ---------------------------

def test_soe_check_reads_a_full_width_grade_as_xp_coef_does():
    # Ｄ from a Chinese input method is D (XP_COEF gives D's 0): a failed grade with
    # 1,000,000 of performance salary set is a breach, not OK
    assert xp.XP_COEF("Ｄ") == 0
    result = xp.XP_SOE_CHECK(600000, 1000000, "Ｄ", 2024)
    assert len(result) == 1 and result[0][0].startswith("2024: the annual grade D is a failed")


@pytest.mark.parametrize("grade", ["X", 5, "A+"])
def test_soe_check_refuses_a_grade_it_does_not_know(grade):
    assert is_error(xp.XP_SOE_CHECK(600000, 1000000, grade, 2024),
                    f'2024 grade is "{grade}", not a grade xlperf knows')
    shown = f'"{grade}"' if isinstance(grade, str) else grade  # a number as Excel shows it
    assert is_error(xp.XP_SOE_CHECK(600000, 0, "A", 2024, 0, grade),
                    f"term grade is {shown}, not a grade xlperf knows")


def test_soe_check_knows_the_sasac_words():
    # 称职 passes, 不称职 is failed: 1,000,000 ≤ 2 × 600,000 otherwise
    assert xp.XP_SOE_CHECK(600000, 1000000, "称职", 2024) == [["OK"]]
    assert "failed grade" in xp.XP_SOE_CHECK(600000, 1000000, "不称职", 2024)[0][0]


@pytest.mark.parametrize(("word", "coefficient"), [
    ("卓越", 1.5), ("优秀", 1.2), ("称职", 1.0), ("基本称职", 0.6), ("不称职", 0)])
def test_the_demo_grades_are_known_by_their_chinese_meanings(word, coefficient):
    # 表-2: S 卓越, A 优秀, B 称职, C 基本称职, D 不称职 (domain §4), as XP_SOE_CHECK reads them
    assert xp.XP_COEF(word) == coefficient


def test_the_chinese_meanings_count_in_a_history_and_a_quota():
    assert xp.XP_CONSEC([["基本称职", "基本称职"]]) is True   # C, C: two years running
    assert xp.XP_CONSEC([["称职", "基本称职"]]) is False      # B, C
    # 卓越 is S: 1 of 10 is within S ≤ 10% (floor(10% × 10) = 1)
    quota = xp.XP_QUOTA([["卓越"]] + [["B"]] * 9)
    assert quota[0] == ["S", 1, 1, "ok"]


def test_a_table_of_other_grades_knows_only_its_own_names():
    # 优秀/良好/合格/不合格 has no 基本称职 (and its 优秀 is its best grade, not "A")
    table = [["优秀", 90], ["良好", 80], ["合格", 60], ["不合格", 0]]
    assert is_error(xp.XP_CONSEC([["基本称职"]], "不合格", 1, table),
                    'history grade 1 is "基本称职", expected one of 优秀, 良好, 合格, 不合格')
    assert is_error(xp.XP_COEF("基本称职", [["优秀", 1.2], ["合格", 1], ["不合格", 0]]),
                    'grade is "基本称职", the coefficient table has 优秀, 合格, 不合格')


def test_soe_check_does_not_drop_a_year_whose_base_salary_is_blank():
    result = xp.XP_SOE_CHECK([[600000], [None]], [[1000000], [1000000]], [["A"], ["A"]],
                             [[2023], [2024]])
    assert result == ("#XP! base_salary row 2 (2024) is empty but its performance salary is "
                      "given: give the base salary or clear the row")


def test_soe_check_skips_a_wholly_blank_row():
    # the year column may be filled ahead: a row with only its year is blank
    assert xp.XP_SOE_CHECK([[600000], [None]], [[1000000], [None]], [["A"], [None]],
                           [[2023], [2024]]) == [["OK"]]


# --- shares and rates: one reading everywhere ------------------------------------------------

HOW_TO_TYPE = "expected a share from 0 to 100%: type 40% or 0.4"


@pytest.mark.parametrize("share", [0.4, "40%", 40])
def test_a_share_reads_the_same_typed_any_way(share):
    # 40% of 360,000 = 144,000 deferred; settled: 360,000 − 144,000 − 45,000 = 171,000
    assert xp.XP_DEFER(360000, share) == 144000
    assert xp.XP_SETTLE(360000, [[45000]], share) == 171000
    # a quarter of 300,000 × 1.0 = 75,000; 60% of it paid in advance… as 0.6, "60%" or 60
    assert xp.XP_ADVANCE(1, 300000, {0.4: 0.6, "40%": "60%", 40: 60}[share]) == 45000
    # the SOE check, weights and 360 weights already read 40 as 40%
    assert xp.XP_SOE_CHECK(600000, 1000000, "A", 2024, None, None, 600000, share) == [["OK"]]


@pytest.mark.parametrize(("call", "message"), [
    (lambda: xp.XP_DEFER(360000, 140), "deferral share is 140"),
    (lambda: xp.XP_DEFER(360000, -0.1), "deferral share is -0.1"),
    (lambda: xp.XP_SETTLE(360000, [[45000]], "120%"), 'deferral share is "120%"'),
    (lambda: xp.XP_ADVANCE(1, 300000, 160), "advance_rate is 160"),
])
def test_a_share_out_of_range_says_how_to_type_it(call, message):
    assert call() == f"#XP! {message}, {HOW_TO_TYPE}"


# --- negative deductions, bonuses and advances -------------------------------------------------

@pytest.mark.parametrize(("call", "message"), [
    (lambda: xp.XP_DEDUCT(1, -10), "per_incident is -10, expected zero or more"),
    (lambda: xp.XP_SETTLE(360000, [[45000], [-45000]]), "advance 2 is -45000, expected zero "
                                                          "or more"),
    (lambda: xp.XP_DEFER(-1000, 0.4), "annual bonus is -1000, expected zero or more"),
    (lambda: xp.XP_SETTLE(-1000, [[0]]), "annual bonus is -1000, expected zero or more"),
])
def test_negative_deductions_bonuses_and_advances_are_errors(call, message):
    assert call() == f"#XP! {message}"


def test_a_negative_bonus_cap_or_extra_rate_is_an_error():
    # min(bonus, −5) would pay −5.00; a rate of −1 would pay a negative extra
    assert xp.XP_BONUS(1, 300000, None, -5) == "#XP! bonus cap is -5, expected zero or more"
    assert xp.XP_EXTRA(1.25, 300000, -1) == "#XP! rate is -1, expected zero or more"
    assert xp.XP_EXTRA(1.25, -300000) == ("#XP! bonus standard is -300000, expected zero or "
                                          "more")


def test_a_settlement_may_still_be_negative():
    # advances of 45,000 × 3 on a bonus of 100,000: 100,000 − 135,000 = −35,000 to recover
    assert xp.XP_SETTLE(100000, [[45000, 45000, 45000]]) == -35000


# --- CSRC price floor: a whole fen, rounded up, in the function and the plan check -----------

def test_csrc_floor_and_plan_check_use_the_same_rounded_floor():
    # 50% × max(9.61, 10.21) = 5.105 → 5.11 (5.105 is no price; 5.10 is below the floor)
    assert xp.XP_CSRC_FLOOR("restricted stock", 9.61, 10.21) == 5.11
    tranches = [[12, 24, 0.5], [24, 36, 0.5]]
    below = xp.XP_CSRC_CHECK("restricted stock", 5.10, tranches, 100_000_000, 9.61, 10.21)
    assert below[0][0].startswith("The grant price (授予价格) 5.10 is below the floor of 5.11")
    assert xp.XP_CSRC_CHECK("restricted stock", 5.11, tranches, 100_000_000, 9.61,
                            10.21) == [["OK"]]


# --- XP_WEIGHTED: a blank score is left out only when it weighs nothing ---------------------

def test_weighted_leaves_out_a_row_with_no_score_and_no_weight():
    # 92 × 50% + 85 × 50% = 88.5; the third row is blank in both columns (or weighs 0)
    assert xp.XP_WEIGHTED([[92], [85], [None]], [[50], [50], [None]]) == 88.5
    assert xp.XP_WEIGHTED([[92], [85], [None]], [[0.5], [0.5], [0]]) == 88.5
    assert xp.XP_WEIGHTED([[None], [None]], [[0.5], [0.5]]) is None  # nothing scored yet


@pytest.mark.parametrize("weights", [[[0.5], [0.3], [0.2]], [[50], [30], [20]]])
def test_weighted_refuses_a_blank_score_that_carries_a_weight(weights):
    # was "weights add to 80%": the help said the row is left out, the weights disagreed
    assert xp.XP_WEIGHTED([[92], [85], [None]], weights) == (
        "#XP! score 3 is blank but weighs 20%: give its score, or clear its weight (0 or "
        "blank) and reweigh the rest")


# --- vesting: a leaving date before the grant is an error -------------------------------------

def test_a_leaving_date_before_the_grant_is_an_error():
    import datetime as dt
    grant, as_of, gone = dt.datetime(2024, 3, 15), dt.datetime(2030, 3, 15), dt.datetime(2020, 1, 1)
    expected = "#XP! leaving date 2020-01-01 is before the grant date 2024-03-15"
    assert xp.XP_VESTED(grant, as_of, "graded 40/30/30", gone) == expected
    assert xp.XP_VESTED_QTY(1000, grant, as_of, "graded 40/30/30", gone) == expected
    # leaving on the grant day itself vests nothing, without an error
    assert xp.XP_VESTED(grant, as_of, "graded 40/30/30", grant) == 0.0


# --- messages an analyst can act on, within the cell's message limit ---------------------------

def test_a_date_outside_the_rules_is_short_and_points_at_no_source_file():
    import datetime as dt
    for result in (xp.XP_CN_BONUS_TAX(36000, dt.datetime(2028, 3, 31)),
                   xp.XP_CN_EQUITY_TAX(36000, None, dt.datetime(2028, 3, 31)),
                   xp.XP_SOE_CHECK(1, 1, "A", 2010)):
        assert "…" not in result and "xlperf/rules" not in result and ".py" not in result
        assert len(result) <= len(ERROR_PREFIX) + 1 + MAX_MESSAGE
        assert result.endswith("update xlperf when the rules are extended")
    assert xp.XP_CN_BONUS_TAX(36000, dt.datetime(2028, 3, 31)) == (
        "#XP! no annual one-time bonus (全年一次性奖金) tax table applies on 2028-03-31: xlperf "
        "knows 2019-01-01 to 2027-12-31; update xlperf when the rules are extended")


def test_an_unknown_vesting_schedule_gives_its_key_hint_uncut():
    import datetime as dt
    grant, as_of = dt.datetime(2024, 3, 15), dt.datetime(2030, 3, 15)
    assert xp.XP_VESTED(grant, as_of, "graded 40 30 30") == (
        '#XP! vesting schedule "graded 40 30 30" is not one xlperf reads: write '
        '"graded 40/30/30"')
    long_one = xp.XP_VESTED(grant, as_of, "x" * 80)
    assert "…" in long_one.split('"')[1]  # the typed text is shortened, not the hint
    assert long_one.endswith('"monthly 48 cliff 12" or give a table')
    assert len(long_one) <= len(ERROR_PREFIX) + 1 + MAX_MESSAGE


# --- coefficients typed as percentages -----------------------------------------------------

def test_a_coefficient_typed_as_a_percent_number_is_an_error_not_a_hundredfold_bonus():
    # 150 for 150% would pay 150 × 300,000 = 45,000,000: refused, with how to type it
    percent_table = [["S", 150], ["A", 120], ["B", 100], ["C", 60], ["D", 0]]
    assert is_error(xp.XP_COEF("S", percent_table), "coefficient of S is 150",
                    "such as 1.2 (120%)")
    assert is_error(xp.XP_BONUS(150, 300000), "coefficient is 150, expected a multiple")
    assert is_error(xp.XP_ADVANCE(120, 300000), "coefficient is 120")


def test_a_coefficient_reads_as_a_percent_text_everywhere():
    # "120%" is 1.2 in XP_COEF's table and in XP_BONUS: 1.2 × 300,000 = 360,000
    assert xp.XP_BONUS("120%", 300000) == xp.XP_BONUS(1.2, 300000) == 360000
    table = [["S", "150%"], ["A", 1.2], ["B", 1], ["C", 0.6], ["D", 0]]
    assert xp.XP_COEF("S", table) == 1.5


# --- required arguments, table arguments and trailing blanks ---------------------------------

@pytest.mark.parametrize(("args", "empty"), [((42, 40, 0.5, 0.1, None), "volatility"),
                                             ((42, 40, 0.5, None, 0.2), "rate")])
def test_option_value_needs_a_rate_and_a_volatility(args, empty):
    # a blank read as 0 gave 3.9508 and 3.4472 for Hull's 4.7594
    assert xp.XP_OPTION_BS(*args) == f"#XP! {empty} is empty, expected a number"
    assert xp.XP_OPTION_BS(42, 40, 0.5, 0.1, 0.2, None) == pytest.approx(4.7594, abs=1e-4)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: xp.XP_GRADE(90, "#N/A"), "#XP! grade_table is #N/A"),
    (lambda: xp.XP_COEF("A", -2146826246), "#XP! coef_table is #N/A"),  # pywin32's #N/A
    (lambda: xp.XP_GRADE(90, "#XP! from the cell it refers to"),
     "#XP! from the cell it refers to"),
    (lambda: xp.XP_CURVE(105, None), "#XP! points is empty"),
])
def test_a_table_argument_passes_its_error_on(call, message):
    assert call() == message


def test_a_range_a_blank_row_too_long_reads_as_its_filled_cells():
    # weights 40/30/10/20 and a blank fifth cell: 91.5×.4 + 88×.3 + 90×.1 + 83.5×.2 = 88.7
    assert xp.XP_ANNUAL(91.5, 88, 90, 83.5, [[40], [30], [10], [20], [None]]) == 88.7
    # 92×.5 + 85×.3 + 100×.2 = 91.5
    assert xp.XP_WEIGHTED([[92], [85], [100], [None]], [[0.5], [0.3], [0.2]]) == 91.5
    assert is_error(xp.XP_WEIGHTED([[92], [85], [100], [1]], [[0.5], [0.3], [0.2]]),
                    "scores has 4 cells but weights has 3")


def test_a_custom_grade_table_says_the_default_veto_cap_is_not_one_of_its_grades():
    table = [["优秀", 90], ["良好", 80], ["合格", 60], ["不合格", 0]]
    assert xp.XP_GRADE(96, table, True) == ('#XP! veto_cap is "C" (the default), not a grade '
                                            "of grade_table: give one of 优秀, 良好, 合格, 不合格")
    assert xp.XP_GRADE(96, table, True, "良好") == "良好"
    assert is_error(xp.XP_CONSEC([["合格", "不合格"]], None, None, table),
                    'worst_allowed is "C" (the default)')
    assert xp.XP_CONSEC([["合格", "不合格"]], "合格", None, table) is True


# --- the annual score's parts: 0–100, as the batch counts them -------------------------------

def test_annual_counts_a_part_above_100_as_the_batch_does():
    # 100 × 40% + 88 × 30% + 90 × 10% + 83.5 × 20% = 92.1 (120 gave 100.1)
    assert xp.XP_ANNUAL(120, 88, 90, 83.5) == 92.1
    assert is_error(xp.XP_ANNUAL(-5, 88, 90, 83.5), "business performance score is -5")
    assert is_error(xp.XP_ANNUAL(91.5, 88, 120, 83.5), "duty report score is 120")
    assert is_error(xp.XP_TERM([[186.5, 91.2, 88.9]]), "annual score 1 is 186.5, expected 0 "
                                                       "to 100")


def test_annual_gives_the_batch_annual_score_from_the_uncapped_parts():
    from xlperf.demo import demo_inputs
    from xlperf.rules.appraisal import appraise

    for data in demo_inputs():
        a = appraise(data)
        individual = a.individual.score if a.individual else a.individual_score
        assert xp.XP_ANNUAL(a.business.score, individual, a.duty_report,
                            a.democratic.score) == a.annual_score, data.executive.id


# --- floors and caps are scores: "120%" typed as text is 120 points ---------------------------

@pytest.mark.parametrize(("call", "expected"), [
    (lambda: xp.XP_SCORE(200, 100, "ratio", None, "120%"), 120),   # 200% capped at 120 (not 1.2)
    (lambda: xp.XP_SCORE(10, 100, "ratio", "20%"), 20),            # 10% floored at 20
    (lambda: xp.XP_SCORE(130, 100, "curve", None, "125%"), 125),   # curve 130% → 150, cap 125
    # 150 × 60% + 95 × 40% = 128 counts at most 100 (not 1)
    (lambda: xp.XP_WEIGHTED([[150], [95]], [[0.6], [0.4]], "100%"), 100),
])
def test_a_floor_or_cap_typed_as_percent_text_is_points(call, expected):
    assert call() == expected


@pytest.mark.parametrize(("call", "expected"), [
    # =XP_SCORE(1300,1000,"ratio",,110%): the cap cell holds 1.1, read as 110 like "110%"
    (lambda: xp.XP_SCORE(1300, 1000, "ratio", None, 1.1), 110),
    (lambda: xp.XP_SCORE(1300, 1000, "ratio", None, 110), 110),
    (lambda: xp.XP_SCORE(130, 100, "curve", None, 1.25), 125),     # curve 150, cap 125%
    (lambda: xp.XP_WEIGHTED([[150], [95]], [[0.6], [0.4]], 1), 100),  # a 100% cell
    # a floor is a score and stays as typed: 0.5 points, not 50 (80% scores 80)
    (lambda: xp.XP_SCORE(800, 1000, "ratio", 0.5), 80),
])
def test_a_cap_in_a_percent_cell_is_read_as_its_percentage(call, expected):
    assert call() == expected


# --- an achievement typed directly: at most 1000%, in the money functions too ----------------

NOT_ACHIEVEMENT = "is 52000, not an achievement % (at most 1000%): give actual ÷ target"


@pytest.mark.parametrize("call", [
    lambda: xp.XP_EXTRA(52000, 300000),            # was the cap, 150,000
    lambda: xp.XP_PERF_UNITS(1000, 100, 52000),    # was the curve's top: 150,000
    lambda: xp.XP_PERF_SHARES(1000, 52000),        # was 1,500 shares
    lambda: xp.XP_PERF_PAYOUT(52000),
    lambda: xp.XP_CURVE(52000, [[80, 50], [100, 100], [120, 150]]),
])
def test_an_amount_where_an_achievement_belongs_is_an_error_everywhere(call):
    result = call()
    assert is_error(result, "achievement " + NOT_ACHIEVEMENT)
    assert "target is empty" not in result  # XP_CURVE has no target to fill in


def test_the_achievement_limit_is_1000_percent_inclusive():
    # (1000 − 100)% × 1 × 300,000 = 2,700,000, capped at 50%: 150,000
    assert xp.XP_EXTRA(1000, 300000) == 150000
    assert xp.XP_EXTRA(10, 300000) == 150000  # a 1000% cell
    assert is_error(xp.XP_BAND(1000.5, [[80, 70], [100, 100]]), "value is 1000.5, not an "
                                                                  "achievement %")


def test_a_zero_target_error_fits_the_method():
    assert xp.XP_SCORE(50, 0) == "#XP! target is 0: a ratio needs a non-zero target"
    assert xp.XP_SCORE(50, 0, "curve") == (
        "#XP! target is 0: method curve needs a non-zero target, or a blank one to read the "
        "actual as the achievement %")
    assert is_error(xp.XP_SCORE(50, 0, "band"), "method band needs a non-zero target")
    # XP_SCORE without a target still says to fill it in: that is the fix there
    assert is_error(xp.XP_SCORE(52000, None, "curve"), "target is empty and actual 52000",
                    "fill in the target")


# --- the extra's cap is a share like any other; its rate a multiple, as a coefficient --------

@pytest.mark.parametrize(("cap", "expected"), [
    (0.5, 75000), ("50%", 75000), (50, 75000),  # 25% × 1 × 300,000 = 75,000, under 150,000
    (10, 30000),                                 # 10 is 10% (was 10 ×): 30,000
    (0.1, 30000),
])
def test_the_extra_cap_reads_as_every_share_does(cap, expected):
    assert xp.XP_EXTRA(125, 300000, None, cap) == expected


def test_an_extra_cap_above_100_percent_says_how_to_type_it():
    assert xp.XP_EXTRA(125, 300000, None, 150) == f"#XP! cap_share is 150, {HOW_TO_TYPE}"


@pytest.mark.parametrize("rate", [1.5, "150%"])
def test_an_extra_rate_is_a_multiple_and_may_pass_100_percent(rate):
    # an accelerator: 25% × 1.5 × 300,000 = 112,500, under the cap of 150,000
    assert xp.XP_EXTRA(125, 300000, rate) == 112500


def test_the_units_convention_example_holds():
    # docs/functions.md, Units: a table in % cells is read as percentages, so 90 (a plain
    # percentage) on 0.8/1.0/1.2 is 90% between (80, 50) and (100, 100): 50 + 10 × 50/20 = 75
    assert xp.XP_CURVE(90, [[0.8, 50], [1, 100], [1.2, 150]]) == 75
    assert xp.XP_CURVE(90, [[80, 50], [100, 100], [120, 150]]) == 75


# --- an error in a list names the cell's position, as "weight 1" does -----------------------

@pytest.mark.parametrize(("call", "message"), [
    (lambda: xp.XP_WEIGHTED([["abc"], [80]], [[.6], [.4]]), 'score 1 is "abc"'),
    # numbered in the range as given: the blank row 1 (no score, no weight) still counts
    (lambda: xp.XP_WEIGHTED([[None], [90], ["x"]], [[None], [.6], [.4]]), 'score 3 is "x"'),
    (lambda: xp.XP_CONSEC([["B", "X"]]), 'history grade 2 is "X"'),
    (lambda: xp.XP_SETTLE(1000, [["abc", 5]]), 'advance 1 is "abc"'),
    (lambda: xp.XP_QUOTA([["S"], [None], ["X"]]), 'grade 3 is "X"'),
    (lambda: xp.XP_360([[90], [80]], [["superior"], [None]]), "rater group 2 is empty"),
    # a blank rating is left out but keeps its place: rating 3 is the bad one
    (lambda: xp.XP_360([[90], [None], [120]], [["上级"], ["上级"], ["上级"]]),
     "rating 3 is 120, expected 0 to 100"),
])
def test_a_bad_cell_of_a_list_is_named_by_its_position(call, message):
    assert is_error(call(), message)


def test_a_blank_rating_is_still_left_out_of_the_360():
    # superior 90, 80, 70 (the blank left out) = 80; peer 80 × 3 = 80; subordinate 80 → 80
    groups = [["上级"]] * 4 + [["同级"]] * 3 + [["下级"]] * 3
    assert xp.XP_360([[90], [None], [80], [70]] + [[80]] * 6, groups) == 80


@pytest.mark.parametrize(("grade", "as_coef"), [("卓越", "S"), ("优秀", "A"), ("称职", "B"),
                                                ("基本称职", "C")])
def test_soe_check_passes_every_grade_word_xp_coef_knows(grade, as_coef):
    # XP_COEF reads 卓越 as S (1.5): the SOE check must not refuse what the grade table knows
    assert xp.XP_COEF(grade) == xp.XP_COEF(as_coef)
    assert xp.XP_SOE_CHECK(600000, 1000000, grade, 2024) == [["OK"]]


def test_soe_check_error_lists_the_grades_not_a_policy_file():
    # a formula's user has no policy file: the message says which grades are accepted
    result = xp.XP_SOE_CHECK(600000, 1000000, "X", 2024)
    assert result == ('#XP! 2024 grade is "X", not a grade xlperf knows: give S, A, B, C, D '
                      "or a word such as 卓越, 优秀, 称职, 基本称职, 不称职")
    assert "policy" not in result


@pytest.mark.parametrize(("call", "message"), [
    # the help calls rate a multiple of the standard (1, 1.5 or 150%): so does the message
    (lambda: xp.XP_EXTRA(125, 300000, 150),
     "#XP! rate is 150, expected a multiple of the standard such as 1, 1.5 or 150%, at most 10"),
    # a grade typed where its coefficient belongs: said as a coefficient, pointing to XP_COEF
    (lambda: xp.XP_BONUS("A", 300000),
     '#XP! coefficient is "A", expected a coefficient such as 1.2 (120%); a grade gives its '
     'coefficient with XP_COEF("A")'),
    (lambda: xp.XP_ADVANCE("B", 300000),
     '#XP! coefficient is "B", expected a coefficient such as 1.2 (120%); a grade gives its '
     'coefficient with XP_COEF("B")'),
])
def test_a_rate_or_coefficient_message_says_what_the_help_says(call, message):
    assert call() == message


# --- whole numbers as Excel hands them over; booleans as Excel shows them -------------------

def test_whole_numbers_given_as_floats_or_text_with_a_decimal_point():
    # a quantity computed in a cell: =0.1*3*1000 is 300.00000000000006, shown as 300
    assert xp.XP_SAR(100, 10, 0.1 * 3 * 1000) == xp.XP_SAR(100, 10, 300) == 27000
    assert xp.XP_SAR(100, 10, "300.0") == 27000
    assert xp.XP_CONSEC([["B", "C", "C"]], "C", 2.0) is True
    assert xp.XP_CONSEC([["B", "C", "C"]], "C", "2.0") is True
    assert xp.XP_SAR(100, 10, 95.5) == "#XP! quantity is 95.5, expected a whole number"
    assert xp.XP_CONSEC([["B", "C", "C"]], "C", 2.5) == (
        "#XP! years is 2.5, expected a whole number")


def test_a_boolean_in_an_error_is_true_or_false_as_a_cell_shows_it():
    assert xp.XP_SCORE(80, False) == "#XP! target is FALSE, expected a number"
    assert xp.XP_SCORE(80, 100, True) == (
        "#XP! method is TRUE, expected one of ratio, inverse_ratio, curve, band, "
        "zero_tolerance, binary, rating, okr")
    assert xp.XP_CN_BONUS_TRAP(36001, None, True).startswith("#XP! show is TRUE, expected row")


def test_a_long_message_loses_its_middle_between_words_never_inside_one():
    from xlperf.udfs.cells import error_text

    words = " ".join(f"word{i:03d}" for i in range(60))  # 60 × 8 characters
    text = error_text(f"problem: {words} end")
    head, tail = text.removeprefix(f"{ERROR_PREFIX} ").split(" … ")
    assert head.startswith("problem: word000 word001") and tail.endswith("word059 end")
    assert all(w.startswith("word") and len(w) == 7 for w in head.split()[1:] + tail.split()[:-1])
    assert len(text) <= len(ERROR_PREFIX) + 1 + MAX_MESSAGE
    # one word longer than the cell: cut, since there is no space to cut at
    assert len(error_text("x" * 400)) <= len(ERROR_PREFIX) + 1 + MAX_MESSAGE
