"""The README opens with exactly the two commands a new user runs; CI runs the second."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def first_block() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.S).group(1)
    return block.strip().splitlines()


def test_two_commands_setup_and_main_job_then_setup_and_tests():
    main_job, tests = first_block()
    assert main_job.startswith("./bootstrap && ")
    assert "xlperf report workbooks/demo.xlsx" in main_job
    assert tests == "./bootstrap --dev && .venv/bin/python -m pytest"
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_main_job_runs_as_written(tmp_path):
    main_job, _ = first_block()
    command = main_job.split(" && ", 1)[1].split()
    assert command[0] == ".venv/bin/xlperf"
    out = tmp_path / "reports"
    exe = Path(sys.executable).with_name("xlperf")
    done = subprocess.run([str(exe), *command[1:-1], str(out), "--only", "E009"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (out / "appraisal-E009.pdf").exists() and (out / "manifest.json").exists()
