"""Deferred cash: instalments, forfeiture on leaving, conditions and clawback."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlperf.errors import InputError
from xlperf.rules.bonus import BonusRules, payout
from xlperf.rules.incentives import (
    Clawback,
    DeferredCashGrant,
    EventKind,
    events_in_year,
    instalments,
    totals,
)


def plan(**changes):
    # ¥100,000 of the 2024 bonus, deferred on 2025-03-31, a third on each anniversary
    terms = dict(grant_date="2025-03-31", amount=100000, bonus_year=2024, grant_id="D1")
    return DeferredCashGrant(**{**terms, **changes})


def rows(grant):
    return [(e.date.isoformat(), str(e.kind), e.value) for e in grant.events()]


def test_instalments_add_up_to_the_cent():
    # 100,000 / 3 = 33,333.333…: each part rounded down to 33,333.33 and the cent left over
    # goes to the first part (largest remainder, earliest first)
    thirds = (Decimal("33333.34"), Decimal("33333.33"), Decimal("33333.33"))
    assert instalments(100000, "equal 3") == thirds
    # the same thirds typed in Excel as =1/3: scaled by their sum, exactly a third each
    assert instalments(100000, [[12, 1 / 3], [24, 1 / 3], [36, 1 / 3]]) == thirds
    assert instalments("1000.01", [[12, 50], [24, 50]]) == (Decimal("500.01"), Decimal("500.00"))


def test_deferred_part_of_a_bonus():
    # a bonus of 123,456.78 with 40% deferred: the bonus module rounds the deferred share
    # (49,382.71); the plan pays it in thirds 16,460.91 / 16,460.90 / 16,460.90
    deferred = payout(Decimal("123456.78"), Decimal(0), [], BonusRules(deferral_share=0.4))
    assert deferred.deferred == Decimal("49382.71")
    grant = plan(amount=deferred.deferred)
    assert [a for _, a in grant.instalments()] == [
        Decimal("16460.91"), Decimal("16460.90"), Decimal("16460.90")]


def test_paid_over_later_years():
    assert rows(plan()) == [
        ("2026-03-31", "payment", Decimal("33333.34")),
        ("2027-03-31", "payment", Decimal("33333.33")),
        ("2028-03-31", "payment", Decimal("33333.33"))]
    assert totals(events_in_year(plan(), 2027)).cash == Decimal("33333.33")
    assert "2024 bonus" in plan().events()[0].note


def test_leaving_forfeits_what_is_unpaid():
    # left 2026-12-31: the first instalment was paid; 66,666.66 is forfeited that day
    assert rows(plan(leaving_date="2026-12-31")) == [
        ("2026-03-31", "payment", Decimal("33333.34")),
        ("2026-12-31", "forfeit", Decimal("66666.66"))]
    # a plan that keeps paying after leaving (e.g. retirement)
    assert len(plan(leaving_date="2026-12-31", forfeit_on_leaving=False).events()) == 3


def test_conditions_per_instalment():
    events = plan(conditions_met=[True, False, None]).events()
    assert [(str(e.kind), e.value, e.estimated) for e in events] == [
        ("payment", Decimal("33333.34"), False), ("forfeit", Decimal("33333.33"), False),
        ("payment", Decimal("33333.33"), True)]


def test_clawback_withholds_unpaid_instalments_first():
    # ¥50,000 clawed back on 2027-01-15: withheld from the unpaid 2027 instalment (33,333.33)
    # and 16,666.67 of the 2028 one, which then pays 33,333.33 − 16,666.67 = 16,666.66
    grant = plan(clawbacks=[Clawback("2027-01-15", 50000, "misstated 2024 profit")])
    assert rows(grant) == [
        ("2026-03-31", "payment", Decimal("33333.34")),
        ("2027-01-15", "forfeit", Decimal("50000.00")),
        ("2028-03-31", "payment", Decimal("16666.66"))]
    assert "misstated 2024 profit" in grant.events()[1].note
    assert grant.outstanding_value("2027-12-31") == Decimal("16666.66")


def test_clawback_of_everything_recovers_what_was_paid():
    # clawback of everything on 2027-06-30: the unpaid 2028 instalment is withheld and the
    # 66,666.67 already paid must be returned: a negative cash event per instalment (its
    # pay date decides the tax year the return corrects), 33,333.34 of 2026, 33,333.33 of 2027
    grant = plan(clawbacks=[("2027-06-30", None)])
    assert rows(grant)[-3:] == [
        ("2027-06-30", "forfeit", Decimal("33333.33")),
        ("2027-06-30", "clawback", Decimal("-33333.34")),
        ("2027-06-30", "clawback", Decimal("-33333.33"))]
    assert [e.tranche for e in grant.events()[-2:]] == [1, 2]
    assert totals(grant.events()).cash == 0  # paid 66,666.67, returned 66,666.67


def test_bad_clawbacks():
    with pytest.raises(InputError, match="clawbacks of 150000.00 exceed the deferred amount"):
        plan(clawbacks=[("2026-01-01", 100000), ("2027-01-01", 50000)])
    with pytest.raises(InputError, match="before the grant date"):
        plan(clawbacks=[("2024-01-01", 1)])
    with pytest.raises(InputError, match="deferred amount is -5, expected zero or more"):
        plan(amount=-5)


@given(st.integers(0, 10**9).map(lambda c: Decimal(c) / 100),
       st.sampled_from(["equal 3", "graded 40/30/30", "monthly 12", "cliff 24"]),
       st.one_of(st.none(), st.dates(min_value=__import__("datetime").date(2025, 3, 31),
                                     max_value=__import__("datetime").date(2029, 1, 1))),
       st.lists(st.tuples(st.dates(min_value=__import__("datetime").date(2025, 3, 31),
                                   max_value=__import__("datetime").date(2029, 1, 1)),
                          st.integers(0, 10**6)), max_size=2))
def test_every_cent_is_paid_forfeited_or_returned(amount, schedule, leaving, clawbacks):
    budget = amount
    claws = []
    for day, cents in clawbacks:
        take = min(budget, Decimal(cents) / 100)
        budget -= take
        claws.append((day, take))
    grant = plan(amount=amount, schedule=schedule, leaving_date=leaving, clawbacks=claws)
    events = grant.events()
    paid = sum(e.value for e in events if e.kind is EventKind.PAYMENT)
    lost = sum(e.value for e in events if e.kind is EventKind.FORFEIT)
    returned = -sum(e.value for e in events if e.kind is EventKind.CLAWBACK)
    assert paid + lost == amount
    assert 0 <= returned <= paid
    assert lost + returned <= amount
    assert all(e.value >= 0 for e in events if e.kind is not EventKind.CLAWBACK)
