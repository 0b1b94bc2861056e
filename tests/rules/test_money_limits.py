"""Extreme numbers are input errors or plain text, never a crash (found by the XP_ fuzz test)."""

import datetime as dt
from decimal import Decimal

import pytest

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.bonus import (
    BonusRules,
    CoefficientTable,
    bonus_amount,
    payout,
    quarterly_advance,
    settlement,
)
from xlperf.rules.china.legal import as_date as legal_date
from xlperf.rules.china.tax import option_exercise_income, restricted_stock_income
from xlperf.rules.composite import weighted_score
from xlperf.rules.incentives import (
    AppreciationRightGrant,
    PerformanceShareGrant,
    PerformanceUnitGrant,
    PhantomStockGrant,
    RestrictedStockGrant,
    StockOptionGrant,
    Valuation,
    as_schedule,
    black_scholes,
    intrinsic_value,
    phantom_value,
    sar_gain,
    total_value,
    unit_payout,
    unlock_value,
)
from xlperf.rules.incentives.dates import as_date
from xlperf.rules.incentives.options import tranche_fair_value
from xlperf.rules.money import money, money_result, round_half_up


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
    with pytest.raises(InputError, match="grade is nan, the coefficient table has"):
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


# --- computed amounts and numbers beyond what a cell holds ------------------------------------

def test_a_computed_amount_beyond_ten_to_the_fifteen_is_refused_either_way():
    assert money_result(Decimal("1000000000000000"), "total value") == Decimal("1E+15")
    assert money_result(Decimal("-12.345"), "unlock value") == Decimal("-12.35")
    with pytest.raises(InputError, match=r"^total value is more than 10\^15, too large an "
                                         r"amount$") as caught:
        money_result(Decimal("1000000000000000.01"), "total value", field="quantity")
    assert caught.value.field == "quantity"
    with pytest.raises(InputError, match=r"^unlock value is less than -10\^15, too large an "
                                         r"amount$"):
        money_result(Decimal("-1E+20"), "unlock value")


@pytest.mark.parametrize(("check", "message"), [
    (lambda: sar_gain(1e15, 0, 2), r"SAR cash is more than 10\^15"),
    (lambda: unlock_value(1e15, 0, 2), r"unlock value is more than 10\^15"),
    (lambda: unlock_value(0, 1e15, 2), r"unlock value is less than -10\^15"),
    (lambda: phantom_value(2, 1e15), r"phantom stock cash is more than 10\^15"),
    (lambda: unit_payout(2, 1e15, 100), r"performance unit cash is more than 10\^15"),
    (lambda: total_value(1e15, 2), r"total value is more than 10\^15"),
    (lambda: option_exercise_income(1e15, 0, 2), r"taxable income is more than 10\^15"),
    (lambda: restricted_stock_income(1e15, 1e15, 2, 0, 2), r"taxable income is more than "
                                                            r"10\^15"),
])
def test_incentive_amounts_too_large_say_so(check, message):
    with pytest.raises(InputError, match=rf"^{message}, too large an amount$"):
        check()


def test_a_tranche_far_below_water_has_no_taxable_income_not_an_error():
    # (0 − 10^15) × 10^15 is far below −10^15, but taxable income is never below 0
    assert option_exercise_income(0, 1e15, 1e15) == 0
    assert restricted_stock_income(0, 0, 10**15, 1e15, 10**15) == 0


@pytest.mark.parametrize("typed", ["1e400", 1e300, 10**400])
def test_a_price_beyond_ten_to_the_fifteen_is_said_as_a_price(typed):
    limit = "expected an amount of at most 1,000,000,000,000,000"
    for check in (lambda: intrinsic_value(typed, 10), lambda: sar_gain(typed, 10, 1),
                  lambda: unlock_value(typed, 10, 1), lambda: phantom_value(1, typed)):
        with pytest.raises(InputError, match=f"^share price is .+, {limit}$"):
            check()
    with pytest.raises(InputError, match=f"^spot price is .+, {limit}$"):
        black_scholes(typed, 40, 0.5, 0.1, 0.2)
    with pytest.raises(InputError, match=f"^strike price is .+, {limit}$"):
        black_scholes(40, typed, 0.5, 0.1, 0.2)


def test_a_negative_price_says_which_price_and_what_is_expected():
    with pytest.raises(InputError, match=r'^strike price is "-5", expected zero or more$'):
        intrinsic_value(10, "-5")
    with pytest.raises(InputError, match="^exercise price is -1, expected zero or more$"):
        sar_gain(10, -1, 1)
    with pytest.raises(InputError, match="^dividends per unit is -1, expected zero or more$"):
        phantom_value(1, 10, None, -1)
    with pytest.raises(InputError, match="^grant price is -1, expected zero or more$"):
        unlock_value(10, -1, 1)
    with pytest.raises(InputError, match="^unit value is -3, expected zero or more$"):
        unit_payout(1, -3, 100)
    with pytest.raises(InputError, match='^spot price is "-1e400", expected zero or more$'):
        black_scholes("-1e400", 40, 0.5, 0.1, 0.2)


def test_a_number_no_float_holds_is_too_large_not_infinite():
    assert inputs.too_large("1e400") == Decimal("1E+400")
    assert inputs.too_large("-1e400") == Decimal("-1E+400")
    assert inputs.too_large(10**400) == 10**400
    for other in ("inf", "nan", 1e300, "1e300", "abc", True, None, float("inf")):
        assert inputs.too_large(other) is None
    with pytest.raises(InputError, match='^rate is "1e400", too large a number$'):
        inputs.number("1e400", "rate")
    with pytest.raises(InputError, match='^rate is "-1e400", too large a negative number$'):
        inputs.number("-1e400", "rate")
    with pytest.raises(InputError, match='^rate is "inf", expected a finite number$'):
        inputs.number("inf", "rate")


def test_a_count_no_float_holds_is_said_as_a_count():
    with pytest.raises(InputError, match='^quantity is "1e400", expected a whole number of '
                                         'at most 1,000,000,000,000,000$'):
        inputs.count("1e400", "quantity")
    with pytest.raises(InputError, match="^quantity is 1E\\+400, expected a whole number of "):
        inputs.count(10**400, "quantity")
    with pytest.raises(InputError, match='^quantity is "-1e400", expected zero or more$'):
        inputs.count("-1e400", "quantity")


def test_a_serial_no_float_holds_is_no_date():
    with pytest.raises(InputError, match="^grant date is 1E\\+400, expected a date \\(an Excel"):
        as_date(10**400, "grant date")
    with pytest.raises(InputError, match="^pay date is 1E\\+400, expected a date$"):
        legal_date(10**400, "pay date")


# --- the bonus, advances, payout and grants beyond 10^15: said with how they came -----------

BIG = 10**15
LIMIT = r"more than 10\^15, too large an amount$"


def test_a_bonus_beyond_ten_to_the_fifteen_says_how_it_came():
    with pytest.raises(InputError, match=r"^bonus \(coefficient 1\.5 × standard "
                                         r"1,000,000,000,000,000 × 12/12 months\) is " + LIMIT):
        bonus_amount(1.5, BIG)
    with pytest.raises(InputError, match=r"^bonus \(coefficient 10 × standard "
                                         r"1,000,000,000,000,000 × 7\.5/12 months\) is "):
        bonus_amount("1000%", BIG, 7.5)
    assert bonus_amount(1, BIG) == BIG  # the limit itself is an amount
    assert bonus_amount(1.5, BIG, 12, 350000) == Decimal("350000.00")  # the cap pays it


def test_an_advance_or_advances_beyond_ten_to_the_fifteen_say_so():
    with pytest.raises(InputError, match=r"^advance \(coefficient 10 × standard "
                                         r"1,000,000,000,000,000 × 3/12 months × advance "
                                         r"rate 50%\) is " + LIMIT):
        quarterly_advance(10, BIG)
    assert quarterly_advance(8, BIG, BonusRules(advance_rate=0.5)) == BIG  # 8 × 1/4 × 1/2
    with pytest.raises(InputError, match=r"^advances paid \(1,000,000,000,000,000 \+ "
                                         r"1,000,000,000,000,000\) is " + LIMIT) as caught:
        settlement(100, [BIG, None, BIG])
    assert caught.value.field == "advance"


def test_a_payout_beyond_ten_to_the_fifteen_names_its_bonus_and_extra():
    with pytest.raises(InputError, match=r"^payout \(bonus 975,000,000,000,000 \+ extra "
                                         r"78,000,000,000,000\) is " + LIMIT):
        payout(Decimal("975000000000000"), Decimal("78000000000000"), [])
    assert payout(Decimal(BIG), Decimal(0), [BIG]).due_now == 0


GRANTED = dt.date(2024, 4, 1)


@pytest.mark.parametrize(("make", "named"), [
    (lambda: StockOptionGrant(GRANTED, 10**14, 18), "exercise price 18"),
    (lambda: StockOptionGrant(GRANTED, 10**14, 1, grant_date_price=20), "grant-date price 20"),
    (lambda: AppreciationRightGrant(GRANTED, 10**14, 11), "exercise price 11"),
    (lambda: RestrictedStockGrant(GRANTED, 10**14, 8, grant_date_price=16),
     "grant-date price 16"),
    (lambda: RestrictedStockGrant(GRANTED, 3, "400000000000000.5"),
     "grant price 400,000,000,000,000.5"),
    (lambda: PhantomStockGrant(GRANTED, 10**14, base_price=20), "base price 20"),
    (lambda: PerformanceUnitGrant(GRANTED, 2 * 10**14, unit_value=6), "unit value 6"),
])
def test_a_grant_whose_quantity_times_a_price_passes_ten_to_the_fifteen_is_refused(make, named):
    with pytest.raises(InputError, match=rf"^grant value \(quantity [\d,]+ × {named}\) is "
                                         + LIMIT) as caught:
        make()
    assert caught.value.field == "quantity"  # the reader names the Quantity cell


def test_grants_at_the_limit_and_without_a_price_are_kept():
    StockOptionGrant(GRANTED, 10**14, 10, grant_date_price=10)  # 10^15 exactly
    PhantomStockGrant(GRANTED, 10**15)  # full value: its cash is checked when it is paid
    PerformanceShareGrant(GRANTED, 10**15, achievement=100)


def test_a_fair_value_beyond_ten_to_the_fifteen_is_refused():
    tranches = as_schedule("cliff 12").tranches_for(GRANTED, 2)
    valuation = Valuation(0.03, 0.3)
    with pytest.raises(InputError, match=r"^fair value \(quantity 2 × Black-Scholes value "
                                         r"[\d,.]+ per option\) is " + LIMIT) as caught:
        tranche_fair_value(BIG, 1, valuation, tranches, 10)
    assert caught.value.field == "quantity"
    assert tranche_fair_value(BIG / 2, 1, valuation, tranches, 10) <= BIG
    # a grant's fair value is below its quantity × grant-date price, refused first
    with pytest.raises(InputError, match=r"^grant value \(quantity 2 × grant-date price "):
        StockOptionGrant(GRANTED, 2, 1, grant_date_price=BIG)
