"""The vectorised path: a whole table at once, the scalar path's numbers and errors."""

import pandas as pd
import pytest

from xlperf.errors import InputErrors
from xlperf.rules.curves import Curve
from xlperf.rules.vectorised import score_frame


def test_every_method_in_one_table():
    frame = pd.DataFrame({
        "method": ["ratio", "inverse_ratio", "curve", "band", "zero_tolerance", "binary",
                   "rating", "okr", "Ratio", "curve"],
        "actual": [90, 0, 95, 91, 1, "是", 4, 0.7, 130, 50],
        "target": [100, 5, 100, 100, None, None, None, None, 100, 100],
        "cap": [None] * 8 + [150, None],
        "curve": [None] * 9 + [Curve(((0, 0), (100, 100)))],
    })
    # 90; actual 0 → cap 120; curve 95 % → 87.5; band ≥ 90 → 85; 1 incident → 50; 是 → 100;
    # rating 4 → 75; OKR 0.7 → 70; 130 % with own cap 150 → 130; own curve at 50 % → 50
    assert score_frame(frame).tolist() == [90, 120, 87.5, 85, 50, 100, 75, 70, 130, 50]


def test_bad_rows_fail_with_the_scalar_message_and_row_number():
    frame = pd.DataFrame({"method": ["ratio", "rating", "ratio", "okr"],
                          "actual": [1, 7, 2, 0.5], "target": [0, None, 4, None]})
    with pytest.raises(InputErrors) as info:
        score_frame(frame)
    assert [str(e) for e in info.value.errors] == [
        "row 1: target is 0: a ratio needs a non-zero target",
        "row 2: rating is 7, expected 1 to 5"]


def test_a_curve_amount_without_target_fails_as_in_the_scalar_path():
    frame = pd.DataFrame({"method": ["curve", "band", "band"],
                          "actual": [52_000, 0.93, 930], "target": [None, None, None]})
    with pytest.raises(InputErrors) as info:
        score_frame(frame)
    assert [str(e) for e in info.value.errors] == [
        "row 1: target is empty and actual 52000 is not an achievement % (at most 1000%): "
        "fill in the target"]


def test_unknown_method_and_missing_columns():
    with pytest.raises(Exception, match='method is "magic"'):
        score_frame(pd.DataFrame({"method": ["magic"], "actual": [1], "target": [1]}))
    with pytest.raises(Exception, match="lacks column"):
        score_frame(pd.DataFrame({"method": ["ratio"]}))


def test_integer_columns_score_and_explain_like_float_ones():
    # ratio: 90 / 100 × 100 = 90; okr: 1 × 100 = 100 (integer columns, as pandas reads them)
    frame = pd.DataFrame({"method": ["ratio", "okr"], "actual": [90, 1], "target": [100, 0]})
    assert score_frame(frame).tolist() == [90.0, 100.0]
    with pytest.raises(InputErrors, match="row 1: target is 0: a ratio needs a non-zero target"):
        score_frame(pd.DataFrame({"method": ["ratio"], "actual": [1], "target": [0]}))
    with pytest.raises(InputErrors, match="row 1: rating is 7, expected 1 to 5"):
        score_frame(pd.DataFrame({"method": ["rating"], "actual": [7], "target": [None]}))


@pytest.mark.parametrize(("column", "value"), [("actual", float("inf")),
                                               ("target", float("-inf")),
                                               ("cap", float("inf"))])
def test_infinite_values_are_refused_as_the_scalar_path_does(column, value):
    row = {"method": ["ratio"], "actual": [90.0], "target": [100.0], "cap": [120.0]}
    row[column] = [value]
    with pytest.raises(InputErrors, match=f"row 1: {column} is .?inf, expected a finite number"):
        score_frame(pd.DataFrame(row))


def test_achievement_exactly_on_a_bound_matches_the_scalar_path():
    # 8.1 / 9 and 9.04 / 11.3 are 90 % and 80 % exactly, though floats say otherwise
    frame = pd.DataFrame({"method": ["band", "band", "curve", "ratio", "inverse_ratio"],
                          "actual": [8.1, 9.04, 9.04, 9.04, 11.3],
                          "target": [9, 11.3, 11.3, 11.3, 9.04]})
    assert score_frame(frame).tolist() == [85.0, 70.0, 50.0, 80.0, 80.0]


def test_a_floor_or_cap_typed_as_percent_text_reads_as_points_on_both_paths():
    # "20%" is a floor of 20 points and "110%" a cap of 110, as scores typed so are: 10 of
    # 100 scores 20 (not 10 with the floor lost), 200 of 100 scores 110 (not 1.1)
    frame = pd.DataFrame({"method": ["ratio", "ratio", "curve"], "actual": [10, 200, 105],
                          "target": [100, 100, 100], "floor": ["20%", None, None],
                          "cap": [None, "110%", None]})
    assert score_frame(frame).tolist() == [20, 110, 112.5]
