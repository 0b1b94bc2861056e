"""A workbook typed by hand (an HR analyst's audit): every problem of an executive in one
run, errors located at the executive's own cells, what people type read as they mean it."""

from __future__ import annotations

import unicodedata

import pytest

from xlperf.workbook import layout as L
from xlperf.workbook import read_workbook

from .excel_saved import with_ids


def test_an_objective_with_one_key_result_hides_no_weight_error(edited):
    """E001: an objective left with one key result (OKR!B9 renamed) and a weight typed 10
    among fractions (Indicators!F6): both said in the one run."""
    data = read_workbook(edited({(L.OKR, "B9"): "新目标 New objective",
                                 (L.INDICATORS, "F6"): 10}))
    e001 = [(p.sheet, p.message) for p in data.errors if p.executive == "E001"]
    assert any(sheet == L.OKR and "1 key result(s)" in message for sheet, message in e001)
    assert any(sheet == L.INDICATORS and "business indicator weights are typed two ways"
               in message
               for sheet, message in e001)
    assert "E001" not in [i.executive.id for i in data.inputs]


def test_a_weights_error_names_the_parts_own_cells_and_the_odd_one(edited, demo_path):
    """E003's business weights (15 of its 19 rows) with the second typed 10 among
    fractions: the error is at those rows' Weight cells only, and names the odd cell."""
    from .test_read import rows_of

    rows = rows_of(demo_path, L.INDICATORS, "E003")
    business = rows[:15]
    data = read_workbook(edited({(L.INDICATORS, f"F{business[1]}"): 10}))
    [error] = [p for p in data.errors if p.executive == "E003"]
    assert error.cell == f"F{business[0]}:F{business[-1]}"
    assert error.message.startswith(
        f"business indicator weights are typed two ways: F{business[1]} = 10 looks like a "
        "whole percentage (30) among fractions (0.3 = 30%); type them all one way (0.3, 10, ")


def test_sorted_rows_put_a_weights_error_at_the_executives_own_cells(demo_path, tmp_path):
    """Indicators sorted so that E002's business rows are not together: the error lists its
    rows' Weight cells, not a range running over other executives' rows."""
    import openpyxl

    wb = openpyxl.load_workbook(demo_path)
    ws = wb[L.INDICATORS]
    e001 = [r for r in range(L.FIRST_ROW, ws.max_row + 1) if ws[f"A{r}"].value == "E001"]
    e002 = [r for r in range(L.FIRST_ROW, ws.max_row + 1) if ws[f"A{r}"].value == "E002"]
    # swap E002's second business row with E001's last (individual) row: E002's business
    # rows are then split by one of E001's
    a, b = e002[1], e001[-1]
    for col in range(1, 14):
        ws.cell(a, col).value, ws.cell(b, col).value = ws.cell(b, col).value, ws.cell(a, col).value
    ws[f"F{e002[2]}"] = 0.05  # E002's business weights no longer add to 100%
    path = tmp_path / "sorted.xlsx"
    wb.save(path)
    data = read_workbook(path)
    [error] = [p for p in data.errors if p.executive == "E002"]
    assert error.cell == f"F{b}:F{e002[0]}, F{e002[2]}:F{e002[14]}"  # not E001's F{a}
    assert "business indicator weights add to" in error.message


def test_a_remark_column_added_at_the_right_of_a_table_is_ignored_with_a_warning(demo_path,
                                                                                  tmp_path):
    """Excel widens a table to take in a column typed beside it: tblIndicators A4:O…, its
    column O "Remark". Read as before, with a warning naming the column."""
    import openpyxl
    from openpyxl.worksheet.table import TableColumn

    wb = openpyxl.load_workbook(demo_path)
    ws = wb[L.INDICATORS]
    table = ws.tables["tblIndicators"]
    last = table.ref.split(":")[1].lstrip("ABCDEFGHIJKLMN")
    ws["O3"], ws["O4"], ws["O5"] = "备注", "Remark", "董事会确认"
    table.ref = f"A4:O{last}"
    table.autoFilter.ref = table.ref
    table.tableColumns.append(TableColumn(id=len(table.tableColumns) + 1, name="Remark"))
    path = tmp_path / "remark.xlsx"
    wb.save(path)
    data = read_workbook(path)
    assert data.errors == ()
    assert [(p.sheet, p.cell, p.message) for p in data.warnings] == [
        (L.INDICATORS, "O4", 'column(s) O ("Remark") added to the table tblIndicators are not '
         "xlperf's: ignored (xlperf reads ID–Score, columns A–N)")]
    assert len(data.statements) == len(read_workbook(demo_path).statements)


def test_chinese_and_full_width_typing_is_read_as_meant(edited):
    """Part 经营业绩 / 个人业绩 (the template's Chinese names), Veto 是 / 否, an ID typed
    full-width (Ｅ００１), grade A级 and months 7个月: read as business, individual, TRUE,
    FALSE, E001, A and 7, the cells the workbook's formulas miss said in warnings."""
    data = read_workbook(edited({
        (L.INDICATORS, "B5"): "经营业绩", (L.INDICATORS, "B20"): "个人业绩",
        (L.INDICATORS, "M9"): "是", (L.INDICATORS, "M10"): "否",
        (L.RATINGS, "A5"): "Ｅ００１", (L.HISTORY, "C5"): "A级", (L.EXECUTIVES, "G5"): "7个月"}))
    assert data.errors == ()
    e001 = next(i for i in data.inputs if i.executive.id == "E001")
    assert (e001.indicators[0].part, e001.indicators[15].part) == ("business", "individual")
    assert (e001.indicators[4].veto, e001.indicators[5].veto) == (True, False)
    assert e001.ratings[0].origin == (L.RATINGS, 5)  # E001's, as typed plainly
    assert e001.history[0].grade == "A"
    assert e001.executive.months_served == 7
    assert sorted(p.cell for p in data.warnings if p.sheet != L.RESULTS) == [
        "A5", "B20", "B5", "M10", "M9"]
    assert ('ID is "Ｅ００１", read as E001; the workbook\'s formulas, which match the ID as '
            "typed, miss the row: type E001") in [p.message for p in data.warnings]


def test_months_not_a_number_say_months_not_an_amount(edited):
    data = read_workbook(edited({(L.EXECUTIVES, "G5"): "七个月"}))
    assert [str(p) for p in data.errors] == [
        'Executives!G5: months served is "七个月", expected a number of months from 0 to 12']


def test_a_negative_target_is_read_as_a_loss_with_a_warning_at_its_cell(edited):
    """-52000 for 52000 (a sign typed by mistake) scores as a loss to reduce: said at G5."""
    data = read_workbook(edited({(L.INDICATORS, "G5"): -52000}))
    assert data.errors == ()
    assert [(p.cell, p.executive, p.severity) for p in data.problems] == [
        ("G5", "E001", "warning")]
    assert data.problems[0].message.startswith(
        "target is -52000, negative: read as a loss to reduce (achievement = 100 + ")


@pytest.mark.parametrize(("first", "second"), [
    ("\ud55c", "\u1112\u1161\u11ab"),  # 한: one syllable (NFC), three jamo (NFD, as macOS)
    ("\u00e9", "e\u0301"),  # é composed and decomposed
    ("\u8c48", "\uf900"),  # 豈 and its CJK compatibility ideograph
])
def test_two_ids_one_after_normalisation_are_listed_twice(demo_path, tmp_path, first,
                                                          second):
    """E011 and E012 renamed to the same text in two Unicode forms: one file name on macOS,
    so one executive to xlperf: "listed twice" at the second's ID, neither reported (one
    PDF would overwrite the other's), and the form said at the cell by code points."""
    book = with_ids(demo_path, tmp_path / "ids.xlsx", {"E011": first, "E012": second})
    data = read_workbook(book)
    read = unicodedata.normalize("NFKC", second)
    assert read == first
    assert f"Executives!A16: executive id {read} is listed twice (also row 15)" in [
        str(p) for p in data.errors]
    assert {s.appraisal.executive.id for s in data.statements}.isdisjoint({first, second})
    assert len(data.statements) == 10
    said = [p for p in data.warnings if (p.sheet, p.cell) == (L.EXECUTIVES, "A16")]
    assert said and said[0].message.startswith(f'ID "{second}" (U+')
    assert "the same text in another Unicode form" in said[0].message


def test_an_id_checked_as_read_not_as_typed(demo_path, tmp_path):
    """ﷺ (U+FDFA) is one letter typed and 18 characters with spaces read (NFKC): the id read
    names the files, so it is the one refused at its cell."""
    data = read_workbook(with_ids(demo_path, tmp_path / "ids.xlsx", {"E012": "X\ufdfa"}))
    [error] = [p for p in data.errors if (p.sheet, p.cell) == (L.EXECUTIVES, "A16")]
    assert error.message.startswith('executive id is "X\u0635\u0644\u0649 ')
    assert "it names the report files" in error.message
