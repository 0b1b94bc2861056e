"""The shapes worksheet ranges arrive in, made regular for the instruments.

xlwings hands a multi-row range over as a list of rows, but a one-row range as a flat list
and a one-column range as a flat list too. Tables of (date, amount) rows and lists of
per-tranche flags are read through these helpers so that every shape works the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from xlperf.rules.inputs import is_blank


def rows_of(value: Iterable[object] | None, widths: tuple[int, ...] = (2,)) -> list[object]:
    """The rows of a table range: nested rows as lists, a flat one-row range (of one of the
    ``widths``) as one row, objects (an ``Exercise``) as they are; blank rows dropped."""
    if value is None:
        return []
    items = list(value)
    if len(items) in widths and all(_is_cell(c) for c in items) \
            and not all(is_blank(c) for c in items):
        items = [items]
    out: list[object] = []
    for item in items:
        if isinstance(item, list | tuple):
            if not all(is_blank(c) for c in item):
                out.append(list(item))
        elif not is_blank(item):
            out.append(item)
    return out


def cells_of(value: Iterable[object] | None) -> list[object]:
    """The cells of a one-row or one-column range, in order (a 2-D range flattened)."""
    if value is None:
        return []
    out: list[object] = []
    for item in value:
        out.extend(item if isinstance(item, list | tuple) else [item])
    return out


def _is_cell(value: object) -> bool:
    return (value is None or isinstance(value, str | int | float | Decimal)
            or hasattr(value, "isoformat"))
