"""Rows of the input sheets → model objects, every bad cell reported with its sheet and cell.

Each parser checks each cell on its own (so a row with three bad cells gives three
problems), then builds the core's model object, whose own checks locate through
:func:`xlperf.workbook.layout.cell_for`. Values are taken as they are: nothing in a cell is
ever evaluated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from xlperf.errors import InputError, Problem
from xlperf.model import (
    PARTS_OF_CONTRACT,
    Executive,
    Indicator,
    PastYear,
    Rating,
    long_term_achievement,
)
from xlperf.policy import Policy
from xlperf.rules import inputs
from xlperf.rules.annual import PART_LABELS
from xlperf.rules.curves import Curve, StepTable
from xlperf.rules.okr import KeyResult, Objective
from xlperf.rules.scoring import METHODS, NO_PARAMS, ScoringParams, score_table_rows
from xlperf.workbook import layout as L


class Bad:
    """Marks a cell that failed its check (its problem is already recorded)."""


BAD = Bad()


blank = inputs.is_blank  # an empty cell or one holding only spaces


@dataclasses.dataclass
class RowReader:
    """Reads the cells of one row of a sheet, recording each problem with its cell."""

    layout: L.SheetLayout
    row: int
    values: Sequence[object]
    executive: str
    problems: list[Problem]

    def raw(self, field: str) -> object:
        """The cell's value as stored."""
        return self.values[self.layout.index(field)]

    def cell(self, field: str) -> str:
        """The cell's address, e.g. ``F12``."""
        return f"{self.layout.letter(field)}{self.row}"

    def error(self, message: str, field: str) -> None:
        """Record a problem at ``field``'s cell."""
        self.problems.append(Problem(message, self.layout.name, self.cell(field),
                                     self.executive))

    def warn(self, message: str, field: str) -> None:
        """Record a warning at ``field``'s cell (the row is still read)."""
        self.problems.append(Problem(message, self.layout.name, self.cell(field),
                                     self.executive, "warning"))

    def get(self, field: str, parse: Callable[[object], Any]) -> Any:
        """The parsed value of a cell, or :data:`BAD` after recording the problem (text
        longer than a cell of Excel's holds is one, whatever the cell)."""
        try:
            value = parse(self.raw(field))
            inputs.too_long(self.raw(field), field.replace("_", " "))
            return value
        except InputError as error:
            self.error(error.message, field)
            return BAD

    def number(self, field: str, what: str, required: bool = True,
               read: Callable[..., float] = inputs.number) -> Any:
        """A number (``None`` for an optional blank), read by ``read`` (``inputs.points``
        for a score: "120%" typed as text is 120)."""
        if not required and blank(self.raw(field)):
            return None
        return self.get(field, lambda v: read(v, what))

    def text(self, field: str, what: str, required: bool = True,
             limit: int = inputs.MAX_LABEL_CHARS) -> Any:
        """Text of at most ``limit`` characters (``""`` for an optional blank)."""
        if not required and blank(self.raw(field)):
            return ""
        return self.get(field, lambda v: inputs.text(v, what, limit=limit))

    def build(self, make: Callable[[], Any]) -> Any:
        """A model object from ``make``, its own check located at the field it names."""
        try:
            return make()
        except InputError as error:
            field = error.field or self.layout.columns[0].field
            cell = L.cell_for(self.layout.name, self.row, field) or self.cell("id")
            self.problems.append(Problem(error.message, self.layout.name, cell,
                                         self.executive))
            return BAD


def ok(*values: object) -> bool:
    """True when no value is :data:`BAD`."""
    return not any(v is BAD for v in values)


def executive(r: RowReader) -> Executive | Bad:
    """An Executives row."""
    name = r.text("name", "name", limit=inputs.MAX_NAME_CHARS)
    standard = r.get("bonus_standard", lambda v: inputs.amount(v, "bonus standard"))
    months = Decimal(12) if blank(r.raw("months_served")) else r.get(
        "months_served", inputs.months_served)
    cap = None if blank(r.raw("bonus_cap")) else r.get(
        "bonus_cap", lambda v: inputs.amount(v, "bonus cap"))
    # read by Executive (model.long_term_achievement); checked here too, so that its problem
    # is listed beside the row's others
    achievement = r.raw("long_term_achievement")
    checked = r.get("long_term_achievement", long_term_achievement)
    optional = [r.text(f, f.replace("_", " "), False, inputs.MAX_NAME_CHARS)
                for f in ("name_en", "department", "title")]
    if not ok(name, standard, months, cap, checked, *optional):
        return BAD
    return r.build(lambda: Executive(r.executive, name, standard, *optional, months, cap,
                                     achievement, origin=(L.EXECUTIVES, r.row)))


def advances(r: RowReader) -> dict[int, Decimal] | Bad:
    """The quarterly advances of an Executives row by quarter (blank quarters left out)."""
    paid = {quarter: r.get(f, lambda v: inputs.amount(v, "advance"))
            for quarter, f in enumerate(L.ADVANCE_FIELDS, start=1) if not blank(r.raw(f))}
    return paid if ok(*paid.values()) else BAD


def _method(value: object) -> str:
    name = inputs.choice(value) if isinstance(value, str) else value
    if name not in METHODS:
        raise InputError(f"method is {inputs.describe(value)}, expected one from the list: "
                         f"{', '.join(METHODS)}")
    return name


_VETO_WORDS = {"true": True, "yes": True, "y": True, "是": True,
               "false": False, "no": False, "n": False, "否": False}


def _veto(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and inputs.choice(value) in _VETO_WORDS:
        return _VETO_WORDS[inputs.choice(value)]  # said at its cell (_veto_as_typed)
    raise InputError(f"veto is {inputs.describe(value)}, expected TRUE or FALSE (blank: no "
                     "veto)")


def _veto_as_typed(r: RowReader, veto: object) -> None:
    """A Veto typed as text ("是", "TRUE" typed as a word), read as TRUE or FALSE, said at
    its cell: the workbook's veto count takes TRUE cells only, so it misses a "是"."""
    typed = r.raw("veto")
    if isinstance(typed, str) and not blank(typed) and isinstance(veto, bool):
        r.warn(f'veto is "{typed}", read as {str(veto).upper()}; the workbook\'s formulas, '
               f"which count TRUE cells only, miss it: choose {str(veto).upper()} from the "
               "list", "veto")


def _scoring_table(r: RowReader, method: str, tables: dict[str, Any]) -> Any:
    name = r.raw("table")
    if blank(name):
        return None
    name = str(name).strip()
    if method not in ("curve", "band"):
        r.error(f"a scoring table applies to curve and band rows, not {method}", "table")
        return BAD
    if name not in tables:
        r.error(f'scoring table "{name}" is not on the Config sheet ({L.SCORING_TABLES})',
                "table")
        return BAD
    kind = Curve if method == "curve" else StepTable
    try:
        what = f"scoring table {name}"  # in % cells (0.8) read as 80%, as the formulas do
        return kind.from_rows(score_table_rows(tables[name], what), what)
    except InputError as error:
        r.error(error.message, "table")
        return BAD


def indicator(r: RowReader, tables: dict[str, Any],
              categories: Mapping[str, str] = MappingProxyType({})) -> Indicator | Bad:
    """An Indicators row; ``tables`` are the Config sheet's custom scoring tables,
    ``categories`` its CategoryList (empty: any category)."""
    method = r.get("method", _method)
    _said_as_typed(r, "method", method)
    category = _category(r, categories)
    name = r.text("name", "indicator name")
    weight = r.number("weight", "weight")
    target = r.number("target", "target", False)
    floor = r.number("floor", "floor", False, inputs.points)
    cap = r.number("cap", "cap", False, inputs.cap_points)
    veto = r.get("veto", _veto)
    _veto_as_typed(r, veto)
    actual = r.raw("actual")
    if blank(actual) and method != "okr":
        r.error("actual is empty", "actual")
        actual = BAD
    table = _scoring_table(r, method, tables) if ok(method) else BAD
    if method == "zero_tolerance" and (floor is not None or cap is not None):
        r.error("floor and cap do not apply to zero_tolerance rows (XP_DEDUCT scores them): "
                "leave them blank", "floor" if floor is not None else "cap")
        floor = BAD
    part = _part(r)
    unit = r.text("unit", "unit", False)
    if not ok(method, category, name, weight, target, floor, cap, veto, actual, table, part,
              unit):
        return BAD
    if target is not None and target < 0 and method in ("ratio", "curve", "band"):
        r.warn(f"target is {inputs.describe(r.raw('target'))}, negative: read as a loss to "
               "reduce (achievement = 100 + (actual − target) ÷ |target| × 100, so a smaller "
               "loss scores higher); if the minus sign is a slip, remove it", "target")
    curve = table if isinstance(table, Curve) else None
    bands = table if isinstance(table, StepTable) else None
    return r.build(lambda: Indicator(
        name, weight, None if blank(actual) else actual, target, method, category,
        part if isinstance(part, str) else inputs.describe(part),
        _params(floor, cap, curve, bands), veto, unit,
        origin=(L.INDICATORS, r.row)))


def _part(r: RowReader) -> object:
    """The Part cell as typed (the core reads it); blank is an error. The formulas count a
    row in the part its cell names as typed (``[Part]="business"``, in any case), so one
    xlperf reads only after trimming or turning full-width letters plain is said at its
    cell: the workbook's own scores leave that row out."""
    part = r.raw("part")
    if blank(part):
        r.error("part is empty, expected business or individual", "part")
        return BAD
    if inputs.choice(part) in PARTS_OF_CONTRACT:
        _said_as_typed(r, "part", inputs.choice(part))
    elif inputs.choice(part) in PART_NAMES_ZH:  # 经营业绩: the template's Chinese name
        _said_as_typed(r, "part", PART_NAMES_ZH[inputs.choice(part)])
        return PART_NAMES_ZH[inputs.choice(part)]
    return part


# the Chinese names the template gives the parts (the instructions' 企业经营业绩 / 个人业绩,
# Results' headers 经营业绩 / 个人业绩), read as the part they name
PART_NAMES_ZH = MappingProxyType({
    **{PART_LABELS[part][1]: part for part in PARTS_OF_CONTRACT},
    **{column.label: column.key for column in L.RESULT_COLUMNS
       if column.key in PARTS_OF_CONTRACT}})


def _said_as_typed(r: RowReader, field: str, plain: object) -> None:
    """A Method or Part cell xlperf reads only after trimming or turning full-width letters
    plain ("zero_tolerance ", "ｒａｔｉｏ"), said at its cell: the workbook's formulas compare
    the cell as typed (``[Method]="zero_tolerance"``, in any case), so its own scores and
    veto count leave that row out."""
    typed = r.raw(field)
    if isinstance(typed, str) and isinstance(plain, str) and typed.casefold() != plain:
        r.warn(f'{field} is "{typed}", read as {plain}; the workbook\'s formulas, which '
               f"compare the cell as typed, miss the row: type {plain}", field)


def _category(r: RowReader, categories: Mapping[str, str]) -> str | Bad:
    """The row's category, spelled as CategoryList spells it (``categories``: case-folded
    to that spelling; the drop-down's choices, which a pasted value bypasses)."""
    category = r.text("category", "category")
    if not ok(category):
        return category
    if not categories:  # any category, spaced plainly: one subtotal per category
        return inputs.words(category)
    if inputs.choice(category) not in categories:
        r.error(f'category is "{category}", expected one from CategoryList on Config: '
                f"{', '.join(categories.values())}", "category")
        return BAD
    return categories[inputs.choice(category)]


def _params(*values: object) -> ScoringParams:
    """An indicator's own parameters; most have none and share :data:`NO_PARAMS`."""
    return NO_PARAMS if all(v is None for v in values) else ScoringParams(*values)


def rating(r: RowReader) -> Rating | Bad:
    """A Ratings360 row."""
    return r.build(lambda: Rating(r.raw("group"), r.raw("score"), origin=(L.RATINGS, r.row)))


def duty_score(r: RowReader) -> float | Bad:
    """A DutyReport row's panel score."""
    if blank(r.raw("score")):
        r.error("panel score is empty", "score")
        return BAD
    return r.number("score", "panel score", read=inputs.points)  # "95%" is 95 points


@dataclasses.dataclass
class KeyResultRow:
    """An OKR row: a key result with its objective's name, weight and alignment."""

    row: int
    objective: str
    objective_weight: float | None
    aligns_to: str
    key_result: KeyResult


def key_result(r: RowReader) -> KeyResultRow | Bad:
    """An OKR row."""
    objective = r.text("objective", "objective")
    weight = r.number("objective_weight", "objective weight", False)
    aligns = r.text("aligns_to", "aligns to", False)
    name = r.text("key_result", "key result")
    kr_weight = r.number("weight", "key-result weight")
    if not ok(objective, weight, aligns, name, kr_weight):
        return BAD
    kr = r.build(lambda: KeyResult(name, kr_weight, r.raw("score")))
    return BAD if kr is BAD else KeyResultRow(r.row, objective, weight, aligns, kr)


def objectives(rows: Sequence[KeyResultRow], executive_id: str,
               problems: list[Problem]) -> tuple[Objective, ...] | Bad:
    """One executive's OKR rows grouped into objectives, in first-seen order."""
    groups: dict[str, list[KeyResultRow]] = {}
    for row in rows:
        groups.setdefault(row.objective, []).append(row)
    result, bad = [], False
    weight_col = L.OKR_LAYOUT.letter("objective_weight")
    for name, krs in groups.items():
        weights = {kr.objective_weight for kr in krs}
        if len(weights) > 1:
            problems.append(Problem(
                f'objective "{name}" has different weights on its rows; repeat the same '
                "weight on each of its key results", L.OKR,
                f"{weight_col}{krs[0].row}:{weight_col}{krs[-1].row}", executive_id))
            bad = True
            continue
        aligns = next((kr.aligns_to for kr in krs if kr.aligns_to), "")
        try:
            result.append(Objective(name, tuple(kr.key_result for kr in krs), krs[0].
                                    objective_weight, aligns))
        except InputError as error:
            problems.append(Problem(error.message, L.OKR, L.cell_for(L.OKR, krs[0].row,
                                                                     "objective") or "",
                                    executive_id))
            bad = True
    return BAD if bad else tuple(result)


def past_year(r: RowReader, policy: Policy, appraisal_year: int | None) -> PastYear | Bad:
    """A History row, its grade checked against the policy's grade table."""
    year = r.get("year", lambda v: inputs.year(v, "year"))
    grade = r.get("grade", lambda v: policy.grades.known(v, "grade"))
    score = r.number("score", "score", False)
    if ok(year) and appraisal_year is not None and year >= appraisal_year:
        r.error(f"year {year} is not before the appraisal year {appraisal_year}", "year")
        year = BAD
    if not ok(year, grade, score):
        return BAD
    return PastYear(year, grade, score, origin=(L.HISTORY, r.row))


def check_history_order(years: Sequence[PastYear], executive_id: str,
                        problems: list[Problem]) -> bool:
    """Each executive's years must run oldest first, once each (the formulas read them so)."""
    for before, after in zip(years, years[1:], strict=False):
        if after.year <= before.year:
            assert after.origin is not None
            problems.append(Problem(
                f"year {after.year} comes after {before.year}: list each executive's years "
                "oldest first, once each", L.HISTORY,
                L.cell_for(L.HISTORY, after.origin[1], "year") or "", executive_id))
            return False
    return True
