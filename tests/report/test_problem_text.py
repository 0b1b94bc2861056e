"""Problems in Chinese for the summary: a cell of the wrong kind or left blank, named by its
column's Chinese header; anything else keeps the English wording of errors.csv."""

from __future__ import annotations

import pytest

from xlperf.errors import InputError, Problem
from xlperf.report.problem_text import KINDS, problem_text
from xlperf.rules import inputs
from xlperf.workbook.layout import column_label


def located(message: str, sheet: str = "Indicators", cell: str = "F12") -> Problem:
    return Problem(message, sheet, cell, "E001")


def test_a_wrong_kind_of_value_is_said_in_chinese_at_its_column():
    text = problem_text(located('weight is "abc", expected a number'),
                        column_label("Indicators", "F12"))
    assert text.zh == 'Indicators!F12（权重）：填写为 "abc"，应为数字'
    assert text.en == 'Indicators!F12: weight is "abc", expected a number'


def test_a_blank_required_cell():
    text = problem_text(located("name is empty", "Executives", "B6"),
                        column_label("Executives", "B6"))
    assert text.zh == "Executives!B6（姓名）：未填写"


@pytest.mark.parametrize(("problem", "why"), [
    (located("weights add to 95%, expected 100% (35%, 30%, 10%, 20%)"), "another wording"),
    (located('weight is "abc", expected a number', "Config", "B9"), "not an input table"),
    (located('weight is "abc", expected a number', "Indicators", "F2"), "above the table"),
    (located('weight is "abc", expected a number', "Indicators", "F5:F9"), "a range"),
    (located('weight is "abc", expected a number', "Indicators", "ZZ5"), "beyond the table"),
])
def test_anything_else_keeps_the_english_text_in_both(problem, why):
    text = problem_text(problem, column_label(problem.sheet, problem.cell))
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
    text = problem_text(located(caught.value.message), "权重")
    assert text.zh != text.en and text.zh.startswith("Indicators!F12（权重）："), text.en


def test_the_table_has_no_wording_the_core_does_not_use():
    messages = []
    for check, value in ((inputs.number, "abc"), (inputs.number, float("inf")),
                         (inputs.decimal, "12x"), (inputs.count, 1.5),
                         (inputs.non_negative, -1), (inputs.done, "maybe"),
                         (inputs.share, 150), (inputs.year, 1800)):
        with pytest.raises(InputError) as caught:
            check(value, "weight")
        messages.append(caught.value.message)
    assert all(any(m.endswith(kind) for m in messages) for kind in KINDS)
