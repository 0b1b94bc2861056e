"""Raters stay anonymous in what finance and HR share: summary.pdf never shows a value
typed as one rater's score, even when that score is the reason an executive is left out."""

from __future__ import annotations

import io

from xlperf.cli import main

from .conftest import edit_cells, pdf_text, read_csv


def test_a_bad_rating_is_named_by_its_cell_not_its_value_in_the_summary(demo_book, tmp_path):
    # E001's first 360 rating (Ratings360!C5, 96.3) typed as 101.7: out of range
    book = edit_cells(demo_book, tmp_path / "rating.xlsx", {("Ratings360", "C5"): 101.7})
    out = tmp_path / "out"
    code = main(["report", str(book), "--out", str(out), "--jobs", "1", "--keep-going",
                 "--only", "E003"], io.StringIO(), io.StringIO())
    assert code == 1  # E001 is left out
    summary = " ".join(pdf_text(out / "summary.pdf").split())
    assert "Ratings360!C5: this rating cannot be used" in summary
    assert "Ratings360!C5（评分）：该评分无法使用" in summary
    assert "101.7" not in summary
    # errors.csv, for the analyst who keeps the workbook, says what was typed
    [problem] = [p for p in read_csv(out / "errors.csv") if p["cell"] == "C5"]
    assert "101.7" in problem["message"]
