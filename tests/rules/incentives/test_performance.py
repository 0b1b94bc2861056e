"""Performance shares and units: the payout curve on multi-year achievement."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlperf.errors import InputError
from xlperf.rules.incentives import (
    EventKind,
    PerformanceShareGrant,
    PerformanceUnitGrant,
    earned_shares,
    payout_percent,
    period_achievement,
    unit_payout,
)


@pytest.mark.parametrize(("achievement", "payout"), [
    (79.99, 0), (80, 50), (90, 75), (100, 100), (110, 125), (120, 150), (135, 150)])
def test_default_curve(achievement, payout):
    # threshold 80% → 50%, target 100% → 100%, maximum 120% → 150%; straight lines between:
    # 90% is halfway from 80 to 100 → 75%; 110% → 125%; nothing below 80, flat above 120
    assert payout_percent(achievement) == pytest.approx(payout)


def test_custom_curve_as_a_range():
    # a binary-ish plan: 90% → 80%, 100% → 100%, no upside
    assert payout_percent(95, [[90, 80], [100, 100]]) == pytest.approx(90)


def test_period_achievement():
    assert period_achievement([90, 110, 105]) == pytest.approx(305 / 3)
    assert period_achievement([90, 110], [25, 75]) == pytest.approx(105)  # 90/4 + 110 × 3/4
    with pytest.raises(InputError, match="year weights add to 4%"):
        period_achievement([90, 110], [1, 3])
    assert period_achievement([90, None, 110]) == pytest.approx(100)  # blank years skipped
    with pytest.raises(InputError, match="no yearly achievement given"):
        period_achievement([None])


def test_earned_shares_and_unit_cash():
    # mean of 90, 110, 105 = 101.667% → payout 100 + 1.667 × 2.5 = 104.1667% →
    # floor(10,000 × 1.041667) = 10,416 shares (a fraction of a share is never delivered)
    assert earned_shares(10000, period_achievement([90, 110, 105])) == 10416
    assert earned_shares(10000, 79) == 0
    # 10,000 units × ¥100 × 62.5% (85% achievement) = 625,000
    assert unit_payout(10000, 100, 85) == Decimal("625000.00")


def shares(**changes):
    terms = dict(grant_date="2024-03-15", target=10000, grant_id="P1")
    return PerformanceShareGrant(**{**terms, **changes})


def test_performance_shares_vest_at_the_end_of_the_period(market):
    # 3-year period from 2024-03-15 → vests 2027-03-15; 90% → 75% → 7,500 shares at 18 =
    # 135,000 delivered; the 2,500 target shares not earned lapse (2,500 × 18 = 45,000)
    events = shares(achievement=90).events(market)
    assert [(e.date.isoformat(), str(e.kind), e.quantity, e.value, e.realised)
            for e in events] == [
        ("2027-03-15", "vest", 7500, Decimal("135000.00"), True),
        ("2027-03-15", "forfeit", 2500, Decimal("45000.00"), False)]
    assert "payout 75%" in events[0].note


def test_unknown_achievement_is_valued_at_target(market):
    event = shares().events(market)[0]
    assert (event.quantity, event.value, event.estimated) == (10000, Decimal("180000.00"), True)
    # on 2025-12-31 the 10,000 target shares are worth 14 each
    assert shares().outstanding_value("2025-12-31", market) == Decimal("140000.00")


def test_leaving_before_the_end_forfeits(market):
    events = shares(achievement=110, leaving_date="2026-12-31").events(market)
    assert [(str(e.kind), e.quantity, e.value) for e in events] == [
        ("forfeit", 10000, Decimal("150000.00"))]  # 10,000 × 15 (price of 2026-06-01)


def test_good_leaver_keeps_a_time_pro_rata_part():
    # units: left 2025-09-30 after 18 whole months of 36 → keeps 5,000 of 10,000 units;
    # 5,000 forfeited (× ¥100 = 500,000); at 85% → 62.5%: 5,000 × 100 × 62.5% = 312,500
    units = PerformanceUnitGrant("2024-03-15", 10000, achievement=85, unit_value=100,
                                 leaving_date="2025-09-30", good_leaver=True)
    assert [(e.date.isoformat(), str(e.kind), e.quantity, e.value) for e in units.events()] == [
        ("2025-09-30", "forfeit", 5000, Decimal("500000.00")),
        ("2027-03-15", "payment", 5000, Decimal("312500.00"))]


def test_units_pay_cash_without_prices():
    units = PerformanceUnitGrant("2024-03-15", 10000, achievement=[100, 120, 140],
                                 unit_value=100, period_years=3)
    # mean 120% → 150%: 10,000 × 100 × 1.5 = 1,500,000 on 2027-03-15
    (payment,) = units.events()
    assert (payment.kind, payment.value, payment.settlement) == (
        EventKind.PAYMENT, Decimal("1500000.00"), "cash")
    assert units.outstanding_value("2026-12-31") == Decimal("1500000.00")
    assert units.outstanding_value("2027-03-15") == 0


def test_bad_input():
    with pytest.raises(InputError, match="target is 0"):
        shares(target=0)
    with pytest.raises(InputError, match='achievement % is "high"'):
        shares(achievement="high")
    with pytest.raises(InputError, match="curve values must not fall"):
        shares(curve=[[80, 100], [100, 50]])


@given(st.integers(1, 10**6), st.floats(0, 200), st.floats(0, 200))
def test_more_achievement_never_earns_fewer_shares(target, a, b):
    low, high = sorted((a, b))
    assert earned_shares(target, low) <= earned_shares(target, high) <= target * 1.5
