"""Level 2: the XP_ functions through xlwings' own conversion pipeline.

Each call goes the way desktop Excel's does (``xlwings.udfs.call_udf``): the values COM hands
over (a cell's value; a range as a tuple of row tuples; error cells as pywin32's integer
codes; dates as datetimes) pass through ``xlwings.conversion.read`` with the options each
function declared, and the result through ``xlwings.conversion.write``, with an engine named
"excel" that treats values as xlwings' Windows engine does. What the tests compare is what
Excel receives.
"""

import datetime as dt

import pytest
from xlwings import conversion

import xlperf.udfs as plain
from tests.udfs.excel_host import COM_ERRORS, MISSING, call_like_excel
from xlperf.udfs.registry import function_info


def com(value):
    """An example argument as COM hands it over: ranges as row tuples, omitted as Missing."""
    if value is None:
        return MISSING
    if isinstance(value, list):
        return tuple(tuple(row) for row in value)
    return value


def as_excel_receives(result):
    """A direct call's result in the shape Excel receives: rows, blanks as ""."""
    rows = result if isinstance(result, list) else [[result]]
    return [["" if v is None else v for v in row] for row in rows]


EXAMPLES = [(name, args) for name in plain.__all__
            for args in function_info(getattr(plain, name)).examples]


@pytest.mark.parametrize(("name", "args"), EXAMPLES,
                         ids=[f"{n}-{i}" for i, (n, _) in enumerate(EXAMPLES)])
def test_every_example_reaches_excel_unchanged(excel, name, args):
    received = call_like_excel(getattr(excel, name), *map(com, args))
    assert received == as_excel_receives(getattr(plain, name)(*args))
    for row in received:  # only what pywin32 marshals: no Decimal, no None
        assert all(type(v) in (str, float, int, bool) for v in row)


def test_single_cells_in_single_cell_out(excel):
    assert call_like_excel(excel.XP_SCORE, 1050.0, 1000.0) == [[105.0]]


def test_a_column_spills_with_blank_cells_for_blank_rows(excel):
    actuals = ((1050.0,), (None,), ("",), (880.0,))  # empty cell, formula returning ""
    assert call_like_excel(excel.XP_SCORE, actuals, 1000.0) == [[105.0], [""], [""], [88.0]]


def test_a_row_spills_across(excel):
    assert call_like_excel(excel.XP_GRADE, ((96.0, 80.0, 59.0),)) == [["S", "B", "D"]]


def test_a_quota_table_spills_two_dimensions(excel):
    grades = tuple((g,) for g in "SSAABBBBBC")
    assert call_like_excel(excel.XP_QUOTA, grades) == [["S", 2, 1, "over"],
                                                       ["S+A", 4, 3, "over"]]


def test_error_cells_name_the_argument(excel):
    actuals = ((1050.0,), (COM_ERRORS["#N/A"],), (COM_ERRORS["#DIV/0!"],))
    assert call_like_excel(excel.XP_SCORE, actuals, 1000.0) == [
        [105.0], ["#XP! actual is #N/A"], ["#XP! actual is #DIV/0!"]]


@pytest.mark.parametrize(("number", "text"), [(2045, "#SPILL!"), (2050, "#CALC!"),
                                             (2043, "#GETTING_DATA"), (2060, "Excel error 2060")])
def test_error_cells_xlwings_leaves_as_integers_name_the_argument(excel, number, text):
    # xlwings turns only 7 of pywin32's codes (0x800A0000 + Excel's number) into text
    code = -0x7FF60000 + number
    assert code not in COM_ERRORS.values()
    why = " (an empty FILTER: no rows for this ID?)" if text == "#CALC!" else ""
    assert call_like_excel(excel.XP_SCORE, ((code,),), 1000.0) == [
        [f"#XP! actual is {text}{why}"]]


def test_without_err_to_str_an_error_cell_would_pass_as_blank(excel):
    # why every argument is declared with err_to_str: otherwise xlwings reads #N/A as None
    # and the row would silently show blank
    options = excel.XP_SCORE.__xlfunc__["args"][0]["options"]
    assert options["err_to_str"] is True
    bare = {k: v for k, v in options.items() if k != "err_to_str"}
    assert conversion.read(None, ((COM_ERRORS["#N/A"],),), bare) == [[None]]
    assert conversion.read(None, ((COM_ERRORS["#N/A"],),), options) == [["#N/A"]]


def test_dates_arrive_as_datetimes_and_are_refused_where_numbers_belong(excel):
    assert call_like_excel(excel.XP_SCORE, dt.datetime(2024, 3, 31), 100.0) == [
        ["#XP! actual is a date (2024-03-31), which it does not take"]]


def test_omitted_and_empty_optional_arguments_take_defaults(excel):
    assert call_like_excel(excel.XP_DEDUCT, 1.0) == [[50.0]]               # omitted
    assert call_like_excel(excel.XP_DEDUCT, 1.0, None) == [[50.0]]         # empty cell
    assert call_like_excel(excel.XP_BONUS, 1.2, 300000.0, MISSING, MISSING) == [[360000.0]]
    assert call_like_excel(excel.XP_GRADE, 99.0, ((None, None),), True) == [["C"]]


def test_text_and_booleans_from_cells(excel):
    assert call_like_excel(excel.XP_SCORE, "1,050", "1000") == [[105.0]]
    assert call_like_excel(excel.XP_SCORE, True, MISSING, "binary") == [[100.0]]
    assert call_like_excel(excel.XP_GRADE, 95.0, MISSING, False) == [["S"]]


def test_money_arrives_as_the_rounded_float(excel):
    assert call_like_excel(excel.XP_BONUS, 1.0, 1000.005) == [[1000.01]]
    assert call_like_excel(excel.XP_SETTLE, 1000.005, ((0.001, 0.004),)) == [[1000.01]]
    assert call_like_excel(excel.XP_DEFER, ((100000.15,), (None,)), 0.3) == [[30000.05], [""]]


def test_a_column_of_soe_flags_defers_row_by_row(excel):
    # Results passes COUNTIF(SoePay[ID],$A5)>0: TRUE for the CFO (40% deferred), FALSE else
    assert call_like_excel(excel.XP_DEFER, ((720000.0,), (720000.0,)), MISSING,
                           ((True,), (False,))) == [[288000.0], [0.0]]


def test_an_upstream_xp_error_passes_through(excel):
    upstream = call_like_excel(excel.XP_WEIGHTED, ((90.0,), (80.0,)), ((60.0,), (35.0,)))
    assert upstream == [["#XP! weights add to 95%, expected 100% (60%, 35%)"]]
    assert call_like_excel(excel.XP_GRADE, upstream[0][0]) == upstream


def test_tables_as_ranges_with_blank_rows(excel):
    table = (("S", 90.0), ("A", 80.0), ("B", 0.0), (None, None), (None, None))
    assert call_like_excel(excel.XP_GRADE, ((91.0,), (85.0,)), table) == [["S"], ["A"]]


# --- long-term incentives and China: dates, spilled rows and check lines ------------------------

GRANT = dt.datetime(2024, 3, 15)


def test_date_cells_arrive_as_datetimes_and_are_read(excel):
    # COM hands a date cell over as a datetime; xlwings keeps it one with err_to_str
    assert call_like_excel(excel.XP_VESTED, GRANT, dt.datetime(2026, 3, 15),
                           "graded 40/30/30") == [[0.7]]
    grants = ((dt.datetime(2025, 3, 16),), (None,), (GRANT,))  # an empty row stays empty
    assert call_like_excel(excel.XP_VESTED, grants, dt.datetime(2026, 3, 15),
                           ((12.0, 0.4), (24.0, 0.3), (36.0, 0.3))) == [[0.0], [""], [0.7]]
    assert call_like_excel(excel.XP_CN_BONUS_TAX, 36001.0, dt.datetime(2025, 3, 31)) == [
        [3390.1]]


def test_date_serial_numbers_as_xlwings_lite_passes_them(excel):
    # DATE(2024,3,15) = 45366, DATE(2026,3,15) = 46096: a number cell works as a date
    assert call_like_excel(excel.XP_VESTED_QTY, 1001.0, 45366.0, 46096.0,
                           "graded 40/30/30") == [[700]]


def test_an_error_in_a_date_cell_names_the_argument(excel):
    assert call_like_excel(excel.XP_VESTED, GRANT, COM_ERRORS["#N/A"], "cliff 12") == [
        ["#XP! as_of is #N/A"]]
    assert call_like_excel(excel.XP_CN_BONUS_TAX, 1000.0, COM_ERRORS["#VALUE!"]) == [
        ["#XP! pay_date is #VALUE!"]]


def test_rows_per_cell_spill_as_a_table(excel):
    bonuses = ((36001.0,), (None,), (50000.0,))
    assert call_like_excel(excel.XP_CN_BONUS_TRAP, bonuses, dt.datetime(2025, 3, 31)) == [
        [True, 36000.0, 36000.0, 38566.67], ["", "", "", ""], [False, 50000.0, "", ""]]
    assert call_like_excel(excel.XP_DEFERRED, ((100000.0,), (-1.0,))) == [
        [33333.34, 33333.33, 33333.33],
        ["#XP! deferred amount is -1, expected zero or more", "", ""]]


def test_a_vesting_table_spills_header_and_numbers(excel):
    table = call_like_excel(excel.XP_VESTING_TABLE, GRANT, 1001.0, "graded 40/30/30")
    assert table[0][0] == "year 年度" and table[1:] == [[2025, 400, 400, 0.4, 0.4],
                                                       [2026, 300, 700, 0.3, 0.7],
                                                       [2027, 301, 1001, 0.3, 1.0]]


def test_check_lines_spill_as_a_column(excel):
    tranches = ((12.0, 24.0, 0.4), (24.0, 36.0, 0.3), (36.0, 48.0, 0.3))
    ok = call_like_excel(excel.XP_CSRC_CHECK, "restricted stock", 5.1, tranches, 1e8, 9.6,
                         10.2)
    assert ok == [["OK"]]
    breaches = call_like_excel(excel.XP_CSRC_CHECK, "restricted stock", 4.0, tranches, 1e8,
                               9.6, 10.2, (("Zhang Wei 张伟", 2e6),))
    assert [row[0][:22] for row in breaches] == ["The grant price (授予价格)",
                                                 "Zhang Wei 张伟 holds 2,0"]
    soe = call_like_excel(excel.XP_SOE_CHECK, ((600000.0,), (600000.0,)),
                          ((1300000.0,), (0.0,)), (("A",), ("D",)), ((2023.0,), (2024.0,)))
    assert len(soe) == 1 and soe[0][0].startswith("2023: the performance salary")
