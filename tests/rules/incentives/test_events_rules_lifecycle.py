"""The common event API, the tunable rules, the lifecycle guide, and the core's purity."""

import datetime as dt
import subprocess
import sys
import tomllib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlperf.errors import InputError
from xlperf.rules.curves import Curve
from xlperf.rules.incentives import (
    DEFAULT_INCENTIVE_RULES,
    EVENT_COLUMNS,
    LIFECYCLE_HELP,
    AppreciationRightGrant,
    DeferredCashGrant,
    EventKind,
    IncentiveRules,
    Instrument,
    MarketData,
    PerformanceShareGrant,
    PhantomStockGrant,
    RestrictedStockGrant,
    Stage,
    StockOptionGrant,
    VestingSchedule,
    all_events_in_year,
    events_between,
    events_in_year,
    grant_summary,
    grant_table,
    incentive_rules_from_mapping,
    incentive_rules_to_mapping,
    recommend,
    recommendation_text,
    vesting_table,
)


def option_grant():
    return StockOptionGrant("2024-03-15", 10000, 10, grant_id="O1",
                            exercises=[("2026-06-01", 3000)])


class TestEvents:
    def test_one_executive_s_appraisal_year(self, market):
        # what vests, unlocks, is exercised or paid in 2026 across an executive's grants
        grants = [option_grant(),
                  RestrictedStockGrant("2024-03-15", 10000, 5, grant_id="R1"),
                  DeferredCashGrant("2025-03-31", 90000, grant_id="D1")]
        year = all_events_in_year(grants, 2026, market)
        assert [(e.date.isoformat(), e.grant_id, str(e.kind)) for e in year] == [
            ("2026-03-15", "O1", "vest"), ("2026-03-15", "R1", "unlock"),
            ("2026-03-15", "R1", "dividend"), ("2026-03-31", "D1", "payment"),
            ("2026-06-01", "O1", "exercise")]

    def test_rows_for_a_worksheet(self, market):
        event = events_in_year(option_grant(), 2026, market)[-1]
        row = event.as_row()
        assert len(row) == len(EVENT_COLUMNS)
        assert row[:8] == (dt.date(2026, 6, 1), "O1", "stock_option", "exercise", 3000,
                           Decimal("15000.00"), "shares", True)
        assert (event.kind.label, event.kind.label_zh) == ("exercised", "行权")
        assert (event.instrument.label, event.instrument.label_zh) == ("stock option", "股票期权")

    def test_grant_summary_for_the_appraisal_report(self, market):
        # on 2026-12-31 (price 15 since 2026-06-01): 4,000 vested unexercised + 3,000 unvested
        # are held, worth (15 − 10) × 7,000 = 35,000; 15,000 realised by the exercise
        summary = grant_summary(option_grant(), "2026-12-31", market)
        assert summary.realised.shares == Decimal("15000.00")
        assert summary.outstanding_value == Decimal("35000.00")
        assert [str(e.kind) for e in summary.upcoming] == ["vest", "expire"]
        assert [t.quantity for t in summary.tranches] == [4000, 3000, 3000]
        # each tranche's outcome is its vest event (options vest, then are exercised)
        assert [(o.delivered.kind, o.delivered.quantity, o.forfeited) for o in
                summary.outcomes] == [("vest", 4000, None), ("vest", 3000, None),
                                      ("vest", 3000, None)]

    def test_grant_table_is_the_vesting_table(self):
        assert grant_table(option_grant()) == vesting_table("2024-03-15", 10000,
                                                            "graded 40/30/30")
        shares = PerformanceShareGrant("2024-03-15", 5000)
        assert [r.as_row() for r in grant_table(shares)] == [(2027, 5000, 5000, 1.0, 1.0)]

    def test_bad_periods(self, market):
        with pytest.raises(InputError, match="period ends 2025-01-01 before it starts"):
            events_between(option_grant(), "2026-01-01", "2025-01-01", market)
        with pytest.raises(InputError, match="year is 26, expected a year such as 2026"):
            events_in_year(option_grant(), 26, market)


class TestRules:
    def test_defaults(self):
        rules = DEFAULT_INCENTIVE_RULES
        assert rules.payout_curve == Curve(((80, 50), (100, 100), (120, 150)))
        assert rules.vesting_schedule == VestingSchedule.graded((40, 30, 30))
        assert (rules.performance_period_years, rules.option_term_years,
                rules.exercise_window_months) == (3, 10, 0)
        assert rules.restricted_dividends == "held"

    def test_mapping_round_trips(self):
        rules = IncentiveRules(vesting_schedule=VestingSchedule.monthly(48, 12),
                               good_leaver_pro_rata=True, restricted_dividends="paid")
        assert incentive_rules_from_mapping(incentive_rules_to_mapping(rules)) == rules

    def test_a_policy_file_section(self):
        section = tomllib.loads("""
            [incentives]
            payout_curve = [[90, 50], [100, 100], [110, 200]]
            vesting_schedule = "graded 25/25/25/25"
            exercise_window_months = 6
        """)["incentives"]
        rules = incentive_rules_from_mapping(section)
        assert rules.payout_curve.value_at(105) == 150
        assert rules.vesting_schedule.months == (12, 24, 36, 48)
        assert rules.exercise_window_months == 6
        assert rules.option_term_years == 10  # left out: the default stays
        grant = StockOptionGrant("2024-03-15", 100, 10, rules=rules, leaving_date="2025-06-30")
        assert grant.last_exercise_day == dt.date(2025, 12, 30)

    @pytest.mark.parametrize(("data", "message"), [
        ({"vesting_scheme": "cliff 12"}, "unknown key"),
        ({"restricted_dividends": "kept"}, 'expected "held"'),
        ({"option_term_years": 0}, "option term years is 0, expected 1 or more"),
        ({"payout_curve": [[100, 100]]}, "at least 2 points"),
    ])
    def test_bad_rules(self, data, message):
        with pytest.raises(InputError, match=message):
            incentive_rules_from_mapping(data)


class TestLifecycle:
    @pytest.mark.parametrize(("stage", "instruments"), [
        ("start-up", {Instrument.APPRECIATION_RIGHT, Instrument.DEFERRED_CASH}),
        ("高速发展期", {Instrument.APPRECIATION_RIGHT, Instrument.STOCK_OPTION}),
        ("Mature", {Instrument.PERFORMANCE_SHARE, Instrument.PERFORMANCE_UNIT}),
        ("衰退期", {Instrument.RESTRICTED_STOCK})])
    def test_the_article_s_guide(self, stage, instruments):
        assert set(recommend(stage).instruments) == instruments

    def test_text_in_both_languages(self):
        assert recommendation_text("growth").startswith(
            "Fast growth: stock appreciation rights and stock options.")
        assert recommendation_text("成熟期", "zh").startswith("成熟期：业绩股票、业绩单位")
        assert recommendation_text(Stage.DECLINE, "both").count("\n") == 1
        assert len(LIFECYCLE_HELP) <= 255  # fits Excel's function wizard

    def test_unknown_stage(self):
        with pytest.raises(InputError, match='stage is "teenage", expected start-up, growth'):
            recommend("teenage")


def test_the_incentive_core_is_pure_python():
    # no numpy/scipy (xlwings Lite) and no spreadsheet, template or PDF library
    forbidden = ("numpy", "scipy", "pandas", "openpyxl", "xlwings", "jinja2", "weasyprint")
    code = ("import sys, xlperf.rules.incentives\n"
            f"print(','.join(m for m in {forbidden!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ""


# -- conservation: every share of a grant ends up delivered or lost, whatever happens ------
days = st.dates(min_value=dt.date(2024, 3, 15), max_value=dt.date(2030, 1, 1))
leavings = st.one_of(st.none(), days)
flat = MarketData.at_price(12, dividends=[("2024-07-01", 0.5), ("2026-07-01", 0.7)])


def quantities(events, *kinds):
    return sum(e.quantity for e in events if e.kind in kinds)


@given(st.integers(1, 10**6), leavings,
       st.lists(st.sampled_from([True, False, None]), min_size=3, max_size=3))
def test_restricted_shares_unlock_or_are_forfeited(quantity, leaving, conditions):
    events = RestrictedStockGrant("2024-03-15", quantity, 5, conditions_met=conditions,
                                  leaving_date=leaving).events(flat)
    assert quantities(events, EventKind.UNLOCK, EventKind.FORFEIT) == quantity


@given(st.integers(1, 10**6), leavings, st.sampled_from(["graded 40/30/30", "monthly 36 cliff 12",
                                                         "cliff 36"]))
def test_rights_vest_or_are_forfeited_and_vested_ones_are_exercised_or_expire(
        quantity, leaving, schedule):
    for cls in (StockOptionGrant, AppreciationRightGrant):
        events = cls("2024-03-15", quantity, 10, schedule=schedule,
                     leaving_date=leaving).events(flat)
        vested = quantities(events, EventKind.VEST)
        assert vested + quantities(events, EventKind.FORFEIT) == quantity
        assert quantities(events, EventKind.EXPIRE) == vested
        assert all(e.value >= 0 for e in events)


@given(st.integers(1, 10**6), leavings)
def test_phantom_units_are_paid_or_lapse(units, leaving):
    events = PhantomStockGrant("2024-03-15", units, leaving_date=leaving).events(flat)
    assert quantities(events, EventKind.PAYMENT, EventKind.FORFEIT) == units


@given(st.integers(1, 10**6), leavings, st.one_of(st.none(), st.floats(0, 100)),
       st.booleans())
def test_performance_shares_are_earned_or_lost(target, leaving, achievement, good_leaver):
    events = PerformanceShareGrant("2024-03-15", target, achievement=achievement,
                                   leaving_date=leaving, good_leaver=good_leaver).events(flat)
    assert quantities(events, EventKind.VEST, EventKind.FORFEIT) == target
