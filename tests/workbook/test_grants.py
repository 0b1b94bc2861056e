"""The long-term incentive sheets: grants, exercises, clawbacks, share prices and the pay date
round-trip through real xlsx files, and every bad cell is located."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from xlperf.demo import COLLECTION_CURVE, COMPANY, YEAR, demo_inputs, demo_market
from xlperf.errors import InputError
from xlperf.policy import DEMO_POLICY
from xlperf.rules.appraisal import appraise
from xlperf.rules.curves import Curve
from xlperf.rules.incentives import (
    AppreciationRightGrant,
    Clawback,
    DeferredCashGrant,
    Instrument,
    MarketData,
    PerformanceShareGrant,
    PerformanceUnitGrant,
    PhantomStockGrant,
    RestrictedStockGrant,
    StockOptionGrant,
    VestingSchedule,
)
from xlperf.rules.pay_statement import pay_statement
from xlperf.workbook import layout as L
from xlperf.workbook import read_workbook, write_workbook
from xlperf.workbook.instructions import grant_columns
from xlperf.workbook.write import workbook_bytes

from .test_read import ALL_IDS, rows_of

ROOT = Path(__file__).resolve().parents[2]
HOLDERS = {"E001", "E002", "E003", "E004", "E005", "E007", "E009", "E010", "E012"}


def statement_view(statement):
    """Every figure of a pay statement, without the input objects it carries."""
    return (statement.pay_date, statement.events, statement.grants, statement.cash_incentives,
            statement.one_time_bonus, statement.bonus_tax, statement.trap,
            statement.equity_lines, statement.dividends, statement.gross, statement.tax,
            statement.net)


def messages(data):
    """``{"Sheet!cell": message}`` of the errors."""
    return {f"{p.sheet}!{p.cell}": p.message for p in data.errors}


def kept(data):
    """The executives the reader kept."""
    return [i.executive.id for i in data.inputs]


def test_the_shipped_demo_gives_the_same_grants_market_pay_date_and_pay():
    data = read_workbook(ROOT / "workbooks" / "demo.xlsx")
    assert data.problems == ()
    assert data.market == demo_market() and data.pay_date == dt.date(2027, 3, 31)
    for original, read in zip(demo_inputs(), data.inputs, strict=True):
        assert read.grants == original.grants
        assert read.market == original.market
        assert read.pay_date == original.pay_date
        assert statement_view(pay_statement(appraise(read, data.policy))) == \
            statement_view(pay_statement(appraise(original)))
    assert sum(len(i.grants) for i in data.inputs) == 14


def test_grants_come_in_sheet_order_with_their_exercises(demo_path):
    item = read_workbook(demo_path).inputs[0]
    assert [g.grant_id for g in item.grants] == ["RS-2023", "OPT-2024", "PSU-2024"]
    assert item.grants[1].exercises[0].quantity == 100_000


def test_bad_grant_cells_are_located_and_only_their_executives_left_out(demo_path, edited):
    e001 = rows_of(demo_path, L.GRANTS, "E001")
    e003 = rows_of(demo_path, L.GRANTS, "E003")
    e004 = rows_of(demo_path, L.GRANTS, "E004")[0]
    e009 = rows_of(demo_path, L.GRANTS, "E009")
    data = read_workbook(edited({
        (L.GRANTS, f"E{e001[0]}"): "abc",  # E001's restricted shares
        (L.GRANTS, f"G{e001[2]}"): 12,  # a price on performance shares
        (L.GRANTS, f"G{e003[0]}"): None,  # E003's options lose their exercise price
        (L.GRANTS, f"D{e004}"): "someday",
        (L.GRANTS, f"J{e004}"): "yes/maybe/no",
        (L.GRANTS, f"S{e009[1]}"): "keep",  # keep is for deferred cash only
    }))
    assert messages(data) == {
        f"Grants!E{e001[0]}": 'quantity is "abc", expected a whole number',
        f"Grants!G{e001[2]}": "price does not apply to performance share grants: leave it "
                              "blank",
        f"Grants!G{e003[0]}": "price is empty: a stock option grant needs its exercise price",
        f"Grants!D{e004}": 'grant date is "someday", expected a date such as 2024-01-31',
        f"Grants!J{e004}": 'condition 2 is "maybe", expected done/not done (1 or 0)',
        f"Grants!S{e009[1]}": 'on leaving is "keep": for performance share grants expected '
                              "forfeit or pro rata",
    }
    assert {p.executive for p in data.errors} == {"E001", "E003", "E004", "E009"}
    assert kept(data) == [ex for ex in ALL_IDS if ex not in {"E001", "E003", "E004", "E009"}]


def test_an_unknown_instrument_is_reported_at_its_cell(demo_path, edited):
    row = rows_of(demo_path, L.GRANTS, "E005")[0]
    data = read_workbook(edited({(L.GRANTS, f"C{row}"): "warrant"}))
    assert [str(p) for p in data.errors] == [
        f'Grants!C{row}: instrument is "warrant", expected one from the list: stock_option, '
        "restricted_stock, performance_share, performance_unit, stock_appreciation_right, "
        "phantom_stock, deferred_cash (or the Chinese names)"]
    assert "E005" not in kept(data) and len(data.inputs) == 11


def test_chinese_and_spelled_out_instrument_names_are_the_same_grant(demo_path, edited):
    rows = rows_of(demo_path, L.GRANTS, "E001")
    data = read_workbook(edited({(L.GRANTS, f"C{rows[0]}"): "限制性股票",
                                 (L.GRANTS, f"C{rows[1]}"): "Stock Option"}))
    assert data.problems == ()
    assert data.inputs[0].grants == demo_inputs()[0].grants


def test_an_achievement_in_a_percent_cell_is_the_same_grant(demo_path, edited):
    """A 108% cell holds 1.08: read as 108%, as on the Executives sheet, not as 1.08%
    (which would forfeit every performance share)."""
    psu = next(r for r in rows_of(demo_path, L.GRANTS, "E001")
               if load_value(demo_path, f"B{r}") == "PSU-2024")
    data = read_workbook(edited({(L.GRANTS, f"{L.GRANTS_LAYOUT.letter('achievement')}{psu}"):
                                 1.08}))
    assert data.problems == ()
    assert data.inputs[0].grants == demo_inputs()[0].grants


def test_a_performance_period_under_three_years_is_read_with_a_warning(demo_path, edited):
    """Domain §5: performance shares are measured over at least 3 years; a 2-year plan is
    the company's choice, read as given, with a warning at its cell."""
    psu = next(r for r in rows_of(demo_path, L.GRANTS, "E001")
               if load_value(demo_path, f"B{r}") == "PSU-2024")
    cell = f"{L.GRANTS_LAYOUT.letter('period_years')}{psu}"
    data = read_workbook(edited({(L.GRANTS, cell): 2}))
    assert data.errors == () and len(data.statements) == 12
    assert [(p.cell, p.severity) for p in data.problems] == [(cell, "warning")]
    assert "at least 3 years" in data.problems[0].message
    assert data.inputs[0].grants[-1].period_years == 2


def load_value(path, cell):
    """A Grants cell's value in the shipped workbook."""
    import openpyxl

    return openpyxl.load_workbook(path, read_only=True)[L.GRANTS][cell].value


def test_a_share_price_missing_for_an_event_is_located_at_the_grant(edited):
    """Prices now start on 2024-04-01: the restricted stock's first unlock (2024-03-15) has
    none. Only computing the events finds it; it is reported at each such grant's row."""
    prices = [5, 7, 8]  # 2023-03-15, 2023-12-29, 2024-03-15 (row 6 is a dividend)
    path = edited({(L.SHARE_PRICES, f"{c}{r}"): None for r in prices for c in "AB"})
    data = read_workbook(path)
    rs = {ex: rows_of(path, L.GRANTS, ex)[0] for ex in ("E001", "E002", "E004", "E010")}
    assert [(p.sheet, p.cell, p.executive, p.message) for p in data.errors] == [
        (L.GRANTS, f"D{row}", ex, 'restricted stock grant "RS-2023" of 2023-03-15: no share '
         "price on or before 2024-03-15: the prices start on 2024-04-01")
        for ex, row in rs.items()]
    assert kept(data) == [ex for ex in ALL_IDS if ex not in rs]


def test_duplicate_ids_unknown_executives_and_orphan_exercises(demo_path, edited):
    e001 = rows_of(demo_path, L.GRANTS, "E001")
    e012 = rows_of(demo_path, L.GRANTS, "E012")[0]
    exercise = rows_of(demo_path, L.EXERCISES, "E001")[0]
    data = read_workbook(edited({
        (L.GRANTS, f"B{e001[2]}"): "RS-2023",  # the PSU takes the RS grant's id
        (L.GRANTS, f"A{e012}"): "E999",
        (L.EXERCISES, f"B{exercise}"): "OPT-2099",
    }))
    sar_exercise = rows_of(demo_path, L.EXERCISES, "E012")[0]
    assert {(str(p), p.executive) for p in data.errors} == {
        (f'Grants!B{e001[2]}: grant id "RS-2023" is listed twice for E001 (also row '
         f"{e001[0]}): give each grant its own id", "E001"),
        (f"Grants!A{e012}: executive E999 is not on the Executives sheet", "E999"),
        (f'Exercises!B{exercise}: grant "OPT-2099" of E001 is not on the Grants sheet', "E001"),
        # E012's grant row now names E999, so its exercise belongs to no grant of E012
        (f'Exercises!B{sar_exercise}: grant "SAR-2024" of E012 is not on the Grants sheet',
         "E012"),
        # and RS-2023 is also the id of a restricted-stock plan on the Plans sheet
        (f'Grants!C{e001[2]}: grant "RS-2023" is performance share, but plan RS-2023 on the '
         "Plans sheet is restricted stock: a plan's grants are of its instrument (or give the "
         "grant another id)", ""),
    }
    assert kept(data) == [ex for ex in ALL_IDS if ex not in {"E001", "E012"}]


def test_an_exercise_of_more_than_vested_is_located_at_the_exercise(demo_path, edited):
    row = rows_of(demo_path, L.EXERCISES, "E001")[0]
    data = read_workbook(edited({(L.EXERCISES, f"D{row}"): 250_000}))
    assert [(p.sheet, p.cell, p.executive) for p in data.errors] == [
        (L.EXERCISES, f"C{row}:D{row}", "E001")]
    assert "only 210000 had vested by then" in data.errors[0].message


def test_exercises_and_clawbacks_only_for_their_instruments(demo_path, edited):
    row = rows_of(demo_path, L.EXERCISES, "E001")[0]
    data = read_workbook(edited({(L.EXERCISES, f"B{row}"): "RS-2023"}))
    assert messages(data) == {f"Exercises!B{row}": 'grant "RS-2023" is restricted stock: '
                              "exercises apply to stock options and stock appreciation "
                              "rights only"}


def test_a_bad_share_price_leaves_out_every_executive_with_grants(demo_path, edited):
    data = read_workbook(edited({(L.SHARE_PRICES, "B7"): "abc", (L.SHARE_PRICES, "A9"): None,
                                 (L.SHARE_PRICES, "A10"): dt.datetime(2024, 3, 15)}))
    prices = {k: v for k, v in messages(data).items() if k.startswith("SharePrices")}
    assert prices == {
        "SharePrices!B7": 'closing price is "abc", expected an amount',
        "SharePrices!A9": "date is empty, expected a date",
        "SharePrices!A10": "date 2024-03-15 is listed twice (also row 8): one row per date",
    }
    # each holder left out is said to be, at their first grant, so none vanishes unaccounted
    assert {p.executive for p in data.errors} == {""} | HOLDERS
    holders = [p for p in data.errors if p.executive]
    assert all(p.sheet == L.GRANTS and "SharePrices sheet has errors" in p.message
               for p in holders) and len(holders) == len(HOLDERS)
    assert set(kept(data)) == set(ALL_IDS) - HOLDERS
    assert data.market == MarketData()


@pytest.mark.parametrize("value, cell, message", [
    ("next spring", "F2", 'pay date is "next spring", expected a date such as 2024-01-31'),
    (dt.datetime(2025, 12, 31), "F2", "pay date 2025-12-31 is before the appraisal year 2026"),
    (dt.datetime(2031, 3, 31), "F2", "no annual one-time bonus (全年一次性奖金) tax table"),
])
def test_a_bad_pay_date_stops_every_executive(edited, value, cell, message):
    data = read_workbook(edited({(L.EXECUTIVES, "F2"): value}))
    assert [(p.sheet, p.cell) for p in data.errors] == [(L.EXECUTIVES, cell)]
    assert data.errors[0].message.startswith(message)
    assert data.inputs == () and data.pay_date is None


def test_a_blank_pay_date_means_the_31st_of_december(edited):
    data = read_workbook(edited({(L.EXECUTIVES, "F2"): None}))
    assert data.problems == () and data.pay_date is None
    assert {i.pay_date for i in data.inputs} == {None}
    assert pay_statement(appraise(data.inputs[1])).pay_date == dt.date(YEAR, 12, 31)


def every_column() -> tuple:
    """Grants that use every column of the Grants sheet, and exercises and clawbacks."""
    return (
        StockOptionGrant("2024-04-01", 5000, 18, schedule="cliff 12", term_years=5,
                         exercise_window_months=3, leaving_date="2025-06-30",
                         exercises=[("2025-05-01", 2000, 22.5)], grant_id="O-1"),
        AppreciationRightGrant("2024-04-01", 3000, 18, schedule="monthly 24 cliff 12",
                               cap_per_unit=5, cap_total=8000, grant_date_price=18,
                               exercises=[("2026-06-15", 1000)], grant_id="S-1"),
        RestrictedStockGrant("2024-04-01", 9000, 9, schedule="equal 3",
                             conditions_met=(True, None, False), dividends="paid",
                             grant_id="R-1"),
        PerformanceShareGrant("2024-04-01", 4000, achievement=None, period_years=4,
                              leaving_date="2026-04-30", good_leaver=True, grant_id="P-1"),
        PerformanceUnitGrant("2024-01-01", 50_000, achievement=88.5, unit_value=Decimal(2),
                             grant_id="U-1"),
        PhantomStockGrant("2024-04-01", 2000, schedule="graded 50/50",
                          dividend_equivalents=False, grant_id="F-1"),
        DeferredCashGrant("2025-03-31", Decimal("45000.10"), schedule="graded 50/50",
                          conditions_met=(True, True), leaving_date="2026-09-30",
                          forfeit_on_leaving=False, bonus_year=2024,
                          clawbacks=[Clawback("2026-05-01", 1000, "restated accounts"),
                                     Clawback("2026-10-01", None)], grant_id="D-1"),
    )


def weekly_market() -> MarketData:
    """The demo's prices with a close every Friday between them, so that every event date of
    :func:`every_column` has a close within the days a weekend or holiday may reach back."""
    demo = demo_market()
    day, prices = dt.date(2023, 3, 17), dict(demo.prices)
    while day < dt.date(2026, 12, 31):
        last = max(d for d in demo.prices if d[0] <= day)  # the last demo close before it
        prices.setdefault(day, last[1])
        day += dt.timedelta(days=7)
    return MarketData(tuple(sorted(prices.items())), demo.dividends)


def test_every_column_round_trips(tmp_path):
    market = weekly_market()
    inputs = [dataclasses.replace(item, market=market) for item in demo_inputs()]
    inputs[5] = dataclasses.replace(inputs[5], grants=every_column())  # E006
    path = write_workbook(tmp_path / "all.xlsx", inputs, company=COMPANY, year=YEAR,
                          table_names={COLLECTION_CURVE: "CollectionCurve"})
    data = read_workbook(path)
    assert data.problems == ()
    assert data.inputs[5].grants == every_column()
    assert statement_view(pay_statement(appraise(data.inputs[5]))) == \
        statement_view(pay_statement(appraise(inputs[5])))
    sheet = openpyxl.load_workbook(path, read_only=True)[L.GRANTS]
    rows = [row for row in sheet.iter_rows(min_row=L.FIRST_ROW, values_only=True)
            if row[0] == "E006"]
    assert [c.header for i, c in enumerate(L.GRANTS_LAYOUT.columns)
            if all(row[i] is None for row in rows)] == []  # every column used


def test_grant_columns_are_documented_as_the_layout_says():
    docs = (ROOT / "docs" / "workbook.md").read_text(encoding="utf-8")
    for kind in Instrument:
        assert grant_columns(kind) in docs, kind


def test_instructions_list_the_columns_of_each_instrument(demo_path):
    text = " ".join(str(c.value) for row in openpyxl.load_workbook(
        demo_path, read_only=True)[L.INSTRUCTIONS].iter_rows() for c in row if c.value)
    for kind in Instrument:
        assert kind.value in text and kind.label_zh in text


@pytest.mark.parametrize("grants, message", [
    ((StockOptionGrant("2024-04-01", 10, 18),), "needs its own grant id"),
    ((StockOptionGrant("2024-04-01", 10, 18, grant_id="A"),
      RestrictedStockGrant("2024-04-01", 10, 9, grant_id="A")), "needs its own grant id"),
    ((StockOptionGrant("2024-04-01", 10, 18, grant_id="A",
                       schedule=VestingSchedule.graded((50, 50), every_months=6)),),
     "has no text form"),
    ((PerformanceShareGrant("2024-04-01", 10, curve=Curve(((80, 0), (100, 100))),
                            grant_id="P"),), "payout curve of its own"),
])
def test_grants_a_workbook_cannot_hold_are_refused(grants, message):
    item = dataclasses.replace(demo_inputs()[0], grants=grants)
    with pytest.raises(InputError, match=message):
        workbook_bytes([item])


def test_one_market_and_one_pay_date_per_workbook():
    first, second = demo_inputs()[:2]
    with pytest.raises(InputError, match="different share prices"):
        workbook_bytes([first, dataclasses.replace(second, market=MarketData.at_price(5))])
    with pytest.raises(InputError, match="different pay dates"):
        workbook_bytes([first, dataclasses.replace(second, pay_date=None)])


def test_a_policy_with_other_incentive_rules_is_refused():
    policy = dataclasses.replace(DEMO_POLICY, incentives=dataclasses.replace(
        DEMO_POLICY.incentives, option_term_years=5))
    with pytest.raises(InputError, match=re.escape("[incentives] rules cannot be written")):
        workbook_bytes(policy=policy)
