"""Achievement percentages typed as 105, as "105%" or in a cell formatted as % (1.05)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlperf.errors import InputError
from xlperf.rules.inputs import PERCENT_CELL_LIMIT, achievement, achievement_percent


@pytest.mark.parametrize(("value", "expected"), [
    (105, 105.0),        # a percentage typed as a number
    (1.05, 105.0),       # a 105% cell holds 1.05
    ("105%", 105.0),     # text with a % sign: 1.05, then read as a fraction
    (0, 0.0),
    (10, 1000.0),        # the limit itself is still a fraction (1000%)
    (10.5, 10.5),        # above it: a percentage
    (-0.2, -20.0),       # a loss-making year, 20% below zero
])
def test_known_answers(value, expected):
    assert achievement_percent(value, "achievement") == pytest.approx(expected)


def test_bad_input_names_the_value():
    with pytest.raises(InputError, match='achievement is "abc", expected a number'):
        achievement_percent("abc", "achievement")


@given(st.floats(min_value=0.0, max_value=PERCENT_CELL_LIMIT, allow_nan=False))
def test_a_percent_cell_and_its_percentage_agree(fraction):
    # Whatever the cell format, 1.05 as a % cell and 105 typed reach the same percentage,
    # as long as the percentage itself is above the limit (always so for real achievements).
    percent = fraction * 100.0
    if percent > PERCENT_CELL_LIMIT:
        assert achievement_percent(fraction, "a") == pytest.approx(
            achievement_percent(percent, "a"))


def test_an_achievement_typed_directly_is_at_most_1000_percent():
    # 1000% (10 in a % cell, or 1000) is the most; 52,000 is an amount (万元), not 5,200,000%
    assert achievement(10, "achievement") == 1000 and achievement(-1000, "a") == -1000
    assert achievement("125%", "achievement") == 125
    with pytest.raises(InputError, match="achievement is 52000, not an achievement % "
                                         r"\(at most 1000%\): give actual ÷ target"):
        achievement(52000, "achievement")
    with pytest.raises(InputError, match="a is 1000.01, not an achievement"):
        achievement(1000.01, "a")


@pytest.mark.parametrize(("value", "expected"), [
    (120, 120.0),        # points, as the default cap is written
    ("120%", 120.0),     # text with a % sign: that many points
    (1.2, 120.0),        # a 120% cell holds 1.2: as an achievement is read
    (10, 1000.0),        # the limit itself is still a % cell
    (10.5, 10.5),        # above it: points
])
def test_a_score_cap_is_read_as_points_or_a_percent_cell(value, expected):
    from xlperf.rules.inputs import cap_points
    assert cap_points(value, "cap") == pytest.approx(expected)
