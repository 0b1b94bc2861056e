"""Vesting schedules: cliff, graded, monthly after a cliff, or custom; tranches and forfeiture.

A schedule is a list of tranches ``(months after grant, fraction vesting then)`` — the same
2-column shape an Excel range passes to ``XP_VESTED(grant_date, as_of, schedule)``. Rules:

- A tranche vests on its anniversary date (grant date + n months, end-of-month clamped, see
  :mod:`~xlperf.rules.incentives.dates`), on that day inclusive.
- Fractions may be given as fractions (0.4) or percentages (40) and must add to 100% under
  the same rule as indicator weights (:func:`xlperf.rules.composite.checked_weights`); they
  are then scaled by their actual sum and kept as exact :class:`~fractions.Fraction` s, so the
  last tranche always brings the vested fraction to exactly 1. Zero-fraction rows are ignored.
- Whole shares: the quantity vested by a date is ``floor(vested fraction × grant)`` (and the
  last tranche takes the rest), so each tranche's shares are the differences of those
  cumulative counts. The tranches add up exactly to the grant, a share never vests before its
  fraction is fully earned, and Excel's ``ROUNDDOWN(XP_VESTED(…) × quantity, 0)`` agrees with
  the table. (Rounding each tranche by largest remainder would move leftover shares to the
  earliest tranches and break that agreement.)
- Leaving (``leaving_date``, the last day of service): tranches dated on or before it vest;
  everything later is forfeited as of that date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
from collections.abc import Iterable, Sequence
from fractions import Fraction

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.composite import checked_weights
from xlperf.rules.incentives.dates import add_months, as_date, leaving_date_for
from xlperf.rules.incentives.ranges import cells_of, is_blank, rows_of

# A schedule built from a few words ("monthly 480000") must not build millions of tranches.
MAX_MONTHS = 1200  # 100 years


@dataclasses.dataclass(frozen=True, slots=True)
class Tranche:
    """One tranche of a grant: when it vests and how much of the grant vests then."""

    number: int  # 1-based, in date order
    months: int  # months after the grant date
    date: dt.date  # the anniversary date it vests on
    fraction: Fraction  # of the grant
    quantity: int  # whole shares/units of this tranche
    cumulative: int  # whole shares/units vested once this tranche has vested


@dataclasses.dataclass(frozen=True)
class VestingYear:
    """One row of a grant's yearly vesting table."""

    year: int  # calendar year, or plan year 1, 2, 3… (see :func:`vesting_table`)
    quantity: int  # vesting in that year
    cumulative: int  # vested by the end of that year
    fraction: float  # of the grant, vesting in that year
    cumulative_fraction: float

    def as_row(self) -> tuple[int, int, int, float, float]:
        """``(year, quantity, cumulative, fraction, cumulative fraction)`` for a worksheet."""
        return (self.year, self.quantity, self.cumulative, self.fraction,
                self.cumulative_fraction)


def _rows(rows: Iterable[object], what: str) -> list[tuple[object, object]]:
    pairs = []
    for i, row in enumerate(rows_of(rows), start=1):
        cells = row if isinstance(row, list) else [row]
        if len(cells) != 2:
            raise InputError(f"{what} row {i} has {len(cells)} columns, expected 2: "
                             "months after grant, fraction vesting then")
        pairs.append((cells[0], cells[1]))
    return pairs


@dataclasses.dataclass(frozen=True)
class VestingSchedule:
    """Tranches of ``(months after grant, fraction vesting then)``, fractions adding to 1.

    Build one with :meth:`cliff`, :meth:`graded`, :meth:`monthly`, :meth:`from_rows` (a
    2-column worksheet range) or :meth:`parse` (``"graded 40/30/30"``).
    """

    tranches: tuple[tuple[int, Fraction], ...]
    name: str = dataclasses.field(default="", compare=False)  # for display only

    def __post_init__(self) -> None:
        rows = [(inputs.count(m, f"vesting month {i}", field="schedule"), f)
                for i, (m, f) in enumerate(self.tranches, start=1)]
        if all(isinstance(f, Fraction) for _, f in rows):
            fractions = [f for _, f in rows]
            if any(f < 0 for f in fractions) or sum(fractions) != 1:
                raise InputError(f"vesting fractions add to {float(sum(fractions)):.4%}, "
                                 "expected 100%", field="schedule")
        else:
            given = checked_weights([inputs.non_negative(
                                         float(f) if isinstance(f, Fraction) else f,
                                         f"vesting fraction {i}",
                                                         field="schedule")
                                     for i, (_, f) in enumerate(rows, start=1)],
                                    "vesting fractions")
            exact = [Fraction(inputs.decimal(f, "vesting fraction")) for f in given]
            fractions = [f / sum(exact) for f in exact]
        pairs = sorted((m, f) for (m, _), f in zip(rows, fractions, strict=True) if f)
        months = [m for m, _ in pairs]
        repeated = sorted({m for m in months if months.count(m) > 1})
        if repeated:
            raise InputError(f"vesting month {repeated[0]} appears twice: give each month once "
                             "with the fraction vesting then", field="schedule")
        object.__setattr__(self, "tranches", tuple(pairs))
        if not self.name:
            object.__setattr__(self, "name", "custom " + ", ".join(
                f"{m}m {float(f):.4g}" for m, f in pairs))

    # -- constructors ------------------------------------------------------------------
    @classmethod
    def cliff(cls, months: int) -> VestingSchedule:
        """Everything vests at once, ``months`` after the grant."""
        months = inputs.count(months, "cliff months", field="schedule")
        return cls(((months, Fraction(1)),), f"cliff {months}")

    @classmethod
    def graded(cls, percentages: Sequence[object], every_months: int = 12,
               first_months: int | None = None) -> VestingSchedule:
        """Tranches of ``percentages`` (e.g. 40/30/30), every ``every_months`` from the first."""
        every = inputs.count(every_months, "months between tranches", field="schedule",
                             least=1)
        first = every if first_months is None else inputs.count(first_months, "first month")
        rows = tuple((first + i * every, p) for i, p in enumerate(percentages))
        shown = "/".join(inputs.describe(p).strip('"') for p in percentages)
        return cls(rows, f"graded {shown}" + (f" every {every}" if every != 12 else ""))

    @classmethod
    def equal(cls, count: int, every_months: int = 12) -> VestingSchedule:
        """``count`` equal tranches (exact thirds for 3), every ``every_months`` months."""
        n = inputs.count(count, "number of tranches", field="schedule")
        every = inputs.count(every_months, "months between tranches", field="schedule")
        if n < 1 or every < 1 or n * every > MAX_MONTHS:
            raise InputError(f"{n} equal tranches every {every} months: expected 1 or more of "
                             f"each, over at most {MAX_MONTHS} months", field="schedule")
        rows = tuple(((i + 1) * every, Fraction(1, n)) for i in range(n))
        return cls(rows, f"equal {n}" + (f" every {every}" if every != 12 else ""))

    @classmethod
    def monthly(cls, total_months: int, cliff_months: int = 0) -> VestingSchedule:
        """Monthly vesting over ``total_months``; at the cliff the months so far vest at once."""
        total = inputs.count(total_months, "total months", field="schedule")
        cliff = inputs.count(cliff_months, "cliff months", field="schedule")
        if total < 1 or cliff > total or total > MAX_MONTHS:
            raise InputError(f"monthly vesting over {total} months with a {cliff}-month cliff: "
                             f"expected 1 to {MAX_MONTHS} months and a cliff no longer than "
                             "that", field="schedule")
        first = max(cliff, 1)
        rows = ((first, Fraction(first, total)),) + tuple(
            (m, Fraction(1, total)) for m in range(first + 1, total + 1))
        return cls(rows, f"monthly {total}" + (f" cliff {cliff}" if cliff else ""))

    @classmethod
    def from_rows(cls, rows: Iterable[object], what: str = "vesting schedule"
                  ) -> VestingSchedule:
        """A custom schedule from a 2-column range of (months after grant, fraction)."""
        pairs = _rows(rows, what)
        if not pairs:
            raise InputError(f"{what} is empty: give rows of (months after grant, fraction)",
                             field="schedule")
        return cls(tuple(pairs))

    @classmethod
    def parse(cls, text: str) -> VestingSchedule:
        """``"cliff 36"``, ``"graded 40/30/30"`` (yearly from 12 months), ``"equal 3"``
        (exact thirds, yearly) or ``"monthly 48 cliff 12"``."""
        words = str(text).strip().lower()
        if m := re.fullmatch(r"cliff\s+(\d+)", words):
            return cls.cliff(int(m[1]))
        if m := re.fullmatch(r"graded\s+([\d.%]+(?:\s*/\s*[\d.%]+)+)", words):
            return cls.graded([p.strip() for p in m[1].split("/")])
        if m := re.fullmatch(r"equal\s+(\d+)", words):
            return cls.equal(int(m[1]))
        if m := re.fullmatch(r"monthly\s+(\d+)(?:\s+cliff\s+(\d+))?", words):
            return cls.monthly(int(m[1]), int(m[2] or 0))
        forms = {"graded": '"graded 40/30/30"', "cliff": '"cliff 36"', "equal": '"equal 3"',
                 "monthly": '"monthly 48 cliff 12"'}
        first = words.split()[0] if words.split() else ""
        hint = (f"write {forms[first]}" if first in forms  # the form the user meant, first
                else "write " + ", ".join(forms.values()) + " or give a table")
        shown = text if len(str(text)) <= 24 else f"{str(text)[:23]}…"
        raise InputError(f'vesting schedule "{shown}" is not one xlperf reads: {hint}',
                         field="schedule")

    # -- reading it --------------------------------------------------------------------
    @property
    def months(self) -> tuple[int, ...]:
        """Months after grant of each tranche, ascending."""
        return tuple(m for m, _ in self.tranches)

    @property
    def fractions(self) -> tuple[Fraction, ...]:
        """Fraction of the grant vesting in each tranche (exact; they add to 1)."""
        return tuple(f for _, f in self.tranches)

    def dates(self, grant_date: dt.date) -> tuple[dt.date, ...]:
        """The anniversary date of each tranche."""
        return tuple(add_months(grant_date, m) for m in self.months)

    def fraction_on(self, grant_date: dt.date, day: dt.date) -> Fraction:
        """The exact fraction vested by ``day`` (tranches dated on or before it)."""
        return sum((f for d, f in zip(self.dates(grant_date), self.fractions, strict=True)
                    if d <= day), Fraction(0))

    def quantities(self, quantity: int) -> tuple[int, ...]:
        """Whole shares per tranche: differences of ``floor(cumulative fraction × quantity)``."""
        cumulative, running, out = Fraction(0), 0, []
        for f in self.fractions:
            cumulative += f
            vested = math.floor(cumulative * quantity)
            out.append(vested - running)
            running = vested
        return tuple(out)

    def tranches_for(self, grant_date: dt.date, quantity: int) -> tuple[Tranche, ...]:
        """The grant's tranches: number, months, date, fraction, quantity, cumulative."""
        out, cumulative = [], 0
        for i, ((months, f), q) in enumerate(
                zip(self.tranches, self.quantities(quantity), strict=True), start=1):
            cumulative += q
            out.append(Tranche(i, months, add_months(grant_date, months), f, q, cumulative))
        return tuple(out)


def as_schedule(value: object, what: str = "vesting schedule") -> VestingSchedule:
    """A schedule from a :class:`VestingSchedule`, a text such as ``"graded 40/30/30"`` or a
    2-column range of (months after grant, fraction)."""
    if isinstance(value, VestingSchedule):
        return value
    if isinstance(value, str):
        return _parsed(value)
    if value is None:
        raise InputError(f"{what} is empty: give a 2-column range of (months after grant, "
                         'fraction) or a text such as "graded 40/30/30"', field="schedule")
    if not isinstance(value, Iterable):
        raise InputError(f"{what} is {inputs.describe(value)}, expected a 2-column range or a "
                         'text such as "graded 40/30/30"', field="schedule")
    return VestingSchedule.from_rows(value, what)


@functools.lru_cache(maxsize=256)
def _parsed(text: str) -> VestingSchedule:
    return VestingSchedule.parse(text)  # a column of XP_VESTED calls names one schedule


def _service_end(grant: dt.date, as_of: dt.date, leaving_date: object) -> dt.date:
    """The last day that counts: ``as_of``, or the leaving date when earlier (never before
    the grant: :func:`leaving_date_for`)."""
    leaving = leaving_date_for(leaving_date, grant)
    return as_of if leaving is None else min(as_of, leaving)


def vested_fraction(grant_date: object, as_of: object, schedule: object,
                    leaving_date: object = None) -> float:
    """The fraction of a grant vested on ``as_of`` (0 to 1), as ``XP_VESTED`` returns it.

    A tranche counts from its anniversary date on. With a ``leaving_date`` (last day of
    service), nothing vests after it: the rest is forfeited.
    """
    grant = as_date(grant_date, "grant date", field="grant_date")
    day = _service_end(grant, as_date(as_of, "as-of date", field="as_of"), leaving_date)
    return float(as_schedule(schedule).fraction_on(grant, day))


def vested_quantity(quantity: object, grant_date: object, as_of: object, schedule: object,
                    leaving_date: object = None, conditions: Sequence[bool | None] = ()
                    ) -> int:
    """Whole shares/units vested on ``as_of``: ``floor(vested fraction × quantity)``, the
    tranches dated by then (and by the leaving date). With per-tranche performance
    ``conditions`` (:func:`checked_conditions`), a tranche counts only once its condition is
    met: one not met is forfeited, one not yet known is pending."""
    total = inputs.count(quantity, "quantity", field="quantity")
    grant = as_date(grant_date, "grant date", field="grant_date")
    day = _service_end(grant, as_date(as_of, "as-of date", field="as_of"), leaving_date)
    plan = as_schedule(schedule)
    if not conditions:
        return math.floor(plan.fraction_on(grant, day) * total)
    met = checked_conditions(conditions, len(plan.tranches), "conditions")
    return sum(t.quantity for t in plan.tranches_for(grant, total)
               if t.date <= day and met[t.number - 1] is True)


def plan_year(months: int) -> int:
    """The plan year a tranche falls in: months 1–12 → year 1, 13–24 → year 2 (0 → year 1)."""
    return max(1, math.ceil(months / 12))


def vesting_table(grant_date: object, quantity: object, schedule: object,
                  by: object = "calendar") -> tuple[VestingYear, ...]:
    """The grant's yearly vesting table: (year, quantity, cumulative, fraction, cumulative).

    ``by="calendar"`` gives calendar years (what vests in the appraisal year); ``by="plan"``
    gives plan years 1, 2, 3 counted from the grant (``"40% after year 1"``). Years in which
    nothing vests are left out. Quantities add up exactly to the grant.
    """
    grant = as_date(grant_date, "grant date", field="grant_date")
    total = inputs.count(quantity, "quantity", field="quantity")
    return table_from_tranches(as_schedule(schedule).tranches_for(grant, total), by)


TABLE_YEARS = {"calendar": "calendar", "自然年度": "calendar", "plan": "plan",
               "计划年度": "plan"}


def table_years(value: object) -> str:
    """How a vesting table counts years: ``"calendar"`` (自然年度, also blank) or ``"plan"``
    (计划年度), in any case."""
    if inputs.is_blank(value):
        return "calendar"
    by = TABLE_YEARS.get(inputs.choice(value))
    if by is None:
        raise InputError(f'vesting table by is {inputs.describe(value)}, expected "calendar" '
                         'or "plan"', field="by")
    return by


def table_from_tranches(tranches: Iterable[Tranche], by: object = "calendar"
                        ) -> tuple[VestingYear, ...]:
    """Tranches summed by calendar year (``by="calendar"``) or plan year (``by="plan"``)."""
    by = table_years(by)
    years: dict[int, list] = {}
    for t in tranches:
        key = t.date.year if by == "calendar" else plan_year(t.months)
        row = years.setdefault(key, [0, Fraction(0)])
        row[0] += t.quantity
        row[1] += t.fraction
    out, cumulative, cumulative_fraction = [], 0, Fraction(0)
    for year, (q, f) in sorted(years.items()):
        cumulative += q
        cumulative_fraction += f
        out.append(VestingYear(year, q, cumulative, float(f), float(cumulative_fraction)))
    return tuple(out)


_UNKNOWN = {"", "?", "unknown", "未知", "待定"}


def conditions_from(value: object) -> tuple[bool | None, ...]:
    """Per-tranche conditions as a Grants cell holds them: a text such as ``yes/yes/no``
    (``?`` or nothing: not yet known), TRUE/FALSE or 1/0 alone for a single tranche, or a
    row or column of such cells; blank: none."""
    if value is None or isinstance(value, list | tuple):
        return tuple(None if is_blank(v) else inputs.done(v, f"condition {i}", field="conditions")
                     for i, v in enumerate(cells_of(value), start=1))
    if isinstance(value, bool | int | float):
        return (inputs.done(value, "condition", field="conditions"),)
    parts = str(value).replace("／", "/").split("/")
    if len(parts) == 1 and not parts[0].strip():
        return ()
    return tuple(None if p.strip().lower() in _UNKNOWN
                 else inputs.done(p, f"condition {i}", field="conditions")
                 for i, p in enumerate(parts, start=1))


def checked_conditions(values: Iterable[object] | None, tranches: int, what: str
                       ) -> tuple[bool | None, ...]:
    """Per-tranche performance conditions: empty (none), or one met / not met / unknown
    (``None``) per tranche."""
    values = cells_of(values)
    if not values:
        return ()
    if len(values) != tranches:
        raise InputError(f"{what}: {len(values)} condition(s) for {tranches} tranche(s); give "
                         "one per tranche (met, not met, or blank if not yet known)",
                         field="conditions")
    return tuple(None if is_blank(v) else inputs.done(v, f"{what} tranche {i}",
                                                         field="conditions")
                 for i, v in enumerate(values, start=1))
