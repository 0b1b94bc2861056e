"""The flags HR and payroll act on for one executive: what raises each, and its names.

The ledger's Flags column, the summary's list of flags and the terminal's results table all
print these. Appraisal flags need only the appraisal; the bonus trap and the central-SOE
pay check need the pay statement.
"""

from __future__ import annotations

from xlperf.model import Appraisal
from xlperf.rules.pay_statement import PayStatement

FLAGS = {  # flag key: (Chinese, English), in the order they are listed
    "veto": ("一票否决", "veto"),
    "consecutive_c": ("连续考核预警", "consecutive-C review"),
    "recover": ("预发超额应追回", "advances to recover"),
    "bonus_trap": ("年终奖陷阱", "bonus trap"),
    "group_left_out": ("360评价群体人数不足", "360 group left out"),
    "soe_pay": ("央企薪酬超限", "SOE pay breach"),
}


def appraisal_flags(appraisal: Appraisal) -> tuple[str, ...]:
    """Keys of :data:`FLAGS` raised by an appraisal: a veto capped the grade, the
    consecutive-C rule, advances paid above the year's payout (to recover), a 360 rater
    group left out for having too few raters."""
    raised = {
        "veto": bool(appraisal.vetoes),
        "consecutive_c": appraisal.consecutive_flag,
        "recover": appraisal.payout.to_recover > 0,
        "group_left_out": any(g.dropped for g in appraisal.democratic.groups),
    }
    return tuple(key for key in FLAGS if raised.get(key))


def statement_flags(statement: PayStatement) -> tuple[str, ...]:
    """Keys of :data:`FLAGS` raised by a pay statement: its appraisal's flags, the bonus
    trap (a one-time bonus that nets less than a smaller one) and a breach of the
    central-SOE pay rules."""
    raised = set(appraisal_flags(statement.appraisal))
    if statement.trap is not None and statement.trap.in_trap:
        raised.add("bonus_trap")
    if statement.soe_check is not None and not statement.soe_check.ok:
        raised.add("soe_pay")
    return tuple(key for key in FLAGS if key in raised)
