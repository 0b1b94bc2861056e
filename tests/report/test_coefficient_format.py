"""The appraisal coefficient prints with 2 decimals everywhere (1.00, 1.20, never 1 or 1.2) and
a score of record with 2 (83.50): the PDFs, ledger.csv and ledger.xlsx, read back from the
demo's real run for all 12 executives. One place says how (xlperf.report.formats)."""

from __future__ import annotations

import io
import re
import warnings
from decimal import Decimal

import openpyxl
import pdfplumber
import pytest

from xlperf.ledger import LEDGER_COLUMNS, ledger_csv
from xlperf.report import formats
from xlperf.workbook.ledger import ledger_xlsx_bytes

from .conftest import pdf_text

IDS = [f"E{i:03d}" for i in range(1, 13)]
# the demo's grades (表-3: S 1.5, A 1.2, B 1.0, C 0.6, D 0), E010's A capped at C by a veto
DEMO_COEFFICIENTS = {"E001": "1.50", "E002": "1.20", "E003": "1.00", "E004": "1.00",
                     "E005": "1.00", "E006": "1.00", "E007": "1.00", "E008": "0.60",
                     "E009": "1.20", "E010": "0.60", "E011": "1.00", "E012": "0.00"}
TWO_DECIMALS = re.compile(r"\d+\.\d{2}")


@pytest.mark.parametrize(("value", "text"), [
    (1.5, "1.50"), (1.2, "1.20"), (1, "1.00"), (1.0, "1.00"), (0, "0.00"), (0.6, "0.60"),
    (10, "10.00"), (Decimal("1.2"), "1.20"),
    (1.35, "1.35"), (1.234, "1.234"), (1.2345, "1.2345"),  # a curve's value: up to 4
    (1.23456, "1.2346"), (0.00005, "0.0001"),  # beyond 4: rounded half-up, as Excel shows
    (1.0000001, "1.00"), (None, ""),
])
def test_a_coefficient_prints_with_two_to_four_decimals(value, text):
    assert formats.coefficient(value) == text


def test_the_formats_are_excels_too():
    assert formats.COEFFICIENT_FORMAT == "0.00##" and formats.SCORE_FORMAT == "0.00"
    assert formats.score(83.5) == "83.50"


@pytest.fixture(scope="module")
def ledger_book(demo_run):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(demo_run.out / "ledger.xlsx")["Ledger"]


def _column(ws, header: str) -> int:
    return next(c.column for c in ws[1] if c.value.split("\n")[-1] == header)


def test_the_demos_coefficients_print_the_same_in_every_output(demo_run, ledger_book):
    csv_rows = {row["ID"]: row for row in demo_run.ledger}
    assert sorted(csv_rows) == IDS
    ws = ledger_book
    ids, coef, score = (_column(ws, h) for h in ("ID", "Coefficient", "Annual score"))
    xlsx_rows = {ws.cell(r, ids).value: r for r in range(2, ws.max_row + 1)}
    assert sorted(xlsx_rows) == IDS
    for ex_id, expected in DEMO_COEFFICIENTS.items():
        row = csv_rows[ex_id]
        assert row["Coefficient"] == expected, ex_id
        assert TWO_DECIMALS.fullmatch(row["Annual score"]), row["Annual score"]
        # ledger.xlsx: numbers, with Excel's format showing them the same way
        cell = ws.cell(xlsx_rows[ex_id], coef)
        assert cell.value == float(expected) and cell.number_format == "0.00##", ex_id
        assert ws.cell(xlsx_rows[ex_id], score).number_format == "0.00"
        assert f"{ws.cell(xlsx_rows[ex_id], score).value:.2f}" == row["Annual score"]
        # the appraisal report's key figures, under their captions (pdfplumber's words)
        score_shown, grade, coef_shown = key_figures(demo_run.out / f"appraisal-{ex_id}.pdf")
        assert (score_shown, coef_shown) == (row["Annual score"], expected), ex_id
        assert grade == row["Grade"]
        # the payout statement: in its header line and as the bonus's factor
        text = " ".join(pdf_text(demo_run.out / f"payout-{ex_id}.pdf").split())
        assert f"考核系数 Coefficient {expected} " in text, ex_id
        assert f"× {expected} " in text, ex_id


def key_figures(path) -> tuple[str, str, str]:
    """The appraisal's annual score, grade and coefficient: the words on the line under the
    captions (pdfplumber), by the caption each starts under."""
    with pdfplumber.open(path) as pdf:
        words = pdf.pages[0].extract_words()
    captions = {}  # each caption's first place (the page names the score again below)
    for w in words:
        if w["text"] in ("年度考核得分", "考核等级", "考核系数", "绩效奖金"):
            captions.setdefault(w["text"], w)
    top = max(c["bottom"] for c in captions.values())
    line = min(w["top"] for w in words if w["top"] >= top)  # the figures' line
    figures = sorted((w for w in words if abs(w["top"] - line) < 2), key=lambda w: w["x0"])

    def under(caption: str) -> str:
        x = captions[caption]["x0"]
        return next(w["text"] for w in figures if abs(w["x0"] - x) < 5)

    return under("年度考核得分"), under("考核等级"), under("考核系数")


def test_no_coefficient_prints_without_its_decimals(demo_run):
    """Every coefficient in the run's PDFs, after its caption or as the bonus's factor
    ("× 1.20", not "× 12/12"), has 2 to 4 decimals: none prints as "1" or "1.2"."""
    after = re.compile(r"(?:Coefficient|×)\s+(\d+(?:\.\d+)?)(?![\d./])")
    found = {path.name: after.findall(" ".join(pdf_text(path).split()))
             for path in sorted(demo_run.out.glob("*.pdf"))}
    for name, numbers in found.items():
        assert all(re.fullmatch(r"\d+\.\d{2,4}", n) for n in numbers), (name, numbers)
    for ex_id in IDS:  # the payout's header and its factor
        assert found[f"payout-{ex_id}.pdf"] == [DEMO_COEFFICIENTS[ex_id]] * 2


def test_a_curves_coefficient_keeps_its_decimals_in_both_ledgers():
    rows = [{"id": "E1", "coefficient": c, "annual_score": s}
            for c, s in ((1.2345, 83.5), (1.2, 91.333), (0.0, 59.0))]
    text = ledger_csv(rows)
    body = [line.split(",") for line in text.splitlines()[1:]]
    coef = [c.key for c in LEDGER_COLUMNS].index("coefficient")
    score = [c.key for c in LEDGER_COLUMNS].index("annual_score")
    assert [line[coef] for line in body] == ["1.2345", "1.20", "0.00"]
    assert [line[score] for line in body] == ["83.50", "91.33", "59.00"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(io.BytesIO(ledger_xlsx_bytes(rows)))["Ledger"]
    assert [ws.cell(r, coef + 1).value for r in (2, 3, 4)] == [1.2345, 1.2, 0.0]
    assert {ws.cell(r, coef + 1).number_format for r in (2, 3, 4)} == {"0.00##"}
