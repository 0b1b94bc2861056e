"""The Plans and PlanPeriods sheets: the demo's plans checked from real xlsx files, each CSRC
rule broken once from the workbook, the state-controlled regime, and every bad cell located.

Demo layout: Plans row 5 is RS-2023 (restricted stock, 8.00), row 6 OPT-2024 (options, 18.00);
PlanPeriods rows 5–7 are RS-2023's 12–24/24–36/36–48 months at 40/30/30%, rows 8–10 OPT-2024's.
Plans columns: A Plan ID, C Instrument, D Regime, E Announced, F Price, H Previous-day average,
I Period average, K Previous close, L 30-day average close, M Share capital, N Plan shares,
O Other live shares, P Special resolution, Q Check.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

import xlperf.udfs as udfs
from xlperf.demo import COMPANY, YEAR, demo_inputs, demo_plans
from xlperf.errors import InputError
from xlperf.rules.china.csrc import EquityPlan, ReferencePrices, Tranche
from xlperf.rules.china.plans import CompanyPlan, Holding, check_company_plans
from xlperf.rules.incentives import RestrictedStockGrant
from xlperf.workbook import layout as L
from xlperf.workbook import read_workbook, write_workbook
from xlperf.workbook.write import workbook_bytes

from .excel_saved import excel_saved
from .test_read import rows_of

ROOT = Path(__file__).resolve().parents[2]
RS, OPT = 5, 6  # the demo plans' rows on Plans


def holdings(inputs=None):
    """The executives' grants under the demo plans, in Grants order."""
    return [Holding(i.executive.id, g.grant_id, g.quantity) for i in inputs or demo_inputs()
            for g in i.grants if g.grant_id in ("RS-2023", "OPT-2024")]


def rules(result):
    return [b.rule for b in result.breaches]


def plan_of(data, plan_id):
    [found] = [p for p in data.plans if p.plan_id == plan_id]
    return found


def located(data, severity="error"):
    """``{"Sheet!cell": message}`` of the problems of one severity."""
    return {f"{p.sheet}!{p.cell}": p.message for p in data.problems if p.severity == severity}


@pytest.mark.parametrize("source", ["fresh", "shipped"])
def test_the_demo_round_trip_gives_the_expected_plan_results(demo_path, source):
    data = read_workbook(demo_path if source == "fresh" else ROOT / "workbooks" / "demo.xlsx")
    assert data.problems == ()
    assert [(p.plan_id, p.row, p.cell) for p in data.plans] == [
        ("RS-2023", RS, "Q5"), ("OPT-2024", OPT, "Q6")]
    expected = check_company_plans(demo_plans(), holdings())
    for read, core in zip(data.plans, expected, strict=True):
        assert (read.plan, read.breaches, read.notes) == (core.plan, core.breaches, core.notes)
    rs, options = data.plans
    assert rs.ok and rs.lines == () and rs.text == "OK" and rs.cached is None
    assert [p.name for p in options.plan.participants] == ["E001", "E003", "E005"]
    [breach] = options.breaches
    assert (breach.rule, breach.subject) == ("csrc.individual_cap", "E001")
    assert options.text == options.lines[0] == (
        "E001 holds 500,000 shares through all live plans, 1.0417% of the share capital; one "
        "participant may hold at most 1% unless a special resolution of the shareholders' "
        "meeting approves it (非经股东大会特别决议批准，任何一名激励对象累计获授不得超过公司股本"
        "总额的1%). [中国证监会令第126号（2018年证监会令第148号修改）《上市公司股权激励管理办法》 "
        "第十四条]")


def test_breaches_do_not_stop_anyone_being_appraised(demo_path):
    data = read_workbook(demo_path)
    assert len(data.inputs) == 12 and data.errors == () and data.warnings == ()


def formula_arguments(path: Path, plan_id: str) -> dict[str, object]:
    """What the Check formula hands XP_CSRC_CHECK for a plan: the row's cells, its periods
    (FILTER), its participants with their holdings under the plans announced on or before it
    (MMULT), and the other live plans' shares (SUMIFS), computed here from the sheets."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)

    def rows(sheet):
        return [r for r in wb[sheet].iter_rows(min_row=L.FIRST_ROW, values_only=True)
                if any(v is not None for v in r)]

    plans = {r[0]: dict(zip(L.PLANS_LAYOUT.headers, r, strict=False))
             for r in rows(L.PLANS)}
    me = plans[plan_id]
    earlier = {p for p, row in plans.items() if row["Announced"] <= me["Announced"]} - {plan_id}
    grants = [dict(zip(L.GRANTS_LAYOUT.headers, r, strict=False)) for r in rows(L.GRANTS)]
    people = [[g["ID"], g["Quantity"], sum(h["Quantity"] for h in grants if h["ID"] == g["ID"]
                                           and h["Grant ID"] in earlier),
               me["Special resolution"] is True] for g in grants if g["Grant ID"] == plan_id]
    return dict(
        instrument=me["Instrument"], grant_price=me["Price"],
        tranches=[list(r[1:]) for r in rows(L.PLAN_PERIODS) if r[0] == plan_id],
        share_capital=me["Share capital"], previous_day_average=me["Previous-day average"],
        period_average=me["Period average"], participants=people or None,
        plan_shares=me["Plan shares"],
        other_plan_shares=sum(plans[p]["Plan shares"] for p in earlier)
        + (me["Other live shares"] or 0),
        regime=me["Regime"], previous_close=me["Previous close"],
        average_close_30=me["30-day average close"], period_days=me["Period days"],
        par_value=me["Par value"], announce_date=me["Announced"])


@pytest.mark.parametrize("changes", [
    {},
    # state-controlled without the CSRC prices: a note says the CSRC floor was not checked
    {(L.PLANS, "D6"): "soe", (L.PLANS, "K6"): 18.1, (L.PLANS, "L6"): 17.5,
     (L.PLANS, "H6"): None, (L.PLANS, "I6"): None},
    {(L.PLANS, "P6"): True},  # the special resolution: OK and a note
])
def test_the_reader_shows_what_the_check_formula_shows(edited, changes):
    """The reader's text for a plan equals XP_CSRC_CHECK's lines joined with line breaks
    (what TEXTJOIN(CHAR(10),TRUE,…) puts in the Check cell), given the formula's arguments."""
    path = edited(changes)
    data = read_workbook(path)
    for result in data.plans:
        spilled = udfs.XP_CSRC_CHECK(**formula_arguments(path, result.plan_id))
        assert result.text == "\n".join(line for [line] in spilled), result.plan_id
    assert any(p.notes for p in data.plans) == bool(changes)


# each edit breaks exactly one CSRC rule of RS-2023 (8.00 against a floor of 8.00, periods
# 12–24/24–36/36–48 at 40/30/30%, 1,600,000 plan shares of 48,000,000, E002 100,000 shares)
@pytest.mark.parametrize(("rule", "changes", "words"), [
    ("csrc.price_floor", {(L.PLANS, "F5"): 7.5}, "The grant price (授予价格) 7.50 is below the "
     "floor of 8.00: 50% of the higher of"),
    ("csrc.first_period", {(L.PLAN_PERIODS, "B5"): 10}, "The first unlock comes 10 months "
     "after the grant; it must be at least 12 months"),
    ("csrc.period_length", {(L.PLAN_PERIODS, "C6"): 30, (L.PLAN_PERIODS, "B7"): 30},
     "Period 2 (第2期, months 24–30 after the grant) lasts only 6 months"),
    ("csrc.tranche_share", {(L.PLAN_PERIODS, "D5"): 0.6, (L.PLAN_PERIODS, "D6"): 0.2,
                            (L.PLAN_PERIODS, "D7"): 0.2},
     "Period 1 (第1期) unlocks 60% of the grant; one period may unlock at most 50%"),
    ("csrc.total_cap", {(L.PLANS, "O5"): 3_300_000}, "All live plans cover 4,900,000 shares, "
     "10.2083% of the share capital of 48,000,000; the limit is 10%"),
    ("csrc.individual_cap", {(L.GRANTS, "E8"): 500_000}, "E002 holds 500,000 shares through "
     "all live plans, 1.0417% of the share capital"),
])
def test_each_rule_broken_once_is_listed_from_the_workbook(demo_path, edited, rule, changes,
                                                           words):
    assert rows_of(demo_path, L.GRANTS, "E002")[0] == 8  # E002's RS-2023 grant
    data = read_workbook(edited(changes))
    assert data.errors == ()
    rs = plan_of(data, "RS-2023")
    assert rules(rs) == [rule]
    assert rs.lines[0].startswith(words)
    assert rules(plan_of(data, "OPT-2024")) == ["csrc.individual_cap"]  # as in the demo


def test_a_plan_breaking_every_rule_lists_each_breach(edited):
    data = read_workbook(edited({
        (L.PLANS, "F5"): 7.5,
        (L.PLAN_PERIODS, "B5"): 10, (L.PLAN_PERIODS, "C5"): 22, (L.PLAN_PERIODS, "D5"): 0.6,
        (L.PLAN_PERIODS, "B6"): 22, (L.PLAN_PERIODS, "C6"): 30, (L.PLAN_PERIODS, "D6"): 0.4,
        (L.PLAN_PERIODS, "A7"): None, (L.PLAN_PERIODS, "B7"): None,
        (L.PLAN_PERIODS, "C7"): None, (L.PLAN_PERIODS, "D7"): None,
        (L.PLANS, "O5"): 3_300_000, (L.GRANTS, "E8"): 500_000,
    }))
    rs = plan_of(data, "RS-2023")
    assert rules(rs) == ["csrc.price_floor", "csrc.first_period", "csrc.tranche_share",
                         "csrc.period_length", "csrc.total_cap", "csrc.individual_cap"]
    assert rs.text.count("\n") == 5 and rs.text.count("[中国证监会令第126号") == 6
    assert data.errors == () and len(data.inputs) == 12


def test_the_state_controlled_regime_chosen_in_the_sheet_changes_the_price_floor(edited):
    soe = {(L.PLANS, "K5"): 16.2, (L.PLANS, "L5"): 15.9}
    assert plan_of(read_workbook(edited(soe)), "RS-2023").ok  # csrc: 50% of 16.00
    for regime in ("soe", "国有控股"):
        rs = plan_of(read_workbook(edited(soe | {(L.PLANS, "D5"): regime})), "RS-2023")
        [breach] = rs.breaches
        # restricted stock: at least 50% of the fair market price max(16.20, 15.90)
        assert (breach.rule, breach.limit, rs.plan.regime) == ("soe.price_floor",
                                                               Decimal("8.1"), "soe")
        assert "below the state-controlled floor of 8.10" in breach.message
    at_floor = edited(soe | {(L.PLANS, "D5"): "soe", (L.PLANS, "F5"): 8.1})
    assert plan_of(read_workbook(at_floor), "RS-2023").ok


def test_the_state_controlled_regime_needs_its_prices(edited):
    data = read_workbook(edited({(L.PLANS, "D6"): "国有控股"}))
    assert located(data) == {
        "Plans!K6": "previous close (前1个交易日收盘价) is empty: the state-controlled price "
                    "floor needs it",
        "Plans!L6": "30-day average close (前30个交易日平均收盘价) is empty: the "
                    "state-controlled price floor needs it"}
    assert [p.plan_id for p in data.plans] == ["RS-2023"]


def test_bad_plan_cells_are_located(edited):
    data = read_workbook(edited({
        (L.PLANS, "C5"): "warrant", (L.PLANS, "D5"): "private", (L.PLANS, "H5"): None,
        (L.PLANS, "E6"): None, (L.PLANS, "F6"): "abc", (L.PLANS, "J6"): 20.5,
        (L.PLANS, "M6"): 0, (L.PLANS, "P6"): "yes", (L.PLANS, "I6"): 0,
    }))
    assert located(data) == {
        "Plans!C5": 'instrument is "warrant", expected restricted_stock or stock_option '
                    "(限制性股票, 股票期权)",
        "Plans!D5": 'regime is "private", expected csrc or soe (state-controlled, 国有控股)',
        "Plans!E6": "announcement date is empty, expected a date",
        "Plans!F6": 'price is "abc", expected an amount',
        "Plans!I6": "period average price is 0, expected a market price above 0",
        "Plans!J6": "period days is 20.5, expected a whole number",
        "Plans!M6": "share capital is 0, expected the number of shares",
        "Plans!P6": 'special resolution is "yes", expected TRUE or FALSE (blank: none)',
    }
    assert {p.executive for p in data.problems} == {""}
    assert data.plans == () and len(data.inputs) == 12


def test_the_csrc_regime_needs_its_reference_prices(edited):
    data = read_workbook(edited({(L.PLANS, "H5"): None}))
    assert located(data) == {"Plans!H5": "previous-day average price (前1个交易日交易均价) is "
                                         "empty: the CSRC price floor needs it"}


def test_periods_that_do_not_add_up_and_periods_of_no_plan(edited):
    data = read_workbook(edited({(L.PLAN_PERIODS, "D7"): 0.2,
                                 (L.PLAN_PERIODS, "A8"): "OPT-2099",
                                 (L.PLAN_PERIODS, "C9"): 20}))
    assert located(data) == {
        "PlanPeriods!D5:D7": "the periods' shares add to 90%, expected 100% of the grant",
        "PlanPeriods!A8": 'plan "OPT-2099" is not on the Plans sheet',
        "PlanPeriods!C9": "period ends at month 20, not after its start at month 24",
    }
    assert data.plans == ()


def test_a_plan_without_periods_is_an_error_at_its_id(edited):
    blank = {(L.PLAN_PERIODS, f"{c}{r}"): None for r in (8, 9, 10) for c in "ABCD"}
    data = read_workbook(edited(blank))
    assert located(data) == {"Plans!A6": "the plan has no unlock or exercise periods: add its "
                                         "rows to the PlanPeriods sheet"}


def test_a_plan_is_not_checked_while_an_earlier_plan_has_errors(edited):
    data = read_workbook(edited({(L.PLANS, "F5"): "abc"}))
    assert located(data) == {"Plans!F5": 'price is "abc", expected an amount'}
    assert located(data, "warning") == {
        "Plans!A6": 'plan "OPT-2024" is not checked: the plan on row 5, announced on or before '
                    "it, has errors, and its shares count towards this plan's limits"}
    assert data.plans == ()
    later = read_workbook(edited({(L.PLANS, "F6"): "abc"}))  # the earlier plan is still checked
    assert [p.plan_id for p in later.plans] == ["RS-2023"] and later.warnings == ()


def test_plan_ids_are_unique(edited):
    data = read_workbook(edited({(L.PLANS, "A6"): "RS-2023"}))
    assert located(data) == {
        **{cell: 'plan id "RS-2023" is on rows 5, 6: one row per plan'
           for cell in ("Plans!A5", "Plans!A6")},
        # OPT-2024 is no longer on the sheet; its grants are then plain grants
        **{f"PlanPeriods!A{r}": 'plan "OPT-2024" is not on the Plans sheet' for r in (8, 9, 10)}}
    assert data.plans == ()


def test_grants_under_a_plan_id_are_its_instrument(demo_path, edited):
    row = rows_of(demo_path, L.GRANTS, "E009")[0]  # E009's phantom stock PH-2024
    data = read_workbook(edited({(L.GRANTS, f"B{row}"): "OPT-2024"}))
    assert [str(p) for p in data.errors] == [
        f'Grants!C{row}: grant "OPT-2024" is phantom stock, but plan OPT-2024 on the Plans '
        "sheet is stock option: a plan's grants are of its instrument (or give the grant "
        "another id)"]
    assert [p.plan_id for p in data.plans] == ["RS-2023"]


def test_a_bad_grant_of_a_plan_leaves_the_plan_unchecked_with_a_warning(demo_path, edited):
    row = rows_of(demo_path, L.GRANTS, "E003")[0]  # E003's OPT-2024 options
    data = read_workbook(edited({(L.GRANTS, f"E{row}"): "many"}))
    assert located(data) == {f"Grants!E{row}": 'quantity is "many", expected a whole number'}
    assert located(data, "warning") == {
        "Plans!A6": f'plan "OPT-2024" is not checked: its grant on Grants row {row} has errors'}
    assert [p.plan_id for p in data.plans] == ["RS-2023"]


def test_a_special_resolution_turns_the_breach_into_a_note(edited):
    options = plan_of(read_workbook(edited({(L.PLANS, "P6"): True})), "OPT-2024")
    assert options.ok and options.text.startswith("OK\nNote: E001 holds 1.0417% of the share "
                                                  "capital through all live plans")


def test_the_value_excel_saved_in_the_check_cell_is_returned(demo_path, tmp_path):
    saved = excel_saved(demo_path, tmp_path / "saved.xlsx", {(L.PLANS, "Q5"): "OK",
                                                             (L.PLANS, "Q6"): "#NAME?"})
    rs, options = read_workbook(saved).plans
    assert (rs.cached, options.cached) == ("OK", "#NAME?")


def test_the_template_has_an_empty_plans_table(template_path):
    data = read_workbook(template_path)
    assert data.plans == ()
    assert not [p for p in data.problems if p.sheet in (L.PLANS, L.PLAN_PERIODS)]


def load(path):
    return openpyxl.load_workbook(path)


def test_the_sheets_lists_formats_and_check_formula(demo_path, template_path):
    for path in (demo_path, template_path):
        wb = load(path)
        plans, periods = wb[L.PLANS], wb[L.PLAN_PERIODS]
        lists = {str(dv.sqref).split(":")[0]: dv.formula1
                 for dv in plans.data_validations.dataValidation}
        assert lists == {"C5": '"restricted_stock,stock_option,限制性股票,股票期权"',
                         "D5": '"csrc,soe,上市公司,国有控股"', "P5": '"TRUE,FALSE"'}
        check = plans["Q5"].value
        assert isinstance(check, ArrayFormula) and check.ref == "Q5"
        assert "XP_CSRC_CHECK(" in check.text and "_xlfn.TEXTJOIN(CHAR(10)" in check.text
        assert plans["Q5"].alignment.wrap_text
        column = plans.tables["tblPlans"].tableColumns[-1]
        assert column.calculatedColumnFormula.array
        assert "=" + column.calculatedColumnFormula.attr_text == check.text
        assert (plans.freeze_panes, periods.freeze_panes) == ("B5", "B5")
    wb = load(demo_path)
    plans, periods = wb[L.PLANS], wb[L.PLAN_PERIODS]
    assert [plans[f"{c}5"].number_format for c in "EFHMN"] == [
        L.DATE, L.PRICE, L.PRICE, L.SHARES, L.SHARES]
    assert periods["D5"].number_format == "0%" and periods["D5"].value == 0.4
    assert (plans["C6"].value, plans["D6"].value, plans["J6"].value) == ("stock_option",
                                                                         "csrc", 60)


def test_every_plan_column_round_trips(tmp_path):
    inputs = list(demo_inputs())
    inputs[5] = dataclasses.replace(inputs[5], grants=(RestrictedStockGrant(
        "2025-04-01", 30_000, 20, grant_id="SOE-2025"),))  # E006 (a demo price day)
    state = CompanyPlan("SOE-2025", EquityPlan(
        "限制性股票", Decimal("12.5"), ReferencePrices(Decimal("24.5"), Decimal("25"), 120,
                                                     Decimal("24.8"), Decimal("25.1")),
        (Tranche(24, 36, Decimal("0.34")), Tranche(36, 48, Decimal("0.33")),
         Tranche(48, 60, Decimal("0.33"))), 48_000_000, plan_shares=400_000,
        other_plan_shares=250_000, par_value=Decimal("0.5"), regime="国有控股",
        announced=dt.date(2025, 3, 3), name="国有控股 state-controlled"),
        special_resolution=True)
    plans = (*demo_plans(), state)
    path = write_workbook(tmp_path / "all.xlsx", inputs, company=COMPANY, year=YEAR,
                          plans=plans)
    data = read_workbook(path)
    assert data.problems == ()
    expected = check_company_plans(plans, holdings(inputs) + [Holding("E006", "SOE-2025",
                                                                      30_000)])
    assert [(p.plan, p.breaches, p.notes) for p in data.plans] == [
        (c.plan, c.breaches, c.notes) for c in expected]
    soe = data.plans[2]
    assert soe.plan.other_plan_shares == Decimal(250_000 + 1_600_000 + 2_400_000)
    assert [p.other_plan_shares for p in soe.plan.participants] == [0]
    assert rules(soe) == ["soe.price_floor"]  # 12.50 < max(24.80, 25.10)
    assert [(p.name, p.special_resolution) for p in soe.plan.participants] == [("E006", True)]
    sheet = openpyxl.load_workbook(path, read_only=True)[L.PLANS]
    [row] = [r for r in sheet.iter_rows(min_row=L.FIRST_ROW, values_only=True)
             if r[0] == "SOE-2025"]
    assert [c.header for c, v in zip(L.PLANS_LAYOUT.columns, row, strict=True)
            if v is None] == []  # every column used


@pytest.mark.parametrize(("plans", "grant", "message"), [
    ((demo_plans()[0], demo_plans()[0]), None, "plan id RS-2023 is given twice"),
    (demo_plans(), RestrictedStockGrant("2024-04-01", 10, 9, grant_id="OPT-2024"),
     "grant OPT-2024 is restricted stock, but plan OPT-2024 is stock option"),
])
def test_plans_a_workbook_cannot_hold_are_refused(plans, grant, message):
    inputs = list(demo_inputs())
    if grant is not None:
        inputs[5] = dataclasses.replace(inputs[5], grants=(grant,))
    with pytest.raises(InputError, match=message):
        workbook_bytes(inputs, plans=plans)


def test_the_plan_columns_are_documented():
    docs = (ROOT / "docs" / "workbook.md").read_text(encoding="utf-8")
    for layout in L.PLAN_LAYOUTS:
        assert f"`{layout.table}`" in docs
        for header in layout.headers:
            assert header in docs, header


def test_a_quantity_too_large_for_a_holding_is_an_error_at_its_cell(edited):
    """10^16 shares on E001's plan grant: an error at Grants!E5 (it made the whole workbook
    unreadable, every executive lost), and the other executives are still reported."""
    data = read_workbook(edited({(L.GRANTS, "E5"): 10**16}))
    at = [(p.sheet, p.cell, p.executive) for p in data.errors]
    assert (L.GRANTS, "E5", "E001") in at
    assert "E001" not in {s.appraisal.executive.id for s in data.statements}
    assert len(data.statements) == 11
