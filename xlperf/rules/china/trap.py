"""The bonus trap (年终奖陷阱): annual one-time bonuses that net less than a smaller bonus.

The annual one-time bonus is taxed at ONE rate on the whole amount, the rate picked by
bonus / 12 (:func:`xlperf.rules.china.tax.bonus_tax`). One cent above a bracket edge (a bonus
of 12 × a monthly bracket's top: 36,000, 144,000, 300,000, 420,000, 660,000, 960,000) the
whole bonus moves to the higher rate, so the tax jumps by far more than the cent: 36,000
pays 1,080.00 and nets 34,920.00, 36,000.01 pays 3,390.00 and nets 32,610.01. The net stays
below the edge's net until the *break-even* amount (38,566.67 for this edge), the smallest
bonus above the edge that nets at least as much as the edge itself.

For a bonus in a trap a payroll accountant has two amounts that net at least as much as
the edge (and so more than the trapped bonus):

- ``edge``: pay the edge instead. The executive nets more AND the company pays less; the
  usual advice.
- ``break_even``: raise the bonus to the break-even amount, when the gross may not be cut
  (a contractual bonus); it costs more and nets the same as the edge.

``nearest`` is whichever of the two is closer to the bonus (the edge on a tie, as it
costs less). Everything is in cents: a trap runs from ``edge + 0.01`` to
``break_even − 0.01``.
"""

from __future__ import annotations

import dataclasses
import functools
from decimal import ROUND_CEILING, Decimal

from xlperf.rules.china.legal import money_text, read_money
from xlperf.rules.china.tax import bonus_rule, separate_tax
from xlperf.rules.china.tax_tables import SeparateTax
from xlperf.rules.money import CENT, money


@dataclasses.dataclass(frozen=True)
class TrapRange:
    """One bonus trap: the bonuses above ``edge`` and below ``break_even``."""

    edge: Decimal  # the bracket edge as a bonus: 12 × the monthly bracket's top
    edge_net: Decimal  # what a bonus of exactly ``edge`` nets
    break_even: Decimal  # the smallest bonus above ``edge`` that nets at least ``edge_net``
    rate_below: Decimal  # the rate on a bonus of ``edge``
    rate_above: Decimal  # the rate one cent above it

    @property
    def first_trapped(self) -> Decimal:
        """The smallest trapped bonus: ``edge`` + 0.01."""
        return self.edge + CENT

    @property
    def last_trapped(self) -> Decimal:
        """The largest trapped bonus: ``break_even`` − 0.01."""
        return self.break_even - CENT

    def contains(self, bonus: Decimal) -> bool:
        """True when ``bonus`` nets less than ``edge`` does although it is larger."""
        return self.edge < bonus < self.break_even


def _net(bonus: Decimal, rule: SeparateTax) -> Decimal:
    return separate_tax(bonus, rule).net


def _break_even(edge: Decimal, target: Decimal, rule: SeparateTax) -> Decimal:
    """The smallest bonus above ``edge`` whose net is at least ``target``.

    Within a bracket the net never falls as the bonus rises, so the answer is the closed
    form rounded up to the cent, then settled by a cent where the rounded tax moves it.
    """
    bracket = rule.table.bracket_for(edge / rule.divisor)
    low = edge + CENT
    while True:
        bracket = rule.table.bracket_above(bracket)
        high = None if bracket.upper is None else bracket.upper * rule.divisor
        # net = b − (b × rate − quick deduction) ≥ target  ⇔  b ≥ (target − qd) / (1 − rate)
        exact = (target - bracket.quick_deduction) / (1 - bracket.rate)
        candidate = max(low, exact.quantize(CENT, rounding=ROUND_CEILING))
        while candidate - CENT >= low and _net(candidate - CENT, rule) >= target:
            candidate -= CENT
        while _net(candidate, rule) < target and (high is None or candidate <= high):
            candidate += CENT
        if high is None or candidate <= high:
            return candidate
        low = high + CENT


@functools.lru_cache(maxsize=16)  # rules are frozen; a workbook asks for the same one often
def trap_ranges(rule: SeparateTax) -> tuple[TrapRange, ...]:
    """The bonus traps of a bonus tax rule, one per bracket edge, lowest first."""
    ranges = []
    for bracket in rule.table.brackets[:-1]:
        edge = money(bracket.upper * rule.divisor)
        at_edge = separate_tax(edge, rule)
        above = separate_tax(edge + CENT, rule)
        ranges.append(TrapRange(edge, at_edge.net, _break_even(edge, at_edge.net, rule),
                                at_edge.rate, above.rate))
    return tuple(ranges)


def bonus_trap_ranges(on: object = None) -> tuple[TrapRange, ...]:
    """The bonus traps of the annual one-time bonus table in force on ``on`` (default today).

    With the 2019– tables: (36,000, 38,566.67), (144,000, 160,500), (300,000, 318,333.33),
    (420,000, 447,500), (660,000, 706,538.46), (960,000, 1,120,000) as (edge, break-even).
    """
    return trap_ranges(bonus_rule(on))


@dataclasses.dataclass(frozen=True)
class BonusTrap:
    """A bonus checked against the bonus traps: is it in one, and what to pay instead."""

    bonus: Decimal
    net: Decimal  # what the bonus nets after tax
    trap: TrapRange | None  # the trap it is in, or None

    @property
    def in_trap(self) -> bool:
        """True when a smaller bonus (the trap's edge) would net more."""
        return self.trap is not None

    @property
    def edge(self) -> Decimal | None:
        """Pay this instead: the trap's edge (nets more, costs less); None outside a trap."""
        return self.trap.edge if self.trap else None

    @property
    def break_even(self) -> Decimal | None:
        """Or at least this, if the gross may not be cut; None outside a trap."""
        return self.trap.break_even if self.trap else None

    @property
    def nearest(self) -> Decimal:
        """The closer of ``edge`` and ``break_even`` (edge on a tie); the bonus if not trapped."""
        if self.trap is None:
            return self.bonus
        down, up = self.bonus - self.trap.edge, self.trap.break_even - self.bonus
        return self.trap.edge if down <= up else self.trap.break_even

    @property
    def net_lost(self) -> Decimal:
        """How much less the bonus nets than the trap's edge does (0 outside a trap)."""
        return self.trap.edge_net - self.net if self.trap else Decimal(0)

    @property
    def message(self) -> str:
        """The finding in plain words, for a cell note or a report line."""
        if self.trap is None:
            return (f"Bonus {money_text(self.bonus)} is not in a bonus trap (年终奖陷阱): "
                    "no smaller bonus nets more.")
        t, m = self.trap, money_text
        return (f"Bonus {m(self.bonus)} is in the bonus trap (年终奖陷阱) above {m(t.edge)}: "
                f"it nets {m(self.net)}, {m(self.net_lost)} less than a bonus of {m(t.edge)} "
                f"nets ({m(t.edge_net)}). Pay {m(t.edge)} instead ({m(self.bonus - t.edge)} "
                f"less gross, {m(self.net_lost)} more net), or at least {m(t.break_even)} if "
                "the gross may not be cut.")


def bonus_trap(bonus: object, on: object = None) -> BonusTrap:
    """Check an annual one-time bonus against the bonus traps of the table in force on ``on``.

    36,001 → in the trap above 36,000 (nets 32,610.90 against 34,920.00): pay 36,000, or at
    least 38,566.67; ``nearest`` is 36,000.
    """
    rule = bonus_rule(on)
    computed = separate_tax(read_money(bonus, "bonus (全年一次性奖金)", field="bonus"), rule)
    trap = next((r for r in trap_ranges(rule) if r.contains(computed.income)), None)
    return BonusTrap(computed.income, computed.net, trap)
