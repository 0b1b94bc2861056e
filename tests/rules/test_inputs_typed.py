"""Text typed with a Chinese input method: full-width digits, signs and letters read plainly."""

import math
from decimal import Decimal

import pytest

from xlperf.errors import InputError
from xlperf.policy import DEMO_POLICY
from xlperf.rules import inputs
from xlperf.rules.scoring import score_indicator


@pytest.mark.parametrize(("typed", "expected"), [
    ("８５％", 0.85), ("１，２００", 1200.0), ("１２００．５", 1200.5), (" 30% ", 0.3)])
def test_full_width_numbers_and_percent_signs_are_numbers(typed, expected):
    assert inputs.number(typed, "weight") == pytest.approx(expected)


def test_full_width_amounts_grades_and_answers():
    assert inputs.decimal("￥１，２００．５０", "bonus standard") == Decimal("1200.50")
    assert DEMO_POLICY.grades.known("ａ") == "A"
    assert inputs.done("ＹＥＳ", "done") is True
    assert inputs.text("李雪梅", "name") == "李雪梅"  # Chinese characters stay as they are


def test_full_width_grades_in_a_policy_are_its_plain_grades():
    """A grade table, coefficient table or quota typed with a Chinese input method: one
    grade-name rule everywhere, as History reads them."""
    from xlperf.policy import Policy
    from xlperf.rules.bonus import CoefficientTable
    from xlperf.rules.grades import GradeTable, Quota

    grades = GradeTable((("Ｓ", 95), ("Ａ ", 85), ("ｂ", 75), ("C", 60), ("Ｄ", 0)))
    assert grades.grades == DEMO_POLICY.grades.grades
    coefficients = CoefficientTable((("S", 1.5), ("Ａ", 1.2), ("B", 1.0), ("ｃ", 0.6),
                                     ("D", 0.0)))
    assert coefficients.step_for("ａ") == 1.2
    quota = Quota.parse("Ｓ＋Ａ", 0.3)
    assert quota.grades == ("S", "A")
    assert Policy(grades=grades, coefficients=coefficients, quotas=(quota,)).veto_cap == "C"


def test_list_values_read_one_way_whatever_their_spaces_and_width():
    """A method, part, rater group, regime or option type with a trailing or no-break space,
    a full-width space or full-width letters is the list's value (inputs.choice)."""
    from xlperf.model import Indicator
    from xlperf.rules.china.csrc import regime_name
    from xlperf.rules.democratic import group_name
    from xlperf.rules.incentives.options import option_kind
    from xlperf.rules.scoring import method_name

    assert inputs.choice("Ｒａｔｉｏ\u00a0") == inputs.choice(" ratio ") == "ratio"
    assert inputs.choice("pro\u3000 rata") == "pro rata"
    assert method_name("inverse-ratio\u00a0") == "inverse_ratio"
    assert group_name("ｐｅｅｒ ") == "peer" and regime_name("ＳＯＥ\u3000") == "soe"
    assert option_kind("Ｐｕｔ") == "put"
    assert Indicator("x", 1, 1, 1, part="ｉｎｄｉｖｉｄｕａｌ\u00a0").part == "individual"


def test_a_full_width_achievement_scores_like_the_plain_one():
    assert score_indicator("band", "９５％", None) == score_indicator("band", "95%", None) == 85


def test_a_date_or_time_where_a_number_belongs_is_quoted_as_excel_shows_it():
    import datetime as dt

    for value, shown in ((dt.datetime(2026, 1, 1), "2026-01-01"),
                         (dt.datetime(2026, 1, 1, 9, 30), "2026-01-01 09:30"),
                         (dt.time(12, 0), "12:00")):
        with pytest.raises(InputError, match=f"^weight is {shown}, expected a number$"):
            inputs.number(value, "weight")


@pytest.mark.parametrize("typed", [-2026, 2026.5, 1800, 1e300])
def test_a_year_that_is_no_year_says_what_a_year_is(typed):
    with pytest.raises(InputError, match="expected a year such as 2026"):
        inputs.year(typed, "appraisal year")


@pytest.mark.parametrize("value", [10**400, -(10**400)])
def test_an_integer_beyond_a_float_is_too_large_a_number(value):
    # float(10**400) raises OverflowError: an InputError quoting it shortly instead, saying
    # it is too large (it is finite: "expected a finite number" would puzzle)
    sign = "" if value > 0 else "negative "
    with pytest.raises(InputError, match=rf"^actual is -?1E\+400, too large a {sign}number$"):
        inputs.number(value, "actual")
    with pytest.raises(InputError, match="too large a"):
        score_indicator("ratio", value, 100)


def test_a_boolean_is_quoted_as_excel_shows_it():
    import numpy as np

    assert inputs.describe(True) == "TRUE"
    assert inputs.describe(False) == "FALSE"
    assert inputs.describe(np.bool_(True)) == "TRUE"  # a pandas table's cell
    with pytest.raises(InputError, match="^weight is FALSE, expected a number$"):
        inputs.number(False, "weight")
    with pytest.raises(InputError, match="^method is TRUE, expected one of ratio, "):
        score_indicator(True, 80, 100)
    with pytest.raises(InputError, match="^grade is TRUE, expected one of S, A, B, C, D$"):
        DEMO_POLICY.grades.known(True)


@pytest.mark.parametrize("typed", [95, 95.0, "95.0", "95", 95.00000000000001, "９５．０"])
def test_a_whole_number_typed_or_computed_as_a_float_is_whole(typed):
    # Excel hands a cell's number over as a float (95.0); a formula may add binary noise
    # past the 15th digit (95.00000000000001, shown as 95): both are 95
    assert inputs.count(typed, "quantity") == 95


@pytest.mark.parametrize("typed", [2024, 2024.0, "2024.0", 2024.0000000000002])
def test_a_year_typed_as_a_float_is_that_year(typed):
    assert inputs.year(typed, "year") == 2024


def test_a_fraction_where_a_whole_number_belongs_is_refused_clearly():
    with pytest.raises(InputError, match="^quantity is 95.5, expected a whole number$"):
        inputs.count(95.5, "quantity")
    with pytest.raises(InputError, match='^quantity is "95.5", expected a whole number$'):
        inputs.count("95.5", "quantity")
    with pytest.raises(InputError, match="^year is 2024.5, expected a year such as 2026$"):
        inputs.year(2024.5, "year")
    # 14 significant nines is what Excel shows, not a whole number
    with pytest.raises(InputError, match="^quantity is 2.99999999999999, expected a whole"):
        inputs.count(2.99999999999999, "quantity")


def test_a_count_that_starts_at_one_says_so_for_every_number_below():
    assert inputs.count(1, "units", least=1) == 1
    for typed in (0, -1, -0.5, "-3", "-1e400"):
        with pytest.raises(InputError, match=r"^units is .+, expected 1 or more$"):
            inputs.count(typed, "units", least=1)
    with pytest.raises(InputError, match="^units is -1, expected zero or more$"):
        inputs.count(-1, "units")  # a count from 0, as before


@pytest.mark.parametrize("typed", [0, -1])
def test_grants_and_policies_refuse_no_units_and_negative_ones_alike(typed):
    import datetime as dt

    from xlperf.policy import Policy
    from xlperf.rules.incentives import IncentiveRules, PhantomStockGrant, RestrictedStockGrant

    with pytest.raises(InputError, match=f"^quantity is {typed}, expected 1 or more$"):
        RestrictedStockGrant(dt.date(2024, 1, 1), typed, 5)
    with pytest.raises(InputError, match=f"^units is {typed}, expected 1 or more$"):
        PhantomStockGrant(dt.date(2024, 1, 1), typed)
    with pytest.raises(InputError, match=f"^option term years is {typed}, expected 1 or more$"):
        IncentiveRules(option_term_years=typed)
    with pytest.raises(InputError, match=f"^consecutive years is {typed}, expected 1 or more$"):
        Policy(consecutive_years=typed)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, Decimal("NaN"), "NaN",
                                   "inf", "-Infinity"])
@pytest.mark.parametrize("reader", [inputs.number, inputs.points, inputs.optional_number,
                                    inputs.achievement, inputs.non_negative, inputs.amount,
                                    inputs.count, inputs.decimal, inputs.share,
                                    inputs.months_served, inputs.year, inputs.done])
def test_nan_and_infinity_never_pass_as_a_number(reader, value):
    """float('nan') compares false with every bound, so a reader checking only its range
    would let it through: every reader of a number refuses it (and infinity) by name."""
    with pytest.raises(InputError, match="^bonus is "):
        reader(value, "bonus")


def test_the_largest_float_is_refused_as_too_large_not_crashed_on():
    # 1.7976931348623157e308 to 15 digits is 1.79769313486232e308, beyond a float: inf
    big = 1.7976931348623157e308
    assert inputs.as_shown(big) == big
    with pytest.raises(InputError, match="^units is 1.79769313486232e[+]308, expected a whole "
                                         "number of at most"):
        inputs.count(big, "units")
    with pytest.raises(InputError, match="^year is .+, expected a year such as 2026$"):
        inputs.year(-big, "year")


@pytest.mark.parametrize("typed", ["EX001", "ex001", "Ex001", "ＥＸ００１", "ｅｘ００１", " EX001 ",
                                   "EX001\u3000"])
def test_ids_one_after_nfkc_and_case_folding_have_one_key(typed):
    assert inputs.id_key(typed) == inputs.id_key("EX001") == "ex001"


def test_id_keys_tell_different_ids_apart_and_join_unicode_forms():
    assert inputs.id_key("EX001") != inputs.id_key("EX0010")
    assert inputs.id_key("E-001") != inputs.id_key("E001")
    assert inputs.id_key("\ud55c") == inputs.id_key("\u1112\u1161\u11ab")  # 한: one or three
    assert inputs.id_key("STRASSE") == inputs.id_key("straße")  # full case folding
    assert inputs.id_key("张三") == "张三"
