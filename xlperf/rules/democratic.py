"""360 democratic evaluation (民主测评) by rater group, and the duty-report (述职) panel score.

A group's score is the mean of its raters, dropping the highest and the lowest rating when
the group has ``trim_from`` (5) raters or more. A group with fewer than ``min_raters`` (3) is
dropped, the remaining group weights are re-normalised, and a warning says so. Results carry
only group figures, never a single rater's name or score.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.composite import as_fractions, checked_weights
from xlperf.rules.money import round_score

GROUP_ALIASES = {
    "superior": "superior", "superiors": "superior", "上级": "superior",
    "peer": "peer", "peers": "peer", "同级": "peer", "平级": "peer",
    "subordinate": "subordinate", "subordinates": "subordinate", "下级": "subordinate",
}

GROUP_LABELS_ZH = {"superior": "上级", "peer": "同级", "subordinate": "下级"}
SCORE_LOW, SCORE_HIGH = 0.0, 100.0  # the scale of a 360 rating and a duty-report panel score
MIN_RATERS = 3  # a group with fewer raters is left out (and stays anonymous)
TRIM_FROM = 5  # from this many raters the highest and lowest rating are dropped


@dataclasses.dataclass(frozen=True)
class DemocraticRules:
    """Group weights and the rater-count rules of the 360 evaluation."""

    group_weights: tuple[tuple[str, float], ...] = (
        ("superior", 0.4), ("peer", 0.3), ("subordinate", 0.3))
    min_raters: int = MIN_RATERS
    trim_from: int = TRIM_FROM

    def __post_init__(self) -> None:
        rows = inputs.pairs(self.group_weights, "360 group weights", '("superior", 0.4)')
        weights = checked_weights([w for _, w in rows], "360 group weights")  # 0.4, "40%", 40
        object.__setattr__(self, "group_weights", tuple(
            zip((group_name(g) for g, _ in rows), weights, strict=True)))
        for name in ("min_raters", "trim_from"):  # whole numbers: 3, 3.0 or "3"
            object.__setattr__(self, name, inputs.count(getattr(self, name), name, field=name))
        if self.min_raters < 1:
            raise InputError(f"min_raters is {self.min_raters}, expected 1 or more")
        if self.trim_from < 3:
            raise InputError(f"trim_from is {self.trim_from}: trimming the highest and lowest "
                             "needs at least 3 raters")

    def weight_of(self, group: str) -> float:
        """The configured weight of a group (0 if it has none)."""
        return dict(self.group_weights).get(group, 0.0)


def group_name(group: object, what: str = "rater group") -> str:
    """``superior``, ``peer`` or ``subordinate`` from any accepted spelling (上级, 同级, 下级)."""
    key = inputs.choice(inputs.text(group, what, field="group"))
    if key not in GROUP_ALIASES:
        raise InputError(f"{what} is {inputs.describe(group)}, expected superior, peer or "
                         "subordinate (上级, 同级, 下级)", field="group")
    return GROUP_ALIASES[key]


def trimmed_mean(values: Sequence[float], trim_from: int = TRIM_FROM) -> float:
    """The mean, without the single highest and lowest value once there are ``trim_from``+."""
    if not values:
        raise InputError("no ratings to average")
    ordered = sorted(values)
    if len(ordered) >= trim_from:
        ordered = ordered[1:-1]
    return sum(ordered) / len(ordered)


@dataclasses.dataclass(frozen=True, slots=True)
class GroupScore:
    """One rater group's result: how many rated, their (trimmed) mean, the weight used."""

    group: str
    raters: int
    mean: float | None  # None when the group was dropped
    weight: float  # weight after re-normalising; 0 for a dropped group
    trimmed: bool

    @property
    def dropped(self) -> bool:
        """True when the group had too few raters to count."""
        return self.mean is None


@dataclasses.dataclass(frozen=True, slots=True)
class DemocraticResult:
    """The 360 score and its groups, with warnings for dropped groups."""

    score: float
    groups: tuple[GroupScore, ...]
    warnings: tuple[str, ...]


def _ratings_by_group(ratings: Sequence[tuple[object, object]]) -> dict[str, list[float]]:
    by_group: dict[str, list[float]] = {}
    for i, (group, score) in enumerate(ratings, start=1):
        if inputs.is_blank(score):
            continue  # a rater who gave no rating: left out (its position still counts)
        value = inputs.points(score, f"rating {i}", field="score")
        if not SCORE_LOW <= value <= SCORE_HIGH:
            raise InputError(f"rating {i} is {value:g}, expected {SCORE_LOW:g} to "
                             f"{SCORE_HIGH:g}", field="score")
        by_group.setdefault(group_name(group, f"rater group {i}"), []).append(value)
    return by_group


def democratic_score(ratings: Sequence[tuple[object, object]],
                     rules: DemocraticRules = DemocraticRules(),  # noqa: B008
                     places: int = 2) -> DemocraticResult:
    """The 360 score from (group, score 0–100) ratings; see the module doc for the rules."""
    by_group = _ratings_by_group(ratings)
    unknown = set(by_group) - {g for g, _ in rules.group_weights}
    if unknown:
        raise InputError(f"rater group {sorted(unknown)[0]} has no weight among the group "
                         f"weights ({', '.join(g for g, _ in rules.group_weights)})",
                         field="group")
    kept, warnings = {}, []
    for group, weight in rules.group_weights:
        scores = by_group.get(group, [])
        if weight and len(scores) < rules.min_raters:
            warnings.append(f"360 group {group} has {len(scores)} rater(s), fewer than "
                            f"{rules.min_raters}: left out, other groups re-weighted")
        elif weight:
            kept[group] = trimmed_mean(scores, rules.trim_from)
    if not kept:
        raise InputError(f"no 360 rater group has {rules.min_raters} or more raters",
                         field="group")
    kept_weight = sum(rules.weight_of(g) for g in kept)
    groups = tuple(
        GroupScore(g, len(by_group.get(g, [])), kept.get(g),
                   rules.weight_of(g) / kept_weight if g in kept else 0.0,
                   len(by_group.get(g, [])) >= rules.trim_from)
        for g, _ in rules.group_weights)
    score = sum(gs.mean * gs.weight for gs in groups if gs.mean is not None)
    return DemocraticResult(round_score(score, places), groups, tuple(warnings))


def duty_report_score(panel_scores: Sequence[object], trim_from: int = TRIM_FROM,
                      places: int = 2) -> float:
    """The duty-report (述职) score: the panel's mean, trimmed like a 360 group."""
    values = [inputs.points(s, f"panel score {i}", field="score")
              for i, s in enumerate(panel_scores, start=1)
              if not inputs.is_blank(s)]
    if not values:
        raise InputError("no duty-report panel scores given", field="score")
    for i, v in enumerate(values, start=1):
        if not SCORE_LOW <= v <= SCORE_HIGH:
            raise InputError(f"panel score {i} is {v:g}, expected {SCORE_LOW:g} to "
                             f"{SCORE_HIGH:g}", field="score")
    return round_score(trimmed_mean(values, trim_from), places)


def group_weights_from(mapping: Mapping[str, object]) -> tuple[tuple[str, float], ...]:
    """Group weights from a mapping such as ``{"上级": 40, "同级": 30, "下级": 30}``."""
    names = [group_name(g) for g in mapping]
    return tuple(zip(names, as_fractions(list(mapping.values()), "360 group weights"),
                     strict=True))
