"""Grades (表-2), veto, consecutive-C, quotas, coefficients (表-3), bonus, settlement."""

import dataclasses
from decimal import Decimal

import pytest

from xlperf.demo import demo_inputs
from xlperf.errors import InputError
from xlperf.model import Executive
from xlperf.policy import DEMO_POLICY
from xlperf.rules.appraisal import appraise
from xlperf.rules.bonus import (
    BonusRules,
    CoefficientTable,
    YearExtra,
    bonus_amount,
    deferred_amount,
    extra_withheld,
    over_achievement_extra,
    payout,
    quarterly_advance,
    settlement,
    year_extra,
)
from xlperf.rules.curves import Curve
from xlperf.rules.grades import (
    GradeTable,
    Quota,
    check_quotas,
    consecutive_flag,
    grade_after_veto,
    grade_in,
)

GRADES = DEMO_POLICY.grades


class TestGrades:
    @pytest.mark.parametrize(("score", "grade"), [
        (120, "S"), (95, "S"), (94.99, "A"), (85, "A"), (84.99, "B"), (75, "B"),
        (74.99, "C"), (60, "C"), (59.99, "D"), (0, "D"), (-5, "D")])
    def test_demo_bands_are_closed_below(self, score, grade):
        assert GRADES.grade_for(score) == grade

    def test_veto_caps_at_c(self):
        assert grade_after_veto("S", True, GRADES, "C") == "C"
        assert grade_after_veto("A", False, GRADES, "C") == "A"
        assert grade_after_veto("D", True, GRADES, "C") == "D"  # already worse: unchanged

    def test_grade_table_must_be_ordered(self):
        with pytest.raises(InputError, match="falling lower bounds"):
            GradeTable((("S", 95), ("A", 96)))
        with pytest.raises(InputError, match="unique"):
            GradeTable((("S", 95), ("S", 80)))

    def test_unknown_grade(self):
        with pytest.raises(InputError, match='grade is "E", expected one of S, A, B, C, D'):
            GRADES.rank("E")


class TestConsecutive:
    def test_two_years_of_c_or_worse(self):
        assert consecutive_flag(["B", "C", "C"], GRADES)
        assert consecutive_flag(["A", "C", "D"], GRADES)  # D is worse than C
        assert not consecutive_flag(["C", "C", "B"], GRADES)  # the latest year is B
        assert not consecutive_flag(["C"], GRADES)  # one year only

    def test_a_blank_between_grades_breaks_the_run_and_years_are_configurable(self):
        assert not consecutive_flag(["C", None, "c"], GRADES)  # a year not appraised between
        assert consecutive_flag([None, "", "C", "c", None, ""], GRADES)  # outer blanks: range
        assert not consecutive_flag([None, "C"], GRADES)  # last year not appraised
        assert not consecutive_flag(["B", "C", "C"], GRADES, years=3)
        assert consecutive_flag(["B", "B", "B"], GRADES, worst_allowed="B", years=3)


class TestQuotas:
    def test_ten_percent_of_twelve_is_one(self):
        grades = ["S", "A", "A", "B", "B", "B", "B", "B", "C", "C", "B", "D"]
        s_only, s_and_a = check_quotas(grades, DEMO_POLICY.quotas, GRADES)
        assert (s_only.count, s_only.allowed, s_only.ok) == (1, 1, True)  # floor(1.2) = 1
        assert (s_and_a.count, s_and_a.allowed, s_and_a.ok) == (3, 3, True)  # floor(3.6) = 3

    def test_over_quota(self):
        grades = ["S", "S", "A", "B", "B", "B", "B", "B", "B", "B"]
        s_only, s_and_a = check_quotas(grades, DEMO_POLICY.quotas, GRADES)
        assert not s_only.ok and s_only.allowed == 1  # 10% of 10 = 1, two S
        assert s_and_a.ok and s_and_a.allowed == 3  # 30% of 10 is exactly 3 (decimal)
        assert str(s_only) == "S: 2 of 10, at most 1 (10%) — over quota"

    def test_quota_labels(self):
        quota = Quota.parse("S + A", 30)
        assert quota.grades == ("S", "A") and quota.max_share == 0.3
        with pytest.raises(InputError, match="expected 0–100%"):
            Quota(("S",), 1.5)


class TestCoefficients:
    def test_demo_steps(self):
        table = DEMO_POLICY.coefficients
        assert [table.coefficient_for(g) for g in "SABCD"] == [1.5, 1.2, 1.0, 0.6, 0.0]

    def test_curve_with_veto_cap(self):
        table = CoefficientTable(curve=Curve(((60, 0.6), (100, 1.5)), below=0.0))
        # score 80 on the curve: 0.6 + 20 × (0.9 / 40) = 1.05
        assert table.coefficient_for("B", 80) == pytest.approx(1.05)
        # a vetoed A capped at C (0.6) never earns the curve's 1.05
        assert table.coefficient_for("C", 80, vetoed=True) == 0.6

    def test_better_grade_never_lower(self):
        with pytest.raises(InputError, match="above that of the better grade"):
            CoefficientTable((("S", 1.0), ("A", 1.2)))


class TestBonus:
    def test_full_year(self):
        # 1.2 × 600,000 × 12 / 12 = 720,000.00
        assert bonus_amount(1.2, 600_000) == Decimal("720000.00")

    def test_proration(self):
        # joined mid-year, 7 months: 1.2 × 640,000 × 7 / 12 = 448,000.00
        assert bonus_amount(1.2, 640_000, 7) == Decimal("448000.00")
        # 1.0 × 100,000 × 5 / 12 = 41,666.666… → 41,666.67 (half-up)
        assert bonus_amount(1.0, 100_000, 5) == Decimal("41666.67")

    def test_cap(self):
        assert bonus_amount(1.2, 640_000, 7, cap=350_000) == Decimal("350000.00")

    def test_half_up_on_the_shown_number(self):
        # 1000.005 as Excel shows it rounds to 1000.01 (the binary float is just below)
        assert bonus_amount(1, 1000.005) == Decimal("1000.01")

    def test_bad_inputs(self):
        with pytest.raises(InputError, match="months served is 13"):
            bonus_amount(1, 1000, 13)
        with pytest.raises(InputError, match="coefficient is -1"):
            bonus_amount(-1, 1000)

    def test_a_negative_cap_or_standard_is_an_error_not_a_negative_bonus(self):
        # min(bonus, cap) with a cap of -5 would pay -5.00: a cap is an amount, zero or more
        with pytest.raises(InputError, match="bonus cap is -5, expected zero or more"):
            bonus_amount(1, 100_000, 12, cap=-5)
        assert bonus_amount(1, 100_000, 12, cap=0) == Decimal("0.00")
        with pytest.raises(InputError, match="bonus standard is -100000, expected zero or"):
            over_achievement_extra(130, -100_000)

    def test_over_achievement_extra(self):
        # 112% of the long-term target: 12% × 900,000 = 108,000
        assert over_achievement_extra(112, 900_000) == Decimal("108000.00")
        # 180%: 80% × standard, capped at 50% → 450,000
        assert over_achievement_extra(180, 900_000) == Decimal("450000.00")
        assert over_achievement_extra(95, 900_000) == Decimal("0.00")

    def test_the_extra_reads_a_percentage_typed_with_a_percent_sign(self):
        # "110%" is 110% (10% × 100,000 = 10,000), as 110 is; it was "expected an amount"
        assert over_achievement_extra("110%", 100_000) == Decimal("10000.00")
        assert over_achievement_extra("１１０％", 100_000) == Decimal("10000.00")
        with pytest.raises(InputError, match='achievement % is "abc", expected a percentage'):
            over_achievement_extra("abc", 100_000)

    @pytest.mark.parametrize("typed", [110, 1.1, "110%", "110", " 110 % "])
    def test_an_executive_reads_the_long_term_achievement_as_the_workbook_and_xp_extra_do(
            self, typed):
        # 1.1 is a 110% cell; read as 1.1% it paid no extra. 10% × 100,000 = 10,000
        ex = Executive("E1", "A", 100_000, long_term_achievement=typed)
        assert ex.long_term_achievement == 110.0
        assert over_achievement_extra(ex.long_term_achievement, 100_000) == Decimal("10000.00")
        e001 = demo_inputs()[0]  # grade S, no veto: the extra is paid
        item = dataclasses.replace(e001, executive=dataclasses.replace(
            e001.executive, bonus_standard=100_000, long_term_achievement=typed))
        assert appraise(item).payout.extra == Decimal("10000.00")

    @pytest.mark.parametrize("blank", [None, "", "  "])
    def test_a_blank_long_term_achievement_is_none(self, blank):
        assert Executive("E1", "A", 1, long_term_achievement=blank).long_term_achievement is None

    def test_the_extra_is_withheld_in_a_year_paying_no_bonus_or_vetoed(self):
        # 115% on 450,000 earns 15% × 450,000 = 67,500 (the demo's E010)
        assert year_extra(115, 450_000, coefficient=0.6) == YearExtra(Decimal("67500.00"))
        assert year_extra(115, 450_000, coefficient=0.6, vetoed=True) == YearExtra(0, "veto")
        assert year_extra(115, 450_000, coefficient=0) == YearExtra(0, "no_bonus")  # D
        assert year_extra(115, 450_000) == YearExtra(Decimal("67500.00"))  # not known
        assert year_extra(95, 450_000, vetoed=True) == YearExtra(0)  # nothing earned to withhold
        assert [extra_withheld(0.6, True), extra_withheld(0, False), extra_withheld(0.6, False),
                extra_withheld(None, False)] == ["veto", "no_bonus", "", ""]
        paid_anyway = BonusRules(extra_withheld=False)
        assert extra_withheld(0, True, paid_anyway) == ""
        assert year_extra(115, 450_000, paid_anyway, coefficient=0,
                          vetoed=True) == YearExtra(Decimal("67500.00"))
        with pytest.raises(InputError, match='extra_withheld is "yes", expected true or'):
            BonusRules(extra_withheld="yes")

    def test_a_vetoed_executive_who_beat_the_long_term_target_gets_no_extra(self):
        import dataclasses

        from xlperf.demo import demo_inputs
        from xlperf.rules.appraisal import appraise

        e010 = demo_inputs()[9]  # 115% of the long-term target, one major safety accident
        assert e010.executive.long_term_achievement == 115
        vetoed = appraise(e010)
        assert vetoed.vetoes and vetoed.payout.extra == 0 and vetoed.extra_withheld == "veto"
        policy = dataclasses.replace(DEMO_POLICY, bonus=BonusRules(extra_withheld=False))
        assert appraise(e010, policy).payout.extra == Decimal("67500.00")

    def test_an_extra_rate_typed_as_a_percent_is_refused(self):
        # 50 meant 50%: read as 50 × the standard it would pay 50 times the standard
        with pytest.raises(InputError, match="over_achievement_rate is 50, expected a "
                                             "multiple of the standard such as 1, 1.5"):
            BonusRules(over_achievement_rate=50)

    @pytest.mark.parametrize("cap", [0.5, "50%", 50])
    def test_the_extra_cap_is_a_share_read_as_every_share_is(self, cap):
        # 0.5, "50%" and 50 are all 50% (inputs.share); above 100% is refused
        assert BonusRules(over_achievement_cap=cap).over_achievement_cap == 0.5
        with pytest.raises(InputError, match="over_achievement_cap is 150, expected a share "
                                             "from 0 to 100%"):
            BonusRules(over_achievement_cap=150)

    def test_quarterly_advance(self):
        # A quarter at coefficient 1.0: 1.0 × 600,000 × 3 / 12 × 50% = 75,000
        assert quarterly_advance(1.0, 600_000) == Decimal("75000.00")
        # rounded once: 100,000.02 / 4 × 50% = 12,500.0025 → 12,500.00 (rounding the
        # quarter's 25,000.005 to 25,000.01 first would give 12,500.01)
        assert quarterly_advance(1.0, Decimal("100000.02")) == Decimal("12500.00")

    def test_settlement_less_advances(self):
        # 720,000 − 3 × 75,000 = 495,000
        assert settlement(720_000, [75_000, 75_000, 75_000]) == Decimal("495000.00")
        # a D year after advances: 0 − 126,000 = −126,000 (to recover)
        assert settlement(0, [42_000] * 3) == Decimal("-126000.00")

    def test_deferred_amount_and_settlement_with_a_deferral(self):
        # 40% of 828,000 = 331,200; 828,000 − 331,200 − 3 × 75,000 = 271,800
        assert deferred_amount(828_000, 0.4) == Decimal("331200.00")
        assert settlement(828_000, [75_000] * 3, 0.4) == Decimal("271800.00")
        # 30% of 100,000.15 = 30,000.045 → 30,000.05 half-up (not 30,000.04); "30%" as typed
        assert deferred_amount(Decimal("100000.15"), "30%") == Decimal("30000.05")
        # 1/3 of 100,000.01 = 33,333.3366… → 33,333.34
        assert deferred_amount(Decimal("100000.01"), Decimal(1) / 3) == Decimal("33333.34")
        with pytest.raises(InputError, match="deferral share is 150, expected a share from 0"):
            deferred_amount(1, 150)  # 1.5 is 1.5%, as a whole percent (inputs.share)

    def test_payout_parts_add_up(self):
        pay = payout(Decimal("720000.00"), Decimal("108000.00"), [Decimal("75000")] * 3,
                     BonusRules(deferral_share=0.4))
        # total 828,000; deferred 40% = 331,200; due now 828,000 − 331,200 − 225,000
        assert pay.total == Decimal("828000.00")
        assert pay.deferred == Decimal("331200.00")
        assert pay.due_now == Decimal("271800.00")
        assert pay.bonus + pay.extra - pay.deferred - pay.advances == pay.due_now


def test_an_s_to_d_table_knows_its_grades_by_their_meanings():
    # 表-2 (domain §4): C is 基本称职; a table of other names knows only its own
    letters = ("S", "A", "B", "C", "D")
    assert grade_in("基本称职", letters) == "C" and grade_in(" 不称职 ", letters) == "D"
    assert grade_in("c", letters) == "C" and grade_in("良好", letters) is None
    assert grade_in("优秀", ("优秀", "良好", "合格", "不合格")) == "优秀"
    assert grade_in("基本称职", ("优秀", "良好", "合格", "不合格")) is None
    assert GradeTable((("S", 95), ("A", 85), ("B", 75), ("C", 60), ("D", 0))).known(
        "卓越") == "S"
