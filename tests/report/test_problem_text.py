"""Problems in Chinese for the summary: a cell of the wrong kind or left blank, named by its
column's Chinese header; anything else keeps the English wording of errors.csv."""

from __future__ import annotations

import pytest

from xlperf.errors import InputError, Problem
from xlperf.report.problem_text import KINDS, in_chinese, problem_text
from xlperf.rules import inputs
from xlperf.workbook.layout import column_label


def located(message: str, sheet: str = "Indicators", cell: str = "F12") -> Problem:
    return Problem(message, sheet, cell, "E001")


def test_a_wrong_kind_of_value_is_said_in_chinese_at_its_column():
    text = problem_text(located('weight is "abc", expected a number'))
    assert text.zh == 'Indicators!F12（权重）：填写为 "abc"，应为数字'
    assert text.en == 'Indicators!F12: weight is "abc", expected a number'


def test_a_blank_required_cell():
    text = problem_text(located("name is empty", "Executives", "B6"))
    assert text.zh == "Executives!B6（姓名）：未填写"


@pytest.mark.parametrize(("problem", "why"), [
    (located("veto applies only to zero_tolerance indicators"), "another wording"),
    (located('weight is "abc", expected a number', "Config", "B9"), "not an input table"),
    (located('weight is "abc", expected a number', "Indicators", "F2"), "above the table"),
    (located('weight is "abc", expected a number', "Indicators", "F5:G9"), "two columns"),
    (located('weight is "abc", expected a number', "Indicators", "ZZ5"), "beyond the table"),
])
def test_anything_else_keeps_the_english_text_in_both(problem, why):
    text = problem_text(problem)
    assert text.zh == text.en == str(problem), why


@pytest.mark.parametrize(("check", "value"), [
    (inputs.number, "abc"), (inputs.number, float("inf")), (inputs.decimal, "12x"),
    (inputs.count, 1.5), (inputs.non_negative, -1), (inputs.done, "maybe"),
    (inputs.share, 150), (inputs.year, 1800), (inputs.text, "  "),
])
def test_every_kind_the_core_words_is_known(check, value):
    """The table follows the core's own messages: each checker's error reads in Chinese."""
    with pytest.raises(InputError) as caught:
        check(value, "weight")
    text = problem_text(located(caught.value.message))
    assert text.zh != text.en and text.zh.startswith("Indicators!F12（权重）："), text.en


def test_the_table_has_no_wording_the_core_does_not_use():
    from xlperf.rules.composite import weight_value

    messages = []
    for check, value in ((inputs.number, "abc"), (inputs.number, float("inf")),
                         (inputs.decimal, "12x"), (inputs.count, 1.5),
                         (inputs.non_negative, -1), (inputs.done, "maybe"),
                         (inputs.share, 150), (inputs.year, 1800), (inputs.amount, 1e300),
                         (inputs.count, 1e300), (weight_value, 1e308)):
        with pytest.raises(InputError) as caught:
            check(value, "weight")
        messages.append(caught.value.message)
    from xlperf.model import Indicator
    from xlperf.workbook.rows import _veto  # the reader's own check of a Veto cell

    messages.append(core_message(lambda: Indicator("x", 1, 1, 1, "ratio", "c", "nope")))
    messages.append(core_message(_veto, "maybe"))
    from xlperf.rules.china.csrc import regime_name
    from xlperf.rules.democratic import group_name
    from xlperf.rules.incentives.dates import as_date
    from xlperf.workbook import grants, plans

    messages += [core_message(as_date, "abc"), core_message(as_date, None),
                 core_message(as_date, 5),
                 core_message(plans._positive("plan shares"), 0),
                 core_message(plans._market_price("previous close"), 0),
                 core_message(group_name, "boss"), core_message(plans._instrument, "x"),
                 core_message(regime_name, "x"), core_message(plans._flag, "x"),
                 core_message(grants._word, "x", "dividends"),
                 core_message(grants._schedule, 150)]
    assert all(any(m.endswith(kind) for m in messages) for kind in KINDS)


def core_message(check, *args) -> str:
    with pytest.raises(InputError) as caught:
        check(*args)
    return caught.value.message


def test_weights_not_adding_to_100_name_whose_weights_they_are():
    from xlperf.rules.composite import checked_weights
    from xlperf.rules.okr import KeyResult, Objective

    business = core_message(checked_weights, [25, 10, 60], "business indicator weights")
    text = problem_text(located(business, "Indicators", "F5:F7"))
    assert text.zh == ("Indicators!F5:F7（权重）：企业经营业绩指标权重合计为 95%，应为 100%"
                       "（25%, 10%, 60%）")
    okr = core_message(lambda: Objective("上市 Launch", (KeyResult("a", 0.5, 0.8),
                                                       KeyResult("b", 0.3, 0.6))).score)
    text = problem_text(located(okr, "OKR", "F5:F6"))
    assert text.zh.startswith("OKR!F5:F6（关键结果权重）：目标“上市 Launch”的关键结果权重合计为 ")


def test_a_value_not_in_the_list_or_out_of_range():
    from xlperf.policy import DEMO_POLICY

    grade = core_message(DEMO_POLICY.grades.known, "Q", "grade")
    assert problem_text(located(grade, "History", "C5")).zh == (
        'History!C5（等级）：填写为 "Q"，应为以下之一：S, A, B, C, D')
    months = core_message(inputs.months_served, 15)
    assert problem_text(located(months, "Executives", "G8")).zh == (
        "Executives!G8（任职月数）：填写为 15，应在 0 到 12 之间")
    months = core_message(inputs.months_served, "十二")
    assert problem_text(located(months, "Executives", "G8")).zh == (
        'Executives!G8（任职月数）：填写为 "十二"，应在 0 到 12 之间')
    huge = core_message(inputs.amount, 1.5e300, "bonus standard")
    assert problem_text(located(huge, "Executives", "F5")).zh.endswith(
        "填写为 1.5e+300，应为不超过 10^15 的金额")
    typed = core_message(inputs.number, "1e400", "months served")
    assert problem_text(located(typed, "Executives", "G8")).zh == (
        'Executives!G8（任职月数）：填写为 "1e400"，数值过大')
    typed = core_message(inputs.number, "-1e400", "months served")
    assert problem_text(located(typed, "Executives", "G8")).zh.endswith("负数值过大")


def test_an_empty_part_and_mixed_weights_are_said_in_chinese():
    from xlperf.rules.composite import checked_weights

    part = "part is empty, expected business or individual"
    assert problem_text(located(part, "Indicators", "B5")).zh == (
        "Indicators!B5（部分）：未填写，应为 business（企业经营业绩）或 individual（个人业绩）")
    mixed = core_message(checked_weights, [30, 0.3, 0.4], "business indicator weights")
    assert problem_text(located(mixed, "Indicators", "F5:F7")).zh == (
        "Indicators!F5:F7（权重）：企业经营业绩指标权重有两种写法：weight 1 = 30 像百分数（30），"
        "其余像小数（0.3 即 30%）；请统一一种写法（30, 0.3, 0.4）")
    # as the reader words it: at the part's own cells, the odd one named by its cell
    said = mixed.replace("weight 1 = ", "F5 = ")
    assert problem_text(located(said, "Indicators", "F5, F9:F10")).zh == (
        "Indicators!F5, F9:F10（权重）：企业经营业绩指标权重有两种写法：F5 = 30 像百分数（30），"
        "其余像小数（0.3 即 30%）；请统一一种写法（30, 0.3, 0.4）")


def test_a_range_over_several_columns_has_no_one_column():
    assert column_label("Indicators", "F5:F9") == "权重"
    assert column_label("Indicators", "F5:G9") is None


@pytest.mark.parametrize(("message", "cell", "zh"), [
    ("target is empty: method ratio needs a non-zero target", "G24",
     "Indicators!G24（目标值）：未填写，ratio 方法需要非零的目标值"),
    ("target is 0: a ratio needs a non-zero target", "G24",
     "Indicators!G24（目标值）：填写为 0，ratio 方法需要非零的目标值"),
    ("target is 0: method curve needs a non-zero target, or a blank one to read the actual "
     "as the achievement %", "G24",
     "Indicators!G24（目标值）：填写为 0，curve 方法需要非零的目标值，或留空（实际值即完成率）"),
    ("target is empty and actual 58627.4 is not an achievement % (at most 1000%): fill in "
     "the target", "G5", "Indicators!G5（目标值）：未填写；无目标值时实际值即完成率，而 58627.4 "
     "不是完成率（最高 1000%），请填写目标值"),
    ('method is "foo", expected one from the list: ratio, band', "I25",
     'Indicators!I25（评分方法）：填写为 "foo"，应为下拉列表中的一项：ratio, band'),
    ('category is "misc", expected one from CategoryList on Config: financial, risk', "C44",
     'Indicators!C44（类别）：填写为 "misc"，应为 Config 表 CategoryList 中的一项：financial, '
     "risk"),
    ("executive E006 is not on the Executives sheet (rows 96–114, 19 rows)", "A96",
     "Indicators!A96（编号）：高管 E006 不在 Executives 表中（第 96–114 行，共 19 行）"),
    ("executive E006 is not on the Executives sheet", "A96",
     "Indicators!A96（编号）：高管 E006 不在 Executives 表中"),
])
def test_targets_lists_and_ids_are_said_in_chinese(message, cell, zh):
    assert problem_text(located(message, "Indicators", cell)).zh == zh


def test_a_repeated_id_is_said_in_chinese():
    text = problem_text(located("executive id E005 is listed twice (also row 9)", "Executives",
                                "A10"))
    assert text.zh == "Executives!A10（编号）：高管编号 E005 重复（另见第 9 行）"


def test_a_veto_a_year_a_key_result_count_and_missing_rows_are_said_in_chinese():
    """The errors.csv lines an HR analyst's typed company showed with message_zh blank."""
    veto = located('veto is "abc", expected TRUE or FALSE (blank: no veto)', "Indicators",
                   "M25")
    assert in_chinese(veto) == '一票否决：填写为 "abc"，应为 TRUE 或 FALSE（留空即无一票否决）'
    year = core_message(inputs.year, "2025年", "appraisal year")
    assert year == 'appraisal year is "2025年", expected a year such as 2026'
    assert in_chinese(located(year, "Executives", "D2")) == (
        '年度：填写为 "2025年"，应为年份（如 2026）')
    okr = "objective 降本增效 has 1 key result(s), expected 2 to 5"
    assert in_chinese(located(okr, "OKR", "B7")) == (
        "目标：目标“降本增效”有 1 个关键结果，应为 2 到 5 个")
    missing = ("no business indicators: the business part needs at least one (no Indicators "
               "rows with the ID E004)")
    assert in_chinese(located(missing, "Executives", "A8")) == (
        "编号：没有企业经营业绩指标：经营业绩部分至少需要一项（Indicators 表中没有编号为 E004 "
        "的行）")
    raters = "no 360 rater group has 3 or more raters (no Ratings360 rows with the ID E004)"
    assert in_chinese(located(raters, "Executives", "A8")).startswith(
        "编号：360 测评没有一组评价人达到 3 人（")
