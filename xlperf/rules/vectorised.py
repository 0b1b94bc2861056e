"""Score a whole table of indicators at once (pandas/numpy), with the scalar path's numbers.

The formulas are those of :mod:`xlperf.rules.scoring`, written with numpy in the same float
operations and the same order, so every score is bit-identical to ``score_indicator`` on the
same row (a property test holds the two together). Rows the vectorised checks reject are
re-scored by the scalar path, so a bad row fails with exactly the scalar path's message.

This module imports pandas; nothing else in the core does, so the Excel formulas (which run
in xlwings Lite too) never load it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from xlperf.errors import InputError, InputErrors
from xlperf.rules import inputs
from xlperf.rules.curves import Curve, StepTable
from xlperf.rules.scoring import (
    METHODS,
    ScoringDefaults,
    ScoringParams,
    method_name,
    score_indicator,
)

COLUMNS = ("method", "actual", "target")
OPTIONAL = ("floor", "cap", "per_incident", "rating_low", "rating_high", "curve", "bands")
_MAX_REPORTED = 20
_CODE = {name: i for i, name in enumerate(METHODS)}


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    if name not in frame:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)


def _typed_text(frame: pd.DataFrame, name: str) -> np.ndarray:
    """Rows whose ``name`` cell holds text that is not a plain number ("120%", "abc"): the
    scalar path reads or refuses it (a floor of "120%" is 120 points)."""
    if name not in frame:
        return np.zeros(len(frame), dtype=bool)
    raw = frame[name]
    unread = pd.to_numeric(raw, errors="coerce").isna() & raw.notna()
    return (unread & ~raw.map(inputs.is_blank)).to_numpy(dtype=bool)


def _or_default(values: np.ndarray, default: float) -> np.ndarray:
    return np.where(np.isnan(values), default, values)


def _clamp(score: np.ndarray, floor: np.ndarray, cap: np.ndarray) -> np.ndarray:
    # NaN bound = no bound; same order as scoring.clamp: floor first, then cap
    score = np.where(~np.isnan(floor) & (score < floor), floor, score)
    return np.where(~np.isnan(cap) & (score > cap), cap, score)


def _achievement(actual: np.ndarray, target: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        positive = actual / target * 100.0
        negative = (1.0 + (actual - target) / -target) * 100.0
    ratio = _tidy(np.where(target > 0, positive, negative))
    return np.where(np.isnan(target), _tidy(_given(actual)), ratio)


def _given(actual: np.ndarray) -> np.ndarray:
    """No target: the actual is the achievement, a % cell's fraction (≤ 10) read as a
    percentage (inputs.achievement_percent, element-wise)."""
    return np.where(np.abs(actual) <= inputs.PERCENT_CELL_LIMIT, actual * 100.0, actual)


def _tidy(percent: np.ndarray) -> np.ndarray:
    """scoring.tidy_percent, element-wise (same float operations, so the same bits)."""
    with np.errstate(invalid="ignore", over="ignore"):
        return np.where(np.abs(percent) < 1e15, np.rint(percent * 1e10) / 1e10, percent)


def _curve(x: np.ndarray, curve: Curve) -> np.ndarray:
    xs = np.array([p[0] for p in curve.points])
    ys = np.array([p[1] for p in curve.points])
    i = np.clip(np.searchsorted(xs, x, side="right"), 1, len(xs) - 1)
    x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
    inside = y0 + (x - x0) * (y1 - y0) / (x1 - x0)  # curves.lerp, element-wise
    return np.where(x < xs[0], curve.below, np.where(x >= xs[-1], ys[-1], inside))


def _bands(x: np.ndarray, bands: StepTable) -> np.ndarray:
    bounds = np.array([b for b, _ in bands.steps])
    values = np.array([bands.otherwise] + [v for _, v in bands.steps])
    return values[np.searchsorted(bounds, x, side="right")]


def _by_table(x: np.ndarray, tables: pd.Series | None, default, shape) -> np.ndarray:
    """Apply ``shape`` (curve or bands) per distinct table object; rows without one use default."""
    if tables is None:
        return shape(x, default)
    keys = tables.map(lambda t: default if t is None or t is pd.NA or
                      (isinstance(t, float) and np.isnan(t)) else t).to_numpy()
    out = np.empty_like(x)
    for table in dict.fromkeys(keys):
        mask = keys == table
        out[mask] = shape(x[mask], table)
    return out


def _as_flag(value: object) -> float:
    try:
        return 1.0 if inputs.done(value, "done/not done") else 0.0
    except InputError:
        return np.nan


def _actuals(frame: pd.DataFrame, methods: np.ndarray) -> np.ndarray:
    """Actuals as floats; binary answers (TRUE, 是, done, …) become 1.0 / 0.0."""
    raw = frame["actual"]
    actual = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float, copy=True)
    binary = methods == _CODE["binary"]
    if binary.any():
        codes, answers = pd.factorize(raw[binary].astype(object), use_na_sentinel=False)
        actual[binary] = np.array([_as_flag(v) for v in answers], dtype=float)[codes]
    return actual


def _method_codes(column: pd.Series) -> np.ndarray:
    """Each row's method as its index in METHODS (names checked once per distinct value)."""
    codes, names = pd.factorize(column.astype(object), use_na_sentinel=False)
    return np.array([_CODE[method_name(n)] for n in names], dtype=np.int8)[codes]


def _raw_scores(m, a, t, floor, cap, per, low, high, frame, defaults) -> np.ndarray:
    score = np.full(len(a), np.nan)
    achievement = _achievement(a, t)
    fl, cp = _or_default(floor, defaults.floor), _or_default(cap, defaults.cap)
    ratio = m == _CODE["ratio"]
    score[ratio] = _clamp(achievement, fl, cp)[ratio]
    inverse = m == _CODE["inverse_ratio"]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        inv = np.where(a == 0, cp, _clamp(_tidy(t / a * 100.0), fl, cp))
    score[inverse] = inv[inverse]
    for name, table_column, default, shape in (("curve", "curve", defaults.curve, _curve),
                                               ("band", "bands", defaults.bands, _bands)):
        mask = m == _CODE[name]
        if mask.any():
            tables = frame[table_column][mask] if table_column in frame else None
            score[mask] = _by_table(achievement[mask], tables, default, shape)
    zero = m == _CODE["zero_tolerance"]
    score[zero] = np.maximum(np.where(np.isnan(floor), 0.0, floor),
                             100.0 - a * _or_default(per, defaults.per_incident))[zero]
    score[m == _CODE["binary"]] = np.where(a == 1.0, 100.0, 0.0)[m == _CODE["binary"]]
    lo, hi = _or_default(low, defaults.rating_low), _or_default(high, defaults.rating_high)
    rating = m == _CODE["rating"]
    score[rating] = ((a - lo) / (hi - lo) * 100.0)[rating]
    score[m == _CODE["okr"]] = (a * 100.0)[m == _CODE["okr"]]
    others = ~(ratio | inverse)
    score[others] = _clamp(score, floor, cap)[others]
    return score


def _invalid(m, a, t, floor, cap, per, low, high, defaults: ScoringDefaults) -> np.ndarray:
    """Rows the vectorised formulas cannot score; the scalar path scores or explains each."""
    low, high = _or_default(low, defaults.rating_low), _or_default(high, defaults.rating_high)
    bad = np.isnan(a)
    for values in (a, t, floor, cap, per, low, high):  # ±inf: the scalar path explains it
        bad |= np.isinf(values)
    needs_target = (m == _CODE["ratio"]) | (m == _CODE["inverse_ratio"])
    bad |= needs_target & (np.isnan(t) | (t == 0))
    achieved = (m == _CODE["curve"]) | (m == _CODE["band"])
    bad |= achieved & (t == 0)
    bad |= achieved & np.isnan(t) & (np.abs(_given(a)) > inputs.MAX_ACHIEVEMENT)
    bad |= (m == _CODE["inverse_ratio"]) & ((a < 0) | (t < 0))
    bad |= (m == _CODE["zero_tolerance"]) & ((a < 0) | (a != np.floor(a)))
    bad |= (m == _CODE["rating"]) & ((a < low) | (a > high) | (high <= low))
    bad |= (m == _CODE["okr"]) & ((a < 0) | (a > 1))
    bad |= (m == _CODE["binary"]) & (a != 0) & (a != 1)
    bad |= floor > cap  # a row whose own floor is above its own cap
    clamped = (m == _CODE["ratio"]) | (m == _CODE["inverse_ratio"])
    bad |= clamped & (_or_default(floor, defaults.floor) > _or_default(cap, defaults.cap))
    return bad


def _row_params(frame: pd.DataFrame, i: int) -> ScoringParams:
    row = frame.iloc[i]

    def value(name):
        v = row.get(name)
        return None if v is None or (isinstance(v, float) and np.isnan(v)) else v

    return ScoringParams(**{n: value(n) for n in OPTIONAL})


def _scalar_scores(frame: pd.DataFrame, rows: np.ndarray,
                   defaults: ScoringDefaults) -> dict[int, float]:
    """Score ``rows`` one by one; raise the scalar path's errors (up to 20 rows)."""
    scores, errors = {}, []
    for i in rows:
        row = frame.iloc[i]
        target = row.get("target")
        target = None if isinstance(target, float) and np.isnan(target) else target
        try:
            scores[i] = score_indicator(row["method"], row["actual"], target,
                                        _row_params(frame, i), defaults)
        except InputError as error:
            errors.append(InputError(f"row {i + 1}: {error.message}", field=error.field))
            if len(errors) == _MAX_REPORTED:
                break
    if errors:
        raise InputErrors(errors)
    return scores


def score_frame(frame: pd.DataFrame,
                defaults: ScoringDefaults = ScoringDefaults()) -> pd.Series:  # noqa: B008
    """Scores of a table of indicators (one row each), equal to ``score_indicator`` per row.

    Columns ``method``, ``actual``, ``target``; optional ``floor``, ``cap``, ``per_incident``,
    ``rating_low``, ``rating_high`` (blank = policy default) and ``curve`` / ``bands``
    (a :class:`Curve` / :class:`StepTable` per row, blank = policy default). Raises
    :class:`~xlperf.errors.InputErrors` naming the bad rows (1-based).
    """
    missing = [c for c in COLUMNS if c not in frame]
    if missing:
        raise InputError(f"indicator table lacks column(s) {', '.join(missing)}")
    frame = frame.reset_index(drop=True)
    m = _method_codes(frame["method"])
    a = _actuals(frame, m)
    t = _column(frame, "target")
    floor, cap, per = (_column(frame, c) for c in ("floor", "cap", "per_incident"))
    low, high = _column(frame, "rating_low"), _column(frame, "rating_high")
    bad = _invalid(m, a, t, floor, cap, per, low, high, defaults)
    for name in ("target", *OPTIONAL[:5]):
        bad |= _typed_text(frame, name)
    fallback = _scalar_scores(frame, np.flatnonzero(bad), defaults) if bad.any() else {}
    with np.errstate(invalid="ignore"):
        scores = _raw_scores(m, a, t, floor, cap, per, low, high, frame, defaults)
    for i, score in fallback.items():
        scores[i] = score
    return pd.Series(scores, index=frame.index, name="score")
