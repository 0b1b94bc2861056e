"""Known answers for every scoring method (domain §2), derived by hand, and bad input."""

import math

import pytest

from xlperf.errors import InputError
from xlperf.rules.curves import Curve, StepTable
from xlperf.rules.scoring import (
    ScoringDefaults,
    ScoringParams,
    achievement_pct,
    incidents_vetoed,
    method_name,
    score_band,
    score_binary,
    score_curve,
    score_indicator,
    score_inverse_ratio,
    score_okr,
    score_rating,
    score_ratio,
    score_zero_tolerance,
)

DEMO_CURVE = Curve(((80, 50), (100, 100), (120, 150)))
DEMO_BANDS = StepTable(((100, 100), (90, 85), (80, 70)))


class TestRatio:
    def test_on_target_scores_100(self):
        # 52,000 / 52,000 × 100 = 100
        assert score_ratio(52_000, 52_000) == 100

    def test_below_target(self):
        # 46,800 / 52,000 × 100 = 90
        assert score_ratio(46_800, 52_000) == pytest.approx(90)

    def test_capped_at_120(self):
        # 65,000 / 52,000 × 100 = 125 → cap 120
        assert score_ratio(65_000, 52_000) == 120

    def test_floor(self):
        # a loss against a profit target: −10 / 100 × 100 = −10 → floor 0
        assert score_ratio(-10, 100) == 0
        assert score_ratio(30, 100, floor=40) == 40

    def test_negative_target_smaller_loss_scores_higher(self):
        # target −500 (a loss), actual −300: 100 + (−300 − (−500)) / 500 × 100 = 140 → cap 120
        assert score_ratio(-300, -500, cap=200) == pytest.approx(140)
        assert score_ratio(-300, -500) == 120
        # actual −600 (worse): 100 + (−100 / 500 × 100) = 80
        assert score_ratio(-600, -500) == pytest.approx(80)

    def test_zero_target_is_an_error_not_a_division(self):
        with pytest.raises(InputError, match="target is 0"):
            score_ratio(10, 0)

    def test_no_cap(self):
        assert score_ratio(300, 100, cap=None) == 300


class TestInverseRatio:
    def test_lower_is_better(self):
        # cost target 80, actual 100: 80 / 100 × 100 = 80
        assert score_inverse_ratio(100, 80) == 80
        # actual 64 (cheaper): 80 / 64 × 100 = 125 → cap 120
        assert score_inverse_ratio(64, 80) == 120

    def test_actual_zero_scores_cap(self):
        assert score_inverse_ratio(0, 2.0) == 120
        assert score_inverse_ratio(0, 2.0, cap=110) == 110

    def test_negative_inputs_are_errors(self):
        with pytest.raises(InputError, match="expected zero or more"):
            score_inverse_ratio(-1, 2)
        with pytest.raises(InputError, match="must be positive"):
            score_inverse_ratio(1, -2)


class TestCurve:
    # demo curve (80, 50), (100, 100), (120, 150)
    @pytest.mark.parametrize(("achievement", "score"), [
        (79.99, 0),  # below the first point: 0
        (80, 50),  # on the first point
        (90, 75),  # halfway 80→100: 50 + 10 × (50 / 20) = 75
        (100, 100),
        (110, 125),  # 100 + 10 × (50 / 20) = 125
        (120, 150),
        (150, 150),  # flat after the last point
    ])
    def test_demo_curve(self, achievement, score):
        assert score_curve(achievement, None, DEMO_CURVE) == pytest.approx(score)

    def test_reads_achievement_from_actual_and_target(self):
        # 93 / 96 × 100 = 96.875 % on the demo curve: 50 + 16.875 × 2.5 = 92.1875
        assert score_curve(93, 96, DEMO_CURVE) == pytest.approx(92.1875)

    def test_curve_must_not_fall(self):
        with pytest.raises(InputError, match="must not fall"):
            Curve(((80, 50), (100, 40)))
        with pytest.raises(InputError, match="increasing x"):
            Curve(((80, 50), (80, 60)))
        with pytest.raises(InputError, match="at least 2 points"):
            Curve(((80, 50),))


class TestBand:
    @pytest.mark.parametrize(("achievement", "score"), [
        (100, 100), (120, 100), (99.99, 85), (90, 85), (89.99, 70), (80, 70), (79.99, 0)])
    def test_demo_bands_closed_below(self, achievement, score):
        assert score_band(achievement, None, DEMO_BANDS) == score

    def test_from_actual_and_target(self):
        # 97.5 / 98 × 100 = 99.49 % → band ≥ 90 → 85
        assert score_band(97.5, 98, DEMO_BANDS) == 85

    @pytest.mark.parametrize("achievement", [95, "95%", 0.95])  # 0.95: a 95% cell
    def test_without_a_target_the_actual_is_the_achievement_in_any_unit(self, achievement):
        assert score_band(achievement, None, DEMO_BANDS) == 85
        assert score_curve(achievement, None, DEMO_CURVE) == pytest.approx(87.5)

    @pytest.mark.parametrize("actual", [52_000, 1000.01, -1500])
    def test_without_a_target_an_amount_is_not_taken_for_an_achievement(self, actual):
        # domain §2: a missing target is an input error. A curve or band actual without one
        # is read as the achievement %, so 52,000 (万元 profit, target left blank) would
        # score the curve's top (150); above 1000% it can only be a missing target
        for score in (score_band, score_curve):
            table = DEMO_BANDS if score is score_band else DEMO_CURVE
            with pytest.raises(InputError, match="target is empty .* fill in the target"):
                score(actual, None, table)
        assert score_curve(1000, None, DEMO_CURVE) == 150  # 1000% is still an achievement

    def test_exactly_on_a_bound_despite_float_division(self):
        # 8.1 / 9 × 100 is 90.00000000000001 in floats and 9.04 / 11.3 × 100 is 79.99…;
        # both are exactly 90 % and 80 %, on the bound, so they reach it
        assert score_band(8.1, 9, DEMO_BANDS) == 85
        assert score_band(9.04, 11.3, DEMO_BANDS) == 70
        assert score_curve(9.04, 11.3, DEMO_CURVE) == 50


class TestZeroTolerance:
    def test_counts(self):
        # 0 → 100; 1 → 100 − 50 = 50; 2 → 0; 3 → −50 → floor 0
        assert [score_zero_tolerance(n) for n in (0, 1, 2, 3)] == [100, 50, 0, 0]
        assert score_zero_tolerance(1, per_incident=20) == 80

    def test_whole_numbers_only(self):
        assert score_zero_tolerance(2.0) == 0
        with pytest.raises(InputError, match="whole number"):
            score_zero_tolerance(1.5)

    def test_veto(self):
        assert incidents_vetoed("zero_tolerance", 1, veto=True)
        assert not incidents_vetoed("zero_tolerance", 0, veto=True)
        assert not incidents_vetoed("zero_tolerance", 3, veto=False)
        with pytest.raises(InputError, match="veto applies only"):
            incidents_vetoed("ratio", 1, veto=True)


class TestBinaryRatingOkr:
    @pytest.mark.parametrize("done", [True, 1, 1.0, "yes", "Done", "是", "完成"])
    def test_done(self, done):
        assert score_binary(done) == 100

    @pytest.mark.parametrize("not_done", [False, 0, "no", "否", "未完成"])
    def test_not_done(self, not_done):
        assert score_binary(not_done) == 0

    def test_binary_rejects_other_values(self):
        with pytest.raises(InputError, match="expected done/not done"):
            score_binary("maybe")

    def test_rating_maps_1_to_5_onto_0_to_100(self):
        # (r − 1) / 4 × 100: 1 → 0, 3 → 50, 4 → 75, 5 → 100
        assert [score_rating(r) for r in (1, 3, 4, 5)] == [0, 50, 75, 100]
        with pytest.raises(InputError, match="expected 1 to 5"):
            score_rating(6)

    def test_okr(self):
        # 0.7 ("achieved") shown ×100 = 70
        assert score_okr(0.7) == pytest.approx(70)
        with pytest.raises(InputError, match="0.0 to 1.0"):
            score_okr(1.2)


class TestScoreIndicator:
    def test_uses_policy_defaults(self):
        assert score_indicator("ratio", 130, 100) == 120
        assert score_indicator("curve", 90, 100) == pytest.approx(75)
        assert score_indicator("band", 95, 100) == 85

    def test_own_params_override(self):
        params = ScoringParams(cap=150, curve=Curve(((0, 0), (100, 100))))
        assert score_indicator("ratio", 130, 100, params) == pytest.approx(130)
        assert score_indicator("curve", 50, 100, params) == pytest.approx(50)

    def test_other_methods_clamped_only_when_asked(self):
        assert score_indicator("curve", 120, 100) == 150
        assert score_indicator("curve", 120, 100, ScoringParams(cap=120)) == 120

    @pytest.mark.parametrize("method", ["magic", "ratios", 3])
    def test_unknown_method(self, method):
        with pytest.raises(InputError, match="expected one of ratio, inverse_ratio"):
            score_indicator(method, 1, 1)

    def test_method_aliases(self):
        assert method_name(" Inverse-Ratio ") == "inverse_ratio"
        assert method_name("零容忍") == "zero_tolerance"
        assert method_name(None) == "ratio"

    @pytest.mark.parametrize("bad", [math.nan, math.inf, "abc", None, ""])
    def test_bad_actual(self, bad):
        with pytest.raises(InputError):
            score_indicator("ratio", bad, 100)

    def test_nan_target(self):
        with pytest.raises(InputError, match="finite"):
            score_indicator("ratio", 1, math.nan)

    def test_percent_strings_are_read(self):
        assert achievement_pct("90%", "100%") == pytest.approx(90)

    def test_floor_above_cap_is_an_error(self):
        with pytest.raises(InputError, match="below floor"):
            ScoringParams(floor=50, cap=40)


@pytest.mark.parametrize(("build", "words"), [
    (lambda: ScoringParams(floor=math.nan), "floor is NaN, expected a number or blank"),
    (lambda: ScoringParams(per_incident=math.nan), "per_incident is NaN"),
    (lambda: ScoringParams(cap="abc"), 'cap is "abc", expected a number'),
    (lambda: ScoringDefaults(cap=math.nan), "cap is nan, expected a finite number"),
    (lambda: ScoringDefaults(floor=math.inf), "floor is inf, expected a finite number"),
    (lambda: ScoringParams(rating_low=3, rating_high=3), "rating scale 3 to 3: the top must"),
    (lambda: score_indicator("rating", 5, None, ScoringParams(rating_low=5)),
     "rating scale 5 to 5"),  # the default top is 5 too: no division by zero
    (lambda: Curve("abc"), 'curve is "abc", expected \\(x, y\\) points'),
    (lambda: Curve(((80, math.nan), (100, 100))), "curve point 1 y is nan"),
    (lambda: Curve(((80, 50), (100, 100)), below=60), "below the curve \\(60\\) is above"),
    (lambda: StepTable(((90, "x"),)), 'step table point 1 y is "x"'),
    # points not built into a Curve were accepted, then failed when scored (AttributeError)
    (lambda: ScoringParams(curve=((80, 50), (100, 100))),
     r"curve is \(\(80, 50\), \(100, 100\)\), expected a Curve \(build it with Curve"),
    (lambda: ScoringParams(bands=Curve(((80, 50), (100, 100)))), "bands is .*expected a StepT"),
    (lambda: ScoringDefaults(curve=None), "curve is empty, expected a Curve"),
    (lambda: ScoringDefaults(bands=((80, 70),)), "bands is .*expected a StepTable"),
])
def test_parameters_must_be_finite_numbers_or_blank(build, words):
    with pytest.raises(InputError, match=words):
        build()


def test_numpy_numbers_are_numbers():
    import numpy as np

    # 90 / 100 × 100 = 90, whatever the number type a caller's table holds
    assert score_indicator("ratio", np.int64(90), np.int64(100)) == 90.0
    assert ScoringParams(cap=np.int64(110)).cap == 110.0


def test_an_own_floor_above_the_policy_cap_is_an_error_as_in_the_workbook_formula():
    # the Indicators formula passes ScoreCap (120) beside the row's floor: XP_SCORE refuses
    # floor 176 > cap 120, and so does the batch, in both paths
    with pytest.raises(InputError, match="cap 120 is below floor 176"):
        score_indicator("ratio", 90, 100, ScoringParams(floor=176))
    assert score_indicator("band", 90, 100, ScoringParams(floor=176)) == 176  # not clamped by 120
