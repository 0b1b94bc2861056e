"""The core is pure: importing it loads no spreadsheet, template or PDF library."""

import subprocess
import sys

FORBIDDEN = ("openpyxl", "xlwings", "weasyprint", "jinja2", "pandas", "numpy")
CORE = ("xlperf.rules.scoring", "xlperf.rules.composite", "xlperf.rules.democratic",
        "xlperf.rules.annual", "xlperf.rules.okr", "xlperf.rules.grades", "xlperf.rules.bonus",
        "xlperf.rules.money", "xlperf.rules.curves", "xlperf.rules.appraisal", "xlperf.policy",
        "xlperf.model", "xlperf.errors", "xlperf.demo")


def test_importing_the_core_loads_no_io_library():
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
