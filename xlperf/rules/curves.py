"""The two shapes most policy tables take: a piecewise-linear curve and a step table.

A :class:`Curve` maps achievement to score (or score to coefficient, or multi-year
achievement to payout) by straight lines between points; a :class:`StepTable` gives the
value of the highest lower bound reached. Both are checked when they are built: points in
order, values never falling, so that a better input can never give a lower result.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable

from xlperf.errors import InputError
from xlperf.rules import inputs


def _pairs(rows: Iterable[Iterable[object]], what: str) -> tuple[tuple[float, float], ...]:
    return tuple((inputs.number(x, f"{what} row {i} column 1"),
                  inputs.number(y, f"{what} row {i} column 2"))
                 for i, (x, y) in inputs.table_rows(rows, what, cells="(x, y)"))


def _numbers(pairs: Iterable[Iterable[object]], what: str) -> tuple[tuple[float, float], ...]:
    """Each (x, y) as two finite floats; anything else is an InputError naming it."""
    try:
        rows = [tuple(pair) for pair in pairs]
    except TypeError:  # not a sequence of pairs at all: Curve("abc")
        rows = None
    if rows is None or any(len(row) != 2 for row in rows):
        raise InputError(f"{what} is {inputs.describe(pairs)}, expected (x, y) points")
    return tuple((inputs.number(x, f"{what} point {i} x"), inputs.number(y, f"{what} point {i} y"))
                 for i, (x, y) in enumerate(rows, start=1))


def lerp(x: float, x0: float, y0: float, x1: float, y1: float) -> float:
    """The point at ``x`` on the line through (x0, y0) and (x1, y1).

    Written once here so that the scalar and the vectorised paths do the same float
    operations in the same order and give bit-identical results.
    """
    return y0 + (x - x0) * (y1 - y0) / (x1 - x0)


@dataclasses.dataclass(frozen=True)
class Curve:
    """A piecewise-linear, never-falling curve through ``points`` (x ascending).

    Below the first point the value is ``below`` (0 for a payout curve: under threshold,
    nothing); after the last point it stays flat at the last value.
    """

    points: tuple[tuple[float, float], ...]
    below: float = 0.0

    def __post_init__(self) -> None:
        points = _numbers(self.points, "curve")
        object.__setattr__(self, "points", points)
        object.__setattr__(self, "below", inputs.number(self.below, "value below the curve"))
        if len(points) < 2:
            raise InputError(f"a curve needs at least 2 points, got {len(points)}")
        if self.below > points[0][1]:
            raise InputError(f"the value below the curve ({self.below:g}) is above its first "
                             f"point ({points[0][1]:g}): a better result would earn less")
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            if x1 <= x0:
                raise InputError(f"curve points must have increasing x: {x0:g} then {x1:g}")
            if y1 < y0:
                raise InputError(
                    f"curve values must not fall: {y0:g} at {x0:g} then {y1:g} at {x1:g}")

    @classmethod
    def from_rows(cls, rows: Iterable[Iterable[object]], what: str = "curve") -> Curve:
        """A curve from a 2-column range of (x, y) rows, as laid out in a worksheet."""
        return cls(_pairs(rows, what))

    @property
    def xs(self) -> tuple[float, ...]:
        """The x of every point, ascending."""
        return tuple(x for x, _ in self.points)

    def value_at(self, x: float) -> float:
        """The curve's value at ``x``."""
        points = self.points
        if x < points[0][0]:
            return self.below
        if x >= points[-1][0]:
            return points[-1][1]
        i = bisect.bisect_right(self.xs, x)
        (x0, y0), (x1, y1) = points[i - 1], points[i]
        return lerp(x, x0, y0, x1, y1)


@dataclasses.dataclass(frozen=True)
class StepTable:
    """Steps of (lower bound, value): a value at or above a bound gets that step's value.

    Bounds are closed below and open above; below the lowest bound the value is
    ``otherwise``. Values never fall as bounds rise.
    """

    steps: tuple[tuple[float, float], ...]
    otherwise: float = 0.0

    def __post_init__(self) -> None:
        steps = tuple(sorted(_numbers(self.steps, "step table")))
        object.__setattr__(self, "steps", steps)
        object.__setattr__(self, "otherwise", inputs.number(self.otherwise,
                                                            "value below the first step"))
        if not steps:
            raise InputError("a step table needs at least one step")
        bounds = [b for b, _ in steps]
        if len(set(bounds)) != len(bounds):
            raise InputError(f"step table has a repeated lower bound: {bounds}")
        values = [self.otherwise] + [v for _, v in steps]
        if any(b < a for a, b in zip(values, values[1:], strict=False)):
            raise InputError(f"step values must not fall as the bounds rise: {steps}")

    @classmethod
    def from_rows(cls, rows: Iterable[Iterable[object]], what: str = "band table") -> StepTable:
        """A step table from a 2-column range of (lower bound, value) rows."""
        return cls(_pairs(rows, what))

    def value_at(self, x: float) -> float:
        """The value of the highest step whose lower bound ``x`` reaches."""
        i = bisect.bisect_right([b for b, _ in self.steps], x)
        return self.steps[i - 1][1] if i else self.otherwise
