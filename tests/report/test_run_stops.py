"""A run that something stops from outside: a render worker killed, SIGTERM, a full disk, more
workers asked for than there are cores. Real runs in a subprocess; never a traceback, and no
half-written file is left."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from xlperf.files import TEMP_PREFIX

from .conftest import read_csv

ROOT = Path(__file__).resolve().parents[2]


def xlperf(*argv, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """``python -m xlperf.cli ARGV`` in a subprocess of its own."""
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [*(env or {}).pop("PREPEND", []), str(ROOT)]), **(env or {}))
    return subprocess.run([sys.executable, "-m", "xlperf.cli", *map(str, argv)],
                          capture_output=True, text=True, timeout=300, env=environment,
                          **kwargs)


# imported at start by every Python of the run (main process, fork server and so its
# workers): a render worker given E003's documents dies on the spot, as one the kernel's
# out-of-memory killer picks does (os._exit: no exception, no clean-up, the pool breaks)
KILLER = """
import multiprocessing, os
import xlperf.report.workers as workers

real = workers.render_job

def render_job(job):
    if (multiprocessing.parent_process() is not None
            and any(d.filename == "appraisal-E003.pdf" for d in job.documents)):
        os._exit(1)
    return real(job)

workers.render_job = render_job
"""


def test_a_worker_that_dies_fails_its_executive_only(demo_book, tmp_path):
    """E003's worker dies every time: the pool is restarted, the jobs it lost are tried again
    one by one, E003 (died again) is failed with the reason, everyone else is reported, and
    errors.csv, the summary, the ledger and the manifest are written. No traceback."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(textwrap.dedent(KILLER))
    out = tmp_path / "out"
    run = xlperf("report", demo_book, "--out", out, "--jobs", "2", "--lang", "en",
                 env={"PREPEND": [str(hook)]})
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    status = {e["id"]: e for e in manifest["executives"]}
    assert status["E003"]["status"] == "failed"
    said = ("the PDF renderer stopped unexpectedly (out of memory?) while rendering "
            "appraisal-E003.pdf and payout-E003.pdf, twice")
    assert said in " ".join(status["E003"]["problems"])
    others = [e for e in manifest["executives"] if e["id"] != "E003"]
    assert len(others) == 11 and all(e["status"] == "reported" for e in others)
    assert not (out / "appraisal-E003.pdf").exists()
    assert len(list(out.glob("appraisal-*.pdf"))) == 11 and (out / "summary.pdf").exists()
    assert (out / "ledger.csv").exists()
    [problem] = [p for p in read_csv(out / "errors.csv") if p["executive"] == "E003"]
    assert problem["severity"] == "error" and said in problem["message"]
    assert said in run.stdout and "Not everything was produced" in run.stdout
    assert not list(out.glob(f"{TEMP_PREFIX}*"))
