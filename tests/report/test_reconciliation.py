"""Reconciliation: Excel's cached values of the XP_ cells against xlperf's own results."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from tests.workbook.excel_saved import excel_saved
from xlperf.batch import ReportOptions, run_report
from xlperf.reconcile import Difference, computed_values, reconcile_executive
from xlperf.report.render import labels
from xlperf.rules.appraisal import appraise
from xlperf.rules.incentives import quantity_vested
from xlperf.rules.money import format_amount
from xlperf.rules.pay_statement import pay_statement
from xlperf.workbook import read_workbook

from .conftest import pdf_text, read_csv


def recalculated(book, target, overrides=None):
    """``book`` as Excel would save it after recalculating (xlperf's own values cached),
    with ``overrides`` {(sheet, cell): value} typed over."""
    data = read_workbook(book)
    statements = {s.appraisal.executive.id: s for s in data.statements}
    values = {}
    for cell in data.cached:
        a = statements[cell.executive].appraisal
        if cell.key == "indicator_score":
            value = next(r.score for r in a.indicators if r.indicator.origin[1] == cell.row)
        elif cell.key == "vested_quantity":
            rows = sorted(c.row for c in data.cached if c.executive == cell.executive
                          and c.key == "vested_quantity")
            grant = a.input.grants[rows.index(cell.row)]
            value = quantity_vested(grant, dt.date(a.input.year, 12, 31))
        elif cell.key == "soe_check":
            value = statements[cell.executive].soe_check.text
        else:
            value = computed_values(a)[cell.key]
        if isinstance(value, Decimal):
            value = float(value)
        values[(cell.sheet, cell.cell)] = value
    values.update({("Plans", p.cell): p.text for p in data.plans})
    # the XP_QUOTA block (Results!Z5:AC6): the demo's 1 S of 1 allowed, 3 S+A of 3
    values.update({("Results", c): v for c, v in zip(
        ("Z5", "AA5", "AB5", "AC5", "Z6", "AA6", "AB6", "AC6"),
        ("S", 1, 1, "ok", "S+A", 3, 3, "ok"), strict=True)})
    values.update(overrides or {})
    return excel_saved(book, target, values), values


def test_a_recalculated_book_matches_every_cell(demo_book, tmp_path):
    book, values = recalculated(demo_book, tmp_path / "saved.xlsx")
    out = tmp_path / "out"
    result = run_report([str(book)], ReportOptions(out, only=("E001",), jobs=1))
    assert result.ok
    compared = sum(1 for v in values.values() if v is not None)  # OKR is blank without OKRs
    text = pdf_text(out / "summary.pdf")
    assert "所有公式结果与 xlperf 一致" in text
    assert f"({compared} 已核对单元格" in text


def test_typed_over_cells_are_listed_with_both_values(demo_book, tmp_path):
    book, _ = recalculated(demo_book, tmp_path / "saved.xlsx", {
        ("Results", "H5"): 99.5, ("Results", "K5"): "A", ("Results", "M5"): 1000000.0,
        ("Indicators", "N7"): 88.0, ("Results", "P5"): 100000.0, ("Results", "L5"): 1.2})
    out = tmp_path / "out"
    result = run_report([str(book)], ReportOptions(out, only=("E001",), jobs=1))
    assert result.ok  # differences are for finance to see, not input errors
    text = pdf_text(out / "summary.pdf", layout=True)
    assert "以下单元格与 xlperf 计算结果不一致" in text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "Results!H5 E001 年度考核得分 99.5 98.09" in lines
    assert "Results!K5 E001 考核等级 Grade A S" in lines
    assert "Results!M5 E001 绩效奖金 ¥1,000,000.00 ¥1,350,000.00" in lines
    assert "Results!L5 E001 考核系数 1.20 1.50" in lines  # as the reports print it
    # E001 is under the central-SOE rules: 40% of 1,458,000 deferred
    assert "Results!P5 E001 延期支付 Deferred ¥100,000.00 ¥583,200.00" in lines
    assert any(line.startswith("Indicators!N7 E001 指标得分") and " 88 108.33" in line
               for line in lines)
    # and outside the PDF: a warning at each cell (terminal, errors.csv) and in the manifest
    warnings = {str(p.problem) for p in result.problems if p.problem.severity == "warning"}
    assert ("Results!H5: annual score: the workbook shows 99.5, xlperf computes 98.09 (a "
            "formula typed over, or the book saved without recalculating)") in warnings
    assert ',Results,H5,E001,warning,"annual score: the workbook shows 99.5,' in (
        out / "errors.csv").read_text(encoding="utf-8-sig")
    said = {(row["cell"], row["message_zh"]) for row in read_csv(out / "errors.csv")}
    assert ("H5", "年度考核得分：工作簿显示 99.5，xlperf 计算为 98.09（公式被手工改写，或工作簿"
            "保存前未重新计算）") in said  # in Chinese, named as the summary names the cell
    names = {zh for key, (zh, _) in labels().items() if key.startswith("key.")}
    assert all(zh.partition("：")[0] in names for _, zh in said), said  # each cell's name
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    rec = manifest["workbooks"][0]["reconciliation"]
    assert rec["status"] == "differs" and rec["differences"] == [
        "Indicators!N7", "Results!H5", "Results!K5", "Results!L5", "Results!M5", "Results!P5"]


def test_a_book_calculated_without_the_add_in_gets_one_warning_not_a_difference_a_cell(
        demo_book, tmp_path):
    """Saved by Excel without xlperf's functions loaded, every XP_ cell holds #NAME?: one
    warning says why, the summary says so, and no cell is listed as a difference."""
    _, values = recalculated(demo_book, tmp_path / "first.xlsx")
    book = excel_saved(demo_book, tmp_path / "saved.xlsx",
                       {where: "#NAME?" for where in values})
    out = tmp_path / "out"
    result = run_report([str(book)], ReportOptions(out, only=("E001",), jobs=1))
    assert result.ok
    warnings = [str(p.problem) for p in result.problems if p.problem.severity == "warning"]
    assert len(warnings) == 1 and "show #NAME?: Excel calculated the book without xlperf's " \
        "functions loaded" in warnings[0]
    row, = read_csv(out / "errors.csv")
    assert row["message_zh"] == (f"{len(values)} 个 XP_ 公式单元格显示 #NAME?：Excel 计算该工作簿"
                                 "时未加载 xlperf 函数（请安装 xlwings 加载项并导入函数，见 "
                                 "README）；这些单元格未做核对")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    rec = manifest["workbooks"][0]["reconciliation"]
    assert rec["status"] == "not loaded" and rec["differences"] == []
    assert rec["not_loaded"] == len(values)  # every XP_ cell the reader reconciles
    assert "未加载 xlperf 函数" in " ".join(pdf_text(out / "summary.pdf").split())


def test_the_forced_distribution_block_is_reconciled(demo_book, tmp_path):
    book, _ = recalculated(demo_book, tmp_path / "saved.xlsx",
                           {("Results", "AA6"): 2, ("Results", "AC5"): "over"})
    out = tmp_path / "out"
    result = run_report([str(book)], ReportOptions(out, only=("E001",), jobs=1))
    assert result.ok
    lines = [" ".join(line.split()) for line in
             pdf_text(out / "summary.pdf", layout=True).splitlines()]
    assert any(line.startswith("Results!AA6") and line.endswith(" 2 3") for line in lines)
    assert any(line.startswith("Results!AC5") and line.endswith(" over ok") for line in lines)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    differences = manifest["workbooks"][0]["reconciliation"]["differences"]
    assert sorted(differences) == ["Results!AA6", "Results!AC5"]


def test_a_typed_over_vested_quantity_is_listed(demo_book, tmp_path):
    """Grants!V5 is E001's first grant (RS-2023: 200,000 restricted shares of 2023-03-15,
    graded 40/30/30 from 12 months): its three tranches vest on 2024-, 2025- and 2026-03-15,
    so all 200,000 by 31 December 2026."""
    book, values = recalculated(demo_book, tmp_path / "saved.xlsx", {("Grants", "V5"): 150000})
    out = tmp_path / "out"
    assert run_report([str(book)], ReportOptions(out, only=("E001",), jobs=1)).ok
    lines = [" ".join(line.split()) for line in
             pdf_text(out / "summary.pdf", layout=True).splitlines()]
    assert "Grants!V5 E001 年末已归属数量 150000 200000" in lines


def test_the_vested_quantity_reconciled_is_what_the_formula_computes(demo_book):
    """For every demo grant row, xlperf's value equals XP_VESTED_QTY called as the Vested
    at year end formula calls it (schedule blank: graded 40/30/30; blank for performance
    plans and deferred cash; a tranche whose condition is not met is not counted)."""
    import openpyxl

    import xlperf.udfs as udfs
    from xlperf.workbook import layout as L

    data = read_workbook(demo_book)
    grants = {s.appraisal.executive.id: list(s.appraisal.input.grants) for s in data.statements}
    sheet = openpyxl.load_workbook(demo_book, read_only=True)[L.GRANTS]
    checked = 0
    for row in sheet.iter_rows(min_row=L.FIRST_ROW, values_only=True):
        cells = dict(zip(L.GRANTS_LAYOUT.headers, row, strict=False))
        if not cells["ID"]:
            continue
        grant = grants[cells["ID"]].pop(0)
        ours = quantity_vested(grant, dt.date(data.year, 12, 31))
        if cells["Instrument"] in ("performance_share", "performance_unit", "deferred_cash"):
            assert ours is None
            continue
        formula = udfs.XP_VESTED_QTY(cells["Quantity"], cells["Grant date"],
                                     dt.datetime(data.year, 12, 31),
                                     cells["Schedule"] or "graded 40/30/30",
                                     cells["Leaving date"], cells["Conditions met"])
        assert formula == ours, cells["Grant ID"]
        checked += 1
    assert checked >= 8


def test_typed_over_compliance_checks_are_listed(demo_book, tmp_path):
    """SoePay!I7 (E001's term, a breach) and Plans!Q6 (OPT-2024, a breach) typed over with
    OK: both listed; E002's SoePay!I9 keeps its OK and matches."""
    book, _ = recalculated(demo_book, tmp_path / "saved.xlsx", {
        ("SoePay", "I7"): "OK", ("Plans", "Q6"): "OK"})
    out = tmp_path / "out"
    assert run_report([str(book)], ReportOptions(out, "zh", only=("E001",), jobs=1)).ok
    text = pdf_text(out / "summary.pdf", layout=True)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any(line.startswith("SoePay!I7 E001 央企薪酬检查 OK") for line in lines)
    assert "2026: the performance salary (绩效年薪)" in text  # the check's text, maybe next page
    assert any(line.startswith("Plans!Q6 OPT-2024 激励计划检查 OK E001 holds 500,000 shares")
               for line in lines)
    assert "SoePay!I9" not in text


class Cached:
    def __init__(self, key, value, cell="H5"):
        self.executive, self.key, self.sheet = "E1", key, "Results"
        self.cell, self.value = cell, value


@pytest.fixture(scope="module")
def statement():
    from xlperf.demo import demo_inputs

    return pay_statement(appraise(demo_inputs()[0]))


@pytest.fixture(scope="module")
def appraisal(statement):
    return statement.appraisal


def test_money_is_compared_to_the_cent_half_up(appraisal, statement):
    bonus = appraisal.payout.bonus
    same = reconcile_executive([Cached("bonus", float(bonus) + 0.004)], statement)
    assert same.differences == () and same.compared == 1
    off = reconcile_executive([Cached("bonus", float(bonus) + 0.01)], statement)
    assert off.differences == (Difference("E1", "bonus", "Results", "H5",
                                          format_amount(bonus + Decimal("0.01")),
                                          format_amount(bonus)),)


def test_errors_text_and_blanks(appraisal, statement):
    rec = reconcile_executive([Cached("annual_score", "#XP! weights add to 95%"),
                               Cached("grade", appraisal.grade.lower()),
                               Cached("consecutive_flag", appraisal.consecutive_flag),
                               Cached("annual_score", None)], statement)
    assert [d.workbook_value for d in rec.differences] == ["#XP! weights add to 95%"]
    assert rec.compared == 3 and rec.uncached == 1 and rec.status == "differs"


def test_every_results_formula_the_reader_returns_is_reconciled(appraisal):
    """The keys of the Results formulas (layout) and of xlperf's values stay in step."""
    from xlperf.workbook.layout import RESULT_KEYS

    assert set(RESULT_KEYS) == set(computed_values(appraisal))


def test_check_texts_are_compared_line_by_line(statement):
    """Excel's TEXTJOIN(CHAR(10),…) text equals the check's lines whatever the line ends."""
    text = statement.soe_check.text
    same = reconcile_executive([Cached("soe_check", text.replace("\n", "\r\n") + " ")],
                               statement)
    assert same.compared == 1 and same.differences == ()
    off = reconcile_executive([Cached("soe_check", "OK")], statement)
    assert [(d.key, d.workbook_value, d.xlperf_value) for d in off.differences] == [
        ("soe_check", "OK", text)]
