"""One executive end to end, worked by hand, and the demo company's results."""

import dataclasses
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlperf.demo import demo_inputs
from xlperf.errors import InputError, InputErrors
from xlperf.model import AppraisalInput, Executive, Indicator, PastYear, Rating
from xlperf.policy import DEMO_POLICY
from xlperf.rules.appraisal import appraise
from xlperf.rules.grades import check_quotas
from xlperf.rules.okr import KeyResult, Objective


def _ratings(superior, peer, subordinate):
    return tuple(Rating(g, s) for g, scores in (("superior", superior), ("peer", peer),
                                                ("subordinate", subordinate)) for s in scores)


def worked_example(**changes):
    """An executive small enough to appraise by hand."""
    data = dict(
        executive=Executive("X1", "测试 Test", Decimal(500_000), months_served=Decimal(9)),
        year=2026,
        indicators=(
            Indicator("profit", 60, 54, 60, "ratio", "financial"),  # 54/60 = 90
            Indicator("safety", 20, 0, None, "zero_tolerance", "risk", veto=True),  # 100
            Indicator("plan", 20, "是", None, "binary", "sustainable"),  # 100
            Indicator("unit", 50, 88, 100, "ratio", "unit", "individual"),  # 88
            Indicator("okr", 50, None, None, "okr", "okr", "individual"),  # OKR 0.76 → 76
        ),
        ratings=_ratings([90, 80, 85], [75, 75, 75], [70, 80, 90]),
        duty_panel=(80, 90),
        objectives=(Objective("o", (KeyResult("a", 60, 0.8), KeyResult("b", 40, 0.7))),),
        history=(PastYear(2024, "B"), PastYear(2025, "C")),
        advances=(Decimal("30000"),) * 3,
    )
    data.update(changes)
    return AppraisalInput(**data)


def test_advances_are_paid_in_quarters_latest_first_when_not_said():
    """One advance without its quarter is Q3's (a mid-year joiner), three are Q1–Q3; the
    quarters given must fit the advances: one of Q1–Q3 each, in order, at most three."""
    one, three = Decimal("30000"), (Decimal("30000"),) * 3
    assert worked_example(advances=(one,)).advance_quarters == (3,)
    assert worked_example().advance_quarters == (1, 2, 3)
    assert worked_example(advances=(one, one), advance_quarters=(1, 3)).advance_quarters == (
        1, 3)
    for advances, quarters in (((one,), (4,)), ((one, one), (3, 1)), ((one, one), (2, 2)),
                               ((one,), (1, 2)), (three + (one,), ())):
        with pytest.raises(InputError, match="advance"):
            worked_example(advances=advances, advance_quarters=quarters)


def test_worked_example_by_hand():
    a = appraise(worked_example())
    # business: 90 × 60% + 100 × 20% + 100 × 20% = 54 + 20 + 20 = 94
    assert a.business.score == 94
    # OKR: 0.8 × 60% + 0.7 × 40% = 0.76; individual: 88 × 50% + 76 × 50% = 82
    assert a.okr == pytest.approx(0.76)
    assert a.individual_score == 82
    # duty: (80 + 90) / 2 = 85; 360: 85 × 40% + 75 × 30% + 80 × 30% = 34 + 22.5 + 24 = 80.5
    assert (a.duty_report, a.democratic.score) == (85, 80.5)
    # annual: 94 × 40% + 82 × 30% + 85 × 10% + 80.5 × 20% = 37.6 + 24.6 + 8.5 + 16.1 = 86.8
    assert a.annual_score == 86.8
    assert (a.grade_by_score, a.grade, a.coefficient) == ("A", "A", 1.2)
    # bonus: 1.2 × 500,000 × 9 / 12 = 450,000; due: 450,000 − 3 × 30,000 = 360,000
    assert a.payout.bonus == Decimal("450000.00")
    assert a.payout.due_now == Decimal("360000.00")
    assert not a.consecutive_flag and a.vetoes == () and a.warnings == ()
    # each line's share of its part: profit 60% of business, unit 50% of individual
    assert [round(r.weight, 2) for r in a.indicators] == [0.6, 0.2, 0.2, 0.5, 0.5]


def test_veto_caps_grade_and_consecutive_c_flags():
    inds = worked_example().indicators
    vetoed = (inds[0], Indicator("safety", 20, 1, None, "zero_tolerance", "risk", veto=True),
              *inds[2:])
    a = appraise(worked_example(indicators=vetoed))
    # safety now scores 50: business 54 + 10 + 20 = 84; annual 86.8 − 10 × 40% = 82.8 → B
    assert (a.business.score, a.annual_score, a.grade_by_score) == (84, 82.8, "B")
    assert a.grade == "C" and a.coefficient == 0.6 and a.vetoes == ("safety",)
    assert a.consecutive_flag  # 2025 C, 2026 C
    assert any("一票否决" in w for w in a.warnings)


@pytest.mark.parametrize(("history", "flagged"), [
    ((PastYear(2024, "B"), PastYear(2025, "C")), True),  # 2025 C, 2026 C
    ((PastYear(2020, "C"), PastYear(2021, "A"), PastYear(2022, "C")), False),  # 2022 ≠ 2025
    ((PastYear(2024, "C"),), False),  # 2025 not appraised: no run of two years
    ((), False),
])
def test_consecutive_c_counts_calendar_years(history, flagged):
    inds = worked_example().indicators
    vetoed = (inds[0], Indicator("safety", 20, 1, None, "zero_tolerance", "risk", veto=True),
              *inds[2:])  # graded C now, as above
    a = appraise(worked_example(indicators=vetoed, history=history))
    assert a.grade == "C" and a.consecutive_flag is flagged


def test_a_bad_score_hides_neither_the_weight_sum_nor_repeats_itself():
    bad = (Indicator("profit", 60, "lots", 60, origin=("Indicators", 5)),
           Indicator("safety", 30, 1.5, None, "zero_tolerance", "risk", veto=True,
                     origin=("Indicators", 6)))  # business weights add to 90%
    data = worked_example(indicators=(*bad, *worked_example().indicators[3:]))
    with pytest.raises(InputErrors) as info:
        appraise(data)
    messages = [str(e) for e in info.value.errors]
    assert sum("row 6" in m for m in messages) == 1, messages  # 1.5 incidents: said once
    assert any("business indicator weights" in m for m in messages), messages


def test_every_problem_is_collected_with_its_origin():
    bad = (Indicator("profit", 60, "lots", 60, origin=("Indicators", 5)),
           Indicator("share", 40, 1, 5, "ratio", origin=("Indicators", 6)))
    data = worked_example(indicators=bad, ratings=(Rating("peer", 70),), duty_panel=())
    with pytest.raises(InputErrors) as info:
        appraise(data)
    messages = [str(e) for e in info.value.errors]
    assert messages[0] == 'Indicators row 5: actual is "lots", expected a number'
    assert any(m.startswith("DutyReport: no duty-report panel scores") for m in messages)
    assert any(m.startswith("Ratings360: no 360 rater group") for m in messages)
    assert info.value.errors[0].field == "actual"


def test_demo_company():
    appraisals = [appraise(item) for item in demo_inputs()]
    assert len(appraisals) == 12
    grades = Counter(a.grade for a in appraisals)
    assert grades == {"S": 1, "A": 2, "B": 6, "C": 2, "D": 1}
    assert all(q.ok for q in check_quotas([a.grade for a in appraisals], DEMO_POLICY.quotas,
                                          DEMO_POLICY.grades))
    by_id = {a.executive.id: a for a in appraisals}
    assert by_id["E010"].vetoes and by_id["E010"].grade == "C"
    assert by_id["E012"].consecutive_flag and by_id["E012"].payout.due_now < 0
    assert by_id["E011"].democratic.groups[1].dropped
    assert by_id["E009"].payout.bonus == Decimal("350000.00")  # capped
    assert by_id["E001"].payout.extra == Decimal("108000.00")  # 112%: 12% × 900,000
    for a in appraisals:
        p = a.payout
        assert p.bonus + p.extra - p.deferred - p.advances == p.due_now


def test_indicator_shares_are_the_same_for_percent_and_fraction_weights():
    """60/30/10 and 0.6/0.3/0.1 give the very same shares (a workbook stores 30% as 0.3);
    a float sum of 0.6 + 0.3 + 0.1 is 0.9999999999999999, so shares go through as_fractions."""
    def lines(scale):
        return (Indicator("profit", 60 * scale, 54, 60, "ratio", "financial"),
                Indicator("safety", 30 * scale, 0, None, "zero_tolerance", "risk", veto=True),
                Indicator("plan", 10 * scale, "是", None, "binary", "sustainable"),
                Indicator("unit", 100 * scale, 88, 100, "ratio", "unit", "individual"))
    percent = appraise(worked_example(indicators=lines(1)))
    fractions = appraise(worked_example(indicators=lines(0.01)))
    shares = [r.weight for r in percent.indicators]
    assert shares == [r.weight for r in fractions.indicators] == [0.6, 0.3, 0.1, 1.0]


@given(st.dictionaries(st.integers(2022, 2025), st.sampled_from("SABCD"), max_size=4),
       st.integers(1, 4))
def test_xp_consec_over_a_results_row_agrees_with_the_batch(history, years):
    """The Results row gives XP_CONSEC one cell per calendar year (blank where History has
    none): it must flag exactly whom the batch flags."""
    from xlperf.udfs import XP_CONSEC

    inds = worked_example().indicators
    vetoed = (inds[0], Indicator("safety", 20, 1, None, "zero_tolerance", "risk", veto=True),
              *inds[2:])  # graded C now
    policy = dataclasses.replace(DEMO_POLICY, consecutive_years=years)
    a = appraise(worked_example(indicators=vetoed, history=tuple(
        PastYear(y, g) for y, g in sorted(history.items()))), policy)
    row = [[*(history.get(y) for y in range(2022, 2026)), a.grade]]
    assert XP_CONSEC(row, "C", years) is a.consecutive_flag
