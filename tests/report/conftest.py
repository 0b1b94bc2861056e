"""Report fixtures: the demo workbook rendered once per session, PDF text and cell edits."""

from __future__ import annotations

import csv
import subprocess
import warnings
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from xlperf.batch import ReportOptions, run_report
from xlperf.workbook.write import write_demo


def pdf_text(path: Path, layout: bool = False) -> str:
    """The text of a PDF as pdftotext (poppler) reads it."""
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_info(path: Path) -> dict[str, str]:
    """pdfinfo's fields."""
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in
                                                 out.splitlines())}


def read_csv(path: Path) -> list[dict[str, str]]:
    """A CSV written by xlperf (UTF-8 with BOM) as dicts."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def edit_cells(source: Path, target: Path, changes: dict) -> Path:
    """A copy of ``source`` with ``{(sheet, cell): value}`` changed through openpyxl."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(source)
    for (sheet, cell), value in changes.items():
        wb[sheet][cell].value = value
    wb.save(target)
    return target


@pytest.fixture(scope="session")
def demo_book(tmp_path_factory) -> Path:
    """A freshly written demo workbook (copy it before changing it)."""
    return write_demo(tmp_path_factory.mktemp("demo-book") / "demo.xlsx")


@pytest.fixture(scope="session")
def demo_run(demo_book, tmp_path_factory):
    """The demo rendered once (both languages, two workers): out dir, result, ledger rows."""
    out = tmp_path_factory.mktemp("demo-report")
    result = run_report([str(demo_book)], ReportOptions(out, jobs=2))
    return SimpleNamespace(out=out, result=result, book=demo_book,
                           ledger=read_csv(out / "ledger.csv"))
