"""The company's equity-incentive plans → the rows of the Plans and PlanPeriods sheets.

The writer's half of :mod:`xlperf.workbook.plans`. A plan's participants are not written:
they are the executives' grants whose grant id is the plan's id (the Grants sheet), so a
plan given with participants, two plans with one id, or a grant under a plan's id of
another instrument is refused rather than written differently.
"""

from __future__ import annotations

from collections.abc import Sequence

from xlperf.errors import InputError
from xlperf.model import AppraisalInput
from xlperf.rules.china.csrc_rules import OPTION, RESTRICTED_STOCK
from xlperf.rules.china.plans import CompanyPlan
from xlperf.rules.incentives import Instrument
from xlperf.workbook import layout as L

SHEET_INSTRUMENT = {RESTRICTED_STOCK: "restricted_stock", OPTION: "stock_option"}
GRANT_INSTRUMENT = {RESTRICTED_STOCK: Instrument.RESTRICTED_STOCK,
                    OPTION: Instrument.STOCK_OPTION}


def _check_grants(by_id: dict[str, CompanyPlan], inputs: Sequence[AppraisalInput]) -> None:
    for item in inputs:
        for grant in item.grants:
            company_plan = by_id.get(grant.grant_id or "")
            if company_plan is None:
                continue
            expected = GRANT_INSTRUMENT[company_plan.plan.instrument]
            if grant.instrument is not expected:
                raise InputError(f"executive {item.executive.id}: grant {grant.grant_id} is "
                                 f"{grant.instrument.label}, but plan {grant.grant_id} is "
                                 f"{expected.label}: a plan's grants are of its instrument")


def plan_values(company_plan: CompanyPlan) -> dict[str, object]:
    """The Plans columns of one plan, by field (blank columns left out)."""
    plan, prices = company_plan.plan, company_plan.plan.reference
    values = {
        "plan_id": company_plan.plan_id, "name": plan.name or None,
        "instrument": SHEET_INSTRUMENT[plan.instrument], "regime": plan.regime,
        "announced": plan.announced, "price": plan.grant_price,
        "par_value": None if plan.par_value == 1 else plan.par_value,
        "previous_day_average": prices.previous_day_average,
        "period_average": prices.period_average, "period_days": prices.period_days,
        "previous_close": prices.previous_close, "average_close_30": prices.average_close_30,
        "share_capital": plan.share_capital, "plan_shares": plan.plan_shares,
        "other_shares": plan.other_plan_shares or None,
        "special_resolution": True if company_plan.special_resolution else None,
        "check": "check",  # the formula column (written by the writer)
    }
    return {k: v for k, v in values.items() if v is not None}


def plan_rows(plans: Sequence[CompanyPlan], inputs: Sequence[AppraisalInput]
              ) -> dict[str, list[list[object]]]:
    """The rows of Plans and PlanPeriods for ``plans`` (whose grants are in ``inputs``)."""
    by_id: dict[str, CompanyPlan] = {}
    for company_plan in plans:
        if company_plan.plan_id in by_id:
            raise InputError(f"plan id {company_plan.plan_id} is given twice: a workbook "
                             "holds one plan per id (the Grants sheet names it)")
        by_id[company_plan.plan_id] = company_plan
    _check_grants(by_id, inputs)
    rows: dict[str, list[list[object]]] = {L.PLANS: [], L.PLAN_PERIODS: []}
    for company_plan in plans:
        values = plan_values(company_plan)
        rows[L.PLANS].append([values.get(c.field) for c in L.PLANS_LAYOUT.columns])
        rows[L.PLAN_PERIODS] += [[company_plan.plan_id, t.starts_after_months,
                                  t.ends_after_months, t.share]
                                 for t in company_plan.plan.tranches]
    return rows
