"""Bad input in batch mode: every problem located and listed, one bad executive never loses
the others (with --keep-going), nothing rendered without it, never a traceback."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from xlperf.cli import main

from ..workbook.excel_saved import with_ids, with_part_changed
from .conftest import edit_cells, pdf_text, read_csv

PROTECTED = Path(__file__).parents[1] / "workbook" / "damaged" / "password-protected.xlsx"


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out, err)
    return code, out.getvalue(), err.getvalue()


def bad_book(demo_book, tmp_path):
    """E001's first weight and second target are text; E002's name is empty."""
    return edit_cells(demo_book, tmp_path / "bad.xlsx", {
        ("Indicators", "F5"): "abc", ("Indicators", "G6"): "lots",
        ("Executives", "B6"): None})


def test_errors_stop_the_run_and_are_all_listed_with_sheet_and_cell(demo_book, tmp_path):
    out = tmp_path / "out"
    code, text, err = run("report", bad_book(demo_book, tmp_path), "--out", out, "--jobs", "1")
    assert code == 1
    assert 'Indicators!F5: weight is "abc"' in text
    assert "Indicators!G6:" in text and "Executives!B6:" in text
    assert "Nothing rendered" in text and "Traceback" not in text + err
    assert not list(out.glob("*.pdf"))
    problems = read_csv(out / "errors.csv")
    cells = {(p["sheet"], p["cell"], p["executive"]) for p in problems
             if p["severity"] == "error"}
    assert {("Indicators", "F5", "E001"), ("Indicators", "G6", "E001"),
            ("Executives", "B6", "E002")} <= cells
    said = {p["cell"]: p["message_zh"] for p in problems}  # for the HR analyst, in Chinese
    assert said["F5"] == '权重：填写为 "abc"，应为数字' and said["B6"] == "姓名：未填写"


def test_errors_csv_reads_in_sheet_and_row_order(demo_book, tmp_path):
    """E006's business weights (Indicators F96:F110, found while appraising) come after
    the Indicators cells above them and before History, as the sheets run."""
    book = edit_cells(demo_book, tmp_path / "order.xlsx", {
        ("Indicators", "F5"): "abc", ("Indicators", "G6"): "lots", ("Executives", "B6"): None,
        ("Indicators", "F96"): 0.25, ("History", "C5"): "Z"})
    out = tmp_path / "out"
    run("report", book, "--out", out, "--jobs", "1")
    cells = [(p["sheet"], p["cell"]) for p in read_csv(out / "errors.csv")]
    assert cells[0] == ("Executives", "B6")
    indicators = [c for s, c in cells if s == "Indicators"]
    assert indicators == ["F5", "G6", "F96:F110"]  # its business rows only
    assert cells[-1] == ("History", "C5")


def test_keep_going_renders_every_valid_executive(demo_book, tmp_path):
    out = tmp_path / "out"
    code, text, _ = run("report", bad_book(demo_book, tmp_path), "--out", out, "--jobs", "1",
                        "--keep-going", "--only", "E001", "E002", "E003")
    assert code == 1  # not everything asked for was produced
    assert (out / "appraisal-E003.pdf").exists() and (out / "payout-E003.pdf").exists()
    assert not (out / "appraisal-E001.pdf").exists() and not (out / "appraisal-E002.pdf").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    status = {e["id"]: e for e in manifest["executives"]}
    assert status["E001"]["status"] == "invalid" and status["E002"]["status"] == "invalid"
    assert (status["E001"]["name"], status["E002"]["name"]) == ("王建国", "")  # E002's is blank
    assert any("Indicators!F5" in p for p in status["E001"]["problems"])
    assert status["E003"]["status"] == "reported" and status["E004"]["status"] == "skipped"
    assert manifest["ok"] is False
    ledger_ids = [row["ID"] for row in read_csv(out / "ledger.csv")]
    assert "E001" not in ledger_ids and len(ledger_ids) == 10
    summary = pdf_text(out / "summary.pdf")
    assert "未出具报告的人员" in summary and "Indicators!F5" in summary
    lines = pdf_text(out / "summary.pdf", layout=True).splitlines()
    # who was left out is said by id and name, on the row of their first problem
    assert any("E001" in line and "王建国" in line and "Indicators!F5" in line for line in lines)
    assert any("E002" in line and "Executives!B6" in line for line in lines)
    # in Chinese too: the cell's column named by its Chinese header (the PDF is bilingual)
    assert 'Indicators!F5（权重）：填写为 "abc"，应为数字' in summary
    assert "Executives!B6（姓名）：未填写" in summary
    # and said at the top, before any figure: the totals are not the company's
    words = " ".join(summary.split())
    assert words.index("Partial: 2 executive(s) left out for input errors") < words.index(
        "Grade distribution against the quotas")
    assert "totals and forced distribution here count the other 10 only" in words
    assert "部分结果：2 名高管因输入错误未纳入" in words
    assert "Partial:" not in pdf_text(run_demo_summary(demo_book, tmp_path))


def run_demo_summary(demo_book, tmp_path) -> Path:
    """The clean demo's summary (nobody left out)."""
    out = tmp_path / "clean"
    assert run("report", demo_book, "--out", out, "--jobs", "1", "--only", "E003")[0] == 0
    return out / "summary.pdf"


def test_only_an_unknown_id_is_an_error(demo_book, tmp_path):
    code, text, _ = run("report", demo_book, "--out", tmp_path / "out", "--only", "E999")
    assert code == 1 and (f"--only E999: no executive E999 is in {demo_book} (its IDs: E001, "
                          "E002, E003, E004, E005, E006, E007, E008 …)") in text
    # said as a mistyped id, not as errors --keep-going would get past
    assert "Nothing rendered: --only E999 names no executive of the workbook(s)" in text
    assert "--keep-going" not in text
    # ids are matched regardless of case: e003 is E003
    code, _, _ = run("report", demo_book, "--out", tmp_path / "low", "--only", "e003")
    assert code == 0 and (tmp_path / "low" / "payout-E003.pdf").exists()
    assert not (tmp_path / "low" / "payout-E004.pdf").exists()


def test_only_matches_ids_typed_full_width_or_in_any_case(demo_book, tmp_path):
    """--only ＥＸ００１ (a Chinese input method's full-width letters) and ex001 are EX001,
    as the reader reads IDs (rules.inputs.id_key); an ID that is none, typed full-width, is
    said as typed."""
    book = with_ids(demo_book, tmp_path / "ex.xlsx", {"E003": "EX001"})
    for asked in ("ＥＸ００１", "ex001", "ｅｘ００１"):
        out = tmp_path / f"out-{len(list(tmp_path.iterdir()))}"
        code, text, _ = run("report", book, "--out", out, "--jobs", "1", "--lang", "en",
                            "--only", asked)
        assert code == 0 and "--only" not in text
        assert sorted(p.name for p in out.glob("*.pdf")) == [
            "appraisal-EX001.pdf", "payout-EX001.pdf", "summary.pdf"]
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        status = {e["id"]: e["status"] for e in manifest["executives"]}
        assert status["EX001"] == "reported" and status["E001"] == "skipped"
    code, text, _ = run("report", book, "--out", tmp_path / "none", "--only", "ＥＸ００２")
    assert code == 1 and "--only ＥＸ００２: no executive ＥＸ００２ is in" in text


def test_an_executive_typed_full_width_in_a_second_workbook_is_paid_once(demo_book,
                                                                       tmp_path):
    """E001 typed ｅ００１ in another workbook of the same company and year is E001 (the
    ledger's duplicate check compares IDs as --only and the reader do)."""
    copy = resaved(demo_book, tmp_path / "d2" / "demo.xlsx", {("Executives", "A5"): "ｅ００１"})
    out = tmp_path / "out"
    code, text, _ = run("report", demo_book, copy, "--out", out, "--jobs", "1")
    assert code == 1
    assert f"error: {copy}: Executives!A5: executive e001 is also in {demo_book}" in text


def test_a_file_that_is_not_a_workbook(tmp_path):
    fake = tmp_path / "notes.xlsx"
    fake.write_text("not a zip")
    code, text, err = run("report", fake, "--out", tmp_path / "out")
    assert code == 1 and f"error: {fake} is not an xlsx workbook" in text
    assert "Traceback" not in text + err
    old = tmp_path / "old.xls"  # an Excel 97–2003 file starts with the OLE2 signature
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    code, text, _ = run("report", old, "--out", tmp_path / "out")
    assert code == 1 and "Excel 97–2003 workbook (.xls): open it in Excel and save it" in text
    code, text, _ = run("report", tmp_path / "missing.xlsx", "--out", tmp_path / "out")
    assert code == 1 and "no such workbook file" in text


def test_a_damaged_or_password_protected_workbook_is_said_so(demo_book, tmp_path):
    damaged = with_part_changed(demo_book, tmp_path / "damaged.xlsx",  # cut off mid-tag
                                "xl/worksheets/sheet2.xml", lambda data: data[: len(data) // 2])
    code, text, err = run("report", damaged, "--out", tmp_path / "out")
    assert code == 1 and f"{damaged}: the file is damaged: sheet Config: " in text
    assert "let Excel repair it" in text and "Traceback" not in text + err
    code, text, _ = run("report", PROTECTED, "--out", tmp_path / "out")
    assert code == 1 and "is protected by a password: open it in Excel, remove" in text


def nan_bonus(demo_book, target: Path) -> Path:
    """A copy of the demo whose Executives!F5 stores <v>NaN</v> as a number: openpyxl
    raises ValueError while streaming the sheet."""
    def change(data: bytes) -> bytes:
        found = re.search(rb'<c r="F5"[^>]*?(?:/>|>.*?</c>)', data, re.S)
        return data[:found.start()] + b'<c r="F5" t="n"><v>NaN</v></c>' + data[found.end():]

    return with_part_changed(demo_book, target, "xl/worksheets/sheet3.xml", change)


def test_a_workbook_openpyxl_cannot_stream_loses_no_other_workbooks_reports(demo_book,
                                                                           tmp_path):
    """A crafted cell in one workbook: that workbook is one located error (it was a
    traceback, and nothing written for the other workbook either); with --keep-going the
    other workbook is reported in full, without it nothing is rendered."""
    (tmp_path / "a").mkdir()
    crafted = nan_bonus(demo_book, tmp_path / "a" / "crafted.xlsx")
    said = (f"error: {crafted}: the file is damaged: Executives!F5 holds \"NaN\" stored as a "
            "number; open it in Excel, let Excel repair it and save it")
    out = tmp_path / "out"
    code, text, err = run("report", demo_book, crafted, "--out", out, "--keep-going",
                          "--lang", "en", "--only", "E001", "E002")
    assert code == 1 and said in text and "Traceback" not in text + err
    assert sorted(p.name for p in (out / "demo").glob("*.pdf")) == [
        "appraisal-E001.pdf", "appraisal-E002.pdf", "payout-E001.pdf", "payout-E002.pdf",
        "summary.pdf"]
    assert {row["Workbook"] for row in read_csv(out / "ledger.csv")} == {"demo.xlsx"}
    errors = read_csv(out / "errors.csv")
    assert [(e["workbook"], e["severity"]) for e in errors] == [(str(crafted), "error")]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {b["path"]: b["status"] for b in manifest["workbooks"]}[str(crafted)] == "unreadable"
    assert not list(out.rglob(".xlperf-*"))
    code, text, err = run("report", demo_book, crafted, "--out", tmp_path / "stop")
    assert code == 1 and said in text and "Nothing rendered" in text
    assert "Traceback" not in text + err and not list((tmp_path / "stop").rglob("*.pdf"))


def test_a_name_of_120000_characters_is_refused_and_the_others_are_reported(demo_book,
                                                                          tmp_path):
    """A crafted name far beyond any cell of Excel's: refused at its cell, said shortly in
    the summary's list of executives left out (laying it out made the run crawl)."""
    def change(data: bytes) -> bytes:
        found = re.search(rb'<c r="B5"[^>]*?(?:/>|>.*?</c>)', data, re.S)
        return (data[:found.start()] + b'<c r="B5" t="inlineStr"><is><t>' +
                "王".encode() * 120_000 + b"</t></is></c>" + data[found.end():])

    book = with_part_changed(demo_book, tmp_path / "long.xlsx", "xl/worksheets/sheet3.xml",
                             change)
    out = tmp_path / "out"
    code, text, err = run("report", book, "--out", out, "--keep-going", "--lang", "en",
                          "--only", "E002")
    assert code == 1 and "Traceback" not in text + err
    assert "Executives!B5: name is 120,000 characters long, expected at most 200" in text
    assert (out / "appraisal-E002.pdf").exists() and (out / "summary.pdf").exists()
    assert (out / "summary.pdf").stat().st_size < 1_000_000


def test_ids_one_after_normalisation_never_overwrite_each_others_files(demo_book, tmp_path):
    """E011 as 한 (one syllable) and E012 as 한 in three jamo (how macOS stores names): one
    file name on macOS; both are left out as listed twice, so neither PDF is written over
    the other, and the others are reported."""
    book = with_ids(demo_book, tmp_path / "ids.xlsx",
                    {"E011": "\ud55c", "E012": "\u1112\u1161\u11ab"})
    out = tmp_path / "out"
    code, text, err = run("report", book, "--out", out, "--keep-going", "--lang", "en",
                          "--only", "E001", "\ud55c")
    assert code == 1 and "Traceback" not in text + err
    assert "Executives!A16: executive id \ud55c is listed twice (also row 15)" in text
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "appraisal-E001.pdf", "payout-E001.pdf", "summary.pdf"]


def test_an_id_like_a_path_writes_nothing_outside_the_output_folder(demo_book, tmp_path):
    (tmp_path / "in").mkdir()
    book = edit_cells(demo_book, tmp_path / "in" / "book.xlsx",
                      {("Executives", "A6"): "../../escaped"})
    out = tmp_path / "in" / "out"
    code, text, _ = run("report", book, "--out", out, "--keep-going", "--jobs", "1")
    assert code == 1 and 'Executives!A6: executive id is "../../escaped"' in text
    assert sorted(p.name for p in tmp_path.rglob("*escaped*")) == []
    assert len(list(out.glob("appraisal-*.pdf"))) == 11


def test_only_is_not_doubted_for_a_workbook_that_could_not_be_appraised(demo_book, tmp_path):
    book = edit_cells(demo_book, tmp_path / "noyear.xlsx", {("Executives", "D2"): None})
    code, text, _ = run("report", book, "--out", tmp_path / "out", "--only", "E001")
    assert code == 1 and "Executives!D2: appraisal year" in text
    assert "--only E001" not in text


def test_missing_year_blocks_the_workbook_with_its_cell(demo_book, tmp_path):
    book = edit_cells(demo_book, tmp_path / "noyear.xlsx", {("Executives", "D2"): None})
    code, text, _ = run("report", book, "--out", tmp_path / "out", "--keep-going")
    assert code == 1 and "Executives!D2: appraisal year" in text
    assert not list((tmp_path / "out").glob("*.pdf"))


def test_several_workbooks_write_one_folder_each(demo_book, tmp_path):
    other = edit_cells(demo_book, tmp_path / "branch.xlsx", {("Executives", "B2"): "分公司"})
    out = tmp_path / "out"
    code, _, _ = run("report", demo_book, other, "--out", out, "--only", "E001", "--jobs", "2")
    assert code == 0
    assert (out / "demo" / "appraisal-E001.pdf").exists()
    assert (out / "branch" / "appraisal-E001.pdf").exists()
    assert (out / "demo" / "summary.pdf").exists() and (out / "branch" / "summary.pdf").exists()
    ledger = read_csv(out / "ledger.csv")
    assert {row["Workbook"] for row in ledger} == {"demo.xlsx", "branch.xlsx"}
    assert "分公司" in pdf_text(out / "branch" / "summary.pdf")


def test_progress_is_plain_lines_when_not_a_terminal(demo_book, tmp_path):
    code, _, err = run("report", demo_book, "--out", tmp_path / "out", "--only", "E002",
                       "--jobs", "1")
    assert code == 0
    lines = err.splitlines()
    assert lines == ["[1/2] E002 李雪梅", "[2/2] summary of demo.xlsx"]


def test_a_missing_compact_font_is_said_before_the_slow_run(demo_book, tmp_path, monkeypatch):
    # the files themselves are shared by the suite: only the CLI's question is answered no
    import xlperf.report.fonts

    monkeypatch.setattr(xlperf.report.fonts, "fonts_ready", lambda: False)
    code, _, err = run("report", demo_book, "--out", tmp_path / "out", "--only", "E002",
                       "--jobs", "1", "--lang", "en")
    assert code == 0
    assert err.splitlines()[0].startswith(
        "xlperf: the reports' compact CJK font is missing or out of date")
    assert "python -m xlperf.report.fonts" in err


def test_a_bad_plan_cell_stops_nobody_with_keep_going(demo_book, tmp_path):
    book = edit_cells(demo_book, tmp_path / "plan.xlsx", {("Plans", "F5"): "abc"})
    code, text, _ = run("report", book, "--out", tmp_path / "stop", "--only", "E002")
    assert code == 1 and "Plans!F5:" in text and not list((tmp_path / "stop").glob("*.pdf"))
    out = tmp_path / "out"
    code, text, _ = run("report", book, "--out", out, "--only", "E002", "--keep-going")
    assert code == 1  # the plan could not be checked: not everything asked for was produced
    assert (out / "appraisal-E002.pdf").exists() and (out / "summary.pdf").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["workbooks"][0]["status"] == "read"
    assert any("Plans!F5" in p for p in manifest["workbooks"][0]["problems"])


def test_without_a_config_sheet_the_demo_policy_is_used_with_a_warning(demo_book, tmp_path):
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(demo_book)
    del wb["Config"]
    for row in wb["Indicators"].iter_rows(min_row=5):
        if row[11].value == "CollectionCurve":  # a custom scoring table lives on Config
            row[11].value = None
    book = tmp_path / "noconfig.xlsx"
    wb.save(book)
    out = tmp_path / "out"
    code, text, _ = run("report", book, "--out", out, "--only", "E001", "--jobs", "1")
    assert code == 0, text
    assert "warning:" in text and "no Config sheet: the demo policy is used" in text
    assert any(p["sheet"] == "Config" and p["severity"] == "warning"
               for p in read_csv(out / "errors.csv"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["workbooks"][0]["policy"]["source"] == "demo policy (no Config sheet)"
    assert "demo policy (no Config sheet)" in " ".join(pdf_text(out / "summary.pdf").split())


def test_a_rerun_removes_what_the_earlier_run_wrote_so_no_stale_file_remains(demo_book,
                                                                              tmp_path):
    out = tmp_path / "out"
    assert run("report", demo_book, "--out", out, "--jobs", "1", "--lang", "en",
               "--only", "E001", "E003")[0] == 0
    (out / "notes.txt").write_text("mine", encoding="utf-8")  # not xlperf's: left alone
    # E001 is now invalid: its old PDFs must not stay beside the new run's files
    code, _, _ = run("report", bad_book(demo_book, tmp_path), "--out", out, "--jobs", "1",
                     "--lang", "en", "--keep-going", "--only", "E001", "E003")
    assert code == 1
    assert not (out / "appraisal-E001.pdf").exists() and not (out / "payout-E001.pdf").exists()
    assert (out / "appraisal-E003.pdf").exists() and (out / "notes.txt").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["ok"] is False
    # without --keep-going the errors stop the run: no old manifest, ledger or PDF is left
    assert run("report", bad_book(demo_book, tmp_path), "--out", out, "--jobs", "1")[0] == 1
    assert sorted(p.name for p in out.iterdir()) == ["errors.csv", "notes.txt"]


def test_an_unusable_output_folder_is_an_error_before_any_work(demo_book, tmp_path):
    a_file = tmp_path / "taken"
    a_file.write_text("x", encoding="utf-8")
    for out, reason in ((a_file, "it is a file, not a folder"),
                        (a_file / "below", "Not a directory")):
        code, _, err = run("report", demo_book, "--out", out, "--jobs", "1")
        assert code == 1 and "Traceback" not in err
        assert err == f"Error: cannot write to {out}: {reason}\n"


def test_two_workbooks_of_the_same_name_write_two_folders_and_are_told_apart(demo_book,
                                                                            tmp_path):
    books = []
    for company in ("a", "b"):  # two companies' workbooks, each named demo.xlsx
        (tmp_path / company).mkdir()
        books.append(edit_cells(demo_book, tmp_path / company / "demo.xlsx",
                                {("Executives", "B2"): f"Company {company}"}))
    out = tmp_path / "out"
    code, text, _ = run("report", *books, "--out", out, "--jobs", "1", "--lang", "en",
                        "--only", "E001")
    assert code == 0, text
    assert (out / "demo" / "payout-E001.pdf").exists()
    assert (out / "demo-2" / "payout-E001.pdf").exists()
    rows = read_csv(out / "ledger.csv")
    assert {row["Workbook"] for row in rows} == {str(b) for b in books}
    assert str(books[1]) in pdf_text(out / "demo-2" / "summary.pdf")
    # a later run over one workbook writes no subfolder: the two folders of the earlier run,
    # listed by its manifest, go (a user's own file keeps its folder)
    (out / "demo-2" / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, _ = run("report", books[0], "--out", out, "--jobs", "1", "--lang", "en",
                     "--only", "E001")
    assert code == 0 and not (out / "demo").exists()
    assert sorted(p.name for p in (out / "demo-2").iterdir()) == ["notes.txt"]
    assert (out / "payout-E001.pdf").exists()


@pytest.mark.parametrize(("paths", "folders"), [
    (["a/demo.xlsx", "b/demo.xlsx"], ["demo", "demo-2"]),
    # c's own name is demo-2: b takes demo-3, so no two companies share a folder
    (["a/demo.xlsx", "b/demo.xlsx", "c/demo-2.xlsx"], ["demo", "demo-3", "demo-2"]),
    (["a/Demo.xlsx", "b/demo.xlsx"], ["Demo", "demo-2"]),  # one folder on Windows and macOS
    (["errors.csv.xlsx", "ledger.xlsx.xlsx", "x.xlsx"], ["errors.csv-2", "ledger.xlsx-2", "x"]),
])
def test_each_workbook_of_a_run_writes_a_folder_of_its_own(paths, folders, tmp_path):
    """Several workbooks: each its own subfolder, whatever the names' case, and none named
    like a file of the run (a folder errors.csv would stop the run writing errors.csv)."""
    from xlperf.batch import _Book, _out_dirs

    books = [_Book(p, None, Path()) for p in paths]
    _out_dirs(books, tmp_path)
    assert [b.out_dir for b in books] == [tmp_path / f for f in folders]


def test_a_workbook_given_twice_or_copied_is_paid_once(demo_book, tmp_path):
    copy = tmp_path / "demo copy.xlsx"
    copy.write_bytes(demo_book.read_bytes())
    out = tmp_path / "out"
    code, text, _ = run("report", demo_book, demo_book, copy, "--out", out, "--keep-going")
    assert code == 1 and f"warning: {demo_book}: given twice: read once" in text
    assert f"error: {copy}: has the same content as {demo_book} (a copy?): left out" in text
    ledger = read_csv(out / "ledger.csv")
    assert sorted(row["ID"] for row in ledger) == [f"E{n:03}" for n in range(1, 13)]


def resaved(source: Path, target: Path, changes: dict | None = None) -> Path:
    """``source`` opened and saved again by openpyxl: the same executives in a file whose
    bytes (and sha256) differ."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return edit_cells(source, target, changes or {})


def test_a_resaved_copy_is_refused_by_its_executives(demo_book, tmp_path):
    """Two copies of one workbook saved apart: not byte-identical, still the same people of
    the same company and year. Each is an error at the later copy's ID cell naming the
    first workbook, so nothing renders."""
    copy = resaved(demo_book, tmp_path / "d2" / "demo.xlsx", {("Executives", "A16"): "e012"})
    out = tmp_path / "out"
    code, text, _ = run("report", demo_book, copy, "--out", out, "--jobs", "1")
    assert code == 1 and "Nothing rendered" in text
    assert (f"error: {copy}: Executives!A5: executive E001 is also in {demo_book}" in text)
    problems = [p for p in read_csv(out / "errors.csv") if " is also in " in p["message"]]
    assert {p["workbook"] for p in problems} == {str(copy)}
    assert {(p["cell"], p["executive"]) for p in problems} == {
        (f"A{4 + n}", f"E{n:03}") for n in range(1, 12)} | {("A16", "e012")}  # any case
    # (E012's rows on the other sheets are not e012's: their own errors, as in one book)
    assert not (out / "ledger.csv").exists()


def test_keep_going_pays_an_executive_of_two_workbooks_once(demo_book, tmp_path):
    """With --keep-going the later workbook's duplicates are left out with their reason;
    an executive of another year, or of another company, is a different appraisal."""
    year = int(openpyxl_value(demo_book, "Executives", "D2"))
    copy = resaved(demo_book, tmp_path / "d2" / "demo.xlsx")
    other_year = resaved(demo_book, tmp_path / "d3" / "demo.xlsx",
                         {("Executives", "D2"): year + 1})
    other_company = resaved(demo_book, tmp_path / "d4" / "demo.xlsx",
                            {("Executives", "B2"): "另一家公司 Other Co"})
    out = tmp_path / "out"
    code, _, _ = run("report", demo_book, copy, other_year, other_company, "--out", out,
                     "--jobs", "1", "--keep-going", "--only", "E001")
    assert code == 1
    ledger = read_csv(out / "ledger.csv")
    by_book = {book: sorted(r["ID"] for r in ledger if r["Workbook"] == str(book))
               for book in (demo_book, copy, other_year, other_company)}
    everyone = [f"E{n:03}" for n in range(1, 13)]
    assert by_book[demo_book] == by_book[other_company] == everyone and by_book[copy] == []
    twice = [p for p in read_csv(out / "errors.csv") if " is also in " in p["message"]]
    assert {p["workbook"] for p in twice} == {str(copy)}  # not other_year's (some of whose
    # executives have errors of their own a year on: grants, history)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    status = {(e["workbook"], e["id"]): e for e in manifest["executives"]}
    left_out = status[(str(copy), "E002")]
    assert left_out["status"] == "invalid"
    assert any(f"also in {demo_book}" in p for p in left_out["problems"])
    assert "E002" in pdf_text(out / "demo-2" / "summary.pdf")  # listed as not reported


def openpyxl_value(path: Path, sheet: str, cell: str):
    """One cell's value as stored."""
    import openpyxl

    return openpyxl.load_workbook(path, read_only=True)[sheet][cell].value


def test_an_executive_without_okr_rows_is_reported_without_an_okr_section(demo_book, tmp_path):
    """E001's OKR line carries its own actual (0.8) and its OKR rows are gone: the report
    has no OKR table, and the run goes on (it once stopped on the empty objective list)."""
    changes = {("Indicators", "H23"): 0.8}
    changes.update({("OKR", f"{col}{row}"): None for row in range(5, 10) for col in "ABCDEFG"})
    book = edit_cells(demo_book, tmp_path / "no-okr.xlsx", changes)
    out = tmp_path / "out"
    code, text, err = run("report", book, "--out", out, "--jobs", "1", "--lang", "en",
                          "--only", "E001")
    assert code == 0 and "Traceback" not in text + err
    report = pdf_text(out / "appraisal-E001.pdf")
    assert "王建国" in report and "Objectives and key results" not in report


def test_okr_rows_that_count_nowhere_are_said_in_the_report_and_errors_csv(demo_book,
                                                                           tmp_path):
    """E001's okr line becomes a ratio indicator: its OKR rows (score 0.72) still show, so
    the report and a warning say that they are not counted in the individual part."""
    book = edit_cells(demo_book, tmp_path / "okr-uncounted.xlsx", {
        ("Indicators", "I23"): "ratio", ("Indicators", "G23"): 100,
        ("Indicators", "H23"): 90})
    out = tmp_path / "out"
    code, text, _ = run("report", book, "--out", out, "--jobs", "1", "--lang", "en",
                        "--only", "E001")
    assert code == 0  # a warning does not fail the run
    warning, = [p for p in read_csv(out / "errors.csv") if p["sheet"] == "OKR"]
    assert (warning["executive"], warning["severity"]) == ("E001", "warning")
    assert "not counted" in warning["message"] and "not counted" in text
    report = " ".join(pdf_text(out / "appraisal-E001.pdf").split())
    assert "not counted: no individual indicator has the method okr" in report


def test_a_fault_laying_out_one_report_fails_that_executive_only(demo_book, tmp_path,
                                                                 monkeypatch):
    """A bug of ours in one executive's report (simulated: E002's layout raises) marks that
    executive failed; the others, the summary, ledger and manifest are still written."""
    import xlperf.batch as batch

    def faulty(statement, header, policy):
        if statement.appraisal.executive.id == "E002":
            raise ValueError("simulated fault")
        return real(statement, header, policy)

    real = batch.appraisal_report
    monkeypatch.setattr(batch, "appraisal_report", faulty)
    out = tmp_path / "out"
    code, text, err = run("report", demo_book, "--out", out, "--jobs", "1", "--lang", "en",
                          "--only", "E001", "E002", "E003")
    assert code == 1 and "Traceback" not in text + err
    assert (out / "appraisal-E001.pdf").exists() and (out / "appraisal-E003.pdf").exists()
    assert not (out / "appraisal-E002.pdf").exists() and (out / "summary.pdf").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    e002, = [e for e in manifest["executives"] if e["id"] == "E002"]
    assert e002["status"] == "failed" and "simulated fault" in " ".join(e002["problems"])
    # an error of E002's like any other: in errors.csv (in Chinese too) and the account
    name = e002["name"]
    said = f"E002 {name}: report could not be laid out: ValueError: simulated fault"
    assert f"error: {demo_book}: {said}\n" in text
    failed, = read_csv(out / "errors.csv")
    assert failed == {"workbook": str(demo_book), "sheet": "", "cell": "", "executive": "E002",
                      "severity": "error", "message": said,
                      "message_zh": f"E002 {name}：报告无法排版（ValueError: simulated fault）"}


def test_a_pdf_that_weasyprint_cannot_lay_out_fails_that_executive_only(demo_book, tmp_path,
                                                                        monkeypatch):
    """WeasyPrint raising while laying out one executive's PDF (simulated: E003's
    appraisal report, found by its HTML) fails that executive, said in errors.csv (in
    Chinese too) and the account; the others are rendered."""
    from xlperf.report.pdf import PdfRenderer

    def faulty(self, html, created):
        if "E003" in html and "E001" not in html:  # E003's own reports, not the summary
            raise AssertionError("simulated layout fault\nsecond line")
        return real(self, html, created)

    real = PdfRenderer.pdf
    monkeypatch.setattr(PdfRenderer, "pdf", faulty)
    out = tmp_path / "out"
    code, text, err = run("report", demo_book, "--out", out, "--jobs", "1", "--lang", "en",
                          "--only", "E002", "E003")
    assert code == 1 and "Traceback" not in text + err
    assert (out / "appraisal-E002.pdf").exists() and (out / "summary.pdf").exists()
    assert not list(out.glob("*-E003.pdf"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    e003, = [e for e in manifest["executives"] if e["id"] == "E003"]
    said = (f"E003 {e003['name']}: rendering failed: AssertionError: simulated layout fault "
            "second line")  # one line
    assert e003["status"] == "failed" and f"error: {demo_book}: {said}\n" in text
    failed, = read_csv(out / "errors.csv")
    assert (failed["executive"], failed["message"]) == ("E003", said)
    assert failed["message_zh"] == (f"E003 {e003['name']}：PDF 生成失败（AssertionError: "
                                    "simulated layout fault second line）")


def test_a_warning_in_the_summary_names_its_executive(demo_book, tmp_path):
    """A warning about one executive (E001's Part typed 经营业绩) is said in summary.pdf with
    the ID and name errors.csv gives it, not with blank ID and name."""
    book = edit_cells(demo_book, tmp_path / "warned.xlsx", {("Indicators", "B5"): "经营业绩"})
    out = tmp_path / "out"
    assert run("report", book, "--out", out, "--jobs", "1", "--only", "E001")[0] == 0
    [warning] = [p for p in read_csv(out / "errors.csv") if p["severity"] == "warning"]
    assert (warning["cell"], warning["executive"]) == ("B5", "E001")
    words = " ".join(pdf_text(out / "summary.pdf").split())
    assert 'E001 王建国: Indicators!B5: part is "经营业绩", read as business' in words


def test_the_summary_lists_the_first_left_out_executives_and_warnings_then_counts(
        demo_book, tmp_path, monkeypatch):
    """The summary's list of executives left out and of warnings is cut (the caps are made
    small here: 200 executives, 5 problems each, 200 warnings in use); what is not listed is
    counted and sent to errors.csv, in both languages, which keeps every problem."""
    import xlperf.report.summary_context as summary

    monkeypatch.setattr(summary, "INVALID_SHOWN", 1)
    monkeypatch.setattr(summary, "PROBLEMS_SHOWN", 2)
    monkeypatch.setattr(summary, "WARNINGS_SHOWN", 2)
    book = edit_cells(demo_book, tmp_path / "many.xlsx", {
        ("Indicators", "F5"): "abc", ("Indicators", "F6"): "x", ("Indicators", "F7"): "y",
        ("Executives", "B6"): None, ("Executives", "B7"): None,
        **{("Indicators", f"B{row}"): "经营业绩" for row in (8, 9, 10)}})
    out = tmp_path / "out"
    code, _, _ = run("report", book, "--out", out, "--jobs", "1", "--keep-going",
                     "--only", "E004")
    assert code == 1
    problems = read_csv(out / "errors.csv")
    e001 = [p for p in problems if p["executive"] == "E001" and p["severity"] == "error"]
    later = [p for p in problems if p["executive"] in ("E002", "E003")
             and p["severity"] == "error"]
    assert len(e001) >= 3 and later and len([p for p in problems
                                             if p["severity"] == "warning"]) == 3
    words = " ".join(pdf_text(out / "summary.pdf").split())
    assert "Partial: 3 executive(s) left out" in words  # counted, listed or not
    assert "Indicators!F5" in words and "Indicators!F7" not in words  # E001's first two
    assert f"… and {len(e001) - 2} more problem(s), not listed here: see errors.csv" in words
    assert f"另有 {len(e001) - 2} 个问题未在此列出，见 errors.csv" in words
    assert "Executives!B6" not in words and "Executives!B7" not in words  # E002, E003
    assert (f"… and 2 more executive(s) not reported ({len(later)} problem(s)), not listed "
            "here: see errors.csv.") in words
    assert f"另有 2 名未出具报告的高管（共 {len(later)} 个问题）未在此列出" in words
    assert "Indicators!B8" in words and "Indicators!B9" in words
    assert "Indicators!B10" not in words
    assert "… and 1 more warning(s), not listed here: see errors.csv." in words
    assert "另有 1 条提示未在此列出" in words


def test_a_workbook_of_junk_rows_gives_a_summary_of_a_few_pages(demo_book, tmp_path):
    """210 junk rows on Executives (an ID and a name, nothing else) with --keep-going: the
    summary lists 200 of them (a few pages, not one page per few rows: 10,000 such rows once
    made 900 pages), errors.csv every problem."""
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(demo_book)
    sheet = wb["Executives"]
    table = sheet.tables["tblExecutives"]
    for i in range(210):
        sheet.cell(17 + i, 1, f"J{i}")
        sheet.cell(17 + i, 2, f"junk{i}")
    table.ref = "A4:L226"
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref
    wb.save(tmp_path / "junk.xlsx")
    out = tmp_path / "out"
    code, _, _ = run("report", tmp_path / "junk.xlsx", "--out", out, "--jobs", "1",
                     "--keep-going", "--only", "E001", "--lang", "en")
    assert code == 1
    junk = [p for p in read_csv(out / "errors.csv") if p["executive"].startswith("J")]
    assert {p["executive"] for p in junk} == {f"J{i}" for i in range(210)}
    words = " ".join(pdf_text(out / "summary.pdf").split())
    assert "Partial: 210 executive(s) left out" in words
    assert "J199" in words and "J200 " not in words
    unlisted = len([p for p in junk if int(p["executive"][1:]) >= 200])
    assert f"… and 10 more executive(s) not reported ({unlisted} problem(s))" in words


def test_files_a_stopped_run_left_do_not_survive_the_next_run(demo_book, tmp_path):
    """Runs stopped before their manifest (Ctrl+C, SIGKILL) leave PDFs no manifest lists,
    and SIGKILL a temporary file. The next run removes xlperf's files wherever they would
    mix with its own: in DIR when it writes a folder per workbook (a stopped run over one
    workbook wrote there), in the book folders it does not write (a stopped run over other
    workbooks), and leftover .xlperf-*.tmp files. A folder with a file of the user's in it,
    and that file, stay."""
    other = edit_cells(demo_book, tmp_path / "branch.xlsx", {("Executives", "B2"): "分公司"})
    out = tmp_path / "out"
    assert run("report", demo_book, "--out", out, "--jobs", "1", "--lang", "en",
               "--only", "E001")[0] == 0
    pdf = (out / "appraisal-E001.pdf").read_bytes()
    (out / "manifest.json").unlink()  # as if stopped before writing it
    for stale in ("old/appraisal-E009.pdf", "old/payout-E009.pdf", "old/summary.pdf",
                  "old/.xlperf-abcd1234.tmp", "demo/appraisal-E012.pdf",
                  "mine/summary.pdf", ".xlperf-wxyz.tmp"):
        (out / stale).parent.mkdir(exist_ok=True)
        (out / stale).write_bytes(pdf)
    (out / "mine" / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, _ = run("report", demo_book, other, "--out", out, "--jobs", "1", "--lang", "en",
                     "--only", "E001")
    assert code == 0
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert files == [
        "branch/appraisal-E001.pdf", "branch/payout-E001.pdf", "branch/summary.pdf",
        "demo/appraisal-E001.pdf", "demo/payout-E001.pdf", "demo/summary.pdf",
        "errors.csv", "ledger.csv", "ledger.xlsx", "manifest.json",
        "mine/notes.txt", "mine/summary.pdf", "notes.txt"]
    # and back to one workbook after a stopped run over two: their folders go too
    (out / "manifest.json").unlink()
    (out / "branch" / ".xlperf-1234.tmp").write_bytes(b"half")
    code, _, _ = run("report", demo_book, "--out", out, "--jobs", "1", "--lang", "en",
                     "--only", "E002")
    assert code == 0
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert files == ["appraisal-E002.pdf", "errors.csv", "ledger.csv", "ledger.xlsx",
                     "manifest.json", "mine/notes.txt", "mine/summary.pdf", "notes.txt",
                     "payout-E002.pdf", "summary.pdf"]
