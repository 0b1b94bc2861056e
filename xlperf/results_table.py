"""A plain-text results table of appraisals, for the terminal."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from xlperf.model import Appraisal
from xlperf.rules.flags import FLAGS, appraisal_flags
from xlperf.rules.money import format_amount

_COLUMNS = ("ID", "Name", "Business", "Indiv.", "Duty", "360", "Annual", "Grade", "Coef.",
            "Payout", "Due now", "Flags")


def _width(text: str) -> int:
    """Display width: CJK characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space


def _row(a: Appraisal) -> tuple[str, ...]:
    flags = [FLAGS[key][1] for key in appraisal_flags(a)]
    grade = a.grade if a.grade == a.grade_by_score else f"{a.grade} ({a.grade_by_score})"
    parts = a.parts
    return (a.executive.id, a.executive.name, *(f"{parts[p]:.2f}" for p in parts),
            f"{a.annual_score:.2f}", grade, f"{a.coefficient:g}",
            format_amount(a.payout.total), format_amount(a.payout.due_now), ", ".join(flags))


def results_table(appraisals: Sequence[Appraisal]) -> str:
    """The appraisals as an aligned text table, one row per executive."""
    rows = [_COLUMNS] + [_row(a) for a in appraisals]
    widths = [max(_width(r[i]) for r in rows) for i in range(len(_COLUMNS))]
    numeric = {2, 3, 4, 5, 6, 8, 9, 10}
    lines = ["  ".join(_pad(cell, w, i in numeric) for i, (cell, w) in
                       enumerate(zip(row, widths, strict=True))).rstrip() for row in rows]
    return "\n".join(lines) + "\n"
