"""Atomic writes: a file is whole or absent; an interrupted run leaves no half-written file."""

from __future__ import annotations

import io
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


def test_a_manifest_path_through_a_linked_folder_deletes_nothing_there(tmp_path):
    """A planted manifest listing sub/x.pdf, where sub links to a folder elsewhere, must not
    reach through the link: the files there and their folder stay."""
    import json

    from xlperf.batch import BOOK_FILES, RUN_FILES
    from xlperf.files import remove_listed
    from xlperf.outputs import listed_files

    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    (elsewhere / "deep").mkdir(parents=True)
    for name in ("appraisal-X.pdf", "ledger.csv", "deep/summary.pdf"):
        (elsewhere / name).write_text("keep")
    out.mkdir()
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)
    (out / "manifest.json").write_text(json.dumps({"xlperf": "0", "files": [
        {"path": "sub/appraisal-X.pdf"}, {"path": "sub/deep/summary.pdf"},
        {"path": "sub/ledger.csv"}]}))
    assert remove_listed(out, listed_files(out), RUN_FILES + BOOK_FILES) == []
    assert sorted(str(p.relative_to(elsewhere)) for p in elsewhere.rglob("*")) == [
        "appraisal-X.pdf", "deep", "deep/summary.pdf", "ledger.csv"]


def test_a_link_named_like_an_output_is_replaced_not_followed(demo_book, tmp_path):
    """appraisal-E003.pdf in --out links to a file elsewhere: the run removes the link (not
    its target) and writes its own PDF there, so the run, and the next, still finish."""
    from xlperf.cli import main

    out, victim = tmp_path / "out", tmp_path / "victim.pdf"
    out.mkdir()
    victim.write_text("not xlperf's")
    (out / "appraisal-E003.pdf").symlink_to(victim)
    code = main(["report", str(demo_book), "--out", str(out), "--only", "E003", "--jobs", "1",
                 "--lang", "en"], io.StringIO(), io.StringIO())
    assert code == 0
    assert victim.read_text() == "not xlperf's"
    written = out / "appraisal-E003.pdf"
    assert not written.is_symlink() and written.read_bytes().startswith(b"%PDF")


def test_a_run_stopped_while_reading_leaves_no_earlier_manifest(demo_book, tmp_path,
                                                               monkeypatch):
    """The earlier run's manifest (saying ok) and the files it lists are gone before the
    first workbook is read, so a run stopped while reading (Ctrl+C on a slow share) leaves
    no manifest vouching for files this run never wrote. Reading is stopped here at its
    start, deterministically (a real slow read cannot be arranged on a local disk)."""
    import xlperf.workbook.read as reader
    from xlperf.batch import ReportOptions, run_report

    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    (out / "sub" / "payout-E1.pdf").write_text("old")
    (out / "manifest.json").write_text('{"xlperf": "0", "ok": true, "files": '
                                       '[{"path": "sub/payout-E1.pdf"}]}')
    seen = []

    def stopped_while_reading(path):
        seen.append(((out / "manifest.json").exists(), (out / "sub").exists()))
        raise KeyboardInterrupt

    monkeypatch.setattr(reader, "read_workbook", stopped_while_reading)
    with pytest.raises(KeyboardInterrupt):
        run_report([str(demo_book)], ReportOptions(out, jobs=1))
    assert seen == [(False, False)]
    assert not (out / "manifest.json").exists() and not (out / "sub").exists()
