"""A run that something stops from outside: a render worker killed, SIGTERM, a full disk, more
workers asked for than there are cores. Real runs in a subprocess; never a traceback, and no
half-written file is left."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from xlperf.files import TEMP_PREFIX
from xlperf.report.workers import default_jobs

from .conftest import read_csv

ROOT = Path(__file__).resolve().parents[2]
# --jobs is capped at the cores: on one core the run renders in its own process, no workers
needs_workers = pytest.mark.skipif(default_jobs() < 2, reason="one core: no render workers")


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
# the same, once halfway through sending E003's PDFs back: the pool's reader waits for the
# rest of the message, which never comes (it used to hang the run)
KILLER_SENDING = """
import multiprocessing, multiprocessing.queues, os, struct
from multiprocessing.reduction import ForkingPickler
import xlperf.report.workers as workers

real, real_put, dying = workers.render_job, multiprocessing.queues.SimpleQueue.put, []

def render_job(job):
    result = real(job)
    if (multiprocessing.parent_process() is not None
            and any(d.filename == "appraisal-E003.pdf" for d in job.documents)):
        dying.append(True)
    return result

def put(self, obj):
    if dying:
        data = bytes(ForkingPickler.dumps(obj))
        os.write(self._writer.fileno(), struct.pack("!i", len(data)) + data[: len(data) // 2])
        os._exit(1)
    return real_put(self, obj)

workers.render_job = render_job
multiprocessing.queues.SimpleQueue.put = put
"""


@needs_workers
@pytest.mark.parametrize("killer", [KILLER, KILLER_SENDING], ids=["rendering", "sending"])
def test_a_worker_that_dies_fails_its_executive_only(demo_book, tmp_path, killer):
    """E003's worker dies every time: the pool is restarted, the jobs it lost are tried again
    one by one, E003 (died again) is failed with the reason, everyone else is reported, and
    errors.csv, the summary, the ledger and the manifest are written. No traceback."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(textwrap.dedent(killer))
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
    assert problem["message_zh"] == (f"E003 {status['E003']['name']}：PDF 生成失败：生成 "
                                     "appraisal-E003.pdf 和 payout-E003.pdf 时 PDF 渲染进程两次"
                                     "意外退出（内存不足？）；其他 PDF 不受影响")
    assert said in run.stdout and "Not everything was produced" in run.stdout
    assert not list(out.glob(f"{TEMP_PREFIX}*"))


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux /proc)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid] + [p for child in children for p in _tree(int(child))]


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@needs_workers
@pytest.mark.parametrize(("stop", "to_group", "status"), [
    (signal.SIGTERM, False, 143),  # kill PID, a service stopped
    (signal.SIGTERM, True, 143),  # a container or systemd unit stopped: every process
    (signal.SIGINT, True, 130),  # Ctrl+C in a terminal: the whole foreground group
])
def test_a_run_stopped_by_a_signal_stops_its_workers_and_leaves_whole_files(
        demo_book, tmp_path, stop, to_group, status):
    """SIGTERM stops a run as Ctrl+C does: the workers and the fork server are stopped,
    no temporary file is left, no manifest is written, one line says so, no traceback
    (from the command or from a worker)."""
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "xlperf.cli", "report", str(demo_book), "--out", str(out),
         "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)), start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 3:
        time.sleep(0.05)
    processes = _tree(process.pid)
    assert len(processes) >= 3  # the command, the fork server, its workers
    if to_group:
        os.killpg(process.pid, stop)
    else:
        process.send_signal(stop)
    _, err = process.communicate(timeout=60)
    assert process.returncode == status
    said = [line for line in err.splitlines() if line and not line.startswith("[")]
    assert said == [f"{'Interrupted' if status == 130 else 'Terminated'}: stopped; no files "
                    "were half-written (those written are complete, no manifest was "
                    "written): run the command again."], err
    assert not (out / "manifest.json").exists()
    for pdf in out.glob("*.pdf"):
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), pdf.name
    assert not list(out.glob(f"{TEMP_PREFIX}*"))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in processes):
        time.sleep(0.1)
    assert not [p for p in processes if _alive(p)]


def test_more_jobs_than_cores_are_capped_and_said_once(demo_book, tmp_path):
    cores = default_jobs()
    run = xlperf("report", demo_book, "--out", tmp_path / "out", "--jobs", "512",
                 "--only", "E001", "--lang", "en")
    assert run.returncode == 0, run.stderr
    said = [line for line in run.stderr.splitlines() if "--jobs" in line]
    assert said == [f"xlperf: --jobs 512: {cores} worker process(es), one per core this "
                    "process may use (more would only take turns)"]
    quiet = xlperf("report", demo_book, "--out", tmp_path / "two", "--jobs", "1",
                   "--only", "E001", "--lang", "en")
    assert quiet.returncode == 0 and "--jobs" not in quiet.stderr


# The command with its files limited to 16 KiB, so that writing the first PDF (about
# 50 KiB) fails with EFBIG ("File too large"; SIGXFSZ ignored, which would kill it): a real
# write error from the kernel, as a full disk gives one, with no disk to fill. Its render
# workers are forked from a fork server started before the limit, so they render freely.
SMALL_FILES = """
import multiprocessing, multiprocessing.forkserver, resource, signal, sys
multiprocessing.get_context("forkserver").set_forkserver_preload(
    ["xlperf.report.pdf", "xlperf.report.render"])
multiprocessing.forkserver.ensure_running()
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))
from xlperf.cli import main
sys.exit(main())
"""


@needs_workers
def test_a_failed_write_names_its_file_on_stderr_and_leaves_no_temporary(demo_book,
                                                                          tmp_path):
    """The first PDF cannot be written: the run stops with one line on stderr naming the
    file and the reason; nothing on stdout, no traceback, no temporary file, no manifest."""
    run = subprocess.run(
        [sys.executable, "-c", SMALL_FILES, "report", str(demo_book), "--out", "out",
         "--jobs", "2", "--only", "E001", "--lang", "en"], capture_output=True, text=True,
        timeout=300, cwd=tmp_path, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert run.returncode == 1
    assert run.stdout == ""
    lines = [line for line in run.stderr.splitlines() if not line.startswith("[")]
    assert len(lines) == 1 and lines[0].startswith("Error: could not write out/"), run.stderr
    assert lines[0].endswith(".pdf: File too large")
    out = tmp_path / "out"
    assert not list(out.glob(f"{TEMP_PREFIX}*")) and not (out / "manifest.json").exists()
    assert not list(out.glob("*.pdf"))
