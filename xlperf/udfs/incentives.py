"""XP_ functions of the bonus (category "xlperf incentives"): coefficient, bonus, settlement.

Money comes back as the core's Decimal, rounded half-up to the cent, handed to Excel as the
float of that rounded amount (1000.005 → 1000.01). Long-term incentives, in the same
category, are in :mod:`xlperf.udfs.lti`.
"""

from __future__ import annotations

import dataclasses

from xlperf.errors import InputError
from xlperf.policy import DEMO_POLICY
from xlperf.rules import inputs
from xlperf.rules.bonus import (
    CoefficientTable,
    as_coefficient,
    bonus_amount,
    deferred_amount,
    extra_rate,
    quarterly_advance,
    settlement,
    year_extra,
)
from xlperf.rules.china.soe import soe_deferral_share
from xlperf.rules.grades import grade_in
from xlperf.udfs.cells import amount, each, flag, grid, pairs, present, values
from xlperf.udfs.registry import INCENTIVES, excel_function

POLICY = DEMO_POLICY
_B = POLICY.bonus
FULL_YEAR = 12


def _rate(value: object, default: float, name: str) -> float:
    return default if value is None else inputs.number(value, name, field=name)


def _coefficient(value: object) -> object:
    """A coefficient argument read as the core reads it (:func:`as_coefficient`); text that
    is no number (a grade typed where its coefficient belongs) is told to use XP_COEF."""
    try:
        return as_coefficient(value)
    except InputError as error:
        if not isinstance(value, str):
            raise
        grade = inputs.typed(value)
        grades = tuple(g for g, _ in POLICY.coefficients.steps)
        example = f'"{grade}"' if grade_in(grade, grades) else '"A"'
        raise InputError(f"{error.message}; a grade gives its coefficient with "
                         f"XP_COEF({example})", field="coefficient") from None


def _share(value: object, default: float) -> object:
    """A share argument as typed (0.4, 40, "40%"), for the core's one reading of a share
    (:func:`inputs.share`); blank: the default."""
    return default if value is None else value


@excel_function(INCENTIVES, cellwise=("grade",), help={
    "grade": "The grade (考核等级), a cell or a column. With the demo's S–D grades their "
             "meanings (表-2) are read too: 卓越 S, 优秀 A, 称职 B, 基本称职 C, 不称职 D.",
    "coef_table": "Coefficient table (考核系数表): 2 columns, grade and appraisal coefficient, "
                  "best grade first. Blank: " +
                  ", ".join(f"{g} {c:g}" for g, c in POLICY.coefficients.steps) + ".",
}, examples=[("A",), ([["S"], ["C"], [""]],),
             ("B", [["S", 1.6], ["A", 1.3], ["B", 1], ["C", 0.5], ["D", 0]])])
def XP_COEF(grade, coef_table=None):
    """Appraisal coefficient (考核系数) of a grade (表-3), from the coefficient table. One
    coefficient per row."""
    table = POLICY.coefficients
    if present(coef_table):
        table = CoefficientTable(tuple(
            (inputs.text(g, f"coef_table row {i} grade"), c)
            for i, (g, c) in enumerate(pairs(coef_table, "coef_table"), start=1)))
    return each(lambda grade: table.coefficient_for(grade), ("grade",), function="XP_COEF",
                grade=grade)


@excel_function(INCENTIVES, cellwise=("coefficient", "standard", "months", "cap"), help={
    "coefficient": "Appraisal coefficient (考核系数), e.g. from XP_COEF; a cell or a column. "
                   "A blank coefficient gives a blank cell.",
    "standard": "Bonus standard (绩效奖金激励标准) for a full year, ¥; a cell or a column.",
    "months": f"Months served in the year (任职月数), 0–12. Default {FULL_YEAR}.",
    "cap": "Optional bonus cap (奖金上限), ¥. Blank: no cap.",
}, examples=[(1.2, 300000), (1.2, 300000, 9), (1.2, 300000, 12, 350000), (1, 1000.005)])
def XP_BONUS(coefficient, standard, months=FULL_YEAR, cap=None):
    """Performance bonus (绩效奖金) = coefficient × standard × months / 12, at most cap, rounded
    half-up to the cent. One amount per row."""
    def bonus(coefficient, standard, months, cap):
        return amount(bonus_amount(_coefficient(coefficient), standard,
                                   FULL_YEAR if months is None else months, cap))

    return each(bonus, ("coefficient",), function="XP_BONUS", coefficient=coefficient,
                standard=standard, months=months, cap=cap)


@excel_function(INCENTIVES, cellwise=("achievement", "standard", "rate", "cap_share",
                                       "coefficient", "veto"), help={
    "achievement": "Achievement of the medium/long-term target (完成率): 125 or a 125% cell "
                   "(numbers up to 10 are read as % cells: 1.25 = 125%). A cell or a column.",
    "standard": "Bonus standard (绩效奖金激励标准), ¥; a cell or a column.",
    "rate": "Extra incentive rate (超额激励比例): the extra per 100% above target, a multiple "
            "of the standard as a coefficient is: 1, 1.5 or 150% (above 10 is refused). "
            f"Default {_B.over_achievement_rate:g}.",
    "cap_share": "Cap (封顶比例): the extra is at most this share of the standard, 0–100%: 0.5, "
                 f"a 50% cell or 50. Default {_B.over_achievement_cap:g} "
                 f"({_B.over_achievement_cap:.0%}).",
    "coefficient": "The year's appraisal coefficient (考核系数): 0 (grade D) withholds the "
                   "extra. Blank: not checked.",
    "veto": "Veto (一票否决): TRUE or a count of veto incidents above 0 withholds the extra. "
            "Default FALSE.",
}, examples=[(1.25, 300000), (180, 300000), (0.95, 300000), (125, 300000, None, None, 0),
             (125, 300000, None, None, 0.6, 1)])
def XP_EXTRA(achievement, standard, rate=_B.over_achievement_rate,
             cap_share=_B.over_achievement_cap, coefficient=None, veto=False):
    """Over-achievement extra incentive (超额完成目标额外激励): (achievement − 100%) × rate ×
    standard, at most cap_share × standard, none at or below target; rounded to the cent.
    Withheld (0) in a year paying no bonus (coefficient 0) or under a veto (一票否决)."""
    def extra(achievement, standard, rate, cap_share, coefficient, veto):
        rules = dataclasses.replace(  # read here first, so errors name the arguments
            _B, over_achievement_rate=extra_rate(
                _rate(rate, _B.over_achievement_rate, "rate"), "rate"),
            over_achievement_cap=float(inputs.share(
                _share(cap_share, _B.over_achievement_cap), "cap_share", field="cap_share")))
        percent = inputs.achievement(achievement, "achievement", field="achievement")
        return amount(year_extra(percent, standard, rules, coefficient,
                                 flag(veto, "veto")).amount)

    return each(extra, ("achievement",), function="XP_EXTRA", achievement=achievement,
                standard=standard, rate=rate, cap_share=cap_share, coefficient=coefficient,
                veto=veto)


@excel_function(INCENTIVES, cellwise=("coefficient", "standard", "advance_rate"), help={
    "coefficient": "The quarter's appraisal coefficient (季度考核系数); a cell or a column.",
    "standard": "Bonus standard (绩效奖金激励标准) for a full year, ¥; a cell or a column.",
    "advance_rate": "Share of the quarter's bonus paid in advance (预发比例), 0–100%: 0.6, a "
                    f"60% cell or 60. Default {_B.advance_rate:g} ({_B.advance_rate:.0%}).",
}, examples=[(1.2, 300000), (1.0, 300000, 0.6)])
def XP_ADVANCE(coefficient, standard, advance_rate=_B.advance_rate):
    """Quarterly advance (季度预发): coefficient × standard × 3 / 12 × advance_rate, rounded
    half-up to the cent. One amount per row."""
    def advance(coefficient, standard, advance_rate):
        rules = dataclasses.replace(
            _B, advance_rate=_share(advance_rate, _B.advance_rate))
        return amount(quarterly_advance(_coefficient(coefficient), standard, rules))

    return each(advance, ("coefficient",), function="XP_ADVANCE", coefficient=coefficient,
                standard=standard, advance_rate=advance_rate)


_DEFERRAL_HELP = ("Share of the year's bonus deferred to later years (延期支付比例), 0–100%: "
                  f"0.4, a 40% cell or 40. Default {_B.deferral_share:g}: none deferred.")
_SOE_HELP = ("TRUE for an executive under the central-SOE pay rules (中央企业负责人): at least "
             f"{POLICY.soe.deferral_share:.0%} is then deferred, to the term's end (延期兑现). "
             "Default FALSE.")


def _deferral(deferral_share: object, soe: object) -> object:
    """The deferral share to apply: as given (blank: the default), raised to the central-SOE
    share for an executive under those rules."""
    share = _share(deferral_share, _B.deferral_share)
    return soe_deferral_share(share, POLICY.soe) if flag(soe, "soe") else share


@excel_function(INCENTIVES, cellwise=("annual_bonus", "deferral_share", "soe"), help={
    "annual_bonus": "The year's bonus (年度奖金: bonus + extra), ¥; a cell or a column.",
    "deferral_share": _DEFERRAL_HELP,
    "soe": _SOE_HELP,
}, examples=[(360000, 0.4), ([[360000], [100000.05], [None]], 0.4), (360000,),
             (360000, None, True)])
def XP_DEFER(annual_bonus, deferral_share=_B.deferral_share, soe=False):
    """Deferred part of the year's bonus (延期支付) = deferral share × bonus, to the cent;
    left out of the settlement, paid later (XP_DEFERRED splits it into instalments). Under
    the central-SOE rules (soe TRUE) the share is at least theirs (40%)."""
    def deferred(annual_bonus, deferral_share, soe):
        return amount(deferred_amount(annual_bonus, _deferral(deferral_share, soe)))

    return each(deferred, ("annual_bonus",), function="XP_DEFER", annual_bonus=annual_bonus,
                deferral_share=deferral_share, soe=soe)


@excel_function(INCENTIVES, cellwise=("annual_bonus", "deferral_share", "soe"), help={
    "annual_bonus": "The year's bonus (年度奖金), ¥: one cell, or a column with one row per "
                    "executive.",
    "advances": "Advances already paid (已预发), ¥: any range for one annual_bonus, or one row "
                "per executive beside a column of annual bonuses. Blanks count as none.",
    "deferral_share": _DEFERRAL_HELP + " A cell or a column, row by row as XP_DEFER.",
    "soe": _SOE_HELP + " A cell or a column.",
}, examples=[(360000, [[45000, 45000, 30000]]), (100000, [[45000, 45000, 30000]]),
             ([[360000], [100000]], [[45000, 45000, 30000], [45000, 45000, 30000]]),
             (360000, [[45000, 45000, 30000]], 0.4),
             (360000, [[45000, 45000, 30000]], None, True)])
def XP_SETTLE(annual_bonus, advances, deferral_share=_B.deferral_share, soe=False):
    """Annual settlement (年度清算): the year's bonus less its deferred part (XP_DEFER, soe
    as there) and the advances paid, to the cent; negative when the advances exceed it (to
    recover)."""
    bonuses = grid(annual_bonus)
    blocks = grid(advances)
    if len(bonuses) == 1 and len(bonuses[0]) == 1:
        per_bonus = [[blocks]]  # one bonus: every advance in the range counts
    elif len(bonuses[0]) == 1 and len(blocks) == len(bonuses):
        per_bonus = [[row] for row in blocks]  # a column of bonuses: advances row by row
    else:
        raise InputError(f"annual_bonus is {len(bonuses)}×{len(bonuses[0])} but advances has "
                         f"{len(blocks)} rows: give one row of advances per annual bonus")

    def settle(annual_bonus, advances, deferral_share, soe):
        return amount(settlement(annual_bonus, values(advances, "advances", ordered=False),
                                 _deferral(deferral_share, soe)))

    return each(settle, ("annual_bonus",), function="XP_SETTLE", annual_bonus=bonuses,
                advances=per_bonus, deferral_share=deferral_share, soe=soe)
