"""The command line: help, version, and the demo job."""

import io
import subprocess
import sys

from xlperf import __version__
from xlperf.cli import main


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_version_and_help_through_the_console_script():
    exe = __import__("pathlib").Path(sys.executable).with_name("xlperf")
    version = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"xlperf {__version__}"
    helptext = subprocess.run([exe, "--help"], capture_output=True, text=True, check=True)
    assert "usage: xlperf" in helptext.stdout and "demo" in helptext.stdout


def test_demo_prints_the_results_table():
    code, out, err = run("demo")
    assert code == 0 and err == ""
    assert "华夏汽车" in out
    lines = out.splitlines()
    assert lines[1].split()[:3] == ["ID", "Name", "Business"]
    assert len(lines) == 2 + 12
    assert any(line.startswith("E010") and "C (A)" in line and "veto" in line for line in lines)
    # the payout: bonus 1,350,000 + extra 108,000; due now after 40% deferred (an SOE
    # executive) and 337,500 of advances: 1,458,000 − 583,200 − 337,500 = 537,300
    assert "Payout" in lines[1].split()
    [e001] = [line.split() for line in lines if line.startswith("E001")]
    assert e001[-2:] == ["¥1,458,000.00", "¥537,300.00"]


def test_report_help_lists_the_exit_statuses_the_command_returns():
    from xlperf.batch import Terminated

    out = _help("report")
    statuses = [line.split()[0] for line in out.split("exit status:")[1].splitlines()
                if line.strip()[:1].isdigit()]
    assert statuses == ["0", "1", "2", "130"]
    assert f"; {Terminated.exit_status} stopped by SIGTERM" in out
    assert "capped" in out  # --jobs


def test_workbook_new_help_states_the_limits_the_code_enforces():
    from xlperf.model import ID_MAX_BYTES
    from xlperf.rules.inputs import MAX_LABEL_CHARS, MAX_NAME_CHARS
    from xlperf.workbook.layout import MAX_RESULT_ROWS, MIN_RESULT_ROWS

    out = " ".join(_help("workbook", "new").split())
    assert f"up to {MAX_RESULT_ROWS} (fewer than {MIN_RESULT_ROWS} keeps {MIN_RESULT_ROWS};" in out
    assert f"at most 64 characters, {ID_MAX_BYTES} bytes in UTF-8" in out
    assert f"company: at most {MAX_NAME_CHARS} characters" in out
    assert f"reason: at most {MAX_LABEL_CHARS}" in out


def _help(*command):
    import contextlib
    import io

    import pytest

    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as stop:
        main([*command, "--help"])
    assert stop.value.code == 0
    return out.getvalue()
