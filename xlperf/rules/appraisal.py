"""One executive's year, end to end: indicators → parts → annual score → grade → pay.

This is the path the batch report takes; the Excel formulas call the same rule functions
one step at a time. Every input problem of the executive is collected and raised together.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from xlperf.errors import InputError, InputErrors
from xlperf.model import Appraisal, AppraisalInput, Indicator, IndicatorResult
from xlperf.policy import DEMO_POLICY, Policy
from xlperf.rules.annual import annual_score, part_score
from xlperf.rules.bonus import BonusRules, Payout, YearExtra, bonus_amount, payout, year_extra
from xlperf.rules.china.soe import soe_deferral_share
from xlperf.rules.composite import (
    Composite,
    as_fractions,
    checked_weights,
    composite_by_category,
)
from xlperf.rules.democratic import DemocraticResult, democratic_score, duty_report_score
from xlperf.rules.grades import consecutive_flag, grade_after_veto
from xlperf.rules.money import round_score
from xlperf.rules.okr import okr_score
from xlperf.rules.scoring import incidents_vetoed, score_indicator

T = TypeVar("T")


class _Collector:
    """Runs steps, keeping the first error of each and locating it at its input's origin."""

    def __init__(self) -> None:
        self.errors: list[InputError] = []

    def run(self, step: Callable[[], T], origin: tuple[str, int] | None = None,
            sheet: str | None = None, rows: tuple[int, ...] = ()) -> T | None:
        try:
            return step()
        except InputErrors as many:
            self.errors.extend(many.errors)
        except InputError as error:
            if origin:
                error = error.at(origin[0], row=origin[1])
            elif sheet:
                error = error.at(sheet, rows=rows)
            self.errors.append(error)
        return None

    def raise_any(self) -> None:
        """Raise every error collected so far, together."""
        if self.errors:
            raise InputErrors(self.errors)


def _indicator_score(indicator: Indicator, okr: float | None, policy: Policy) -> float:
    actual = indicator.actual
    if indicator.method == "okr" and actual is None and okr is not None:
        actual = okr  # an OKR line without its own actual takes the overall OKR score
    return score_indicator(indicator.method, actual, indicator.target, indicator.params,
                           policy.scoring)


def _part(results: list[IndicatorResult], part: str, policy: Policy) -> Composite | None:
    lines = [r for r in results if r.indicator.part == part]
    if not lines:
        return None
    return composite_by_category([r.indicator.category for r in lines],
                                 [r.score for r in lines],
                                 [r.indicator.weight for r in lines],
                                 policy.score_decimals, f"{part} indicator weights")


def _with_part_weights(results: list[IndicatorResult]) -> tuple[IndicatorResult, ...]:
    """Each line's share of its part, as the composite weighs it (``as_fractions``), so 30 of
    100 and 0.3 of 1 give the very same share."""
    by_part: dict[str, list[IndicatorResult]] = {}
    for r in results:
        by_part.setdefault(r.indicator.part, []).append(r)
    shares = {id(r): share for lines in by_part.values()
              for r, share in zip(lines, as_fractions([r.indicator.weight for r in lines]),
                                  strict=True)}
    return tuple(IndicatorResult(r.indicator, r.score, shares[id(r)], r.vetoed)
                 for r in results)


def _individual_score(individual: Composite | None, okr: float | None,
                      policy: Policy) -> float:
    if individual is not None:
        return part_score(individual.score, policy.part_score_cap)
    if okr is not None:
        return round_score(okr * 100.0, policy.score_decimals)
    raise InputError("no individual indicators and no OKR: the individual part needs one or "
                     "the other", sheet="Indicators")


def appraise(data: AppraisalInput, policy: Policy = DEMO_POLICY) -> Appraisal:
    """Appraise and pay one executive; raises :class:`InputErrors` listing every problem."""
    check = _Collector()
    okr = check.run(lambda: okr_score(data.objectives), sheet="OKR") if data.objectives else None
    results = []
    for ind in data.indicators:
        if ind.method == "okr" and ind.actual is None and data.objectives and okr is None:
            continue  # it takes the OKR score, whose errors are listed: not one more here
        score = check.run(lambda ind=ind: _indicator_score(ind, okr, policy), ind.origin)
        if score is None:
            continue  # a bad actual is one error, not one for the score and one for the veto
        vetoed = check.run(lambda ind=ind: incidents_vetoed(ind.method, ind.actual, ind.veto),
                           ind.origin)
        if vetoed is not None:
            results.append(IndicatorResult(ind, score, 0.0, vetoed))
    for part in ("business", "individual"):  # checked here too, so a bad score hides no sum
        lines = [i for i in data.indicators if i.part == part]
        if lines:  # located at the part's own rows (when all are known)
            rows = tuple(i.origin[1] for i in lines if i.origin)
            check.run(lambda w=[i.weight for i in lines], p=part: checked_weights(
                w, f"{p} indicator weights"), sheet="Indicators",
                rows=rows if len(rows) == len(lines) else ())
    if not any(i.part == "business" for i in data.indicators):
        check.errors.append(InputError("no business indicators: the business part needs at "
                                       "least one", sheet="Indicators"))
    for year in data.history:
        check.run(lambda year=year: policy.grades.known(year.grade, f"{year.year} grade"),
                  year.origin, sheet="History")
    duty = check.run(lambda: duty_report_score(data.duty_panel, policy.democratic.trim_from,
                                               policy.score_decimals), sheet="DutyReport")
    democratic = check.run(lambda: democratic_score(
        [(r.group, r.score) for r in data.ratings], policy.democratic, policy.score_decimals),
        sheet="Ratings360")
    check.raise_any()
    business = check.run(lambda: _part(results, "business", policy), sheet="Indicators")
    individual = check.run(lambda: _part(results, "individual", policy), sheet="Indicators")
    individual_score = check.run(lambda: _individual_score(individual, okr, policy))
    check.raise_any()
    parts = _Parts(business, part_score(business.score, policy.part_score_cap), individual,
                   okr, individual_score, duty, democratic)
    return _grade_and_pay(data, policy, _with_part_weights(results), parts)


@dataclasses.dataclass(frozen=True)
class _Parts:
    business: Composite
    business_score: float  # the part as it counts: at most the part score cap
    individual: Composite | None
    okr: float | None
    individual_score: float
    duty_report: float
    democratic: DemocraticResult


def _warnings(democratic: DemocraticResult, vetoes: tuple[str, ...], flag: bool,
              pay: Payout, policy: Policy) -> tuple[str, ...]:
    warnings = list(democratic.warnings)
    if vetoes:
        warnings.append(f"veto (一票否决) by {', '.join(vetoes)}: grade capped at "
                        f"{policy.veto_cap}")
    if flag:
        warnings.append(f"grade {policy.consecutive_worst} or worse "
                        f"{policy.consecutive_years} years running: review for demotion")
    if pay.to_recover:
        warnings.append("advances paid exceed the year's payout: the difference is to recover")
    return tuple(warnings)


def _run_of_years(data: AppraisalInput, grade: str, years: int) -> list[str | None]:
    """The grades of the ``years`` calendar years ending with this one, oldest first.

    A year with no grade in the history is blank, so C in 2022 and C now (2026) are not
    "two consecutive years" however the history rows run.
    """
    by_year = {past.year: past.grade for past in data.history}
    return [by_year.get(data.year - back) for back in range(years - 1, 0, -1)] + [grade]


def _bonus_rules(data: AppraisalInput, policy: Policy) -> BonusRules:
    """The policy's bonus rules, with the central-SOE deferral for an executive under it."""
    if data.soe_pay is None:
        return policy.bonus
    share = soe_deferral_share(policy.bonus.deferral_share, policy.soe)
    return dataclasses.replace(policy.bonus, deferral_share=float(share))


def _grade_and_pay(data: AppraisalInput, policy: Policy, results: tuple[IndicatorResult, ...],
                   parts: _Parts) -> Appraisal:
    annual = annual_score(parts.business_score, parts.individual_score, parts.duty_report,
                          parts.democratic.score, policy.part_weights, policy.score_decimals,
                          policy.part_score_cap)
    by_score = policy.grades.grade_for(annual)
    vetoes = tuple(r.indicator.name for r in results if r.vetoed)
    grade = grade_after_veto(by_score, bool(vetoes), policy.grades, policy.veto_cap)
    coefficient = policy.coefficients.coefficient_for(grade, annual, bool(vetoes))
    ex = data.executive
    try:
        bonus = bonus_amount(coefficient, ex.bonus_standard, ex.months_served, ex.bonus_cap)
        extra = (year_extra(ex.long_term_achievement, ex.bonus_standard, policy.bonus,
                            coefficient, bool(vetoes))
                 if ex.long_term_achievement is not None else YearExtra(Decimal("0.00")))
        pay = payout(bonus, extra.amount, data.advances, _bonus_rules(data, policy))
    except InputError as error:  # an amount too large to pay: said at the bonus standard
        if ex.origin is None:  # (advances that add up to too much: at the first advance)
            raise
        field = "advance_q1" if error.field == "advance" else "bonus_standard"
        raise InputError(error.message, field=field, sheet=ex.origin[0],
                         row=ex.origin[1]) from error
    flag = consecutive_flag(_run_of_years(data, grade, policy.consecutive_years),
                            policy.grades, policy.consecutive_worst, policy.consecutive_years)
    return Appraisal(data, results, parts.business, parts.business_score, parts.individual,
                     parts.okr, parts.individual_score, parts.duty_report, parts.democratic,
                     annual, by_score, grade, vetoes, coefficient, pay, flag,
                     _warnings(parts.democratic, vetoes, flag, pay, policy), extra.withheld)
