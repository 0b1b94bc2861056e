"""Score 100,000 indicator rows through the vectorised path and the scalar loop, same run.

Prints both rates (rows per second), checks that the two give identical scores, and ends
with the ratio. Usage: python benchmarks/scoring_speed.py [ROWS]
"""

from __future__ import annotations

import random
import sys
import time

import pandas as pd

from xlperf.rules.scoring import ScoringParams, score_indicator
from xlperf.rules.vectorised import score_frame

METHODS = ("ratio", "inverse_ratio", "curve", "band", "zero_tolerance", "binary", "rating",
           "okr")


def synthetic_rows(n: int, seed: int = 7) -> pd.DataFrame:
    """``n`` indicator rows, every method, realistic actuals and targets."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        method = METHODS[i % len(METHODS)]
        target = round(rng.uniform(50, 5000), 2)
        actual = {
            "ratio": round(target * rng.uniform(0.5, 1.4), 2),
            "inverse_ratio": round(target * rng.uniform(0.6, 1.5), 2),
            "curve": round(target * rng.uniform(0.7, 1.3), 2),
            "band": round(target * rng.uniform(0.7, 1.2), 2),
            "zero_tolerance": float(rng.choice((0, 0, 0, 1, 2))),
            "binary": float(rng.random() < 0.8),
            "rating": float(rng.choice((1, 2, 3, 3.5, 4, 5))),
            "okr": round(rng.random(), 2),
        }[method]
        if method in ("zero_tolerance", "binary", "rating", "okr"):
            target = None
        rows.append((method, actual, target))
    return pd.DataFrame(rows, columns=["method", "actual", "target"])


def scalar_loop(frame: pd.DataFrame) -> list[float]:
    """Score row by row through the scalar functions, as the Excel formulas do."""
    params = ScoringParams()
    return [score_indicator(m, a, None if t != t else t, params)
            for m, a, t in frame.itertuples(index=False, name=None)]


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def main(rows: int = 100_000) -> None:
    frame = synthetic_rows(rows)
    vector, vector_s = timed(score_frame, frame)
    scalar, scalar_s = timed(scalar_loop, frame)
    identical = vector.tolist() == scalar
    print(f"rows: {rows:,}")
    print(f"vectorised: {vector_s:.3f} s, {rows / vector_s:,.0f} rows/s")
    print(f"scalar loop: {scalar_s:.3f} s, {rows / scalar_s:,.0f} rows/s")
    print(f"identical scores: {'yes' if identical else 'NO'}")
    print(f"ratio vectorised/scalar rate: {scalar_s / vector_s:.1f}")
    if not identical:
        sys.exit(1)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
