"""Individual income tax: the annual one-time bonus, equity-incentive income, net pay.

Known answers are derived by hand from the tables (domain.md §6 and the tax law's annual
table); each derivation is written next to its numbers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from xlperf.errors import InputError
from xlperf.rules.china import tax
from xlperf.rules.china.legal import as_date
from xlperf.rules.china.tax import EquityIncome

ON = "2025-06-30"  # a payment date under 财政部 税务总局公告2023年第30号 / 2023年第25号

# Bonus tax at and around EVERY bracket edge of the monthly table. A bonus edge is 12 × the
# monthly bracket's top; the rate is read at bonus / 12 and applies to the WHOLE bonus:
# tax = bonus × rate − quick deduction, half-up to the cent.
BONUS_KNOWN = [
    (0, "0.00"),                         # nothing to tax
    (1_000, "30.00"),                    # 1,000 × 3%
    # edge 36,000 (3,000 a month): 3% / 0 below and at it, 10% / 210 above
    ("35999.99", "1080.00"),             # 35,999.99 × 3% = 1,079.9997 → 1,080.00
    (36_000, "1080.00"),                 # 36,000 × 3% = 1,080
    ("36000.01", "3390.00"),             # 36,000.01 × 10% − 210 = 3,390.001 → 3,390.00
    (36_001, "3390.10"),                 # 36,001 × 10% − 210 = 3,390.10 (domain example)
    # edge 144,000 (12,000 a month): 10% / 210 → 20% / 1,410
    ("143999.99", "14190.00"),           # 14,399.999 − 210 = 14,189.999 → 14,190.00
    (144_000, "14190.00"),               # 14,400 − 210
    ("144000.01", "27390.00"),           # 28,800.002 − 1,410 = 27,390.002 → 27,390.00
    (144_001, "27390.20"),               # 28,800.20 − 1,410
    # edge 300,000 (25,000 a month): 20% / 1,410 → 25% / 2,660
    ("299999.99", "58590.00"),           # 59,999.998 − 1,410 = 58,589.998 → 58,590.00
    (300_000, "58590.00"),               # 60,000 − 1,410
    ("300000.01", "72340.00"),           # 75,000.0025 − 2,660 = 72,340.0025 → 72,340.00
    (300_001, "72340.25"),               # 75,000.25 − 2,660
    # edge 420,000 (35,000 a month): 25% / 2,660 → 30% / 4,410
    ("419999.99", "102340.00"),          # 104,999.9975 − 2,660 → 102,340.00
    (420_000, "102340.00"),              # 105,000 − 2,660
    ("420000.01", "121590.00"),          # 126,000.003 − 4,410 → 121,590.00
    (420_001, "121590.30"),              # 126,000.30 − 4,410
    # edge 660,000 (55,000 a month): 30% / 4,410 → 35% / 7,160
    ("659999.99", "193590.00"),          # 197,999.997 − 4,410 → 193,590.00
    (660_000, "193590.00"),              # 198,000 − 4,410
    ("660000.01", "223840.00"),          # 231,000.0035 − 7,160 → 223,840.00
    (660_001, "223840.35"),              # 231,000.35 − 7,160
    # edge 960,000 (80,000 a month): 35% / 7,160 → 45% / 15,160
    ("959999.99", "328840.00"),          # 335,999.9965 − 7,160 → 328,840.00
    (960_000, "328840.00"),              # 336,000 − 7,160
    ("960000.01", "416840.00"),          # 432,000.0045 − 15,160 → 416,840.00
    (960_001, "416840.45"),              # 432,000.45 − 15,160
    (1_000_000, "434840.00"),            # 450,000 − 15,160
]


@pytest.mark.parametrize(("bonus", "expected"), BONUS_KNOWN)
def test_bonus_tax_at_and_around_every_bracket_edge(bonus, expected):
    assert tax.bonus_tax(bonus, ON) == D(expected)
    assert tax.bonus_net(bonus, ON) == tax.bonus_tax_detail(bonus, ON).income - D(expected)


def test_bonus_tax_detail_names_rate_quick_deduction_and_source():
    detail = tax.bonus_tax_detail(36_001, ON)
    assert (detail.rate, detail.quick_deduction, detail.tax) == (D("0.1"), D(210), D("3390.10"))
    assert detail.net == D("32610.90")
    assert detail.source.document == "财政部 税务总局公告2023年第30号"
    assert str(detail.rule.period) == "2024-01-01 to 2027-12-31"


def test_excel_values_are_read_as_excel_shows_them():
    # a float from a cell, a text amount with separators, an Excel serial date (=DATE(2025,1,31))
    assert tax.bonus_tax(36001.0, 45688) == D("3390.10")
    assert tax.bonus_tax("36,001", dt.datetime(2025, 1, 31, 9, 30)) == D("3390.10")
    assert as_date(45688) == dt.date(2025, 1, 31)  # 2025-01-01 is serial 45658, + 30 days


@pytest.mark.parametrize(("on", "document"), [
    ("2019-01-01", "财税〔2018〕164号"),
    ("2021-12-31", "财税〔2018〕164号"),
    ("2022-01-01", "财政部 税务总局公告2021年第42号"),
    ("2023-12-31", "财政部 税务总局公告2021年第42号"),
    ("2024-01-01", "财政部 税务总局公告2023年第30号"),
    ("2027-12-31", "财政部 税务总局公告2023年第30号"),
])
def test_the_bonus_table_in_force_on_the_payment_date_is_used(on, document):
    assert tax.bonus_tax_detail(36_000, on).source.document == document


@pytest.mark.parametrize("on", ["2018-12-31", "2028-01-01"])
def test_a_date_outside_every_bonus_period_is_a_clear_error(on):
    with pytest.raises(InputError) as caught:
        tax.bonus_tax(36_000, on)
    message = str(caught.value)
    assert f"no annual one-time bonus (全年一次性奖金) tax table applies on {on}" in message
    # short and actionable for an analyst: the dates known, no source files to edit
    assert message.endswith(": xlperf knows 2019-01-01 to 2027-12-31; update xlperf when the "
                            "rules are extended")


@pytest.mark.parametrize(("bad", "words"), [
    (-1, "expected zero or more"),
    ("abc", 'is "abc", expected an amount'),
    (float("nan"), "expected a finite number"),
    (True, "expected a number"),
])
def test_bad_bonus_is_an_input_error(bad, words):
    with pytest.raises(InputError, match=words):
        tax.bonus_tax(bad, ON)


def test_bad_date_is_an_input_error():
    with pytest.raises(InputError, match='is "31/01/2025", expected a date'):
        tax.bonus_tax(1, "31/01/2025")
    with pytest.raises(InputError, match="expected a date"):
        tax.bonus_tax(1, 45688.5)
    with pytest.raises(InputError, match="is 2025, a year: give a date such as 2025-12-31"):
        tax.bonus_tax(1, 2025)


# Equity-incentive income on the annual table (综合所得年度税率表): tax = income × rate − qd.
EQUITY_KNOWN = [
    (36_000, "1080.00"),             # 36,000 × 3%
    ("36000.01", "1080.00"),         # 36,000.01 × 10% − 2,520 = 1,080.001 → 1,080.00
    (144_000, "11880.00"),           # 14,400 − 2,520 (= 1,080 + 108,000 × 10%)
    (300_000, "43080.00"),           # 60,000 − 16,920 (= 11,880 + 156,000 × 20%)
    (420_000, "73080.00"),           # 105,000 − 31,920 (= 43,080 + 120,000 × 25%)
    (660_000, "145080.00"),          # 198,000 − 52,920 (= 73,080 + 240,000 × 30%)
    (960_000, "250080.00"),          # 336,000 − 85,920 (= 145,080 + 300,000 × 35%)
    (1_000_000, "268080.00"),        # 450,000 − 181,920 (= 250,080 + 40,000 × 45%)
]


@pytest.mark.parametrize(("income", "expected"), EQUITY_KNOWN)
def test_equity_tax_on_the_annual_table(income, expected):
    assert tax.equity_tax(income, on=ON) == D(expected)


def test_equity_incomes_of_a_year_are_combined():
    # earlier 50,000 paid 50,000 × 10% − 2,520 = 2,480; combined 150,000 owes
    # 150,000 × 20% − 16,920 = 13,080; the new income pays 13,080 − 2,480 = 10,600
    assert tax.equity_tax(100_000, 50_000, on=ON) == D("10600.00")
    assert tax.equity_tax(100_000, 50_000, tax_paid=2_480, on=ON) == D("10600.00")
    assert tax.equity_tax(100_000, 50_000, tax_paid="", on=ON) == D("10600.00")
    with pytest.raises(InputError, match="tax already paid \\(20000.00\\) is more than"):
        tax.equity_tax(100_000, 50_000, tax_paid=20_000, on=ON)


def test_equity_tax_by_year_combines_within_a_year_and_restarts_each_year():
    incomes = [
        EquityIncome(D(100_000), dt.date(2025, 9, 1), "restricted stock, tranche 1"),
        EquityIncome(D(50_000), dt.date(2025, 3, 10), "options exercised"),
        EquityIncome(D(20_000), dt.date(2026, 1, 5), "options exercised"),
    ]
    lines = tax.equity_tax_by_year(incomes)
    assert [line.income.label for line in lines] == [
        "options exercised", "restricted stock, tranche 1", "options exercised"]  # date order
    # 2025: 50,000 → 2,480; running 150,000 → 13,080, so 10,600; 2026 restarts: 20,000 × 3%
    assert [line.tax for line in lines] == [D("2480.00"), D("10600.00"), D("600.00")]
    assert [line.combined.income for line in lines] == [D(50_000), D(150_000), D(20_000)]
    assert tax.year_totals(lines) == {2025: D("13080.00"), 2026: D("600.00")}
    assert lines[1].combined.source.document == "财政部 税务总局公告2023年第25号"


def test_equity_rule_periods():
    assert tax.equity_rule("2022-05-01").source.document == "财政部 税务总局公告2021年第42号"
    assert tax.equity_rule("2023-05-01").source.document == "财政部 税务总局公告2023年第2号"
    with pytest.raises(InputError, match="no equity-incentive income"):
        tax.equity_tax(1_000, on="2028-01-01")


def test_restricted_stock_income_formula():
    # (registration price + unlock price) ÷ 2 × shares unlocked − paid × unlocked ÷ granted:
    # (20 + 30) / 2 × 40,000 − 1,000,000 × 40,000 / 100,000 = 1,000,000 − 400,000 = 600,000
    assert tax.restricted_stock_income(20, 30, 40_000, 1_000_000, 100_000) == D("600000.00")
    # (15.37 + 18.24) / 2 = 16.805; × 33,333 = 560,161.065;
    # 768,500 × 33,333 / 100,000 = 256,164.105; difference 303,996.96
    assert tax.restricted_stock_income("15.37", "18.24", 33_333, 768_500, 100_000) == \
        D("303996.96")
    # worth less than paid ((10 + 8) / 2 = 9 < 12 a share): no taxable income
    assert tax.restricted_stock_income(10, 8, 1_000, 12_000, 1_000) == D(0)
    # and its tax alone: 600,000 × 30% − 52,920 = 127,080
    assert tax.equity_tax(600_000, on=ON) == D("127080.00")


def test_restricted_stock_income_bad_input():
    with pytest.raises(InputError, match="shares unlocked \\(200\\) is more than the shares "
                                         "granted \\(100\\)"):
        tax.restricted_stock_income(10, 10, 200, 0, 100)
    with pytest.raises(InputError, match="shares granted is 0"):
        tax.restricted_stock_income(10, 10, 0, 0, 0)
    with pytest.raises(InputError, match="expected a whole number of shares"):
        tax.restricted_stock_income(10, 10, 10.5, 0, 100)


def test_option_exercise_income_formula():
    assert tax.option_exercise_income("25.50", 18, 10_000) == D("75000.00")  # 7.50 × 10,000
    assert tax.option_exercise_income(15, 18, 10_000) == D(0)  # below water
    with pytest.raises(InputError, match="shares exercised"):
        tax.option_exercise_income(15, 18, -1)


def test_net_pay():
    assert tax.net_pay(36_000, 1_080) == D("34920.00")
    assert tax.net_pay("36001", tax.bonus_tax(36_001, ON)) == D("32610.90")
    with pytest.raises(InputError, match="tax is -1, expected zero or more"):
        tax.net_pay(100, -1)
    with pytest.raises(InputError, match="tax 200.00 is more than the gross pay 100.00"):
        tax.net_pay(100, 200)
