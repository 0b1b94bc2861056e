"""The China rule data: tables that check themselves, periods without gaps, a pure core."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal as D

import pytest

from xlperf.errors import InputError
from xlperf.rules.china import csrc_rules, soe, tax_tables
from xlperf.rules.china.legal import Period, Source, as_date, in_force, share
from xlperf.rules.china.tax_tables import Bracket, TaxTable


@pytest.mark.parametrize("versions", [tax_tables.BONUS_TAX_VERSIONS,
                                      tax_tables.EQUITY_TAX_VERSIONS])
def test_tax_periods_run_without_gap_or_overlap_from_2019_to_2027(versions):
    assert versions[0].period.valid_from == dt.date(2019, 1, 1)
    assert versions[-1].period.valid_to == dt.date(2027, 12, 31)
    for before, after in zip(versions, versions[1:], strict=False):
        assert after.period.valid_from == before.period.valid_to + dt.timedelta(days=1)
    assert all(v.source.document and v.source.title for v in versions)


@pytest.mark.parametrize("versions", [csrc_rules.CSRC_VERSIONS, csrc_rules.SOE_PRICE_VERSIONS,
                                      soe.SOE_PAY_VERSIONS])
def test_every_limit_carries_a_source_and_a_period(versions):
    for version in versions:
        assert isinstance(version.source, Source) and version.source.title
        assert isinstance(version.period, Period)


def test_a_tax_table_with_a_wrong_quick_deduction_is_refused():
    # above 3,000 at 10% the quick deduction must be 3,000 × (10% − 3%) = 210
    with pytest.raises(InputError, match="quick deduction above 3000 is 200, expected 210"):
        TaxTable("typo", (Bracket(D(3000), D("0.03"), D(0)),
                          Bracket(None, D("0.10"), D(200))))
    with pytest.raises(InputError, match="only the last bracket may be open"):
        TaxTable("open", (Bracket(D(3000), D("0.03"), D(0)),))


def test_periods_and_dates():
    period = Period(dt.date(2024, 1, 1), dt.date(2027, 12, 31))
    assert period.covers(dt.date(2027, 12, 31)) and not period.covers(dt.date(2028, 1, 1))
    assert str(Period(dt.date(2016, 8, 13))) == "from 2016-08-13"
    with pytest.raises(InputError, match="period ends 2020-01-01 before it starts 2021-01-01"):
        Period(dt.date(2021, 1, 1), dt.date(2020, 1, 1))
    assert as_date(None) == dt.date.today() == as_date("  ")
    assert as_date("2025-01-31T08:00:00") == dt.date(2025, 1, 31)
    with pytest.raises(InputError, match="^no thing applies on 2030-01-01: xlperf knows "
                                         "2024-01-01 to 2027-12-31; update xlperf when the "
                                         "rules are extended$"):
        in_force([tax_tables.SeparateTax("x", tax_tables.MONTHLY_TABLE, 12, period,
                                         Source("doc"))], "2030-01-01", "thing")


@pytest.mark.parametrize(("given", "expected"), [
    (0.4, "0.4"), ("40%", "0.4"), (40, "0.4"), (1, "1"), (100, "1"), ("12.5%", "0.125")])
def test_shares_as_fractions_or_percentages(given, expected):
    assert share(given, "share") == D(expected)


def test_the_china_rules_import_no_spreadsheet_or_pdf_library():
    code = ("import sys, xlperf.rules.china.tax, xlperf.rules.china.trap, "
            "xlperf.rules.china.csrc, xlperf.rules.china.soe; "
            "bad = {'openpyxl', 'xlwings', 'jinja2', 'weasyprint', 'pandas'} & set(sys.modules); "
            "print(sorted(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
