"""xlperf.udfs imports only xlwings, the core and the standard library (it must load in
xlwings Lite, i.e. Pyodide): checked in a fresh interpreter and in the source."""

import ast
import subprocess
import sys
from pathlib import Path

import xlperf.udfs

PACKAGE = Path(xlperf.udfs.__file__).parent
CORE = ("xlperf.rules", "xlperf.policy", "xlperf.errors", "xlperf.model", "xlperf.udfs")
NEVER = ("openpyxl", "weasyprint", "jinja2", "xlperf.rules.vectorised", "xlperf.workbook",
         "xlperf.report", "xlperf.batch")


def _run(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_importing_adds_only_the_core_and_the_standard_library():
    # xlwings itself loads pandas/numpy when they are installed; xlperf.udfs adds nothing
    # beyond the core and the standard library, and never the I/O libraries.
    out = _run(
        "import sys, xlwings\n"
        "before = set(sys.modules)\n"
        "import xlperf.udfs\n"
        "new = {m.split('.')[0] for m in set(sys.modules) - before}\n"
        "print(sorted(new - set(sys.stdlib_module_names) - {'xlperf'}))\n"
        f"print([m for m in {NEVER!r} if m in sys.modules])\n")
    assert out.splitlines() == ["[]", "[]"]


def test_works_without_pandas_and_numpy():
    # as in a bare xlwings Lite environment: block both, import, calculate
    out = _run(
        "import sys\n"
        "sys.modules['pandas'] = None; sys.modules['numpy'] = None\n"
        "from xlperf.udfs import XP_SCORE, XP_BONUS\n"
        "print(XP_SCORE([[1050], [None]], 1000), XP_BONUS(1, 1000.005))\n")
    assert out == "[[105.0], [None]] 1000.01"


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def test_the_source_imports_only_what_is_allowed():
    for path in sorted(PACKAGE.glob("*.py")):
        for name in _imports(path):
            top = name.split(".")[0]
            if top == "xlperf":
                assert name.startswith(CORE), f"{path.name} imports {name}"
            else:
                assert top == "xlwings" or top in sys.stdlib_module_names, (
                    f"{path.name} imports {name}")
