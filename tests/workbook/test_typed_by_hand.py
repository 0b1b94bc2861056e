"""A workbook typed by hand (an HR analyst's audit): every problem of an executive in one
run, errors located at the executive's own cells, what people type read as they mean it."""

from __future__ import annotations

from xlperf.workbook import layout as L
from xlperf.workbook import read_workbook


def test_an_objective_with_one_key_result_hides_no_weight_error(edited):
    """E001: an objective left with one key result (OKR!B9 renamed) and a weight typed 10
    among fractions (Indicators!F6): both said in the one run."""
    data = read_workbook(edited({(L.OKR, "B9"): "新目标 New objective",
                                 (L.INDICATORS, "F6"): 10}))
    e001 = [(p.sheet, p.message) for p in data.errors if p.executive == "E001"]
    assert any(sheet == L.OKR and "1 key result(s)" in message for sheet, message in e001)
    assert any(sheet == L.INDICATORS and "business indicator weights add to" in message
               for sheet, message in e001)
    assert "E001" not in [i.executive.id for i in data.inputs]
