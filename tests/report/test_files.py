"""Atomic writes: a file is whole or absent; an interrupted run leaves no half-written file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from xlperf.files import TEMP_PREFIX, atomic_open, write_bytes_atomic


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "ledger.csv"
    write_bytes_atomic(target, b"old")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["ledger.csv"]


@pytest.mark.parametrize("presses", [1, 2])  # a second Ctrl+C once hung the pool's shutdown
def test_an_interrupted_run_leaves_only_whole_files(demo_book, tmp_path, presses):
    """Ctrl+C in the middle of a run: every file there is complete, no temporary remains."""
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "xlperf.cli", "report", str(demo_book), "--out", str(out),
         "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # a shell's background job starts with Ctrl+C ignored, and children inherit that
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 3:
        time.sleep(0.05)
    for _ in range(presses):
        process.send_signal(signal.SIGINT)
        time.sleep(0.05)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Interrupted" in err and "Traceback" not in err
    assert not (out / "manifest.json").exists()  # the run did not finish: no manifest
    pdfs = list(out.glob("*.pdf"))
    assert pdfs, err
    for pdf in pdfs:
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), pdf.name
    assert not [p for p in out.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_an_earlier_manifest_is_read_as_untrusted(tmp_path):
    """Only paths inside the output folder count, and only files xlperf writes are removed:
    a manifest naming ../ or an absolute path, or a file of the user's, deletes nothing."""
    import json

    from xlperf.batch import BOOK_FILES, RUN_FILES
    from xlperf.files import remove_listed
    from xlperf.outputs import listed_files

    out, outside = tmp_path / "out", tmp_path / "payout-X.pdf"
    (out / "book").mkdir(parents=True)
    outside.write_text("not in out")
    (out / "book" / "payout-E1.pdf").write_text("old")
    (out / "mine.docx").write_text("user's")
    (out / "manifest.json").write_text(json.dumps({"xlperf": "0", "files": [
        {"path": "book/payout-E1.pdf"}, {"path": "../payout-X.pdf"},
        {"path": str(outside)}, {"path": "mine.docx"}]}))
    listed = listed_files(out)
    assert listed == [out / "book" / "payout-E1.pdf", out / "mine.docx"]
    assert remove_listed(out, listed, RUN_FILES + BOOK_FILES) == ["book/payout-E1.pdf"]
    assert outside.exists() and (out / "mine.docx").exists() and not (out / "book").exists()
    (out / "manifest.json").write_text("{not json")
    assert listed_files(out) == []
