"""The parts of desktop Excel + xlwings that can run on Linux, for the level 2 and 3 tests.

- :func:`windows_xlwings` imports the real ``xlwings.udfs`` (the Windows UDF server's
  decorators, argument handling and VBA generator) with ``pythoncom``, ``pywintypes`` and
  ``win32com`` stubbed, binds ``xlwings.func/arg/ret`` to its decorators exactly as
  ``xlwings/__init__.py`` does on Windows, and imports ``xlperf.udfs`` afresh under them: the
  module is declared as Excel's "Import Functions" sees it.
- :func:`excel_engine` registers a minimal engine named "excel" whose two value hooks do what
  xlwings' Windows engine (``xlwings/_xlwindows.py``) does with what COM hands over: empty
  cells, COM dates, integer error codes in; ``None`` → ``""`` out.
- :func:`call_like_excel` calls a registered function as ``xlwings.udfs.call_udf`` does:
  omitted optional arguments take their defaults, every other argument goes through
  ``xlwings.conversion.read`` with the options the function declared, and the result through
  ``xlwings.conversion.write``: what Excel would receive.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import math
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import xlwings
from xlwings import conversion
from xlwings.main import Engine

UDF_MODULE = "xlperf.udfs"
STUBBED = ("pythoncom", "pywintypes", "win32com", "win32com.client")
MISSING = object()  # an optional argument left out of the formula (VBA's Missing)

# pywin32's integer codes for error cells (xlwings/_xlwindows.py, cell_errors)
COM_ERRORS = {"#DIV/0!": -2146826281, "#N/A": -2146826246, "#NAME?": -2146826259,
              "#NULL!": -2146826288, "#NUM!": -2146826252, "#REF!": -2146826265,
              "#VALUE!": -2146826273}


class ComError(Exception):
    """Stands in for pywintypes.com_error."""


def _stubs() -> dict[str, types.ModuleType]:
    pythoncom = types.ModuleType("pythoncom")
    pythoncom.CoInitialize = lambda: None
    pythoncom.IID_IDispatch = object()
    pywintypes = types.ModuleType("pywintypes")
    pywintypes.com_error = ComError
    pywintypes.IID = lambda text: text
    win32com = types.ModuleType("win32com")
    client = types.ModuleType("win32com.client")

    def dispatch(*args, **kwargs):
        raise AssertionError("no COM on Linux: the test reached a Dispatch call")

    client.Dispatch = dispatch
    win32com.client = client
    return dict(zip(STUBBED, (pythoncom, pywintypes, win32com, client), strict=True))


def _udf_modules() -> list[str]:
    return [m for m in sys.modules if m == UDF_MODULE or m.startswith(UDF_MODULE + ".")]


@contextlib.contextmanager
def windows_xlwings() -> Iterator[tuple[types.ModuleType, types.ModuleType]]:
    """(xlperf.udfs declared with the real Windows decorators, the real xlwings.udfs)."""
    saved = {name: sys.modules.get(name) for name in (*STUBBED, "xlwings.udfs", *_udf_modules())}
    saved_decorators = {name: getattr(xlwings, name) for name in ("func", "arg", "ret")}
    try:
        for name in _udf_modules():
            del sys.modules[name]
        sys.modules.update(_stubs())
        sys.modules.pop("xlwings.udfs", None)
        udfs = importlib.import_module("xlwings.udfs")
        xlwings.func, xlwings.arg, xlwings.ret = udfs.xlfunc, udfs.xlarg, udfs.xlret
        yield importlib.import_module(UDF_MODULE), udfs
    finally:
        for name, value in saved_decorators.items():
            setattr(xlwings, name, value)
        for name in (*STUBBED, "xlwings.udfs", *_udf_modules()):
            sys.modules.pop(name, None)
        restored = {name: module for name, module in saved.items() if module}
        sys.modules.update(restored)
        for name, module in saved.items():  # importing also bound them on their parents
            parent, _, child = name.rpartition(".")
            if parent not in sys.modules:
                continue
            if module is not None:
                setattr(sys.modules[parent], child, module)
            elif hasattr(sys.modules[parent], child):
                delattr(sys.modules[parent], child)


class ComLikeEngine:
    """xlwings' Windows engine's value hooks (xlwings/_xlwindows.py), without COM."""

    name = "excel"
    type = "desktop"
    cell_errors = {code: text for text, code in COM_ERRORS.items()}

    def clean_value_data(self, data, datetime_builder, empty_as, number_builder, err_to_str):
        return [[self._clean(c, datetime_builder, empty_as, number_builder, err_to_str)
                 for c in row] for row in data]

    def _clean(self, value, datetime_builder, empty_as, number_builder, err_to_str):
        if value in ("", None):
            return empty_as
        if isinstance(value, dt.datetime):  # pywintypes' time type is a datetime
            return datetime_builder(year=value.year, month=value.month, day=value.day,
                                    hour=value.hour, minute=value.minute,
                                    second=value.second, microsecond=value.microsecond,
                                    tzinfo=None)
        if number_builder is not None and isinstance(value, float):
            return number_builder(value)
        if isinstance(value, int) and value in self.cell_errors:
            return self.cell_errors[value] if err_to_str else None
        return value

    @staticmethod
    def prepare_xl_data_element(x, options):
        if x is None or (isinstance(x, float) and math.isnan(x)):
            return ""
        return x


@contextlib.contextmanager
def excel_engine() -> Iterator[Engine]:
    """Register the engine named "excel" that UDF conversions use, for the duration."""
    engine = Engine(impl=ComLikeEngine())
    xlwings.engines.add(engine)
    try:
        yield engine
    finally:
        xlwings.engines.engines.remove(engine)
        del xlwings.engines.engines_by_name["excel"]


def call_like_excel(function, *com_args):
    """What Excel receives when a formula calls ``function`` with these COM values.

    A single cell arrives as its value, a range or an array constant as a tuple of row
    tuples (as pywin32 hands over ``Range.Value``), an omitted argument as :data:`MISSING`.
    """
    info = function.__xlfunc__
    declared = info["args"]
    args = []
    for i, declaration in enumerate(declared):
        value = com_args[i] if i < len(com_args) else MISSING
        if value is MISSING:
            args.append(declaration.get("optional"))
        else:
            args.append(conversion.read(None, value, declaration["options"]))
    return conversion.write(function(*args), None, info["ret"]["options"])


class FakeWorkbook:
    """The few COM members of a workbook that xlwings.udfs.import_udfs touches."""

    Name = "xlperf_demo.xlsm"

    def __init__(self) -> None:
        self.vba = ""
        self.macro_options: list[tuple[str, dict]] = []
        book = self

        class Components:
            def __call__(self, name):
                raise ComError(f"no module {name}")  # first import: nothing to remove

            def Remove(self, component):  # noqa: N802 (COM name)
                raise AssertionError("nothing to remove")

            def Import(self, path):  # noqa: N802
                book.vba = Path(path).read_text()

        class Application:
            Version = "16.0"

            def MacroOptions(self, macro, **options):  # noqa: N802
                book.macro_options.append((macro, options))

        self.VBProject = types.SimpleNamespace(VBComponents=Components())
        self.Application = Application()


def import_functions(udfs: types.ModuleType, module: types.ModuleType) -> FakeWorkbook:
    """Run xlwings' real "Import Functions" (import_udfs) for ``module`` into a fake book."""
    udfs.udf_modules[UDF_MODULE] = {"module": module, "filename": module.__file__,
                                    "filetime": None}
    book = FakeWorkbook()
    try:
        udfs.import_udfs(UDF_MODULE, book)
    finally:
        udfs.udf_modules.pop(UDF_MODULE, None)
    return book
