"""errors.csv's message_zh for the messages of files, the run and the reader's newer checks:
each produced for real (workbooks written by openpyxl or changed in their XML, the command
run as a user runs it) and said in Chinese (report/whole_text.py, report/problem_text.py)."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

from xlperf.cli import main

from ..workbook.excel_saved import with_ids, with_part_changed
from .conftest import edit_cells, read_csv

PROTECTED = Path(__file__).parents[1] / "workbook" / "damaged" / "password-protected.xlsx"


def run(*argv) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out, err)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, out.getvalue()


def said(out: Path, saying: str = "", **where) -> list[dict[str, str]]:
    """errors.csv's rows whose columns hold ``where``'s values (and whose message says
    ``saying``)."""
    return [row for row in read_csv(out / "errors.csv")
            if all(row[k] == str(v) for k, v in where.items()) and saying in row["message"]]


def zh(out: Path, saying: str = "", **where) -> str:
    """The message_zh of the one row of errors.csv at ``where`` (saying ``saying``)."""
    row, = said(out, saying, **where)
    assert row["message_zh"], row["message"]
    return row["message_zh"]


def cell_xml(source: Path, target: Path, cell: str, xml: bytes, part: str) -> Path:
    """A copy of ``source`` with the XML of ``cell`` in ``part`` replaced by ``xml``."""
    def change(data: bytes) -> bytes:
        found = re.search(rb'<c r="' + cell.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', data, re.S)
        return data[:found.start()] + xml + data[found.end():]

    return with_part_changed(source, target, part, change)


def test_files_that_are_no_workbook_are_said_in_chinese(tmp_path):
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    pipe = tmp_path / "pipe.xlsx"
    os.mkfifo(pipe)
    text = tmp_path / "notes.xlsx"
    text.write_text("not a zip")
    old = tmp_path / "old.xls"  # an Excel 97–2003 file starts with the OLE2 signature
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    missing = tmp_path / "missing.xlsx"
    out = tmp_path / "out"
    code, _ = run("report", folder, pipe, text, old, missing, PROTECTED, "--out", out)
    assert code == 1
    assert zh(out, workbook=folder) == (f"{folder} 是文件夹，不是工作簿：请指定其中的 .xlsx "
                                        f"文件（{folder}/*.xlsx）")
    assert zh(out, workbook=pipe) == (f"{pipe} 不是普通文件（而是管道、设备或套接字），"
                                      "不能作为工作簿读取")
    assert zh(out, workbook=text).startswith(f"{text} 不是 xlsx 格式的工作簿（")
    assert zh(out, workbook=old) == (f"{old} 是 Excel 97–2003 格式的工作簿（.xls）：请在 Excel "
                                     "中打开，另存为“Excel 工作簿（.xlsx）”")
    assert zh(out, workbook=missing) == f"找不到工作簿文件：{missing}"
    assert zh(out, workbook=PROTECTED) == (
        f"{PROTECTED} 设有密码保护：请在 Excel 中打开，取消密码（文件 › 信息 › 保护工作簿）后保存")


def test_damaged_and_crafted_workbooks_are_said_in_chinese(demo_book, tmp_path):
    cut = with_part_changed(demo_book, tmp_path / "cut.xlsx", "xl/worksheets/sheet2.xml",
                            lambda data: data[: len(data) // 2])
    nan = cell_xml(demo_book, tmp_path / "nan.xlsx", "F5", b'<c r="F5" t="n"><v>NaN</v></c>',
                   "xl/worksheets/sheet3.xml")
    entity = with_part_changed(demo_book, tmp_path / "entity.xlsx", "xl/worksheets/sheet3.xml",
                               lambda data: data.replace(
                                   b"<worksheet", b'<!DOCTYPE w [<!ENTITY a "a">]><worksheet',
                                   1))
    bomb = with_part_changed(demo_book, tmp_path / "bomb.xlsx", "xl/worksheets/sheet4.xml",
                             lambda data: data + b" " * 20 * 2**20)
    table = with_part_changed(demo_book, tmp_path / "table.xlsx", "xl/tables/table1.xml",
                              lambda data: data.replace(b'ref="E7:G11"', b'ref="E7:G"', 1))
    out = tmp_path / "out"
    code, _ = run("report", cut, nan, entity, bomb, table, "--out", out)
    assert code == 1
    assert zh(out, workbook=cut).startswith(f"{cut}：文件已损坏：工作表 Config：")
    assert zh(out, workbook=cut).endswith("；请在 Excel 中打开，由 Excel 修复后保存")
    assert zh(out, workbook=nan) == (f'{nan}：文件已损坏：Executives!F5 以数字类型存有 "NaN"，'
                                     "无法按该类型读取；请在 Excel 中打开，由 Excel 修复后保存")
    assert zh(out, workbook=entity).startswith(
        f"出于安全考虑，已拒绝读取 {entity}：文件含有 XML 实体声明（<!DOCTYPE …> / <!ENTITY …>）")
    assert zh(out, workbook=bomb) == (
        f"{bomb}：其中的组成部分 xl/worksheets/sheet4.xml 解压后超过 xlperf 对单个工作簿的读取"
        "上限；请确认这是考核工作簿")
    assert zh(out, workbook=table) == (
        f'{table}：Excel 表格 tblScoringTables 的范围是 "E7:G"，不是工作表中的一块单元格区域；'
        "请确认这是考核工作簿")


def test_an_unknown_only_id_is_said_in_chinese(demo_book, tmp_path):
    out = tmp_path / "out"
    code, text = run("report", demo_book, "--out", out, "--only", "E999", "E001")
    assert code == 1 and "--only E999: no executive E999" in text
    # (a cell starting with "-" is neutralised in errors.csv, English and Chinese alike)
    assert zh(out, executive="E999") == (f"'--only E999：{demo_book} 中没有编号为 E999 的高管（其中"
                                         "的编号有：E001, E002, E003, E004, E005, E006, E007, "
                                         "E008 …）")


def test_workbooks_given_twice_copied_or_paying_one_executive_twice(demo_book, tmp_path):
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(demo_book.read_bytes())
    resaved = edit_cells(demo_book, tmp_path / "resaved.xlsx", {})  # other bytes, same people
    out = tmp_path / "out"
    code, _ = run("report", demo_book, demo_book, copy, resaved, "--out", out, "--jobs", "1")
    assert code == 1
    assert zh(out, workbook=demo_book, severity="warning") == "重复指定了同一文件：只读取一次"
    assert zh(out, workbook=copy) == (f"与 {demo_book} 的内容完全相同（是副本？）：已排除，否则"
                                      "其中的高管会在台账中重复发放")
    english, = said(out, workbook=resaved, cell="A5")
    found = re.search(r"\((.+), (\d+)\): left out", english["message"])  # company, year
    assert zh(out, workbook=resaved, cell="A5") == (
        f"编号：高管 E001 也在 {demo_book}（{found[1]}，{found[2]} 年度）中：本工作簿已将其排除，"
        "否则台账中会重复发放；每位高管只应在一个工作簿中考核")
    assert all(row["message_zh"] for row in read_csv(out / "errors.csv"))  # all 12


def test_the_readers_text_and_id_checks_are_said_in_chinese(demo_book, tmp_path):
    """A name over its limit, IDs typed full-width or in another Unicode form, and one ID
    twice in two cases, in a workbook saved by openpyxl (the ids changed in the XML, so
    that the characters are stored exactly as given)."""
    book = with_ids(demo_book, tmp_path / "ids.xlsx", {"E011": "\u1112\u1161\u11ab"})  # 한
    book = edit_cells(book, tmp_path / "book.xlsx", {
        ("Executives", "B5"): "王" * 300, ("Executives", "A6"): "Ｅ００２",
        ("Executives", "A16"): "e010"})
    out = tmp_path / "out"
    code, _ = run("report", book, "--out", out, "--jobs", "1")
    assert code == 1
    assert zh(out, sheet="Executives", cell="B5") == "姓名：长度为 300 个字符，超过上限 200 个字符"
    id_column = zh(out, sheet="Executives", cell="A6").partition("：")[0]
    assert zh(out, sheet="Executives", cell="A6") == (
        f'{id_column}：填写为 "Ｅ００２"，已按 E002 读取；工作簿公式按填写的原样匹配编号，'
        "会漏掉这一行：请改填 E002")
    assert zh(out, sheet="Executives", cell="A15") == (
        f'{id_column}："\u1112\u1161\u11ab"（U+1112 U+1161 U+11AB）已按 \ud55c（U+D55C）读取，'
        "两者文字相同而 Unicode 编码形式不同；工作簿公式按填写的原样匹配编号，会漏掉这一行："
        "请重新输入该编号")
    assert zh(out, "listed twice", sheet="Executives", cell="A16") == (
        f"{id_column}：高管编号 e010 重复（另见第 14 行，写作 E010）")


def test_a_company_name_or_config_text_over_the_limit_is_said_in_chinese(demo_book, tmp_path):
    company = edit_cells(demo_book, tmp_path / "company.xlsx", {("Executives", "B2"): "公司" * 101})
    config = cell_xml(demo_book, tmp_path / "config.xlsx", "A8",
                      b'<c r="A8" t="inlineStr"><is><t>' + b"S" * 40_000 + b"</t></is></c>",
                      "xl/worksheets/sheet2.xml")
    out = tmp_path / "out"
    code, _ = run("report", company, config, "--out", out)
    assert code == 1
    assert zh(out, workbook=company, cell="B2") == "公司：长度为 202 个字符，超过上限 200 个字符"
    assert zh(out, workbook=config, sheet="Config", cell="A8") == (
        "文字长度为 40,000 个字符，超过上限 32,767 个字符（Excel 单元格最多可容纳的字符数）")


def test_okr_rows_counted_nowhere_are_said_in_chinese(demo_book, tmp_path):
    book = edit_cells(demo_book, tmp_path / "okr.xlsx", {
        ("Indicators", "I23"): "ratio", ("Indicators", "G23"): 100,
        ("Indicators", "H23"): 90})
    out = tmp_path / "out"
    code, _ = run("report", book, "--out", out, "--jobs", "1", "--lang", "en", "--only", "E001")
    assert code == 0
    english, = said(out, sheet="OKR", executive="E001")
    assert english["message"].startswith("OKR score 0.73 of E001 is shown")
    assert zh(out, sheet="OKR", executive="E001") == (
        "E001 的 OKR 得分 0.73 在报告中列示，但未计入考核：个人业绩指标中没有计分方法为 okr "
        "的指标（如需计入，请增加一行 okr 指标）")
