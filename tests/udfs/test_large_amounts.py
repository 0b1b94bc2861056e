"""XP_BONUS, XP_ADVANCE and XP_SETTLE beyond 10^15 (Excel's 15 digits): a readable #XP! in the
cell saying how the amount came, never an exception nor a number no cell holds to the cent."""

import xlperf.udfs as xp
from xlperf.udfs.cells import MAX_MESSAGE

TOO_LARGE = "is more than 10^15, too large an amount"


def test_a_bonus_beyond_ten_to_the_fifteen_is_an_error_in_the_cell():
    assert xp.XP_BONUS(1.2, 1e15) == (
        "#XP! bonus (coefficient 1.2 × standard 1,000,000,000,000,000 × 12/12 months) "
        + TOO_LARGE)
    assert xp.XP_BONUS("150%", 8e14, 9) == (  # 1.5 × 8e14 × 9/12 = 9e14: an amount
        9e14)
    assert xp.XP_BONUS(1.5, 8e14, 11) == (
        "#XP! bonus (coefficient 1.5 × standard 800,000,000,000,000 × 11/12 months) "
        + TOO_LARGE)
    assert xp.XP_BONUS(1.2, 1e15, 12, 350000) == 350000  # the cap pays it
    assert xp.XP_BONUS(1, 1e15) == 1e15  # the limit itself


def test_a_column_keeps_its_other_rows():
    assert xp.XP_BONUS([[1.2], [1.0]], [[1e15], [300000]]) == [
        ["#XP! bonus (coefficient 1.2 × standard 1,000,000,000,000,000 × 12/12 months) "
         + TOO_LARGE], [300000]]


def test_an_advance_beyond_ten_to_the_fifteen_is_an_error_in_the_cell():
    assert xp.XP_ADVANCE(10, 1e15, 1) == (
        "#XP! advance (coefficient 10 × standard 1,000,000,000,000,000 × 3/12 months × "
        "advance rate 100%) " + TOO_LARGE)
    assert xp.XP_ADVANCE(8, 1e15, 0.5) == 1e15


def test_advances_that_add_up_beyond_ten_to_the_fifteen_are_an_error_in_the_cell():
    assert xp.XP_SETTLE(1e15, [[6e14, 5e14, None]]) == (
        "#XP! advances paid (600,000,000,000,000 + 500,000,000,000,000) " + TOO_LARGE)
    assert xp.XP_SETTLE(1e15, [[6e14, 4e14]]) == 0


def test_the_messages_fit_a_cell_whole():
    longest = xp.XP_ADVANCE(9.99, 999999999999999.9, 0.999)
    assert longest.startswith("#XP! advance (") and longest.endswith(TOO_LARGE)
    assert len(longest) < MAX_MESSAGE
