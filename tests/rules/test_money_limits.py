"""Extreme numbers are input errors or plain text, never a crash (found by the XP_ fuzz test)."""

import pytest

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.bonus import CoefficientTable
from xlperf.rules.composite import weighted_score
from xlperf.rules.money import money, round_half_up


def test_too_large_to_round_is_an_input_error():
    # 1e24 with 4 decimals needs 29 digits, one more than Decimal's default context
    with pytest.raises(InputError, match="1e\\+24 is too large a number"):
        round_half_up(1e24, 4)
    with pytest.raises(InputError, match="weight 1 is 1e\\+24, expected a percentage up to "
                                         "100%"):
        weighted_score([80.0], [1e24])  # said where it enters, before any rounding
    assert money(1e20) == money("100000000000000000000")  # large but still in range


def test_infinite_and_nan_as_text():
    assert inputs.text(float("inf"), "grade") == "inf"
    assert inputs.text(3.0, "grade") == "3"
    with pytest.raises(InputError, match='grade is "nan", the coefficient table has'):
        CoefficientTable().step_for(float("nan"))


def test_an_amount_beyond_excels_fifteen_digits_is_refused_where_it_enters():
    assert inputs.amount(10**15, "bonus standard") == 10**15
    with pytest.raises(InputError, match="bonus standard is 1.5e\\+300, expected an amount "
                                         "of at most 1,000,000,000,000,000"):
        inputs.amount(1.5e300, "bonus standard")


def test_months_served_says_what_it_expects():
    for typed in ("十二", 13, -1):
        with pytest.raises(InputError, match="expected a number of months from 0 to 12"):
            inputs.months_served(typed)
