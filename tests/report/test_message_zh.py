"""errors.csv's message_zh for the messages of files, the run and the reader's newer checks:
each produced for real (workbooks written by openpyxl or changed in their XML, the command
run as a user runs it) and said in Chinese (report/whole_text.py, report/problem_text.py)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import warnings
from pathlib import Path

import openpyxl
from openpyxl.worksheet.table import TableColumn

from xlperf.cli import main
from xlperf.workbook import layout as L

from ..workbook.conftest import rename_sheet
from ..workbook.excel_saved import excel_saved, garbled, with_ids, with_part_changed
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


def each_said_in_chinese(demo_book: Path, tmp_path: Path, cases: dict) -> None:
    """Run the command over one copy of the demo per case, changed by its cells
    ({(sheet, cell): value}), and check that errors.csv has a row at the case's "Sheet!Cell"
    (None: its first changed cell) whose message_zh ends with the case's Chinese."""
    books = {name: edit_cells(demo_book, tmp_path / f"{name}.xlsx", changes)
             for name, (changes, _, _) in cases.items()}
    out = tmp_path / "out"
    code, _ = run("report", *books.values(), "--out", out)
    assert code == 1
    for name, (changes, where, chinese) in cases.items():
        sheet, cell = next(iter(changes)) if where is None else where.split("!")
        rows = said(out, workbook=books[name], sheet=sheet, cell=cell)
        assert any(row["message_zh"].endswith(chinese) for row in rows), (name, rows)


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


def openpyxl_book(source: Path, target: Path, change) -> Path:
    """``source`` opened in openpyxl, changed by ``change(wb)`` and saved as ``target``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(source)
    change(wb)
    wb.save(target)
    return target


def _remark(wb) -> None:
    """A column "Remark" added at the right of the Indicators table, as Excel widens it."""
    ws = wb["Indicators"]
    table = ws.tables["tblIndicators"]
    table.ref = f"A4:O{table.ref.split(':')[1].lstrip('ABCDEFGHIJKLMN')}"
    table.autoFilter.ref = table.ref
    ws["O4"] = "Remark"
    table.tableColumns.append(TableColumn(id=len(table.tableColumns) + 1, name="Remark"))


def _below(wb) -> None:
    """A DutyReport row typed two rows below its table."""
    ws = wb["DutyReport"]
    last = int(ws.tables["tblDutyReport"].ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    ws[f"A{last + 2}"], ws[f"B{last + 2}"] = "E001", 10


def _shifted(wb) -> None:
    """The Executives table starting in column B."""
    table = wb["Executives"].tables["tblExecutives"]
    table.ref = table.autoFilter.ref = "B" + table.ref[1:]


def _sheets_alike(wb) -> None:
    rename_sheet(wb, "History", "History ")
    wb.create_sheet(" history")


def _scoring(wb) -> None:
    """CollectionCurve's rows on Config split by another table, one without a name."""
    ws = wb["Config"]
    ws["E9"], ws["E10"], ws["E11"] = None, "Other", "CollectionCurve"


WORKBOOKS = {  # what is changed: the Chinese said at a sheet!cell of the result
    "respelled": (lambda wb: rename_sheet(wb, "Config", " Config"),
                  "Config", '工作表 " Config" 已按 Config 读取：请改名为 Config（去掉空格）'),
    "optional": (lambda wb: wb.remove(wb["SoePay"]), "SoePay",
                 "缺少工作表 SoePay：按空表读取（不据此计算中长期激励、股权激励计划或央企薪酬"
                 "检查）；`xlperf workbook new` 可生成当前版本的模板"),
    "noconfig": (lambda wb: wb.remove(wb["Config"]), "Config",
                 "没有 Config 工作表：使用演示考核政策"),
    "noresults": (lambda wb: wb.remove(wb["Results"]), "Results",
                  "没有 Results 工作表：无可核对的公式结果"),
    "required": (lambda wb: wb.remove(wb["Executives"]), "Executives",
                 "缺少工作表 Executives：xlperf 工作簿须包含 Executives, Indicators, Ratings360, "
                 "DutyReport, OKR, History"),
    "alike": (_sheets_alike, "History",
              "工作表 'History ' 和 ' history' 都可能是 History：请将不是 History 的那一张改名"),
    "renamed": (lambda wb: rename_sheet(wb, "Exercises", "Exercise"), "Exercise!A4",
                "缺少工作表 Exercises，但它的表格 tblExercises 在工作表 Exercise 上：请将该工作表"
                "改名为 Exercises（xlperf 按工作表名称读取各表格）"),
    "header": (lambda wb: wb["Indicators"].__setitem__("F4", "Wt"), "Indicators!F4",
               '表头为 "Wt"，应为 "Weight"：请勿修改列名或移动列'),
    "below": (_below, "DutyReport!A66",
              "第 66 行在表格 tblDutyReport 之外（表格止于第 64 行）：公式和 xlperf 都读不到这一"
              "行；请扩展表格范围将其包含在内（表设计 › 调整表格大小）"),
    "remark": (_remark, "Indicators!O4",
               '表格 tblIndicators 中新增的列 O ("Remark") 不属于 xlperf 模板：已忽略（xlperf '
               "读取 ID–Score，即 A–N 列）"),
    "shifted": (_shifted, "Executives!A4",
                "Excel 表格 tblExecutives 在本工作表上应覆盖 A4:L…（实际为 B4:L16）；请从模板"
                "重新开始"),
    "scoring": (_scoring, "Config!E11",
                "评分表 CollectionCurve 的各行须连续排列（公式将其作为一个整体读取）"),
    "outside": (lambda wb: setattr(wb.defined_names["ScoreFloor"], "attr_text",
                                   "Config!$B$2400"), "Config!B2400",
                "ScoreFloor 超出了 xlperf 读取的 Config 区域（第 1–2000 行，A–Z 列）"),
    "prices": (lambda wb: wb["SharePrices"].__setitem__("B5", "abc"), "Grants!A5",
               "E001 的股权激励授予需按股价估值，而 SharePrices 工作表有错误（已在相应单元格"
               "列出）：请更正后再为其出具报告"),
    "resultcolumn": (lambda wb: wb["Results"].__setitem__("H4", "Score?"), "Results!A4",
                     "Results 第 4 行缺少列 Annual score（旧版模板？）：未做核对；"
                     "`xlperf workbook new` 可生成当前版本的模板"),
}


def test_sheets_and_tables_unlike_the_templates_are_said_in_chinese(demo_book, tmp_path):
    """Workbooks changed in openpyxl as a user might in Excel (a sheet renamed, removed or
    doubled, a header typed over, a row below a table, a column added, a table moved, Config
    and SharePrices mistyped, a Results header changed) and one saved by Excel whose Results
    stop early: each problem of theirs is said in Chinese in errors.csv."""
    books = {name: openpyxl_book(demo_book, tmp_path / f"{name}.xlsx", change)
             for name, (change, _, _) in WORKBOOKS.items()}
    saved = excel_saved(demo_book, tmp_path / "saved.xlsx",
                        {("Results", "A5"): "E001", ("Results", "A6"): "E003"})
    out = tmp_path / "out"
    code, _ = run("report", *books.values(), saved, "--out", out)
    assert code == 1
    for name, (_, where, chinese) in WORKBOOKS.items():
        sheet, _, cell = where.partition("!")
        rows = said(out, workbook=books[name], sheet=sheet, cell=cell)
        assert chinese in [row["message_zh"] for row in rows], (name, rows)
    # (the books being one company's of one year, their executives are also said paid twice)
    assert zh(out, "shows E003", workbook=saved, cell="A6") == (
        "Results 第 6 行显示 E003，而 Executives 表第 6 行是 E002：请重新计算工作簿")
    assert zh(out, "show nothing", workbook=saved, cell="A7").startswith(
        "Results 第 7–16 行没有显示内容，而 Executives 表的对应行列有 E003, E004, E005, E006, "
        "E007 …：Results 的公式没有延伸到这些行（模板预置 50 行）")
    # all these workbooks' problems are said in Chinese (ScoreFloor, read beyond Config's
    # part, as empty too)
    untold = [row["message"] for row in read_csv(out / "errors.csv") if not row["message_zh"]]
    assert untold == []


def test_a_summary_that_cannot_be_rendered_is_said_in_chinese(demo_book, tmp_path,
                                                              monkeypatch):
    """WeasyPrint failing on summary.pdf (simulated: the one document naming every
    executive): an error of the workbook, in Chinese too; the executives' PDFs are written."""
    from xlperf.report.pdf import PdfRenderer

    def faulty(self, html, created):
        if "E001" in html and "E012" in html:
            raise RuntimeError("simulated")
        return real(self, html, created)

    real = PdfRenderer.pdf
    monkeypatch.setattr(PdfRenderer, "pdf", faulty)
    out = tmp_path / "out"
    code, text = run("report", demo_book, "--out", out, "--jobs", "1", "--lang", "en",
                     "--only", "E003")
    assert code == 1 and "summary.pdf could not be rendered: RuntimeError: simulated" in text
    assert (out / "appraisal-E003.pdf").exists() and not (out / "summary.pdf").exists()
    assert zh(out, workbook=demo_book) == "汇总报告 summary.pdf 生成失败（RuntimeError: simulated）"


def test_cells_typed_by_hand_are_said_in_chinese(demo_book, tmp_path):
    """What a Chinese analyst types by hand and the reader reads with a warning: a part in
    Chinese, a veto 是, a negative target, a performance period of 2 years."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        grants = openpyxl.load_workbook(demo_book, read_only=True)["Grants"]
        psu = next(row[0].row for row in grants.iter_rows(min_row=5)
                   if row[1].value == "PSU-2024")
    period = f"{L.GRANTS_LAYOUT.letter('period_years')}{psu}"
    book = edit_cells(demo_book, tmp_path / "typed.xlsx", {
        ("Indicators", "B5"): "经营业绩", ("Indicators", "M9"): "是",
        ("Indicators", "G7"): -5, ("Grants", period): 2})
    out = tmp_path / "out"
    code, _ = run("report", book, "--out", out, "--jobs", "1", "--lang", "en", "--only", "E001")
    assert code == 0
    assert zh(out, sheet="Indicators", cell="B5") == (
        '部分：填写为 "经营业绩"，已按 business 读取；工作簿公式按填写的原样比较该单元格，'
        "会漏掉这一行：请改填 business")
    assert zh(out, sheet="Indicators", cell="M9") == (
        '一票否决：填写为 "是"，已按 TRUE 读取；工作簿公式只统计值为 TRUE 的单元格，会漏掉'
        "这一格：请从下拉列表中选择 TRUE")
    assert zh(out, sheet="Indicators", cell="G7") == (
        "目标值：填写为 -5，为负数：视为需要减少的亏损（完成率 = 100 + (实际 − 目标) ÷ |目标| × "
        "100，亏损越小得分越高）；如负号系误填，请删除")
    assert zh(out, sheet="Grants", cell=period).endswith(
        "：业绩考核期为 2 年：业绩考核期一般不少于 3 年")


def _history_out_of_order(demo_book: Path) -> dict:
    """E006's second History year typed as 2022, before its first."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(demo_book, read_only=True)["History"]
        rows = [row[0].row for row in ws.iter_rows(min_row=L.FIRST_ROW, max_col=1)
                if row[0].value == "E006"]
    return {("History", f"B{rows[1]}"): 2022}


def test_ids_years_and_plans_in_the_wrong_place_are_said_in_chinese(demo_book, tmp_path):
    """An ID unfit for file names, a History year out of order, the SoePay term's years and
    cells misplaced, a plan left unchecked: each in a workbook of its own (saved by
    openpyxl), all read in one run."""
    cases = {  # changes: (sheet!cell, Chinese)
        "chars": ({("Executives", "A6"): "../../escaped"}, "Executives!A6",
                  '填写为 "../../escaped"：编号用于命名报告文件，只能使用字母、数字及 "-"、"_"、'
                  '"."（最多 64 个字符，以字母或数字开头）'),
        "bytes": ({("Executives", "A10"): "\U00020000" * 61}, "Executives!A10",
                  "过长，无法用作报告文件名（UTF-8 编码为 244 字节，最多 200 字节）；请使用较短的"
                  "编号"),
        "history": (_history_out_of_order(demo_book), None,
                    "2022 年排在 2023 年之后：每位高管的历年记录请按年份从早到晚排列，每年一行"),
        "after": ({("SoePay", "B6"): 2027}, "SoePay!B6",
                  "2027 年晚于考核年度 2026：请只填写任期内截至考核年度的各年"),
        "leave": ({("SoePay", "D7"): 1_000_000}, "SoePay!D7",
                  "考核年度 2026 的这一格请留空：xlperf 检查的是该年度本身的兑现额和考核等级"),
        "empty": ({("SoePay", "E6"): None}, "SoePay!E6",
                  "未填写：任期内较早的年度需要填写绩效年薪和考核等级"),
        "this": ({("SoePay", "G6"): 5}, "SoePay!G6",
                 "应填在考核年度所在的行（任期截至考核年度 2026），而不是 2025 年的行"),
        "twice": ({("SoePay", "B5"): 2025}, "SoePay!B6",
                  "2025 年填写了两次（第 5 行和第 6 行）：任期内每年一行"),
        "noyear": ({("SoePay", "B9"): 2024, ("SoePay", "D9"): 600_000, ("SoePay", "E9"): "B"},
                   "SoePay!B8:B9", "没有考核年度 2026 的行：检查需要该年度的基本年薪"),
        "plan": ({("Plans", "F5"): "abc"}, "Plans!A6",
                 "激励计划“OPT-2024”未做检查：第 5 行的计划（公告日不晚于本计划）有错误，而其股份"
                 "计入本计划的额度"),
    }
    each_said_in_chinese(demo_book, tmp_path, cases)


def _first_rows(demo_book: Path, sheet: str) -> dict[str, list[int]]:
    """The rows of each executive on ``sheet``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(demo_book, read_only=True)[sheet]
        rows: dict[str, list[int]] = {}
        for row in ws.iter_rows(min_row=L.FIRST_ROW, max_col=1):
            if row[0].value:
                rows.setdefault(row[0].value, []).append(row[0].row)
    return rows


def test_plans_grants_and_share_prices_amiss_are_said_in_chinese(demo_book, tmp_path):
    grants, exercises = _first_rows(demo_book, "Grants"), _first_rows(demo_book, "Exercises")
    e001, e003, exercise = grants["E001"], grants["E003"], exercises["E001"][0]
    cases = {  # changes: {sheet!cell: Chinese}
        "soe": ({("Plans", "D6"): "国有控股"}, {
            "Plans!K6": "未填写：国有控股上市公司规则下的授予价格下限需要前1个交易日收盘价"}),
        "csrc": ({("Plans", "H5"): None}, {
            "Plans!H5": "未填写：证监会规则下的授予价格下限需要前1个交易日交易均价"}),
        "periods": ({("PlanPeriods", "D7"): 0.2, ("PlanPeriods", "A8"): "OPT-2099",
                     ("PlanPeriods", "C9"): 20}, {
            "PlanPeriods!D5:D7": "各期比例合计为 90%，应为授予总量的 100%",
            "PlanPeriods!A8": "激励计划“OPT-2099”不在 Plans 表中",
            "PlanPeriods!C9": "期间截止于第 20 个月，未晚于其起始的第 24 个月"}),
        "noperiods": ({("PlanPeriods", f"{c}{r}"): None for r in (8, 9, 10) for c in "ABCD"},
                      {"Plans!A6": "该计划没有解锁期或行权期：请在 PlanPeriods 表中添加相应的行"}),
        "planids": ({("Plans", "A6"): "RS-2023"}, {
            "Plans!A5": "激励计划编号“RS-2023”出现在第 5, 6 行：每个计划只填一行"}),
        "grants": ({("Grants", f"G{e001[2]}"): 12, ("Grants", f"G{e003[0]}"): None}, {
            f"Grants!G{e001[2]}": "业绩股票授予不适用价格：请留空",
            f"Grants!G{e003[0]}": "未填写：股票期权授予需要填写行权价格"}),
        "grantids": ({("Grants", f"B{e001[2]}"): "RS-2023",
                      ("Exercises", f"B{exercise}"): "OPT-2099"}, {
            f"Grants!B{e001[2]}": f"E001 的授予编号“RS-2023”重复（另见第 {e001[0]} 行）：每笔"
                                  "授予请使用不同的编号",
            f"Exercises!B{exercise}": "E001 的授予“OPT-2099”不在 Grants 表中"}),
        "prices": ({("SharePrices", "A10"): dt.datetime(2024, 3, 15)}, {
            "SharePrices!A10": "日期 2024-03-15 重复（另见第 8 行）：每个日期只填一行"}),
        "paydate": ({("Executives", "F2"): dt.datetime(2025, 12, 31)}, {
            "Executives!F2": "发放日：2025-12-31 早于考核年度 2026"}),
    }
    books = {name: edit_cells(demo_book, tmp_path / f"{name}.xlsx", changes)
             for name, (changes, _) in cases.items()}
    out = tmp_path / "out"
    code, _ = run("report", *books.values(), "--out", out)
    assert code == 1
    for name, (_, expected) in cases.items():
        for where, chinese in expected.items():
            sheet, cell = where.split("!")
            rows = said(out, workbook=books[name], sheet=sheet, cell=cell)
            assert any(row["message_zh"].endswith(chinese) for row in rows), (name, rows)


def test_a_compressed_part_that_cannot_be_unpacked_is_said_in_chinese(demo_book, tmp_path):
    """A sheet's compressed bytes garbled (a bad disk, a cut download): the damaged file,
    with zlib's own words kept inside the Chinese."""
    book = garbled(demo_book, tmp_path / "garbled.xlsx", "xl/worksheets/sheet3.xml", 0.05)
    out = tmp_path / "out"
    code, _ = run("report", book, "--out", out)
    assert code == 1
    assert re.fullmatch(f"{re.escape(str(book))}：文件已损坏：其中一个压缩部分无法解压（.+）；"
                        "请在 Excel 中打开，由 Excel 修复后保存", zh(out, workbook=book)), \
        zh(out, workbook=book)


def test_amounts_beyond_ten_to_the_fifteen_are_said_in_chinese(demo_book, tmp_path):
    """A bonus, a payout and a grant too large for a cell to hold to the cent, each with
    how it came (the formula's words in Chinese, its figures as they are)."""
    grants = _first_rows(demo_book, "Grants")
    cases = {"bonus": ({("Executives", "F5"): 8e14}, "Executives!F5",
                       "奖金（系数 1.5 × 绩效奖金标准 800,000,000,000,000 × 12/12 个月）超过 "
                       "10^15，金额过大"),
             "payout": ({("Executives", "F5"): 6.5e14}, "Executives!F5",
                        "应发合计（奖金 975,000,000,000,000 + 超额激励 78,000,000,000,000）超过 "
                        "10^15，金额过大"),
             "grant": ({("Grants", f"E{grants['E001'][0]}"): 1e14}, f"Grants!E{grants['E001'][0]}",
                       "授予价值（数量 100,000,000,000,000 × 授予日股价 16）超过 10^15，金额过大")}
    each_said_in_chinese(demo_book, tmp_path, cases)


def test_dates_lists_and_share_counts_on_the_incentive_sheets_are_said_in_chinese(demo_book,
                                                                                 tmp_path):
    """Closing words of the incentive sheets' cells (a date, a list, a count of shares),
    each typed wrong in a workbook of its own."""
    grants = _first_rows(demo_book, "Grants")["E001"][0]
    cases = {  # (sheet, cell): (value typed, Chinese)
        ("Grants", f"D{grants}"): ("abc", '授予日：填写为 "abc"，应为日期（如 2024-01-31）'),
        ("Grants", f"I{grants}"): (150, '填写为 150，应为文字，如 "graded 40/30/30"、"equal 3"、'
                                        '"cliff 36" 或 "monthly 48 cliff 12"'),
        ("Grants", f"T{grants}"): ("x", '填写为 "x"，应为下拉列表中的一项'),
        ("Exercises", "C5"): ("abc", '填写为 "abc"，应为日期（如 2024-01-31）'),
        ("Ratings360", "B5"): ("boss", '填写为 "boss"，应为 superior（上级）、peer（同级）或 '
                                       "subordinate（下级）"),
        ("Plans", "C5"): ("x", '填写为 "x"，应为 restricted_stock（限制性股票）或 '
                               "stock_option（股票期权）"),
        ("Plans", "D5"): ("x", '填写为 "x"，应为 csrc（证监会规则）或 soe（国有控股上市公司规则）'),
        ("Plans", "N5"): (0, "填写为 0，应为股数（大于 0）"),
        ("Plans", "P5"): ("x", '填写为 "x"，应为 TRUE 或 FALSE（留空即无）'),
        ("Executives", "F2"): ("abc", '发放日：填写为 "abc"，应为日期（如 2024-01-31）'),
    }
    books = {where: edit_cells(demo_book, tmp_path / f"{where[0]}{where[1]}.xlsx",
                               {where: value})
             for where, (value, _) in cases.items()}
    out = tmp_path / "out"
    code, _ = run("report", *books.values(), "--out", out)
    assert code == 1
    for (sheet, cell), (_, chinese) in cases.items():
        rows = said(out, workbook=books[sheet, cell], sheet=sheet, cell=cell)
        assert any(row["message_zh"].endswith(chinese) for row in rows), (sheet, cell, rows)


def test_configs_policy_is_said_in_chinese(demo_book, tmp_path):
    """Config's settings and tables left blank or mistyped, each in a workbook of its own:
    said whole, named by Config's own Chinese label and defined name."""
    cases = {  # changes: Chinese said in some row of the workbook's errors
        "floor": ({"B40": None}, "比率法下限（ScoreFloor）：未填写"),
        "deferral": ({"B49": 150}, "延期支付比例（DeferralShare）：填写为 150，应为 0–100% 的比例"
                                   "（填 40% 或 0.4）"),
        "years": ({"B45": -5}, "连续年数（ConsecYears）：填写为 -5，应不小于 1"),
        "extra": ({"B46": 150}, "超额激励比例（ExtraRate）：填写为 150，应为绩效奖金标准的倍数"
                                "（如 1、1.5 或 150%），最高 10"),
        "veto": ({"B43": "E"}, '一票否决后最高等级（VetoCap）：填写为 "E"，应为以下之一：S, A, B, '
                               "C, D"),
        "gradecolumn": ({"B9": "abc"}, '等级表（GradeTable）第 2 列：填写为 "abc"，应为数字'),
        "gradeorder": ({"B9": 99}, "等级 A 的最低分 99 应低于等级 S 的 95：请按从高到低的顺序"
                                   "列出等级，最低分依次递减"),
        "coefgrades": ({"A17": "X"}, "绩效系数表（CoefTable）的等级 ['X', 'A', 'B', 'C', 'D'] 与"
                                     "等级表（GradeTable）的等级 ['S', 'A', 'B', 'C', 'D'] 不一致"),
        "coefficient": ({"B18": -1}, "绩效系数表（CoefTable）等级 A 的系数：填写为 -1，应为零或"
                                     "正数"),
        "coeforder": ({"B18": 2}, "等级 A 的绩效系数（2）高于更高等级 S 的系数（1.5）：请按从高"
                                  "到低的顺序列出等级"),
        "quota": ({"B53": 150}, "强制分布（Quotas）S 的最高比例：填写为 150，应为 0–100% 的比例"
                                "（填 40% 或 0.4）"),
        "quotagrade": ({"A53": "X"}, '强制分布（Quotas）X 的等级：填写为 "X"，应为以下之一：S, A, '
                                     "B, C, D"),
        "cap": ({"B41": -500}, "上限 -500 低于下限 0"),
        "group": ({"A33": "boss"}, '评价人类别：填写为 "boss"，应为 superior（上级）、peer（同级）'
                                   "或 subordinate（下级）"),
        "partweight": ({"B26": -5}, "第 1 项权重：填写为 -5，应为零或正数"),
        "bands": ({"B67": 60}, "分档得分不得随完成率下限升高而降低：((80.0, 70.0), (90.0, 60.0), "
                               "(100.0, 100.0))"),
        "curve": ({"F9": 80}, "评分曲线各点的完成率须依次递增：85 之后为 80"),
    }
    books = {name: edit_cells(demo_book, tmp_path / f"{name}.xlsx",
                              {("Config", cell): value for cell, value in changes.items()})
             for name, (changes, _) in cases.items()}
    out = tmp_path / "out"
    code, _ = run("report", *books.values(), "--out", out)
    assert code == 1
    for name, (_, chinese) in cases.items():
        rows = said(out, workbook=books[name])
        assert any(row["message_zh"].endswith(chinese) for row in rows), (name, rows)


def test_grants_exercises_and_rules_in_force_are_said_in_chinese(demo_book, tmp_path):
    """A grant's cells against its instrument or its plan's, exercises beyond what vested,
    dates before the prices or the grant or far from any price, a plan smaller than its
    grants, and a pay date no bonus tax table xlperf knows applies on: each in a workbook of
    its own."""
    rs, option = _first_rows(demo_book, "Grants")["E001"][:2]  # RS-2023, OPT-2024
    cases = {  # changes: {sheet!cell: Chinese}
        "amount": ({("Grants", f"F{rs}"): 1000}, {
            f"Grants!F{rs}": "递延金额（元）：限制性股票授予不适用此项：请留空"}),
        "quantity": ({("Grants", f"E{rs}"): None}, {
            f"Grants!E{rs}": "未填写：限制性股票授予需要填写股数"}),
        "price": ({("Grants", f"G{rs}"): None}, {
            f"Grants!G{rs}": "未填写：限制性股票授予需要填写授予价格"}),
        "dividends": ({("Grants", f"T{rs}"): "none"}, {
            f"Grants!T{rs}": '填写为 "none"：限制性股票授予应为 held 或 paid'}),
        "instrument": ({("Grants", f"C{option}"): "restricted_stock"}, {
            f"Grants!C{option}": "授予“OPT-2024”为限制性股票，而 Plans 表中的计划 OPT-2024 为"
                                 "股票期权：计划下的授予须使用该计划的激励工具（或为该授予另取"
                                 "编号）",
            "Exercises!B5": "授予“OPT-2024”为限制性股票：只有股票期权和股票增值权才有行权记录"}),
        "schedule": ({("Grants", f"I{rs}"): "yearly"}, {
            f"Grants!I{rs}": '无法识别归属安排“yearly”：请填写 "graded 40/30/30"、"cliff 36"、'
                             '"equal 3"、"monthly 48 cliff 12"，或给出归属表'}),
        "leaving": ({("Grants", f"R{rs}"): dt.datetime(2020, 1, 1)}, {
            f"Grants!R{rs}": "离职日 2020-01-01 早于授予日 2023-03-15"}),
        "exercised": ({("Exercises", "D5"): 250_000}, {
            "Exercises!C5:D5": "股票期权授予“OPT-2024”（授予日 2024-04-01）：2026-06-15 行权 "
                               "250000 份后累计行权 250000 份，而截至当日仅归属 210000 份"}),
        "noprice": ({("Grants", f"D{rs}"): dt.datetime(2020, 3, 16)}, {
            f"Grants!D{rs}": "限制性股票授予“RS-2023”（授予日 2020-03-16）：2021-03-16 及之前"
                             "没有股价：SharePrices 表的股价从 2023-03-15 开始"}),
        "near": ({("SharePrices", "A8"): None, ("SharePrices", "B8"): None}, {
            f"Grants!D{rs}": "限制性股票授予“RS-2023”（授予日 2023-03-15）：2024-03-15 附近没有"
                             "股价：最近的是 2023-12-29 的 15.10（早 77 天）和 2024-04-01 的 "
                             "18.00（晚 17 天）。没有收盘价的日子（周末或节假日）取此前 10 天内"
                             "最近一次的收盘价：请在 SharePrices 表补充 2024-03-15 或之前最后"
                             "一个交易日的收盘价"}),
        "planshares": ({("Plans", "N5"): 150}, {
            "Plans!N5": "本计划股票总数（150）少于授予各激励对象的股数合计（460,000）"}),
        "close": ({("SharePrices", "B5"): None}, {
            "SharePrices!B5": "请填写收盘价或每股分红（或两者都填）"}),
        "taxtable": ({("Executives", "D2"): 2015, ("Executives", "F2"): dt.datetime(2015, 12, 31)},
                     {"Executives!F2": "2015-12-31 没有适用的全年一次性奖金税率表：xlperf 收录的"
                                       "适用期间为 2019-01-01 至 2027-12-31；规则更新后请升级 "
                                       "xlperf",
                      "History!B5": "2023 年不早于考核年度 2015：历年考核结果只填写考核年度之前"
                                    "的年度"}),
    }
    books = {name: edit_cells(demo_book, tmp_path / f"{name}.xlsx", changes)
             for name, (changes, _) in cases.items()}
    out = tmp_path / "out"
    code, _ = run("report", *books.values(), "--out", out)
    assert code == 1
    for name, (_, expected) in cases.items():
        for where, chinese in expected.items():
            sheet, cell = where.split("!")
            rows = said(out, workbook=books[name], sheet=sheet, cell=cell)
            assert any(chinese in row["message_zh"] for row in rows), (name, rows)


def test_indicator_okr_and_achievement_rows_amiss_are_said_in_chinese(demo_book, tmp_path):
    """A scoring table on a ratio row, a floor on a zero-tolerance row, a negative target of
    a lower-is-better row, an objective's weight differing between its rows, a long-term
    achievement typed as the amount."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(demo_book, read_only=True)["Indicators"]
        methods = [(row[0].row, row[8].value) for row in ws.iter_rows(min_row=5)]
    zero = next(row for row, method in methods if method == "zero_tolerance")
    inverse = next(row for row, method in methods if method == "inverse_ratio")
    cases = {  # changes: (sheet!cell, Chinese)
        "table": ({("Indicators", "L5"): "CollectionCurve"}, "Indicators!L5",
                  "评分表：评分表只适用于评分方法为 curve 或 band 的行，不适用于 ratio"),
        "floor": ({("Indicators", f"J{zero}"): 10}, f"Indicators!J{zero}",
                  "下限：下限和上限不适用于 zero_tolerance（零容忍扣分）行（由 XP_DEDUCT 计分）："
                  "请留空"),
        "inverse": ({("Indicators", f"G{inverse}"): -5}, f"Indicators!G{inverse}",
                    "目标值：填写为 -5：反向指标（越低越好）的目标值须为正数"),
        "okr": ({("OKR", "C5"): 0.5}, "OKR!C5:C7",
                "目标“新能源车型按期上市 Launch NEV models on time”各行的目标权重不一致：请在该"
                "目标的每个关键结果行填写相同的权重"),
        "achievement": ({("Executives", "I5"): 58000}, "Executives!I5",
                        "填写为 58000，不是完成率（最高 1000%）：请填写实际值 ÷ 目标值，如 125 或 "
                        "125%"),
    }
    each_said_in_chinese(demo_book, tmp_path, cases)


def _named(name: str, ref: str | None):
    """Config's defined name ``name`` deleted (``ref`` None) or pointed at ``ref``."""
    def change(wb) -> None:
        if ref is None:
            del wb.defined_names[name]
        else:
            wb.defined_names[name].attr_text = ref
    return change


def test_configs_defined_names_amiss_are_said_in_chinese(demo_book, tmp_path):
    """Config's defined names deleted or resized in Name Manager, each in a workbook of its
    own (saved by openpyxl)."""
    cases = {  # change: Chinese said at Config
        "missing": (_named("ScoreCap", None), "缺少定义名称 比率法上限（ScoreCap）：公式无法找到它"
                                              "（公式 › 名称管理器）"),
        "older": (_named("DeferralShare", None), "缺少定义名称 延期支付比例（DeferralShare）（旧版"
                                                 "模板）：与该工作簿的公式一样使用演示政策的 0；"
                                                 "`xlperf workbook new` 可生成当前版本的模板"),
        "narrow": (_named("GradeTable", "Config!$A$8:$A$12"), "等级表（GradeTable）应为 2 列宽"),
        "range": (_named("ExtraCap", "Config!$B$47:$B$48"),
                  "超额激励上限（ExtraCap）应为单个单元格"),
    }
    books = {name: openpyxl_book(demo_book, tmp_path / f"{name}.xlsx", change)
             for name, (change, _) in cases.items()}
    out = tmp_path / "out"
    run("report", *books.values(), "--out", out)
    for name, (_, chinese) in cases.items():
        rows = said(out, workbook=books[name], sheet="Config")
        assert chinese in [row["message_zh"] for row in rows], (name, rows)


def test_clawbacks_amiss_are_said_in_chinese(demo_book, tmp_path):
    """A Clawbacks row (the demo has none) dated before its grant, above the deferred amount
    or naming a grant that is not deferred cash, each in a workbook of its own."""
    cases = {  # the row's grant, date and amount: Chinese said in the workbook's errors
        "before": (("DC-2024", dt.datetime(2025, 1, 1), 1000),
                   "其他长期现金计划授予“DC-2024”（授予日 2025-03-31）：追索扣回的决定日 "
                   "2025-01-01 早于授予日"),
        "above": (("DC-2024", dt.datetime(2026, 1, 1), 100_000),
                  "其他长期现金计划授予“DC-2024”（授予日 2025-03-31）：追索扣回合计 100000.00 超过"
                  "递延金额 90000.00"),
        "kind": (("RS-2023", dt.datetime(2026, 1, 1), 1000),
                 "授予“RS-2023”为限制性股票：只有其他长期现金计划才有追索扣回"),
    }
    books = {name: edit_cells(demo_book, tmp_path / f"{name}.xlsx", {
        ("Clawbacks", "A5"): "E002", ("Clawbacks", "B5"): grant, ("Clawbacks", "C5"): day,
        ("Clawbacks", "D5"): amount, ("Clawbacks", "E5"): "test"})
        for name, ((grant, day, amount), _) in cases.items()}
    out = tmp_path / "out"
    code, _ = run("report", *books.values(), "--out", out)
    assert code == 1
    for name, (_, chinese) in cases.items():
        rows = said(out, workbook=books[name], executive="E002")
        assert chinese in [row["message_zh"] for row in rows], (name, rows)
