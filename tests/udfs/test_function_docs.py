"""docs/functions.md is generated from the functions and stays current; the catalog's
signatures (names and argument order are the public interface) are fixed here."""

import pytest

import xlperf.udfs as xp
from xlperf.function_docs import DOC_PATH, formula, main, render, signature
from xlperf.udfs.registry import function_info

CATALOG = [
    'XP_SCORE(actual, target, [method="ratio"], [floor], [cap], [table])',
    "XP_CURVE(achievement, points)",
    "XP_BAND(value, bands)",
    "XP_DEDUCT(incidents, [per_incident=50])",
    "XP_WEIGHTED(scores, weights, [cap])",
    "XP_360(ratings, groups, [group_weights])",
    "XP_DUTY(panel_scores)",
    "XP_ANNUAL(business, individual, duty_report, democratic, [weights])",
    "XP_OKR(kr_scores, kr_weights, [objectives], [objective_weights])",
    "XP_TERM(annual_scores, [weights])",
    'XP_GRADE(score, [grade_table], [veto], [veto_cap="C"])',
    'XP_CONSEC(grades, [worst_allowed="C"], [years=2], [grade_table])',
    "XP_QUOTA(grades, [quotas], [grade_table])",
    "XP_COEF(grade, [coef_table])",
    "XP_BONUS(coefficient, standard, [months=12], [cap])",
    "XP_EXTRA(achievement, standard, [rate=1], [cap_share=0.5], [coefficient], [veto=FALSE])",
    "XP_ADVANCE(coefficient, standard, [advance_rate=0.5])",
    "XP_DEFER(annual_bonus, [deferral_share=0], [soe=FALSE])",
    "XP_SETTLE(annual_bonus, advances, [deferral_share=0], [soe=FALSE])",
    ('XP_OPTION_BS(spot, strike, years, rate, volatility, [dividend_yield=0], '
     '[option_type="call"])'),
    'XP_INTRINSIC(price, strike, [option_type="call"], [quantity])',
    "XP_VESTED(grant_date, as_of, schedule, [leaving_date])",
    "XP_VESTED_QTY(quantity, grant_date, as_of, schedule, [leaving_date], [conditions])",
    'XP_VESTING_TABLE(grant_date, quantity, schedule, [by="calendar"])',
    "XP_RS_VALUE(price, grant_price, quantity, [dividends_per_share])",
    "XP_PERF_PAYOUT(achievement, [curve])",
    "XP_PERF_SHARES(target, achievement, [curve])",
    "XP_PERF_UNITS(units, unit_value, achievement, [curve])",
    "XP_SAR(price, exercise_price, quantity, [cap_per_unit])",
    "XP_PHANTOM(units, price, [base_price], [dividends_per_unit])",
    'XP_DEFERRED(amount, [schedule="equal 3"])',
    'XP_LTI_RECOMMEND(stage, [lang="en"])',
    "XP_CN_BONUS_TAX(bonus, [pay_date])",
    "XP_CN_BONUS_NET(bonus, [pay_date])",
    'XP_CN_BONUS_TRAP(bonus, [pay_date], [show="row"])',
    "XP_CN_EQUITY_TAX(income, [earlier_income], [pay_date])",
    ("XP_CN_RS_INCOME(registration_price, unlock_price, shares_unlocked, total_paid, "
     "shares_granted)"),
    "XP_CN_OPTION_INCOME(market_price, exercise_price, shares)",
    "XP_NET_PAY(gross, tax)",
    ('XP_CSRC_FLOOR(instrument, previous_day_average, period_average, [regime="csrc"], '
     '[previous_close], [average_close_30])'),
    ('XP_CSRC_CHECK(instrument, grant_price, tranches, share_capital, [previous_day_average], '
     '[period_average], [participants], [plan_shares], [other_plan_shares], [regime="csrc"], '
     '[previous_close], [average_close_30], [period_days=20], [par_value=1], [announce_date])'),
    ("XP_SOE_CHECK(base_salary, performance_salary, grade, [years], [term_incentive], "
     "[term_grade], [paid_now], [deferral_share=0.4], [grade_table])"),
]


def test_signatures_follow_the_catalog():
    assert [signature(function_info(getattr(xp, n))) for n in xp.__all__] == CATALOG


def test_reference_is_current():
    assert DOC_PATH.read_text(encoding="utf-8") == render(), (
        "docs/functions.md is stale: run python -m xlperf.function_docs --write")
    assert main(["--check"]) == 0


def test_check_fails_on_a_stale_file(tmp_path, capsys):
    stale = tmp_path / "functions.md"
    stale.write_text("old\n", encoding="utf-8")
    assert main(["--check", "--path", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["--write", "--path", str(stale)]) == 0
    assert main(["--check", "--path", str(stale)]) == 0


@pytest.mark.parametrize("name", xp.__all__)
def test_every_function_is_documented_with_a_working_example(name):
    info = function_info(getattr(xp, name))
    text = render()
    assert f"### {name}" in text and info.summary in text
    assert all(a.help in text for a in info.arguments)
    assert info.examples, f"{name} needs an example"
    working = [args for args in info.examples
               if not str(getattr(xp, name)(*args)).startswith("#XP!")]
    assert working, f"{name} needs an example that does not fail"


def test_formulas_are_written_as_excel_reads_them():
    assert formula("XP_SCORE", (105, 100, "curve")) == '=XP_SCORE(105, 100, "curve")'
    assert formula("XP_SCORE", (2, None, "zero_tolerance")) == '=XP_SCORE(2, , "zero_tolerance")'
    assert formula("XP_GRADE", (96, None, True, None)) == "=XP_GRADE(96, , TRUE)"
    assert formula("XP_CURVE", ([[1.05], [""]], [[80, 50], [100, 100]])) == (
        '=XP_CURVE({1.05;""}, {80,50;100,100})')
    assert formula("XP_COEF", ('say "hi"',)) == '=XP_COEF("say ""hi""")'


@pytest.mark.parametrize("name", xp.__all__)
def test_descriptions_say_what_comes_back_in_plain_words(name):
    # "Ranges in, a column out" was shorthand; the wizard now says "one result per row"
    summary = function_info(getattr(xp, name)).summary
    assert "column out" not in summary and "Ranges in" not in summary
