"""The annual score (表-1), the term score and OKR (seed 000)."""

import pytest

from xlperf.errors import InputError
from xlperf.rules.annual import PartWeights, annual_score, part_score, term_score
from xlperf.rules.okr import KeyResult, Objective, okr_score, weighted_okr


class TestAnnual:
    def test_demo_weights_known_answer(self):
        # 90 × 40% + 80 × 30% + 85 × 10% + 70 × 20% = 36 + 24 + 8.5 + 14 = 82.5
        assert annual_score(90, 80, 85, 70) == 82.5

    def test_configurable_part_weights(self):
        # 90 × 50% + 80 × 30% + 85 × 0% + 70 × 20% = 45 + 24 + 0 + 14 = 83
        weights = PartWeights(50, 30, 0, 20)
        assert annual_score(90, 80, None, 70, weights) == 83

    def test_float_noise_cannot_move_a_grade(self):
        # 95 in every part is 95.00 exactly after rounding, whatever the float sum gives
        assert annual_score(95, 95, 95, 95) == 95.0
        assert annual_score(94.99, 94.99, 94.99, 94.99) == 94.99

    def test_empty_part_with_weight_is_an_error(self):
        with pytest.raises(InputError, match="duty report score is empty but weighs 10%"):
            annual_score(90, 80, None, 70)

    def test_part_weights_must_add_to_100(self):
        with pytest.raises(InputError, match="annual part weights add to 95%"):
            PartWeights(40, 30, 5, 20)
        with pytest.raises(InputError, match="expected 4"):
            PartWeights.from_values([40, 60])

    def test_term_score_is_the_mean(self):
        # (82 + 88 + 91) / 3 = 87
        assert term_score([82, 88, 91]) == 87
        # weighted 20/30/50: 16.4 + 26.4 + 45.5 = 88.3
        assert term_score([82, 88, 91], [20, 30, 50]) == 88.3
        # a year not appraised: the others share its weight, 88 × 30/80 + 91 × 50/80 = 89.875
        assert term_score([None, 88, 91], [20, 30, 50]) == 89.88
        with pytest.raises(InputError, match="3 annual scores but 2 year weights"):
            term_score([None, 88, 91], [50, 50])
        with pytest.raises(InputError, match="no annual scores"):
            term_score([None, ""])


class TestOkr:
    def test_objective_score_is_weighted_mean_of_key_results(self):
        # 0.8 × 50% + 0.6 × 30% + 0.5 × 20% = 0.4 + 0.18 + 0.1 = 0.68
        objective = Objective("launch", (KeyResult("a", 50, 0.8), KeyResult("b", 30, 0.6),
                                         KeyResult("c", 20, 0.5)))
        assert objective.score == pytest.approx(0.68)
        assert not objective.achieved  # below 0.7

    def test_overall_score_weights_objectives(self):
        first = Objective("o1", (KeyResult("a", 50, 0.9), KeyResult("b", 50, 0.7)), weight=60)
        second = Objective("o2", (KeyResult("a", 50, 0.4), KeyResult("b", 50, 0.6)), weight=40)
        # o1 = 0.8, o2 = 0.5: 0.8 × 60% + 0.5 × 40% = 0.48 + 0.2 = 0.68
        assert okr_score([first, second]) == pytest.approx(0.68)

    def test_equal_weights_when_none_given(self):
        first = Objective("o1", (KeyResult("a", 50, 1.0), KeyResult("b", 50, 0.6)))
        second = Objective("o2", (KeyResult("a", 50, 0.4), KeyResult("b", 50, 0.6)))
        assert okr_score([first, second]) == pytest.approx(0.65)  # (0.8 + 0.5) / 2

    def test_two_to_five_key_results(self):
        with pytest.raises(InputError, match="has 1 key result"):
            Objective("thin", (KeyResult("a", 50, 0.5),))
        with pytest.raises(InputError, match="has 6 key result"):
            Objective("fat", tuple(KeyResult(str(i), 1, 0.5) for i in range(6)))

    def test_scores_on_0_to_1(self):
        with pytest.raises(InputError, match="expected 0.0 to 1.0"):
            KeyResult("a", 50, 70)
        with pytest.raises(InputError, match="key-result weights add to 90%"):
            weighted_okr([0.5, 0.5], [50, 40])

    def test_weights_all_or_none(self):
        first = Objective("o1", (KeyResult("a", 50, 1.0), KeyResult("b", 50, 0.6)), weight=50)
        second = Objective("o2", (KeyResult("a", 50, 0.4), KeyResult("b", 50, 0.6)))
        with pytest.raises(InputError, match="every objective a weight, or none"):
            okr_score([first, second])


def test_a_part_counts_at_most_100_though_its_indicators_score_more():
    # 表-1 scores each part 0–100: a curve line at 150 lifts its part only to full marks
    assert part_score(106.57) == 100.0 and part_score(99.99) == 99.99
    assert part_score(150, 120) == 120.0
    # E001: 100 × 40% + 100 × 30% + 91.33 × 10% + 94.77 × 20% = 98.087 → 98.09
    assert annual_score(part_score(106.57), part_score(102.75), 91.33, 94.77) == 98.09
    with pytest.raises(InputError, match="part score cap is 0, expected more than 0"):
        part_score(90, 0)


def test_the_annual_score_counts_a_part_above_100_as_100():
    # 表-1 scores each part 0–100: business 120 counts 100, as the batch's part_score caps it
    # 100 × 40% + 88 × 30% + 90 × 10% + 83.5 × 20% = 40 + 26.4 + 9 + 16.7 = 92.1
    assert annual_score(120, 88, 90, 83.5) == 92.1
    # the individual part too: 91.5 × 40% + 100 × 30% + 9 + 16.7 = 36.6 + 30 + 25.7 = 92.3
    assert annual_score(91.5, 130, 90, 83.5) == 92.3
    # a policy's own cap: 120 counts 110 → 44 + 26.4 + 9 + 16.7 = 96.1
    assert annual_score(120, 88, 90, 83.5, cap=110) == 96.1


@pytest.mark.parametrize(("parts", "message"), [
    ((-5, 88, 90, 83.5), "business performance score is -5, expected zero or more"),
    ((91.5, -0.01, 90, 83.5), "individual performance score is -0.01, expected zero or more"),
    ((91.5, 88, 120, 83.5), "duty report score is 120, expected 0 to 100"),
    ((91.5, 88, 90, -1), "360 democratic evaluation score is -1, expected 0 to 100"),
])
def test_a_part_below_0_or_a_rated_part_above_100_is_an_error(parts, message):
    # a negative part would silently take points from the others (-5 gave 50.1); the duty
    # report and the 360 are means of 0–100 scores, which the batch refuses outside 0–100
    with pytest.raises(InputError, match=message):
        annual_score(*parts)


def test_a_term_takes_annual_scores_of_0_to_100():
    with pytest.raises(InputError, match="annual score 1 is 186.5, expected 0 to 100"):
        term_score([186.5, 91.2, 88.9])
    with pytest.raises(InputError, match="annual score 3 is -5, expected 0 to 100"):
        term_score([86.5, 91.2, -5])
    # a policy whose parts count up to 120 makes annual scores up to 120
    assert term_score([110, 90], cap=120) == 100
