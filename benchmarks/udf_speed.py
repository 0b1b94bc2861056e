"""What the Excel layer costs: XP_SCORE on a spilled column against the core's scalar loop.

Scores the same indicator rows (every method, realistic values, a few blanks) once through
``XP_SCORE`` called with Excel-shaped columns, as xlwings hands them over, and once by calling
``score_indicator`` row by row; checks that both give the same scores; prints both rates and,
last, the ratio. Usage: python benchmarks/udf_speed.py [ROWS]
"""

from __future__ import annotations

import sys
import time

from xlperf.rules.scoring import ScoringParams, score_indicator
from xlperf.udfs import XP_SCORE

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from scoring_speed import synthetic_rows  # noqa: E402  (same rows as the core benchmark)


def main(rows: int = 20_000) -> None:
    frame = synthetic_rows(rows)
    methods = [[m] for m in frame["method"]]
    actuals = [[None if i % 50 == 0 else a] for i, a in enumerate(frame["actual"])]
    targets = [[None if t != t else t] for t in frame["target"]]  # NaN → empty cell

    start = time.perf_counter()
    spilled = XP_SCORE(actuals, targets, methods)
    excel_seconds = time.perf_counter() - start

    start = time.perf_counter()
    looped = [[None if a[0] is None else score_indicator(m[0], a[0], t[0], ScoringParams())]
              for m, a, t in zip(methods, actuals, targets, strict=True)]
    core_seconds = time.perf_counter() - start

    assert spilled == looped, "XP_SCORE and the core disagree"
    print(f"rows: {rows}")
    print(f"XP_SCORE (one spilled call): {rows / excel_seconds:,.0f} rows/s")
    print(f"core scalar loop:            {rows / core_seconds:,.0f} rows/s")
    print(f"ratio XP_SCORE/core time: {excel_seconds / core_seconds:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
