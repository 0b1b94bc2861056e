"""Amounts beyond 10^15 (Excel's 15 digits) in a real workbook: the bonus, the payout and the
advances are each said at the cell to change, saying how the amount came — never an
exception, never a number no cell holds."""

from __future__ import annotations

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
