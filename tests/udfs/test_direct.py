"""Level 1: the XP_ functions called directly with Excel-shaped values.

Floats, None for empty cells, nested lists for ranges, datetimes, strings where numbers
belong and Excel error codes, as xlwings hands them over. The core's own rules are tested in
tests/rules; here the known answers check that each wrapper feeds the core the right values
(the derivation is written beside each number) and the properties check what the wrappers
add: broadcasting, blanks, errors, 2-D arrays.
"""

import datetime as dt
import logging
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import xlperf.udfs as xp
from xlperf.udfs.cells import ERROR_PREFIX, INTERNAL_ERROR, MAX_MESSAGE

COLUMN_100 = [[1000], [1000], [1000]]


def is_error(value):
    return isinstance(value, str) and value.startswith(ERROR_PREFIX)


# --- known answers, one wrapper at a time --------------------------------------------------

@pytest.mark.parametrize(("args", "expected"), [
    ((1050.0, 1000.0), 105.0),                      # ratio: 1050 / 1000 × 100
    ((1300.0, 1000.0), 120.0),                      # ratio capped at the policy's 120
    ((1300.0, 1000.0, "ratio", None, 110.0), 110.0),  # … or at the cap given
    ((900.0, 1000.0, "inverse_ratio"), 1000 / 900 * 100),  # lower is better: 100/90×100
    ((105.0, 100.0, "curve"), 112.5),               # 105% on (100,100)-(120,150): 100+5×50/20
    ((93.0, 100.0, "band"), 85.0),                  # 93% reaches the 90% band: 85
    ((0.93, None, "band"), 85.0),                   # no target: a 93% cell is 93%
    ((1.0, None, "zero_tolerance"), 50.0),          # one incident: 100 − 50
    (("是", None, "binary"), 100.0),                # done (是)
    ((False, None, "binary"), 0.0),                 # FALSE: not done
    ((4.0, None, "rating"), 75.0),                  # 4 on 1–5: (4 − 1) / 4 × 100
    ((0.7, None, "okr"), 70.0),                     # a key result at 0.7 shows as 70
    # a curve table typed in % cells, with a target: 0.8/1.0/1.2 read as 80/100/120
    ((105.0, 100.0, "curve", None, None, [[0.8, 50], [1.0, 100], [1.2, 150]]), 112.5),
    # the same table without a target: actual and table in the same unit (1.05 on 1.0-1.2)
    ((1.05, None, "curve", None, None, [[0.8, 50], [1.0, 100], [1.2, 150]]), 112.5),
    # the same table and an actual in a % cell without a target: both read as percentages
    ((1.05, None, "curve", None, None, [[80, 50], [100, 100], [120, 150]]), 112.5),
    ((105.0, None, "curve", None, None, [[0.8, 50], [1.0, 100], [1.2, 150]]), 112.5),
    # bands given as numbers: 85% reaches 80 → 60
    ((85.0, 100.0, "band", None, None, [[80, 60], [100, 100]]), 60.0),
])
def test_score_known_answers(args, expected):
    assert xp.XP_SCORE(*args) == pytest.approx(expected)


def test_score_table_only_for_curve_and_band():
    assert xp.XP_SCORE(105.0, 100.0, "ratio", None, None, [[80, 50], [100, 100]]) == (
        "#XP! table is used by methods curve and band, not ratio")


def test_a_method_column_takes_the_table_for_its_curve_and_band_rows_only():
    # ratio 1050/1000 = 105; curve at 105%: 100 + 5 × 50/20 = 112.5
    assert xp.XP_SCORE([[1050], [105]], [[1000], [100]], [["ratio"], ["curve"]], None, None,
                       [[80, 50], [100, 100], [120, 150]]) == [[105.0], [112.5]]


def test_one_table_for_curve_and_band_rows_is_an_error_in_those_rows():
    # the band row read the curve's points as bands (93% → 50, not the demo's 85): one table
    # cannot be both, so the curve and band rows say so; the ratio row still scores 105
    two = "#XP! table given for both curve and band rows: one table cannot be both; score "
    result = xp.XP_SCORE([[105], [105], [93]], 100, [["ratio"], ["curve"], ["band"]], None,
                         None, [[80, 50], [100, 100], [120, 150]])
    assert result[0] == [105.0]
    assert all(row[0].startswith(two) for row in result[1:])
    # without a table each takes the demo's own: 112.5 on the curve, 85 in the 90% band
    assert xp.XP_SCORE([[105], [93]], 100, [["curve"], ["分档"]]) == [[112.5], [85.0]]


@pytest.mark.parametrize(("function", "args", "expected"), [
    (xp.XP_CURVE, (90.0, [[80, 50], [100, 100], [120, 150]]), 75.0),   # 50 + 10 × 50/20
    (xp.XP_CURVE, (79.99, [[80, 50], [100, 100]]), 0.0),               # below the first point
    (xp.XP_CURVE, (200.0, [[80, 50], [100, 100]]), 100.0),             # flat after the last
    (xp.XP_BAND, (89.99, [[80, 70], [90, 85], [100, 100]]), 70.0),     # closed below
    (xp.XP_BAND, (90.0, [[80, 70], [90, 85], [100, 100]]), 85.0),
    (xp.XP_DEDUCT, (2.0,), 0.0),                                       # 100 − 2 × 50
    (xp.XP_DEDUCT, (2.0, 30.0), 40.0),                                 # 100 − 2 × 30
    # 0.4 × 90 + 0.6 × 80 = 84; percentages and fractions alike
    (xp.XP_WEIGHTED, ([[90], [80]], [[40], [60]]), 84.0),
    (xp.XP_WEIGHTED, ([[90, 80]], [[0.4, 0.6]]), 84.0),
    # a blank score is left out with its weight: the rest must still add to 100%
    (xp.XP_WEIGHTED, ([[90], [80], [None]], [[40], [60], [None]]), 84.0),
    # superior (90, 80, 70) → 80, peer (60, 70, 80) → 70, subordinate 2 raters: left out,
    # weights re-normalised to 0.4/0.7 and 0.3/0.7: (80 × 0.4 + 70 × 0.3) / 0.7 = 75.71
    (xp.XP_360, ([[90], [80], [70], [60], [70], [80], [100], [100]],
                 [["上级"], ["上级"], ["上级"], ["peer"], ["peer"], ["peer"],
                  ["下级"], ["下级"]]), 75.71),
    # equal group weights given as a table: (80 + 70) / 2 = 75 (subordinates still left out)
    (xp.XP_360, ([[90], [80], [70], [60], [70], [80]],
                 [["上级"], ["上级"], ["上级"], ["同级"], ["同级"], ["同级"]],
                 [["superior", 50], ["peer", 50], ["subordinate", 0]]), 75.0),
    # 5 panel members: drop 60 and 100, mean of 80, 85, 90 = 85
    (xp.XP_DUTY, ([[60, 80, 85, 90, 100]],), 85.0),
    # 0.4 × 80 + 0.3 × 90 + 0.1 × 70 + 0.2 × 85 = 32 + 27 + 7 + 17 = 83
    (xp.XP_ANNUAL, (80.0, 90.0, 70.0, 85.0), 83.0),
    # weights as a column of percentages: 0.25 each → (80 + 90 + 70 + 85) / 4 = 81.25
    (xp.XP_ANNUAL, (80.0, 90.0, 70.0, 85.0, [[25], [25], [25], [25]]), 81.25),
    # one objective: 0.3 × 1.0 + 0.7 × 0.5 = 0.65
    (xp.XP_OKR, ([[1.0], [0.5]], [[30], [70]]), 0.65),
    # objectives weighted equally: O1 = 0.65, O2 = (0.6 + 0.8) / 2 = 0.7 → 0.675
    (xp.XP_OKR, ([[1.0], [0.5], [0.6], [0.8]], [[30], [70], [50], [50]],
                 [["O1"], ["O1"], ["O2"], ["O2"]]), 0.675),
    # term: (80 + 85 + 90.5) / 3 = 85.1666… → 85.17
    (xp.XP_TERM, ([[80], [85], [90.5]],), 85.17),
    (xp.XP_TERM, ([[80], [None], [90]],), 85.0),          # a blank year is left out
    (xp.XP_GRADE, (94.99,), "A"),                         # closed below: 95 is S
    (xp.XP_GRADE, (95.0,), "S"),
    (xp.XP_GRADE, (99.0, None, 1.0), "C"),                # one incident vetoes: capped at C
    (xp.XP_GRADE, (99.0, None, "否"), "S"),               # no veto
    (xp.XP_GRADE, (99.0, None, True, "B"), "B"),          # veto capped at B instead
    (xp.XP_GRADE, (50.0, None, True), "D"),               # a cap never lifts a grade
    (xp.XP_GRADE, (80.0, [["Excellent", 80], ["Pass", 0]]), "EXCELLENT"),
    (xp.XP_CONSEC, ([["C"], ["D"]],), True),              # C then D: both C or worse
    (xp.XP_CONSEC, ([["C", "C", "B"]],), False),          # the latest year is B
    (xp.XP_CONSEC, ([["C", None, "C"]],), False),         # a year not appraised between
    (xp.XP_CONSEC, ([[None, "C", "C", None]],), True),    # blanks outside the history
    (xp.XP_CONSEC, ([["B", "B"]], "B"), True),            # worst_allowed B
    (xp.XP_COEF, ("c",), 0.6),                            # grades are read in any case
    (xp.XP_BONUS, (1.5, 200000.0), 300000.0),             # 1.5 × 200,000 × 12/12
    (xp.XP_BONUS, (1.0, 120000.0, 7.0), 70000.0),         # 120,000 × 7/12
    (xp.XP_BONUS, (1.0, 1000.005), 1000.01),              # half-up on the shown number
    (xp.XP_BONUS, (1.0, 2.675), 2.68),                    # 2.675 is 2.67499… in binary
    (xp.XP_EXTRA, (1.1, 100000.0), 10000.0),              # 110%: 10% × 100,000
    (xp.XP_EXTRA, (110.0, 100000.0), 10000.0),            # the same typed as 110
    (xp.XP_EXTRA, (130.0, 100000.0, 2.0, 0.5), 50000.0),  # 30% × 2 = 60%, capped at 50%
    (xp.XP_EXTRA, (130.0, 100000.0, 1.0, 50.0), 30000.0),  # 50 is 50% (a share): 30% × 1
    (xp.XP_EXTRA, (130.0, 100000.0, 50.0),                # a rate is a multiple: not 50×
     "#XP! rate is 50, expected a multiple of the standard such as 1, 1.5 or 150%, at most 10"),
    (xp.XP_EXTRA, (115.0, 450000.0, None, None, 0.6), 67500.0),     # 15% × 450,000
    (xp.XP_EXTRA, (115.0, 450000.0, None, None, 0.6, 1.0), 0.0),    # a veto withholds it
    (xp.XP_EXTRA, (115.0, 450000.0, None, None, 0.0), 0.0),         # so does grade D's 0
    (xp.XP_EXTRA, (115.0, 450000.0, None, None, None, False), 67500.0),
    (xp.XP_ADVANCE, (1.0, 120000.0), 15000.0),            # 120,000 × 3/12 × 50%
    (xp.XP_SETTLE, (100000.0, [[20000], [None], [30000]]), 50000.0),  # blank: no advance
    (xp.XP_DEFER, (828000.0, 0.4), 331200.0),             # 40% of 828,000
    (xp.XP_DEFER, (100000.15, "30%"), 30000.05),          # 30,000.045 half-up
    (xp.XP_DEFER, (828000.0,), 0.0),                      # the demo policy defers nothing
    (xp.XP_DEFER, (None, 0.4), None),                     # blank bonus: blank cell
    (xp.XP_DEFER, (1.0, 150), "#XP! deferral share is 150, expected a share from 0 to 100%: "
                                "type 40% or 0.4"),  # 1.5 would read as 1.5%
    # 828,000 − 40% deferred (331,200) − 3 × 75,000 advances = 271,800
    (xp.XP_SETTLE, (828000.0, [[75000, 75000, 75000]], 0.4), 271800.0),
    # under the central-SOE rules at least 40% waits for the term's end: 720,000 − 288,000
    # − 225,000 = 207,000 (the demo CFO); a company's 50% stays 50%: 360,000 deferred
    (xp.XP_DEFER, (720000.0, None, True), 288000.0),
    (xp.XP_DEFER, (720000.0, 0.5, "是"), 360000.0),
    (xp.XP_DEFER, (720000.0, None, False), 0.0),
    (xp.XP_DEFER, (720000.0, None, "maybe"),
     '#XP! soe is "maybe", expected TRUE or FALSE (是/否) or a count'),
    (xp.XP_SETTLE, (720000.0, [[75000, 75000, 75000]], None, True), 207000.0),
])
def test_known_answers(function, args, expected):
    result = function(*args)
    if isinstance(expected, float):
        assert result == pytest.approx(expected, abs=1e-9)
    else:
        assert result == expected


def test_quota_rows():
    # 12 grades: 2 S of at most 10% × 12 = 1.2 → 1 allowed: over; S+A 3 of 30% × 12 = 3.6 → 3
    grades = [["S"], ["S"], ["A"], ["B"], ["B"], ["B"], ["B"], ["B"], ["C"], ["C"], ["B"],
              [None]]
    assert xp.XP_QUOTA(grades) == [["S", 2, 1, "over"], ["S+A", 3, 3, "ok"]]
    # a quota table of our own: A+B at most 50% of 11 known grades → 5; there are 7
    assert xp.XP_QUOTA(grades, [["A+B", "50%"]]) == [["A+B", 7, 5, "over"]]


# --- Excel-shaped values ---------------------------------------------------------------------

def test_numbers_typed_as_text_are_read():
    assert xp.XP_SCORE("1,050", "1000") == 105.0
    assert xp.XP_WEIGHTED([["90", "80"]], [["40%", "60%"]]) == 84.0


def test_text_where_a_number_belongs():
    assert xp.XP_SCORE("abc", 100.0) == '#XP! actual is "abc", expected a number'
    assert xp.XP_SCORE(True, 100.0) == "#XP! actual is TRUE, expected a number"


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_blank_gives_blank(blank):
    assert xp.XP_SCORE(blank, 100.0) is None
    assert xp.XP_GRADE(blank) is None
    assert xp.XP_BONUS(blank, 300000.0) is None
    assert xp.XP_WEIGHTED([[blank]], [[1]]) is None
    assert xp.XP_DUTY([[blank, blank]]) is None
    assert xp.XP_CONSEC([[blank, blank]]) is None
    # no headcount: a blank, not a table of zeros marked ok; even beside a bad quota table
    assert xp.XP_QUOTA(blank) is None
    assert xp.XP_QUOTA([[blank], [blank], [None]]) is None
    assert xp.XP_QUOTA([[blank]], [["S", "many"]]) is None


def test_blank_optional_arguments_take_their_defaults():
    assert xp.XP_DEDUCT(1.0, None) == 50.0
    assert xp.XP_DEDUCT(1.0, [[None]]) == 50.0            # an empty cell given
    assert xp.XP_BONUS(1.0, 1200.0, "", "") == 1200.0      # months 12, no cap
    assert xp.XP_SCORE(1050.0, 1000.0, None) == 105.0       # method ratio
    assert xp.XP_GRADE(96.0, [[None, None]], None, None) == "S"  # demo table, no veto


@pytest.mark.parametrize("date", [dt.datetime(2024, 3, 31), dt.date(2024, 3, 31)])
def test_dates_where_numbers_belong(date):
    assert xp.XP_SCORE(date, 100.0) == "#XP! actual is a date (2024-03-31), which it does not take"
    assert xp.XP_DUTY([[80, date]]) == (
        "#XP! panel_scores cell 2 is a date (2024-03-31), which it does not take")


@pytest.mark.parametrize("error", ["#N/A", "#div/0!", -2146826246,
                                   {"type": "Error", "basicValue": "#N/A", "errorType": "NA"}])
def test_excel_errors_in_inputs(error):
    code = "#DIV/0!" if error == "#div/0!" else "#N/A"
    assert xp.XP_SCORE(error, 100.0) == f"#XP! actual is {code}"
    assert xp.XP_SCORE(100.0, error) == f"#XP! target is {code}"
    assert xp.XP_WEIGHTED([[90], [error]], [[50], [50]]) == f"#XP! scores cell 2 is {code}"
    assert xp.XP_GRADE(90.0, [["S", 95], ["A", error]]) == f"#XP! grade_table row 2 is {code}"


def test_xp_errors_are_passed_on_unchanged():
    upstream = xp.XP_WEIGHTED([[90], [80]], [[60], [35]])
    assert upstream == "#XP! weights add to 95%, expected 100% (60%, 35%)"
    assert xp.XP_GRADE(upstream) == upstream
    assert xp.XP_COEF(xp.XP_GRADE(upstream)) == upstream
    assert xp.XP_TERM([[80.0], [upstream]]) == upstream
    assert xp.XP_GRADE([[90.0], [upstream]]) == [["A"], [upstream]]


def test_a_blank_main_input_wins_over_errors_elsewhere():
    # an unused template row whose target lookup fails stays blank
    assert xp.XP_SCORE(None, "#N/A") is None


# --- ranges in, arrays out ----------------------------------------------------------------------

def test_column_in_column_out():
    assert xp.XP_SCORE([[1050], [880], [None]], COLUMN_100) == [[105.0], [88.0], [None]]


def test_row_in_row_out_and_flat_lists_are_rows():
    assert xp.XP_SCORE([[1050, 880]], 1000) == [[105.0, 88.0]]
    assert xp.XP_SCORE([1050, 880], 1000) == [[105.0, 88.0]]


def test_block_in_block_out():
    assert xp.XP_GRADE([[96, 90], [80, None]]) == [["S", "A"], ["B", None]]


def test_per_row_methods_and_parameters():
    # an indicator table: each row has its own method and cap
    result = xp.XP_SCORE([[1300], [1], [105]], [[1000], [None], [100]],
                         [["ratio"], ["zero_tolerance"], ["curve"]], None, [[125], [None], [None]])
    assert result == [[125.0], [50.0], [112.5]]


def test_one_bad_row_keeps_the_others():
    result = xp.XP_SCORE([[1050], ["abc"], [900]], 1000)
    assert result == [[105.0], ['#XP! actual is "abc", expected a number'], [90.0]]


def test_ranges_of_different_sizes():
    assert xp.XP_SCORE([[1], [2], [3]], [[1], [2]]) == (
        "#XP! target is 2×1 but actual is 3×1: give ranges of one size or single cells")


def test_list_arguments_must_match():
    assert xp.XP_WEIGHTED([[90], [80]], [[50], [30], [20]]) == (
        "#XP! scores has 2 cells but weights has 3: give ranges of the same length")
    assert xp.XP_CONSEC([["C", "C"], ["C", "C"]]) == (
        "#XP! grades is 2×2: give one row or one column")


@pytest.mark.parametrize("years", [0, -1, -2.5, "-1", "-1e400"])
def test_consecutive_years_below_one_say_one_or_more(years):
    # -1 said "expected zero or more" while 0 said "expected 1 or more": one message now
    shown = f'"{years}"' if isinstance(years, str) else f"{years:g}"
    assert xp.XP_CONSEC([["B", "C", "C"]], "C", years) == (
        f"#XP! years is {shown}, expected 1 or more")
    assert xp.XP_CONSEC([["B", "C", "C"]], "C", 1.5) == (
        "#XP! years is 1.5, expected a whole number")


def test_settle_a_column_of_executives():
    # row by row: 360,000 − (45,000 + 45,000 + 30,000) = 240,000; 100,000 − 120,000 = −20,000
    advances = [[45000, 45000, 30000], [45000, 45000, 30000], [1, 2, 3]]
    assert xp.XP_SETTLE([[360000], [100000], [None]], advances) == [
        [240000.0], [-20000.0], [None]]
    # with 40% deferred: 360,000 − 144,000 − 120,000 = 96,000; 100,000 − 40,000 − 120,000
    assert xp.XP_SETTLE([[360000], [100000], [None]], advances, 0.4) == [
        [96000.0], [-60000.0], [None]]
    assert xp.XP_SETTLE([[360000], [100000]], advances).startswith(
        "#XP! annual_bonus is 2×1 but advances has 3 rows")


def test_settle_applies_deferral_share_and_soe_row_by_row_as_defer_does():
    bonuses, advances = [[100000], [200000]], [[10000, 10000, 10000], [20000, 20000, 20000]]
    # soe TRUE on row 1 only: 100,000 − 40,000 (SOE 40%) − 30,000; 200,000 − 0 − 60,000
    assert xp.XP_DEFER(bonuses, None, [[True], [False]]) == [[40000.0], [0.0]]
    assert xp.XP_SETTLE(bonuses, advances, None, [[True], [False]]) == [[30000.0], [140000.0]]
    # shares 10%, 20%: 100,000 − 10,000 − 30,000; 200,000 − 40,000 − 60,000
    assert xp.XP_SETTLE(bonuses, advances, [[0.1], [0.2]]) == [[60000.0], [100000.0]]
    # one cell broadcasts: SOE raises 10% to 40% on both rows (200,000 − 80,000 − 60,000)
    assert xp.XP_SETTLE(bonuses, advances, 0.1, True) == [[30000.0], [60000.0]]
    assert xp.XP_SETTLE(bonuses, advances, [[0.1], [0.2], [0.3]]) == (
        "#XP! annual_bonus is 2×1 but deferral_share is 3×1: give ranges of one size or "
        "single cells")


# --- properties --------------------------------------------------------------------------------

actuals = st.one_of(st.none(), st.floats(min_value=0, max_value=1e6, allow_nan=False))


@given(st.lists(actuals, min_size=1, max_size=12),
       st.floats(min_value=1, max_value=1e6, allow_nan=False))
def test_a_column_scores_as_its_cells_do(column, target):
    result = xp.XP_SCORE([[a] for a in column], target)
    expected = [[xp.XP_SCORE(a, target)] for a in column]
    assert result == (expected[0][0] if len(column) == 1 else expected)
    # blank in, blank out, at exactly the blank rows
    cells = [row[0] for row in result] if isinstance(result, list) else [result]
    assert [c is None for c in cells] == [a is None for a in column]


@given(st.integers(1, 4), st.integers(1, 4),
       st.lists(st.one_of(st.none(), st.floats(0, 120)), min_size=16, max_size=16))
def test_blocks_keep_their_shape(rows, cols, pool):
    block = [pool[r * cols:(r + 1) * cols] for r in range(rows)]
    result = xp.XP_GRADE(block)
    if rows == cols == 1:
        assert result == xp.XP_GRADE(block[0][0])
    else:
        assert [[xp.XP_GRADE(v) for v in row] for row in block] == result


@given(st.decimals(min_value=0, max_value=3, places=4),
       st.decimals(min_value=0, max_value=10_000_000, places=3),
       st.integers(0, 12))
def test_money_is_the_half_up_cent_as_a_float(coefficient, standard, months):
    result = xp.XP_BONUS(float(coefficient), float(standard), months)
    exact = (coefficient * standard * months / 12).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert result == float(exact)
    assert Decimal(repr(result)).as_tuple().exponent >= -2


excel_values = st.one_of(
    st.none(), st.just(""), st.booleans(), st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-10**6, 10**6), st.text(max_size=12), st.sampled_from(["#N/A", "#REF!"]),
    st.just(-2146826246), st.datetimes(min_value=dt.datetime(1900, 1, 1)),
    st.sampled_from(["S", "A", "C", "上级", "peer", "curve", "是", "30%"]),
)
ranges = st.integers(1, 3).flatmap(lambda cols: st.lists(
    st.lists(excel_values, min_size=cols, max_size=cols), min_size=1, max_size=4))
arguments = st.one_of(excel_values, ranges)


def _well_formed(result):
    if isinstance(result, list):
        assert result and len({len(row) for row in result}) == 1
        return all(_well_formed(v) for row in result for v in row)
    assert result is None or isinstance(result, str | bool | int | float)
    assert result != INTERNAL_ERROR  # every bad input gets a message that says what to fix
    if is_error(result):
        assert len(result) <= len(ERROR_PREFIX) + 1 + MAX_MESSAGE
        assert "Decimal(" not in result  # plain words, never a Python repr
    return True


@pytest.mark.parametrize("name", xp.__all__)
@given(data=st.data())
def test_no_input_ever_raises(name, data):
    function = getattr(xp, name)
    count = len(function.__xp__.arguments)
    args = data.draw(st.lists(arguments, min_size=count, max_size=count))
    assert _well_formed(function(*args))


# --- the error convention and the log ----------------------------------------------------------

@pytest.mark.parametrize(("function", "args", "what"), [
    (xp.XP_BONUS, (1.0, "1e600"), "bonus standard"),  # a number no amount of money can be
    (xp.XP_BONUS, (2, "5e599"), "bonus standard"),    # 2 × 5e599 used to overflow
    (xp.XP_SETTLE, ("1e600", [[1.0]]), "annual bonus"),
])
def test_an_amount_too_large_is_said_in_plain_words(function, args, what):
    # refused where it enters, before a product can overflow the cents
    assert function(*args) == (f'#XP! {what} is "{args[1 if what == "bonus standard" else 0]}"'
                               ", expected an amount of at most 1,000,000,000,000,000")


def test_errors_are_short_and_logged_in_full(caplog):
    weights = [[f"{i}"] for i in range(1, 40)]  # a long list of weights adding to 780%
    with caplog.at_level(logging.WARNING, logger="xlperf.udfs"):
        result = xp.XP_WEIGHTED([[50]] * 39, weights)
    assert result.startswith("#XP! weights add to 780%, expected 100% (1%, 2%")
    assert " … " in result and result.endswith("38%, 39%)")  # the middle left out
    assert len(result) <= len("#XP! ") + MAX_MESSAGE
    record = caplog.records[-1]
    assert record.name == "xlperf.udfs" and record.levelno == logging.WARNING
    assert "39%)" in record.getMessage()  # the whole list, which the cell cannot show


def test_an_internal_error_never_shows_a_traceback(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("xlperf.udfs.appraisal.duty_report_score", broken)
    with caplog.at_level(logging.ERROR, logger="xlperf.udfs"):
        assert xp.XP_DUTY([[80, 90, 85]]) == INTERNAL_ERROR
    assert caplog.records[-1].exc_info[0] is ZeroDivisionError


def test_an_internal_error_in_one_cell_keeps_the_others(monkeypatch):
    from xlperf.rules.scoring import score_indicator

    def flaky(method, actual, *args):
        if actual == 13:
            raise RuntimeError("unlucky")
        return score_indicator(method, actual, *args)

    monkeypatch.setattr("xlperf.udfs.appraisal.score_indicator", flaky)
    assert xp.XP_SCORE([[10], [13], [20]], 10) == [[100.0], [INTERNAL_ERROR], [120.0]]


@pytest.mark.parametrize(("call", "expected"), [
    # a score typed "95%" is 95 points, not 0.95 (which graded D without a word)
    (lambda: xp.XP_GRADE("95%"), "S"), (lambda: xp.XP_GRADE("９５％"), "S"),
    (lambda: xp.XP_DUTY([["90%"], ["85%"], ["80%"]]), 85.0),
    (lambda: xp.XP_WEIGHTED([["90%", "80%"]], [[0.5, 0.5]]), 85.0),
    # 91.5 × 40% + 88 × 30% + 90 × 10% + 83.5 × 20% = 36.6 + 26.4 + 9 + 16.7 = 88.7
    (lambda: xp.XP_ANNUAL("91.5%", "88%", "90%", "83.5%"), 88.7),
    # Excel's arithmetic leaves float noise: 0.3 × 3 is 0.8999999999999999 (shown 90%), and
    # a score shown as 85.00 may be 84.99999999999999; both are on the bound and reach it
    (lambda: xp.XP_BAND(0.3 * 3, [[80, 70], [90, 85], [100, 100]]), 85.0),
    (lambda: xp.XP_SCORE(0.3 * 3, None, "band"), 85.0),
    (lambda: xp.XP_GRADE(84.99999999999999), "A"),
])
def test_percent_typed_scores_and_float_noise(call, expected):
    assert call() == expected


def test_an_objective_weight_on_one_row_only_says_how_to_fix_it():
    # Results passes FILTER(tblOKR[Objective weight], …), which turns a blank into 0
    assert xp.XP_OKR([[0.8], [0.6], [0.9], [0.5]], [[50], [50], [60], [40]],
                     [["O1"], ["O1"], ["O2"], ["O2"]], [[60], [0], [40], [40]]) == (
        "#XP! objective O1 has 2 different weights (0, 60): give its weight on every one of "
        "its rows (FILTER turns a blank into 0)")
