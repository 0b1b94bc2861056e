"""Read a filled workbook: every input checked, every problem located, cached results kept.

The reader streams the sheets (openpyxl read-only mode), so 10,000 executives fit well
within 1 GB. It reads the same cells the formulas read: the input tables' ranges and the
Config sheet's defined names. Values are read as stored (``data_only``: for formula cells,
the value Excel cached when it saved the book); nothing in a cell is evaluated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import sys
import unicodedata
import warnings
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from xlperf.errors import InputError, InputErrors, Problem
from xlperf.files import sha256_file
from xlperf.model import AppraisalInput, Executive, executive_id, shown_id
from xlperf.policy import DEMO_POLICY, Policy
from xlperf.reconcile import QUOTA_KEYS
from xlperf.rules import inputs
from xlperf.rules.appraisal import appraise
from xlperf.rules.incentives import NO_MARKET, MarketData
from xlperf.rules.pay_statement import PayStatement
from xlperf.workbook import grants as lti
from xlperf.workbook import layout as L
from xlperf.workbook import rows as parse
from xlperf.workbook.config import ConfigSheet, category_list, checking_policy, read_policy
from xlperf.workbook.package import (
    EXCEL_MAX_ROW,
    check_package,
    entities_refused,
    refused_xml,
    table_ranges,
)
from xlperf.workbook.plans import PlanCheckResult, check_plans
from xlperf.workbook.sheets import DamagedSheet, Sheets
from xlperf.workbook.soe_pay import appraisal_year_row, soe_pay_input, soe_pay_row

# the long-term-incentive, plan and SOE pay sheets came later: a workbook without them (an
# older template, or a company without equity incentives) reads them as empty, with a warning
OPTIONAL_SHEETS = tuple(layout.name for layout in (*L.GRANT_LAYOUTS, *L.PLAN_LAYOUTS,
                                                   L.SOE_PAY_LAYOUT))
REQUIRED_SHEETS = tuple(name for name in L.INPUT_LAYOUTS if name not in OPTIONAL_SHEETS)
# the sheet each Excel table belongs on: a sheet missing while its table is elsewhere was
# renamed ("Exercise"), and must not read as empty (or, for Config, as the demo policy)
_TABLE_SHEETS = {L.SCORING_TABLES: L.CONFIG,
                 **{layout.table: name for name, layout in L.INPUT_LAYOUTS.items()}}
_NAME_REF = re.compile(r"^(?:'([^']+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)"
                       r"(?::\$?([A-Z]{1,3})\$?(\d+))?$")


@dataclasses.dataclass(frozen=True, slots=True)
class CachedValue:
    """A value Excel cached for an XP_ formula cell (only present when Excel saved the book)."""

    executive: str  # executive id, e.g. "E001"
    key: str  # "business", "annual_score", "grade", …, "indicator_score", "vested_quantity",
    # "soe_check"
    sheet: str
    column: str  # "H" (the row and column, not a "H12" string: about 40 MiB less at 10,000)
    row: int
    value: object  # as cached (float, str, bool); None when the cell has no cached value

    @property
    def cell(self) -> str:
        """The cell's address, e.g. ``H12``."""
        return f"{self.column}{self.row}"


@dataclasses.dataclass(frozen=True)
class WorkbookData:
    """Everything read from one workbook."""

    path: str
    sha256: str  # of the workbook file's bytes
    company: str
    year: int
    policy: Policy  # from the Config sheet, or DEMO_POLICY when it is missing
    policy_source: str  # "Config sheet" or "demo policy (no Config sheet)"
    statements: tuple[PayStatement, ...]  # one per executive whose rows are all valid:
    # appraised and paid with the policy, as the reader checked them
    problems: tuple[Problem, ...]  # every error and warning, with sheet, cell and executive
    cached: tuple[CachedValue, ...]  # XP_ formula cells with their cached values
    market: MarketData = NO_MARKET  # SharePrices (NO_MARKET when the sheet has errors)
    pay_date: dt.date | None = None  # Executives!F2 (None: 31 December of the year)
    plans: tuple[PlanCheckResult, ...] = ()  # each plan on the Plans sheet that reads well,
    # checked: its breaches of the CSRC / state-controlled rules (empty when compliant)
    quota_cache: tuple[CachedValue, ...] = ()  # the XP_QUOTA block beside Results
    scoring_tables: dict[str, list] = dataclasses.field(default_factory=dict)  # Config's
    # named scoring tables as typed (name -> [(x, y), …]), rules the indicators may use
    names: dict[str, str] = dataclasses.field(default_factory=dict)  # id -> name as typed on
    # Executives, for every id there (valid or not): says who an executive left out is
    rows: dict[str, int] = dataclasses.field(default_factory=dict)  # id -> its row on
    # Executives, for the same ids: where an error about the executive as a whole points

    @property
    def inputs(self) -> tuple[AppraisalInput, ...]:
        """What was read for each valid executive (in :attr:`statements` order)."""
        return tuple(s.appraisal.input for s in self.statements)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems of severity "error"."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def blocked(self) -> bool:
        """True when errors of the workbook as a whole (year, Config, pay date) left no
        executive to appraise. Other errors without an executive (a plan on the Plans sheet)
        block nobody."""
        return not self.statements and any(not p.executive for p in self.errors)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems of severity "warning"."""
        return tuple(p for p in self.problems if p.severity == "warning")


def _warning(message: str, sheet: str = "", cell: str = "", executive: str = "") -> Problem:
    return Problem(message, sheet, cell, executive, "warning")


def _open(path: Path):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(path, read_only=True, data_only=True, keep_links=False,
                                 keep_vba=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError,
            TypeError, ElementTree.ParseError, DefusedXmlException) as error:
        if refused_xml(error):  # a DTD in the styles, shared strings, a sheet …
            raise entities_refused(path) from None
        # a damaged part (styles, shared strings, properties, content types) is openpyxl's
        # to parse, and it raises what the part's damage gives; none of it is a bug here
        raise InputError(f"{path} cannot be read as an xlsx workbook ({_one_line(error)})",
                         workbook=str(path)) from None
    except (zlib.error, EOFError) as error:  # a part's compressed bytes garbled or cut short:
        # openpyxl already unpacks the start of each sheet here (its dimension)
        raise damaged(path, f"a compressed part cannot be unpacked ({error})") from None


def _one_line(error: BaseException) -> str:
    """openpyxl's error in one short line: its first line ("Unable to read workbook: could
    not read stylesheet from book.xlsx.", of three), then what caused it."""
    first = (str(error).splitlines() or [""])[0]
    if first.startswith("Unable to read workbook: "):  # "… from <the path>." said already
        first = first.partition(" from ")[0]
    cause = f": {error.__cause__}" if error.__cause__ is not None else ""
    return " ".join(f"{first}{cause}".split())[:300]


def _missing_sheets(wb, tables: dict[str, tuple[str, str]]) -> list[InputError]:
    """A required sheet that is not there, and any sheet whose Excel table is on another
    sheet (renamed: its rows would otherwise read as empty), located where the table is."""
    errors = []
    for table, name in _TABLE_SHEETS.items():
        where, ref = tables.get(table, ("", ""))
        if name not in wb.sheetnames and where:
            errors.append(InputError(
                f"sheet {name} is missing, but its table {table} is on sheet {where}: "
                f"rename that sheet {name} (xlperf reads each table by its sheet's name)",
                sheet=where, cell=ref.split(":")[0]))
        elif name in REQUIRED_SHEETS and name not in wb.sheetnames:
            errors.append(InputError(f"sheet {name} is missing: xlperf workbooks need "
                                     f"{', '.join(REQUIRED_SHEETS)}", sheet=name))
    return errors


def _table_box(ref: str) -> tuple[int, int, int, int] | None:
    """(first column, first row, last column, last row) of a table's ref, None if unreadable."""
    try:
        box = range_boundaries(ref)
    except (ValueError, TypeError):
        return None
    return None if None in box else box


def _check_layouts(wb, tables: dict[str, tuple[str, str]],
                   problems: list[Problem]) -> dict[str, int]:
    """The last table row of every input sheet; raises InputErrors when the layout is broken.
    Columns a person added at the right of a table (Excel widens a table to take in a
    "Remark" typed beside it) are not xlperf's: ignored, with a warning in ``problems``."""
    missing = _missing_sheets(wb, tables)
    if missing:
        raise InputErrors(missing)
    errors, last_rows = [], {}
    for name, layout in L.INPUT_LAYOUTS.items():
        if name not in wb.sheetnames:  # an optional sheet (the required ones are checked)
            continue
        sheet, ref = tables.get(layout.table, ("", ""))
        expected = f"A{L.HEADER_ROW}:{layout.last_letter}"
        box = _table_box(ref) if sheet == name else None
        width = len(layout.columns)
        if box is None or box[:2] != (1, L.HEADER_ROW) or box[2] < width:
            errors.append(InputError(f"the Excel table {layout.table} must cover "
                                     f"{expected}… on this sheet (found {ref or 'none'}); "
                                     "start again from a template", sheet=name,
                                     cell=f"A{L.HEADER_ROW}"))
            continue
        last_rows[name] = box[3]
        header = next(wb[name].iter_rows(min_row=L.HEADER_ROW, max_row=L.HEADER_ROW,
                                         max_col=box[2], values_only=True), ())
        for i, (found, want) in enumerate(zip(header, layout.headers, strict=False), start=1):
            if found != want:
                errors.append(InputError(f'header is "{found}", expected "{want}": do not '
                                         "rename or move columns", sheet=name,
                                         cell=f"{get_column_letter(i)}{L.HEADER_ROW}"))
        if box[2] > width:
            problems.append(_extra_columns(name, layout, box[2], tuple(header)[width:]))
    if errors:
        raise InputErrors(errors)
    return last_rows


def _extra_columns(name: str, layout: L.SheetLayout, last: int, headers: tuple) -> Problem:
    """The warning for columns added at the right of an input table: named, and ignored."""
    first = len(layout.columns) + 1
    letters = (get_column_letter(first) if last == first
               else f"{get_column_letter(first)}–{get_column_letter(last)}")
    named = [f'"{h}"' for h in headers if not parse.blank(h)]
    said = f" ({', '.join(named)})" if named else ""
    return _warning(f"column(s) {letters}{said} added to the table {layout.table} are not "
                    f"xlperf's: ignored (xlperf reads {layout.headers[0]}–"
                    f"{layout.headers[-1]}, columns A–{layout.last_letter})", name,
                    f"{get_column_letter(first)}{L.HEADER_ROW}")


def _data_rows(wb, layout: L.SheetLayout, last: int, problems: list[Problem],
               below: list[tuple[int, tuple]] | None = None):
    """(row number, values) of the non-blank rows of a table. A row below it is an error of
    the executive it names (Excel's formulas do not see it either: a person or a line would
    be left out without a word); such rows are added to ``below`` when given."""
    if layout.name not in wb.sheetnames:  # an optional sheet left out: no rows
        return
    width = len(layout.columns)
    ws = wb[layout.name]
    # the declared size may understate the table, or claim rows no worksheet has
    bottom = min(max(last, ws.max_row or 0), EXCEL_MAX_ROW)
    for r, values in enumerate(ws.iter_rows(min_row=L.FIRST_ROW, max_row=bottom, max_col=width,
                                            values_only=True), start=L.FIRST_ROW):
        values = tuple(values) + (None,) * (width - len(values))
        if all(parse.blank(v) for v in values):
            continue
        if r > last:
            keyed = layout.columns[0].field == "id"
            problems.append(Problem(
                f"row {r} is below the table {layout.table} (it ends at row {last}): neither "
                "the formulas nor xlperf see it; extend the table to take it in (Table "
                "Design › Resize Table)", layout.name, f"A{r}", _row_id(values) if keyed else ""))
            if below is not None:
                below.append((r, values))
            continue
        yield r, tuple(_shared(v) for v in values)


def _shared(value: object) -> object:
    """One string object per distinct short text: ids, methods, categories and indicator
    names repeat on thousands of rows, and the inputs keep them (about 80 MiB less for
    10,000 executives, measured over 1,000)."""
    return sys.intern(value) if isinstance(value, str) and len(value) <= 100 else value


def _names(wb) -> dict[str, tuple[int, int, int, int]]:
    blocks = {}
    for name, defined in wb.defined_names.items():
        match = _NAME_REF.match((defined.attr_text or "").strip())
        if match and wb.name_of(match.group(1) or match.group(2)) == L.CONFIG:
            first_col, first_row = match.group(3), int(match.group(4))
            last_col, last_row = match.group(5) or first_col, int(match.group(6) or first_row)
            blocks[name] = (column_index_from_string(first_col), first_row,
                            column_index_from_string(last_col), last_row)
    return blocks


@dataclasses.dataclass(frozen=True)
class _Config:
    """What the Config sheet gives the reader."""

    policy: Policy
    source: str  # where the policy came from
    scoring: dict[str, list]  # the named scoring tables
    problems: list[Problem]
    rows_policy: Policy  # the policy the other sheets' rows are checked with (the policy,
    # or when Config has errors :func:`~xlperf.workbook.config.checking_policy`)
    # CategoryList, case-folded to its spelling (empty: any category)
    categories: Mapping[str, str] = dataclasses.field(default_factory=dict)


def _config(wb, tables) -> _Config:
    """The policy and everything else the Config sheet gives (:class:`_Config`)."""
    if L.CONFIG not in wb.sheetnames:
        return _Config(DEMO_POLICY, "demo policy (no Config sheet)", {},
                       [_warning("no Config sheet: the demo policy is used", L.CONFIG)],
                       DEMO_POLICY)
    cells = {}
    for r, values in enumerate(wb[L.CONFIG].iter_rows(max_row=L.MAX_CONFIG_ROWS,
                                                      max_col=L.MAX_CONFIG_COLUMNS,
                                                      values_only=True), start=1):
        for c, value in enumerate(values, start=1):
            if value is not None:
                cells[(r, c)] = value
    sheet = ConfigSheet(cells, _names(wb))
    for (r, c), value in cells.items():  # left out after its error: Config's errors stop all
        if isinstance(value, str) and len(value) > inputs.MAX_TEXT_CHARS:
            sheet.error(f"text is {len(value):,} characters long, expected at most "
                        f"{inputs.MAX_TEXT_CHARS:,} (what a cell of Excel's holds)",
                        f"{get_column_letter(c)}{r}")
            cells[(r, c)] = value[:inputs.MAX_TEXT_CHARS]
    for name, block in sheet.names.items():
        if block[3] > L.MAX_CONFIG_ROWS or block[2] > L.MAX_CONFIG_COLUMNS:
            sheet.error(f"{name} lies outside the part of Config that xlperf reads "
                        f"(rows 1–{L.MAX_CONFIG_ROWS}, columns A–Z)", sheet.where(block))
    policy = read_policy(sheet)
    scoring = _scoring_tables(sheet, tables)
    categories = category_list(sheet)
    if policy is None or sheet.problems:
        return _Config(DEMO_POLICY, "demo policy (the Config sheet has errors)", scoring,
                       sheet.problems + sheet.warnings, checking_policy(sheet), categories)
    return _Config(policy, "Config sheet", scoring, sheet.warnings, policy, categories)


def _scoring_tables(sheet: ConfigSheet, tables) -> dict[str, list]:
    where, ref = tables.get(L.SCORING_TABLES, ("", ""))
    if where != L.CONFIG:
        sheet.error(f"the Excel table {L.SCORING_TABLES} is missing from Config", "E7")
        return {}
    first_col, first_row, _, last_row = range_boundaries(ref)
    found: dict[str, list] = {}
    previous = None
    for r in range(first_row + 1, min(last_row, L.MAX_CONFIG_ROWS) + 1):
        name, x, y = (sheet.cells.get((r, first_col + i)) for i in range(3))
        if parse.blank(name) and x is None and y is None:
            continue
        name = str(name).strip() if not parse.blank(name) else ""
        cell = f"{get_column_letter(first_col)}{r}"
        if not name:
            sheet.error("scoring table row has no table name", cell)
        elif name in found and previous != name:
            sheet.error(f"the rows of scoring table {name} must be together (the formulas "
                        "read them as one block)", cell)
        else:
            found.setdefault(name, []).append((x, y))
        for i, value in ((1, x), (2, y)):  # no cell Excel saves: a crafted file's 1E999
            if isinstance(value, float) and not math.isfinite(value):
                sheet.error(f"scoring table {name} holds {value}, not a number",
                            f"{get_column_letter(first_col + i)}{r}")
        previous = name
    return found


def _executives(wb, last: int, problems: list[Problem]):
    """Valid executives by id (with their advances), every id seen, the table order, and
    the name typed beside each id (also on a row with errors)."""
    seen: dict[str, int] = {}
    folded: dict[str, str] = {}  # each id seen, by its case-folded form
    valid, invalid, order, names = {}, set(), {}, {}
    below: list[tuple[int, tuple]] = []
    for r, values in _data_rows(wb, L.EXECUTIVES_LAYOUT, last, problems, below):
        ex_id = _row_id(values)
        reader = parse.RowReader(L.EXECUTIVES_LAYOUT, r, values, ex_id, problems)
        if not ex_id:
            reader.error("executive id is empty", "id")
            continue
        _id_as_typed(reader, values)
        order[r] = ex_id
        names.setdefault(ex_id, _typed_name(values))
        twin = folded.get(inputs.id_key(ex_id))
        if twin is not None:  # E012 and e012: one person to Excel's lookups, one file name
            also = f"also row {seen[twin]}" + (f", as {twin}" if twin != ex_id else "")
            reader.error(f"executive id {ex_id} is listed twice ({also})", "id")
            invalid.update((ex_id, twin))
            seen.setdefault(ex_id, r)  # its rows on other sheets are a known executive's
            continue
        seen[ex_id], folded[inputs.id_key(ex_id)] = r, ex_id
        # the id as read (NFKC) names the files, so it is the one checked (ﷺ is one letter
        # typed, 18 characters and spaces read)
        if reader.get("id", lambda _, read=ex_id: executive_id(read)) is parse.BAD:
            invalid.add(ex_id)
            continue
        executive, paid = parse.executive(reader), parse.advances(reader)
        if parse.ok(executive, paid):
            valid[ex_id] = (executive, paid)
        else:
            invalid.add(ex_id)
    for ex_id in invalid:
        valid.pop(ex_id, None)
    for r, values in below:  # an executive below the table: their rows elsewhere are theirs
        ex_id = _row_id(values)
        if ex_id and ex_id not in seen:
            seen[ex_id], order[r] = r, ex_id
            names[ex_id] = _typed_name(values)
    return valid, seen, order, names


def _row_id(values: tuple) -> str:
    """The executive id in a row's first cell, "" when blank: as typed, but with the
    full-width letters and digits of a Chinese input method plain (Ｅ００１ is E001), so
    that it matches the same id typed plainly on another sheet."""
    if parse.blank(values[0]):
        return ""
    typed = str(values[0]).strip()[:_ID_KEPT]  # no id is longer: its cell says so (Executives)
    return inputs.typed(inputs.text(typed, "id"))


_ID_KEPT = inputs.MAX_NAME_CHARS  # of an over-long id, what messages and lookups keep


def _id_as_typed(reader: parse.RowReader, values: tuple) -> None:
    """An id read only after NFKC normalisation (full-width characters plain, decomposed
    characters composed, compatibility characters as their own), said at its cell: the
    workbook's formulas, which match ids as typed, miss the row. Where the two look alike
    (the same text in another Unicode form), the code points tell them apart."""
    typed = values[0]
    if isinstance(typed, str) and len(typed) <= _ID_KEPT and typed.strip() != reader.executive:
        read, typed = reader.executive, typed.strip()
        if unicodedata.normalize("NFC", typed) == read:  # looks the same: say the forms
            reader.warn(f'ID "{typed}" ({_code_points(typed)}) is read as {read} '
                        f"({_code_points(read)}), the same text in another Unicode form; the "
                        "workbook's formulas, which match the ID as typed, miss the row: type "
                        "the ID again", "id")
            return
        reader.warn(f'ID is "{typed}", read as {read}; the workbook\'s formulas, which '
                    f"match the ID as typed, miss the row: type {read}", "id")


def _code_points(text: str) -> str:
    """``U+1112 U+1161 U+11AB``: the characters of a short text by their code points."""
    return " ".join(f"U+{ord(c):04X}" for c in text[:12]) + (" …" if len(text) > 12 else "")


def _typed_name(values: tuple) -> str:
    """The name beside an id on the Executives sheet, "" when blank."""
    name = values[L.EXECUTIVES_LAYOUT.index("name")]
    if parse.blank(name):
        return ""
    name = inputs.words(str(name))  # an over-long one is an error at its cell: cut here
    return name if len(name) <= inputs.MAX_NAME_CHARS else name[:inputs.MAX_NAME_CHARS] + "…"


def _stand_in(ex_id: str) -> Executive:
    """An executive with no bonus for a bad Executives row, so that their other sheets are
    still checked (an id a file cannot be named by is listed at its cell already)."""
    try:
        return Executive(ex_id, ex_id, Decimal(0))
    except InputError:
        return Executive("stand-in", "stand-in", Decimal(0))


def _company_and_year(wb, problems: list[Problem]) -> tuple[str, int | None, object]:
    """Company, year and the raw pay date from the Executives sheet's row 2."""
    top = list(wb[L.EXECUTIVES].iter_rows(min_row=1, max_row=2, max_col=6, values_only=True))
    row = tuple(top[1]) + (None,) * 6 if len(top) > 1 else (None,) * 6
    company = "" if parse.blank(row[1]) else inputs.words(str(row[1]))
    if not company:
        problems.append(_warning("company name is empty", L.EXECUTIVES, L.COMPANY_CELL))
    try:  # printed on every report: nobody is appraised with a company name too long
        inputs.too_long(company, "company name", inputs.MAX_NAME_CHARS)
    except InputError as error:
        problems.append(Problem(error.message, L.EXECUTIVES, L.COMPANY_CELL))
        company = parse.BAD
    try:
        year = inputs.year(row[3], "appraisal year")
    except InputError as error:
        problems.append(Problem(error.message, L.EXECUTIVES, L.YEAR_CELL))
        return company, None, row[5]
    return company, year, row[5]


@dataclasses.dataclass
class _Collected:
    indicators: dict = dataclasses.field(default_factory=lambda: defaultdict(list))
    ratings: dict = dataclasses.field(default_factory=lambda: defaultdict(list))
    duty: dict = dataclasses.field(default_factory=lambda: defaultdict(list))
    okr: dict = dataclasses.field(default_factory=lambda: defaultdict(list))
    history: dict = dataclasses.field(default_factory=lambda: defaultdict(list))
    grants: dict = dataclasses.field(default_factory=lambda: defaultdict(list))
    linked: dict = dataclasses.field(default_factory=lambda: defaultdict(list))  # exercises…
    soe_pay: dict = dataclasses.field(default_factory=lambda: defaultdict(list))
    rows: dict = dataclasses.field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    bad: dict = dataclasses.field(default_factory=lambda: defaultdict(set))  # id -> sheets
    cached: list = dataclasses.field(default_factory=list)


def _long_sheet(wb, layout, last, known, problems, collected: _Collected, build,
                target: dict, keep=None) -> None:
    below: list[tuple[int, tuple]] = []
    unknown: dict[str, list[int]] = defaultdict(list)  # rows of ids not on Executives
    # e001 is E001's row, as the workbook's formulas (FILTER, SUMIFS: case-blind) count it
    as_listed = {inputs.id_key(k): k for k in known}
    for r, values in _data_rows(wb, layout, last, problems, below):
        if keep is not None:
            keep(r, values)
        ex_id = _row_id(values)
        ex_id = as_listed.get(inputs.id_key(ex_id), ex_id) if ex_id else ex_id
        reader = parse.RowReader(layout, r, values, ex_id, problems)
        if not ex_id:
            reader.error("executive id is empty", "id")
            continue
        _id_as_typed(reader, values)
        if layout is L.INDICATORS_LAYOUT or layout is L.GRANTS_LAYOUT:
            key, field = (("indicator_score", "score") if layout is L.INDICATORS_LAYOUT
                          else ("vested_quantity", "vested"))
            collected.cached.append(CachedValue(ex_id, key, layout.name,
                                                layout.letter(field), r, values[-1]))
        if ex_id not in known:
            unknown[ex_id].append(r)
            continue
        collected.rows[layout.name][ex_id].append(r)
        item = build(reader)
        if item is parse.BAD:
            collected.bad[ex_id].add(layout.name)
        else:
            target[ex_id].append(item)
    for ex_id, rows in unknown.items():  # one problem each, not one per row (49 for a
        # mistyped id on Indicators), at its first row
        also = f" (rows {rows[0]}–{rows[-1]}, {len(rows)} rows)" if len(rows) > 1 else ""
        parse.RowReader(layout, rows[0], (), ex_id, problems).error(
            f"executive {ex_id} is not on the Executives sheet{also}", "id")
    for _, values in below:  # the executive's row left out: so are they (listed already)
        if (ex_id := as_listed.get(inputs.id_key(_row_id(values)))) in known:
            collected.bad[ex_id].add(layout.name)


# The sheets whose checks a bad row of a sheet (left out of the executive's data) could
# upset: without an OKR row the OKR score and the individual part are not what was meant.
_GRANT_SHEETS = frozenset({L.GRANTS, L.EXERCISES, L.CLAWBACKS})
_UPSET = {L.OKR: {L.OKR, L.INDICATORS}, L.GRANTS: _GRANT_SHEETS, L.EXERCISES: _GRANT_SHEETS,
          L.CLAWBACKS: _GRANT_SHEETS}


def _sheet_inputs(ex_id: str, got: _Collected, year: int, policy: Policy,
                  problems: list[Problem], skip: set[str] = frozenset()):
    """The executive's OKR objectives, History order, grants and SoePay, each checked (its
    problems listed) unless its sheet is in ``skip``: then (), True, None, None."""
    objectives = () if L.OKR in skip else parse.objectives(got.okr[ex_id], ex_id, problems)
    history_ok = L.HISTORY in skip or parse.check_history_order(got.history[ex_id], ex_id,
                                                                 problems)
    grants = None if skip & _GRANT_SHEETS else lti.build(
        ex_id, got.grants[ex_id], got.linked[ex_id], policy.incentives, problems)
    soe_pay = None if L.SOE_PAY in skip else soe_pay_input(got.soe_pay[ex_id], year, ex_id,
                                                          problems)
    return objectives, history_ok, grants, soe_pay


def _appraised(item: AppraisalInput, policy: Policy):
    """``appraise(item)`` and no errors, or None and the errors it raised."""
    try:
        return appraise(item, policy), []
    except InputErrors as many:
        return None, list(many.errors)
    except InputError as error:
        return None, [error]


def _check_the_other_sheets(ex_id: str, executive, paid, year: int, got: _Collected,
                            policy: Policy, problems: list[Problem]) -> None:
    """An executive with a bad row is not appraised, but the checks its bad rows cannot
    upset still run, so that fixing one error does not reveal the next only on the next
    run (a weight sum on Indicators beside a bad 360 rating)."""
    bad = got.bad[ex_id]
    upset = set().union(*(_UPSET.get(sheet, {sheet}) for sheet in bad))
    objectives, *_ = _sheet_inputs(ex_id, got, year, policy, problems, upset)
    if objectives is parse.BAD:
        objectives, bad = (), bad | {L.OKR}
    _check_the_appraisal(ex_id, executive, paid, year, got, policy, problems, objectives,
                         bad)


def _check_the_appraisal(ex_id: str, executive, paid, year: int, got: _Collected,
                         policy: Policy, problems: list[Problem], objectives,
                         bad: set[str]) -> None:
    """The appraisal's own checks (weight sums, parts, 360, duty report) of an executive
    left out for bad rows or sheets (``bad``), listing the errors those cannot upset."""
    upset = set().union(*(_UPSET.get(sheet, {sheet}) for sheet in bad))
    # a sheet upset by another's bad row (Indicators by OKR) has nothing reliable to say of
    # its scores; on a sheet with bad rows of its own the other rows' errors stand
    by_others = set().union(*(_UPSET.get(sheet, {sheet}) - {sheet} for sheet in bad))
    _, errors = _appraised(AppraisalInput(
        executive, year, tuple(got.indicators[ex_id]), tuple(got.ratings[ex_id]),
        tuple(got.duty[ex_id]), objectives, tuple(got.history[ex_id]), tuple(paid.values()),
        advance_quarters=tuple(paid)), policy)
    # a row's own error stands; a sheet-wide one (a weight sum) may be the bad row's doing,
    # unless the bad rows are on another sheet and the error is of the weights typed, which
    # no other sheet's row changes (Indicators' weights beside a bad OKR objective)
    problems += [_locate(e, ex_id, got.rows) for e in errors
                 if (e.sheet or L.INDICATORS) not in upset
                 or e.row is not None and (e.sheet or L.INDICATORS) not in by_others
                 or e.field == "weight" and (e.sheet or L.INDICATORS) not in bad]


def _locate(error: InputError, ex_id: str, rows: dict) -> Problem:
    """A core error of one executive as a Problem at the cell (or the cells) it is about."""
    sheet = error.sheet or L.INDICATORS
    if error.row:
        cell = L.cell_for(sheet, error.row, error.field) or f"A{error.row}"
    else:
        lines = rows[sheet].get(ex_id, [])
        layout = L.INPUT_LAYOUTS.get(sheet)
        try:
            letter = layout.letter(error.field) if layout and error.field else "A"
        except KeyError:
            letter = "A"
        if error.rows:  # the cells it is about (a part's weights), not all the executive's
            return Problem(_by_cell(error.message, letter, error.rows), sheet,
                           L.cells_in_column(letter, error.rows), ex_id)
        if not lines:  # nothing of the executive's on that sheet: point at the ID itself
            row = rows[L.EXECUTIVES][ex_id][0]
            return Problem(f"{error.message} (no {sheet} rows with the ID {shown_id(ex_id)})",
                           L.EXECUTIVES, f"A{row}", ex_id)
        cell = f"{letter}{lines[0]}:{letter}{lines[-1]}"
    return Problem(error.message, sheet, cell, ex_id)


_NTH = re.compile(r"\bweight (\d+) = ")


def _by_cell(message: str, letter: str, rows: tuple[int, ...]) -> str:
    """``message`` with each "weight 2 = " (the core's count of a list) said as its cell,
    "F20 = "."""
    def cell(found: re.Match) -> str:
        n = int(found[1])
        return f"{letter}{rows[n - 1]} = " if 0 < n <= len(rows) else found[0]

    return _NTH.sub(cell, message)


def _results_cache(wb, order: dict[int, str], problems: list[Problem]) -> list[CachedValue]:
    if L.RESULTS not in wb.sheetnames:
        problems.append(_warning("no Results sheet: nothing to reconcile", L.RESULTS))
        return []
    if not order:
        return []
    sheet = wb[L.RESULTS]
    columns = _result_key_columns(sheet, problems)
    width = max(columns.values(), default=0) + 1
    cached, shown, blank = [], False, []
    last = max(order)
    for r, values in enumerate(sheet.iter_rows(min_row=L.FIRST_ROW, max_row=last,
                                               max_col=width, values_only=True),
                               start=L.FIRST_ROW):
        ex_id = order.get(r)
        if ex_id is None:
            continue
        values = tuple(values) + (None,) * (width - len(values))
        shown = shown or values[0] is not None
        if values[0] is None:
            blank.append((r, ex_id))
        elif inputs.id_key(_row_id(values)) != inputs.id_key(ex_id):  # read as Executives
            # reads its ids: Ｅ００１ typed there shows as Ｅ００１ here, and is E001
            problems.append(_warning(f"Results row {r} shows {values[0]} but row {r} of the "
                                     f"Executives table is {ex_id}: recalculate the workbook",
                                     L.RESULTS, f"A{r}", ex_id))
        for key, i in columns.items():
            cached.append(CachedValue(ex_id, key, L.RESULTS, get_column_letter(i + 1), r,
                                      values[i]))
    if shown and blank:  # calculated, yet these rows show nothing: they have no formulas
        problems.append(_results_missing(blank))
    return cached


def _results_missing(blank: list[tuple[int, str]]) -> Problem:
    """The warning for executives whose Results rows show nothing in a calculated book."""
    rows = f"{blank[0][0]}" if len(blank) == 1 else f"{blank[0][0]}–{blank[-1][0]}"
    ids = ", ".join(ex_id for _, ex_id in blank[:5]) + (" …" if len(blank) > 5 else "")
    return _warning(f"Results row(s) {rows} show nothing although the Executives table lists "
                    f"{ids} there: the Results formulas stop before them (the template "
                    f"carries {L.MIN_RESULT_ROWS}); copy the last Results row down (or write "
                    "the template with `xlperf workbook new --executives N`) and recalculate. "
                    "Their figures are computed but not reconciled", L.RESULTS,
                    f"A{blank[0][0]}")


def _quota_cache(wb, quotas: int) -> list[CachedValue]:
    """The cells of the forced-distribution block right of Results (``XP_QUOTA``): one row
    per quota, its label, count, allowed and status, as Excel cached them."""
    if L.RESULTS not in wb.sheetnames or not quotas:
        return []
    first = L.QUOTA_FIRST_COLUMN
    rows = wb[L.RESULTS].iter_rows(min_row=L.FIRST_ROW, max_row=L.FIRST_ROW + quotas - 1,
                                   min_col=first, max_col=first + len(QUOTA_KEYS) - 1,
                                   values_only=True)
    return [CachedValue("", key, L.RESULTS, get_column_letter(first + i), r, value)
            for r, values in enumerate(rows, start=L.FIRST_ROW)
            for i, (key, value) in enumerate(zip(QUOTA_KEYS, values, strict=False))]


def _result_key_columns(sheet, problems: list[Problem]) -> dict[str, int]:
    """Each reconciled Results column's index, found by its header (row 4), so a workbook
    of an older template (without Deferred) or with a column inserted still reconciles
    the columns it has; the ones it lacks are said in one warning."""
    header = next(sheet.iter_rows(min_row=L.HEADER_ROW, max_row=L.HEADER_ROW,
                                  values_only=True), ())
    found: dict[str, int] = {}
    for i, h in enumerate(header):
        if h is not None:
            found.setdefault(str(h).strip(), i)  # the first column of that header
    columns, missing = {}, []
    for column in L.RESULT_COLUMNS:
        if column.key is None:
            continue
        if column.header in found:
            columns[column.key] = found[column.header]
        else:
            missing.append(column.header)
    if missing:
        problems.append(_warning(
            f"Results has no column(s) {', '.join(missing)} in row {L.HEADER_ROW} (an older "
            "template?): not reconciled; `xlperf workbook new` writes the current one",
            L.RESULTS, f"A{L.HEADER_ROW}"))
    return columns


def damaged(path: Path, reason: str) -> InputError:
    """The one error of a workbook whose file is damaged (or crafted): what and where, as
    far as known, and what to do."""
    return InputError(f"{path}: the file is damaged: {reason}; open it in Excel, let Excel "
                      "repair it and save it", workbook=str(path))


def read_workbook(path: str | Path) -> WorkbookData:
    """Read and check an xlperf workbook; see the module doc and docs/workbook.md."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a workbook: give the .xlsx files in it "
                         f"({path}/*.xlsx)", workbook=str(path))
    if path.exists() and not path.is_file():
        raise InputError(f"{path} is not a regular file (a pipe, device or socket), not a "
                         "workbook", workbook=str(path))
    if not path.is_file():
        raise InputError(f"{path}: no such workbook file", workbook=str(path))
    check_package(path)
    sha256 = sha256_file(path)
    tables = table_ranges(path)
    wb = _open(path)
    try:
        sheets = Sheets(wb, L.SHEET_ORDER)  # by the template's names, whatever their case
        tables = {table: (sheets.name_of(sheet), ref) for table, (sheet, ref) in tables.items()}
        with warnings.catch_warnings():  # openpyxl warns of what the checks report by cell
            warnings.simplefilter("ignore")
            return _read(sheets, path, sha256, tables)
    except DamagedSheet as error:  # a sheet's XML is read (streamed) only now
        raise (entities_refused(path) if error.refused else damaged(path, error.reason)) \
            from None
    finally:
        wb.close()


def _read(wb, path: Path, sha256: str, tables) -> WorkbookData:
    problems: list[Problem] = [
        _warning(f'sheet "{title}" is read as {name}: rename it {name} (without the spaces)',
                 name) for name, title in wb.respelled()]
    last_rows = _check_layouts(wb, tables, problems)
    absent = [name for name in OPTIONAL_SHEETS if name not in wb.sheetnames]
    if absent:
        problems.append(_warning(
            f"sheet(s) {', '.join(absent)} missing: read as empty (no long-term incentives, "
            "equity plans or SOE pay checks from them); `xlperf workbook new` writes the "
            "current template",
            absent[0]))
    config = _config(wb, tables)
    policy, source, rows_policy = config.policy, config.source, config.rows_policy
    problems += config.problems
    company, year, pay_cell = _company_and_year(wb, problems)
    if company is parse.BAD:
        company, year = "", None  # appraises nobody, as a bad year does
    pay_date = lti.pay_date(pay_cell, year, problems)
    executives, known, order, names = _executives(wb, last_rows[L.EXECUTIVES], problems)
    known_ids = set(known)
    got = _Collected()
    for ex_id, r in known.items():
        got.rows[L.EXECUTIVES][ex_id].append(r)
    plan_rows = list(_data_rows(wb, L.PLANS_LAYOUT, last_rows.get(L.PLANS, 0), problems))
    period_rows = list(_data_rows(wb, L.PLAN_PERIODS_LAYOUT, last_rows.get(L.PLAN_PERIODS, 0),
                                  problems))
    plan_ids = {v[0].strip() for _, v in plan_rows if isinstance(v[0], str)}
    plan_grants: list[tuple[int, tuple]] = []

    def keep_plan_grant(r: int, values: tuple) -> None:
        grant_id = values[L.GRANTS_LAYOUT.index("grant_id")]
        if isinstance(grant_id, str) and grant_id.strip() in plan_ids:
            plan_grants.append((r, values))

    sheets = (
        (L.INDICATORS_LAYOUT, lambda r: parse.indicator(r, config.scoring, config.categories),
         got.indicators),
        (L.RATINGS_LAYOUT, parse.rating, got.ratings),
        (L.DUTY_LAYOUT, parse.duty_score, got.duty),
        (L.OKR_LAYOUT, parse.key_result, got.okr),
        (L.HISTORY_LAYOUT, lambda r: parse.past_year(r, rows_policy, year), got.history),
        (L.GRANTS_LAYOUT, lti.grant_row, got.grants),
        (L.EXERCISES_LAYOUT, lti.exercise_row, got.linked),
        (L.CLAWBACKS_LAYOUT, lti.clawback_row, got.linked),
        (L.SOE_PAY_LAYOUT, lambda r: soe_pay_row(r, rows_policy), got.soe_pay),
    )
    for layout, build, target in sheets:
        _long_sheet(wb, layout, last_rows.get(layout.name, 0), known_ids, problems, got, build,
                    target, keep_plan_grant if layout is L.GRANTS_LAYOUT else None)
    market = lti.market(_data_rows(wb, L.SHARE_PRICES_LAYOUT, last_rows.get(L.SHARE_PRICES, 0),
                                   problems), problems)
    plans = check_plans(plan_rows, period_rows, plan_grants, problems)
    cached = got.cached + _results_cache(wb, order, problems)
    quotas = _quota_cache(wb, len(policy.quotas)) if order else []
    unchecked = year is None or pay_date is parse.BAD
    # a broken Config appraises nobody, but every executive's sheets are still checked (with
    # rows_policy: the company's grade names), so its errors do not hide theirs
    config_broken = source != "Config sheet" and L.CONFIG in wb.sheetnames
    found = []
    for ex_id in () if unchecked else sorted(set(known) - set(executives)):
        # a bad Executives row hides none of the executive's other errors: their sheets are
        # checked as for anyone, with a stand-in for the row (no bonus: nothing it can upset)
        _check_the_other_sheets(ex_id, _stand_in(ex_id), {}, year, got, rows_policy,
                                problems)
    for ex_id, (executive, paid) in executives.items():
        if unchecked:
            continue
        if ex_id in got.bad or config_broken:  # left out; sheets without a bad row checked
            _check_the_other_sheets(ex_id, executive, paid, year, got, rows_policy, problems)
            continue
        objectives, history_ok, grants, soe_pay = _sheet_inputs(ex_id, got, year, policy,
                                                                problems)
        if parse.BAD in (objectives, grants, soe_pay) or not history_ok:
            # left out for an objective, the history's order, grants or SoePay: the
            # appraisal's own checks still run, so their errors come out in this run too
            left = {sheet for sheet, bad in ((L.OKR, objectives is parse.BAD),
                                             (L.HISTORY, not history_ok),
                                             (L.GRANTS, grants is parse.BAD),
                                             (L.SOE_PAY, soe_pay is parse.BAD)) if bad}
            _check_the_appraisal(ex_id, executive, paid, year, got, policy, problems,
                                 () if objectives is parse.BAD else objectives, left)
            continue
        held, rows = grants
        if held and market is parse.BAD:  # said of each holder, so none goes unaccounted
            problems.append(Problem(
                f"{ex_id}'s grants are valued at the share prices, and the SharePrices sheet "
                "has errors (listed at their cells): fix them to report this executive",
                L.GRANTS, f"A{rows[0].row}" if rows else "", ex_id))
            continue
        item = AppraisalInput(executive, year, tuple(got.indicators[ex_id]),
                              tuple(got.ratings[ex_id]), tuple(got.duty[ex_id]), objectives,
                              tuple(got.history[ex_id]), tuple(paid.values()), held,
                              NO_MARKET if market is parse.BAD else market, pay_date, soe_pay,
                              advance_quarters=tuple(paid))
        appraisal, errors = _appraised(item, policy)
        problems += [_locate(e, ex_id, got.rows) for e in errors]
        if appraisal is None:
            continue
        statement = lti.check_statement(item, appraisal, rows, policy, problems)
        if statement is not None:
            found.append(statement)
        if soe_pay is not None:
            check = appraisal_year_row(got.soe_pay[ex_id], year)
            cached.append(CachedValue(ex_id, "soe_check", L.SOE_PAY,
                                      L.SOE_PAY_LAYOUT.letter("check"), check.row, check.check))
    return WorkbookData(str(path), sha256, company, year or 0, policy, source, tuple(found),
                        tuple(problems), tuple(cached),
                        NO_MARKET if market is parse.BAD else market,
                        None if pay_date is parse.BAD else pay_date, plans, tuple(quotas),
                        config.scoring, names, dict(known))
