"""Chart figures: bars stay inside their area whatever the scores."""

from hypothesis import given
from hypothesis import strategies as st

from xlperf.report.charts import (
    bar_percent,
    distribution_bars,
    parts_bars,
    quota_bars,
    trend_bars,
)

scores = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(scores, st.floats(min_value=-10, max_value=1e6, allow_nan=False))
def test_a_bar_is_between_0_and_100_percent(value, scale):
    assert 0 <= bar_percent(value, scale) <= 100


@given(st.lists(scores, min_size=4, max_size=4), scores)
def test_parts_bars_are_bounded_and_monotone(values, annual):
    bars = parts_bars(tuple(zip(("a", "b", "c", "d"), values, strict=True)), annual, 120.0)
    assert len(bars) == 5 and all(0 <= b.percent <= 100 for b in bars)
    ordered = sorted(bars[:4], key=lambda b: float(b.value))
    assert [b.percent for b in ordered] == sorted(b.percent for b in ordered)


def test_known_bars():
    assert [b.percent for b in parts_bars((("business", 60.0),), 120.0, 120.0)] == [50.0, 100.0]
    assert [(b.label, b.value, b.percent) for b in trend_bars(
        ((2024, 75.0, "B"), (2025, None, "A")))] == [("2024", "75.0 B", 50.0),
                                                    ("2025", "A", 0.0)]
    assert [(b.value, b.percent) for b in distribution_bars((("S", 1), ("A", 3)))] == [
        ("1 (25%)", 33.3), ("3 (75%)", 100.0)]
    # the share as the grade table beside it prints it: 1 of 12 is 8.33%, not 8%
    assert distribution_bars((("S", 1), ("A", 11)))[0].value == "1 (8.33%)"
    (bar, limit), = quota_bars((("S+A", 0.4, 0.3),))
    assert bar.warn and bar.percent == 40.0 and limit == 30.0
