"""The core is pure: importing it loads no spreadsheet, template or PDF library."""

import pkgutil
import subprocess
import sys

import xlperf.rules

FORBIDDEN = ("openpyxl", "xlwings", "weasyprint", "jinja2", "pandas", "numpy")
# every module of xlperf.rules (but the vectorised path, which is pandas by design)
RULES = tuple(m.name for m in pkgutil.walk_packages(xlperf.rules.__path__, "xlperf.rules.")
              if m.name != "xlperf.rules.vectorised")
CORE = (*RULES, "xlperf.policy", "xlperf.model", "xlperf.errors", "xlperf.demo")


def test_importing_the_core_loads_no_io_library():
    assert len(RULES) > 30 and "xlperf.rules.china.soe" in RULES
    code = ("import importlib, sys\n"
            f"for name in {CORE!r}: importlib.import_module(name)\n"
            f"print(','.join(m for m in {FORBIDDEN!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ""


def test_only_the_vectorised_path_loads_pandas():
    code = "import sys, xlperf.rules.vectorised; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "True"
