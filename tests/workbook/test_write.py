"""The generated workbooks: current, deterministic, and laid out as the formulas need."""

from __future__ import annotations

import dataclasses
import inspect
import io
import re
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

import xlperf.udfs as udfs
from xlperf.cli import main
from xlperf.errors import InputError
from xlperf.policy import DEMO_POLICY, policy_from_toml
from xlperf.rules.bonus import CoefficientTable
from xlperf.rules.grades import GradeTable
from xlperf.workbook import layout as L
from xlperf.workbook.write import workbook_bytes, write_demo, write_template, write_workbook

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = {"template.xlsx": write_template, "demo.xlsx": write_demo}

def _arity(function) -> tuple[int, int]:
    params = inspect.signature(function).parameters.values()
    return (sum(p.default is inspect.Parameter.empty for p in params), len(params))


# name -> (fewest, most) arguments, read from the real functions of xlperf.udfs
CATALOG = {name: _arity(getattr(udfs, name)) for name in udfs.__all__}


def members(data: bytes) -> list[tuple[str, bytes]]:
    """A package's parts, uncompressed, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(i.filename, archive.read(i)) for i in archive.infolist()]


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_workbooks_are_current(name, tmp_path):
    """Regenerate and compare part by part (uncompressed content, so a different zlib that
    compresses differently cannot fail it); run `xlperf workbook new` to refresh them."""
    fresh = SHIPPED[name](tmp_path / name)
    shipped = ROOT / "workbooks" / name
    assert members(shipped.read_bytes()) == members(fresh.read_bytes()), (
        f"workbooks/{name} is out of date: xlperf workbook new workbooks/{name} "
        f"{'--demo ' if 'demo' in name else ''}--force")


def test_writing_is_deterministic_across_processes(tmp_path):
    """Same input, same bytes: two runs with different hash seeds write identical files."""
    code = ("import sys; from xlperf.workbook.write import write_demo; "
            "write_demo(sys.argv[1])")
    for seed, name in (("1", "a.xlsx"), ("2", "b.xlsx")):
        subprocess.run([sys.executable, "-c", code, str(tmp_path / name)], check=True,
                       env={"PYTHONHASHSEED": seed, "PATH": ""})
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"2026-01-01T00:00:00Z" in archive.read("docProps/core.xml")


def load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path)


def test_sheets_tables_and_names(demo_path):
    wb = load(demo_path)
    assert wb.sheetnames == list(L.SHEET_ORDER)
    for name, layout in L.INPUT_LAYOUTS.items():
        ws = wb[name]
        assert list(ws.tables) == [layout.table]
        assert ws.tables[layout.table].ref.startswith(f"A{L.HEADER_ROW}:")
        assert [c.value for c in ws[L.HEADER_ROW]][:len(layout.columns)] == \
            list(layout.headers)
        assert ws.freeze_panes == f"B{L.FIRST_ROW}"
        assert all(ws.column_dimensions[layout.letter(c.field)].width == c.width
                   for c in layout.columns)
    names = set(wb.defined_names)
    assert {"GradeTable", "CoefTable", "PartWeights", "GroupWeights", "DefaultCurve",
            "DefaultBands", "Quotas", "GradeList", "CategoryList"} | set(L.CONFIG_SCALARS) \
        <= names
    assert wb.defined_names["GradeTable"].attr_text == "Config!$A$8:$B$12"
    grades = [row[0].value for row in wb["Config"]["A8:B12"]]
    assert grades == list("SABCD")
    conf = wb[L.XLWINGS_CONF]
    assert (conf["A1"].value, conf["B1"].value, conf["A2"].value) == ("UDF Modules",
                                                                      "xlperf.udfs", None)


def test_validation_lists_and_number_formats(demo_path):
    wb = load(demo_path)
    lists = {}
    for name in L.INPUT_LAYOUTS:
        for dv in wb[name].data_validations.dataValidation:
            lists[(name, str(dv.sqref).split(":")[0])] = dv.formula1
    assert lists[(L.INDICATORS, "I5")] == ('"ratio,inverse_ratio,curve,band,zero_tolerance,'
                                           'binary,rating,okr"')
    assert lists[(L.INDICATORS, "B5")] == '"business,individual"'
    assert lists[(L.INDICATORS, "C5")] == "=CategoryList"
    assert lists[(L.INDICATORS, "M5")] == '"TRUE,FALSE"'
    assert lists[(L.RATINGS, "B5")] == '"superior,peer,subordinate,上级,同级,下级"'
    assert lists[(L.HISTORY, "C5")] == "=GradeList"
    numbers = {(name, str(dv.sqref).split(":")[0]): (dv.operator, dv.formula1, dv.formula2)
               for name in L.INPUT_LAYOUTS for dv in wb[name].data_validations.dataValidation
               if dv.type == "decimal"}
    assert numbers[(L.EXECUTIVES, "G5")] == ("between", "0", "12")  # months served
    assert numbers[(L.EXECUTIVES, "F5")] == ("greaterThanOrEqual", "0", None)  # bonus standard
    assert numbers[(L.RATINGS, "C5")] == numbers[(L.DUTY, "B5")] == ("between", "0", "100")
    assert numbers[(L.OKR, "G5")] == ("between", "0", "1")  # key-result score
    assert numbers[(L.INDICATORS, "F5")] == ("greaterThanOrEqual", "0", None)  # weight
    assert wb[L.INDICATORS]["F5"].number_format == "0%"
    assert wb[L.EXECUTIVES]["F5"].number_format == '"¥"#,##0.00'
    assert wb[L.RESULTS]["M5"].number_format == '"¥"#,##0.00'
    # a coefficient read off a curve keeps up to 4 decimals, as the PDFs and ledger print it
    assert (wb[L.RESULTS]["L4"].value, wb[L.RESULTS]["L5"].number_format) == ("Coefficient",
                                                                             "0.00##")
    assert wb[L.CONFIG]["B26"].number_format == "0%"
    assert lists[(L.GRANTS, "C5")] == ('"stock_option,restricted_stock,performance_share,'
                                       "performance_unit,stock_appreciation_right,phantom_stock,"
                                       "deferred_cash,股票期权,限制性股票,业绩股票,业绩单位,"
                                       '股票增值权,虚拟股票,其他长期现金计划"')
    assert lists[(L.GRANTS, "S5")] == '"forfeit,pro rata,keep,没收,按比例,保留"'
    assert lists[(L.GRANTS, "T5")] == '"held,paid,none,暂扣,支付,无"'
    assert wb[L.EXECUTIVES]["F2"].number_format == "yyyy-mm-dd"
    assert wb[L.GRANTS]["D5"].number_format == "yyyy-mm-dd"
    assert wb[L.SHARE_PRICES]["B5"].number_format == "#,##0.00"


def formulas_of(path):
    wb = load(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, ArrayFormula):
                    yield ws.title, cell.coordinate, value.text, True
                elif isinstance(value, str) and value.startswith("="):
                    yield ws.title, cell.coordinate, value, False


def calls(formula: str):
    """(function name, argument count) of every XP_ call in a formula."""
    for match in re.finditer(r"(XP_[A-Z0-9_]+)\(", formula):
        depth, brackets, args, i = 1, 0, 1, match.end()
        if formula[i] == ")":
            args = 0
        quoted = False
        while depth:
            ch = formula[i]
            quoted = not quoted if ch == '"' else quoted
            if not quoted:
                depth += ch == "("
                depth -= ch == ")"
                brackets += (ch == "[") - (ch == "]")  # structured refs hold commas
                args += ch == "," and depth == 1 and brackets == 0
            i += 1
        yield match.group(1), args


def test_formulas_call_the_catalog_with_its_arguments(demo_path):
    seen = set()
    for sheet, cell, text, array in formulas_of(demo_path):
        for name, count in calls(text):
            low, high = CATALOG[name]
            assert low <= count <= high, (sheet, cell, name, count)
            seen.add(name)
        if "FILTER(" in text:
            assert array, f"{sheet}!{cell} uses FILTER outside an array formula"
            assert "FILTER(" not in text.replace("_xlfn._xlws.FILTER(", ""), (sheet, cell)
    assert seen == {"XP_SCORE", "XP_DEDUCT", "XP_WEIGHTED", "XP_360", "XP_DUTY", "XP_ANNUAL",
                    "XP_OKR", "XP_GRADE", "XP_CONSEC", "XP_QUOTA", "XP_COEF", "XP_BONUS",
                    "XP_EXTRA", "XP_DEFER", "XP_SETTLE", "XP_VESTED_QTY", "XP_CSRC_CHECK",
                    "XP_SOE_CHECK"}


def test_structured_references_name_real_columns(demo_path):
    """Every ``tblX[Header]`` / ``tblX[[#This Row],[Header]]`` in a formula names a column of
    that table, so renaming a header in layout.py cannot leave a formula pointing nowhere."""
    headers = {layout.table: set(layout.headers) for layout in L.INPUT_LAYOUTS.values()}
    headers[L.SCORING_TABLES] = set(L.SCORING_TABLE_HEADERS)
    found = set()
    for sheet, cell, text, _ in formulas_of(demo_path):
        for table, ref in re.findall(r"(tbl\w+)(\[(?:[^\[\]]|\[[^\]]*\])*\])", text):
            names = re.findall(r"\[([^\[\]#]+)\]", ref) or [ref[1:-1]]
            for name in names:
                assert name in headers[table], (sheet, cell, table, name)
                found.add((table, name))
    assert ("tblGrants", "Leaving date") in found and ("tblIndicators", "Weight") in found


def test_the_config_tables_are_passed_explicitly(demo_path):
    wb = load(demo_path)
    results = wb[L.RESULTS]
    row = {c.header: results.cell(L.FIRST_ROW, i + 1).value for i, c in
           enumerate(L.RESULT_COLUMNS)}
    assert "XP_GRADE(H5,GradeTable,J5,VetoCap)" in row["Grade"]
    assert "XP_COEF(K5,CoefTable)" in row["Coefficient"]
    assert "PartWeights" in row["Annual score"] and "GroupWeights" in row["360"].text
    assert "ExtraRate,ExtraCap" in row["Extra"]
    # the central-SOE deferral applies to an executive with SoePay rows, as in the batch
    soe = "COUNTIF(tblSoePay[ID],$A5)>0"
    assert f"XP_DEFER(O5,DeferralShare,{soe})" in row["Deferred"]
    assert "XP_SETTLE(O5,INDEX(tblExecutives[[Advance Q1]:[Advance Q3]]," in row["Due now"]
    assert row["Due now"].endswith(f",0),DeferralShare,{soe}))")
    assert "XP_CONSEC(S5:V5,ConsecWorst,ConsecYears,GradeTable)" in row["Consecutive-C"]
    score = wb[L.INDICATORS]["N5"].value
    for name in ("PerIncident", "ScoreFloor", "ScoreCap", "DefaultCurve", "DefaultBands",
                 "tblScoringTables"):
        assert name in score
    table = wb[L.INDICATORS].tables["tblIndicators"]
    assert "=" + table.tableColumns[-1].calculatedColumnFormula.attr_text == score


def test_a_policy_a_workbook_cannot_hold_is_refused():
    policy = policy_from_toml("[democratic]\nmin_raters = 2\n")
    with pytest.raises(InputError, match="democratic.min_raters = 2 cannot be written"):
        workbook_bytes(policy=policy)
    assert workbook_bytes(policy=DEMO_POLICY)


def test_a_policy_with_its_own_grade_names_is_written():
    """The policy's grade table joins the SOE rules' passing grades (a grade they do not know
    is an error there): that alone is no [soe] rule a workbook cannot hold."""
    policy = dataclasses.replace(
        DEMO_POLICY, grades=GradeTable.from_rows([("S", 95), ("A", 85), ("B+", 80), ("B", 75),
                                                  ("C", 60), ("D", 0)]),
        coefficients=CoefficientTable((("S", 1.5), ("A", 1.2), ("B+", 1.1), ("B", 1.0),
                                       ("C", 0.6), ("D", 0.0))))
    assert "B+" in policy.soe.passing_grades
    assert workbook_bytes(policy=policy)


def test_write_refuses_to_overwrite_and_other_suffixes(tmp_path):
    path = write_template(tmp_path / "t.xlsx")
    with pytest.raises(InputError, match="exists; use --force"):
        write_template(path)
    with pytest.raises(InputError, match="ending in .xlsx"):
        write_workbook(tmp_path / "t.xlsm")
    assert write_template(path, overwrite=True) == path
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]  # no temporary file left


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


def test_cli_workbook_new(tmp_path):
    target = tmp_path / "book.xlsx"
    assert run("workbook", "new", str(target), "--demo") == (
        0, f"wrote the demo workbook to {target}\n", "")
    assert run("workbook", "new", str(target)) == (
        1, "", f"Error: {target} exists; use --force to replace it\n")
    assert run("workbook", "new", str(target), "--force")[0] == 0
    assert load(target)[L.EXECUTIVES]["A5"].value is None


def test_a_template_for_a_larger_company(tmp_path):
    """--executives 120: Results carries formulas for 120 executives (rows 5–124), not 50,
    so a group of that size need not copy rows down; the demo keeps its own size."""
    target = tmp_path / "big.xlsx"
    assert run("workbook", "new", str(target), "--executives", "120")[0] == 0
    results = load(target)[L.RESULTS]
    assert str(results["A124"].value).startswith("=IFERROR(INDEX(tblExecutives[ID],ROW()-4)")
    assert results["A125"].value is None
    default = tmp_path / "default.xlsx"
    run("workbook", "new", str(default))
    last = L.FIRST_ROW + L.MIN_RESULT_ROWS - 1
    assert load(default)[L.RESULTS][f"A{last}"].value and \
        load(default)[L.RESULTS][f"A{last + 1}"].value is None
    assert run("workbook", "new", str(target), "--force", "--executives", "-3") == (
        1, "", "Error: executives for the Results sheet is -3, expected 0 to 5000\n")
    assert run("workbook", "new", str(target), "--force", "--demo", "--executives", "120") == (
        1, "", "Error: --executives is for the template; the demo keeps its own rows\n")
