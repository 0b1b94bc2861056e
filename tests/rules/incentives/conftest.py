"""Shared market data for the incentive tests: a share that rises, dips and pays dividends."""

import pytest

from xlperf.rules.incentives import MarketData


@pytest.fixture
def market():
    """Closing prices around each anniversary of a 2024-03-15 grant, on the days the tests
    value (leaving dates, year ends), and three dividends.

    2025-03-15 and 2026-03-15 fall on a weekend: the price on those days is the Friday close
    (the last trading day before them), as is 2026-01-31's (Saturday: 2026-01-30). A day
    more than 10 days after the last close before it has no price (an error), so the table
    holds a close near every day a test values. After 2027-03-15 every price is an estimate
    at 18.
    """
    return MarketData.from_rows(
        [("2024-03-15", 10), ("2025-03-14", 14), ("2025-12-31", 14), ("2026-01-30", 14),
         ("2026-03-13", 12), ("2026-04-30", 12), ("2026-06-01", 15), ("2026-07-30", 15),
         ("2026-12-31", 15), ("2027-03-15", 18)],
        [("2024-07-01", 0.5), ("2025-07-01", 0.6), ("2026-07-01", 0.7)])
