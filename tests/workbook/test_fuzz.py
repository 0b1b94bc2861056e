"""Any cell of the demo typed over with anything: the reader lists problems at their cells and
never loses an executive silently, never a traceback (the brief's bad-input rule, fuzzed).

Each example changes one to three cells of the input sheets, Config or the Executives
header (a formula column included, as a user may type over a formula) to a value drawn from
what a spreadsheet can hold: text, numbers of any size, dates, booleans, blanks, formulas
(openpyxl writes ``=…`` as a formula without a cached value), error-looking text.
"""

from __future__ import annotations

import datetime as dt
import warnings

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xlperf.errors import InputError, InputErrors
from xlperf.workbook import layout as L
from xlperf.workbook import read_workbook

from .conftest import input_cells

ODD_TEXTS = ["#N/A", "#DIV/0!", "=1+1", "=A1", "abc", "", " ", "40%", "1e308", "-0", "２０",
             "<b>x</b>", "E001", "D", "superior", "ratio", "TRUE", "2026-13-45", "¥1,000"]

cell_values = st.one_of(
    st.none(),
    st.sampled_from(ODD_TEXTS),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),  # storable text
    st.integers(min_value=-10**15, max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
)


def _editable_cells(wb) -> list[tuple[str, str]]:
    """Every data cell of the input sheets, Config's values and the Executives header."""
    header = [(L.EXECUTIVES, c) for c in (L.COMPANY_CELL, L.YEAR_CELL, L.PAY_DATE_CELL)]
    return header + input_cells(wb)


@pytest.fixture(scope="module")
def demo_copy(demo_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(demo_path)
    return wb, _editable_cells(wb)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_edit_is_read_without_a_traceback_and_loses_no_one_silently(demo_copy, tmp_path,
                                                                        data):
    wb, cells = demo_copy
    edits = data.draw(st.lists(st.tuples(st.sampled_from(cells), cell_values),
                               min_size=1, max_size=3), label="edits")
    saved = {where: wb[where[0]][where[1]].value for where, _ in edits}
    try:
        for (sheet, cell), value in edits:
            wb[sheet][cell].value = value
        path = tmp_path / "fuzzed.xlsx"
        wb.save(path)
    finally:
        for (sheet, cell), value in saved.items():
            wb[sheet][cell].value = value
    try:
        book = read_workbook(path)
    except (InputError, InputErrors) as error:  # the layout itself broken: said in words
        assert str(error).strip()
        return
    for problem in book.errors:
        assert problem.message.strip() and problem.sheet and problem.cell, problem
    reported = {s.appraisal.executive.id for s in book.statements}
    blamed = {p.executive for p in book.errors}
    for ex_id in (f"E{i:03d}" for i in range(1, 13)):
        assert ex_id in reported or ex_id in blamed or "" in blamed, (ex_id, edits)
