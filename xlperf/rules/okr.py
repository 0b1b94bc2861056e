"""OKR (seed 000): objectives with 2–5 weighted key results scored 0.0–1.0 (0.7 = achieved).

An objective's score is the weighted mean of its key results; the overall OKR score is the
weighted mean of the objectives (equal weights when none are given). Scores stay on the
0.0–1.0 scale and are not rounded; ×100 when they feed the individual part.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.composite import as_fractions

MIN_KEY_RESULTS = 2
MAX_KEY_RESULTS = 5
ACHIEVED = 0.7


KR_LOW, KR_HIGH = 0.0, 1.0  # a key result's score (0.7 = achieved)


def kr_score(value: object, what: str = "key-result score") -> float:
    """A key-result score, checked to lie on the 0.0–1.0 scale."""
    score = inputs.number(value, what, field="score")
    if not KR_LOW <= score <= KR_HIGH:
        raise InputError(f"{what} is {score:g}, expected {KR_LOW:.1f} to {KR_HIGH:.1f}",
                         field="score")
    return score


def weighted_okr(scores: Sequence[object], weights: Sequence[object] | None = None,
                 what: str = "key-result weights") -> float:
    """The weighted mean of 0.0–1.0 scores (equal weights when ``weights`` is None)."""
    values = [kr_score(s) for s in scores]
    if not values:
        raise InputError("no key-result scores given", field="score")
    if weights is None:
        return sum(values) / len(values)
    if len(weights) != len(values):
        raise InputError(f"{len(values)} scores but {len(weights)} weights", field="weight")
    return sum(s * w for s, w in zip(values, as_fractions(weights, what), strict=True))


@dataclasses.dataclass(frozen=True, slots=True)
class KeyResult:
    """One key result: its name, weight and score (0.0–1.0)."""

    name: str
    weight: float
    score: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "score", kr_score(self.score, f"key result {self.name} score"))
        object.__setattr__(self, "weight", inputs.non_negative(
            self.weight, f"key result {self.name} weight", field="weight"))


@dataclasses.dataclass(frozen=True, slots=True)
class Objective:
    """An objective with its key results; ``aligns_to`` names the company objective it serves."""

    name: str
    key_results: tuple[KeyResult, ...]
    weight: float | None = None
    aligns_to: str = ""

    def __post_init__(self) -> None:
        n = len(self.key_results)
        if not MIN_KEY_RESULTS <= n <= MAX_KEY_RESULTS:
            raise InputError(f"objective {self.name} has {n} key result(s), expected "
                             f"{MIN_KEY_RESULTS} to {MAX_KEY_RESULTS}", field="key_results")

    @property
    def score(self) -> float:
        """The weighted mean of the key-result scores, 0.0–1.0."""
        return weighted_okr([kr.score for kr in self.key_results],
                            [kr.weight for kr in self.key_results],
                            f"key-result weights of objective {self.name}")

    @property
    def achieved(self) -> bool:
        """True at 0.7 or more, Google's "achieved"."""
        return self.score >= ACHIEVED


def okr_score(objectives: Sequence[Objective]) -> float:
    """The overall OKR score: objectives weighted by their weights (equal when none given)."""
    if not objectives:
        raise InputError("no OKR objectives given", field="objective")
    given = [o.weight for o in objectives]
    if all(w is None for w in given):
        return weighted_okr([o.score for o in objectives])
    if any(w is None for w in given):
        raise InputError("give every objective a weight, or none", field="weight")
    return weighted_okr([o.score for o in objectives], given, "objective weights")
