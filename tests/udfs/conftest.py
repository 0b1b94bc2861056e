"""Fixtures for the XP_ function tests: xlperf.udfs as desktop Excel declares and calls it."""

import pytest

from tests.udfs.excel_host import excel_engine, windows_xlwings


@pytest.fixture(scope="module")
def declared():
    """(xlperf.udfs declared with the real xlwings.udfs decorators, xlwings.udfs itself)."""
    with windows_xlwings() as pair:
        yield pair


@pytest.fixture(scope="module")
def excel(declared):
    """xlperf.udfs as declared, with the engine named "excel" registered for conversions."""
    with excel_engine():
        yield declared[0]
