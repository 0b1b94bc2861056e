"""Grants built from values shaped the way xlwings hands Excel ranges and cells over."""

import datetime as dt
from decimal import Decimal

import pytest

from xlperf.errors import InputError
from xlperf.rules.incentives import (
    DeferredCashGrant,
    EventKind,
    MarketData,
    PerformanceShareGrant,
    RestrictedStockGrant,
    StockOptionGrant,
)
from xlperf.rules.incentives.exercisable import ExercisableGrant


def test_an_option_grant_row_as_excel_passes_it():
    # dates as datetimes and serials, counts and prices as floats, a one-row exercise range
    # arriving flat, a blank leaving date
    grant = StockOptionGrant(dt.datetime(2024, 3, 15), 10000.0, 10.0,
                             schedule=[[12.0, 0.4], [24.0, 0.3], [36.0, 0.3], [None, None]],
                             exercises=[dt.datetime(2026, 6, 1), 3000.0, None],
                             leaving_date=None, grant_id=17.0)
    assert grant.grant_id == "17"
    assert [(e.date, e.quantity) for e in grant.exercises] == [(dt.date(2026, 6, 1), 3000)]
    assert grant.quantity == 10000 and grant.exercise_price == Decimal("10")


def test_exercise_rows_with_blank_lines_in_any_order():
    grant = StockOptionGrant(45366, 10000, 10, exercises=[
        [46174, 1000, 16.5], [None, None, None], ["2025-04-01", 2000, None]])
    assert [e.quantity for e in grant.exercises] == [2000, 1000]  # sorted by date
    assert grant.exercises[1].price == Decimal("16.5")


def test_conditions_as_a_row_or_a_column_range():
    row = RestrictedStockGrant("2024-03-15", 1000, 5, conditions_met=[[1.0, "否", None]])
    column = RestrictedStockGrant("2024-03-15", 1000, 5, conditions_met=[[True], [False], [""]])
    assert row.conditions_met == column.conditions_met == (True, False, None)


def test_yearly_achievements_as_a_row_or_column():
    row = PerformanceShareGrant("2024-03-15", 100, achievement=[[90.0, 110.0, None]])
    column = PerformanceShareGrant("2024-03-15", 100, achievement=[[90.0], [110.0], [None]])
    assert row.achievement == column.achievement == 100.0  # blank third year skipped


def test_market_and_clawback_ranges_of_one_row():
    market = MarketData.from_rows([dt.datetime(2024, 3, 15), 10.0], [])
    assert market.prices == ((dt.date(2024, 3, 15), Decimal("10")),)
    grant = DeferredCashGrant("2025-03-31", 90000.0, clawbacks=["2026-06-30", None, "fraud"])
    assert grant.events()[-1].kind is EventKind.CLAWBACK


def test_bad_ranges():
    with pytest.raises(InputError, match="share prices row 1 has 3 columns"):
        MarketData.from_rows([["2024-03-15", 10, 11]])
    with pytest.raises(InputError, match="share prices have two different amounts|two different"):
        MarketData.from_rows([["2024-03-15", 10], ["2024-03-15", 11]])
    with pytest.raises(InputError, match="exercise row has 4 columns"):
        StockOptionGrant("2024-03-15", 100, 10, exercises=[["2025-04-01", 10, 12, 1]])
    with pytest.raises(TypeError, match="use StockOptionGrant"):
        ExercisableGrant("2024-03-15", 100, 10)
