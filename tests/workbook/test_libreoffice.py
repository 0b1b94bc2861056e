"""A spreadsheet application, not only openpyxl, opens the shipped workbooks."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is installed by ./bootstrap")
@pytest.mark.parametrize("name, expected", [
    ("template.xlsx", ["xlperf appraisal workbook", "GradeTable", "UDF Modules"]),
    ("demo.xlsx", ["华夏汽车", "王建国", "E012", "CollectionCurve", "Results"]),
])
def test_libreoffice_converts_each_shipped_workbook_to_pdf(name, expected, tmp_path):
    profile = (tmp_path / "profile").as_uri()  # a private profile per run
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(ROOT / "workbooks" / name)],
        capture_output=True, text=True, timeout=240)
    pdf = tmp_path / name.replace(".xlsx", ".pdf")
    assert result.returncode == 0, result.stderr
    assert pdf.is_file(), result.stdout + result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    for word in expected:
        assert word in text
