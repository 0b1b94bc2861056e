"""Dates as Excel and workbooks hand them over, and whole-month arithmetic with anniversaries.

A vesting tranche falls due on its anniversary: the grant date plus a whole number of
months, always counted from the grant date (never from the previous tranche) and clamped to
the end of a shorter month, so 2024-01-31 + 1 month is 2024-02-29 and + 2 months is
2024-03-31. Calendar dates only: no business-day adjustment, as plan documents state dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import numbers
import re

from xlperf.errors import InputError
from xlperf.rules import inputs

# Excel's 1900 date system: serial 61 is 1900-03-01; below it Excel counts a 29 February
# 1900 that never existed, so those serials are refused rather than guessed.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FIRST_SERIAL, _LAST_SERIAL = 61, 2958465  # 1900-03-01 … 9999-12-31
_DATE_TEXT = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def as_date(value: object, what: str = "date", *, field: str | None = None) -> dt.date:
    """``value`` as a date: a date, a datetime (time dropped), an Excel serial or ISO text.

    Text may be ``2024-01-31``, ``2024/1/31`` or ``2024年1月31日``.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        match = _DATE_TEXT.match(value)
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                pass
        raise InputError(f"{what} is {inputs.describe(value)}, expected a date such as "
                         "2024-01-31", field=field)
    if value is None or isinstance(value, str):
        raise InputError(f"{what} is empty, expected a date", field=field)
    try:
        serial = inputs.number(value, what, field=field)
    except InputError:
        if isinstance(value, bool) or not isinstance(value, numbers.Number):
            raise  # TRUE, a list: "expected a number" says it
        serial = math.nan  # 10**400, an infinite Decimal: no date, said below
    if not _FIRST_SERIAL <= serial <= _LAST_SERIAL:
        raise InputError(f"{what} is {inputs.describe(value)}, expected a date (an Excel date "
                         "number from 61, 1900-03-01, on)", field=field)
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def optional_date(value: object, what: str = "date", *, field: str | None = None
                  ) -> dt.date | None:
    """Like :func:`as_date`, but an empty value gives ``None``."""
    if inputs.is_blank(value):
        return None
    return as_date(value, what, field=field)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` whole months, clamped to the month's end (01-31 + 1 → 02-29)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year = day.year + years
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise InputError(f"{day.isoformat()} plus {months} months is outside the calendar")
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months completed from ``start`` to ``end`` (anniversary rule); 0 if ``end`` is
    not after ``start``."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    return months if add_months(start, months) <= end else months - 1


def leaving_date_for(value: object, grant_date: dt.date) -> dt.date | None:
    """A grant's leaving date (last day of service), or ``None``; never before the grant."""
    leaving = optional_date(value, "leaving date", field="leaving_date")
    if leaving is not None and leaving < grant_date:
        raise InputError(f"leaving date {leaving.isoformat()} is before the grant date "
                         f"{grant_date.isoformat()}", field="leaving_date")
    return leaving
