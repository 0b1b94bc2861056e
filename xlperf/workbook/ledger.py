"""Write ``ledger.xlsx``: the payout ledger as a workbook payroll can import.

Same rows and columns as ``ledger.csv`` (:mod:`xlperf.ledger`): amounts as numbers with a
``¥#,##0.00`` format (a score ``0.00``, a coefficient ``0.00##``: as the PDFs and
``ledger.csv`` print them, :mod:`xlperf.report.formats`), one header row (Chinese over
English), a frozen header and an autofilter, and the totals on a sheet of their own. Text
is always stored as text: a name such as ``=HYPERLINK(…)`` is a string cell, never a
formula. Deterministic bytes (fixed dates), written atomically.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from xlperf.files import write_bytes_atomic
from xlperf.ledger import LEDGER_COLUMNS, LedgerColumn, totals
from xlperf.report import formats
from xlperf.workbook.package import deterministic_zip
from xlperf.workbook.write import FIXED_TIME

MONEY_FORMAT = '"¥"#,##0.00'
_FORMATS = {"money": MONEY_FORMAT, "score": formats.SCORE_FORMAT,
            "coefficient": formats.COEFFICIENT_FORMAT, "number": "General"}
_HEADER = (Font(bold=True), PatternFill("solid", fgColor="D9E1F2"))


def _cell(ws, value: object, column: LedgerColumn | None = None, bold: bool = False):
    if isinstance(value, Decimal):
        value = float(value)  # openpyxl stores numbers; the cents survive (15 digits)
    cell = WriteOnlyCell(ws, value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    if column is not None and column.kind in _FORMATS:
        cell.number_format = _FORMATS[column.kind]
    if bold:
        cell.font = Font(bold=True)
    return cell


def _header(ws, texts: Sequence[str]) -> list:
    cells = []
    for text in texts:
        cell = WriteOnlyCell(ws, text)
        cell.data_type = "s"
        cell.font, cell.fill = _HEADER
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells.append(cell)
    return cells


def _width(column: LedgerColumn) -> float:
    text = max((column.header, column.header_zh), key=len)
    wide = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return min(max(wide + 2, 14 if column.kind == "money" else 8), 40)


def ledger_xlsx_bytes(rows: Iterable[dict[str, object]],
                      columns: Sequence[LedgerColumn] = LEDGER_COLUMNS) -> bytes:
    """The ledger workbook's bytes: sheet ``Ledger``, one header row (Chinese over English in
    each cell) and one row per executive, nothing else, so an import never takes a totals
    row for a payee; sheet ``Totals`` (合计), each summed column's total."""
    rows = list(rows)
    wb = Workbook(write_only=True)
    wb.properties.creator = wb.properties.lastModifiedBy = "xlperf"
    wb.properties.title = "xlperf payout ledger"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    ws = wb.create_sheet("Ledger")
    ws.freeze_panes = "E2"
    for i, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _width(column)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    ws.row_dimensions[1].height = 30  # two lines: Chinese, then English
    ws.append(_header(ws, [f"{c.header_zh}\n{c.header}" for c in columns]))
    for row in rows:
        ws.append([_cell(ws, row.get(c.key), c) for c in columns])
    _totals_sheet(wb, rows, columns)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return deterministic_zip(buffer.getvalue())


def _totals_sheet(wb: Workbook, rows: list[dict[str, object]],
                  columns: Sequence[LedgerColumn]) -> None:
    ws = wb.create_sheet("Totals")
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 40, 56
    ws.column_dimensions["C"].width = 20
    ws.freeze_panes = "A2"
    ws.append(_header(ws, ["项目", "Item", "合计 Total"]))
    sums = totals(rows)
    for column in columns:
        if column.key in sums:
            ws.append([_cell(ws, column.header_zh), _cell(ws, column.header),
                       _cell(ws, sums[column.key], column)])


def write_ledger_xlsx(path: str | Path, rows: Iterable[dict[str, object]]) -> str:
    """Write ``ledger.xlsx`` atomically; returns its sha256."""
    return write_bytes_atomic(path, ledger_xlsx_bytes(rows))
