"""Central-SOE executive pay: the 2 × base cap, the 30% term cap, deferral, failed grades."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest

from xlperf.errors import InputError
from xlperf.rules.china import soe
from xlperf.rules.china.soe import SoePayRules, SoeTermPay, SoeYearPay

# A compliant three-year term: base 600,000 a year; performance at most 2 × 600,000 =
# 1,200,000 and 60% paid at the year's close (40% deferred). Total annual pay:
# (600,000 + 1,200,000) + (600,000 + 900,000) + (600,000 + 1,000,000) = 4,900,000,
# so the term incentive may be up to 30% = 1,470,000.
YEARS = (
    SoeYearPay(2023, 600_000, 1_200_000, "A", paid_now=720_000),  # 60% of 1,200,000
    SoeYearPay(2024, 600_000, 900_000, "B", paid_now=540_000),    # 60% of 900,000
    SoeYearPay(2025, 600_000, 1_000_000, "B"),                    # not yet paid
)
TERM = SoeTermPay(YEARS, term_incentive=D(1_470_000), term_grade="称职", name="王建国")


def test_the_compliant_term_breaks_nothing():
    result = soe.check_term(TERM)
    assert result.ok and result.breaches == ()
    assert TERM.total_annual_pay == D(4_900_000)
    assert result.term_incentive_cap == D("1470000.00")
    assert result.performance_caps == (D("1200000.00"),) * 3  # 2 × 600,000 each year


def year(i: int, **changes) -> SoeTermPay:
    years = list(YEARS)
    years[i] = dataclasses.replace(years[i], **changes)
    return dataclasses.replace(TERM, years=tuple(years))


@pytest.mark.parametrize(("rule", "term"), [
    # 2024: 1,200,000.01 > 2 × 600,000 (the term total counts 2024 at its cap 1,200,000:
    # 5,200,000, so the incentive cap 1,560,000.00 still holds)
    ("soe.performance_cap", year(1, performance_salary=D("1200000.01"))),
    # 2024 graded D (不称职) but paid 900,000
    ("soe.failed_grade", year(1, grade="D")),
    # 2023: 720,000.01 paid now > 60% of 1,200,000
    ("soe.deferral", year(0, paid_now=D("720000.01"))),
    # 1,470,000.01 > 30% × 4,900,000
    ("soe.term_incentive_cap", dataclasses.replace(TERM, term_incentive=D("1470000.01"))),
    # a failed term grade earns no term incentive
    ("soe.failed_term_grade", dataclasses.replace(TERM, term_grade="不胜任")),
])
def test_each_breach_is_named_once(rule, term):
    assert [b.rule for b in soe.check_term(term).breaches] == [rule]


def test_cap_breach_message():
    term = year(0, performance_salary=D(1_300_000), paid_now=None)
    [breach] = soe.check_term(term).breaches
    assert breach.message == ("2023: the performance salary (绩效年薪) 1,300,000.00 is more than "
                              "2 × the base salary (基本年薪) 600,000.00 = 1,200,000.00.")
    assert breach.source.title == "中央管理企业负责人薪酬制度改革方案"
    assert (breach.subject, breach.actual, breach.limit) == ("2023", D(1_300_000), D(1_200_000))


def test_every_breach_of_a_bad_term_is_listed_year_by_year():
    term = SoeTermPay((
        SoeYearPay(2023, 600_000, 1_300_000, "A", paid_now=1_000_000),
        SoeYearPay(2024, 600_000, 100_000, "D"),
    ), term_incentive=2_000_000, term_grade="D")
    assert [(b.subject, b.rule) for b in soe.check_term(term).breaches] == [
        ("2023", "soe.performance_cap"), ("2023", "soe.deferral"), ("2024", "soe.failed_grade"),
        ("term", "soe.term_incentive_cap"), ("term", "soe.failed_term_grade")]


def test_caps_and_split_scalars():
    assert soe.performance_salary_cap(600_000, on="2025-12-31") == D("1200000.00")
    assert soe.term_incentive_cap(4_900_000, on="2025-12-31") == D("1470000.00")
    # 40% of 1,000,000.01 = 400,000.004 → 400,000.00 deferred; the rest paid now
    split = soe.split_performance_salary("1000000.01")
    assert (split.paid_now, split.deferred) == (D("600000.01"), D("400000.00"))


def test_company_settings_change_deferral_failed_grades_and_caps():
    rules = SoePayRules(deferral_share="50%", failed_grades=("C", "D"),
                        performance_cap_multiple=D("1.5"), term_incentive_cap_share=20)
    assert rules.deferral_share == D("0.5") and rules.term_incentive_cap_share == D("0.2")
    assert soe.split_performance_salary(900_000, rules).paid_now == D("450000.00")
    assert soe.performance_salary_cap(600_000, rules, on="2025-12-31") == D("900000.00")
    assert rules.failed("c") and not rules.failed("B") and not rules.failed(None)
    found = [b.rule for b in soe.check_term(TERM, rules).breaches]
    # 2023 1,200,000 > 900,000; 2023 paid 720,000 > 600,000; 2024 paid 540,000 > 450,000;
    # 2025 1,000,000 > 900,000; term 1,470,000 > 20% of 4,900,000 = 980,000
    assert found == ["soe.performance_cap", "soe.deferral", "soe.deferral",
                     "soe.performance_cap", "soe.term_incentive_cap"]


def test_settings_round_trip_through_a_mapping():
    rules = SoePayRules(deferral_share=D("0.5"), failed_grades=("D", "不称职"))
    assert SoePayRules.from_mapping(rules.to_mapping()) == rules
    with pytest.raises(InputError, match="unknown key\\(s\\) deferal_share"):
        SoePayRules.from_mapping({"deferal_share": 0.4})


def test_a_year_before_the_reform_is_a_clear_error():
    term = SoeTermPay((SoeYearPay(2014, 600_000, 900_000, "B"),))
    with pytest.raises(InputError, match="no central-SOE executive pay rule .* applies on "
                                         "2014-12-31"):
        soe.check_term(term)


@pytest.mark.parametrize(("build", "words"), [
    (lambda: SoeYearPay(2025, -1, 0, "A"), "base salary .* expected zero or more"),
    (lambda: SoeYearPay(0, 1, 1, "A"), "year is 0, expected a year such as 2026"),
    (lambda: SoeYearPay(99999, 1, 1, "A"), "year is 99999, expected a year such as 2026"),
    (lambda: SoeYearPay(2025, 1, 10, ""), "annual grade is empty"),
    (lambda: SoeTermPay(()), "a term needs at least one year"),
    (lambda: SoeTermPay(YEARS[:1] * 2), "the term lists a year twice"),
    (lambda: SoePayRules(deferral_share=150), "expected a share from 0 to 100%"),
    (lambda: SoePayRules(failed_grades=()), "give at least one failed grade"),
])
def test_bad_input_is_an_input_error(build, words):
    with pytest.raises(InputError, match=words):
        build()


# The same term seen from its last year's appraisal: 2023 and 2024 are known, 2025's base
# salary is given and its performance salary and grade come from the appraisal.
SO_FAR = soe.SoePayInput(D(600_000), YEARS[:2], term_incentive=D(1_470_000),
                         term_grade="称职")


def test_the_appraisal_year_completes_the_term_as_given_in_full():
    assert SO_FAR.check(2025, D(1_000_000), "B") == soe.check_term(
        dataclasses.replace(TERM, name=""))


def test_the_appraised_payout_above_twice_the_base_is_a_breach():
    # 1,250,000 > 2 × 600,000; the term pay counts 2025 at its cap 1,200,000: 5,100,000,
    # 30% = 1,530,000 ≥ 1,470,000
    result = SO_FAR.check(2025, D(1_250_000), "A")
    assert [(b.rule, b.subject, b.actual, b.limit) for b in result.breaches] == [
        ("soe.performance_cap", "2025", D("1250000.00"), D("1200000.00"))]


def test_a_failed_appraisal_with_a_payout_is_a_breach():
    # and the term pay falls to 1,800,000 + 1,500,000 + 700,000 = 4,000,000: 30% = 1,200,000
    result = SO_FAR.check(2025, D(100_000), "D")
    assert [(b.rule, b.limit) for b in result.breaches] == [
        ("soe.failed_grade", D(0)), ("soe.term_incentive_cap", D("1200000.00"))]


def test_paid_now_above_the_whole_payout_is_a_deferral_breach_before_the_terms():
    # paid 700,000 now of a 600,000 payout: at most 60% = 360,000 may be paid now; the term
    # incentive 1,470,000 is above 30% × (1,800,000 + 1,500,000 + 1,200,000) = 1,350,000
    so_far = dataclasses.replace(SO_FAR, paid_now=D(700_000))
    result = so_far.check(2025, D(600_000), "B")
    assert [(b.rule, b.limit) for b in result.breaches] == [
        ("soe.deferral", D("360000.00")), ("soe.term_incentive_cap", D("1350000.00"))]
    assert result.breaches[0].message == (
        "2025: 700,000.00 is entered as paid at the year's close, more than the year's whole "
        "performance salary 600,000.00; at most 360,000.00 may be paid now (40% deferred to "
        "the end of the term, 延期兑现).")


def test_grades_are_read_as_the_grade_table_reads_them():
    from xlperf.policy import DEMO_POLICY, Policy
    from xlperf.rules.china.soe import SoePayRules
    from xlperf.rules.grades import GradeTable
    rules = SoePayRules()
    assert rules.failed("Ｄ") and rules.failed(" d ") and not rules.failed("Ａ")
    assert not rules.failed(None) and not rules.failed("")
    with pytest.raises(InputError, match='grade is "X", not a grade xlperf knows'):
        rules.failed("X")
    # a policy's own grade names are known to its SOE rules (the worst still passes unless
    # listed among the failed grades)
    assert DEMO_POLICY.soe.failed("D")
    table = GradeTable((("EXCELLENT", 90), ("GOOD", 70), ("POOR", 0)))
    custom = Policy(grades=table, coefficients=DEMO_POLICY.coefficients.__class__(
        (("EXCELLENT", 1.5), ("GOOD", 1.0), ("POOR", 0.0))), veto_cap="GOOD",
        consecutive_worst="POOR", quotas=())
    assert custom.soe.failed("good") is False
    assert SoePayRules.from_mapping(custom.soe.to_mapping()) == custom.soe


@pytest.mark.parametrize(("company", "deferred"), [
    (0, D("0.40")),        # the company defers nothing: the SOE 40% applies
    ("40%", D("0.40")),    # the same share either way
    (0.5, D("0.5")),       # a company deferring 50% keeps its larger share
    (30, D("0.40")),       # 30 typed as a whole percent: 30% < 40%
])
def test_an_executive_under_the_soe_rules_defers_the_larger_share(company, deferred):
    assert soe.soe_deferral_share(company) == deferred
    assert soe.soe_deferral_share(company, SoePayRules(deferral_share=0.45)) == max(
        deferred, D("0.45"))


@pytest.mark.parametrize(("earlier", "year", "term_years", "end"), [
    ((2025,), 2026, 3, 2027),        # term 2025–2027: paid after 2027
    ((2024, 2025), 2026, 3, 2026),   # the term ends with the appraisal year
    ((), 2026, 3, 2028),             # the term's first year
    ((2022, 2023), 2026, 3, 2026),   # rows older than a term: never before the year
    ((2025,), 2026, 5, 2029),        # a company's 5-year term
])
def test_the_term_ends_its_length_after_its_first_year(earlier, year, term_years, end):
    given = soe.SoePayInput(D(500_000), tuple(SoeYearPay(y, 500_000, 600_000, "A")
                                              for y in earlier))
    assert given.term_end(year, SoePayRules(term_years=term_years)) == end


def test_a_term_of_no_years_is_refused():
    with pytest.raises(InputError, match="^term years is 0, expected 1 or more$"):
        SoePayRules(term_years=0)


def test_the_terms_end_releases_each_years_deferred_part_and_the_term_incentive():
    # the demo's president: term 2024–2026, appraised A. Deferred: 2024 1,180,000 − 708,000
    # = 472,000; 2025 1,350,000 − 810,000 = 540,000; 2026 1,458,000 − 874,800 (60% paid
    # at the close) = 583,200; with the term incentive 1,000,000: 2,595,200 in all
    president = soe.SoePayInput(D(700_000), (
        SoeYearPay(2024, 680_000, 1_180_000, "A", D(708_000)),
        SoeYearPay(2025, 700_000, 1_350_000, "S", D(810_000))),
        term_incentive=D(1_000_000), term_grade="A")
    check = president.check(2026, D(1_458_000), "S", paid_in_year=D(874_800))
    release = soe.term_release(check, president.term_end(2026))
    assert release.term_end == 2026
    assert release.deferred == ((2024, D("472000.00")), (2025, D("540000.00")),
                                (2026, D("583200.00")))
    assert release.total == D("2595200.00")
    # a failed term grade releases no term incentive; a year without its paid-at-the-close
    # has no deferred part xlperf could know
    failed = dataclasses.replace(president, term_grade="不称职", earlier_years=(
        SoeYearPay(2024, 680_000, 1_180_000, "A"), president.earlier_years[1]))
    release = soe.term_release(failed.check(2026, D(1_458_000), "S",
                                            paid_in_year=D(874_800)), 2026)
    assert release.term_incentive == 0
    assert release.deferred == ((2025, D("540000.00")), (2026, D("583200.00")))


def test_a_year_above_its_cap_does_not_raise_the_term_incentive_cap():
    # 2025 paid 2,000,000 of performance salary on a 600,000 base: a breach of its own
    # (cap 1,200,000). The term's total annual pay counts it at 1,200,000:
    # 1,800,000 + 1,500,000 + 1,800,000 = 5,100,000, so the term incentive may be at most
    # 30% = 1,530,000 (not 30% × 5,900,000 = 1,770,000): 1,600,000 is a second breach.
    term = dataclasses.replace(year(2, performance_salary=D(2_000_000)),
                               term_incentive=D(1_600_000))
    result = soe.check_term(term)
    assert [(b.rule, b.limit) for b in result.breaches] == [
        ("soe.performance_cap", D("1200000.00")), ("soe.term_incentive_cap", D("1530000.00"))]
    assert result.term_incentive_cap == D("1530000.00")
    assert "5,100,000.00, each year's performance salary counted at most at its cap = " \
           "1,530,000.00" in result.breaches[1].message
