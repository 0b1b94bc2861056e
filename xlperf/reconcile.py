"""Reconciliation: the values Excel cached in a workbook's XP_ cells against xlperf's own.

Finance must see when a formula was typed over or a book was saved without recalculating.
For each formula cell the reader found (``CachedValue``: executive, key, sheet, cell, value),
the value xlperf computes for the same key is compared with what the workbook holds:
scores and coefficients to within 1e-6, money to the cent, grades as text (case ignored),
flags as booleans, vested quantities (Grants) as numbers, the compliance checks' text
(SoePay!Check and Plans!Check: ``OK`` or the breach lines) line by line. A cell with no
cached value (a book xlperf wrote and Excel never saved) is counted, not listed; so is a
cell showing ``#NAME?`` (Excel calculated the book without xlperf's functions loaded): one
warning says so rather than a difference for every cell. Pure: it takes any objects with
those attributes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation

from xlperf.model import Appraisal
from xlperf.report import formats
from xlperf.rules.grades import check_quotas
from xlperf.rules.incentives import quantity_vested
from xlperf.rules.inputs import is_blank
from xlperf.rules.money import format_amount, money
from xlperf.rules.pay_statement import PayStatement

TOLERANCE = 1e-6
_MONEY_KEYS = {"bonus", "extra", "deferred", "due_now"}
_TEXT_KEYS = {"grade", "grade_by_score", "quota", "quota_status"}
QUOTA_KEYS = ("quota", "quota_count", "quota_allowed", "quota_status")  # Results' block
_FLAG_KEYS = {"consecutive_flag"}
CHECK_KEYS = {"soe_check", "plan_check"}  # a check's text: OK or one breach a line
NOT_LOADED = "#NAME?"  # what Excel shows for a function it does not know


@dataclasses.dataclass(frozen=True)
class Difference:
    """One formula cell whose cached value is not what xlperf computes."""

    executive: str
    key: str  # "annual_score", "grade", "indicator_score", …
    sheet: str
    cell: str
    workbook_value: str  # as the workbook holds it, shown as text
    xlperf_value: str

    @property
    def where(self) -> str:
        """``Results!H5``."""
        return f"{self.sheet}!{self.cell}"


@dataclasses.dataclass(frozen=True)
class Reconciliation:
    """The outcome of comparing cached formula values with xlperf's results."""

    compared: int = 0  # cells with a cached value that were compared
    uncached: int = 0  # formula cells with no cached value (never calculated by Excel)
    differences: tuple[Difference, ...] = ()
    not_loaded: int = 0  # formula cells showing #NAME?: xlperf's functions were not loaded

    def __add__(self, other: Reconciliation) -> Reconciliation:
        return Reconciliation(self.compared + other.compared, self.uncached + other.uncached,
                              self.differences + other.differences,
                              self.not_loaded + other.not_loaded)

    @property
    def status(self) -> str:
        """``"matches"``, ``"differs"``, ``"not loaded"`` (cells show #NAME?, none differs
        otherwise) or ``"not calculated"`` (no cached value at all)."""
        if self.differences:
            return "differs"
        if self.not_loaded:
            return "not loaded"
        return "matches" if self.compared else "not calculated"


def computed_values(appraisal: Appraisal) -> dict[str, object]:
    """xlperf's value for every Results key the workbook's formulas compute."""
    return {
        "okr": appraisal.okr,
        "business": appraisal.business_score,
        "individual": appraisal.individual_score,
        "duty_report": appraisal.duty_report,
        "democratic": appraisal.democratic.score,
        "annual_score": appraisal.annual_score,
        "grade_by_score": appraisal.grade_by_score,
        "grade": appraisal.grade,
        "coefficient": appraisal.coefficient,
        "bonus": appraisal.payout.bonus,
        "extra": appraisal.payout.extra,
        "deferred": appraisal.payout.deferred,
        "due_now": appraisal.payout.due_now,
        "consecutive_flag": appraisal.consecutive_flag,
    }


def _indicator_scores(appraisal: Appraisal) -> dict[int, float]:
    """Indicator scores by the workbook row the indicator came from."""
    return {r.indicator.origin[1]: r.score for r in appraisal.indicators
            if r.indicator.origin is not None}


def _vested_quantities(cached: Iterable, appraisal: Appraisal) -> dict[int, int | None]:
    """Each grant's quantity vested by 31 December by the workbook row it came from: the
    executive's Grants rows hold their grants in order (the reader builds them so)."""
    rows = sorted(item.row for item in cached if item.key == "vested_quantity")
    year_end = dt.date(appraisal.input.year, 12, 31)
    return {row: quantity_vested(grant, year_end)
            for row, grant in zip(rows, appraisal.input.grants, strict=False)}


def _same(key: str, cached: object, ours: object) -> bool:
    if is_blank(cached) or is_blank(ours):
        return is_blank(cached) and is_blank(ours)
    if key in _FLAG_KEYS:
        return isinstance(cached, bool) and cached == bool(ours)
    if key in _TEXT_KEYS:
        return isinstance(cached, str) and cached.strip().upper() == str(ours).upper()
    if key in CHECK_KEYS:
        return isinstance(cached, str) and _lines(cached) == _lines(str(ours))
    if isinstance(cached, bool) or not isinstance(cached, int | float | Decimal):
        return False
    if key in _MONEY_KEYS:
        try:
            return money(cached) == money(ours)
        except (InvalidOperation, ValueError):
            return False
    return math.isclose(float(cached), float(ours), rel_tol=TOLERANCE, abs_tol=TOLERANCE)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").strip().split("\n")]


def shown(value: object, is_money: bool = False, key: str = "") -> str:
    """A cached or computed value as text for a list of differences (money as ¥1,234.00, a
    coefficient as the reports print it: 1.20, unless that would hide its other digits)."""
    if key == "coefficient" and isinstance(value, int | float | Decimal) \
            and not isinstance(value, bool):
        text = formats.coefficient(value)
        if math.isclose(float(text), float(value), rel_tol=0, abs_tol=1e-12):
            return text
    if is_blank(value):
        return "(blank)"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if is_money and isinstance(value, int | float | Decimal):
        return format_amount(Decimal(format(value, ".15g")) if isinstance(value, float)
                             else Decimal(value))
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


def reconcile_executive(cached: Iterable, statement: PayStatement) -> Reconciliation:
    """Compare one executive's cached formula values with xlperf's results."""
    appraisal = statement.appraisal
    ours = computed_values(appraisal)
    if statement.soe_check is not None:
        ours["soe_check"] = statement.soe_check.text
    cached = list(cached)
    by_row = {"indicator_score": _indicator_scores(appraisal),
              "vested_quantity": _vested_quantities(cached, appraisal)}
    return _compare(cached, lambda item: by_row[item.key].get(item.row, _SKIP)
                    if item.key in by_row else ours.get(item.key, _SKIP))


def reconcile_plans(plans: Sequence) -> Reconciliation:
    """Compare each plan's cached Check cell (``cached`` at ``sheet``!``cell``) with the
    check's ``text``; a difference names the plan where others name the executive."""
    texts = {p.cell: p.text for p in plans}
    cells = [_Cell(p.plan_id, "plan_check", p.sheet, p.cell, p.cached) for p in plans]
    return _compare(cells, lambda item: texts[item.cell])


def reconcile_quotas(cached: Sequence, grades: Sequence[str], policy) -> Reconciliation:
    """Compare the forced-distribution block XP_QUOTA spills beside Results (one row per
    quota of the policy: label, count, allowed, ok/over) with the quotas checked on
    ``grades``. ``cached`` holds its cells, keys :data:`QUOTA_KEYS`, rows in quota order."""
    checks = check_quotas(grades, policy.quotas, policy.grades)
    rows = sorted({item.row for item in cached})
    ours = {(row, key): value for row, c in zip(rows, checks, strict=False)
            for key, value in zip(QUOTA_KEYS, (c.quota.label, c.count, c.allowed,
                                               "ok" if c.ok else "over"), strict=True)}
    return _compare(cached, lambda item: ours.get((item.row, item.key), _SKIP))


_SKIP = object()  # a cached key xlperf does not compute


@dataclasses.dataclass(frozen=True)
class _Cell:
    executive: str
    key: str
    sheet: str
    cell: str
    value: object


def _compare(cached: Iterable, ours_for: Callable[[object], object]) -> Reconciliation:
    compared = uncached = not_loaded = 0
    differences = []
    for item in cached:
        value = ours_for(item)
        if value is _SKIP:
            continue
        if item.value is None:
            uncached += 1
            continue
        if item.value == NOT_LOADED:
            not_loaded += 1
            continue
        compared += 1
        if not _same(item.key, item.value, value):
            differences.append(Difference(item.executive, item.key, item.sheet, item.cell,
                                          shown(item.value, item.key in _MONEY_KEYS, item.key),
                                          shown(value, item.key in _MONEY_KEYS, item.key)))
    return Reconciliation(compared, uncached, tuple(differences), not_loaded)
