"""Weights and weighted scores: fractions or percentages, validation, category subtotals."""

import math

import pytest

from xlperf.errors import InputError
from xlperf.rules.composite import (
    as_fractions,
    checked_weights,
    composite_by_category,
    weighted_score,
)


def test_fractions_and_percentages_are_both_accepted():
    assert as_fractions([0.3, 0.7]) == pytest.approx((0.3, 0.7))
    assert as_fractions([30, 70]) == pytest.approx((0.3, 0.7))


def test_weighted_score_known_answer():
    # 90 × 30% + 80 × 70% = 27 + 56 = 83
    assert weighted_score([90, 80], [30, 70]) == 83
    assert weighted_score([90, 80], [0.3, 0.7]) == 83


def test_weighted_score_rounds_half_up_to_2_decimals():
    # 88.885 × 50% + 88.885 × 50% = 88.885 → 88.89 (half-up on the shown number)
    assert weighted_score([88.885, 88.885], [50, 50]) == 88.89


def test_thirds_add_to_100_after_rounding():
    # 33.33 + 33.33 + 33.33 = 99.99 % → not 100 after rounding: error
    with pytest.raises(InputError, match="add to 99.99%"):
        checked_weights([33.33, 33.33, 33.33])
    # 33.333 × 3 = 99.999 → 100.00 after rounding to 2 decimals: accepted
    assert weighted_score([90, 60, 30], [33.333, 33.333, 33.333]) == 60


def test_weights_adding_to_95_percent_name_the_weights():
    with pytest.raises(InputError) as info:
        checked_weights([30, 10, 10, 20, 25])
    assert str(info.value) == "weights add to 95%, expected 100% (30%, 10%, 10%, 20%, 25%)"


def test_one_weight_typed_as_a_percentage_among_fractions_is_pointed_out():
    with pytest.raises(InputError) as info:
        checked_weights([30, 0.3, 0.4])
    assert str(info.value) == (
        "weights are typed two ways: weight 1 = 30 looks like a whole percentage (30) among "
        "fractions (0.3 = 30%); type them all one way (30, 0.3, 0.4)")
    with pytest.raises(InputError) as info:  # "30%" is 0.3: shown as typed, not "0.3%"
        checked_weights([30, 20, 0.3, 10, 40])
    assert str(info.value) == (
        "weights are typed two ways: weight 3 = 0.3 looks like a fraction (0.3 = 30%) among "
        "whole percentages (30); type them all one way (30, 20, 0.3, 10, 40)")


def test_fraction_weights_adding_to_95_percent():
    with pytest.raises(InputError, match=r"add to 95%, expected 100% \(50%, 45%\)"):
        checked_weights([0.5, 0.45])


@pytest.mark.parametrize(("weights", "message"), [
    ([-10, 110], "weight 1 is -10, expected zero or more"),
    (["abc", 100], 'weight 1 is "abc", expected a number'),
    ([math.nan, 100], "expected a finite number"),
    ([], "no weights given"),
])
def test_bad_weights(weights, message):
    with pytest.raises(InputError, match=message):
        checked_weights(weights)


def test_score_and_weight_counts_must_match():
    with pytest.raises(InputError, match="2 scores but 3 weights"):
        weighted_score([1, 2], [30, 30, 40])


def test_zero_weight_line_is_shown_but_does_not_count():
    assert weighted_score([100, 0], [100, 0]) == 100


def test_category_subtotals():
    # financial: 100 × 30% + 80 × 40% = 30 + 32 = 62 points over 70% → category score 88.57
    # risk: 50 × 30% = 15 points over 30% → 50
    result = composite_by_category(["financial", "financial", "risk"], [100, 80, 50],
                                   [30, 40, 30])
    assert result.score == 77  # 62 + 15
    financial, risk = result.categories
    assert (financial.category, financial.weight) == ("financial", pytest.approx(0.7))
    assert financial.points == pytest.approx(62)
    assert financial.score == pytest.approx(88.5714, abs=1e-4)
    assert (risk.points, risk.score) == (pytest.approx(15), pytest.approx(50))


def test_category_subtotals_read_scores_as_the_total_does():
    # a score typed as text ("90") counts in its category as in the total: 90 × 50% + 80 × 50%
    result = composite_by_category(["a", "b"], ["90", 80], [50, 50])
    assert result.score == 85
    assert [c.score for c in result.categories] == [pytest.approx(90), pytest.approx(80)]
    with pytest.raises(InputError, match='score 1 is "abc", expected a number'):
        composite_by_category(["a", "b"], ["abc", 80], [50, 50])


@pytest.mark.parametrize(("build", "words"), [
    (lambda: composite_by_category(["financial"], [90.0, 100.0], [50, 50]),
     "1 categories but 2 scores: give one category per indicator"),
    (lambda: weighted_score([90.0], None), "weights are empty, expected a list"),
    (lambda: weighted_score("90", [100]), 'scores are "90", expected a list'),
])
def test_mismatched_or_missing_lists_are_input_errors(build, words):
    with pytest.raises(InputError, match=words):
        build()
