"""Workbook fixtures: the demo and the template written once per session, and an editor."""

from __future__ import annotations

import warnings
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula

from xlperf.workbook import layout as L
from xlperf.workbook.write import write_demo, write_template


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory) -> Path:
    """A freshly written demo workbook (not to be modified: copy it with ``edited``)."""
    return write_demo(tmp_path_factory.mktemp("demo") / "demo.xlsx")


@pytest.fixture(scope="session")
def template_path(tmp_path_factory) -> Path:
    """A freshly written template."""
    return write_template(tmp_path_factory.mktemp("template") / "template.xlsx")


@pytest.fixture
def edited(demo_path, tmp_path):
    """``edited({(sheet, cell): value, …})``: a copy of the demo with those cells changed
    (through openpyxl, as a user's edit in a spreadsheet would store them)."""

    def edit(changes, source: Path = demo_path, drop_sheets=(), rename=None) -> Path:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(source)
        for (sheet, cell), value in changes.items():
            wb[sheet][cell].value = value
        for sheet in drop_sheets:
            del wb[sheet]
        for old, new in (rename or {}).items():
            rename_sheet(wb, old, new)
        target = tmp_path / f"edited-{len(list(tmp_path.iterdir()))}.xlsx"
        wb.save(target)
        return target

    return edit


def rename_sheet(wb, old: str, new: str, references: bool = True) -> None:
    """Sheet ``old`` called ``new``, its defined names' references renamed with it as Excel
    does (``references=False``: left as they were, as openpyxl leaves them)."""
    ws = wb[old]
    ws.title = "renaming"  # openpyxl refuses "config" while "Config" exists, as Excel would
    ws.title = new
    for defined in wb.defined_names.values() if references else ():
        for prefix in (f"{old}!", f"'{old}'!"):
            if defined.attr_text.startswith(prefix):
                quoted = "'" + new.replace("'", "''") + "'"
                defined.attr_text = quoted + defined.attr_text[len(prefix) - 1:]


def config_cell(path: Path, name: str) -> str:
    """The cell behind a Config defined name of the workbook at ``path`` (``B49`` for
    DeferralShare)."""
    wb = openpyxl.load_workbook(path)
    return wb.defined_names[name].attr_text.split("!")[1].replace("$", "")


def input_cells(wb, formulas: bool = True) -> list[tuple[str, str]]:
    """Every data cell of the input sheets' tables (``formulas=False``: not the formula
    columns) and Config's value cells (column B), as (sheet, cell)."""
    cells = []
    for name, layout in L.INPUT_LAYOUTS.items():
        ws = wb[name]
        for row in range(L.FIRST_ROW, ws.max_row + 1):
            for col in range(1, len(layout.headers) + 1):
                value = ws.cell(row, col).value
                if formulas or not (isinstance(value, ArrayFormula)
                                    or str(value or "").startswith("=")):
                    cells.append((name, f"{get_column_letter(col)}{row}"))
    config = wb[L.CONFIG]
    return cells + [(L.CONFIG, f"B{row}") for row in range(4, config.max_row + 1)
                    if isinstance(config[f"B{row}"].value, int | float | str)]
