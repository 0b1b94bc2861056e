"""The benchmark scripts run as documented (figures are printed, never asserted: see
docs/reports.md); a tiny company keeps this quick."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def test_report_speed_compares_with_libreoffice_and_ends_with_the_ratio():
    done = subprocess.run([sys.executable, str(BENCHMARKS / "report_speed.py"), "2"],
                          capture_output=True, text=True, timeout=600, check=True)
    lines = done.stdout.strip().splitlines()
    assert "4 PDFs" in lines[1]  # an appraisal and a payout statement per executive
    assert re.search(r"LibreOffice: [\d.]+ s, \d+ ms per executive, \d+ pages", lines[2])
    assert re.fullmatch(r"ratio xlperf/LibreOffice per executive: \d+\.\d\d", lines[-1])


def test_the_equivalent_workbook_holds_each_appraisals_two_charts(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import report_speed

    book = tmp_path / "equivalent.xlsx"
    report_speed.write_equivalent(book, 3)
    with zipfile.ZipFile(book) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 6  # the score parts and the trend, for each of the 3 executives
    # the same content as the PDFs: the president's central-SOE pay check (docs/workbook.md)
    import openpyxl
    first = openpyxl.load_workbook(book).worksheets[0]
    texts = [str(c.value) for row in first.iter_rows() for c in row if c.value is not None]
    assert "中央企业负责人薪酬核查 Central-SOE executive pay check" in texts
    assert any(t.startswith("2026年：绩效年薪 1,458,000.00 超过上限") and
               "2026: the performance salary (绩效年薪) 1,458,000.00" in t for t in texts)
