"""Dates, anniversaries and vesting schedules: known answers and invariants."""

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlperf.errors import InputError
from xlperf.rules.incentives import (
    VestingSchedule,
    add_months,
    as_date,
    as_schedule,
    conditions_from,
    months_between,
    vested_fraction,
    vested_quantity,
    vesting_table,
)

D = dt.date
GRADED = VestingSchedule.graded((40, 30, 30))


class TestDates:
    @pytest.mark.parametrize(("start", "months", "expected"), [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),   # leap year: clamped to the 29th
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), 2, D(2024, 3, 31)),   # counted from the grant, not from Feb 29
        (D(2024, 1, 31), 3, D(2024, 4, 30)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2024, 3, 15), 12, D(2025, 3, 15)),
        (D(2024, 11, 30), 3, D(2025, 2, 28)),  # across a year end
    ])
    def test_add_months_clamps_to_the_month_end(self, start, months, expected):
        assert add_months(start, months) == expected

    def test_months_between_counts_whole_months(self):
        assert months_between(D(2024, 1, 31), D(2024, 2, 29)) == 1  # the clamped anniversary
        assert months_between(D(2024, 1, 31), D(2024, 2, 28)) == 0
        assert months_between(D(2024, 3, 15), D(2025, 9, 30)) == 18
        assert months_between(D(2024, 3, 15), D(2024, 3, 1)) == 0

    @pytest.mark.parametrize("value", [
        D(2024, 1, 31), dt.datetime(2024, 1, 31, 14, 30), "2024-01-31", "2024/1/31",
        "2024年1月31日", 45322, 45322.75])  # 45322 is Excel's serial for 2024-01-31
    def test_as_date_reads_what_excel_hands_over(self, value):
        assert as_date(value) == D(2024, 1, 31)

    @pytest.mark.parametrize(("value", "message"), [
        (None, "grant date is empty"), ("31/01/2024", "expected a date such as 2024-01-31"),
        ("2024-02-30", "expected a date"), (10, "from 61, 1900-03-01"),
        (True, "expected a number")])
    def test_bad_dates(self, value, message):
        with pytest.raises(InputError, match=message):
            as_date(value, "grant date")


class TestSchedules:
    def test_graded_40_30_30(self):
        # grant 2024-03-15: 40% on 2025-03-15, 30% on 2026-03-15, 30% on 2027-03-15
        grant = D(2024, 3, 15)
        assert vested_fraction(grant, D(2025, 3, 14), GRADED) == 0
        assert vested_fraction(grant, D(2025, 3, 15), GRADED) == pytest.approx(0.4)  # on the day
        assert vested_fraction(grant, D(2026, 3, 14), GRADED) == pytest.approx(0.4)
        assert vested_fraction(grant, D(2026, 3, 15), GRADED) == pytest.approx(0.7)
        assert vested_fraction(grant, D(2027, 3, 15), GRADED) == 1.0
        assert vested_fraction(grant, D(2024, 1, 1), GRADED) == 0  # before the grant

    def test_end_of_month_anniversaries(self):
        # monthly over 4 months from 2024-01-31: Feb 29, Mar 31, Apr 30, May 31
        schedule = VestingSchedule.monthly(4)
        assert schedule.dates(D(2024, 1, 31)) == (
            D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30), D(2024, 5, 31))
        assert vested_fraction("2024-01-31", "2024-02-28", schedule) == 0
        assert vested_fraction("2024-01-31", "2024-02-29", schedule) == 0.25
        assert vested_fraction("2024-01-31", "2024-04-29", schedule) == 0.5

    def test_monthly_after_a_cliff(self):
        # 48 months with a 12-month cliff: 12/48 at month 12, then 1/48 a month
        schedule = VestingSchedule.monthly(48, 12)
        assert schedule.tranches[0] == (12, Fraction(1, 4))
        assert len(schedule.tranches) == 37
        assert vested_fraction("2024-01-15", "2025-01-14", schedule) == 0
        assert vested_fraction("2024-01-15", "2025-01-15", schedule) == 0.25
        assert vested_fraction("2024-01-15", "2025-07-15", schedule) == pytest.approx(18 / 48)

    def test_cliff(self):
        schedule = VestingSchedule.cliff(36)
        assert vested_fraction("2024-03-15", "2027-03-14", schedule) == 0
        assert vested_fraction("2024-03-15", "2027-03-15", schedule) == 1

    def test_custom_rows_as_excel_passes_them(self):
        # percentages or fractions, blank rows at the end, rows in any order
        rows = [[24, 30], [12, 40], [36, 30], [None, None]]
        assert as_schedule(rows) == GRADED
        assert as_schedule([[12, 0.4], [24, 0.3], [36, 0.3]]) == GRADED
        assert as_schedule([[12, "40%"], [24, "30%"], [36, "30%"]]) == GRADED
        assert as_schedule([36, 1]) == VestingSchedule.cliff(36)  # a one-row range arrives flat
        assert vested_fraction(45366, 45731, rows) == pytest.approx(0.4)  # Excel serials

    def test_thirds_typed_as_decimals_add_up_exactly(self):
        # 33.33 + 33.33 + 33.34 is 100%; scaled by the sum, the last tranche ends at exactly 1
        schedule = as_schedule([[12, 33.33], [24, 33.33], [36, 33.34]])
        assert sum(schedule.fractions) == 1
        assert vested_fraction("2024-01-01", "2027-01-01", schedule) == 1.0

    @pytest.mark.parametrize(("text", "expected"), [
        ("cliff 36", VestingSchedule.cliff(36)), ("Graded 40/30/30", GRADED),
        ("monthly 48 cliff 12", VestingSchedule.monthly(48, 12)),
        ("monthly 36", VestingSchedule.monthly(36)),
        ("equal 3", VestingSchedule(((12, Fraction(1, 3)), (24, Fraction(1, 3)),
                                     (36, Fraction(1, 3)))))])
    def test_parse(self, text, expected):
        assert as_schedule(text) == expected

    @pytest.mark.parametrize(("rows", "message"), [
        ([[12, 40], [24, 30], [36, 25]], r"vesting fractions add to 95%, expected 100%"),
        ([[12, 50], [12, 50]], "vesting month 12 appears twice"),
        ([[12, -10], [24, 110]], "expected zero or more"),
        ([[12.5, 100]], "expected a whole number"),
        ([[12, 40, 1]], "row 1 has 3 columns, expected 2"),
        ([], "vesting schedule is empty"),
        ("every year", 'not one xlperf reads: write "graded 40/30/30", "cliff 36"'),
        ("graded 40 30 30", '^vesting schedule "graded 40 30 30" is not one xlperf reads: '
                            'write "graded 40/30/30"$'),
    ])
    def test_bad_schedules_say_what_to_fix(self, rows, message):
        with pytest.raises(InputError, match=message):
            as_schedule(rows)


class TestForfeitureAndTables:
    def test_leaving_forfeits_what_has_not_vested(self):
        # left 2026-03-14, a day before the second tranche: only the first 40% ever vests
        assert vested_fraction("2024-03-15", "2030-01-01", GRADED, "2026-03-14") == 0.4
        # leaving on the vesting day itself: still in service that day, the tranche vests
        assert vested_fraction("2024-03-15", "2030-01-01", GRADED, "2026-03-15") == 0.7
        assert vested_quantity(1000, "2024-03-15", "2030-01-01", GRADED, "2026-03-14") == 400

    def test_whole_shares_add_up_to_the_grant(self):
        # 1001 shares 40/30/30: cumulative floor(0.4 × 1001) = 400, floor(0.7 × 1001) = 700,
        # 1001 → tranches 400, 300, 301 (never vest a share before it is fully earned)
        table = vesting_table("2024-03-15", 1001, GRADED)
        assert [r.as_row() for r in table] == [
            (2025, 400, 400, 0.4, 0.4), (2026, 300, 700, 0.3, 0.7), (2027, 301, 1001, 0.3, 1.0)]
        assert [r.year for r in vesting_table("2024-03-15", 1001, GRADED, by="plan")] == [1, 2, 3]

    def test_monthly_table_by_calendar_and_plan_year(self):
        # 1000 shares monthly over 24 months from 2024-07-01: months 1–5 (Aug 1 … Dec 1) fall
        # in 2024: floor(5/24 × 1000) = 208; months 6–17 (2025-01-01 … 2025-12-01) bring the
        # cumulative to floor(17/24 × 1000) = 708, so 500 in 2025; the last 7 months 292
        table = vesting_table("2024-07-01", 1000, "monthly 24")
        assert [(r.year, r.quantity, r.cumulative) for r in table] == [
            (2024, 208, 208), (2025, 500, 708), (2026, 292, 1000)]
        plan = vesting_table("2024-07-01", 1000, "monthly 24", by="plan")
        assert [(r.year, r.quantity) for r in plan] == [(1, 500), (2, 500)]
        with pytest.raises(InputError, match='expected "calendar" or "plan"'):
            vesting_table("2024-07-01", 1000, "monthly 24", by="fiscal")

    def test_monthly_one_third_shares_spread_evenly(self):
        # 100 shares over 3 months: floor(100/3) = 33, floor(200/3) = 66, 100 → 33, 33, 34
        assert VestingSchedule.monthly(3).quantities(100) == (33, 33, 34)


@st.composite
def schedules(draw):
    months = sorted(draw(st.sets(st.integers(0, 120), min_size=1, max_size=8)))
    weights = draw(st.lists(st.integers(1, 100), min_size=len(months), max_size=len(months)))
    total = sum(weights)
    return VestingSchedule(tuple((m, Fraction(w, total)) for m, w in zip(months, weights,
                                                                          strict=True)))


days = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))


@given(schedules(), days, days, days)
def test_vested_fraction_never_decreases_and_reaches_one(schedule, grant, a, b):
    early, late = sorted((a, b))
    assert 0 <= vested_fraction(grant, early, schedule) <= vested_fraction(grant, late, schedule)
    assert vested_fraction(grant, add_months(grant, schedule.months[-1]), schedule) == 1


@given(schedules(), st.integers(0, 10**7), days, days)
def test_whole_shares_add_up_and_match_the_vested_fraction(schedule, quantity, grant, day):
    tranches = schedule.tranches_for(grant, quantity)
    assert sum(t.quantity for t in tranches) == quantity
    assert all(t.quantity >= 0 for t in tranches)
    vested = sum(t.quantity for t in tranches if t.date <= day)
    assert vested == vested_quantity(quantity, grant, day, schedule)
    table = vesting_table(grant, quantity, schedule)
    assert table[-1].cumulative == quantity


class TestPerformanceConditions:
    def test_a_tranche_counts_once_its_condition_is_met(self):
        # 80,000 shares 40/30/30 from 2023-03-15, conditions yes/yes/no (the demo's E004): by
        # 2026-12-31 the tranches of 2024 (32,000) and 2025 (24,000) count; the 2026 one
        # (24,000) is forfeited: 56,000, not the 80,000 the calendar alone gives
        assert vested_quantity(80000, "2023-03-15", "2026-12-31", GRADED) == 80000
        assert vested_quantity(80000, "2023-03-15", "2026-12-31", GRADED, None,
                               (True, True, False)) == 56000
        # not yet known (None, "?" on the sheet): pending, so not counted either
        assert vested_quantity(80000, "2023-03-15", "2026-12-31", GRADED, None,
                               (True, None, True)) == 56000
        # a condition never makes a tranche vest before its date or after leaving
        assert vested_quantity(80000, "2023-03-15", "2025-03-14", GRADED, None,
                               (True, True, True)) == 32000
        assert vested_quantity(80000, "2023-03-15", "2030-01-01", GRADED, "2024-03-14",
                               (True, True, True)) == 0

    def test_conditions_as_a_grants_cell_holds_them(self):
        assert conditions_from("yes/yes/no") == (True, True, False)
        assert conditions_from("是／?／否") == (True, None, False)
        assert conditions_from(True) == (True,)
        assert conditions_from([[True, None, False]]) == (True, None, False)
        assert conditions_from(None) == conditions_from("") == ()
        with pytest.raises(InputError, match='condition 2 is "maybe"'):
            conditions_from("yes/maybe")

    def test_one_condition_per_tranche(self):
        with pytest.raises(InputError, match=r"2 condition\(s\) for 3 tranche\(s\)"):
            vested_quantity(100, "2023-03-15", "2026-12-31", GRADED, None, (True, True))


@given(schedules(), st.integers(0, 10**6), days, days, st.data())
def test_conditions_only_ever_take_tranches_away(schedule, quantity, grant, day, data):
    met = tuple(data.draw(st.lists(st.sampled_from((True, False, None)),
                                   min_size=len(schedule.tranches),
                                   max_size=len(schedule.tranches))))
    plain = vested_quantity(quantity, grant, day, schedule)
    assert 0 <= vested_quantity(quantity, grant, day, schedule, None, met) <= plain
    assert vested_quantity(quantity, grant, day, schedule, None,
                           (True,) * len(met)) == plain
