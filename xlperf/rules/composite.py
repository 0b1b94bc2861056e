"""Weights and weighted scores: an executive's indicators combined, with subtotals by category.

Weights may be given as fractions (0.3) or as percentages (30); a set is accepted when it
adds to 100% after rounding to 2 decimals (of a percent), and is otherwise an error that
names the weights. Weighted scores use the weights divided by their actual sum, so 33.333 ×
3 (99.999%) weighs each line exactly a third.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.money import round_half_up, round_score


def _percent_text(value: float) -> str:
    return f"{float(round_half_up(value, 2)):g}%"


MAX_WEIGHT = 100.0  # one weight is at most the whole: 100 (%), or 1 as a fraction


def weight_value(value: object, what: str = "weight") -> float:
    """One weight as a number: zero or more, at most 100 (30, "30%" and 0.3 all read)."""
    weight = inputs.non_negative(value, what, field="weight")
    if weight > MAX_WEIGHT:
        raise InputError(f"{what} is {inputs.describe(value)}, expected a percentage up to "
                         "100% (30, 30% or 0.3)", field="weight")
    return weight


def checked_weights(weights: Sequence[object], what: str = "weights") -> tuple[float, ...]:
    """The weights as numbers, checked: none negative, adding to 100% (or to 1).

    Returns them as given (fractions or percentages); use :func:`as_fractions` to get
    fractions that add to 1.
    """
    values = tuple(weight_value(w, f"weight {i}") for i, w in enumerate(weights, start=1))
    if not values:
        raise InputError(f"no {what} given", field="weight")
    total = sum(values)
    if round_half_up(total, 4) == 1 or round_half_up(total, 2) == 100:
        return values
    fractions = [i for i, v in enumerate(values, start=1) if 0 < v < 1]
    wholes = [i for i, v in enumerate(values, start=1) if v >= 1]
    if fractions and any(values[i - 1] > 1 for i in wholes):
        raise InputError(_mixed_weights(values, what, fractions, wholes), field="weight")
    shown = total * 100 if max(values) <= 1 else total
    listed = ", ".join(_percent_text(v * 100 if max(values) <= 1 else v) for v in values)
    raise InputError(f"{what} add to {_percent_text(shown)}, expected 100% ({listed})",
                     field="weight")


def _mixed_weights(values: Sequence[float], what: str, fractions: list[int],
                   wholes: list[int]) -> str:
    """Weights typed both ways (0.3 and 10): the odd ones out named, by their place in the
    list ("weight 2 = 10", which the workbook reader says as its cell, "F20 = 10"), and
    every weight as typed ("30%" is 0.3), not read as percentages."""
    def typed(v: float) -> str:
        return f"{float(round_half_up(v, 6)):g}"

    odd, kind = ((wholes, "whole percentage{s} (30) among fractions (0.3 = 30%)")
                 if len(wholes) <= len(fractions) else
                 (fractions, "fraction{s} (0.3 = 30%) among whole percentages (30)"))
    named = ", ".join(f"weight {i} = {typed(values[i - 1])}" for i in odd)
    many = len(odd) > 1
    kind = kind.format(s="s" if many else "")
    return (f"{what} are typed two ways: {named} look{'' if many else 's'} like "
            f"{'' if many else 'a '}{kind}; type them all one way "
            f"({', '.join(typed(v) for v in values)})")


def as_fractions(weights: Sequence[object], what: str = "weights") -> tuple[float, ...]:
    """Checked weights scaled to fractions that add to 1.

    The division is done in decimal on the weights as shown, so 30 of 100 and 0.3 of 1 give
    the very same float: a set of weights and the same set ×100 score identically.
    """
    shown = [inputs.decimal(v, "weight") for v in checked_weights(weights, what)]
    total = sum(shown)
    return tuple(float(v / total) for v in shown)


def _scores_and_fractions(scores: Sequence[object], weights: Sequence[object],
                          what: str) -> tuple[list[float], tuple[float, ...]]:
    """The scores as numbers ("90" from a cell reads as 90) and ``weights`` as fractions
    adding to 1, after checking there is one weight per score."""
    if scores is None or isinstance(scores, str | bytes):
        raise InputError(f"scores are {inputs.describe(scores)}, expected a list", field="score")
    if weights is None or isinstance(weights, str | bytes):
        raise InputError(f"{what} are {inputs.describe(weights)}, expected a list",
                         field="weight")
    if len(scores) != len(weights):
        raise InputError(f"{len(scores)} scores but {len(weights)} weights: give one weight "
                         "per score", field="weight")
    fractions = as_fractions(weights, what)
    return [inputs.points(s, f"score {i}", field="score")
            for i, s in enumerate(scores, start=1)], fractions


def weighted_score(scores: Sequence[float], weights: Sequence[object],
                   places: int = 2, what: str = "weights") -> float:
    """Σ score × weight / Σ weight, rounded half-up to ``places`` decimals (a score of record)."""
    values, fractions = _scores_and_fractions(scores, weights, what)
    return round_score(_weighted_sum(values, fractions), places)


def _weighted_sum(values: Sequence[float], fractions: Sequence[float]) -> float:
    """Σ value × fraction."""
    return sum(v * f for v, f in zip(values, fractions, strict=True))


@dataclasses.dataclass(frozen=True, slots=True)
class CategorySubtotal:
    """One category of an executive's contract: its weight, points and score."""

    category: str
    weight: float  # fraction of the whole contract
    points: float  # Σ score × weight over the category (its contribution to the total)

    @property
    def score(self) -> float:
        """The category's own score, 0–100+ (points / weight)."""
        return self.points / self.weight if self.weight else 0.0


@dataclasses.dataclass(frozen=True, slots=True)
class Composite:
    """A weighted composite score with its subtotals by category, in first-seen order."""

    score: float
    categories: tuple[CategorySubtotal, ...]


def composite_by_category(categories: Sequence[str], scores: Sequence[float],
                          weights: Sequence[object], places: int = 2,
                          what: str = "indicator weights") -> Composite:
    """The weighted composite of scored indicators and its subtotals by category."""
    if len(categories) != len(scores):
        raise InputError(f"{len(categories)} categories but {len(scores)} scores: give one "
                         "category per indicator", field="category")
    values, fractions = _scores_and_fractions(scores, weights, what)
    total = round_score(_weighted_sum(values, fractions), places)
    order: dict[str, list[float]] = {}
    for category, score, weight in zip(categories, values, fractions, strict=True):
        sub = order.setdefault(category, [0.0, 0.0])
        sub[0] += weight
        sub[1] += score * weight
    subtotals = tuple(CategorySubtotal(c, w, p) for c, (w, p) in order.items())
    return Composite(total, subtotals)
