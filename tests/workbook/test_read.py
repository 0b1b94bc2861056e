"""The reader: round trip, every problem located, one bad executive never loses the others."""

from __future__ import annotations

import dataclasses
import re
import warnings
import zipfile
from collections.abc import Callable
from decimal import Decimal

import openpyxl
import pytest

from xlperf.demo import COMPANY, YEAR, demo_inputs
from xlperf.errors import InputError
from xlperf.policy import DEMO_POLICY
from xlperf.rules.appraisal import appraise
from xlperf.rules.scoring import NO_PARAMS
from xlperf.workbook import layout as L
from xlperf.workbook import read_workbook, write_workbook

from .conftest import config_cell, rename_sheet
from .excel_saved import garbled, with_part_changed

ALL_IDS = [f"E{i:03d}" for i in range(1, 13)]


def rows_of(path, sheet, executive):
    """The sheet rows of one executive, in order."""
    ws = openpyxl.load_workbook(path, read_only=True)[sheet]
    return [r for r, (value,) in enumerate(ws.iter_rows(min_row=L.FIRST_ROW, max_col=1,
                                                        values_only=True), start=L.FIRST_ROW)
            if value == executive]


def results_view(appraisal):
    """Every figure of an appraisal, without the input objects it carries."""
    return (
        [(r.indicator.name, r.score, r.weight, r.vetoed) for r in appraisal.indicators],
        appraisal.business, appraisal.individual, appraisal.okr, appraisal.individual_score,
        appraisal.duty_report, appraisal.democratic, appraisal.annual_score,
        appraisal.grade_by_score, appraisal.grade, appraisal.vetoes, appraisal.coefficient,
        appraisal.payout, appraisal.consecutive_flag, appraisal.warnings,
    )


def without_origin(item):
    """An AppraisalInput compared by content: origins and weight scales aside."""
    ex = dataclasses.replace(item.executive, origin=None)
    return (ex, item.year, [(i.name, i.actual, i.target, i.method, i.category, i.part,
                             i.params, i.veto, i.unit) for i in item.indicators],
            [(r.group, r.score) for r in item.ratings], item.duty_panel,
            [(o.name, o.aligns_to, [(k.name, k.score) for k in o.key_results])
             for o in item.objectives],
            [(y.year, y.grade, y.score) for y in item.history], item.advances,
            item.soe_pay)


def test_demo_round_trip_gives_exactly_the_same_appraisals(demo_path):
    data = read_workbook(demo_path)
    assert data.problems == ()
    assert (data.company, data.year) == (COMPANY, YEAR)
    assert data.policy == DEMO_POLICY and data.policy_source == "Config sheet"
    demo = demo_inputs()
    assert [i.executive.id for i in data.inputs] == ALL_IDS
    for original, read in zip(demo, data.inputs, strict=True):
        assert without_origin(read) == without_origin(original)
        assert results_view(appraise(read, data.policy)) == results_view(appraise(original))


def test_inputs_remember_their_rows(demo_path):
    item = read_workbook(demo_path).inputs[1]  # E002
    assert item.executive.origin == (L.EXECUTIVES, 6)
    assert item.indicators[0].origin == (L.INDICATORS, rows_of(demo_path, L.INDICATORS,
                                                               "E002")[0])
    assert item.ratings[0].origin[0] == L.RATINGS


def test_a_fresh_workbook_has_formula_cells_but_no_cached_values(demo_path):
    data = read_workbook(demo_path)
    keys = {c.key for c in data.cached}
    assert keys == set(L.RESULT_KEYS) | {"indicator_score", "soe_check", "vested_quantity"}
    assert all(c.value is None for c in data.cached)
    first = [c for c in data.cached if c.executive == "E001" and c.sheet == L.RESULTS]
    assert {c.key: c.cell for c in first}["annual_score"] == "H5"
    assert len([c for c in data.cached if c.key == "indicator_score"]) == sum(
        len(i.indicators) for i in demo_inputs())


def test_the_template_reads_as_no_executives(template_path):
    data = read_workbook(template_path)
    assert data.inputs == () and data.cached == ()
    assert data.policy == DEMO_POLICY
    assert [str(p) for p in data.problems] == [
        "Executives!B2: company name is empty",
        "Executives!D2: appraisal year is empty, expected a year such as 2026"]
    assert [p.severity for p in data.problems] == ["warning", "error"]


def test_every_problem_is_listed_with_sheet_and_cell_and_the_others_are_kept(demo_path,
                                                                              edited):
    rows = {ex: {s: rows_of(demo_path, s, ex) for s in L.INPUT_LAYOUTS} for ex in ALL_IDS}
    e12_rating = rows["E012"][L.RATINGS][-1]
    e008 = rows["E008"][L.INDICATORS]
    path = edited({
        (L.INDICATORS, f"F{rows['E001'][L.INDICATORS][0]}"): "abc",
        (L.EXECUTIVES, "F6"): "lots", (L.EXECUTIVES, "H6"): "much",  # E002: two bad cells
        (L.RATINGS, f"C{rows['E003'][L.RATINGS][0]}"): 120,
        (L.OKR, f"G{rows['E004'][L.OKR][0]}"): 1.5,
        (L.HISTORY, f"C{rows['E005'][L.HISTORY][0]}"): "Z",
        (L.DUTY, f"B{rows['E006'][L.DUTY][0]}"): None,
        (L.INDICATORS, f"I{rows['E007'][L.INDICATORS][0]}"): "magic",
        (L.INDICATORS, f"F{e008[0]}"): 0.25,  # E008's business weights add to 95%
        (L.RATINGS, f"A{e12_rating}"): "E999",  # a rating of nobody
    })
    data = read_workbook(path)
    found = {(p.sheet, p.cell, p.executive) for p in data.errors}
    business_rows = e008[:15]
    expected = {
        (L.INDICATORS, f"F{rows['E001'][L.INDICATORS][0]}", "E001"),
        (L.EXECUTIVES, "F6", "E002"), (L.EXECUTIVES, "H6", "E002"),
        (L.RATINGS, f"C{rows['E003'][L.RATINGS][0]}", "E003"),
        (L.OKR, f"G{rows['E004'][L.OKR][0]}", "E004"),
        (L.HISTORY, f"C{rows['E005'][L.HISTORY][0]}", "E005"),
        (L.DUTY, f"B{rows['E006'][L.DUTY][0]}", "E006"),
        (L.INDICATORS, f"I{rows['E007'][L.INDICATORS][0]}", "E007"),
        (L.INDICATORS, f"F{business_rows[0]}:F{business_rows[-1]}", "E008"),  # its own
        (L.RATINGS, f"A{e12_rating}", "E999"),
    }
    assert found == expected
    messages = {p.sheet + "!" + p.cell: p.message for p in data.errors}
    assert str(data.errors[0]).startswith("Executives!F6: bonus standard is \"lots\"")
    assert messages[f"Indicators!F{rows['E001'][L.INDICATORS][0]}"] == \
        'weight is "abc", expected a number'
    assert "add to 95%" in messages[f"Indicators!F{business_rows[0]}:F{business_rows[-1]}"]
    assert "E999 is not on the Executives sheet" in messages[f"Ratings360!A{e12_rating}"]
    assert [i.executive.id for i in data.inputs] == ["E009", "E010", "E011", "E012"]


def test_the_policy_digest_covers_the_workbooks_scoring_tables(edited, demo_path):
    """A point of CollectionCurve (Config!G9: 90 → 80) changes E002's score, so it changes
    the policy's digest that the manifest records, and the tables are listed as read."""
    from xlperf.policy import policy_digest

    before, after = read_workbook(demo_path), read_workbook(edited({(L.CONFIG, "G9"): 80}))
    assert before.scoring_tables["CollectionCurve"][1] == (95, 90)
    assert after.scoring_tables["CollectionCurve"][1] == (95, 80)
    assert before.policy == after.policy
    assert policy_digest(before.policy, before.scoring_tables) != policy_digest(
        after.policy, after.scoring_tables)


def test_a_bad_executives_row_hides_none_of_the_executives_other_errors(edited):
    """E003 (Executives row 7) with 15 months served and an actual of "n/a" on Indicators
    row 43: both are listed, so fixing the first does not reveal the second only then."""
    data = read_workbook(edited({(L.EXECUTIVES, "G7"): 15, (L.INDICATORS, "H43"): "n/a"}))
    assert [(p.sheet, p.cell, p.executive) for p in data.errors] == [
        ("Executives", "G7", "E003"), ("Indicators", "H43", "E003")]
    assert "E003" not in {s.appraisal.executive.id for s in data.statements}
    assert len(data.statements) == 11


def test_a_curve_amount_whose_target_was_left_blank_is_an_error_at_the_target(edited):
    """E001's profit (万元) scored on a curve with its target blank: 58,627.4 would be read
    as the achievement % and score the curve's top; it is an error at the target cell."""
    data = read_workbook(edited({(L.INDICATORS, "I5"): "curve", (L.INDICATORS, "G5"): None}))
    assert [str(p) for p in data.errors] == [
        "Indicators!G5: target is empty and actual 58627.4 is not an achievement % (at most "
        "1000%): fill in the target"]
    assert len(data.statements) == 11


def test_a_category_not_on_the_category_list_is_an_error_at_its_cell(edited):
    """A pasted category bypasses the drop-down: "misc" is refused, "RISK" is risk."""
    data = read_workbook(edited({(L.INDICATORS, "C5"): "misc", (L.INDICATORS, "C9"): "RISK"}))
    assert [str(p) for p in data.errors] == [
        'Indicators!C5: category is "misc", expected one from CategoryList on Config: '
        "financial, risk, sustainable, personal, team, unit, projects, okr"]
    assert len(data.statements) == 11


def test_a_category_the_company_added_to_its_list_is_accepted(demo_path, tmp_path):
    """CategoryList is the company's: a category added under it (the name grown over it,
    as the Name Manager would) is one of the list."""
    import openpyxl

    wb = openpyxl.load_workbook(demo_path)
    assert wb.defined_names[L.CATEGORY_LIST].attr_text == "Config!$I$8:$I$15"
    wb.defined_names[L.CATEGORY_LIST].attr_text = "Config!$I$8:$I$16"
    wb[L.CONFIG]["I16"] = "esg"
    wb[L.INDICATORS]["C5"] = "ESG"
    wb.save(tmp_path / "esg.xlsx")
    data = read_workbook(tmp_path / "esg.xlsx")
    assert data.errors == ()
    assert data.inputs[0].indicators[0].category == "esg"


def test_a_mistyped_id_is_one_problem_per_sheet_not_one_per_row(demo_path, edited):
    rows = rows_of(demo_path, L.INDICATORS, "E012")
    data = read_workbook(edited({(L.INDICATORS, f"A{r}"): "E120" for r in rows}))
    assert [str(p) for p in data.errors if "E120" in p.message] == [
        f"Indicators!A{rows[0]}: executive E120 is not on the Executives sheet (rows "
        f"{rows[0]}–{rows[-1]}, {len(rows)} rows)"]  # and E012 has no indicators left


def test_an_advance_keeps_its_quarter_through_reading_and_writing(edited, tmp_path):
    """E001 advanced in Q2 only: read as one advance of Q2 (the statement names the
    quarter), and written back into the Advance Q2 column, not the latest quarter's."""
    q1, q2, q3 = (L.cell_for(L.EXECUTIVES, 5, f) for f in L.ADVANCE_FIELDS)
    data = read_workbook(edited({(L.EXECUTIVES, q1): None, (L.EXECUTIVES, q2): 1000,
                                 (L.EXECUTIVES, q3): None}))
    e001 = data.inputs[0]
    assert (e001.advances, e001.advance_quarters) == ((Decimal(1000),), (2,))
    write_workbook(tmp_path / "again.xlsx", data.inputs, policy=data.policy)
    sheet = openpyxl.load_workbook(tmp_path / "again.xlsx")[L.EXECUTIVES]
    assert [sheet[c].value for c in (q1, q2, q3)] == [None, 1000, None]


def test_ids_differing_only_in_case_are_one_executive_listed_twice(edited):
    """e012 above E012: Excel's lookups take them for one person and a Windows or macOS
    folder for one file name, so the second is "listed twice", and neither is reported."""
    data = read_workbook(edited({(L.EXECUTIVES, "A15"): "e012"}))
    twice = [str(p) for p in data.errors if "listed twice" in p.message]
    assert twice == ["Executives!A16: executive id E012 is listed twice (also row 15, as e012)"]
    reported = {s.appraisal.executive.id for s in data.statements}
    assert not reported & {"E012", "e012"} and len(reported) == 10  # E011 renamed away


def test_text_spaced_differently_reads_as_one_department(edited):
    """Two spaces, a full-width space (U+3000) or a no-break space (U+00A0) between the words
    of a department look alike in Excel: one department in the summary's totals, not two
    rows that look the same. Titles, names and the company read the same way."""
    from xlperf.reconcile import Reconciliation
    from xlperf.report.summary_context import SummaryCollector

    data = read_workbook(edited({
        (L.EXECUTIVES, "D5"): "Executive  Office",
        (L.EXECUTIVES, "D6"): "Executive\u3000Office",
        (L.EXECUTIVES, "D7"): "\u00a0Executive\u00a0Office ",
        (L.EXECUTIVES, "E5"): "CEO\u3000 总经理",
        (L.EXECUTIVES, "B6"): "李\u3000雪梅", (L.EXECUTIVES, "C6"): "Li  Xuemei",
        (L.EXECUTIVES, "B2"): "华夏汽车\u3000Huaxia\tMotor"}))
    assert not data.errors and data.company == "华夏汽车 Huaxia Motor"
    people = [s.appraisal.executive for s in data.statements[:3]]
    assert {p.department for p in people} == {"Executive Office"}
    assert people[0].title == "CEO 总经理" and people[1].name_en == "Li Xuemei"
    assert people[1].name == data.names["E002"] == "李 雪梅"
    summary = SummaryCollector(data.policy)
    for statement in data.statements:
        summary.add(statement, Reconciliation())
    assert summary.headcounts["Executive Office"] == 3


def test_full_width_grades_on_config_read_as_the_plain_ones(edited, demo_path):
    """Ａ typed in GradeTable, ａ in CoefTable, Ｃ as the veto cap and Ｓ＋Ａ as a quota (a
    Chinese input method's letters) are A, C and S+A, as on History: the company's policy,
    not a mismatch between its tables."""
    def second_row(name: str) -> str:  # the A row of GradeTable and CoefTable, S+A's quota
        first = config_cell(demo_path, name).split(":")[0]
        return f"A{int(first[1:]) + 1}"

    data = read_workbook(edited({
        (L.CONFIG, second_row("GradeTable")): "Ａ", (L.CONFIG, second_row("CoefTable")): "ａ ",
        (L.CONFIG, config_cell(demo_path, "VetoCap")): "Ｃ",
        (L.CONFIG, second_row("Quotas")): "Ｓ＋Ａ"}))
    assert data.policy_source == "Config sheet" and not data.errors
    expected = read_workbook(demo_path)
    assert data.policy.grades == expected.policy.grades
    assert data.statements == expected.statements


@pytest.mark.parametrize(("sheet", "field", "typed"), [
    (L.INDICATORS, "method", "ratio "), (L.INDICATORS, "method", "ratio\u00a0"),
    (L.INDICATORS, "method", "ＲＡＴＩＯ"), (L.INDICATORS, "category", " Financial\u00a0"),
    (L.GRANTS, "instrument", "restricted\u00a0stock "),
    (L.GRANTS, "instrument", "限制性股票\u3000"),
    (L.RATINGS, "group", "ｓｕｐｅｒｉｏｒ\u3000")])
def test_a_list_value_typed_with_spaces_or_full_width_reads_as_the_plain_one(
        edited, demo_path, sheet, field, typed):
    """A trailing or no-break space (invisible in a message) or a Chinese input method's
    full-width letters in a list value: one rule (inputs.choice) reads them as the list's."""
    layout = L.INPUT_LAYOUTS[sheet]
    data = read_workbook(edited({(sheet, f"{layout.letter(field)}5"): typed}))
    expected = read_workbook(demo_path)
    assert data.errors == expected.errors and data.statements == expected.statements
    # a Method the workbook's formulas compare as typed is said at its cell (they miss it)
    said = [str(p) for p in data.warnings if p not in expected.warnings]
    assert said == ([f'{sheet}!I5: method is "{typed}", read as ratio; the workbook\'s '
                     "formulas, which compare the cell as typed, miss the row: type ratio"]
                    if field == "method" else [])


def test_a_part_typed_otherwise_is_read_with_a_warning_the_formulas_miss_it(edited, demo_path):
    """The formulas count a row in the part its cell names as typed: read, but said."""
    data = read_workbook(edited({(L.INDICATORS, "B5"): "ｂｕｓｉｎｅｓｓ\u00a0"}))
    assert not data.errors
    assert [str(p) for p in data.warnings] == [
        'Indicators!B5: part is "ｂｕｓｉｎｅｓｓ\u00a0", read as business; the workbook\'s '
        "formulas, which compare the cell as typed, miss the row: type business"]
    assert data.statements == read_workbook(demo_path).statements


def test_a_standard_whose_bonus_is_too_large_to_pay_is_named_at_its_cell(edited):
    """A standard of 10^15 is an amount, but S pays 1.5 × it: the error is at the standard,
    not at the executive's indicators."""
    data = read_workbook(edited({(L.EXECUTIVES, "F5"): 1e15}))
    assert [(p.sheet, p.cell, p.executive) for p in data.errors] == [
        (L.EXECUTIVES, "F5", "E001")]
    assert data.errors[0].message == (
        "bonus (coefficient 1.5 × standard 1,000,000,000,000,000 × 12/12 months) is more than "
        "10^15, too large an amount")


def test_a_negative_bonus_cap_or_advance_is_reported_at_its_cell(edited):
    """A cap of -1000 would pay -1000.00 (the bonus is at most the cap): an amount is zero
    or more, so the cap's cell is named, as is a negative advance's (E001 and E002)."""
    cap, advance = (L.cell_for(L.EXECUTIVES, row, field)
                    for row, field in ((5, "bonus_cap"), (6, L.ADVANCE_FIELDS[0])))
    data = read_workbook(edited({(L.EXECUTIVES, cap): -1000, (L.EXECUTIVES, advance): -1}))
    assert [(str(p), p.executive) for p in data.errors] == [
        (f"Executives!{cap}: bonus cap is -1000, expected zero or more", "E001"),
        (f"Executives!{advance}: advance is -1, expected zero or more", "E002")]
    assert len(data.statements) == 10


def test_config_problems_are_all_listed_and_no_one_is_appraised_with_a_broken_policy(
        edited):
    path = edited({(L.CONFIG, "B9"): "abc", (L.CONFIG, "B26"): 0.3, (L.CONFIG, "B45"): 7})
    data = read_workbook(path)
    where = {(p.sheet, p.cell) for p in data.errors}
    assert (L.CONFIG, "B9") in where  # GradeTable: A's lowest score
    assert (L.CONFIG, "B26:B29") in where  # PartWeights add to 90%
    assert data.inputs == ()
    assert data.policy_source == "demo policy (the Config sheet has errors)"


def test_one_pass_lists_every_config_problem_even_those_naming_a_broken_tables_grades(
        edited):
    """A's lowest score is unreadable, so the grade table cannot be built; the coefficient
    table, the quotas, the veto cap and the consecutive rule are still checked against the
    grade names S, A, B, C, D, so fixing B9 does not reveal the others only then."""
    data = read_workbook(edited({
        (L.CONFIG, "B9"): "abc", (L.CONFIG, "A18"): "Q", (L.CONFIG, "B43"): "X",
        (L.CONFIG, "B44"): "W", (L.CONFIG, "B45"): 9, (L.CONFIG, "B53"): 150,
        (L.CONFIG, "A54"): "S+Z", (L.CONFIG, "B26"): 0.35}))
    assert sorted(str(p) for p in data.errors) == [
        "Config!A17:B21: coefficient table grades ['S', 'Q', 'B', 'C', 'D'] do not match the "
        "grade table ['S', 'A', 'B', 'C', 'D']",
        "Config!A53:B53: quota S share is 150, expected a share from 0 to 100%: type 40% or "
        "0.4",
        'Config!A54:B54: quota S+Z grade is "Z", expected one of S, A, B, C, D',
        "Config!B26:B29: annual part weights add to 95%, expected 100% (35%, 30%, 10%, 20%)",
        'Config!B43: veto cap grade is "X", expected one of S, A, B, C, D',
        'Config!B44: consecutive-C grade is "W", expected one of S, A, B, C, D',
        "Config!B45: consecutive years is 9: the Results sheet shows 3 past grades, so at "
        "most 4",
        'Config!B9: GradeTable column 2 is "abc", expected a number']
    assert data.inputs == ()


def test_grades_out_of_order_and_a_bad_setting_are_listed_together(edited):
    data = read_workbook(edited({(L.CONFIG, "B10"): 90, (L.CONFIG, "B47"): "abc"}))
    assert [str(p) for p in data.errors] == [
        "Config!A8:B12: grade B starts at 90, which must be below A's 85: list grades best "
        "first with falling lower bounds",
        'Config!B47: over_achievement_cap is "abc", expected a share from 0 to 100%: type 40% '
        'or 0.4']


def test_a_config_error_does_not_make_the_companys_own_grades_unknown_elsewhere(edited):
    """The best grade is called AA (Config, History, SoePay) and one Config setting is bad:
    the other sheets are still checked against AA … D, not the demo's S … D, so the one
    real problem is the only one listed."""
    data = read_workbook(edited({
        (L.CONFIG, "A8"): "AA", (L.CONFIG, "A17"): "AA", (L.CONFIG, "A53"): "AA",
        (L.CONFIG, "A54"): "AA+A", (L.HISTORY, "C7"): "AA", (L.SOE_PAY, "E6"): "AA",
        (L.CONFIG, "B47"): "abc"}))
    assert [str(p) for p in data.errors] == [
        'Config!B47: over_achievement_cap is "abc", expected a share from 0 to 100%: type 40% '
        'or 0.4']
    assert data.policy_source == "demo policy (the Config sheet has errors)"


def test_a_broken_config_hides_no_executives_errors(edited):
    """A bad Config setting appraises nobody, but the executives' own errors are listed in
    the same pass: E001's business weights add to 95% (F5 at 25%, not 30%), and its first
    objective's key-result weights to 160% (F6 at 90%). E001's OKR indicator, which takes
    the OKR score, adds no error of its own (its blank actual is the OKR's doing)."""
    data = read_workbook(edited({(L.CONFIG, "B47"): "abc", (L.INDICATORS, "F5"): 0.25,
                                 (L.OKR, "F6"): 0.9}))
    assert [(p.sheet, p.cell, p.executive) for p in data.errors] == [
        (L.CONFIG, "B47", ""), (L.OKR, "F5:F9", "E001"), (L.INDICATORS, "F5:F19", "E001")]
    assert "business indicator weights add to 95%" in data.errors[2].message
    assert data.inputs == ()


def test_consecutive_years_beyond_what_results_shows_is_an_error(edited):
    data = read_workbook(edited({(L.CONFIG, "B45"): 5}))
    assert [str(p) for p in data.errors] == [
        "Config!B45: consecutive years is 5: the Results sheet shows 3 past grades, so at "
        "most 4"]


def test_a_changed_policy_on_config_is_the_one_read(edited):
    data = read_workbook(edited({(L.CONFIG, "B8"): 96, (L.CONFIG, "B17"): 1.6}))
    assert data.policy.grades.bands[0] == ("S", 96.0)
    assert data.policy.coefficients.steps[0] == ("S", 1.6)
    assert len(data.inputs) == 12


def test_a_deferral_share_on_config_defers_that_part_of_every_payout(edited, demo_path):
    data = read_workbook(edited({(L.CONFIG, config_cell(demo_path, "DeferralShare")): "40%"}))
    assert data.errors == () and data.policy.bonus.deferral_share == 0.4
    pay = next(s for s in data.statements if s.appraisal.executive.id == "E001").appraisal.payout
    # E001: total 1,458,000; 40% deferred = 583,200; advances 3 × 112,500 = 337,500; the
    # settlement pays 1,458,000 − 583,200 − 337,500 = 537,300
    assert (pay.total, pay.deferred, pay.advances, pay.due_now) == (
        Decimal("1458000.00"), Decimal("583200.00"), Decimal("337500.00"), Decimal("537300.00"))


def test_a_long_term_achievement_typed_in_a_percent_cell_is_read_as_xp_extra_reads_it(edited):
    # E001's 112 typed as 112% in a % cell arrives as 1.12; still 112%: extra 108,000
    data = read_workbook(edited({(L.EXECUTIVES, "I5"): 1.12}))
    e001 = next(s for s in data.statements if s.appraisal.executive.id == "E001")
    assert e001.appraisal.executive.long_term_achievement == pytest.approx(112.0)
    assert e001.appraisal.payout.extra == Decimal("108000.00")


def test_achievements_sit_in_percent_cells_so_a_typed_5_is_5_percent(demo_path, template_path,
                                                                      edited):
    # Executives' long-term achievement and Grants' achievement are % cells, in the demo
    # (E001's 112% is stored 1.12) and in the template's blank row: Excel turns a 5 typed
    # there into 5% (0.05), never 500% (which would pay the whole extra)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        demo, template = openpyxl.load_workbook(demo_path), openpyxl.load_workbook(template_path)
    assert (demo[L.EXECUTIVES]["I5"].value, demo[L.EXECUTIVES]["I5"].number_format) == (
        1.12, L.SHARE)
    for sheet, field in ((L.EXECUTIVES, "long_term_achievement"), (L.GRANTS, "achievement")):
        cell = template[sheet][f"{L.INPUT_LAYOUTS[sheet].letter(field)}{L.FIRST_ROW}"]
        assert (cell.value, cell.number_format) == (None, L.SHARE)
    data = read_workbook(edited({(L.EXECUTIVES, "I5"): 0.05}))  # 5 typed into the % cell
    e001 = next(s for s in data.statements if s.appraisal.executive.id == "E001")
    assert e001.appraisal.executive.long_term_achievement == 5
    assert e001.appraisal.payout.extra == Decimal("0.00")  # 5% of the target earns nothing


@pytest.mark.parametrize(("name", "value", "message"), [
    ("DeferralShare", "abc", 'deferral_share is "abc", expected a share from 0 to 100%: '
                             "type 40% or 0.4"),
    # a share reads one way (inputs.share): 1.5 is 1.5%, so 150 is the share out of range
    ("DeferralShare", 150, "deferral_share is 150, expected a share from 0 to 100%: type 40% "
                           "or 0.4"),
    ("AdvanceRate", -1, "advance_rate is -1, expected a share from 0 to 100%: type 40% or "
                        "0.4"),
    ("ScoreFloor", "x", 'floor is "x", expected a number'),
])
def test_a_bad_setting_is_reported_at_its_own_cell(edited, demo_path, name, value, message):
    cell = config_cell(demo_path, name)
    data = read_workbook(edited({(L.CONFIG, cell): value}))
    assert [str(p) for p in data.errors] == [f"Config!{cell}: {message}"]


def test_missing_config_falls_back_to_the_demo_policy_with_a_warning(edited, tmp_path):
    plain = [dataclasses.replace(item, indicators=tuple(
        dataclasses.replace(i, params=NO_PARAMS) for i in item.indicators))
        for item in demo_inputs()]  # no custom scoring table: those live on Config
    source = write_workbook(tmp_path / "plain.xlsx", plain, company=COMPANY, year=YEAR)
    data = read_workbook(edited({}, source=source, drop_sheets=[L.CONFIG]))
    assert data.policy == DEMO_POLICY
    assert data.policy_source == "demo policy (no Config sheet)"
    assert [(p.severity, p.sheet) for p in data.problems] == [("warning", L.CONFIG)]
    assert len(data.inputs) == 12


def test_without_config_a_custom_scoring_table_is_unknown(edited):
    data = read_workbook(edited({}, drop_sheets=[L.CONFIG]))
    assert {p.message for p in data.errors} == {
        'scoring table "CollectionCurve" is not on the Config sheet (tblScoringTables)'}
    assert data.inputs == ()


def test_a_missing_input_sheet_raises_naming_it(edited):
    with pytest.raises(InputError) as caught:
        read_workbook(edited({}, drop_sheets=[L.HISTORY]))
    assert "History" in str(caught.value) and caught.value.errors[0].sheet == L.HISTORY


def test_a_workbook_without_the_incentive_and_plan_sheets_reads_them_as_empty(edited):
    # an older template (or a company without equity incentives): not an error, a warning
    optional = [layout.name for layout in (*L.GRANT_LAYOUTS, *L.PLAN_LAYOUTS)]
    data = read_workbook(edited({}, drop_sheets=optional))
    assert not data.errors and len(data.inputs) == 12
    assert [(p.severity, p.sheet) for p in data.problems] == [("warning", L.GRANTS)]
    assert all(name in data.problems[0].message for name in optional)
    assert all(not item.grants for item in data.inputs) and data.plans == ()


@pytest.mark.parametrize("rename", [
    {L.CONFIG: "config"}, {L.SOE_PAY: "SOEPAY"}, {L.INDICATORS: "indicators"},
    {L.EXERCISES: "EXERCISES", L.RESULTS: "results", L.EXECUTIVES: "executives"}])
def test_sheets_are_found_regardless_of_case_as_excel_finds_them(edited, demo_path, rename):
    """Excel's sheet names are one name whatever the case: a sheet renamed "config" is still
    the Config sheet (its policy, not the demo's), "SOEPAY" still holds the SOE pay rows."""
    expected = read_workbook(demo_path)
    data = read_workbook(edited({}, rename=rename))
    assert data.policy_source == "Config sheet" and data.problems == expected.problems
    assert data.statements == expected.statements and data.cached == expected.cached
    assert any(item.soe_pay for item in data.inputs)


def test_config_is_found_by_defined_names_of_another_case(demo_path, tmp_path):
    """Defined names saying Config! of a sheet called "config" (as openpyxl renames): Excel
    resolves them regardless of case, and so does the reader."""
    wb = openpyxl.load_workbook(demo_path)
    rename_sheet(wb, L.CONFIG, "config", references=False)
    wb.save(tmp_path / "book.xlsx")
    data = read_workbook(tmp_path / "book.xlsx")
    assert data.policy_source == "Config sheet" and not data.errors


def test_spaces_around_a_sheet_name_are_ignored_with_a_warning(edited, demo_path):
    data = read_workbook(edited({}, rename={L.CONFIG: " Config", L.GRANTS: "grants "}))
    assert data.policy_source == "Config sheet" and not data.errors
    assert [str(p) for p in data.warnings] == [
        'Config: sheet " Config" is read as Config: rename it Config (without the spaces)',
        'Grants: sheet "grants " is read as Grants: rename it Grants (without the spaces)']
    assert data.statements == read_workbook(demo_path).statements


def test_two_sheets_that_could_each_be_one_are_an_error(demo_path, tmp_path):
    wb = openpyxl.load_workbook(demo_path)
    rename_sheet(wb, L.HISTORY, "History ")
    wb.create_sheet(" history")
    wb.save(tmp_path / "book.xlsx")
    with pytest.raises(InputError, match="sheets 'History ' and ' history' could each be "
                                         "History: rename the one that is not History"):
        read_workbook(tmp_path / "book.xlsx")


@pytest.mark.parametrize(("rename", "where"), [
    ({L.EXERCISES: "Exercise"}, "Exercise!A4: sheet Exercises is missing, but its table "
                                "tblExercises is on sheet Exercise"),
    ({L.SOE_PAY: "SOE pay"}, "SOE pay!A4: sheet SoePay is missing, but its table tblSoePay"),
    ({L.INDICATORS: "KPIs"}, "KPIs!A4: sheet Indicators is missing, but its table"),
    ({L.CONFIG: "Settings"}, "Settings!E7: sheet Config is missing, but its table "
                             "tblScoringTables is on sheet Settings"),
])
def test_a_renamed_sheet_is_an_error_where_its_table_is(edited, rename, where):
    """A sheet renamed to another name is missing, but its rows must not read as empty (nor
    Config's policy as the demo's): the error names the sheet its table was found on."""
    with pytest.raises(InputError) as caught:
        read_workbook(edited({}, rename=rename))
    assert [str(e) for e in caught.value.errors][0].startswith(where)
    assert len(caught.value.errors) == 1


def test_a_renamed_column_raises_with_its_cell(edited):
    with pytest.raises(InputError) as caught:
        read_workbook(edited({(L.INDICATORS, "F4"): "Wt"}))
    assert str(caught.value) == ('Indicators!F4: header is "Wt", expected "Weight": do not '
                                 "rename or move columns")


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04broken"])
def test_a_file_that_is_not_a_workbook_raises(tmp_path, content):
    path = tmp_path / "book.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError, match="not an xlsx workbook"):
        read_workbook(path)


def test_a_missing_file_raises(tmp_path):
    with pytest.raises(InputError, match="no such workbook"):
        read_workbook(tmp_path / "nope.xlsx")


def test_xml_entities_are_refused(demo_path, tmp_path):
    """A billion-laughs style DTD in a sheet is refused (defusedxml), not expanded."""
    bomb = with_part_changed(demo_path, tmp_path / "bomb.xlsx", "xl/worksheets/sheet3.xml",
                             lambda data: data.replace(
                                 b"<worksheet", b'<!DOCTYPE w [<!ENTITY a "aaaa">'
                                 b'<!ENTITY b "&a;&a;&a;&a;">]><worksheet', 1))
    with pytest.raises(InputError, match="refused for safety: it contains XML entity declarations"):
        read_workbook(bomb)


@pytest.mark.parametrize(("part", "change", "message"), [
    ("xl/tables/table1.xml", lambda d: d.replace(b'ref="E7:G11"', b'ref="E7:G"', 1),
     'the Excel table tblScoringTables covers "E7:G", not a block of cells'),
    ("xl/tables/table1.xml", lambda d: d.replace(b'ref="E7:G11"', b'ref="E7:G9999999"', 1),
     'covers "E7:G9999999", not a block of cells'),
    ("xl/workbook.xml", lambda d: d.replace(b"<workbook", b'<!DOCTYPE w [<!ENTITY a "a">]>'
                                             b"<workbook", 1), "refused for safety"),
    ("xl/tables/table2.xml", lambda d: d.replace(b"<table", b'<!DOCTYPE t [<!ENTITY a "a">]>'
                                                  b"<table", 1), "refused for safety"),
])
def test_a_hostile_workbook_or_table_part_is_refused_as_input(demo_path, tmp_path, part,
                                                              change, message):
    """Parts xlperf parses itself (the workbook and its tables) are refused with a message,
    as openpyxl's are: an entity declaration, a range that is no block of worksheet cells."""
    hostile = with_part_changed(demo_path, tmp_path / "hostile.xlsx", part, change)
    with pytest.raises(InputError, match=re.escape(message)):
        read_workbook(hostile)


ENTITY = b'<!DOCTYPE x [<!ENTITY a "a">]>'
XXE = b'<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("part", ["xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml",
                                  "xl/styles.xml", "docProps/core.xml", "[Content_Types].xml",
                                  "xl/workbook.xml", "xl/tables/table2.xml"])
@pytest.mark.parametrize("declared", [ENTITY, XXE])
def test_xml_entity_declarations_anywhere_are_refused_for_safety_and_said_so(
        demo_path, tmp_path, part, declared):
    """A DTD declaring entities (billion laughs, or a SYSTEM entity reading a file) in any part
    openpyxl or xlperf parses: defusedxml refuses it, and the message says why, not "cannot
    be read as an xlsx workbook (Unable to read workbook: … invalid XML …)"."""
    def change(data: bytes) -> bytes:
        start = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
        return data[:start] + declared + data[start:]

    hostile = with_part_changed(demo_path, tmp_path / "hostile.xlsx", part, change)
    with pytest.raises(InputError) as raised:
        read_workbook(hostile)
    assert str(raised.value).startswith(
        f"{hostile} was refused for safety: it contains XML entity declarations (<!DOCTYPE")
    assert "\n" not in str(raised.value)


def test_a_folder_or_a_pipe_is_said_to_be_no_workbook(tmp_path):
    import os

    folder = tmp_path / "book.xlsx"
    folder.mkdir()
    with pytest.raises(InputError, match=re.escape(f"{folder} is a folder, not a workbook")):
        read_workbook(folder)
    pipe = tmp_path / "pipe.xlsx"
    os.mkfifo(pipe)
    with pytest.raises(InputError, match=re.escape(f"{pipe} is not a regular file (a pipe")):
        read_workbook(pipe)  # without opening it: a pipe nobody writes to would block
    with pytest.raises(InputError, match="no such workbook file"):
        read_workbook(tmp_path / "missing.xlsx")


@pytest.mark.parametrize(("part", "size"), [
    ("xl/sharedStrings.xml", 65 * 2**20),  # millions of strings, each an object in memory
    ("xl/worksheets/sheet4.xml", 20 * 2**20),  # a sheet packed 1,000 to 1: a zip bomb
])
def test_parts_that_would_unpack_to_too_much_are_refused(demo_path, tmp_path, part, size):
    def padded(data: bytes) -> bytes:
        return data + b" " * size

    bomb = with_part_changed(demo_path, tmp_path / "bomb.xlsx", part, padded) if part != (
        "xl/sharedStrings.xml") else _with_part_added(demo_path, tmp_path / "bomb.xlsx", part,
                                                      b"<sst>" + b"<si><t>a</t></si>" * (
                                                          size // 17) + b"</sst>")
    with pytest.raises(InputError, match="is it really an appraisal workbook"):
        read_workbook(bomb)


def _with_part_added(source, target, part, data):
    import shutil

    shutil.copy(source, target)
    with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(part, data)
    return target


def test_a_sheet_claiming_rows_beyond_excels_last_is_read_up_to_it(demo_path, tmp_path):
    """Executives declares 10^12 rows and has one there: the reader stops at Excel's last
    row (1,048,576) instead of making up a trillion empty rows; the demo reads as ever."""
    far = b"1000000000000"

    def claim(data: bytes) -> bytes:
        data = data.replace(b'<dimension ref="A1:L16" />', b'<dimension ref="A1:L' + far +
                            b'" />', 1)
        return data.replace(b"</sheetData>", b'<row r="' + far + b'"><c r="A' + far +
                            b'" t="inlineStr"><is><t>E999</t></is></c></row></sheetData>', 1)

    data = read_workbook(with_part_changed(demo_path, tmp_path / "far.xlsx",
                                           "xl/worksheets/sheet3.xml", claim))
    assert data.problems == () and len(data.inputs) == 12


@pytest.mark.parametrize("part", ["xl/styles.xml", "docProps/core.xml", "[Content_Types].xml"])
def test_a_damaged_part_openpyxl_parses_is_an_input_error(demo_path, tmp_path, part):
    """XML cut off in the styles, the document properties or the content types: one error
    naming the file (it was a ParseError traceback)."""
    damaged = with_part_changed(demo_path, tmp_path / "damaged.xlsx", part, lambda d: d[:40])
    with pytest.raises(InputError, match="cannot be read as an xlsx workbook"):
        read_workbook(damaged)


def with_cell_xml(source, target, cell: str, xml: bytes, part="xl/worksheets/sheet3.xml"):
    """A copy of ``source`` with the XML of ``cell`` (of Executives, by default) replaced by
    ``xml``, as no spreadsheet application would write it."""
    def change(data: bytes) -> bytes:
        found = re.search(rb'<c r="' + cell.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', data, re.S)
        assert found, cell
        return data[:found.start()] + xml + data[found.end():]

    return with_part_changed(source, target, part, change)


@pytest.mark.parametrize(("xml", "said"), [
    (b'<c r="F5" t="n"><v>NaN</v></c>', 'Executives!F5 holds "NaN" stored as a number'),
    (b'<c r="F5" t="n"><v>INF</v></c>', 'Executives!F5 holds "INF" stored as a number'),
    (b'<c r="F5" t="n"><v>abc</v></c>', 'Executives!F5 holds "abc" stored as a number'),
    (b'<c r="F5" t="d"><v>notadate</v></c>', 'Executives!F5 holds "notadate" stored as a date'),
    (b'<c r="F5" t="s"><v>99999</v></c>',
     "Executives!F5 refers to shared string number 99999, which the file does not have"),
    (b'<c r="ZZZZZ1" t="n"><v>1</v></c>',
     'sheet Executives has a cell whose reference "ZZZZZ1" is no cell of a worksheet'),
])
def test_a_cell_openpyxl_cannot_load_is_the_damaged_file_said_at_that_cell(demo_path, tmp_path,
                                                                          xml, said):
    """A value its cell's type cannot hold, a shared string the file lacks, a reference that
    is no cell: openpyxl raises ValueError or IndexError while streaming the sheet (it was a
    traceback); now one error naming the file, the cell and what to do."""
    book = with_cell_xml(demo_path, tmp_path / "crafted.xlsx", "F5", xml)
    with pytest.raises(InputError) as raised:
        read_workbook(book)
    assert str(raised.value) == (f"{book}: the file is damaged: {said}; open it in Excel, let "
                                 "Excel repair it and save it")


def test_a_damaged_sheet_not_the_first_read_is_said_by_its_name(demo_path, tmp_path):
    """Indicators (sheet4) with a NaN weight: the sheet and cell are said, not Executives."""
    book = with_cell_xml(demo_path, tmp_path / "crafted.xlsx", "F7",
                         b'<c r="F7" t="n"><v>NaN</v></c>', "xl/worksheets/sheet4.xml")
    with pytest.raises(InputError, match='damaged: Indicators!F7 holds "NaN" stored as a '):
        read_workbook(book)


def test_a_scoring_table_value_no_excel_cell_can_hold_is_an_error_at_its_cell(demo_path,
                                                                              tmp_path):
    """1E999 (infinity as read) in a scoring table: an error at its cell, so it never
    reaches the manifest (where it would make the JSON invalid)."""
    book = with_part_changed(demo_path, tmp_path / "inf.xlsx", "xl/worksheets/sheet2.xml",
                             lambda d: d.replace(b'<c r="G8" s="7" t="n"><v>40</v>',
                                                 b'<c r="G8" s="7" t="n"><v>1E999</v>', 1))
    errors = [str(p) for p in read_workbook(book).errors]
    assert "Config!G8: scoring table CollectionCurve holds inf, not a number" in errors


def test_an_id_too_long_for_a_file_name_is_an_error_at_its_cell(edited):
    """61 characters of 4 bytes each pass the 64-character limit but would name a file of
    258 bytes: the id's cell says so, and the others are reported."""
    data = read_workbook(edited({(L.EXECUTIVES, "A10"): "\U00020000" * 61}))
    assert [(p.sheet, p.cell) for p in data.errors][:1] == [(L.EXECUTIVES, "A10")]
    assert "too long to name its report files (244 bytes in UTF-8, at most 200)" in (
        data.errors[0].message)
    assert len(data.inputs) == 11


def test_cell_text_is_never_evaluated(edited):
    data = read_workbook(edited({(L.EXECUTIVES, "F5"): "__import__('os').getcwd()",
                                 (L.INDICATORS, "F5"): "=1+1"}))
    messages = {f"{p.sheet}!{p.cell}": p.message for p in data.errors}
    assert messages["Executives!F5"].startswith('bonus standard is "__import__')
    assert "E001" not in [i.executive.id for i in data.inputs]


def test_a_row_below_its_table_is_an_error_of_its_executive(demo_path, edited):
    last = rows_of(demo_path, L.DUTY, "E012")[-1]
    data = read_workbook(edited({(L.DUTY, f"A{last + 2}"): "E001",
                                 (L.DUTY, f"B{last + 2}"): 10}))
    assert [(str(p), p.executive) for p in data.errors] == [(
        f"DutyReport!A{last + 2}: row {last + 2} is below the table tblDutyReport (it ends at "
        f"row {last}): neither the formulas nor xlperf see it; extend the table to take it in "
        "(Table Design › Resize Table)", "E001")]
    # E001 is left out (a panel score of theirs would be lost without a word), not the others
    assert [i.executive.id for i in data.inputs] == [f"E{n:03}" for n in range(2, 13)]


def test_an_executive_below_the_executives_table_is_listed_not_lost(demo_path, edited):
    last = rows_of(demo_path, L.EXECUTIVES, "E012")[-1]
    data = read_workbook(edited({(L.EXECUTIVES, f"A{last + 1}"): "E013",
                                 (L.EXECUTIVES, f"B{last + 1}"): "新人"}))
    first, *others = data.errors
    assert (first.sheet, first.cell, first.executive) == (L.EXECUTIVES, f"A{last + 1}", "E013")
    assert "below the table tblExecutives" in first.message
    assert data.names["E013"] == "新人" and len(data.inputs) == 12
    # with no rows elsewhere, what they lack is said too (once the table takes them in)
    assert all(p.executive == "E013" for p in others)


@pytest.mark.parametrize("bad_id", ["HR/E002", "../../escaped", "E 002", "-E002", "E" * 300])
def test_an_id_that_cannot_name_a_file_is_an_error_at_its_cell(demo_path, edited, bad_id):
    data = read_workbook(edited({(L.EXECUTIVES, "A6"): bad_id}))
    located = [(p.sheet, p.cell) for p in data.errors if "it names the report files" in
               p.message]
    assert located == [(L.EXECUTIVES, "A6")]
    assert "E002" not in {i.executive.id for i in data.inputs} and len(data.inputs) == 11
    # the follow-on errors (no rows with that ID elsewhere) cut a long ID as the first does
    assert not [p.message for p in data.errors if "E" * 41 in p.message]


def test_a_blank_part_is_an_error_not_a_row_counted_nowhere(demo_path, edited):
    row = rows_of(demo_path, L.INDICATORS, "E001")[0]
    data = read_workbook(edited({(L.INDICATORS, f"B{row}"): None}))
    assert [str(p) for p in data.errors] == [
        f"Indicators!B{row}: part is empty, expected business or individual"]


def test_an_unknown_scoring_table_is_reported_at_its_cell(demo_path, edited):
    row = rows_of(demo_path, L.INDICATORS, "E003")[2]  # the curve line
    data = read_workbook(edited({(L.INDICATORS, f"L{row}"): "NoSuchCurve"}))
    assert [str(p) for p in data.errors] == [
        f'Indicators!L{row}: scoring table "NoSuchCurve" is not on the Config sheet '
        "(tblScoringTables)"]


def test_veto_must_be_a_boolean_or_a_yes_or_no(demo_path, edited):
    # "yes" (or 是) is read as TRUE, with a warning: the formulas' veto count misses it
    row = rows_of(demo_path, L.INDICATORS, "E004")[4]
    data = read_workbook(edited({(L.INDICATORS, f"M{row}"): "yes"}))
    assert data.errors == ()
    assert [(p.sheet, p.cell, p.executive) for p in data.warnings] == [
        (L.INDICATORS, f"M{row}", "E004")]
    data = read_workbook(edited({(L.INDICATORS, f"M{row}"): "maybe"}))
    assert [(p.sheet, p.cell, p.executive) for p in data.errors] == [
        (L.INDICATORS, f"M{row}", "E004")]


def test_history_years_must_run_oldest_first(demo_path, edited):
    rows = rows_of(demo_path, L.HISTORY, "E006")
    data = read_workbook(edited({(L.HISTORY, f"B{rows[1]}"): 2022}))
    assert [(p.cell, p.executive) for p in data.errors] == [(f"B{rows[1]}", "E006")]


def test_cell_for_locates_core_fields():
    assert L.cell_for(L.INDICATORS, 12, "weight") == "F12"
    assert L.cell_for(L.INDICATORS, 12, "actual") == "H12"
    assert L.cell_for(L.EXECUTIVES, 7, "months_served") == "G7"
    assert L.cell_for(L.EXECUTIVES, 7, "months") == "G7"
    assert L.cell_for(L.RATINGS, 9, "group") == "B9"
    assert L.cell_for(L.OKR, 9, "key_results") == "B9"
    assert L.cell_for(L.RESULTS, 5, "annual_score") == "H5"
    assert L.cell_for(L.INDICATORS, 12, "per_incident") is None
    assert L.cell_for("Nowhere", 12, "weight") is None
    assert L.cell_for(L.INDICATORS, 3, "weight") is None


def test_openpyxl_parses_workbooks_with_defusedxml():
    """openpyxl guards against XML bombs only when defusedxml is installed (a dependency)."""
    assert openpyxl.DEFUSEDXML is True


def test_an_executive_without_rows_is_reported_at_its_id_cell(edited):
    """E001 renamed on Executives (found by tests/workbook/test_fuzz.py): E001's rows name an
    unknown executive, and the renamed one's missing parts point at its ID, A5."""
    data = read_workbook(edited({(L.EXECUTIVES, "A5"): "E100"}))
    assert [str(p) for p in data.errors if p.executive == "E100"] == [
        "Executives!A5: no business indicators: the business part needs at least one (no "
        "Indicators rows with the ID E100)",
        "Executives!A5: no duty-report panel scores given (no DutyReport rows with the ID E100)",
        "Executives!A5: no 360 rater group has 3 or more raters (no Ratings360 rows with the "
        "ID E100)"]
    assert {s.appraisal.executive.id for s in data.statements} == set(ALL_IDS[1:])


def test_a_bad_row_hides_no_error_of_the_sheets_it_cannot_upset(demo_path, edited):
    """E003: a bad 360 rating and business weights adding to 95% on Indicators, which the
    rating cannot upset: both said at once. E004: a bad OKR score, which upsets the
    individual part (its OKR line): that row's error only."""
    ratings = rows_of(demo_path, L.RATINGS, "E003")
    indicators = rows_of(demo_path, L.INDICATORS, "E003")
    data = read_workbook(edited({
        (L.RATINGS, f"C{ratings[0]}"): 120,
        (L.INDICATORS, f"F{indicators[0]}"): 0.25,  # 30% → 25%: the business part adds to 95%
        (L.OKR, f"G{rows_of(demo_path, L.OKR, 'E004')[0]}"): 1.5,
    }))
    found = {(p.sheet, p.cell.split(":")[0], p.executive): p.message for p in data.errors}
    assert (L.RATINGS, f"C{ratings[0]}", "E003") in found  # the bad row itself
    assert "add to 95%" in found[(L.INDICATORS, f"F{indicators[0]}", "E003")]
    # E004: the OKR row's error only, not the empty OKR line its absence makes on Indicators
    assert [k for k in found if k[2] == "E004"] == [
        (L.OKR, f"G{rows_of(demo_path, L.OKR, 'E004')[0]}", "E004")]
    assert "E003" not in [i.executive.id for i in data.inputs]


def test_config_tables_in_percent_cells_are_read_as_the_formulas_read_them(edited):
    # GradeTable S 95% … and the default curve's and bands' achievements typed in % cells
    # (0.95, 0.8 …): XP_GRADE and XP_SCORE read them as 95, 80 …; the batch did not (0.95:
    # every executive S). Read alike, the appraisals are the demo's.
    cells = {(L.CONFIG, f"B{r}"): b for r, b in zip(range(8, 13), (0.95, 0.85, 0.75, 0.6, 0),
                                                    strict=True)}
    cells |= {(L.CONFIG, f"A{r}"): x for r, x in ((59, 0.8), (60, 1), (61, 1.2), (66, 0.8),
                                                  (67, 0.9), (68, 1))}
    data = read_workbook(edited(cells))
    assert data.errors == ()
    assert (data.policy.grades, data.policy.scoring) == (DEMO_POLICY.grades,
                                                         DEMO_POLICY.scoring)
    assert [s.appraisal.grade for s in data.statements] == [
        appraise(item).grade for item in demo_inputs()]


def test_a_cap_typed_as_percent_text_is_points_as_in_xp_score(edited):
    # "120%" as text on an Indicators row is a cap of 120 points (as a score "95%" is 95),
    # not 1.2: the batch reads it as XP_SCORE does in the row's formula
    data = read_workbook(edited({(L.INDICATORS, L.cell_for(L.INDICATORS, 5, "cap")): "110%"}))
    assert not data.errors
    e001 = next(s for s in data.statements if s.appraisal.executive.id == "E001")
    assert e001.appraisal.indicators[0].indicator.params.cap == 110


def test_a_long_term_achievement_above_1000_percent_is_an_error_at_its_cell(edited):
    # 52,000 typed where E001's 112 belongs would pay the extra's cap (50% of the
    # standard); it is refused as XP_EXTRA refuses it
    data = read_workbook(edited({(L.EXECUTIVES, "I5"): 52000}))
    assert [str(p) for p in data.errors] == [
        "Executives!I5: long-term achievement % is 52000, not an achievement % (at most "
        "1000%): give actual ÷ target, 125 or 125%"]


def test_a_rating_or_panel_score_typed_as_percent_text_is_points(edited):
    # "95%" typed as text on Ratings360 and DutyReport is 95 points (as XP_360 and XP_DUTY
    # read it), not 0.95: the appraisals are those of the number 95
    cells = (L.RATINGS, L.cell_for(L.RATINGS, 5, "score")), (L.DUTY, L.cell_for(L.DUTY, 5, "score"))
    as_text = read_workbook(edited(dict.fromkeys(cells, "95%")))
    as_number = read_workbook(edited(dict.fromkeys(cells, 95)))
    assert not as_text.errors
    assert [s.appraisal.annual_score for s in as_text.statements] == [
        s.appraisal.annual_score for s in as_number.statements]


def test_names_and_labels_over_their_limits_are_errors_at_their_cells(edited):
    """A name, department or title over 200 characters, an indicator name over 500: each an
    error at its cell (the executive left out); the other executives are read."""
    data = read_workbook(edited({(L.EXECUTIVES, "B5"): "王" * 201,
                                 (L.EXECUTIVES, "D6"): "d" * 300,
                                 (L.EXECUTIVES, "E6"): "t" * 200,  # at the limit: read
                                 (L.INDICATORS, "D20"): "x" * 501}))
    errors = {str(p) for p in data.errors}
    assert errors >= {"Executives!B5: name is 201 characters long, expected at most 200",
                      "Executives!D6: department is 300 characters long, expected at most 200",
                      "Indicators!D20: indicator name is 501 characters long, expected at "
                      "most 500"}
    left_out = {p.executive for p in data.errors}
    assert {"E001", "E002"} <= left_out
    assert len(data.statements) == 12 - len(left_out)
    assert data.names["E001"] == "王" * 200 + "…"  # said shortly in the summary


def test_a_company_name_over_the_limit_appraises_nobody(edited):
    data = read_workbook(edited({(L.EXECUTIVES, L.COMPANY_CELL): "公司" * 101}))
    assert [str(p) for p in data.errors] == [
        "Executives!B2: company name is 202 characters long, expected at most 200"]
    assert data.statements == () and data.blocked


def inline_text(text: str) -> Callable[[str], bytes]:
    """The XML of a cell holding ``text`` as an inline string."""
    return lambda cell: (f'<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>').encode()


def test_text_longer_than_an_excel_cell_is_refused_at_its_cell_quoted_shortly(demo_path,
                                                                              tmp_path):
    """120,000 characters (no spreadsheet writes more than 32,767 into a cell; a crafted file
    can): a name is said as the limit's error; a Method cell, whose value is not text to
    keep, is quoted by its start and length, so no message carries the text itself."""
    book = with_cell_xml(demo_path, tmp_path / "long.xlsx", "B5",
                         inline_text("王" * 120_000)("B5"))
    book = with_cell_xml(book, tmp_path / "long2.xlsx", "I8",
                         inline_text("ratio" * 8_000)("I8"), "xl/worksheets/sheet4.xml")
    data = read_workbook(book)
    by_cell = {f"{p.sheet}!{p.cell}": p.message for p in data.errors}
    assert by_cell["Executives!B5"] == "name is 120,000 characters long, expected at most 200"
    assert by_cell["Indicators!I8"].startswith('method is "ratioratio')
    assert '…" (40,000 characters)' in by_cell["Indicators!I8"]
    assert max(len(p.message) for p in data.problems) < 400


def test_config_text_longer_than_an_excel_cell_is_an_error_at_its_cell(demo_path, tmp_path):
    book = with_cell_xml(demo_path, tmp_path / "long.xlsx", "A8",
                         inline_text("S" * 40_000)("A8"), "xl/worksheets/sheet2.xml")
    data = read_workbook(book)
    assert ("Config!A8: text is 40,000 characters long, expected at most 32,767 (what a cell "
            "of Excel's holds)") in {str(p) for p in data.errors}
    assert data.statements == ()


@pytest.mark.parametrize("at", [0.05, 0.6])
def test_a_sheet_whose_compressed_bytes_are_garbled_is_the_damaged_file(demo_path, tmp_path, at):
    """Bytes flipped inside a sheet's deflated data (a bad disk, a cut download): zlib fails
    as openpyxl opens the book (it unpacks each sheet's start) or streams the rows; one error
    naming the file, never a zlib.error traceback (found opening such a file from the CLI)."""
    book = garbled(demo_path, tmp_path / "garbled.xlsx", "xl/worksheets/sheet3.xml", at)
    with pytest.raises(InputError, match=f"^{re.escape(str(book))}: the file is damaged: ") \
            as raised:
        read_workbook(book)
    assert "open it in Excel, let Excel repair it and save it" in str(raised.value)


def test_an_id_typed_in_another_case_on_a_long_sheet_is_the_executives(demo_path, edited):
    """e001 on Indicators and DutyReport is E001's row, as the workbook's formulas (FILTER,
    SUMIFS: blind to case) count it: the same appraisal, no error."""
    changes = {(sheet, f"A{row}"): "e001" for sheet in (L.INDICATORS, L.DUTY)
               for row in rows_of(demo_path, sheet, "E001")}
    data, demo = read_workbook(edited(changes)), read_workbook(demo_path)
    assert data.errors == demo.errors
    assert data.inputs == demo.inputs
