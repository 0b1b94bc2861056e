"""The annual score (表-1) from its four parts, and the term score over several years.

annual = business × w1 + individual × w2 + duty report × w3 + 360 democratic × w4
(demo: 40% / 30% / 10% / 20%), rounded half-up to 2 decimals: the score of record that the
grade is read from. Each part is scored 0–100 (domain §3): an indicator may score above 100
(ratio up to 120, the curve up to 150), but the business or individual part it makes counts
at most :data:`PART_SCORE_CAP` (:func:`part_score`). The duty report and the 360 are means of
0–100 scores, so outside 0–100 they are errors; so is a part below 0. The formulas and the
batch both go through :func:`annual_score`, so the same parts give the same annual score.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.composite import as_fractions, weighted_score
from xlperf.rules.democratic import SCORE_HIGH, SCORE_LOW
from xlperf.rules.money import round_score

PARTS = ("business", "individual", "duty_report", "democratic")

PART_LABELS = {
    "business": ("Business performance", "企业经营业绩"),
    "individual": ("Individual performance", "个人业绩"),
    "duty_report": ("Duty report", "述职"),
    "democratic": ("360 democratic evaluation", "民主测评"),
}


@dataclasses.dataclass(frozen=True)
class PartWeights:
    """The weights of the four parts of the annual score (fractions adding to 1)."""

    business: float = 0.4
    individual: float = 0.3
    duty_report: float = 0.1
    democratic: float = 0.2

    def __post_init__(self) -> None:
        fractions = as_fractions(self.as_tuple(), "annual part weights")
        for name, value in zip(PARTS, fractions, strict=True):
            object.__setattr__(self, name, value)

    def as_tuple(self) -> tuple[float, float, float, float]:
        """(business, individual, duty_report, democratic)."""
        return (self.business, self.individual, self.duty_report, self.democratic)

    @classmethod
    def from_values(cls, values: Sequence[object]) -> PartWeights:
        """Part weights from four values in the order of :data:`PARTS` (30 or 0.3 alike)."""
        if len(values) != 4:
            raise InputError(f"annual part weights: got {len(values)} values, expected 4 "
                             "(business, individual, duty report, democratic)", field="weight")
        return cls(*values)


PART_SCORE_CAP = 100.0  # 表-1 scores each part out of 100


def part_score(weighted: object, cap: object = PART_SCORE_CAP, what: str = "part score",
               field: str | None = None) -> float:
    """A part of the annual score as it counts: the weighted score of its indicators, at
    most ``cap`` (100: each part is scored 0–100, so over-achievement on one indicator
    makes up for another's shortfall but does not lift the part above full marks). Below 0
    is an error, never a deduction from the other parts."""
    value = inputs.points(weighted, what, field=field)
    if value < SCORE_LOW:
        raise InputError(f"{what} is {inputs.describe(weighted)}, expected zero or more (a part "
                         "is scored 0–100)", field=field)
    return min(value, checked_part_cap(cap))


def rated_part(value: object, what: str, field: str | None = None,
               highest: float = SCORE_HIGH) -> float:
    """The duty-report or 360 part (a mean of 0–100 scores) or an annual score of a term:
    outside 0 to ``highest`` (100) is an error, as a panel score or a rating outside it is."""
    score = inputs.points(value, what, field=field)
    if not SCORE_LOW <= score <= highest:
        raise InputError(f"{what} is {inputs.describe(value)}, expected {SCORE_LOW:g} to "
                         f"{highest:g}", field=field)
    return score


def checked_part_cap(cap: object) -> float:
    """A part score cap as a number above 0, read as every score cap is
    (:func:`inputs.cap_points`: "100%" and a 100% cell, 1, are 100)."""
    limit = inputs.cap_points(cap, "part score cap", field="cap")
    if limit <= 0:
        raise InputError(f"part score cap is {inputs.describe(cap)}, expected more than 0",
                         field="cap")
    return limit


INDICATOR_PARTS = ("business", "individual")  # weighted indicators: at most the cap


def annual_score(business: object, individual: object, duty_report: object, democratic: object,
                 weights: PartWeights = PartWeights(), places: int = 2,  # noqa: B008
                 cap: object = PART_SCORE_CAP) -> float:
    """The annual score from its four part scores and the part weights.

    The business and individual parts count at most ``cap`` (:func:`part_score`, the
    policy's ``part_score_cap``); the duty report and the 360 are 0–100
    (:func:`rated_part`); a part below 0 is an error. A part may be left empty only when
    its weight is 0.
    """
    parts = []
    for name, value, weight in zip(PARTS, (business, individual, duty_report, democratic),
                                   weights.as_tuple(), strict=True):
        label = f"{PART_LABELS[name][0].lower()} score"
        if inputs.is_blank(value):
            if weight:
                raise InputError(f"{label} is empty but weighs {weight:.0%}", field=name)
            value = 0.0
        parts.append(part_score(value, cap, label, name) if name in INDICATOR_PARTS
                     else rated_part(value, label, name))
    return weighted_score(parts, weights.as_tuple(), places, "annual part weights")


def term_score(annual_scores: Sequence[object], weights: Sequence[object] | None = None,
               places: int = 2, cap: object = PART_SCORE_CAP) -> float:
    """The term score (任期): the mean of the term's annual scores, or their weighted mean.

    A blank year (not appraised) is left out and the other years' weights share its part,
    as a 360 group left out does: weights 20/30/50 with the first year blank weigh the
    other two 30:50. An annual score is 0 to 100 (to ``cap``, the part score cap, when
    that is higher): outside is an error."""
    if weights is not None and len(weights) != len(annual_scores):
        raise InputError(f"{len(annual_scores)} annual scores but {len(weights)} year weights: "
                         "give one weight per year", field="weights")
    kept = [(i, s) for i, s in enumerate(annual_scores)
            if not inputs.is_blank(s)]
    if not kept:
        raise InputError("no annual scores for the term", field="score")
    highest = max(checked_part_cap(cap), SCORE_HIGH)  # every part at most 100 or the cap
    scores = [rated_part(s, f"annual score {i + 1}", "score", highest) for i, s in kept]
    # the term's weights add to 100% over the whole term (checked even when a year is blank);
    # the years appraised share it, so with every year appraised this is the weighted mean
    fractions = (1.0,) * len(annual_scores) if weights is None else as_fractions(
        weights, "term year weights")
    shares = [fractions[i] for i, _ in kept]
    total = math.fsum(shares)  # exactly 1.0 for a full set of fractions, so nothing moves
    if not total:
        raise InputError("every year with a score has weight 0", field="weights")
    return round_score(math.fsum(f * s for f, s in zip(shares, scores, strict=True)) / total,
                       places)
