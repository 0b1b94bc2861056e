"""Workbook fixtures: the demo and the template written once per session, and an editor."""

from __future__ import annotations

import warnings
from pathlib import Path

import openpyxl
import pytest

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

    def edit(changes, source: Path = demo_path, drop_sheets=()) -> Path:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(source)
        for (sheet, cell), value in changes.items():
            wb[sheet][cell].value = value
        for sheet in drop_sheets:
            del wb[sheet]
        target = tmp_path / f"edited-{len(list(tmp_path.iterdir()))}.xlsx"
        wb.save(target)
        return target

    return edit
