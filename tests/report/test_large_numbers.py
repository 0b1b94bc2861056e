"""Large and precise numbers in the PDFs: an entered value prints as entered (up to Excel's
15 significant digits), and large figures stay inside their table cells — the summary's
totals of a company paying hundreds of millions, an indicator actual of ten digits. Read
back with pdfplumber: the column of a figure is the header cell above it (its shaded
background, a rectangle in the PDF)."""

from __future__ import annotations

import re
import warnings
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pdfplumber
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.workbook.conftest import config_cell
from xlperf.batch import ReportOptions, run_report
from xlperf.report.formats import number, score
from xlperf.rules.money import format_amount

from .conftest import edit_cells, pdf_text, read_csv


def test_a_score_prints_rounded_half_up_as_excel_rounds():
    # 30.825 and 2.025 are stored just below the half: Python's format gives 30.82, 2.02
    assert (score(30.825), score(2.025), score(91.33), score(None)) == (
        "30.83", "2.03", "91.33", "")


# --- formats.number: as entered -----------------------------------------------------------


@pytest.mark.parametrize(("value", "text"), [
    (917555.1, "917,555.1"),
    (0.000123, "0.000123"),
    (1234.5, "1,234.5"),
    (1234.5678, "1,234.5678"),
    (9175551234.56, "9,175,551,234.56"),
    (58627.4, "58,627.4"),
    (52000.0, "52,000"),
    (52000, "52,000"),
    (-1234567.891, "-1,234,567.891"),
    (1.23e-8, "0.0000000123"),  # never in exponent form
    (1e20, "100,000,000,000,000,000,000"),
    (1.15 * 100, "115"),  # 114.99999999999999: 15 digits, as Excel shows it
    (0.1 + 0.2, "0.3"),
    (123456789.123456789, "123,456,789.123457"),  # 15 significant digits, no more
    (Decimal("10.50"), "10.5"),
    (Decimal("12"), "12"),
    (True, "✓"),
    (None, ""),
    ("", ""),
    ("５８６２７．４", "58,627.4"),  # full-width digits are read as a number, printed as one
    (" 1,234.50 ", "1,234.5"),
    ("done", "done"),  # other text stays as typed
    ("95%", "95%"),
    ("NaN", "NaN"),
])
def test_an_entered_value_prints_as_entered(value, text):
    assert number(value) == text


GROUPED = re.compile(r"-?\d{1,3}(,\d{3})*(\.\d*[1-9])?")


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e18, max_value=1e18))
def test_a_float_prints_its_15_significant_digits_grouped_without_exponent(value):
    text = number(value)
    assert GROUPED.fullmatch(text), text  # thousands separators, no exponent, no trailing 0
    assert Decimal(text.replace(",", "")) == Decimal(f"{value:.15g}")


# --- large figures stay inside their cells ---------------------------------------------

STANDARD = 50_000_000  # every executive's bonus standard: the totals pass ¥100,000,000
ACTUAL = 9175551234.56  # E001's net sales revenue
# the summary's two department tables: their amounts, each a ledger column's total
PAYOUT = {"bonus": "Performance bonus", "extra": "Over-achievement extra",
          "total": "Total payout", "deferred": "Deferred", "advances": "Advances paid",
          "due_now": "Settlement due"}
CASH = {"due_now": "Settlement due", "incentives": None,
        "in_kind": "In kind (shares at their taxable value, not cash)",
        "tax": "Tax", "net_cash": "Net cash of the year (below 0: to collect)"}


def _ledger_amount(row: dict, key: str, column: str | None) -> Decimal:
    if key == "incentives":  # gross income beyond the settlement's cash, less clawbacks
        gross = Decimal(row["Gross (taxable income)"])
        clawed = Decimal(row["Earlier years' incentive cash clawed back"])
        return gross - max(Decimal(0), Decimal(row["Settlement due"])) - clawed
    return Decimal(row[column])


HEADER_FILL = (0.851, 0.882, 0.949)  # th background #D9E1F2


def _large_book(demo_book: Path, target: Path, deferral: float | None) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(demo_book, read_only=True)
    executives = [row[0].row for row in wb["Executives"].iter_rows(min_row=5, max_col=1)
                  if row[0].value]
    net_sales = next(row[0].row for row in wb["Indicators"].iter_rows(min_row=5, max_col=4)
                     if row[0].value == "E001" and "Net sales" in str(row[3].value))
    wb.close()
    changes = {("Executives", f"F{r}"): STANDARD for r in executives}
    changes[("Indicators", f"H{net_sales}")] = ACTUAL
    if deferral is not None:
        changes[("Config", config_cell(demo_book, "DeferralShare"))] = deferral
    return edit_cells(demo_book, target, changes)


@pytest.fixture(scope="module", params=[None, 0.4], ids=["soe-deferral", "company-deferral"])
def large(request, demo_book, tmp_path_factory):
    """The demo with ¥50,000,000 bonus standards and a ten-digit actual, rendered (E001 and
    the summary): eight money columns, a Deferred one among them — the two executives under
    the central-SOE rules defer 40% — and, with the company's own deferral share, larger
    deferred totals."""
    folder = tmp_path_factory.mktemp("large")
    book = _large_book(demo_book, folder / "large.xlsx", request.param)
    out = folder / "out"
    result = run_report([str(book)], ReportOptions(out, only=("E001",), jobs=1))
    assert result.ok
    return SimpleNamespace(out=out, ledger=read_csv(out / "ledger.csv"),
                           deferral=request.param)


def _lines(page) -> dict[float, list]:
    """The chars of ``page`` by line (their top), each line left to right."""
    lines: dict[float, list] = {}
    for char in page.chars:
        lines.setdefault(round(char["top"], 1), []).append(char)
    for chars in lines.values():
        chars.sort(key=lambda c: c["x0"])
    return lines


def _place(page, text: str, line: list | None = None) -> tuple[float, float, float, list, list]:
    """x0, x1 and top of ``text`` on a line of ``page`` (or on ``line``), its chars and the
    other chars of its line."""
    for chars in [line] if line else _lines(page).values():
        at = "".join(c["text"] for c in chars).find(text)
        if at >= 0:
            run = chars[at:at + len(text)]
            return run[0]["x0"], max(c["x1"] for c in run), round(run[0]["top"], 1), run, [
                c for c in chars if c not in run]
    raise AssertionError(f"{text} is not printed whole on one line (overlapped or wrapped)")


def _cell(page, x: float, top: float) -> dict:
    """The header cell above ``top`` whose column holds ``x``."""
    heads = [r for r in page.rects if r["top"] < top and len(r.get("non_stroking_color") or ())
             == 3 and all(abs(a - b) < 0.005 for a, b in zip(r["non_stroking_color"],
                                                            HEADER_FILL, strict=True))]
    row = max(r["top"] for r in heads)
    return next(r for r in heads if r["top"] == row and r["x0"] <= x < r["x1"])


def _inside_its_cell(page, text: str, line: list | None = None) -> dict:
    """Assert that ``text`` (on ``line``, if given) lies inside the column it starts in and
    that no other character of its line overlaps it; returns the cell."""
    x0, x1, top, _, others = _place(page, text, line)
    cell = _cell(page, x0, top)
    assert cell["x0"] <= x0 and x1 <= cell["x1"], (text, x0, x1, cell["x0"], cell["x1"])
    assert not [c["text"] for c in others if c["x0"] < x1 and c["x1"] > x0], text
    return cell


def test_the_summary_totals_of_a_large_company_stay_in_their_columns(large):
    """12 executives at ¥50,000,000: totals of ¥495,350,000.00 and the like, each within
    its own column of its table's totals row (they ran 2.5 pt into the next one, touching
    its figure); the cash table's row adds across."""
    assert Decimal(large.ledger[0]["Bonus standard"]) == STANDARD
    with pdfplumber.open(large.out / "summary.pdf") as pdf:
        rows = [(page, line) for page in pdf.pages for line in _lines(page).values()
                if "合计Totals" in "".join(c["text"] for c in line).replace(" ", "")]
        assert len(rows) == 2  # the payout table's totals, then the cash table's
        for (page, line), table in zip(rows, (PAYOUT, CASH), strict=True):
            totals = {k: sum((_ledger_amount(r, k, c) for r in large.ledger), Decimal(0))
                      for k, c in table.items()}
            shown = [k for k, v in totals.items()
                     if k not in ("deferred", "incentives", "in_kind") or v]
            assert ("deferred" in shown) == (table is PAYOUT)
            texts = [format_amount(totals[k]) for k in shown]
            assert len(max(texts, key=len)) >= len("¥100,000,000.00")
            edges = [_inside_its_cell(page, t, line)["x0"] for t in texts]
            assert edges == sorted(set(edges))  # one column each, in the table's order
    cash = {k: sum((_ledger_amount(r, k, c) for r in large.ledger), Decimal(0))
            for k, c in CASH.items()}
    assert (cash["due_now"] + cash["incentives"] - cash["in_kind"] - cash["tax"]
            == cash["net_cash"])


def test_a_ten_digit_actual_stays_in_its_column(large):
    """9,175,551,234.56 prints whole, inside the Actual column (it ran 8 pt past it, over
    the method's text)."""
    path = large.out / "appraisal-E001.pdf"
    assert "9,175,551,234.56" in pdf_text(path)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        _inside_its_cell(page, "9,175,551,234.56")
        _inside_its_cell(page, "860,000")  # its target, in the column before


def test_ordinary_reports_keep_their_sizes(demo_run):
    """The demo is not changed by any of this: the summary's amounts keep their 7pt, the
    indicator table its 11% target and actual columns."""
    with pdfplumber.open(demo_run.out / "summary.pdf") as pdf:
        net = format_amount(sum(Decimal(r["Net cash of the year (below 0: to collect)"])
                                for r in demo_run.ledger))
        page = next(p for p in pdf.pages if net in (p.extract_text() or ""))
        chars = _place(page, net)[3]
        assert {round(c["size"], 2) for c in chars} == {7.0}
    with pdfplumber.open(demo_run.out / "appraisal-E001.pdf") as pdf:
        page = pdf.pages[0]
        x0, _, top, _, _ = _place(page, "917,555.1")  # as entered (it printed 917,555)
        cell = _cell(page, x0, top)
        assert cell["x1"] - cell["x0"] == pytest.approx(0.11 * 182 / 25.4 * 72, abs=0.05)
