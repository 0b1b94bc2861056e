"""Indicator → score on a 0–100+ scale, one function per scoring method (domain §2).

A better actual never lowers a score; a zero or missing target is an input error, never a
division by zero. Indicator scores are not rounded: they are rounded where they become a
score of record (a weighted part score, the annual score).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.curves import Curve, StepTable

METHODS = ("ratio", "inverse_ratio", "curve", "band", "zero_tolerance", "binary", "rating", "okr")

METHOD_HELP = {
    "ratio": "higher is better: actual / target × 100, clamped to [floor, cap]",
    "inverse_ratio": "lower is better: target / actual × 100, clamped; actual 0 scores cap",
    "curve": "piecewise-linear curve of achievement % → score; 0 below the first point",
    "band": "step table: achievement % at or above a band's lower bound scores its points",
    "zero_tolerance": "incidents: 0 scores 100, each deducts per_incident, floor 0; "
                      "with veto any incident caps the grade (一票否决)",
    "binary": "done / not done: 100 or 0",
    "rating": "a rating on a scale (1–5) mapped linearly onto 0–100",
    "okr": "key-result score 0.0–1.0 (0.7 = achieved), shown ×100",
}

_ALIASES = {"inverse": "inverse_ratio", "inverse ratio": "inverse_ratio", "zero": "zero_tolerance",
            "zero tolerance": "zero_tolerance", "veto": "zero_tolerance", "bands": "band",
            "比率": "ratio", "反向比率": "inverse_ratio", "曲线": "curve", "分档": "band",
            "零容忍": "zero_tolerance", "是否": "binary", "评级": "rating"}


NUMBER_PARAMS = ("floor", "cap", "per_incident", "rating_low", "rating_high")  # ScoringParams
_READ = {"floor": inputs.points,  # a score: "120%" typed as text is 120 points
         "cap": inputs.cap_points}  # the same, and a 120% cell (1.2) is 120 too


def _parameter(value: object, name: str) -> float:
    """A scoring parameter as a finite number; a floor read as a score is
    (:func:`inputs.points`), a cap as every score cap is (:func:`inputs.cap_points`)."""
    return _READ.get(name, inputs.number)(value, name, field=name)


@dataclasses.dataclass(frozen=True)
class ScoringDefaults:
    """The parameters an indicator gets when its row leaves them out (demo defaults)."""

    floor: float = 0.0
    cap: float = 120.0
    curve: Curve = Curve(((80.0, 50.0), (100.0, 100.0), (120.0, 150.0)))
    bands: StepTable = StepTable(((100.0, 100.0), (90.0, 85.0), (80.0, 70.0)))
    per_incident: float = 50.0
    rating_low: float = 1.0
    rating_high: float = 5.0

    def __post_init__(self) -> None:
        for name in NUMBER_PARAMS:  # finite numbers (a NaN would silently disable a bound)
            object.__setattr__(self, name, _parameter(getattr(self, name), name))
        check_tables(self.curve, self.bands)
        for name in ("curve", "bands"):
            table = getattr(self, name)
            if looks_like_percent_cells(table):
                first = (table.points if name == "curve" else table.steps)[0][0]
                raise InputError(f"scoring {name} achievements look like fractions "
                                 f"({first:g}): give achievement % on 0–100, such as "
                                 f"{first * 100:g}", field=name)
        if self.cap < self.floor:
            raise InputError(f"cap {self.cap:g} is below floor {self.floor:g}")
        if self.per_incident < 0:
            raise InputError(f"per_incident is {self.per_incident:g}, expected zero or more")
        if not self.rating_low < self.rating_high:
            raise InputError(f"rating scale {self.rating_low:g}–{self.rating_high:g} "
                             "must run from low to high")


@dataclasses.dataclass(frozen=True, slots=True)
class ScoringParams:
    """One indicator's own parameters; ``None`` means "use the policy default"."""

    floor: float | None = None
    cap: float | None = None
    curve: Curve | None = None
    bands: StepTable | None = None
    per_incident: float | None = None
    rating_low: float | None = None
    rating_high: float | None = None

    def __post_init__(self) -> None:
        for name in NUMBER_PARAMS:  # blank stays None (the default); else a finite number
            value = getattr(self, name)
            if isinstance(value, float) and value != value:  # NaN is a mistake, not a blank
                raise InputError(f"{name} is NaN, expected a number or blank", field=name)
            object.__setattr__(self, name, None if inputs.is_blank(value)
                               else _parameter(value, name))
        check_tables(self.curve, self.bands, blank_allowed=True)
        if self.floor is not None and self.cap is not None:
            check_bounds(self.floor, self.cap, "cap")
        if self.rating_low is not None and self.rating_high is not None:
            check_scale(self.rating_low, self.rating_high)
        if self.per_incident is not None and self.per_incident < 0:
            raise InputError(f"per incident deduction is {self.per_incident:g}, "
                             "expected zero or more", field="per_incident")


def score_table_rows(rows: Iterable[Iterable[object]], what: str
                     ) -> list[tuple[float, float]]:
    """A scoring curve's or band table's (achievement %, points) rows as typed, the one
    reading of every such table (the policy's default curve and bands from TOML or Config,
    a workbook's scoring tables, XP_SCORE's, XP_CURVE's and XP_BAND's): in % cells (every
    achievement at most 10: 0.8, 1.0) the achievements are percentages (80, 100), and the
    points too when they are in % cells (0.5 → 50), by :func:`inputs.percent_rows`. Blank
    rows (the end of an Excel range) are left out."""
    kept = [cells for _, cells in inputs.table_rows(rows, what, field=what)]
    return inputs.percent_rows(kept, what, columns=("achievement", "score"), points=True)


def looks_like_percent_cells(table: Curve | StepTable) -> bool:
    """True when a scoring table's achievements are all at most 10 (and not all 0): typed
    in % cells (0.8 for 80%) and not read by :func:`score_table_rows`."""
    xs = [x for x, _ in (table.points if isinstance(table, Curve) else table.steps)]
    return inputs.fractions_of_percent(xs)


def check_tables(curve: object, bands: object, *, blank_allowed: bool = False) -> None:
    """A scoring curve must be a :class:`Curve` and a band table a :class:`StepTable`
    (points given as a tuple would fail only when scored); ``None`` is blank when allowed."""
    for name, value, kind in (("curve", curve, Curve), ("bands", bands, StepTable)):
        if not isinstance(value, kind) and not (blank_allowed and value is None):
            raise InputError(f"{name} is {inputs.describe(value)}, expected a "
                             f"{kind.__name__} (build it with {kind.__name__}.from_rows)",
                             field=name)


def check_bounds(floor: float, cap: float, field: str) -> None:
    """A floor above the cap is an error (``field`` names the one to fix)."""
    if cap < floor:
        raise InputError(f"cap {cap:g} is below floor {floor:g}", field=field)


def check_scale(low: float, high: float) -> None:
    """A rating scale must rise: its top above its bottom (no division by zero)."""
    if high <= low:
        raise InputError(f"rating scale {low:g} to {high:g}: the top must be above the bottom",
                         field="rating_high")


NO_PARAMS = ScoringParams()


def method_name(method: object) -> str:
    """The canonical name of a scoring method; an unknown name is an error listing them all."""
    if method is None or not str(method).strip():
        return "ratio"
    name = inputs.choice(method).replace("-", "_")
    name = _ALIASES.get(name, name)
    if name not in METHODS:
        raise InputError(f"method is {inputs.describe(method)}, expected one of "
                         f"{', '.join(METHODS)}", field="method")
    return METHODS[METHODS.index(name)]  # the constant: one string for every indicator


def clamp(score: float, floor: float | None, cap: float | None) -> float:
    """``score`` held inside ``[floor, cap]`` (either bound may be absent)."""
    if floor is not None and score < floor:
        score = floor
    if cap is not None and score > cap:
        score = cap
    return score


RATIOS = ("ratio", "inverse_ratio")


def _target(target: object, method: str = "ratio") -> float:
    """A target to divide by: 0 is an error that fits the method (a curve or band may
    leave it blank instead, to read the actual as the achievement %)."""
    value = inputs.number(target, "target", field="target")
    if value == 0 and method in RATIOS:
        raise InputError("target is 0: a ratio needs a non-zero target", field="target")
    if value == 0:
        raise InputError(f"target is 0: method {method} needs a non-zero target, or a blank "
                         "one to read the actual as the achievement %", field="target")
    return value


def tidy_percent(x: float) -> float:
    """``x`` rounded to 10 decimals, so 8.1 / 9 × 100 is 90, not 90.00000000000001.

    Float division leaves noise in the last bits; without this an achievement exactly on a
    band or curve point could land on either side of it. Written as round(x × 1e10) / 1e10
    (not ``round(x, 10)``) so numpy repeats it bit for bit in the vectorised path.
    """
    if abs(x) < 1e15:  # larger floats are whole numbers already (and x × 1e10 could overflow)
        return round(x * 1e10) / 1e10
    return x


def achievement_pct(actual: object, target: object, method: str = "ratio") -> float:
    """Achievement in percent: actual / target × 100 (``method`` words a zero target's error).

    A negative target (a loss to be reduced) reads as 100 + (actual − target) / |target| ×
    100, so a smaller loss still means a higher achievement.
    """
    a = inputs.number(actual, "actual", field="actual")
    t = _target(target, method)
    if t > 0:
        return tidy_percent(a / t * 100.0)
    return tidy_percent((1.0 + (a - t) / -t) * 100.0)


def score_ratio(actual: object, target: object, floor: float | None = 0.0,
                cap: float | None = 120.0) -> float:
    """Higher is better: actual / target × 100, clamped to [floor, cap]."""
    return clamp(achievement_pct(actual, target), floor, cap)


def score_inverse_ratio(actual: object, target: object, floor: float | None = 0.0,
                        cap: float | None = 120.0) -> float:
    """Lower is better (cost, days, error rate): target / actual × 100; actual 0 scores cap."""
    a = inputs.non_negative(actual, "actual", field="actual")
    t = _target(target, "inverse_ratio")
    if t < 0:
        raise InputError(f"target is {t:g}: lower-is-better targets must be positive",
                         field="target")
    if a == 0:
        if cap is None:
            raise InputError("actual is 0 and there is no cap to score it", field="actual")
        return cap
    return clamp(tidy_percent(t / a * 100.0), floor, cap)


def given_achievement(value: object, what: str = "achievement", *,
                      field: str | None = "actual") -> float:
    """An achievement % given directly (no target): 95, "95%" or a 95% cell (0.95), at most
    1000% (:func:`inputs.achievement`), its float noise cleared as a ratio's is."""
    return tidy_percent(inputs.achievement(value, what, field=field))


def _achievement(actual: object, target: object, method: str) -> float:
    if inputs.is_blank(target):
        given = tidy_percent(inputs.achievement_percent(actual, "achievement", field="actual"))
        if not inputs.is_achievement(given):  # 52,000 (万元) with its target left blank
            raise InputError(f"target is empty and actual {inputs.describe(actual)} is not an "
                             f"achievement % (at most {inputs.MAX_ACHIEVEMENT:g}%): fill in "
                             "the target", field="target")
        return given
    return achievement_pct(actual, target, method)


def score_curve(actual: object, target: object, curve: Curve) -> float:
    """The payout curve's score at the achievement % (actual / target × 100).

    Without a target the actual is the achievement itself: 95, "95%" or a 95% cell (0.95).
    """
    return curve.value_at(_achievement(actual, target, "curve"))


def score_band(actual: object, target: object, bands: StepTable) -> float:
    """The points of the highest band whose lower achievement % is reached (else 0).

    Without a target the actual is the achievement itself, read as :func:`score_curve` does.
    """
    return bands.value_at(_achievement(actual, target, "band"))


def score_zero_tolerance(incidents: object, per_incident: float = 50.0,
                         floor: float = 0.0) -> float:
    """0 incidents score 100; each incident deducts ``per_incident`` (zero or more: a
    negative deduction would add points); never below ``floor``."""
    n = inputs.count(incidents, "incidents", field="actual")
    per = inputs.non_negative(per_incident, "per_incident", field="per_incident")
    return max(floor, 100.0 - n * per)


def score_binary(done: object) -> float:
    """Done scores 100, not done 0."""
    return 100.0 if inputs.done(done, "done/not done", field="actual") else 0.0


def score_rating(rating: object, low: float = 1.0, high: float = 5.0) -> float:
    """A rating on the scale ``low``–``high`` mapped linearly onto 0–100."""
    check_scale(low, high)
    r = inputs.number(rating, "rating", field="actual")
    if not low <= r <= high:
        raise InputError(f"rating is {r:g}, expected {low:g} to {high:g}", field="actual")
    return (r - low) / (high - low) * 100.0


def score_okr(kr_score: object) -> float:
    """A key-result score on Google's 0.0–1.0 scale (0.7 = achieved), shown ×100."""
    s = inputs.number(kr_score, "OKR score", field="actual")
    if not 0.0 <= s <= 1.0:
        raise InputError(f"OKR score is {s:g}, expected 0.0 to 1.0", field="actual")
    return s * 100.0


def score_indicator(method: object, actual: object, target: object = None,
                    params: ScoringParams = NO_PARAMS,
                    defaults: ScoringDefaults = ScoringDefaults()) -> float:  # noqa: B008
    """One indicator's score by its method, with its own parameters or the policy defaults.

    ``ratio`` and ``inverse_ratio`` are clamped to the floor/cap (default 0/120); the other
    methods only when the indicator gives a floor or cap of its own.
    """
    name = method_name(method)
    if inputs.is_blank(actual):
        raise InputError("actual is empty", field="actual")
    floor = params.floor if params.floor is not None else defaults.floor
    cap = params.cap if params.cap is not None else defaults.cap
    if name in ("ratio", "inverse_ratio") and floor is not None and cap is not None:
        # an own floor above the policy's cap (or the reverse), as the workbook formula says
        check_bounds(floor, cap, "floor" if params.floor is not None else "cap")
    if name == "ratio":
        return score_ratio(actual, target, floor, cap)
    if name == "inverse_ratio":
        return score_inverse_ratio(actual, target, floor, cap)
    if name == "curve":
        raw = score_curve(actual, target, params.curve or defaults.curve)
    elif name == "band":
        raw = score_band(actual, target, params.bands or defaults.bands)
    elif name == "zero_tolerance":
        per = defaults.per_incident if params.per_incident is None else params.per_incident
        raw = score_zero_tolerance(actual, per, params.floor or 0.0)
    elif name == "binary":
        raw = score_binary(actual)
    elif name == "rating":
        raw = score_rating(actual,
                           defaults.rating_low if params.rating_low is None else params.rating_low,
                           defaults.rating_high if params.rating_high is None
                           else params.rating_high)
    else:
        raw = score_okr(actual)
    return clamp(raw, params.floor, params.cap)


def incidents_vetoed(method: object, actual: object, veto: bool) -> bool:
    """True when a veto indicator (一票否决) recorded at least one incident."""
    if not veto:
        return False
    if method_name(method) != "zero_tolerance":
        raise InputError("veto applies only to zero_tolerance indicators", field="veto")
    return inputs.count(actual, "incidents", field="actual") > 0
