"""A listed company's equity-incentive plans checked together, as a workbook describes them.

:func:`~xlperf.rules.china.csrc.check_plan` checks one :class:`EquityPlan` whose
participants and other live plans' shares are given. A company's workbook describes its
plans side by side instead: each :class:`CompanyPlan` without participants, and the grants
(:class:`Holding`) naming the plan they were made under. This module puts them together:

- a plan's **participants** are the holdings under its id, in the order given;
- the company's **other live plans**, for a plan, are the other plans given that were
  announced on or before it (the same day too: a combined draft of options and restricted
  stock is one proposal). The plans given are those in force and the drafts, so a plan
  announced earlier was still in force when a later one was drafted;
- so a plan's other live plans' shares are those plans' shares plus the plan's own
  ``other_plan_shares`` (shares of live plans *not* given, e.g. an old plan not described);
  a participant's are their holdings under those plans.

The check itself is unchanged: each completed plan goes through ``check_plan``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from decimal import Decimal

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.china.csrc import EquityPlan, Participant, PlanCheck, check_plan
from xlperf.rules.china.legal import amount


@dataclasses.dataclass(frozen=True)
class CompanyPlan:
    """One plan of the company: ``plan`` without participants (they come from the holdings),
    its ``other_plan_shares`` the shares of live plans not given with it;
    ``special_resolution``: the shareholders' meeting approved this plan's participants above
    1% by a special resolution (股东大会特别决议)."""

    plan_id: str
    plan: EquityPlan
    special_resolution: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "plan_id", inputs.text(self.plan_id, "plan id",
                                                        field="plan_id"))
        if not isinstance(self.plan, EquityPlan):
            raise InputError(f"plan {self.plan_id}: give an EquityPlan", field="plan")
        if self.plan.plan_shares == 0:
            raise InputError(f"plan {self.plan_id}: give the shares the plan covers "
                             "(标的股票总数)", field="plan_shares")
        if self.plan.participants:
            raise InputError(f"plan {self.plan_id}: its participants come from the grants "
                             "made under it; give the plan without them", field="participants")
        object.__setattr__(self, "special_resolution",
                           inputs.done(self.special_resolution, "special resolution",
                                       field="special_resolution"))


@dataclasses.dataclass(frozen=True)
class Holding:
    """The shares (or options) one participant was granted under one plan."""

    participant: str
    plan_id: str
    shares: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "participant", inputs.text(self.participant, "participant",
                                                            field="participant"))
        object.__setattr__(self, "plan_id", inputs.text(self.plan_id, "plan id",
                                                        field="plan_id"))
        object.__setattr__(self, "shares", amount(self.shares, f"{self.participant}'s shares",
                                                  field="shares"))


def earlier_plans(plans: Sequence[CompanyPlan], plan: CompanyPlan) -> tuple[CompanyPlan, ...]:
    """The plans other than ``plan`` announced on or before it: its other live plans."""
    return tuple(p for p in plans if p.plan_id != plan.plan_id
                 and p.plan.announced <= plan.plan.announced)


def with_participants(plan: CompanyPlan, plans: Sequence[CompanyPlan],
                      holdings: Sequence[Holding]) -> EquityPlan:
    """``plan`` completed for ``check_plan``: its participants are the holdings under its id
    (in the order given), each with their holdings under its other live plans among
    ``plans``, and those plans' shares are added to its own ``other_plan_shares``."""
    others = earlier_plans(plans, plan)
    other_ids = {p.plan_id for p in others}

    def held(person: str) -> Decimal:
        return sum((h.shares for h in holdings
                    if h.participant == person and h.plan_id in other_ids), Decimal(0))

    participants = tuple(Participant(h.participant, h.shares, held(h.participant),
                                     plan.special_resolution)
                         for h in holdings if h.plan_id == plan.plan_id)
    other_shares = plan.plan.other_plan_shares + sum((p.plan.plan_shares for p in others),
                                                     Decimal(0))
    return dataclasses.replace(plan.plan, participants=participants,
                               other_plan_shares=other_shares)


def plans_with_participants(plans: Sequence[CompanyPlan], holdings: Iterable[Holding]
                            ) -> tuple[EquityPlan, ...]:
    """Each plan completed by :func:`with_participants`, in the order given; plan ids must
    be unique."""
    plans, holdings = tuple(plans), tuple(holdings)
    ids = [p.plan_id for p in plans]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise InputError(f"plan id(s) {', '.join(twice)} given more than once: one plan per "
                         "id", field="plan_id")
    return tuple(with_participants(plan, plans, holdings) for plan in plans)


def check_company_plans(plans: Sequence[CompanyPlan], holdings: Iterable[Holding]
                        ) -> tuple[PlanCheck, ...]:
    """Every breach of each plan (:func:`plans_with_participants`, then ``check_plan``), in
    the order the plans are given."""
    return tuple(check_plan(p) for p in plans_with_participants(plans, holdings))
