"""The Config sheet ⇄ :class:`xlperf.policy.Policy`, through ``policy_to_mapping`` and
``policy_from_mapping``.

The sheet holds the policy as the 2-column tables of the XP_ catalog, each behind a defined
name the formulas use (``GradeTable`` …). Writing lays the tables out (:func:`config_grid`);
reading resolves the same names (:func:`read_policy`), so the batch reads exactly the ranges
the formulas read. Policy settings that no XP_ function takes (score decimals, the part
score cap, rater minimum, trimming, rating scale, the extra withheld, a coefficient curve,
the long-term incentive and central-SOE rules) are not on the sheet: they stay at the demo
values in both places, and a policy that changes them cannot be written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl.utils import get_column_letter

from xlperf.errors import InputError, Problem
from xlperf.policy import DEMO_POLICY, Policy, policy_from_mapping, policy_to_mapping
from xlperf.rules import inputs
from xlperf.rules.annual import PART_LABELS, PARTS
from xlperf.rules.categories import CATEGORIES
from xlperf.rules.china.soe import SoePayRules
from xlperf.rules.democratic import GROUP_LABELS_ZH
from xlperf.rules.grades import grade_spelling
from xlperf.rules.incentives import IncentiveRules
from xlperf.workbook import layout as L

# (key, label, Chinese, part) — the category list offered on the Indicators sheet
GRADE_MEANINGS = {"S": "outstanding 卓越", "A": "excellent 优秀", "B": "competent 称职",
                  "C": "basically competent 基本称职", "D": "not competent 不称职"}
_FIXED_PATHS = (("score_decimals",), ("part_score_cap",), ("democratic", "min_raters"),
                ("democratic", "trim_from"), ("scoring", "rating_scale"),
                ("bonus", "extra_withheld"))


def _get(mapping: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = mapping
    for key in path:
        value = value[key]
    return value


# What the workbook cannot change: the XP_ functions take these settings from the demo policy
# (xlperf.udfs), so a workbook's formulas assume its values. (mapping path -> value)
FIXED = {path: _get(policy_to_mapping(DEMO_POLICY), path) for path in _FIXED_PATHS}
MAX_CONSECUTIVE_YEARS = L.HISTORY_GRADES_SHOWN + 1


@dataclasses.dataclass
class Cell:
    """A value to write and how to show it."""

    value: object
    number_format: str | None = None
    style: str = "input"  # "title", "hint", "section", "header", "label", "input", "formula"


@dataclasses.dataclass
class ConfigGrid:
    """The Config sheet as cells by (row, column), with its defined names and tables."""

    cells: dict[tuple[int, int], Cell] = dataclasses.field(default_factory=dict)
    names: dict[str, str] = dataclasses.field(default_factory=dict)  # name -> "$A$8:$B$12"
    tables: dict[str, str] = dataclasses.field(default_factory=dict)  # table -> "E7:G8"

    def put(self, row: int, col: int, value: object, style: str = "input",
            number_format: str | None = None) -> None:
        """Set one cell."""
        self.cells[(row, col)] = Cell(value, number_format, style)

    def name(self, name: str, first: tuple[int, int], last: tuple[int, int]) -> None:
        """Define ``name`` over the block from ``first`` to ``last`` (row, column)."""
        a = f"${get_column_letter(first[1])}${first[0]}"
        b = f"${get_column_letter(last[1])}${last[0]}"
        self.names[name] = a if a == b else f"{a}:{b}"


def check_writable(policy: Policy) -> None:
    """Raise :class:`InputError` when the policy sets something a workbook cannot hold."""
    mapping = policy_to_mapping(policy)
    for path, expected in FIXED.items():
        if _get(mapping, path) != expected:
            raise InputError(f"policy setting {'.'.join(path)} = {_get(mapping, path)} cannot "
                             "be written to a workbook: the XP_ functions fix it at "
                             f"{expected} (see docs/workbook.md)")
    if policy.incentives != IncentiveRules():
        raise InputError("the policy's [incentives] rules cannot be written to a workbook: its "
                         "Grants sheet and formulas use the default plan rules for blank cells "
                         "(see docs/workbook.md)")
    if policy.soe != SoePayRules().with_grades(policy.grades.grades):  # the policy adds them
        raise InputError("the policy's [soe] rules cannot be written to a workbook: its SoePay "
                         "sheet is checked with the central rules (40% deferred, D fails; see "
                         "docs/workbook.md)")
    if "coefficient_curve" in mapping:
        raise InputError("a coefficient curve cannot be written to a workbook: XP_COEF reads "
                         "the step table (see docs/workbook.md)")


def _section(grid: ConfigGrid, row: int, col: int, title: str, headers: Sequence[str]) -> int:
    grid.put(row, col, title, "section")
    for i, header in enumerate(headers):
        grid.put(row + 1, col + i, header, "header")
    return row + 2


def _pairs(grid: ConfigGrid, row: int, col: int, name: str, rows: Sequence[Sequence[object]],
           formats: Sequence[str | None]) -> int:
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            fmt = formats[c] if c < len(formats) else None
            style = "input" if c < 2 else "label"
            grid.put(row + r, col + c, value, style, fmt)
    grid.name(name, (row, col), (row + len(rows) - 1, col + 1))
    return row + len(rows) + 1


def config_grid(policy: Policy, scoring_tables: Mapping[str, Sequence[Sequence[float]]]
                ) -> ConfigGrid:
    """The Config sheet for ``policy`` and the named custom scoring tables."""
    check_writable(policy)
    m = policy_to_mapping(policy)
    grid = ConfigGrid()
    grid.put(1, 1, "Config 配置 — the company's policy 公司考核政策", "title")
    grid.put(2, 1, "The XP_ formulas read these tables through their names (Formulas > Name "
                   "Manager). Change the values; to add a row, insert it inside a table so its "
                   "name grows. 公式通过名称引用下列表格：可改数值；增行请在表格内部插入。", "hint")
    grid.put(4, 1, "Policy name 政策名称", "label")
    grid.put(4, 2, m["name"])
    grid.name(L.POLICY_NAME, (4, 2), (4, 2))
    row = _section(grid, 6, 1, "Grades 等级表 (GradeTable)",
                   ("Grade 等级", "Lowest score 最低分", "Meaning 含义"))
    grades = [(g, b, GRADE_MEANINGS.get(g, "")) for g, b in m["grades"].items()]
    grid.name(L.GRADE_LIST, (row, 1), (row + len(grades) - 1, 1))
    row = _pairs(grid, row, 1, "GradeTable", grades, (None, L.SCORE))
    row = _section(grid, row + 1, 1, "Coefficients 绩效系数 (CoefTable)",
                   ("Grade 等级", "Coefficient 系数"))
    row = _pairs(grid, row, 1, "CoefTable", list(m["coefficients"].items()), (None, "0.00"))
    row = _section(grid, row + 1, 1, "Annual score weights 年度得分权重 (PartWeights)",
                   ("Part 部分", "Weight 权重", "中文"))
    for i, part in enumerate(PARTS):
        grid.put(row + i, 1, part, "label")
        grid.put(row + i, 2, m["part_weights"][part], "input", L.PERCENT)
        grid.put(row + i, 3, PART_LABELS[part][1], "label")
    grid.name(L.PART_WEIGHTS, (row, 2), (row + 3, 2))
    row = _section(grid, row + 5, 1, "360 group weights 民主测评权重 (GroupWeights)",
                   ("Group 类别", "Weight 权重", "中文"))
    democratic = m["democratic"]
    groups = [(g, w, GROUP_LABELS_ZH[g]) for g, w in democratic.items()
              if g in GROUP_LABELS_ZH]
    row = _pairs(grid, row, 1, "GroupWeights", groups, (None, L.PERCENT))
    row = _section(grid, row + 1, 1, "Settings 参数", ("Setting 参数", "Value 值", "中文"))
    for name, (path, english, chinese, fmt) in L.CONFIG_SCALARS.items():
        grid.put(row, 1, f"{english} ({name})", "label")
        grid.put(row, 2, _get(m, path), "input", fmt)
        grid.put(row, 3, chinese, "label")
        grid.name(name, (row, 2), (row, 2))
        row += 1
    row = _section(grid, row + 1, 1, "Forced distribution 强制分布 (Quotas)",
                   ("Grades 等级", "Max share 最高比例"))
    row = _pairs(grid, row, 1, "Quotas", list(m["quotas"].items()), (None, L.PERCENT))
    row = _section(grid, row + 1, 1, "Default curve 默认曲线 (DefaultCurve)",
                   ("Achievement % 完成率", "Score 得分"))
    row = _pairs(grid, row, 1, "DefaultCurve", m["scoring"]["curve"], (L.ONE_DECIMAL,) * 2)
    row = _section(grid, row + 1, 1, "Default bands 默认分档 (DefaultBands)",
                   ("Lowest achievement % 完成率下限", "Score 得分"))
    _pairs(grid, row, 1, "DefaultBands", m["scoring"]["bands"], (L.ONE_DECIMAL,) * 2)
    _scoring_tables(grid, scoring_tables)
    _categories(grid)
    return grid


def _scoring_tables(grid: ConfigGrid, tables: Mapping[str, Sequence[Sequence[float]]]) -> None:
    col = 5
    grid.put(6, col, "Scoring tables 自定义评分表 (tblScoringTables): name a table in the "
                     "Indicators sheet's Table column; keep a table's rows together", "section")
    for i, header in enumerate(L.SCORING_TABLE_HEADERS):
        grid.put(7, col + i, header, "header")
    row = 8
    for name, points in tables.items():
        for x, y in points:
            grid.put(row, col, name)
            grid.put(row, col + 1, x, "input", L.ONE_DECIMAL)
            grid.put(row, col + 2, y, "input", L.ONE_DECIMAL)
            row += 1
    last = max(row - 1, 8)  # an empty table keeps one blank row
    grid.tables[L.SCORING_TABLES] = f"E7:G{last}"


def _categories(grid: ConfigGrid) -> None:
    col = 9
    grid.put(6, col, "Indicator categories 指标类别 (CategoryList)", "section")
    for i, header in enumerate(("Category 类别", "Meaning 含义", "Part 部分")):
        grid.put(7, col + i, header, "header")
    for r, category in enumerate(CATEGORIES, start=8):
        grid.put(r, col, category.key)
        grid.put(r, col + 1, f"{category.english} {category.chinese}", "label")
        grid.put(r, col + 2, category.part, "label")
    grid.name(L.CATEGORY_LIST, (8, col), (7 + len(CATEGORIES), col))


# ---------------------------------------------------------------- reading


Block = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row


@dataclasses.dataclass
class ConfigSheet:
    """What the reader found on the Config sheet: its cells and the defined names' blocks."""

    cells: Mapping[tuple[int, int], object]  # (row, column) -> value
    names: Mapping[str, Block]
    problems: list[Problem] = dataclasses.field(default_factory=list)
    warnings: list[Problem] = dataclasses.field(default_factory=list)

    def where(self, block: Block) -> str:
        """``A8:B12`` for a block."""
        a = f"{get_column_letter(block[0])}{block[1]}"
        b = f"{get_column_letter(block[2])}{block[3]}"
        return a if a == b else f"{a}:{b}"

    def error(self, message: str, cell: str) -> None:
        """Record a problem on the Config sheet."""
        self.problems.append(Problem(message, L.CONFIG, cell))

    def block(self, name: str, columns: int | None = None) -> Block | None:
        """The block of a defined name, checked to have ``columns`` columns."""
        block = self.names.get(name)
        if block is None:
            self.error(f"defined name {name} is missing: the formulas cannot find it "
                       "(Formulas > Name Manager)", "A1")
            return None
        if columns is not None and block[2] - block[0] + 1 != columns:
            self.error(f"{name} must be {columns} column(s) wide", self.where(block))
            return None
        return block

    def rows(self, block: Block) -> list[tuple[int, list[object]]]:
        """The non-blank rows of a block: (row number, values)."""
        out = []
        for r in range(block[1], block[3] + 1):
            values = [self.cells.get((r, c)) for c in range(block[0], block[2] + 1)]
            if any(v is not None and str(v).strip() for v in values):
                out.append((r, values))
        return out


def _number(sheet: ConfigSheet, row: int, col: int, value: object, what: str) -> float | None:
    try:
        return inputs.number(value, what)
    except InputError as error:
        sheet.error(error.message, f"{get_column_letter(col)}{row}")
        return None


def _table(sheet: ConfigSheet, name: str, numeric_first: bool) -> list[list[object]] | None:
    block = sheet.block(name, 2)
    if block is None:
        return None
    rows, ok = [], True
    for r, (first, second) in sheet.rows(block):
        if numeric_first:
            first = _number(sheet, r, block[0], first, f"{name} column 1")
            ok = ok and first is not None
        else:
            first = str(first).strip() if first is not None else ""
            if not first:
                sheet.error(f"{name}: the first column is empty",
                            f"{get_column_letter(block[0])}{r}")
                ok = False
        number = _number(sheet, r, block[0] + 1, second, f"{name} column 2")
        ok = ok and number is not None
        rows.append([first, number])
    labels = [row[0] for row in rows if not numeric_first]
    if len(set(labels)) != len(labels):
        sheet.error(f"{name} lists a row twice: {labels}", sheet.where(block))
        ok = False
    return rows if ok else None


def category_list(sheet: ConfigSheet) -> dict[str, str]:
    """The categories an indicator may have, case-folded to as Config's ``CategoryList``
    (the Indicators sheet's drop-down, which a company may extend) spells them; empty when
    the name is missing (an older book): any category is then accepted, as the core
    accepts any."""
    if L.CATEGORY_LIST not in sheet.names:
        return {}
    block = sheet.block(L.CATEGORY_LIST, 1)
    if block is None:
        return {}
    spelled = (inputs.words(str(values[0])) for _, values in sheet.rows(block))
    return {inputs.choice(category): category for category in spelled}


def _scalar(sheet: ConfigSheet, name: str) -> object:
    block = sheet.block(name)
    if block is None:
        return None
    if block[0] != block[2] or block[1] != block[3]:
        sheet.error(f"{name} must be a single cell", sheet.where(block))
        return None
    return sheet.cells.get((block[1], block[0]))


def _mapping(sheet: ConfigSheet) -> tuple[dict[str, Any], dict[str, str]]:
    """The policy mapping and, per section, the cell a problem in it points at."""
    data: dict[str, Any] = {}
    where: dict[str, str] = {}
    if (name := _scalar(sheet, L.POLICY_NAME)) is not None and str(name).strip():
        data["name"] = str(name).strip()
    for key, table, numeric in (("grades", "GradeTable", False),
                                ("coefficients", "CoefTable", False),
                                ("democratic", "GroupWeights", False),
                                ("quotas", "Quotas", False)):
        rows = _table(sheet, table, numeric)
        if rows is not None:
            data[key] = {str(k): v for k, v in rows}
            where[key] = sheet.where(sheet.names[table])
    block = sheet.names["Quotas"] if "quotas" in data else None
    for r, values in sheet.rows(block) if block else ():  # each quota is checked alone too
        where[f"quotas.{str(values[0]).strip()}"] = sheet.where((block[0], r, block[2], r))
    scoring: dict[str, Any] = {}
    for key, table in (("curve", "DefaultCurve"), ("bands", "DefaultBands")):
        rows = _table(sheet, table, True)
        if rows is not None:
            scoring[key] = rows
            where[f"scoring.{key}"] = sheet.where(sheet.names[table])
    weights = sheet.block(L.PART_WEIGHTS, 1)
    if weights is not None:
        if weights[3] - weights[1] != 3:
            sheet.error("PartWeights must be 4 cells: business, individual, duty report, 360",
                        sheet.where(weights))
        else:
            data["part_weights"] = dict(zip(PARTS, (
                sheet.cells.get((r, weights[0])) for r in range(weights[1], weights[3] + 1)),
                strict=True))
            where["part_weights"] = sheet.where(weights)
    for name, (path, *_rest) in L.CONFIG_SCALARS.items():
        if name in L.CONFIG_NAMES_ADDED and name not in sheet.names:
            sheet.warnings.append(Problem(
                f"defined name {name} is missing (an older template): the demo's "
                f"{_get(policy_to_mapping(DEMO_POLICY), path):g} is used, as that workbook's "
                "formulas do; `xlperf workbook new` writes the current template",
                L.CONFIG, "A1", severity="warning"))
            continue
        value = _scalar(sheet, name)
        if value is None:
            if name in sheet.names:
                sheet.error(f"{name} is empty", sheet.where(sheet.names[name]))
            continue
        section = scoring if path[0] == "scoring" else data.setdefault(path[0], {})
        section[path[1]] = value
        where[f"{path[0]}.{path[1]}"] = sheet.where(sheet.names[name])
    if scoring:
        data["scoring"] = scoring
    return data, where


_NEEDS_GRADES = ("quotas", "veto", "consecutive")


def _try(sheet: ConfigSheet, data: Mapping[str, Any], cell: str) -> bool:
    try:
        policy_from_mapping(data)
    except InputError as error:
        sheet.error(error.message, cell)
        return False
    return True


def _try_section(sheet: ConfigSheet, base: Mapping[str, Any], key: str, value: Any,
                 where: Mapping[str, str], first: str) -> bool:
    """Check one policy section; a section of separate cells (``bonus``: ExtraRate …)
    field by field first, so that a bad value is reported at its own cell."""
    cells = {k.split(".", 1)[1]: v for k, v in where.items() if k.startswith(f"{key}.")}
    if isinstance(value, Mapping) and cells:
        alone = [_try(sheet, {**base, key: {field: item}}, cells[field])
                 for field, item in value.items() if field in cells]
        if not all(alone):
            return False
    cell = where.get(key) or next(iter(cells.values()), first)
    return _try(sheet, {**base, key: value}, cell)


def _grade_names(sheet: ConfigSheet) -> list[str] | None:
    """GradeTable's grade names, read even when its lowest scores are bad; ``None`` when
    they are unreadable (missing, blank or repeated: those are reported already)."""
    block = sheet.names.get("GradeTable")
    if block is None or block[2] - block[0] != 1:
        return None
    names = [grade_spelling(values[0]) for _, values in sheet.rows(block)]
    if not names or not all(names) or len(set(names)) != len(names):
        return None
    return names


def _with_grades(names: Sequence[str]) -> dict[str, Any]:
    """A stand-in grade and coefficient table with these grade names: the sections that
    name grades (coefficients, quotas, veto cap …) are checked against the company's grades
    even when a lowest score or a coefficient is wrong, so one pass lists every problem."""
    worst = names[-1]  # not the demo's C, S+A …: they need not be the company's grades
    return {"grades": {name: float(len(names) - i - 1) for i, name in enumerate(names)},
            "coefficients": dict.fromkeys(names, 1.0), "quotas": {}, "veto": {"cap": worst},
            "consecutive": {"worst_allowed": worst}}


def _check_grades(sheet: ConfigSheet, data: Mapping[str, Any], where: Mapping[str, str],
                  names: Sequence[str] | None) -> None:
    """The grade table and the coefficient table, each on its own."""
    if "grades" in data:
        _try(sheet, {**_with_grades(list(data["grades"])), "grades": data["grades"]},
             where["grades"])
    if "coefficients" in data and names is not None:
        _try(sheet, {**_with_grades(names), "coefficients": data["coefficients"]},
             where["coefficients"])


def _check_consecutive_years(sheet: ConfigSheet, data: Mapping[str, Any],
                             where: Mapping[str, str]) -> None:
    years = data.get("consecutive", {}).get("years")
    try:
        too_many = years is not None and inputs.number(years, "years") > MAX_CONSECUTIVE_YEARS
    except InputError:
        return  # reported at its cell with the section
    if too_many:
        sheet.error(f"consecutive years is {years}: the Results sheet shows "
                    f"{L.HISTORY_GRADES_SHOWN} past grades, so at most {MAX_CONSECUTIVE_YEARS}",
                    where["consecutive.years"])


def checking_policy(sheet: ConfigSheet) -> Policy:
    """The policy the other sheets' rows are checked with when Config has errors: the
    demo's, but knowing GradeTable's grade names when they are readable, so a History or
    SoePay grade of the company's own (AA) is not reported as unknown. Nobody is appraised
    with it."""
    names = _grade_names(sheet)
    if names is None:
        return DEMO_POLICY
    try:
        return policy_from_mapping(_with_grades(names))
    except InputError:
        return DEMO_POLICY


def read_policy(sheet: ConfigSheet) -> Policy | None:
    """The policy on the Config sheet, or ``None`` with every problem in ``sheet.problems``:
    each table and setting is checked on its own, so one pass lists them all."""
    data, where = _mapping(sheet)
    first = next(iter(where.values()), "A1")
    names = _grade_names(sheet)
    _check_grades(sheet, data, where, names)
    for key, value in data.items():
        if key in ("grades", "coefficients", "name"):
            continue
        if key not in _NEEDS_GRADES:
            _try_section(sheet, {}, key, value, where, first)
        elif names is not None:
            _try_section(sheet, _with_grades(names), key, value, where, first)
    _check_consecutive_years(sheet, data, where)
    if sheet.problems:
        return None
    try:
        return policy_from_mapping(data, DEMO_POLICY)
    except InputError as error:
        sheet.error(error.message, where.get("grades", first))
        return None
