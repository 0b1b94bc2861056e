"""Stock appreciation rights (capped or not) and phantom stock (full value or appreciation)."""

from decimal import ROUND_HALF_UP, Decimal

import pytest

from xlperf.errors import InputError
from xlperf.rules.incentives import (
    AppreciationRightGrant,
    EventKind,
    PhantomStockGrant,
    Valuation,
    black_scholes,
    phantom_value,
    sar_gain,
    totals,
)


class TestAppreciationRights:
    def test_gain(self):
        # 4,000 SARs granted at 10, exercised at 16: 6 × 4,000 = 24,000 in cash; capped at 5
        # a unit (50% of the grant price): 5 × 4,000 = 20,000
        assert sar_gain(16, 10, 4000) == Decimal("24000.00")
        assert sar_gain(16, 10, 4000, 5) == Decimal("20000.00")
        assert sar_gain(8, 10, 4000) == 0  # under water pays nothing
        with pytest.raises(InputError, match="cap per unit is -1"):
            sar_gain(16, 10, 4000, -1)

    def grant(self, **changes):
        terms = dict(grant_date="2024-03-15", quantity=10000, exercise_price=10,
                     grant_id="S1", exercises=[("2025-04-01", 4000, 16), ("2026-04-01", 2000, 20)])
        return AppreciationRightGrant(**{**terms, **changes})

    def test_exercises_pay_cash(self, market):
        # uncapped: 4,000 × (16 − 10) = 24,000 and 2,000 × (20 − 10) = 20,000, both cash
        exercises = [e for e in self.grant().events(market) if e.kind is EventKind.EXERCISE]
        assert [(e.value, e.settlement, e.realised) for e in exercises] == [
            (Decimal("24000.00"), "cash", True), (Decimal("20000.00"), "cash", True)]

    def test_caps_per_unit_and_in_total(self, market):
        # cap 5 a unit: 4,000 × 5 = 20,000; then 2,000 × 5 = 10,000, but a total cap of
        # 25,000 leaves only 5,000 for the second exercise
        grant = self.grant(cap_per_unit=5, cap_total=25000)
        events = grant.events(market)
        exercises = [e for e in events if e.kind is EventKind.EXERCISE]
        assert [e.value for e in exercises] == [Decimal("20000.00"), Decimal("5000.00")]
        assert all("capped" in e.note for e in exercises)
        assert totals(events).cash == Decimal("25000.00")
        # vests show the per-unit capped value: 4,000 × min(14 − 10, 5) = 16,000
        assert events[0].kind is EventKind.VEST and events[0].value == Decimal("16000.00")

    def test_capped_fair_value_is_a_call_spread(self):
        # capped at 5 a unit = call at 10 less call at 15; one expected term of 5 years
        grant = self.grant(exercises=(), quantity=1000, cap_per_unit=5, grant_date_price=10)
        valuation = Valuation(0.03, 0.3, 0.01, expected_years=5)
        spread = (black_scholes(10, 10, 5, 0.03, 0.3, 0.01)
                  - black_scholes(10, 15, 5, 0.03, 0.3, 0.01))
        expected = (Decimal(format(black_scholes(10, 10, 5, 0.03, 0.3, 0.01), ".15g"))
                    - Decimal(format(black_scholes(10, 15, 5, 0.03, 0.3, 0.01), ".15g"))) * 1000
        assert grant.fair_value(valuation) == expected.quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert 0 < spread < 5 * 1.0


class TestPhantomStock:
    def test_value(self):
        # full value: 1,000 × 14 + dividends 0.6 × 1,000 = 14,600; appreciation over 10:
        # 1,000 × 4 + 600 = 4,600
        assert phantom_value(1000, 14, None, 0.6) == Decimal("14600.00")
        assert phantom_value(1000, 14, 10, 0.6) == Decimal("4600.00")
        assert phantom_value(1000, 8, 10) == 0

    def test_full_value_with_dividend_equivalents_and_lapse(self, market):
        # 1,000 units from 2024-03-15, 40/30/30, left 2026-01-31:
        # 2024-07-01 dividend equivalent 0.50 × 1,000 outstanding = 500
        # 2025-03-15 400 units paid at 14 = 5,600
        # 2025-07-01 0.60 × 600 = 360
        # 2026-01-31 the 600 unpaid units lapse (14 × 600 = 8,400 given up); the 2026-07-01
        # dividend comes after leaving and is not paid
        events = PhantomStockGrant("2024-03-15", 1000, leaving_date="2026-01-31").events(market)
        assert [(e.date.isoformat(), str(e.kind), e.quantity, e.value) for e in events] == [
            ("2024-07-01", "dividend", 1000, Decimal("500.00")),
            ("2025-03-15", "payment", 400, Decimal("5600.00")),
            ("2025-07-01", "dividend", 600, Decimal("360.00")),
            ("2026-01-31", "forfeit", 600, Decimal("8400.00"))]
        assert events[-1].note == "lapsed on leaving"
        assert totals(events).cash == Decimal("6460.00")

    def test_appreciation_without_dividends(self, market):
        # over a base of 10: 400 × (14 − 10) = 1,600; 300 × (12 − 10) = 600; 300 × 8 = 2,400
        grant = PhantomStockGrant("2024-03-15", 1000, base_price=10, dividend_equivalents=False)
        assert grant.mode == "appreciation"
        assert [e.value for e in grant.events(market)] == [
            Decimal("1600.00"), Decimal("600.00"), Decimal("2400.00")]
        assert grant.outstanding_value("2025-12-31", market) == Decimal("2400.00")  # 600 × 4

    def test_bad_input(self):
        with pytest.raises(InputError, match="units is 0"):
            PhantomStockGrant("2024-03-15", 0)
        with pytest.raises(InputError, match="base price is -1"):
            PhantomStockGrant("2024-03-15", 10, base_price=-1)
