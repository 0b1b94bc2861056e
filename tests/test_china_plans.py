"""A company's plans checked together: participants from holdings, other live plans by date."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal as D

import pytest

from xlperf.demo import SHARE_CAPITAL, demo_inputs, demo_plans
from xlperf.errors import InputError
from xlperf.rules.china import csrc
from xlperf.rules.china.csrc import EquityPlan, Participant, ReferencePrices, Tranche
from xlperf.rules.china.plans import (
    CompanyPlan,
    Holding,
    check_company_plans,
    earlier_plans,
    plans_with_participants,
)

PRICES = ReferencePrices(D("10.00"), D("9.60"))
TRANCHES = (Tranche(12, 24, 40), Tranche(24, 36, 30), Tranche(36, 48, 30))


def plan(plan_id: str, announced: str, shares: int, other: int = 0, **more) -> CompanyPlan:
    special = more.pop("special_resolution", False)
    return CompanyPlan(plan_id, EquityPlan(
        "restricted stock", D("5.00"), PRICES, TRANCHES, D(100_000_000), plan_shares=D(shares),
        other_plan_shares=D(other), announced=announced, **more), special)


A = plan("A", "2023-01-10", 4_000_000, other=1_000_000)
B = plan("B", "2024-01-10", 3_000_000)
C = plan("C", "2024-01-10", 2_000_000)  # drafted the same day as B: one proposal


def test_the_other_live_plans_are_those_announced_on_or_before():
    plans = (A, B, C)
    assert earlier_plans(plans, A) == ()
    assert earlier_plans(plans, B) == (A, C)
    assert earlier_plans(plans, C) == (A, B)


def test_participants_come_from_the_holdings_with_their_other_live_plans():
    holdings = (Holding("张三", "A", 400_000), Holding("张三", "B", 500_000),
                Holding("李四", "B", 100_000), Holding("张三", "X", 9_999_999))  # X: no plan
    a, b, c = plans_with_participants((A, B, C), holdings)
    assert a.participants == (Participant("张三", 400_000),)
    assert a.other_plan_shares == D(1_000_000)  # only its own: plans not given
    assert b.participants == (Participant("张三", 500_000, 400_000), Participant("李四", 100_000))
    assert b.other_plan_shares == D(4_000_000 + 2_000_000)
    assert c.participants == () and c.other_plan_shares == D(7_000_000)


def test_limits_count_the_earlier_plans_only():
    holdings = (Holding("张三", "A", 600_000), Holding("张三", "B", 500_000))
    checks = check_company_plans((A, B), holdings)
    assert checks[0].ok  # 张三 600,000 = 0.6% when A was drafted
    assert [(b.rule, b.subject) for b in checks[1].breaches] == [("csrc.individual_cap", "张三")]
    assert checks[1].breaches[0].actual == D("0.011")
    big = plan("D", "2025-01-10", 6_000_000)  # 4 + 1 (outside) + 3 + 6 = 14% > 10%
    assert [b.rule for b in check_company_plans((A, B, big), ())[2].breaches] == \
        ["csrc.total_cap"]


def test_a_special_resolution_of_the_plan_covers_its_participants():
    approved = dataclasses.replace(B, special_resolution="是")
    [_, check] = check_company_plans((A, approved), (Holding("张三", "A", 600_000),
                                                     Holding("张三", "B", 500_000)))
    assert check.ok and check.notes[0].startswith("张三 holds 1.1% of the share capital")


def test_the_demo_plans_show_one_breach_the_president_above_1_percent():
    holdings = [Holding(i.executive.id, g.grant_id, g.quantity) for i in demo_inputs()
                for g in i.grants if g.grant_id in ("RS-2023", "OPT-2024")]
    rs, options = check_company_plans(demo_plans(), holdings)
    assert rs.ok and rs.notes == ()
    assert [p.name for p in rs.plan.participants] == ["E001", "E002", "E004", "E010"]
    [breach] = options.breaches
    assert (breach.rule, breach.subject) == ("csrc.individual_cap", "E001")
    assert breach.actual == D(500_000) / SHARE_CAPITAL
    assert options.plan.other_plan_shares == D(1_600_000)
    assert options.plan.announced == dt.date(2024, 2, 26)


@pytest.mark.parametrize(("build", "words"), [
    (lambda: CompanyPlan("", A.plan), "plan id is empty"),
    (lambda: CompanyPlan("A", dataclasses.replace(A.plan, plan_shares=None)),
     "give the shares the plan covers"),
    (lambda: CompanyPlan("A", dataclasses.replace(
        A.plan, participants=(Participant("张三", 1),))), "participants come from the grants"),
    (lambda: plans_with_participants((A, A), ()), "plan id\\(s\\) A given more than once"),
    (lambda: plans_with_participants((A,), (Holding("张三", "A", 5_000_000),)),
     "plan shares \\(4,000,000\\) are fewer than the shares granted"),
    (lambda: Holding("张三", "A", -1), "张三's shares is -1, expected zero or more"),
])
def test_bad_company_plans_are_input_errors(build, words):
    with pytest.raises(InputError, match=words):
        build()


@pytest.mark.parametrize("name", ["restricted_stock", "Restricted-Stock", "stock_option",
                                  "STOCK OPTION"])
def test_instrument_names_as_the_grants_sheet_spells_them(name):
    expected = "option" if "option" in name.lower() else "restricted_stock"
    assert csrc.instrument_name(name) == expected
