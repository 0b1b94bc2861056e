"""Known answers for the price on a day without a closing price (a weekend, a holiday, a gap
in the price table): the last close at most 10 calendar days before, else an error."""

import datetime as dt
from decimal import Decimal

import pytest

from xlperf.errors import InputError
from xlperf.rules.incentives import (
    MarketData,
    RestrictedStockGrant,
    VestingSchedule,
    all_events_in_year,
)
from xlperf.rules.incentives.market import MAX_PRICE_AGE_DAYS, Quote

D = Decimal
day = dt.date.fromisoformat

# The brief's case: year-end and mid-March closes only; 2026-03-15 is a Sunday.
SPARSE = MarketData.from_rows([("2025-12-31", 23.1), ("2026-03-16", 24.8)])
SPARSE_MESSAGE = (
    "no share price near 2026-03-15: the nearest are 23.10 on 2025-12-31 (74 days before) "
    "and 24.80 on 2026-03-16 (1 day after). A day without a closing price takes the last "
    "close at most 10 days before it (a weekend or exchange holiday): add the closing price "
    "of the last trading day on or before 2026-03-15 to the share prices")


def test_a_day_with_its_close_takes_it():
    assert SPARSE.quote(day("2026-03-16")) == Quote(D("24.8"), day("2026-03-16"), False)


def test_a_weekend_takes_friday_s_close():
    market = MarketData.from_rows([("2026-03-13", 24.1), ("2026-03-16", 24.8)])
    assert market.quote(day("2026-03-15")) == Quote(D("24.1"), day("2026-03-13"), False)
    assert market.quote(day("2026-03-14")) == Quote(D("24.1"), day("2026-03-13"), False)


def test_the_longest_holiday_is_within_reach():
    # Spring Festival 2024: exchanges closed 9–18 February; last close Thursday 8 February
    assert MAX_PRICE_AGE_DAYS == 10
    market = MarketData.from_rows([("2024-02-08", 9.5), ("2024-02-19", 9.9)])
    assert market.quote(day("2024-02-18")) == Quote(D("9.5"), day("2024-02-08"), False)


def test_eleven_days_back_is_too_old():
    market = MarketData.from_rows([("2024-02-07", 9.5), ("2024-02-19", 9.9)])
    assert market.quote(day("2024-02-17")).price == D("9.5")  # 10 days
    with pytest.raises(InputError, match=r"^no share price near 2024-02-18: the nearest are "
                                         r"9\.50 on 2024-02-07 \(11 days before\) and 9\.90 on "
                                         r"2024-02-19 \(1 day after\)\."):
        market.quote(day("2024-02-18"))


def test_a_price_months_old_is_an_error_naming_the_day_and_the_nearest_prices():
    with pytest.raises(InputError) as caught:
        SPARSE.quote(day("2026-03-15"))
    assert caught.value.message == SPARSE_MESSAGE
    assert caught.value.field == "share prices"
    assert SPARSE.quote(day("2026-01-10")).price == D("23.1")  # 10 days: a holiday's reach


def test_an_unlock_on_a_day_far_from_any_price_fails_naming_the_grant():
    # 1,000 shares at 11.55 granted 2025-03-15, all unlocking 12 months later (a Sunday)
    grant = RestrictedStockGrant("2025-03-15", 1000, "11.55", VestingSchedule.cliff(12),
                                 grant_id="RS-2025")
    with pytest.raises(InputError) as caught:
        all_events_in_year([grant], 2026, SPARSE)
    assert caught.value.message == f'restricted stock grant "RS-2025" of 2025-03-15: ' \
                                   f"{SPARSE_MESSAGE}"
    # with Friday's close in the table the unlock is valued at it: (24.10 − 11.55) × 1,000
    market = MarketData.from_rows([("2025-03-14", 23), ("2025-12-31", 23.1),
                                   ("2026-03-13", 24.1), ("2026-03-16", 24.8)])
    [unlock] = all_events_in_year([grant], 2026, market)
    assert (unlock.date, unlock.price, unlock.value, unlock.estimated) == (
        day("2026-03-15"), D("24.1"), D("12550.00"), False)


def test_after_the_last_price_is_an_estimate_however_old():
    assert SPARSE.quote(day("2026-12-31")) == Quote(D("24.8"), day("2026-03-16"), True)
    assert MarketData.at_price(12).quote(day("2030-01-01")).estimated


def test_before_the_first_price_is_an_error():
    with pytest.raises(InputError, match="no share price on or before 2025-12-30: the prices "
                                         "start on 2025-12-31"):
        SPARSE.quote(day("2025-12-30"))
