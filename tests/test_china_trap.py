"""The bonus trap (年终奖陷阱): its ranges, the check of one bonus, and what to pay instead.

A bonus just above an edge E moves entirely to the next rate r' with quick deduction q', so
its net is b × (1 − r') + q'. It nets less than E itself until the break-even amount
U = (net(E) − q') / (1 − r'), rounded up to the cent (and checked against the cent-rounded tax).
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from xlperf.rules.china import tax, trap

ON = "2025-06-30"

# (edge, net at the edge, break-even), derived by hand:
TRAPS = [
    # 36,000: tax 1,080 → net 34,920; above: 10% / 210 → U = (34,920 − 210) / 0.9 = 38,566.666…
    ("36000", "34920", "38566.67"),
    # 144,000: tax 14,190 → net 129,810; 20% / 1,410 → U = 128,400 / 0.8 = 160,500
    ("144000", "129810", "160500"),
    # 300,000: tax 58,590 → net 241,410; 25% / 2,660 → U = 238,750 / 0.75 = 318,333.333…
    ("300000", "241410", "318333.33"),
    # 420,000: tax 102,340 → net 317,660; 30% / 4,410 → U = 313,250 / 0.7 = 447,500
    ("420000", "317660", "447500"),
    # 660,000: tax 193,590 → net 466,410; 35% / 7,160 → U = 459,250 / 0.65 = 706,538.4615…
    ("660000", "466410", "706538.46"),
    # 960,000: tax 328,840 → net 631,160; 45% / 15,160 → U = 616,000 / 0.55 = 1,120,000
    ("960000", "631160", "1120000"),
]


def test_trap_ranges_are_the_known_six():
    ranges = trap.bonus_trap_ranges(ON)
    assert [(r.edge, r.edge_net, r.break_even) for r in ranges] == [
        (D(e), D(n), D(u)) for e, n, u in TRAPS]
    first = ranges[0]
    assert (first.first_trapped, first.last_trapped) == (D("36000.01"), D("38566.66"))
    assert (first.rate_below, first.rate_above) == (D("0.03"), D("0.1"))


@pytest.mark.parametrize(("edge", "edge_net", "break_even"), TRAPS)
def test_break_even_is_the_first_cent_that_nets_as_much_as_the_edge(edge, edge_net, break_even):
    u = D(break_even)
    assert tax.bonus_net(edge, ON) == D(edge_net)
    assert tax.bonus_net(u, ON) >= D(edge_net)
    assert tax.bonus_net(u - D("0.01"), ON) < D(edge_net)
    assert tax.bonus_net(D(edge) + D("0.01"), ON) < D(edge_net)


def test_domain_example_36001():
    # 36,001 nets 36,001 − 3,390.10 = 32,610.90, 2,309.10 less than 36,000's 34,920
    found = trap.bonus_trap(36_001, ON)
    assert found.in_trap
    assert (found.net, found.net_lost) == (D("32610.90"), D("2309.10"))
    assert (found.edge, found.break_even) == (D("36000.00"), D("38566.67"))
    assert found.nearest == D("36000.00")  # 1.00 below vs 2,565.67 above
    assert found.message == (
        "Bonus 36,001.00 is in the bonus trap (年终奖陷阱) above 36,000.00: it nets 32,610.90, "
        "2,309.10 less than a bonus of 36,000.00 nets (34,920.00). Pay 36,000.00 instead "
        "(1.00 less gross, 2,309.10 more net), or at least 38,566.67 if the gross may not be "
        "cut.")


def test_nearest_is_the_break_even_when_it_is_closer():
    # 38,000 nets 38,000 − (3,800 − 210) = 34,410: 510 less than the edge's 34,920.
    # 2,000 down to the edge, 566.67 up to the break-even: the break-even is nearer
    found = trap.bonus_trap(38_000, ON)
    assert (found.net, found.net_lost, found.nearest) == (D("34410.00"), D("510.00"),
                                                          D("38566.67"))


def test_nearest_on_a_tie_is_the_edge():
    # 152,250 is 8,250 from both 144,000 and 160,500: the edge costs less
    assert trap.bonus_trap(152_250, ON).nearest == D("144000.00")


@pytest.mark.parametrize(("bonus", "trapped"), [
    ("36000", False), ("36000.01", True), ("38566.66", True), ("38566.67", False),
    ("160499.99", True), ("160500", False), ("318333.32", True), ("318333.33", False),
    ("447499.99", True), ("706538.45", True), ("706538.46", False),
    ("1119999.99", True), ("1120000", False), ("5000000", False), ("0", False),
])
def test_in_trap_at_the_ends_of_each_range(bonus, trapped):
    found = trap.bonus_trap(bonus, ON)
    assert found.in_trap is trapped
    if not trapped:
        assert found.nearest == found.bonus and found.edge is None and found.net_lost == 0
        assert found.message.endswith("is not in a bonus trap (年终奖陷阱): no smaller bonus "
                                      "nets more.")
