"""Money: half-up rounding on the shown number, exact splits, finance formatting."""

from decimal import Decimal

import pytest

from xlperf.errors import InputError
from xlperf.rules.money import format_amount, money, round_half_up, round_score, split_exact


@pytest.mark.parametrize(("value", "expected"), [
    (1000.005, "1000.01"), (2.675, "2.68"), (0.125, "0.13"), (-0.125, "-0.13"),
    ("1,234.565", "1234.57"), (Decimal("1.005"), "1.01"), (7, "7.00")])
def test_money_rounds_half_up(value, expected):
    assert money(value) == Decimal(expected)


def test_round_half_up_places_and_scores():
    assert round_half_up(94.995, 2) == Decimal("95.00")
    assert round_score(94.994999) == 94.99
    assert round_score(0.1 + 0.2) == 0.3


def test_split_exact_adds_up():
    # 100.00 in thirds: equal remainders, the cent left goes to the earliest part
    assert split_exact(Decimal("100"), [1, 1, 1]) == [Decimal("33.34"), Decimal("33.33"),
                                                      Decimal("33.33")]
    parts = split_exact(Decimal("1000.01"), [40, 30, 30])
    # 400.004, 300.003, 300.003 rounded down; the cent left goes to the largest remainder
    assert parts == [Decimal("400.01"), Decimal("300.00"), Decimal("300.00")]
    assert sum(parts) == Decimal("1000.01")
    assert split_exact(Decimal("-10"), [1, 2]) == [Decimal("-3.33"), Decimal("-6.67")]
    with pytest.raises(InputError):
        split_exact(Decimal("10"), [0, 0])


def test_format_amount():
    assert format_amount(Decimal("1234567.891")) == "¥1,234,567.89"
    assert format_amount(Decimal("-1234")) == "-¥1,234.00"


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "abc", None, "NaN"])
def test_bad_amounts(bad):
    with pytest.raises(InputError):
        money(bad)
