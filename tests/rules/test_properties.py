"""Invariants of the rules, checked on generated data (hypothesis)."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pandas as pd
from hypothesis import assume, given
from hypothesis import strategies as st

from xlperf.policy import DEMO_POLICY
from xlperf.rules.bonus import BonusRules, bonus_amount, payout
from xlperf.rules.composite import weighted_score
from xlperf.rules.curves import Curve, StepTable
from xlperf.rules.democratic import democratic_score
from xlperf.rules.money import money, split_exact
from xlperf.rules.scoring import (
    METHODS,
    ScoringParams,
    score_indicator,
)
from xlperf.rules.vectorised import score_frame

amounts = st.floats(min_value=0, max_value=1e7, allow_nan=False)
positive = st.floats(min_value=0.01, max_value=1e7, allow_nan=False)
targets = st.one_of(positive, st.floats(min_value=-1e7, max_value=-0.01))
scores = st.floats(min_value=0, max_value=150, allow_nan=False)
cents = st.integers(min_value=0, max_value=10**11).map(lambda c: Decimal(c) / 100)


@st.composite
def curves(draw):
    xs = sorted(draw(st.sets(st.integers(0, 200), min_size=2, max_size=6)))
    ys = sorted(draw(st.lists(st.integers(0, 200), min_size=len(xs), max_size=len(xs))))
    return Curve(tuple(zip(xs, ys, strict=True)))


@st.composite
def band_tables(draw):
    bounds = sorted(draw(st.sets(st.integers(0, 150), min_size=1, max_size=5)))
    values = sorted(draw(st.lists(st.integers(0, 150), min_size=len(bounds),
                                  max_size=len(bounds))))
    return StepTable(tuple(zip(bounds, values, strict=True)))


@given(st.sampled_from(["ratio", "curve", "band"]), amounts, amounts, targets)
def test_a_better_actual_never_lowers_the_score(method, a, b, target):
    low, high = sorted((a, b))
    assert score_indicator(method, low, target) <= score_indicator(method, high, target)


@given(amounts, amounts, positive)
def test_inverse_ratio_a_lower_actual_never_lowers_the_score(a, b, target):
    low, high = sorted((a, b))
    assert score_indicator("inverse_ratio", low, target) >= score_indicator(
        "inverse_ratio", high, target)


@given(st.integers(0, 50), st.integers(0, 50), st.floats(0, 100))
def test_more_incidents_never_score_higher(a, b, per):
    low, high = sorted((a, b))
    params = ScoringParams(per_incident=per)
    assert score_indicator("zero_tolerance", low, None, params) >= score_indicator(
        "zero_tolerance", high, None, params)


@given(curves(), band_tables(), amounts, amounts, positive)
def test_own_curves_and_bands_are_monotone(curve, bands, a, b, target):
    low, high = sorted((a, b))
    params = ScoringParams(curve=curve, bands=bands)
    for method in ("curve", "band"):
        assert score_indicator(method, low, target, params) <= score_indicator(
            method, high, target, params)


@given(st.sampled_from(METHODS), st.floats(-1e6, 1e6), targets,
       st.floats(0, 60), st.floats(60, 200))
def test_score_lies_within_floor_and_cap(method, actual, target, floor, cap):
    actual = {"zero_tolerance": abs(round(actual)) % 5, "binary": float(actual > 0),
              "rating": 1 + abs(actual) % 4, "okr": abs(actual) % 1}.get(method, actual)
    if method == "inverse_ratio":
        actual, target = abs(actual), abs(target)
    params = ScoringParams(floor=floor, cap=cap)
    assert floor <= score_indicator(method, actual, target, params) <= cap


@st.composite
def percent_weights(draw):
    """2–8 weights in percent with 2 decimals, adding to exactly 100."""
    cuts = sorted(draw(st.lists(st.integers(0, 10_000), min_size=1, max_size=7)))
    points = [b - a for a, b in zip([0, *cuts], [*cuts, 10_000], strict=True)]
    return [Decimal(p) / 100 for p in points]


@given(percent_weights(), st.data())
def test_weights_are_scale_invariant(percents, data):
    values = data.draw(st.lists(scores, min_size=len(percents), max_size=len(percents)))
    as_percent = [float(p) for p in percents]  # 30
    as_fraction = [float(p / 100) for p in percents]  # 0.3, as an Excel % cell holds it
    assert weighted_score(values, as_percent) == weighted_score(values, as_fraction)


@given(st.lists(st.tuples(st.sampled_from(["superior", "peer", "subordinate"]), scores.filter(
    lambda s: s <= 100)), min_size=3, max_size=30))
def test_360_score_lies_between_the_lowest_and_highest_rating(ratings):
    by_group = {g: sum(1 for gg, _ in ratings if gg == g) for g, _ in ratings}
    assume(max(by_group.values()) >= 3)
    result = democratic_score(ratings)
    assert min(s for _, s in ratings) - 0.01 <= result.score <= max(s for _, s in ratings) + 0.01


@given(cents, cents, st.lists(cents, max_size=3), st.sampled_from([0, 0.2, 0.4, 1 / 3]))
def test_payout_parts_add_up_to_the_total(bonus, extra, advances, deferral):
    pay = payout(bonus, extra, advances, BonusRules(deferral_share=deferral))
    assert pay.total == bonus + extra
    assert pay.bonus + pay.extra - pay.deferred - pay.advances == pay.due_now
    for amount in (pay.total, pay.deferred, pay.due_now, pay.advances):
        assert amount == amount.quantize(Decimal("0.01"))


@given(st.lists(st.tuples(st.integers(0, 300).map(lambda c: c / 100),  # coefficient 0.00–3.00
                          st.integers(0, 10**9),  # standard in cents
                          st.integers(0, 12)), min_size=1, max_size=20))
def test_bonus_has_no_float_drift(rows):
    """Each bonus equals the exact rational product rounded half-up; their sum is exact."""
    total = Decimal(0)
    for coefficient, standard_cents, months in rows:
        exact = Fraction(str(coefficient)) * Fraction(standard_cents, 100) * months / 12
        expected = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP)
        amount = bonus_amount(coefficient, Decimal(standard_cents) / 100, months)
        assert amount == expected
        total += amount
    assert total == sum(money(bonus_amount(c, Decimal(s) / 100, m)) for c, s, m in rows)


@given(cents, st.lists(st.integers(0, 1000), min_size=1, max_size=8).filter(any))
def test_split_exact_adds_up(total, shares):
    assert sum(split_exact(total, shares)) == total


@given(scores, scores)
def test_a_higher_score_never_earns_a_worse_grade_or_coefficient(a, b):
    low, high = sorted((a, b))
    grades = DEMO_POLICY.grades
    assert grades.rank(grades.grade_for(high)) <= grades.rank(grades.grade_for(low))
    coefficients = DEMO_POLICY.coefficients
    assert coefficients.coefficient_for(grades.grade_for(high)) >= coefficients.coefficient_for(
        grades.grade_for(low))


rows = st.one_of(
    st.tuples(st.sampled_from(["ratio", "curve", "band"]), st.floats(-1e6, 1e6), targets),
    st.tuples(st.just("inverse_ratio"), amounts, positive),
    st.tuples(st.sampled_from(["curve", "band"]), st.floats(0, 300), st.none()),
    st.tuples(st.just("zero_tolerance"), st.integers(0, 5).map(float), st.none()),
    st.tuples(st.just("binary"), st.sampled_from([0.0, 1.0, "是", "no", True]), st.none()),
    st.tuples(st.just("rating"), st.floats(2, 5), st.none()),  # on every scale drawn below
    st.tuples(st.just("okr"), st.floats(0, 1), st.none()),
)


@st.composite
def row_params(draw):
    """Every optional column, each blank (policy default) or a row's own value."""
    low = draw(st.one_of(st.none(), st.integers(0, 2).map(float)))
    return dict(floor=draw(st.one_of(st.none(), st.floats(0, 50))),
                cap=draw(st.one_of(st.none(), st.floats(50, 200))),
                curve=draw(st.one_of(st.none(), curves())),
                bands=draw(st.one_of(st.none(), band_tables())),
                per_incident=draw(st.one_of(st.none(), st.floats(0, 60))),
                rating_low=low,
                rating_high=None if low is None else draw(st.integers(5, 10).map(float)))


@given(st.lists(st.tuples(rows, row_params()), min_size=1, max_size=40))
def test_vectorised_path_gives_the_scalar_numbers(lines):
    frame = pd.DataFrame([dict(method=m, actual=a, target=t, **params)
                          for (m, a, t), params in lines])
    vector = score_frame(frame).tolist()
    scalar = [score_indicator(m, a, t, ScoringParams(**params))
              for (m, a, t), params in lines]
    assert vector == scalar
