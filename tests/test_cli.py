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
