"""Invariants of the China tax rules and the central-SOE pay check, checked with hypothesis
over amounts in cents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from xlperf.rules.china import tax, trap
from xlperf.rules.china.soe import SoePayInput
from xlperf.rules.china.tax import EquityIncome

ON = "2025-06-30"
RANGES = trap.bonus_trap_ranges(ON)

cents = st.integers(min_value=0, max_value=300_000_000).map(lambda c: D(c) / 100)  # to 3M
near_edges = st.sampled_from(RANGES).flatmap(
    lambda r: st.integers(min_value=-300_000, max_value=int((r.break_even - r.edge) * 100)
                          + 300_000).map(lambda c, r=r: max(D(0), r.edge + D(c) / 100)))
amounts = st.one_of(cents, near_edges)


@given(amounts)
def test_bonus_tax_never_negative_and_net_never_above_gross(bonus):
    detail = tax.bonus_tax_detail(bonus, ON)
    assert detail.tax >= 0
    assert detail.net <= detail.income
    assert tax.net_pay(bonus, detail.tax) == detail.net <= bonus


@given(amounts, amounts)
def test_bonus_tax_is_monotone(a, b):
    low, high = min(a, b), max(a, b)
    assert tax.bonus_tax(low, ON) <= tax.bonus_tax(high, ON)


@given(amounts, amounts)
def test_equity_tax_is_monotone_never_negative_and_below_income(a, b):
    low, high = min(a, b), max(a, b)
    assert 0 <= tax.equity_tax(low, on=ON) <= tax.equity_tax(high, on=ON)
    assert tax.equity_tax(high, on=ON) <= high


@given(amounts)
def test_past_a_traps_break_even_the_net_never_falls_below_the_edges_net(bonus):
    net = tax.bonus_net(bonus, ON)
    for r in RANGES:
        if bonus >= r.break_even:
            assert net >= r.edge_net


@given(amounts)
def test_trapped_exactly_when_a_smaller_edge_nets_more(bonus):
    net = tax.bonus_net(bonus, ON)
    found = trap.bonus_trap(bonus, ON)
    better_edges = [r for r in RANGES if r.edge < bonus and r.edge_net > net]
    assert found.in_trap == bool(better_edges)
    if found.in_trap:
        # the two suggestions net at least as much as the edge, so more than the bonus
        assert tax.bonus_net(found.edge, ON) == found.trap.edge_net > net
        assert tax.bonus_net(found.break_even, ON) >= found.trap.edge_net
        assert found.nearest in (found.edge, found.break_even)


@given(st.lists(st.tuples(cents, st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31))),
                max_size=8))
def test_a_years_equity_lines_add_up_to_the_tax_on_its_total(items):
    lines = tax.equity_tax_by_year(EquityIncome(a, d) for a, d in items)
    assert all(line.tax >= 0 for line in lines)
    for year, total_tax in tax.year_totals(lines).items():
        total = sum((a for a, d in items if d.year == year), D(0))
        assert total_tax == tax.equity_tax(total, on=dt.date(year, 6, 30))


grades = st.sampled_from(("S", "A", "B", "C", "D"))
salaries = st.integers(min_value=0, max_value=200_000_000).map(lambda c: D(c) / 100)


@given(salaries, salaries, grades, st.one_of(st.none(), salaries), salaries)
def test_the_soe_check_of_an_appraised_year_flags_exactly_the_rules_it_breaks(
        base, payout, grade, paid_now, term_incentive):
    """Each central-SOE rule is listed exactly when its figures break it, whatever the others
    do: performance salary above 2 × base, a payout after a failed grade, more than 60%
    paid now, a term incentive above 30% of the term's pay."""
    check = SoePayInput(base, (), paid_now, term_incentive).check(2026, payout, grade)
    rules = {b.rule for b in check.breaches}
    assert ("soe.performance_cap" in rules) == (payout > 2 * base)
    assert ("soe.failed_grade" in rules) == (grade == "D" and payout > 0)
    allowed = payout - (payout * D("0.4")).quantize(D("0.01"), rounding="ROUND_HALF_UP")
    assert ("soe.deferral" in rules) == (paid_now is not None and paid_now > allowed)
    counted = min(payout, 2 * base)  # a year above its cap counts at the cap
    assert ("soe.term_incentive_cap" in rules) == (
        term_incentive > ((base + counted) * D("0.3")).quantize(D("0.01"),
                                                                rounding="ROUND_HALF_UP"))
    assert check.ok == (not rules)


@given(bonus=cents, extra=cents, company=st.integers(min_value=0, max_value=100),
       advances=st.lists(cents, max_size=3))
def test_the_deferral_xlperf_applies_never_breaches_the_soe_rule(bonus, extra, company,
                                                                 advances):
    """Whatever the company defers (0–100%), an SOE executive's payout pays at most 60% in
    the year, so checking what the statement pays finds no deferral breach."""
    from xlperf.rules.bonus import BonusRules, payout
    from xlperf.rules.china.soe import soe_deferral_share, split_performance_salary

    share = soe_deferral_share(company)
    pay = payout(bonus, extra, advances, BonusRules(deferral_share=float(share)))
    assert pay.deferred >= split_performance_salary(pay.total).deferred  # 40%, to the cent
    check = SoePayInput(D(10**9)).check(2026, pay.total, "A", paid_in_year=pay.paid_in_year)
    assert "soe.deferral" not in [b.rule for b in check.breaches]
