"""Stock options: Black-Scholes-Merton against the textbook, its invariants, and option grants."""

import math
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlperf.errors import InputError
from xlperf.rules.incentives import (
    EventKind,
    Exercise,
    StockOptionGrant,
    Valuation,
    black_scholes,
    events_in_year,
    exercise_amounts,
    intrinsic_value,
    total_value,
    totals,
)


class TestBlackScholesKnownAnswers:
    def test_hull_call_and_put(self):
        # Hull, Options, Futures and Other Derivatives, Example 15.6 (13.6 in earlier
        # editions): S=42, K=40, r=10%, σ=20%, T=0.5.
        #   d1 = (ln(42/40) + (0.10 + 0.2²/2)·0.5) / (0.2·√0.5) = (0.04879 + 0.06)/0.14142 = 0.7693
        #   d2 = d1 − 0.14142 = 0.6278;  K·e^(−rT) = 40·e^(−0.05) = 38.049
        #   c = 42·N(0.7693) − 38.049·N(0.6278) = 42·0.7791 − 38.049·0.7349 = 4.76
        #   p = 38.049·N(−0.6278) − 42·N(−0.7693) = 38.049·0.2651 − 42·0.2209 = 0.81
        assert black_scholes(42, 40, 0.5, 0.10, 0.20) == pytest.approx(4.7594, abs=5e-5)
        assert black_scholes(42, 40, 0.5, 0.10, 0.20, kind="put") == pytest.approx(
            0.8086, abs=5e-5)
        assert round(black_scholes(42, 40, 0.5, 0.10, 0.20), 2) == 4.76
        assert round(black_scholes(42, 40, 0.5, 0.10, 0.20, 0, "put"), 2) == 0.81

    def test_hull_dividend_yield(self):
        # Hull, Example 17.1 (index option with a dividend yield): S=930, K=900, r=8%, q=3%,
        # σ=20%, T=2/12.
        #   d1 = (ln(930/900) + (0.08 − 0.03 + 0.02)·(2/12)) / (0.2·√(2/12))
        #      = (0.03279 + 0.01167) / 0.08165 = 0.5444;  d2 = 0.4628
        #   c = 930·e^(−0.005)·N(0.5444) − 900·e^(−0.01333)·N(0.4628)
        #     = 925.36·0.7069 − 888.08·0.6782 = 51.83
        assert round(black_scholes(930, 900, 2 / 12, 0.08, 0.20, 0.03), 2) == 51.83

    def test_limits(self):
        # at expiry, without volatility, or with nothing to buy: the forward's intrinsic value
        assert black_scholes(42, 40, 0, 0.1, 0.2) == 2
        assert black_scholes(42, 40, 1, 0.0, 0.0) == 2
        assert black_scholes(42, 40, 1, 0.1, 0.0) == pytest.approx(42 - 40 * math.exp(-0.1))
        assert black_scholes(0, 40, 1, 0.1, 0.2) == 0
        assert black_scholes(0, 40, 1, 0.1, 0.2, kind="put") == pytest.approx(40 * math.exp(-0.1))
        assert black_scholes(42, 0, 1, 0.05, 0.2, 0.02) == pytest.approx(42 * math.exp(-0.02))

    @pytest.mark.parametrize("kind", ["call", "C", "认购", None, ""])
    def test_call_aliases(self, kind):
        assert black_scholes(42, 40, 0.5, 0.1, 0.2, 0, kind) == black_scholes(42, 40, 0.5, 0.1, 0.2)

    @pytest.mark.parametrize(("args", "message"), [
        ((42, 40, 0.5, 0.1, 20), "volatility is 20, expected a fraction such as 0.3"),
        ((42, 40, 0.5, 5, 0.2), "rate is 5, expected a fraction"),
        ((-42, 40, 0.5, 0.1, 0.2), "spot price is -42, expected zero or more"),
        ((42, 40, -1, 0.1, 0.2), "years to expiry is -1"),
        ((42, "abc", 0.5, 0.1, 0.2), 'strike price is "abc", expected a number'),
        ((42, 40, 0.5, 0.1, float("nan")), "expected a finite number"),
    ])
    def test_bad_input(self, args, message):
        with pytest.raises(InputError, match=message):
            black_scholes(*args)

    def test_bad_type(self):
        with pytest.raises(InputError, match='option type is "straddle", expected call or put'):
            black_scholes(42, 40, 0.5, 0.1, 0.2, 0, "straddle")


spots = st.floats(min_value=1, max_value=1000)
strikes = st.floats(min_value=1, max_value=1000)
years = st.floats(min_value=0, max_value=10)
rates = st.floats(min_value=-0.02, max_value=0.15)
vols = st.floats(min_value=0.01, max_value=1.5)
yields = st.floats(min_value=0, max_value=0.1)


@given(spots, strikes, years, rates, vols, yields)
def test_put_call_parity(s, k, t, r, sigma, q):
    # C − P = S·e^(−qT) − K·e^(−rT)
    call = black_scholes(s, k, t, r, sigma, q, "call")
    put = black_scholes(s, k, t, r, sigma, q, "put")
    assert call - put == pytest.approx(s * math.exp(-q * t) - k * math.exp(-r * t),
                                       abs=1e-8 * (s + k))


@given(spots, strikes, years, rates, vols, yields)
def test_value_lies_between_intrinsic_and_spot(s, k, t, r, sigma, q):
    call = black_scholes(s, k, t, r, sigma, q)
    put = black_scholes(s, k, t, r, sigma, q, "put")
    forward_s, forward_k = s * math.exp(-q * t), k * math.exp(-r * t)
    assert max(0.0, forward_s - forward_k) <= call <= forward_s <= s
    assert max(0.0, forward_k - forward_s) <= put <= forward_k


@given(spots, spots, strikes, years, rates, vols, yields)
def test_call_rises_with_spot_and_put_falls(s1, s2, k, t, r, sigma, q):
    low, high = sorted((s1, s2))
    noise = 1e-9 * (high + k)
    assert black_scholes(low, k, t, r, sigma, q) <= black_scholes(high, k, t, r, sigma, q) + noise
    assert (black_scholes(high, k, t, r, sigma, q, "put")
            <= black_scholes(low, k, t, r, sigma, q, "put") + noise)


@given(spots, strikes, years, rates, vols, vols, yields, st.sampled_from(["call", "put"]))
def test_value_rises_with_volatility(s, k, t, r, v1, v2, q, kind):
    low, high = sorted((v1, v2))
    assert (black_scholes(s, k, t, r, low, q, kind)
            <= black_scholes(s, k, t, r, high, q, kind) + 1e-9 * (s + k))


class TestValuesAndExercise:
    def test_intrinsic_value(self):
        assert intrinsic_value(14, 10) == Decimal(4)
        assert intrinsic_value(8, 10) == Decimal(0)  # under water: worth nothing if exercised
        assert intrinsic_value(8, 10, "put") == Decimal(2)

    def test_total_value_rounds_once(self):
        # 1,000 × 4.759422392871535 = 4,759.42 (one rounding, not 1,000 × 4.76 = 4,760)
        assert total_value(black_scholes(42, 40, 0.5, 0.1, 0.2), 1000) == Decimal("4759.42")
        assert total_value(0.005, 1) == Decimal("0.01")  # half-up, as Excel's ROUND

    def test_exercise_amounts(self):
        # 3,000 options at 10.00 when the share is 15.38: pay 30,000, get 46,140, gain 16,140
        amounts = exercise_amounts(15.38, 10, 3000)
        assert (amounts.cost, amounts.market_value, amounts.gain) == (
            Decimal("30000.00"), Decimal("46140.00"), Decimal("16140.00"))


class TestOptionGrant:
    def grant(self, **changes):
        terms = dict(grant_date="2024-03-15", quantity=10000, exercise_price=10, grant_id="O1",
                     exercises=[("2026-06-01", 3000)])
        return StockOptionGrant(**{**terms, **changes})

    def test_life_of_a_grant(self, market):
        # 40/30/30: 4,000 vest on 2025-03-15 (a Saturday: Friday's close 14 → 4 × 4,000 =
        # 16,000 intrinsic), 3,000 on 2026-03-15 (Sunday: close of 13 March, 12 → 6,000);
        # 3,000 exercised 2026-06-01 at 15: spread 5 × 3,000 = 15,000 realised in shares;
        # 3,000 vest 2027-03-15 at 18 → 24,000; the 7,000 never exercised expire on the
        # 10th anniversary, valued at the last price 18 (estimated): 8 × 7,000 = 56,000.
        rows = [(e.date.isoformat(), e.kind, e.quantity, e.value, e.realised, e.estimated)
                for e in self.grant().events(market)]
        assert rows == [
            ("2025-03-15", "vest", 4000, Decimal("16000.00"), False, False),
            ("2026-03-15", "vest", 3000, Decimal("6000.00"), False, False),
            ("2026-06-01", "exercise", 3000, Decimal("15000.00"), True, False),
            ("2027-03-15", "vest", 3000, Decimal("24000.00"), False, False),
            ("2034-03-15", "expire", 7000, Decimal("56000.00"), False, True)]

    def test_the_appraisal_year(self, market):
        year = events_in_year(self.grant(), 2026, market)
        assert [e.kind for e in year] == [EventKind.VEST, EventKind.EXERCISE]
        assert totals(year).shares == Decimal("15000.00") and totals(year).cash == 0

    def test_an_exercise_day_price_overrides_the_market(self, market):
        grant = self.grant(exercises=[Exercise("2026-06-01", 3000, "15.38")])
        exercise = [e for e in grant.events(market) if e.kind is EventKind.EXERCISE][0]
        assert exercise.value == Decimal("16140.00") and exercise.price == Decimal("15.38")

    def test_leaving_forfeits_unvested_and_vested_lapse(self, market):
        # left 2026-04-30 with no window: 7,000 vested, 3,000 forfeited that day at 12
        # (6,000 intrinsic) and the 7,000 vested but unexercised lapse the same day (14,000)
        events = self.grant(exercises=(), leaving_date="2026-04-30").events(market)
        assert [(e.kind, e.quantity, e.value) for e in events[-2:]] == [
            (EventKind.FORFEIT, 3000, Decimal("6000.00")),
            (EventKind.EXPIRE, 7000, Decimal("14000.00"))]
        assert "window after leaving" in events[-1].note

    def test_exercise_window_after_leaving(self, market):
        grant = self.grant(exercises=[("2026-07-30", 7000)], leaving_date="2026-04-30",
                           exercise_window_months=3)
        assert grant.last_exercise_day.isoformat() == "2026-07-30"
        assert not [e for e in grant.events(market) if e.kind is EventKind.EXPIRE]
        with pytest.raises(InputError, match="after the last exercise day 2026-07-30"):
            self.grant(exercises=[("2026-07-31", 1000)], leaving_date="2026-04-30",
                       exercise_window_months=3)

    def test_cannot_exercise_more_than_vested(self):
        with pytest.raises(InputError, match=(
                r'stock option grant "O1" of 2024-03-15: exercise of 3000 on 2026-03-14 brings '
                r"exercises to 5000, but only 4000 had vested by then")):
            self.grant(exercises=[("2025-04-01", 2000), ("2026-03-14", 3000)])

    def test_fair_value(self):
        # one expected term for all: 100 options × Hull's 4.759422… = 475.94
        grant = self.grant(quantity=100, exercise_price=40, grant_date_price=42, exercises=())
        assert grant.fair_value(Valuation(0.10, 0.20, 0, expected_years=0.5)) == Decimal(
            "475.94")
        # simplified expected term per tranche: halfway between vesting and expiry (10 y)
        per_tranche = [(40, 5.5), (30, 6.0), (30, 6.5)]
        expected = sum(Decimal(format(black_scholes(42, 40, t, 0.03, 0.3, 0.02), ".15g")) * n
                       for n, t in per_tranche)
        assert grant.fair_value(Valuation(0.03, 0.3, 0.02)) == expected.quantize(
            Decimal("0.01"), ROUND_HALF_UP)
        with pytest.raises(InputError, match="give the grant-date share price"):
            self.grant(exercises=()).fair_value(Valuation(0.03, 0.3))

    def test_needs_prices(self):
        with pytest.raises(InputError, match=r'stock option grant "O1".*no share prices given'):
            self.grant().events()
