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
def test_an_integer_beyond_a_float_is_not_a_finite_number(value):
    # float(10**400) raises OverflowError: an InputError quoting it shortly instead
    with pytest.raises(InputError, match=r"^actual is -?1E\+400, expected a finite number$"):
        inputs.number(value, "actual")
    with pytest.raises(InputError, match="expected a finite number"):
        score_indicator("ratio", value, 100)


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
