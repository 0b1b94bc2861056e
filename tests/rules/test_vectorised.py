"""The vectorised path: a whole table at once, the scalar path's numbers and errors."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlperf.errors import InputError, InputErrors
from xlperf.rules.curves import Curve
from xlperf.rules.scoring import METHODS, ScoringParams, score_indicator
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


@pytest.mark.parametrize(("row", "message"), [
    # each was scored by the vectorised path (87.5, 85, 120, 0, 75, 1.0, 0, 90, 90): text
    # coerced to blank, TRUE to 1, parameters ScoringParams refuses left unchecked
    ({"method": "curve", "actual": 95, "target": "n/a"}, 'target is "n/a", expected a number'),
    ({"method": "band", "actual": 95, "target": "abc"}, 'target is "abc", expected a number'),
    ({"method": "ratio", "actual": 130, "target": 100, "cap": "abc"},
     'cap is "abc", expected a number'),
    ({"method": "ratio", "actual": 0, "target": 100, "floor": "TBD"},
     'floor is "TBD", expected a number'),
    ({"method": "rating", "actual": 4, "target": None, "rating_high": "ten"},
     'rating_high is "ten", expected a number'),
    ({"method": "ratio", "actual": True, "target": 1}, "actual is TRUE, expected a number"),
    ({"method": "zero_tolerance", "actual": 1e16, "target": None},
     r"incidents is 1e\+16, expected a whole number of at most"),
    ({"method": "ratio", "actual": 90, "target": 100, "per_incident": -10},
     "per incident deduction is -10, expected zero or more"),
    ({"method": "ratio", "actual": 90, "target": 100, "rating_low": 5, "rating_high": 1},
     "rating scale 5 to 1: the top must be above the bottom"),
    ({"method": "curve", "actual": 95, "target": 100, "curve": ((80, 50), (100, 100))},
     r"curve is \(\(80, 50\), \(100, 100\)\), expected a Curve"),
])
def test_a_row_the_scalar_path_refuses_is_refused_with_its_message(row, message):
    good = {"method": "ratio", "actual": 90, "target": 100}
    frame = pd.DataFrame([good, row, good])  # a bad row among good ones, typed columns mixed
    with pytest.raises(InputErrors, match=f"^row 2: {message}"):
        score_frame(frame)


def test_text_the_scalar_path_reads_is_read_as_it_does():
    # "1,000" is 1000 (90 / 1000 = 9%), "95%" is 0.95 (0.95 / 1 = 95%), a blank target on
    # a curve gives the achievement itself (95% → 87.5), a text target on okr is not read
    frame = pd.DataFrame({"method": ["ratio", "ratio", "curve", "okr"],
                          "actual": [90, "95%", 95, 0.5],
                          "target": ["1,000", 1, "  ", "n/a"],
                          "cap": [None, "150", None, None]})
    assert score_frame(frame).tolist() == [9.0, 95.0, 87.5, 50.0]


JUNK = st.sampled_from(["n/a", "abc", "", "95%", "1,000", "TBD", True, False, None, "是",
                       10**400])
NUMBERS = st.one_of(st.integers(-5, 200), st.floats(-200, 2000, allow_nan=False))
CELLS = st.one_of(NUMBERS, JUNK)


@st.composite
def junk_rows(draw):
    """A row of every method with cells that may be numbers, text, TRUE or blank, and
    parameters that may be ones ScoringParams refuses (a negative deduction, a falling
    scale, a floor above the cap, a curve that is not a Curve)."""
    params = {name: draw(st.one_of(st.none(), CELLS))
              for name in ("floor", "cap", "per_incident", "rating_low", "rating_high")}
    params["curve"] = draw(st.sampled_from([None, Curve(((0, 0), (100, 100))),
                                            ((80, 50), (100, 100))]))
    return dict(method=draw(st.sampled_from(METHODS)), actual=draw(CELLS),
                target=draw(st.one_of(st.none(), CELLS)), **params)


def _scalar(row) -> float | str:
    params = {k: v for k, v in row.items() if k not in ("method", "actual", "target")}
    try:
        return score_indicator(row["method"], row["actual"], row["target"],
                               ScoringParams(**params))
    except InputError as error:
        return error.message


@settings(max_examples=300)
@given(st.lists(junk_rows(), min_size=1, max_size=12))
def test_vectorised_path_scores_or_refuses_every_row_as_the_scalar_path(rows):
    expected = [_scalar(row) for row in rows]
    errors = [f"row {i}: {e}" for i, e in enumerate(expected, start=1) if isinstance(e, str)]
    if errors:
        with pytest.raises(InputErrors) as info:
            score_frame(pd.DataFrame(rows))
        assert [str(e) for e in info.value.errors] == errors
    else:
        assert score_frame(pd.DataFrame(rows)).tolist() == expected


def test_a_floor_or_cap_typed_as_percent_text_reads_as_points_on_both_paths():
    # "20%" is a floor of 20 points and "110%" a cap of 110, as scores typed so are: 10 of
    # 100 scores 20 (not 10 with the floor lost), 200 of 100 scores 110 (not 1.1)
    frame = pd.DataFrame({"method": ["ratio", "ratio", "curve"], "actual": [10, 200, 105],
                          "target": [100, 100, 100], "floor": ["20%", None, None],
                          "cap": [None, "110%", None]})
    assert score_frame(frame).tolist() == [20, 110, 112.5]


def test_a_cap_in_a_percent_cell_reads_as_its_percentage_on_both_paths():
    # a 110% cell holds 1.1: a cap of 110 on both paths (130 of 100 scores 110, not 1.1);
    # a floor stays points as typed (0.5: 80 of 100 scores 80)
    frame = pd.DataFrame({"method": ["ratio", "ratio"], "actual": [130, 80],
                          "target": [100, 100], "floor": [None, 0.5], "cap": [1.1, None]})
    assert score_frame(frame).tolist() == [110, 80]
    assert [_scalar(row) for row in ({"method": "ratio", "actual": 130, "target": 100,
                                      "cap": 1.1},
                                     {"method": "ratio", "actual": 80, "target": 100,
                                      "floor": 0.5})] == [110, 80]
