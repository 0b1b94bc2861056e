"""A clawback of an earlier year's deferred cash on the payout statement: its own line,
returned from the cash, not deducted from this year's taxable bonus (docs/rules.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from xlperf.demo import demo_inputs
from xlperf.policy import DEMO_POLICY
from xlperf.report.appraisal_context import Header, appraisal_report
from xlperf.report.payout_context import payout_report
from xlperf.report.pdf import PdfRenderer
from xlperf.report.render import render_html
from xlperf.rules.appraisal import appraise
from xlperf.rules.incentives import DeferredCashGrant
from xlperf.rules.pay_statement import pay_statement

from .conftest import pdf_text


def test_the_payout_statement_shows_the_earlier_years_clawback_on_its_own_line(tmp_path):
    # E002 paid on 2026-12-31, with 90,000 of deferred cash (30,000 on each of 2025-03-31,
    # 2026-03-31, 2027-03-31) clawed back on 2026-12-01 (tests/rules/test_pay_statement.py):
    # the 2026 bonus stays 207,000 (tax 39,990); the 2025 instalment's 30,000 is returned
    grant = DeferredCashGrant("2024-03-31", 90000, grant_id="DC-2024",
                              clawbacks=[("2026-12-01", None)])
    item = dataclasses.replace(demo_inputs()[1], grants=(grant,),
                               pay_date=dt.date(2026, 12, 31))
    statement = pay_statement(appraise(item))
    header = Header("Huaxia Motor", 2026, "demo.xlsx", "0" * 64, "demo policy")
    person = appraisal_report(statement, header, DEMO_POLICY).person
    html = render_html("payout", payout_report(statement, header, person), "en")
    path = tmp_path / "payout.pdf"
    path.write_bytes(PdfRenderer().pdf(html, dt.date(2026, 12, 31)))
    words = " ".join(pdf_text(path).split())
    assert ("Earlier years' incentive cash clawed back (not deducted from this year's taxable "
            "bonus) ¥30,000.00") in words
    assert "¥39,990.00" in words  # the bonus tax on 207,000
    assert "Net cash pay of the year" in words and "¥137,010.00" in words
    # one line per instalment clawed back on the same day, each named
    assert "clawed back (instalment 1)" in words and "clawed back (instalment 2)" in words
