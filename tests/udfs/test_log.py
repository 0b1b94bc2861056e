"""The full detail of an #XP! error reaches a log someone can read.

With the environment variable XLPERF_UDF_LOG naming a file, xlperf.udfs appends the
``xlperf.udfs`` log to it (UTF-8) from import on; without it nothing is opened and the detail
goes to standard error through Python's last-resort handler (xlwings' console). Each case
runs in a fresh interpreter, as Excel's UDF server would import the module.
"""

import logging
import os
import subprocess
import sys

import xlperf.udfs as xp
from xlperf.udfs.cells import LOG_VARIABLE, MAX_LOGGED

CALLS = """
import xlperf.udfs as xp
import xlperf.udfs.appraisal as appraisal
print(xp.XP_WEIGHTED([[50]] * 39, [[str(i)] for i in range(1, 40)]))
print(xp.XP_SCORE("未完成", 100))
appraisal.duty_report_score = lambda *args: 1 / 0  # a bug in the core
print(xp.XP_DUTY([[80, 90]]))
"""


def _python(code, log_path=None):
    env = {k: v for k, v in os.environ.items() if k != LOG_VARIABLE}
    if log_path is not None:
        env[LOG_VARIABLE] = str(log_path)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8", env=env, check=True, timeout=120)


def test_the_file_named_by_the_variable_holds_the_detail(tmp_path):
    log_file = tmp_path / "udf.log"
    done = _python(CALLS, log_file)
    weighted, score, duty = done.stdout.splitlines()
    assert weighted.startswith("#XP! weights add to 780%") and " … " in weighted
    assert score == '#XP! actual is "未完成", expected a number'
    assert duty == "#XP! internal error in xlperf (details in the xlperf.udfs log)"
    detail = log_file.read_text(encoding="utf-8")
    # what the cells cannot show: the whole list, the arguments, the traceback
    assert "WARNING xlperf.udfs: XP_WEIGHTED: weights add to 780%" in detail
    assert "38%, 39%)" in detail and "(arguments ([[50], [50]" in detail
    assert 'XP_SCORE: actual is "未完成", expected a number' in detail  # UTF-8
    assert "ERROR xlperf.udfs: XP_DUTY failed (arguments ([[80, 90]],))" in detail
    assert "Traceback (most recent call last)" in detail and "ZeroDivisionError" in detail
    assert done.stderr == ""  # the file has it: the last-resort handler stays quiet


def test_the_file_is_added_once(tmp_path):
    log_file = tmp_path / "udf.log"
    done = _python("import importlib, logging\n"
                   "import xlperf.udfs.cells as cells\n"
                   "importlib.reload(cells)\n"  # as xlwings reloads a changed UDF module
                   "cells.log_to_file()\n"
                   "print(len(logging.getLogger('xlperf.udfs').handlers))\n"
                   "import xlperf.udfs as xp\n"
                   "xp.XP_SCORE('abc', 100)\n", log_file)
    assert done.stdout.strip() == "1"
    assert log_file.read_text(encoding="utf-8").count("XP_SCORE: actual is") == 1


def test_an_unwritable_file_is_skipped(tmp_path):
    missing = tmp_path / "no such folder" / "udf.log"
    done = _python("import logging\n"
                   "import xlperf.udfs as xp\n"
                   "print(xp.XP_SCORE(1050, 1000), xp.XP_SCORE('abc', 100))\n"
                   "print(logging.getLogger('xlperf.udfs').handlers)\n", missing)
    assert done.stdout.splitlines() == ['105.0 #XP! actual is "abc", expected a number', "[]"]
    assert not missing.parent.exists()
    # the warning and the detail go to standard error instead
    assert f"{LOG_VARIABLE} names a file that cannot be written" in done.stderr
    assert 'XP_SCORE: actual is "abc", expected a number' in done.stderr


def test_without_the_variable_no_file_and_the_detail_on_standard_error():
    done = _python("import logging, xlperf.udfs as xp\n"
                   "print(logging.getLogger('xlperf.udfs').handlers)\n"
                   "print(xp.cells.log_to_file('  '))\n"  # a blank path: none either
                   "xp.XP_SCORE('abc', 100)\n")
    assert done.stdout.splitlines() == ["[]", "None"]
    assert 'XP_SCORE: actual is "abc", expected a number' in done.stderr


def test_a_column_of_bad_cells_logs_a_few_and_counts_the_rest(caplog):
    with caplog.at_level(logging.WARNING, logger="xlperf.udfs"):
        result = xp.XP_SCORE([["abc"]] * 1000, 100.0)
    assert all(r[0].startswith("#XP! actual is") for r in result)  # every cell says why
    messages = [r.getMessage() for r in caplog.records if r.name == "xlperf.udfs"]
    assert len(messages) == MAX_LOGGED + 1
    assert messages[-1] == (f"XP_SCORE: {1000 - MAX_LOGGED} more cells with errors (each shows "
                            "its #XP! message)")
