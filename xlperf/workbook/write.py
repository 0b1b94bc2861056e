"""Write the template and the demo workbook (openpyxl write-only mode, so 10,000 executives fit).

The output is deterministic: fixed document dates and zip member dates, so writing the same
inputs twice gives the same bytes. The file is written atomically (a temporary file in the
same folder, then a rename), so no half-written workbook is ever left behind.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.table import Table, TableColumn, TableFormula, TableStyleInfo
from openpyxl.writer.excel import ExcelWriter

from xlperf.errors import InputError
from xlperf.files import write_bytes_atomic
from xlperf.model import AppraisalInput
from xlperf.policy import DEMO_POLICY, Policy
from xlperf.rules.china.plans import CompanyPlan
from xlperf.rules.curves import Curve, StepTable
from xlperf.rules.democratic import SCORE_HIGH, SCORE_LOW
from xlperf.rules.inputs import MONTHS_IN_YEAR
from xlperf.rules.okr import KR_HIGH, KR_LOW
from xlperf.rules.scoring import METHODS
from xlperf.workbook import formulas, instructions
from xlperf.workbook import layout as L
from xlperf.workbook.config import ConfigGrid, config_grid
from xlperf.workbook.grant_rows import company_pay_date, incentive_rows
from xlperf.workbook.package import deterministic_zip
from xlperf.workbook.plan_rows import plan_rows
from xlperf.workbook.soe_pay import soe_pay_rows

FIXED_TIME = datetime.datetime(2026, 1, 1, 0, 0, 0)
VALIDATION_SPARE_ROWS = 500  # rows below the data that keep the drop-down lists
CALCULATED = {  # sheet: (the table's calculated column, its formula)
    L.INDICATORS: ("score", formulas.indicator_score),
    L.GRANTS: ("vested", formulas.grant_vested),
    L.PLANS: ("check", formulas.plan_check),
    L.SOE_PAY: ("check", formulas.soe_check),
}
# their formula uses FILTER: a single-cell array formula per row
ARRAY_CALCULATED = {L.PLANS, L.SOE_PAY}

STYLES = {
    "title": (Font(bold=True, size=14, color="1F3864"), None, None),
    "hint": (Font(italic=True, color="595959"), None, None),
    "section": (Font(bold=True, color="1F3864"), None, None),
    "header": (Font(bold=True), PatternFill("solid", fgColor="D9E1F2"), None),
    "label": (Font(color="404040"), None, Alignment(wrap_text=True, vertical="top")),
    "zh": (Font(bold=True, color="404040"), PatternFill("solid", fgColor="EDEDED"),
           Alignment(horizontal="center", wrap_text=True)),
    "input": (None, None, None),
    "formula": (Font(color="1F3864"), PatternFill("solid", fgColor="F2F2F2"), None),
    "formula_text": (Font(color="1F3864"), PatternFill("solid", fgColor="F2F2F2"),
                     Alignment(wrap_text=True, vertical="top")),
    "text": (None, None, Alignment(wrap_text=True, vertical="top")),
}


class SharedFormula(ArrayFormula):
    """A shared formula (``<f t="shared">``): the first cell of a column holds the text and
    the range, the others only point at it, so 190,000 indicator rows do not repeat a long
    formula. Spreadsheet applications write calculated columns this way themselves."""

    t = "shared"

    def __init__(self, ref: str | None, text: str, index: int = 0) -> None:
        super().__init__(ref, text)
        self.si = index

    def __iter__(self):
        yield "t", self.t
        if self.ref:
            yield "ref", self.ref
        yield "si", str(self.si)


def _cell(ws, value: object, style: str = "input", number_format: str | None = None):
    cell = WriteOnlyCell(ws, value=value)
    font, fill, alignment = STYLES[style]
    if font:
        cell.font = font
    if fill:
        cell.fill = fill
    if alignment:
        cell.alignment = alignment
    if number_format:  # a blank input cell too: what is typed there takes the format
        cell.number_format = number_format
    return cell


def _fraction(values: Sequence[float]) -> list[float]:
    """Weights given as percentages (adding to 100) become fractions for % cells."""
    total = sum(values)
    if total > 1.5:
        return [float(Decimal(str(v)) / 100) for v in values]
    return list(values)


def _name_tables(inputs: Sequence[AppraisalInput], names: Mapping[object, str]
                 ) -> dict[object, str]:
    found: dict[object, str] = {}
    for item in inputs:
        for ind in item.indicators:
            for table in (ind.params.curve, ind.params.bands):
                if table is not None and table not in found:
                    kind = "Curve" if isinstance(table, Curve) else "Bands"
                    count = sum(1 for t in found if isinstance(t, type(table))) + 1
                    found[table] = names.get(table, f"{kind}{count}")
    return found


def _table_points(table: Curve | StepTable) -> list[tuple[float, float]]:
    return list(table.points if isinstance(table, Curve) else table.steps)


def _executive_rows(inputs: Sequence[AppraisalInput]) -> list[list[object]]:
    rows = []
    for item in inputs:
        ex = item.executive
        advances: list[object] = [None] * len(L.ADVANCE_FIELDS)
        for quarter, paid in zip(item.advance_quarters, item.advances, strict=True):
            advances[quarter - 1] = paid
        rows.append([ex.id, ex.name, ex.name_en, ex.department, ex.title, ex.bonus_standard,
                     ex.months_served, ex.bonus_cap, L.in_percent_cell(ex.long_term_achievement),
                     *advances])
    return rows


def _indicator_rows(inputs: Sequence[AppraisalInput], tables: Mapping[object, str]
                    ) -> list[list[object]]:
    rows = []
    for item in inputs:
        weights: dict[str, list[float]] = {}
        for ind in item.indicators:
            weights.setdefault(ind.part, []).append(ind.weight)
        shares = {part: iter(_fraction(ws)) for part, ws in weights.items()}
        for ind in item.indicators:
            p = ind.params
            if any(v is not None for v in (p.per_incident, p.rating_low, p.rating_high)):
                raise InputError(f"indicator {ind.name}: a per-indicator deduction or rating "
                                 "scale cannot be written to a workbook")
            table = p.curve if ind.method == "curve" else p.bands if ind.method == "band" \
                else None
            rows.append([item.executive.id, ind.part, ind.category, ind.name, ind.unit or None,
                         next(shares[ind.part]), ind.target, ind.actual, ind.method, p.floor,
                         p.cap, tables.get(table) if table is not None else None,
                         True if ind.veto else None, "score"])
    return rows


def _okr_rows(inputs: Sequence[AppraisalInput]) -> list[list[object]]:
    rows = []
    for item in inputs:
        objective_weights = [o.weight for o in item.objectives]
        shares = (_fraction(objective_weights) if all(w is not None for w in objective_weights)
                  else [None] * len(objective_weights))
        for objective, share in zip(item.objectives, shares, strict=True):
            kr_weights = _fraction([kr.weight for kr in objective.key_results])
            for kr, weight in zip(objective.key_results, kr_weights, strict=True):
                rows.append([item.executive.id, objective.name, share,
                             objective.aligns_to or None, kr.name, weight, kr.score])
    return rows


def _input_rows(inputs: Sequence[AppraisalInput], tables: Mapping[object, str],
                policy: Policy, plans: Sequence[CompanyPlan]) -> dict[str, list[list[object]]]:
    return {
        L.EXECUTIVES: _executive_rows(inputs),
        L.INDICATORS: _indicator_rows(inputs, tables),
        L.RATINGS: [[i.executive.id, r.group, r.score] for i in inputs for r in i.ratings],
        L.DUTY: [[i.executive.id, s] for i in inputs for s in i.duty_panel],
        L.OKR: _okr_rows(inputs),
        L.HISTORY: [[i.executive.id, y.year, y.grade, y.score] for i in inputs
                    for y in i.history],
        **incentive_rows(inputs, policy.incentives),
        **plan_rows(plans, inputs),
        L.SOE_PAY: soe_pay_rows(inputs),
    }


def _dimension(ws, rows: int, columns: int) -> None:
    """Announce the sheet's used range (``<dimension>``): write-only sheets cannot know it
    before their rows are written, and readers that miss it scan the whole sheet for it."""
    ref = f"A1:{get_column_letter(max(columns, 1))}{max(rows, 1)}"
    ws.calculate_dimension = lambda: ref


def _columns(ws, widths: Iterable[float]) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def _print_setup(ws) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


_AMOUNT = (0, None, "an amount of zero or more 金额应为零或正数")
_WEIGHT = (0, None, "a weight of zero or more (30% or 0.3) 权重应为零或正数")
_SCORE = (SCORE_LOW, SCORE_HIGH, f"a score from {SCORE_LOW:g} to {SCORE_HIGH:g} "
          f"评分应在{SCORE_LOW:g}–{SCORE_HIGH:g}之间")
# Excel refuses typing outside the core's own ranges (the reader checks them again, by cell)
NUMBER_RULES = {  # (sheet, field): (lowest, highest or None, message)
    **{(L.EXECUTIVES, f): _AMOUNT for f in ("bonus_standard", "bonus_cap", "advance_q1",
                                             "advance_q2", "advance_q3")},
    (L.EXECUTIVES, "months_served"): (0, MONTHS_IN_YEAR, f"0 to {MONTHS_IN_YEAR} months "
                                      f"任职月数应在0–{MONTHS_IN_YEAR}之间"),
    (L.INDICATORS, "weight"): _WEIGHT,
    (L.RATINGS, "score"): _SCORE,
    (L.DUTY, "score"): _SCORE,
    (L.OKR, "objective_weight"): _WEIGHT,
    (L.OKR, "weight"): _WEIGHT,
    (L.OKR, "score"): (KR_LOW, KR_HIGH, f"a key-result score from {KR_LOW:.1f} to "
                       f"{KR_HIGH:.1f} 关键结果得分应在{KR_LOW:.1f}–{KR_HIGH:.1f}之间"),
    **{(L.SOE_PAY, f): _AMOUNT for f in ("base_salary", "performance_salary", "paid_now",
                                          "term_incentive")},
}


def _number_validations(ws, layout: L.SheetLayout, last: int) -> None:
    for column in layout.columns:
        rule = NUMBER_RULES.get((layout.name, column.field))
        if rule is None:
            continue
        low, high, message = rule
        kind = ("between", f"{high:g}") if high is not None else ("greaterThanOrEqual", None)
        dv = DataValidation(type="decimal", operator=kind[0], formula1=f"{low:g}",
                            formula2=kind[1], allow_blank=True, showErrorMessage=True,
                            errorTitle="xlperf", error=f"Expected {message}")
        letter = layout.letter(column.field)
        dv.add(f"{letter}{L.FIRST_ROW}:{letter}{last + VALIDATION_SPARE_ROWS}")
        ws.data_validations.append(dv)


def _validations(ws, layout: L.SheetLayout, last: int) -> None:
    lists = {
        "part": '"' + ",".join(L.PARTS) + '"',
        "method": '"' + ",".join(METHODS) + '"',
        "category": f"={L.CATEGORY_LIST}",
        "veto": '"TRUE,FALSE"',
        "group": '"' + ",".join(L.GROUPS) + '"',
        "grade": f"={L.GRADE_LIST}",
        "term_grade": f"={L.GRADE_LIST}",
        "instrument": '"' + ",".join(L.INSTRUMENTS) + '"',
        "on_leaving": '"' + ",".join(L.ON_LEAVING) + '"',
        "dividends": '"' + ",".join(L.DIVIDENDS) + '"',
        "regime": '"' + ",".join(L.REGIMES) + '"',
        "special_resolution": '"TRUE,FALSE"',
    }
    if layout is L.PLANS_LAYOUT:
        lists["instrument"] = '"' + ",".join(L.PLAN_INSTRUMENTS) + '"'
    for column in layout.columns:
        if column.field in lists:
            letter = layout.letter(column.field)
            dv = DataValidation(type="list", formula1=lists[column.field], allow_blank=True,
                                showErrorMessage=True, errorTitle="xlperf",
                                error="Choose a value from the list 请从列表中选择")
            dv.add(f"{letter}{L.FIRST_ROW}:{letter}{last + VALIDATION_SPARE_ROWS}")
            ws.data_validations.append(dv)


def _table(ws, layout: L.SheetLayout, last: int, calculated: tuple[str, str] | None,
           array: bool = False) -> None:
    ref = f"A{L.HEADER_ROW}:{layout.last_letter}{last}"
    table = Table(displayName=layout.table, ref=ref, autoFilter=AutoFilter(ref=ref))
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    for i, column in enumerate(layout.columns, start=1):
        col = TableColumn(id=i, name=column.header)
        if calculated and column.field == calculated[0]:
            col.calculatedColumnFormula = TableFormula(attr_text=calculated[1][1:],
                                                       array=True if array else None)
        table.tableColumns.append(col)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws.add_table(table)


def _input_sheet(ws, layout: L.SheetLayout, rows: list[list[object]],
                 top: list[list[object]] | None = None) -> None:
    field, formula = CALCULATED.get(layout.name, (None, lambda: ""))
    calculated = (field, formula()) if field else None
    array = layout.name in ARRAY_CALCULATED
    _dimension(ws, L.FIRST_ROW - 1 + max(len(rows), 1), max(len(layout.columns), len(top or ())))
    _columns(ws, (c.width for c in layout.columns))
    ws.freeze_panes = f"B{L.FIRST_ROW}"
    _print_setup(ws)
    ws.append([_cell(ws, layout.title, "title")])
    ws.append(top or [_cell(ws, layout.hint, "hint")])
    ws.append([_cell(ws, c.label, "zh") for c in layout.columns])
    ws.append([_cell(ws, c.header, "header") for c in layout.columns])
    last = L.FIRST_ROW + max(len(rows), 1) - 1
    letter = layout.letter(field) if field else ""
    formula_range = f"{letter}{L.FIRST_ROW}:{letter}{last}"
    for r, values in enumerate(rows or [[None] * len(layout.columns)], start=L.FIRST_ROW):
        cells = []
        for column, value in zip(layout.columns, values, strict=True):
            if calculated and column.field == field and array:
                cells.append(_cell(ws, ArrayFormula(f"{letter}{r}", calculated[1]),
                                   "formula_text", column.number_format))
            elif calculated and column.field == field:
                shared = SharedFormula(formula_range, calculated[1]) if r == L.FIRST_ROW \
                    else SharedFormula(None, "=")
                cells.append(_cell(ws, shared, "formula", column.number_format))
            else:
                cells.append(_cell(ws, value, "input", column.number_format))
        ws.append(cells)
    _table(ws, layout, last, calculated, array)
    _validations(ws, layout, last)
    _number_validations(ws, layout, last)


def _results_sheet(ws, rows: int, quotas: Sequence[str]) -> None:
    _dimension(ws, L.FIRST_ROW - 1 + rows,
               L.QUOTA_FIRST_COLUMN + 3 if quotas else len(L.RESULT_COLUMNS))
    _columns(ws, [c.width for c in L.RESULT_COLUMNS] + [3, 10, 8, 8, 8])
    ws.freeze_panes = f"C{L.FIRST_ROW}"
    _print_setup(ws)
    ws.append([_cell(ws, "Results 考核结果 — XP_ formulas, do not type over them 公式计算，"
                         "请勿覆盖", "title")])
    ws.append([_cell(ws, "Row 5 shows the first executive of the Executives table, row 6 the "
                         "second … Copy the last row down for more executives. "
                         "每行对应高管名单中的同序号高管。", "hint")])
    quota_zh = ["强制分布", "人数", "允许", "结论"]
    quota_en = ["Quota", "Count", "Allowed", "Status"]
    ws.append([_cell(ws, c.label, "zh") for c in L.RESULT_COLUMNS] + [None]
              + [_cell(ws, t, "zh") for t in quota_zh])
    ws.append([_cell(ws, c.header, "header") for c in L.RESULT_COLUMNS] + [None]
              + [_cell(ws, t, "header") for t in quota_en])
    last = L.FIRST_ROW + rows - 1
    first_quota = get_column_letter(L.QUOTA_FIRST_COLUMN)
    last_quota = get_column_letter(L.QUOTA_FIRST_COLUMN + 3)
    for row in range(L.FIRST_ROW, last + 1):
        cells = []
        for column, (text, array) in zip(L.RESULT_COLUMNS, formulas.result_formulas(row),
                                         strict=True):
            value = ArrayFormula(f"{get_column_letter(len(cells) + 1)}{row}", text) \
                if array else text
            cells.append(_cell(ws, value, "formula", column.number_format))
        if row == L.FIRST_ROW and quotas:
            ref = f"{first_quota}{row}:{last_quota}{row + len(quotas) - 1}"
            cells += [None, _cell(ws, ArrayFormula(ref, formulas.quota_check(L.FIRST_ROW, last)),
                                  "formula")]
        ws.append(cells)


def _config_sheet(ws, grid: ConfigGrid) -> None:
    _columns(ws, (34, 14, 22, 3, 18, 13, 10, 3, 14, 30, 11))
    _print_setup(ws)
    last_row = max(r for r, _ in grid.cells)
    last_col = max(c for _, c in grid.cells)
    _dimension(ws, last_row, last_col)
    for r in range(1, last_row + 1):
        row = []
        for c in range(1, last_col + 1):
            cell = grid.cells.get((r, c))
            row.append(_cell(ws, cell.value, cell.style, cell.number_format) if cell else None)
        ws.append(row)
    for name, ref in grid.tables.items():
        table = Table(displayName=name, ref=ref, autoFilter=AutoFilter(ref=ref))
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        for i, header in enumerate(L.SCORING_TABLE_HEADERS, start=1):
            table.tableColumns.append(TableColumn(id=i, name=header))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ws.add_table(table)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap(text: str, width: int = 118) -> list[str]:
    """Lines of at most ``width`` display columns (CJK characters count two), split at spaces
    where there are any; rows get no automatic height, so each line is a row."""
    lines, line = [], ""
    for word in re.findall(r"\S+\s*", text):
        while _width(word) > width:  # a long run of CJK text: cut it
            cut = max(i for i in range(len(word) + 1) if _width(line + word[:i]) <= width)
            lines.append(line + word[:cut])
            line, word = "", word[cut:]
        if _width(line + word.rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        line += word
    return lines + [line.rstrip()] if line.strip() else lines


def _instructions_sheet(ws) -> None:
    _columns(ws, (125,))
    _print_setup(ws)
    _dimension(ws, 1 + sum(len(_wrap(t)) + (s == "section") for s, t in instructions.LINES), 1)
    ws.append([_cell(ws, instructions.TITLE, "title")])
    for style, text in instructions.LINES:
        if style == "section":
            ws.append([])
        for line in _wrap(text):
            ws.append([_cell(ws, line, "section" if style == "section" else "input")])


def _xlwings_conf_sheet(ws) -> None:
    _columns(ws, (16, 16, 3, 100))
    notes = [
        "xlwings reads the key/value pairs in columns A and B (no header; no blank row "
        "between them). xlwings读取A、B两列的键值对。",
        "UDF Modules: the Python module whose XP_ functions xlwings > Import Functions "
        "imports. UDF Modules 指定导入函数的Python模块。",
        "Optional: add a row Interpreter_Win with the full path of the Python that has xlperf "
        "installed, e.g. C:\\xlperf\\.venv\\Scripts\\pythonw.exe; never leave it empty.",
        "可选：增加一行 Interpreter_Win，填写安装了xlperf的Python路径；不要留空。",
    ]
    _dimension(ws, len(notes), 4)
    ws.append([_cell(ws, "UDF Modules"), _cell(ws, L.UDF_MODULE), None,
               _cell(ws, notes[0], "hint")])
    for note in notes[1:]:
        ws.append([None, None, None, _cell(ws, note, "hint")])


def _book(inputs: Sequence[AppraisalInput], policy: Policy, company: str, year: int | None,
          table_names: Mapping[object, str], plans: Sequence[CompanyPlan],
          result_rows: int) -> Workbook:
    tables = _name_tables(inputs, table_names)
    grid = config_grid(policy, {name: _table_points(t) for t, name in tables.items()})
    rows = _input_rows(inputs, tables, policy, plans)  # refuses what a workbook cannot hold
    pay_date = company_pay_date(inputs)
    wb = Workbook(write_only=True)
    wb.properties.creator = "xlperf"
    wb.properties.lastModifiedBy = "xlperf"
    wb.properties.title = f"{company} {year or ''}".strip() or "xlperf template"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    sheets = {name: wb.create_sheet(name) for name in L.SHEET_ORDER}
    _instructions_sheet(sheets[L.INSTRUCTIONS])
    _config_sheet(sheets[L.CONFIG], grid)
    executives = sheets[L.EXECUTIVES]
    top = [_cell(executives, "Company 公司", "label"), _cell(executives, company or None),
           _cell(executives, "Year 年度", "label"), _cell(executives, year, "input", L.WHOLE),
           _cell(executives, "Pay date 发放日", "label"),
           _cell(executives, pay_date, "input", L.DATE),
           _cell(executives, L.EXECUTIVES_LAYOUT.hint, "hint")]
    for name, layout in L.INPUT_LAYOUTS.items():
        _input_sheet(sheets[name], layout, rows[name], top if name == L.EXECUTIVES else None)
    _results_sheet(sheets[L.RESULTS], max(L.MIN_RESULT_ROWS, result_rows, len(inputs)),
                   [q.label for q in policy.quotas])
    _xlwings_conf_sheet(sheets[L.XLWINGS_CONF])
    for name, ref in grid.names.items():
        wb.defined_names[name] = DefinedName(name, attr_text=f"{L.CONFIG}!{ref}")
    return wb


def workbook_bytes(inputs: Sequence[AppraisalInput] = (), *, policy: Policy = DEMO_POLICY,
                   company: str = "", year: int | None = None,
                   table_names: Mapping[object, str] | None = None,
                   plans: Sequence[CompanyPlan] = (), result_rows: int = 0) -> bytes:
    """The xlsx bytes of a workbook holding ``inputs`` and the company's equity-incentive
    ``plans`` (none: the empty template), with Results formulas for ``result_rows``
    executives (at least :data:`~xlperf.workbook.layout.MIN_RESULT_ROWS`, and one per input)."""
    if not 0 <= result_rows <= L.MAX_RESULT_ROWS:
        raise InputError(f"executives for the Results sheet is {result_rows}, expected 0 to "
                         f"{L.MAX_RESULT_ROWS}")
    wb = _book(inputs, policy, company, year, table_names or {}, plans, result_rows)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return deterministic_zip(buffer.getvalue())


def _target(path: str | Path, overwrite: bool) -> Path:
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise InputError(f"{target}: give a path ending in .xlsx (save it as .xlsm from Excel "
                         "once the functions are imported)")
    if target.exists() and not overwrite:
        raise InputError(f"{target} exists; use --force to replace it")
    if not target.parent.is_dir():
        raise InputError(f"folder {target.parent} does not exist")
    return target


def write_workbook(path: str | Path, inputs: Sequence[AppraisalInput] = (), *,
                   policy: Policy = DEMO_POLICY, company: str = "", year: int | None = None,
                   table_names: Mapping[object, str] | None = None,
                   plans: Sequence[CompanyPlan] = (), overwrite: bool = False,
                   result_rows: int = 0) -> Path:
    """Write a workbook of ``inputs`` (and the company's ``plans``) to ``path`` (an .xlsx),
    atomically and deterministically."""
    target = _target(path, overwrite)
    data = workbook_bytes(inputs, policy=policy, company=company, year=year,
                          table_names=table_names, plans=plans, result_rows=result_rows)
    write_bytes_atomic(target, data)
    return target


def write_template(path: str | Path, *, overwrite: bool = False, result_rows: int = 0) -> Path:
    """The empty template: the demo policy on Config, no executives, Results formulas for
    ``result_rows`` executives (at least 50)."""
    return write_workbook(path, overwrite=overwrite, result_rows=result_rows)


def write_demo(path: str | Path, *, overwrite: bool = False) -> Path:
    """The demo company (华夏汽车 Huaxia Motor): 12 executives, every method and rater group,
    and its two equity-incentive plans."""
    from xlperf.demo import COLLECTION_CURVE, COMPANY, YEAR, demo_inputs, demo_plans

    return write_workbook(path, demo_inputs(), company=COMPANY, year=YEAR,
                          table_names={COLLECTION_CURVE: "CollectionCurve"},
                          plans=demo_plans(), overwrite=overwrite)
