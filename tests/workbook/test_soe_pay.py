"""The SoePay sheet: the demo's central-SOE pay checked from a real xlsx file, every bad cell
located, and the check on the payout statement and in the flags.

Demo layout (SoePay): rows 5–7 are E001's term 2024, 2025, 2026 (the appraisal year, with
the term incentive), rows 8–9 E002's 2025 and 2026. Columns: A ID, B Year, C Base salary,
D Performance salary, E Grade, F Paid now, G Term incentive, H Term grade.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

import xlperf.udfs as udfs
from xlperf.demo import COMPANY, YEAR, demo_inputs
from xlperf.errors import InputError
from xlperf.policy import DEMO_POLICY
from xlperf.rules.china.soe import SoePayRules
from xlperf.rules.flags import statement_flags
from xlperf.workbook import layout as L
from xlperf.workbook import read_workbook, write_workbook
from xlperf.workbook.write import workbook_bytes

from .test_plans import located


def statement_of(data, ex_id):
    [found] = [s for s in data.statements if s.appraisal.executive.id == ex_id]
    return found


def test_the_demo_checks_the_presidents_payout_against_twice_his_base_salary(demo_path):
    data = read_workbook(demo_path)
    assert data.problems == ()
    e001, e002 = statement_of(data, "E001"), statement_of(data, "E002")
    # E001's 2026 payout: bonus 900,000 × 1.5 = 1,350,000 + extra 108,000 = 1,458,000;
    # the cap is 2 × 700,000 = 1,400,000, so 58,000 too much. 2024 (1,180,000 ≤ 1,360,000)
    # and 2025 (1,350,000 ≤ 1,400,000) pass, 60% was paid at each close (708,000 and
    # 810,000), and the term incentive 1,000,000 is within 30% of the term's pay, 2026's
    # performance salary counted at its cap 1,400,000 (its excess is a breach of its own):
    # (680,000 + 1,180,000 + 700,000 + 1,350,000 + 700,000 + 1,400,000) × 30% = 1,803,000.
    # His 2026 Paid now is blank, so the part paid at the close is what the statement pays
    # in the year: under these rules xlperf defers 40% (583,200), so 874,800 = 60%, within
    # what may be paid now: no deferral breach.
    check = e001.soe_check
    assert [(b.rule, b.subject, b.actual, b.limit) for b in check.breaches] == [
        ("soe.performance_cap", "2026", Decimal("1458000.00"), Decimal("1400000.00"))]
    assert check.term.years[-1].paid_now == Decimal("874800.00")
    assert check.term_incentive_cap == Decimal("1803000.00")
    assert [y.year for y in check.term.years] == [2024, 2025, 2026]
    assert "soe_pay" in statement_flags(e001)
    # E002: 720,000 ≤ 2 × 420,000 = 840,000; 432,000 paid now = 60% of 720,000 exactly
    assert e002.soe_check.ok and "soe_pay" not in statement_flags(e002)
    assert all(statement_of(data, f"E{n:03d}").soe_check is None for n in range(3, 13))


def test_paying_more_than_sixty_percent_at_the_close_is_a_deferral_breach(edited):
    # a paid-now above what 60% of the payout allows: 720,000 × 60% = 432,000
    data = read_workbook(edited({(L.SOE_PAY, "F9"): 432_000.01}))
    [breach] = statement_of(data, "E002").soe_check.breaches
    assert (breach.rule, breach.limit) == ("soe.deferral", Decimal("432000.00"))


def test_paid_now_above_the_whole_payout_is_a_deferral_breach_not_an_error(edited):
    data = read_workbook(edited({(L.SOE_PAY, "F9"): 800_000}))
    assert data.errors == ()
    [breach] = statement_of(data, "E002").soe_check.breaches
    assert breach.rule == "soe.deferral"
    assert "800,000.00 is entered as paid at the year's close, more than the year's whole " \
           "performance salary 720,000.00; at most 432,000.00 may be paid now" in breach.message


def test_an_earlier_failed_year_with_performance_salary_is_listed(edited):
    data = read_workbook(edited({(L.SOE_PAY, "E8"): "D", (L.SOE_PAY, "F8"): None}))
    [breach] = statement_of(data, "E002").soe_check.breaches
    assert (breach.rule, breach.subject) == ("soe.failed_grade", "2025")


@pytest.mark.parametrize("changes, expected", [
    ({(L.SOE_PAY, "C6"): "abc"}, {"SoePay!C6": "base salary (基本年薪)"}),
    ({(L.SOE_PAY, "D6"): -5}, {"SoePay!D6": "performance salary"}),
    ({(L.SOE_PAY, "E6"): "X"}, {"SoePay!E6": 'grade is "X", expected one of S, A, B, C, D'}),
    ({(L.SOE_PAY, "B6"): 2027}, {"SoePay!B6": "year 2027 is after the appraisal year 2026"}),
    ({(L.SOE_PAY, "D7"): 1_000_000}, {"SoePay!D7": "leave performance salary blank in the "
                                                   "appraisal year 2026"}),
    ({(L.SOE_PAY, "E6"): None}, {"SoePay!E6": "grade is empty: an earlier year of the term "
                                              "needs its performance salary and grade"}),
    ({(L.SOE_PAY, "G6"): 5}, {"SoePay!G6": "term incentive goes on the appraisal year's row"}),
    ({(L.SOE_PAY, "B5"): 2025}, {"SoePay!B6": "year 2025 is given twice (rows 5 and 6)"}),
])
def test_bad_cells_of_the_presidents_term_are_located_and_the_others_appraised(
        edited, changes, expected):
    data = read_workbook(edited(changes))
    errors = located(data)
    assert errors.keys() == expected.keys(), errors
    for cell, text in expected.items():
        assert text in errors[cell]
    assert "E001" not in {s.appraisal.executive.id for s in data.statements}
    assert len(data.statements) == 11


def test_a_term_without_the_appraisal_year_is_an_error_over_its_rows(edited):
    data = read_workbook(edited({(L.SOE_PAY, "B9"): 2024, (L.SOE_PAY, "D9"): 600_000,
                                 (L.SOE_PAY, "E9"): "B"}))
    assert located(data) == {"SoePay!B8:B9": "no row for the appraisal year 2026: it gives "
                                             "the year's base salary, which the check needs"}


def test_a_row_of_someone_not_on_the_executives_sheet_is_located(edited):
    data = read_workbook(edited({(L.SOE_PAY, "A5"): "E099"}))
    assert located(data) == {"SoePay!A5": "executive E099 is not on the Executives sheet"}
    assert len(data.statements) == 12  # E001's 2025 and 2026 rows still make a term


def formula_arguments(path, ex_id: str, statement) -> dict[str, object]:
    """What the Check formula hands XP_SOE_CHECK on the executive's appraisal-year row: the
    executive's rows (FILTER by ID, blank cells as the 0 FILTER gives), the appraisal year's
    performance salary and grade from Results — here the reader's, which Results shows —
    and its Paid now, or Results' Total − Deferred when it is blank."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = [dict(zip(L.SOE_PAY_LAYOUT.headers, r, strict=False))
            for r in wb[L.SOE_PAY].iter_rows(min_row=L.FIRST_ROW, values_only=True)
            if r[0] == ex_id]
    this = next(r for r in rows if r["Year"] == YEAR)
    pay = statement.appraisal

    def column(header, now=None):
        return [[now if now is not None and r["Year"] == YEAR else r[header] or 0]
                for r in rows]

    # the appraisal year's Paid now, blank: Results' Total − Deferred
    paid_in_year = float(pay.payout.paid_in_year) if this["Paid now"] is None else None

    return dict(base_salary=column("Base salary"),
                performance_salary=column("Performance salary", float(pay.payout.total)),
                grade=column("Grade", pay.grade), years=column("Year"),
                term_incentive=this["Term incentive"], term_grade=this["Term grade"],
                paid_now=column("Paid now", paid_in_year))


@pytest.mark.parametrize("changes", [
    {},
    {(L.SOE_PAY, "E8"): "D", (L.SOE_PAY, "F8"): None},  # E002 failed in 2025
    {(L.SOE_PAY, "F9"): 432_000.01},  # E002 paid a cent too much now
    {(L.SOE_PAY, "F9"): 800_000},  # E002 paid more than the whole payout now
])
def test_the_reader_shows_what_the_check_formula_shows(edited, changes):
    """The reader's lines equal XP_SOE_CHECK's given the formula's arguments (what
    TEXTJOIN(CHAR(10),TRUE,…) puts in the Check cell of the appraisal year's row)."""
    path = edited(changes)
    data = read_workbook(path)
    for ex_id in ("E001", "E002"):
        statement = statement_of(data, ex_id)
        spilled = udfs.XP_SOE_CHECK(**formula_arguments(path, ex_id, statement))
        assert [line for [line] in spilled] == list(statement.soe_check.lines or ("OK",))


def test_the_check_formula_sits_on_every_row_and_shows_on_the_appraisal_year(demo_path):
    ws = openpyxl.load_workbook(demo_path)[L.SOE_PAY]
    for row in range(5, 10):
        check = ws[f"I{row}"].value
        assert isinstance(check, ArrayFormula) and check.ref == f"I{row}"
    text = ws["I7"].value.text
    assert text.startswith('=IF(OR(tblSoePay[[#This Row],[ID]]="",tblSoePay[[#This Row],'
                           '[Year]]<>Executives!$D$2),"",_xlfn.TEXTJOIN(CHAR(10),TRUE,'
                           'XP_SOE_CHECK(')
    total, grade = L.result_letter("Total"), L.result_letter("Grade")
    assert f"INDEX(Results!${total}:${total},MATCH(tblSoePay[[#This Row],[ID]]" in text
    assert f"INDEX(Results!${grade}:${grade}," in text
    column = ws.tables["tblSoePay"].tableColumns[-1]
    assert column.calculatedColumnFormula.array
    assert "=" + column.calculatedColumnFormula.attr_text == text


def test_a_workbook_without_the_sheet_reads_with_a_warning(edited):
    data = read_workbook(edited({}, drop_sheets=[L.SOE_PAY]))
    assert data.errors == ()
    assert [p.message for p in data.warnings if L.SOE_PAY in p.message] == [
        "sheet(s) SoePay missing: read as empty (no long-term incentives, equity plans or SOE "
        "pay checks from them); `xlperf workbook new` writes the current template"]
    assert all(s.soe_check is None for s in data.statements)


def test_the_template_has_an_empty_soe_pay_table(template_path):
    ws = openpyxl.load_workbook(template_path)[L.SOE_PAY]
    assert [c.value for c in ws[L.HEADER_ROW]] == list(L.SOE_PAY_LAYOUT.headers)
    assert ws.tables[L.SOE_PAY_LAYOUT.table].ref == "A4:I5"
    assert all(c.value is None for c in ws[L.FIRST_ROW][:-1])
    assert isinstance(ws["I5"].value, ArrayFormula)  # the Check formula, ready for a row


def test_every_column_round_trips(tmp_path):
    items = demo_inputs()[:2]  # E001: a term incentive and grade; E002: paid now this year
    path = write_workbook(tmp_path / "two.xlsx", items, company=COMPANY, year=YEAR)
    data = read_workbook(path)
    assert [s.appraisal.input.soe_pay for s in data.statements] == [
        i.soe_pay for i in items]


def test_a_policy_with_other_soe_rules_is_refused():
    policy = dataclasses.replace(DEMO_POLICY, soe=SoePayRules(deferral_share=Decimal("0.5")))
    with pytest.raises(InputError, match=re.escape("[soe] rules cannot be written")):
        workbook_bytes(policy=policy)



def test_the_payout_statement_shows_the_paid_now_entered_even_above_the_payout():
    """E002 paid 800,000 now of a 720,000 payout: the check lists the deferral breach and
    the statement's row for 2026 still shows the 800,000 entered."""
    from xlperf.report.appraisal_context import Header, Person
    from xlperf.report.payout_context import payout_report
    from xlperf.rules.appraisal import appraise
    from xlperf.rules.pay_statement import pay_statement

    item = demo_inputs()[1]
    item = dataclasses.replace(item, soe_pay=dataclasses.replace(item.soe_pay,
                                                                 paid_now=Decimal(800_000)))
    statement = pay_statement(appraise(item))
    report = payout_report(statement, Header(COMPANY, YEAR, "demo.xlsx", "0" * 64, "demo"),
                           Person("E002", "李雪梅", "Li Xuemei", "", ""))
    assert [(y.year, y.performance, y.cap, y.paid_now, y.current)
            for y in report.soe.years] == [
        (2025, "¥690,000.00", "¥800,000.00", "¥414,000.00", False),  # 2 × 400,000
        (2026, "¥720,000.00", "¥840,000.00", "¥800,000.00", True)]  # 2 × 420,000
    [breach] = report.soe.breaches
    assert breach.en.startswith("2026: 800,000.00 is entered as paid at the year's close")
    assert breach.zh.startswith("2026年：当期兑现 800,000.00，超过当期可兑现的 432,000.00")


def test_the_statement_says_how_this_years_paid_at_the_close_was_taken():
    """E001 leaves 2026's Paid now blank: checked with what his statement pays in the year,
    1,458,000 less 40% deferred = 874,800. E002's 432,000 is what her statement pays in the
    year (720,000 less 288,000 deferred): no note. Typed as 400,000, it disagrees with the
    statement, and the note says so."""
    import dataclasses

    from xlperf.report.appraisal_context import Header, Person
    from xlperf.report.payout_context import payout_report
    from xlperf.rules.appraisal import appraise
    from xlperf.rules.pay_statement import pay_statement

    header = Header(COMPANY, YEAR, "demo.xlsx", "0" * 64, "demo")
    e001, e002 = demo_inputs()[:2]
    other = dataclasses.replace(e002, soe_pay=dataclasses.replace(
        e002.soe_pay, paid_now=Decimal(400_000)))
    notes = {}
    for key, item in (("E001", e001), ("E002", e002), ("typed", other)):
        report = payout_report(pay_statement(appraise(item)), header,
                               Person(item.executive.id, "", "", "", ""))
        notes[key] = report.soe.paid_now_note
    assert notes["E001"].en.endswith("(advances included), ¥874,800.00")
    assert notes["E002"] is None
    assert notes["typed"].en == ("SoePay gives ¥400,000.00 as paid at this year's close, but "
                                 "this statement pays ¥432,000.00 in the year (advances "
                                 "included): check which is right")
    assert "两者不一致" in notes["typed"].zh
