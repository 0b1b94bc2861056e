"""Cached values as Excel saves them reach the reader: the basis of reconciliation."""

from __future__ import annotations

import pytest

from xlperf.rules.appraisal import appraise
from xlperf.workbook import layout as L
from xlperf.workbook import read_workbook

from .excel_saved import excel_saved


def test_cached_results_are_read_back_for_reconciliation(demo_path, tmp_path):
    data = read_workbook(demo_path)
    first = appraise(data.inputs[0], data.policy)
    cells = {c.key: c.cell for c in data.cached
             if c.executive == "E001" and c.sheet == L.RESULTS}
    saved = excel_saved(demo_path, tmp_path / "saved.xlsx", {
        (L.RESULTS, cells["annual_score"]): first.annual_score,
        (L.RESULTS, cells["grade"]): first.grade,
        (L.RESULTS, cells["bonus"]): float(first.payout.bonus) + 100,  # typed over, say
        (L.RESULTS, cells["consecutive_flag"]): first.consecutive_flag,
        (L.RESULTS, cells["business"]): "#N/A",
        (L.INDICATORS, "N5"): first.indicators[0].score,
    })
    again = read_workbook(saved)
    assert again.problems == () and len(again.inputs) == 12
    cached = {(c.executive, c.key): c.value for c in again.cached if c.value is not None}
    assert cached == {
        ("E001", "annual_score"): first.annual_score, ("E001", "grade"): first.grade,
        ("E001", "bonus"): float(first.payout.bonus) + 100,
        ("E001", "consecutive_flag"): False, ("E001", "business"): "#N/A",
        ("E001", "indicator_score"): first.indicators[0].score,
    }
    differences = [c for c in again.cached if c.value is not None and c.key == "bonus"
                   and c.value != float(first.payout.bonus)]
    assert [(d.sheet, d.cell) for d in differences] == [(L.RESULTS, "M5")]


def test_only_formula_cells_take_cached_values(demo_path, tmp_path):
    with pytest.raises(ValueError, match="has no formula"):
        excel_saved(demo_path, tmp_path / "x.xlsx", {(L.EXECUTIVES, "F5"): 1.0})
    with pytest.raises(ValueError, match="no sheet named"):
        excel_saved(demo_path, tmp_path / "x.xlsx", {("Nope", "A1"): 1.0})


def test_executives_beyond_the_results_formulas_are_a_warning(demo_path, tmp_path):
    """Excel calculated the book, but Results shows E001 and E002 only (as if its formulas
    stopped at row 6, as the template's stop after 50 rows): the others are not reconciled,
    and a warning says where and what to do, instead of a silent gap."""
    saved = excel_saved(demo_path, tmp_path / "saved.xlsx", {
        (L.RESULTS, "A5"): "E001", (L.RESULTS, "A6"): "E002"})
    data = read_workbook(saved)
    assert data.errors == () and len(data.inputs) == 12
    assert [(p.sheet, p.cell) for p in data.warnings] == [(L.RESULTS, "A7")]
    assert data.warnings[0].message.startswith(
        "Results row(s) 7–16 show nothing although the Executives table lists E003, E004, "
        "E005, E006, E007 … there: the Results formulas stop before them")


def test_a_book_never_calculated_is_no_such_warning(demo_path):
    assert read_workbook(demo_path).warnings == ()


def test_an_id_typed_full_width_shows_in_results_as_typed_and_is_no_other_row(edited,
                                                                             tmp_path):
    """Ｅ００１ typed on Executives (read as E001, with a warning at its cell) is what the
    Results formulas show in its row: the same executive, not "recalculate the workbook"."""
    book = edited({(L.EXECUTIVES, "A5"): "Ｅ００１"})
    saved = excel_saved(book, tmp_path / "saved.xlsx", {
        (L.RESULTS, "A5"): "Ｅ００１", (L.RESULTS, "A6"): "E002", (L.RESULTS, "A7"): "E004"})
    results = [p for p in read_workbook(saved).warnings if p.sheet == L.RESULTS]
    assert results[0].cell == "A7"  # E004 in E003's row is said, Ｅ００１ in E001's is not
    assert results[0].message.startswith("Results row 7 shows E004 but row 7 of the "
                                         "Executives table is E003")
