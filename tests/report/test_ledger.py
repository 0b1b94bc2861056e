"""The payout ledger: CSV and xlsx from the same rows, safe text, parts that add up."""

from __future__ import annotations

import csv
import io
import warnings
from decimal import Decimal

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from xlperf.ledger import LEDGER_COLUMNS, ledger_csv, neutralised, totals
from xlperf.workbook.ledger import ledger_xlsx_bytes

from .conftest import pdf_text

HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "=1+1"]


def row(name: str, due: str = "-1234.50") -> dict:
    return {"id": "E1", "name": name, "department": "@Sales", "due_now": Decimal(due),
            "bonus": Decimal("1000.00"), "annual_score": 91.5, "year": 2026}


def test_csv_neutralises_text_but_keeps_negative_amounts_numbers():
    text = ledger_csv([row(n) for n in HOSTILE])
    assert text.startswith("\ufeff")
    records = list(csv.DictReader(io.StringIO(text[1:])))
    assert [r["Name"] for r in records] == ["'" + n for n in HOSTILE]
    assert {r["Department"] for r in records} == {"'@Sales"}
    assert {r["Settlement due"] for r in records} == {"-1234.50"}
    assert {r["Annual score"] for r in records} == {"91.50"}  # 2 decimals, as the PDFs


def test_xlsx_stores_every_text_as_text_never_a_formula():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(io.BytesIO(ledger_xlsx_bytes([row(n) for n in HOSTILE])))
    ws = wb["Ledger"]
    names = LEDGER_COLUMNS.index(next(c for c in LEDGER_COLUMNS if c.key == "name")) + 1
    due = LEDGER_COLUMNS.index(next(c for c in LEDGER_COLUMNS if c.key == "due_now")) + 1
    for i, hostile in enumerate(HOSTILE, start=2):
        cell = ws.cell(i, names)
        assert cell.value == hostile and cell.data_type == "s"
        assert ws.cell(i, due).value == -1234.5
        assert ws.cell(i, due).number_format == '"¥"#,##0.00'
    assert ws.cell(1, 1).value == "工作簿\nWorkbook"
    assert ws.max_row == 1 + len(HOSTILE)  # one header row, then the payees: no totals row
    total = {r[1]: r[2] for r in wb["Totals"].iter_rows(min_row=2, values_only=True)}
    assert total["Settlement due"] == -1234.5 * 6 and "Bonus standard" not in total


def ledger_sheet(path) -> list[dict[str, object]]:
    """ledger.xlsx's Ledger sheet as dicts keyed by the English header (each header cell
    holds the Chinese, a line break, then the English)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(path)["Ledger"]
    rows = ws.iter_rows(values_only=True)
    headers = [h.split("\n")[-1] for h in next(rows)]
    return [dict(zip(headers, r, strict=True)) for r in rows]


def totals_sheet(path) -> dict[str, object]:
    """ledger.xlsx's Totals sheet: each total by its English item name."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(path)["Totals"]
    return {r[1]: r[2] for r in ws.iter_rows(min_row=2, values_only=True)}


def test_xlsx_bytes_are_deterministic():
    rows = [row("王建国")]
    assert ledger_xlsx_bytes(rows) == ledger_xlsx_bytes(rows)


@given(st.text(max_size=30))
def test_neutralised_never_starts_with_a_formula_character(text):
    safe = neutralised(text)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert safe.endswith(text)


cents = st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False)


@given(st.lists(cents, min_size=1, max_size=30))
def test_totals_add_up_exactly(amounts):
    rows = [{"bonus": a, "due_now": -a} for a in amounts]
    sums = totals(rows)
    assert sums["bonus"] == sum(amounts) and sums["due_now"] == -sum(amounts)
    assert sums["net"] == Decimal("0.00")


def test_the_demo_ledger_adds_up_and_equals_its_xlsx(demo_run):
    body = ledger_sheet(demo_run.out / "ledger.xlsx")
    assert len(body) == len(demo_run.ledger)
    for csv_row, xlsx_row in zip(demo_run.ledger, body, strict=True):
        assert xlsx_row["ID"] == csv_row["ID"] and xlsx_row["Name"] == csv_row["Name"]
        for column in LEDGER_COLUMNS:
            if column.kind == "money" and csv_row[column.header]:
                assert Decimal(format(xlsx_row[column.header], ".2f")) == Decimal(
                    csv_row[column.header]), column.key
        amount = {c.key: Decimal(csv_row[c.header] or 0) for c in LEDGER_COLUMNS
                  if c.kind == "money"}
        assert amount["one_time_bonus"] + amount["other_year_bonus"] + amount[
            "equity_income"] + amount["dividends"] == amount["gross"]
        assert amount["bonus_tax"] + amount["other_year_bonus_tax"] + amount[
            "equity_tax"] + amount["dividend_tax"] == amount["tax"]
        assert amount["gross"] - amount["tax"] == amount["net"]
        assert amount["net"] - amount["in_kind"] - amount["to_recover"] == amount["net_cash"]


def test_the_ledger_separates_tax_years_cash_and_shares(demo_run):
    """E003: performance units pay ¥875,000 on 2026-12-31 (2026's one-time bonus: 875,000 /
    12 = 72,916.67 is in the 35% bracket: 875,000 × 35% − 7,160 = 299,090) and the
    settlement ¥435,500 on 2027-03-31 (36,291.67 a month, 30%: 435,500 × 30% − 4,410 =
    126,240), each on its own table. E001: restricted shares unlock and performance shares
    are delivered in shares, so the tax on them is withheld from his cash: net cash = net
    − in kind. E012's advances exceed the payout by ¥126,000, taken back from his cash."""
    rows = {r["ID"]: r for r in demo_run.ledger}
    e003 = rows["E003"]
    assert (e003["One-time bonus on the pay date (taxable)"], e003["Bonus tax on the pay date"]
            ) == ("435500.00", "126240.00")
    assert (e003["One-time bonus of another tax year (paid)"], e003["Its bonus tax"]) == (
        "875000.00", "299090.00")
    net, in_kind = ("Net after tax (shares at their taxable value)",
                    "In kind (shares at their taxable value, not cash)")
    net_cash = "Net cash of the year (below 0: to collect)"
    e001 = rows["E001"]
    assert Decimal(e001[in_kind]) > 0
    assert Decimal(e001[net_cash]) == Decimal(e001[net]) - Decimal(e001[in_kind])
    e012 = rows["E012"]
    assert e012["Advances to recover"] == "126000.00"
    assert Decimal(e012[net_cash]) == Decimal(e012[net]) - Decimal(e012[in_kind]) \
        - Decimal("126000.00")


def test_the_totals_sheet_adds_amounts_not_rates_or_hints(demo_run):
    """A bonus standard is a rate of pay and the bonus trap's two amounts hints per person:
    their totals would read as money to pay, so the Totals sheet leaves them out."""
    total = totals_sheet(demo_run.out / "ledger.xlsx")
    assert "Bonus standard" not in total and not any(k.startswith("Bonus trap") for k in total)
    assert total["Total payout"] == float(sum(Decimal(r["Total payout"])
                                              for r in demo_run.ledger))


def test_the_ledger_carries_what_an_soe_term_releases_after_its_appraisal(demo_run):
    """A liability finance provides for at the close: E001's term (to 2026) releases
    472,000 + 540,000 + 583,200 deferred + 1,000,000 term incentive = 2,595,200; E002's
    (to 2027) 276,000 + 288,000 = 564,000; nobody else is under the SOE rules."""
    column = "SOE: payable after the term (deferred + term incentive)"
    rows = {r["ID"]: r[column] for r in demo_run.ledger}
    assert (rows.pop("E001"), rows.pop("E002")) == ("2595200.00", "564000.00")
    assert set(rows.values()) == {""}
    assert totals_sheet(demo_run.out / "ledger.xlsx")[column] == 3159200.0


def test_the_ledger_and_the_payout_statement_give_the_same_bonus_trap_advice(demo_run):
    """E003's settlement of ¥435,500 (2027) is in the 420,000 trap (420,000.01 –
    447,499.99): pay the edge instead, or at least the break-even 447,500 — in the ledger
    and in the statement, the same two amounts."""
    e003 = next(r for r in demo_run.ledger if r["ID"] == "E003")
    assert (e003["Bonus trap: pay instead (the edge)"],
            e003["Bonus trap: or at least (break-even)"]) == ("420000.00", "447500.00")
    untrapped = next(r for r in demo_run.ledger if r["ID"] == "E002")
    assert untrapped["Bonus trap: pay instead (the edge)"] == ""
    text = " ".join(pdf_text(demo_run.out / "payout-E003.pdf").split())
    assert "pay instead ¥420,000.00" in text and "or at least ¥447,500.00" in text
