"""The tunable numbers of the incentive instruments, as data (one :class:`IncentiveRules`).

Every grant takes ``rules=`` (default :data:`DEFAULT_INCENTIVE_RULES`); a grant's own field
(its schedule, its option term) overrides the rule where it gives one. The choices and why
they were made are in ``docs/incentives.md``. :func:`incentive_rules_from_mapping` and
:func:`incentive_rules_to_mapping` read and write the ``[incentives]`` section of a policy
file, so the policy can carry these rules like its other tables.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.curves import Curve
from xlperf.rules.incentives.vesting import VestingSchedule, as_schedule

DIVIDEND_TREATMENTS = ("held", "paid")
THIRDS = VestingSchedule.equal(3)


@dataclasses.dataclass(frozen=True)
class IncentiveRules:
    """Defaults of the long-term incentive plans (the demo company's choices)."""

    # performance shares/units: achievement % → payout % (threshold, target, maximum)
    payout_curve: Curve = Curve(((80, 50), (100, 100), (120, 150)))
    performance_period_years: int = 3  # domain §5: ≥ 3 years
    vesting_schedule: VestingSchedule = VestingSchedule.graded((40, 30, 30))
    option_term_years: int = 10  # options and SARs lapse on this anniversary of the grant
    exercise_window_months: int = 0  # after leaving, vested options/SARs stay exercisable
    restricted_dividends: str = "held"  # lock-up dividends: "held" to unlock, or "paid"
    phantom_dividend_equivalents: bool = True  # paid in cash on each ex-dividend date
    deferral_schedule: VestingSchedule = THIRDS  # deferred cash: a third a year for 3 years
    deferred_forfeit_on_leaving: bool = True
    good_leaver_pro_rata: bool = False  # performance plans: keep a time pro-rata part

    def __post_init__(self) -> None:
        for name in ("performance_period_years", "option_term_years"):
            value = inputs.count(getattr(self, name), name.replace("_", " "), field=name,
                                 least=1)
            object.__setattr__(self, name, value)
        object.__setattr__(self, "exercise_window_months", inputs.count(
            self.exercise_window_months, "exercise window months", field="exercise_window"))
        treatment = inputs.choice(self.restricted_dividends)
        if treatment not in DIVIDEND_TREATMENTS:
            raise InputError(f'restricted dividends is "{self.restricted_dividends}", expected '
                             '"held" (paid at unlock) or "paid" (paid when declared)',
                             field="restricted_dividends")
        object.__setattr__(self, "restricted_dividends", treatment)
        for name in ("phantom_dividend_equivalents", "deferred_forfeit_on_leaving",
                     "good_leaver_pro_rata"):
            object.__setattr__(self, name, inputs.done(getattr(self, name),
                                                       name.replace("_", " "), field=name))
        if self.payout_curve.below < 0:
            raise InputError("payout curve: the payout below threshold must be zero or more",
                             field="payout_curve")


DEFAULT_INCENTIVE_RULES = IncentiveRules()

_SCHEDULES = ("vesting_schedule", "deferral_schedule")


def incentive_rules_from_mapping(data: Mapping[str, Any],
                                 base: IncentiveRules = DEFAULT_INCENTIVE_RULES
                                 ) -> IncentiveRules:
    """Rules from an ``[incentives]`` policy section; keys left out keep ``base``'s values.

    ``payout_curve`` is a list of [achievement %, payout %]; schedules are a text such as
    ``"graded 40/30/30"`` or a list of [months after grant, fraction].
    """
    known = {f.name for f in dataclasses.fields(IncentiveRules)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError(f"policy section [incentives] has unknown key(s) {', '.join(unknown)};"
                         f" known: {', '.join(sorted(known))}")
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key == "payout_curve":
            changes[key] = Curve.from_rows(value, "payout curve")
        elif key in _SCHEDULES:
            changes[key] = as_schedule(value, key.replace("_", " "))
        else:
            changes[key] = value
    return dataclasses.replace(base, **changes)


def incentive_rules_to_mapping(rules: IncentiveRules) -> dict[str, Any]:
    """The rules as a plain mapping (the ``[incentives]`` section); round-trips."""
    data = dataclasses.asdict(rules)
    data["payout_curve"] = [list(p) for p in rules.payout_curve.points]
    for key in _SCHEDULES:
        data[key] = _schedule_value(getattr(rules, key))
    return data


def _schedule_value(schedule: VestingSchedule) -> str | list[list[float]]:
    """A schedule's name when it reads back to the same schedule (``"monthly 48 cliff 12"``
    keeps its exact 1/48ths), else its rows."""
    try:
        if VestingSchedule.parse(schedule.name) == schedule:
            return schedule.name
    except InputError:
        pass
    return [[m, float(f)] for m, f in schedule.tranches]
