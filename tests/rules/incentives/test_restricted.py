"""Restricted stock: unlock tranches, conditions, leaving, lock-up dividends, value at unlock."""

from decimal import Decimal

import pytest

from xlperf.errors import InputError
from xlperf.rules.incentives import (
    EventKind,
    IncentiveRules,
    RestrictedStockGrant,
    events_in_year,
    totals,
    unlock_value,
)


def grant(**changes):
    # 10,000 shares bought at 5.00 (50% of the 10.00 market price) on 2024-03-15, 40/30/30
    terms = dict(grant_date="2024-03-15", quantity=10000, grant_price=5, grant_id="R1",
                 grant_date_price=10)
    return RestrictedStockGrant(**{**terms, **changes})


def rows(events):
    return [(e.date.isoformat(), str(e.kind), e.quantity, e.value, e.settlement, e.estimated)
            for e in events]


def test_value_at_unlock():
    # (P − grant price) × n + dividends: (14 − 5) × 4,000 + 0.5 × 4,000 = 36,000 + 2,000
    assert unlock_value(14, 5, 4000, 0.5) == Decimal("38000.00")
    assert unlock_value("14.37", "5.12", 333) == Decimal("3080.25")  # 9.25 × 333 = 3,080.25


def test_unlock_tranches_with_conditions_and_held_dividends(market):
    # tranche 1 (2025-03-15, condition met): unlock 4,000 at 14 → (14 − 5) × 4,000 = 36,000,
    #   and the dividend held since grant (ex 2024-07-01, 0.50) is paid with it: 2,000.
    # tranche 2 (2026-03-15, condition NOT met): 3,000 bought back at the grant price; given
    #   up: (12 − 5) × 3,000 = 21,000 plus the held dividends (0.50 + 0.60) × 3,000 = 3,300.
    # tranche 3 (2027-03-15, condition not yet known → assumed met, estimated): (18 − 5) ×
    #   3,000 = 39,000, dividends (0.50 + 0.60 + 0.70) × 3,000 = 5,400.
    events = grant(conditions_met=[True, False, None]).events(market)
    assert rows(events) == [
        ("2025-03-15", "unlock", 4000, Decimal("36000.00"), "shares", False),
        ("2025-03-15", "dividend", 4000, Decimal("2000.00"), "cash", False),
        ("2026-03-15", "forfeit", 3000, Decimal("24300.00"), "shares", False),
        ("2027-03-15", "unlock", 3000, Decimal("39000.00"), "shares", True),
        ("2027-03-15", "dividend", 3000, Decimal("5400.00"), "cash", True)]
    year = totals(events_in_year(grant(conditions_met=[True, False, None]), 2025, market))
    assert (year.shares, year.cash) == (Decimal("36000.00"), Decimal("2000.00"))


def test_dividends_paid_during_lock_up(market):
    # "paid": on each ex-date the shares then locked earn the dividend in cash:
    # 2024-07-01 10,000 × 0.50 = 5,000; 2025-07-01 6,000 × 0.60 = 3,600;
    # 2026-07-01 3,000 × 0.70 = 2,100 (unlocks bring no held dividends)
    events = grant(dividends="paid").events(market)
    dividends = [(e.date.isoformat(), e.quantity, e.value) for e in events
                 if e.kind is EventKind.DIVIDEND]
    assert dividends == [("2024-07-01", 10000, Decimal("5000.00")),
                         ("2025-07-01", 6000, Decimal("3600.00")),
                         ("2026-07-01", 3000, Decimal("2100.00"))]
    rules = IncentiveRules(restricted_dividends="paid")  # the same, chosen in the rules
    assert grant(rules=rules).events(market) == events


def test_leaving_forfeits_locked_shares(market):
    # left 2025-12-31: tranche 1 had unlocked; 6,000 locked shares bought back that day at
    # the grant price; given up (14 − 5) × 6,000 = 54,000 + held dividends 1.10 × 6,000 = 6,600
    events = grant(leaving_date="2025-12-31").events(market)
    assert rows(events)[-1] == ("2025-12-31", "forfeit", 6000, Decimal("60600.00"), "shares",
                                False)
    assert "bought back at the grant price" in events[-1].note
    assert grant(leaving_date="2025-12-31").outstanding_value("2026-01-01", market) == 0


def test_under_water_unlock_is_a_loss_and_forfeit_gives_up_nothing(market):
    # bought at 15, unlocked at 14: (14 − 15) × 4,000 = −4,000; a forfeit at 12 gives up only
    # the held dividends (0.50 + 0.60) × 3,000 = 3,300
    events = grant(grant_price=15, conditions_met=[True, False, True]).events(market)
    assert events[0].value == Decimal("-4000.00")
    assert events[2].kind is EventKind.FORFEIT and events[2].value == Decimal("3300.00")


def test_outstanding_and_fair_value(market):
    # on 2025-12-31, 6,000 shares locked at 14: 54,000 + dividends held 1.10 × 6,000 = 6,600
    assert grant().outstanding_value("2025-12-31", market) == Decimal("60600.00")
    assert grant().fair_value() == Decimal("50000.00")  # (10 − 5) × 10,000


@pytest.mark.parametrize(("changes", "message"), [
    (dict(conditions_met=[True]), r"1 condition\(s\) for 3 tranche\(s\)"),
    (dict(conditions_met=[True, "maybe", None]), 'tranche 2 is "maybe", expected done'),
    (dict(quantity=0), "quantity is 0, expected 1 or more"),
    (dict(grant_price=-1), "grant price is -1, expected zero or more"),
    (dict(leaving_date="2024-01-01"), "leaving date 2024-01-01 is before the grant date"),
    (dict(dividends="reinvested"), 'expected "held" or "paid"'),
])
def test_bad_grants(changes, message):
    with pytest.raises(InputError, match=message):
        grant(**changes)
