"""Amounts beyond 10^15 (Excel's 15 digits) in a real workbook: the bonus, the payout, the
advances and a long-term incentive grant's quantity × price are each said at the cell to
change, saying how the amount came — never an exception, never a number no cell holds."""

from __future__ import annotations

import pytest

from xlperf.workbook import layout as L
from xlperf.workbook import read_workbook

TOO_LARGE = "is more than 10^15, too large an amount"


def _errors(path) -> list[tuple[str, str | None]]:
    return [(str(p), p.executive) for p in read_workbook(path).errors]


def test_a_bonus_too_large_is_said_at_the_standard(edited):
    """E001 is graded S (1.5): a standard of 8 × 10^14 pays 1.2 × 10^15."""
    assert _errors(edited({(L.EXECUTIVES, "F5"): 8e14})) == [
        ("Executives!F5: bonus (coefficient 1.5 × standard 800,000,000,000,000 × 12/12 "
         f"months) {TOO_LARGE}", "E001")]


def test_a_payout_too_large_names_its_bonus_and_extra(edited):
    """E001 beat the long-term target by 12%: 1.5 × 6.5e14 + 12% of it passes 10^15."""
    assert _errors(edited({(L.EXECUTIVES, "F5"): 6.5e14})) == [
        ("Executives!F5: payout (bonus 975,000,000,000,000 + extra 78,000,000,000,000) "
         f"{TOO_LARGE}", "E001")]


def test_advances_that_add_up_too_large_are_said_at_the_first_advance(edited):
    q1, q2 = (L.cell_for(L.EXECUTIVES, 6, f) for f in L.ADVANCE_FIELDS[:2])
    assert _errors(edited({(L.EXECUTIVES, q1): 6e14, (L.EXECUTIVES, q2): 5e14})) == [
        (f"Executives!{q1}: advances paid (600,000,000,000,000 + 500,000,000,000,000 + 75,000) "
         f"{TOO_LARGE}", "E002")]


# the demo's Grants rows: 5 E001 RS-2023 (grant price 8, grant-date price 16), 6 E001
# OPT-2024 (exercise and grant-date price 18), 11 E003 PU-2024 (unit value 1), 13 E005
# OPT-2024, 15 E009 PH-2024 (base price 18)
@pytest.mark.parametrize(("row", "changes", "named", "executive"), [
    (5, {}, "quantity 100,000,000,000,000 × grant-date price 16", "E001"),
    (6, {}, "quantity 100,000,000,000,000 × exercise price 18", "E001"),
    (6, {"H": 25}, "quantity 100,000,000,000,000 × grant-date price 25", "E001"),
    (11, {"M": 20}, "quantity 100,000,000,000,000 × unit value 20", "E003"),
    (15, {}, "quantity 100,000,000,000,000 × base price 18", "E009"),
])
def test_a_grant_worth_more_than_ten_to_the_fifteen_is_said_at_its_quantity(
        edited, row, changes, named, executive):
    cells = {(L.GRANTS, f"E{row}"): 1e14} | {(L.GRANTS, f"{c}{row}"): v
                                             for c, v in changes.items()}
    assert L.cell_for(L.GRANTS, row, "quantity") == f"E{row}"
    errors = _errors(edited(cells))
    assert (f"Grants!E{row}: grant value ({named}) {TOO_LARGE}", executive) in errors
    # the rest is the plans' share count (the CSRC check), not an exception
    assert all(e == executive or m.startswith("Plans!") for m, e in errors)


def test_an_option_grant_whose_fair_value_would_pass_the_limit_is_refused_at_its_quantity(
        edited):
    """An option is worth less than its share (Black-Scholes), so quantity × grant-date
    price bounds the fair value: refused there, before any value could be silly."""
    errors = _errors(edited({(L.GRANTS, "E13"): 2, (L.GRANTS, "H13"): 1e15}))
    assert errors == [("Grants!E13: grant value (quantity 2 × grant-date price "
                       f"1,000,000,000,000,000) {TOO_LARGE}", "E005")]


def test_grants_whose_income_together_passes_ten_to_the_fifteen_are_named_together(edited):
    """E001's restricted stock (6 × 10^13 shares at a grant price of 0) and performance
    shares (3 × 10^13): each grant's events are within 10^15, the year's taxable income
    is not — said at the executive's Grants rows, naming its parts."""
    errors = _errors(edited({(L.GRANTS, "E5"): 6e13, (L.GRANTS, "G5"): 0,
                             (L.GRANTS, "E7"): 3e13}))
    assert ("Grants!A5:A7: taxable income of the year (one-time bonus 537,300 + equity income "
            f"1,348,200,000,800,000 + dividends 18,900,000,000,000) {TOO_LARGE}",
            "E001") in errors
