"""Score a whole table of indicators at once (pandas/numpy), with the scalar path's numbers.

The formulas are those of :mod:`xlperf.rules.scoring`, written with numpy in the same float
operations and the same order, so every score is bit-identical to ``score_indicator`` on the
same row (a property test holds the two together). Rows the vectorised checks reject are
re-scored by the scalar path, so a bad row fails with exactly the scalar path's message. So
are rows with a cell the formulas do not read (they read plain numbers and blanks): text
such as "n/a" or "95%", TRUE where a number belongs, a curve that is not a Curve. Such a
cell is never coerced to a blank.

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
    NUMBER_PARAMS,
    ScoringDefaults,
    ScoringParams,
    method_name,
    score_indicator,
)

COLUMNS = ("method", "actual", "target")
OPTIONAL = (*NUMBER_PARAMS, "curve", "bands")
_MAX_REPORTED = 20
_CODE = {name: i for i, name in enumerate(METHODS)}


def _missing(value: object) -> bool:
    """A blank cell of the frame: None, NaN or pandas' NA."""
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _is_number_type(kind: type) -> bool:
    """Plain numbers (float, int, numpy's), which the vectorised formulas read as the scalar
    path does; not bool (the scalar path refuses TRUE as a number), Decimal or text."""
    return issubclass(kind, int | float | np.integer | np.floating) and not issubclass(
        kind, bool | np.bool_)


_NUMBERS = ("floating", "integer", "mixed-integer-float", "empty")  # pandas' infer_dtype


def _not_numbers(column: pd.Series) -> np.ndarray:
    """True where a cell is neither a plain number nor blank: text ("n/a", "95%", "1,200"),
    a boolean, a Decimal, a date. Such a row is scored (or refused) by the scalar path,
    which reads text its own way; coercing it here would read "n/a" as blank."""
    if column.dtype.kind in "fiu" or pd.api.types.infer_dtype(column, skipna=True) in _NUMBERS:
        return np.zeros(len(column), dtype=bool)
    if column.dtype.kind == "b":
        return np.ones(len(column), dtype=bool)
    kinds = column.map(type)  # a mixed column: cell by cell
    plain = [k for k in kinds.unique() if _is_number_type(k) or k is type(None)
             or k is type(pd.NA)]
    return ~kinds.isin(plain).to_numpy()


def _floats(column: pd.Series) -> np.ndarray:
    """A column of plain numbers and blanks as floats (NaN when blank)."""
    try:
        return pd.to_numeric(column, errors="coerce").to_numpy(dtype=float)
    except OverflowError:  # an integer beyond a float's range (10**400): ±inf, as refused
        return np.array([_float(v) for v in column], dtype=float)  # by the scalar path


def _column(frame: pd.DataFrame, name: str) -> tuple[np.ndarray, np.ndarray]:
    """A numeric column as floats, NaN where a cell is blank or not a plain number; and
    where it is not (:func:`_not_numbers`: those rows are the scalar path's)."""
    if name not in frame:
        return np.full(len(frame), np.nan), np.zeros(len(frame), dtype=bool)
    column = frame[name]
    odd = _not_numbers(column)
    return _floats(column.where(~odd, None).astype(object) if odd.any() else column), odd


def _float(value: object) -> float:
    """A plain number or blank as a float (NaN when blank, ±inf beyond a float's range)."""
    if _missing(value):
        return np.nan
    try:
        return float(value)
    except OverflowError:
        return np.inf if value > 0 else -np.inf


def _cap_points(cap: np.ndarray) -> np.ndarray:
    """Caps as :func:`inputs.cap_points` reads each: at most 10 is a % cell (1.2 is 120)."""
    return np.where(np.abs(cap) <= inputs.PERCENT_CELL_LIMIT,
                    np.round(cap * 100.0, inputs.CAP_DECIMALS), cap)


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
    """Apply ``shape`` (curve or bands) per distinct table object; rows without one use
    default (as do rows whose cell is not a table: the scalar path refuses them)."""
    if tables is None:
        return shape(x, default)
    keys = tables.map(lambda t: t if isinstance(t, type(default)) else default).to_numpy()
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
    actual = _column(frame, "actual")[0].copy()  # text or TRUE: NaN, the scalar path's
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
    with np.errstate(divide="ignore", invalid="ignore"):  # rows not rated may have lo == hi
        score[rating] = ((a - lo) / (hi - lo) * 100.0)[rating]
    score[m == _CODE["okr"]] = (a * 100.0)[m == _CODE["okr"]]
    others = ~(ratio | inverse)
    score[others] = _clamp(score, floor, cap)[others]
    return score


_TABLES = {"curve": Curve, "bands": StepTable}


def _not_tables(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose curve / bands cell is neither blank nor a :class:`Curve` /
    :class:`StepTable`: the scalar path refuses them."""
    odd = np.zeros(len(frame), dtype=bool)
    for name, kind in _TABLES.items():
        if name in frame:
            odd |= frame[name].map(lambda v, k=kind: not (_missing(v) or isinstance(v, k))
                                   ).to_numpy(dtype=bool)
    return odd


def _refused_params(floor, cap, per, low, high) -> np.ndarray:
    """Rows whose own parameters ScoringParams refuses, whatever the method."""
    with np.errstate(invalid="ignore"):
        return (floor > cap) | (per < 0) | (high <= low)  # NaN (blank) compares False


def _invalid(m, a, t, floor, cap, per, low, high, defaults: ScoringDefaults) -> np.ndarray:
    """Rows the vectorised formulas cannot score; the scalar path scores or explains each."""
    bad = np.isnan(a) | _refused_params(floor, cap, per, low, high)
    low, high = _or_default(low, defaults.rating_low), _or_default(high, defaults.rating_high)
    for values in (a, t, floor, cap, per, low, high):  # ±inf: the scalar path explains it
        bad |= np.isinf(values)
    needs_target = (m == _CODE["ratio"]) | (m == _CODE["inverse_ratio"])
    bad |= needs_target & (np.isnan(t) | (t == 0))
    achieved = (m == _CODE["curve"]) | (m == _CODE["band"])
    bad |= achieved & (t == 0)
    bad |= achieved & np.isnan(t) & (np.abs(_given(a)) > inputs.MAX_ACHIEVEMENT)
    bad |= (m == _CODE["inverse_ratio"]) & ((a < 0) | (t < 0))
    bad |= (m == _CODE["zero_tolerance"]) & ((a < 0) | (a != np.floor(a))
                                              | (a > float(inputs.MAX_AMOUNT)))
    bad |= (m == _CODE["rating"]) & ((a < low) | (a > high) | (high <= low))
    bad |= (m == _CODE["okr"]) & ((a < 0) | (a > 1))
    bad |= (m == _CODE["binary"]) & (a != 0) & (a != 1)
    clamped = (m == _CODE["ratio"]) | (m == _CODE["inverse_ratio"])
    bad |= clamped & (_or_default(floor, defaults.floor) > _or_default(cap, defaults.cap))
    return bad


def _cell(row: pd.Series, name: str) -> object:
    """A row's cell as the scalar path takes it: None when blank, numpy's scalars as
    Python's (numpy's True is TRUE, not an unknown object)."""
    value = row.get(name)
    if _missing(value):
        return None
    return value.item() if isinstance(value, np.generic) else value


def _scalar_scores(frame: pd.DataFrame, rows: np.ndarray,
                   defaults: ScoringDefaults) -> dict[int, float]:
    """Score ``rows`` one by one; raise the scalar path's errors (up to 20 rows)."""
    scores, errors = {}, []
    for i in rows:
        row = frame.iloc[i]
        try:
            params = ScoringParams(**{n: _cell(row, n) for n in OPTIONAL})
            scores[i] = score_indicator(row["method"], _cell(row, "actual"),
                                        _cell(row, "target"), params, defaults)
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
    columns = [_column(frame, c) for c in ("target", *NUMBER_PARAMS)]
    t, floor, cap, per, low, high = (values for values, _ in columns)
    cap = _cap_points(cap)
    unread = np.logical_or.reduce([odd for _, odd in columns]) | _not_tables(frame)
    bad = _invalid(m, a, t, floor, cap, per, low, high, defaults) | unread
    fallback = _scalar_scores(frame, np.flatnonzero(bad), defaults) if bad.any() else {}
    with np.errstate(invalid="ignore"):
        scores = _raw_scores(m, a, t, floor, cap, per, low, high, frame, defaults)
    for i, score in fallback.items():
        scores[i] = score
    return pd.Series(scores, index=frame.index, name="score")
