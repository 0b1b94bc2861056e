"""The reports' charts as figures a template draws with plain HTML bars.

Inline SVG looked the same but cost WeasyPrint about 200 ms per report (every SVG text is
laid out on its own); bars drawn as sized blocks inside the tables cost a few milliseconds.
Each function returns plain numbers (percentages of the bar area); labels and layout are the
template's, escaped like every other text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from xlperf.report.formats import percent


@dataclasses.dataclass(frozen=True)
class Bar:
    """One bar: what it is, its value as printed, its length (0–100% of the bar area)."""

    label: str
    value: str
    percent: float
    warn: bool = False


def bar_percent(value: float, scale: float) -> float:
    """``value`` as a share of ``scale``, in percent, kept within 0–100."""
    if scale <= 0:
        return 0.0
    return round(max(0.0, min(value, scale)) / scale * 100, 1)


def parts_bars(parts: Sequence[tuple[str, float]], annual: float,
               scale: float) -> tuple[Bar, ...]:
    """A bar per part score and one for the annual score, on a 0–``scale`` axis (the
    policy's part score cap: no part counts more, nor does the annual score)."""
    rows = [*parts, ("annual_score", annual)]
    return tuple(Bar(name, f"{value:.2f}", bar_percent(value, scale)) for name, value in rows)


def trend_bars(years: Sequence[tuple[int, float | None, str]],
               floor: float = 40.0, top: float = 110.0) -> tuple[Bar, ...]:
    """A vertical bar per year (oldest first): height from ``floor`` to ``top``; a year
    without a score gets no bar, only its grade."""
    return tuple(Bar(str(year), f"{score:.1f} {grade}" if score is not None else grade,
                     0.0 if score is None else bar_percent(score - floor, top - floor))
                 for year, score, grade in years)


def distribution_bars(counts: Sequence[tuple[str, int]]) -> tuple[Bar, ...]:
    """A vertical bar per grade: headcount and share, the tallest grade at full height."""
    total = sum(n for _, n in counts) or 1
    most = max((n for _, n in counts), default=0) or 1
    return tuple(Bar(grade, f"{n} ({percent(n / total)})", bar_percent(n, most))
                 for grade, n in counts)


def quota_bars(quotas: Sequence[tuple[str, float, float]]) -> tuple[tuple[Bar, float], ...]:
    """Each quota's actual share as a bar (red when over) and its limit's position (%)."""
    return tuple((Bar(label, f"{share:.0%} / ≤{limit:.0%}", bar_percent(share, 1.0),
                      share > limit + 1e-12), bar_percent(limit, 1.0))
                 for label, share, limit in quotas)
