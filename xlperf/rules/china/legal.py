"""What every China rule carries: its source document, the period it applies to, and breaches.

A rule's numbers (a tax table, a cap, a share) are data with a :class:`Source` and a
:class:`Period`; :func:`in_force` picks the version that applies on a date and fails with
a message naming the periods that are known when none applies. A compliance check returns
:class:`Breach` objects in plain words (English with the Chinese term), every one of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol, TypeVar

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.inputs import share  # noqa: F401  (the one reading of a share, re-exported)
from xlperf.rules.money import money

_EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's 1900 date system (serial 1: 1900-01-01)


@dataclasses.dataclass(frozen=True)
class Source:
    """The document a rule comes from: ``财政部 税务总局公告2023年第30号 第一条``."""

    document: str  # the document number or name, e.g. "财政部 税务总局公告2023年第30号"
    title: str = ""  # its title, e.g. "关于延续实施全年一次性奖金个人所得税政策的公告"
    article: str = ""  # the article or part the rule is in, e.g. "第一条"

    def __str__(self) -> str:
        title = f"《{self.title}》" if self.title else ""
        return " ".join(part for part in (f"{self.document}{title}", self.article) if part)


@dataclasses.dataclass(frozen=True)
class Period:
    """The days a rule applies, both ends included; ``valid_to`` None means until replaced."""

    valid_from: dt.date
    valid_to: dt.date | None = None

    def __post_init__(self) -> None:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise InputError(f"period ends {self.valid_to} before it starts {self.valid_from}")

    def covers(self, day: dt.date) -> bool:
        """True when ``day`` falls inside the period."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def __str__(self) -> str:
        if self.valid_to is None:
            return f"from {self.valid_from.isoformat()}"
        return f"{self.valid_from.isoformat()} to {self.valid_to.isoformat()}"


class Dated(Protocol):
    """Anything that applies during a period, under a source."""

    period: Period
    source: Source


V = TypeVar("V", bound=Dated)


def as_date(value: object, what: str = "date") -> dt.date:
    """A date from what Excel or a caller hands over; ``None`` (an empty cell) means today.

    Accepts a date, a datetime, an ISO string (``"2025-01-31"``) and an Excel serial day
    number (what ``=DATE(2025,1,31)`` passes to a function: 45688).
    """
    if inputs.is_blank(value):
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise InputError(f'{what} is "{value}", expected a date such as 2025-01-31',
                             field="date") from None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        try:
            serial = inputs.number(value, what, field="date")
        except InputError:  # 10**400, Decimal("Infinity"): said as no date, below
            serial = math.nan
        if not 1 <= serial <= 2958465 or serial != int(serial):  # 9999-12-31
            raise InputError(f"{what} is {inputs.describe(value)}, expected a date",
                             field="date")
        if 1900 <= serial <= 2200:  # serials of 1905–1906: surely a year typed as a date
            raise InputError(f"{what} is {int(serial)}, a year: give a date such as "
                             f"{int(serial)}-12-31", field="date")
        return _EXCEL_EPOCH + dt.timedelta(days=int(serial))
    raise InputError(f"{what} is {inputs.describe(value)}, expected a date", field="date")


def in_force(versions: Sequence[V], day: object, what: str) -> V:
    """The version of a rule that applies on ``day``; when none does, a short error an
    analyst can act on: the dates xlperf knows, and that xlperf needs updating."""
    on = as_date(day)
    for version in versions:
        if version.period.covers(on):
            return version
    raise InputError(f"no {what} applies on {on.isoformat()}: xlperf knows {_known(versions)}; "
                     "update xlperf when the rules are extended", field="date")


def _known(versions: Sequence[Dated]) -> str:
    """The days the versions cover: one span when they follow each other without a gap."""
    periods = sorted((v.period for v in versions), key=lambda p: p.valid_from)
    joined = all(a.valid_to is not None and a.valid_to + dt.timedelta(days=1) == b.valid_from
                 for a, b in zip(periods, periods[1:], strict=False))
    if joined and periods:
        return str(Period(periods[0].valid_from, periods[-1].valid_to))
    return ", ".join(str(p) for p in periods)


def amount(value: object, what: str, *, field: str | None = None,
           allow_negative: bool = False) -> Decimal:
    """An amount or price as a Decimal (read as Excel shows it); zero or more unless allowed."""
    if allow_negative:
        return inputs.decimal(value, what, field=field)
    return inputs.amount(value, what, field=field)


def read_money(value: object, what: str, *, field: str | None = None) -> Decimal:
    """An amount of money: zero or more, rounded half-up to the cent (as it is paid)."""
    return money(amount(value, what, field=field))


def money_text(value: Decimal) -> str:
    """An amount as finance reads it, always with cents: ``38,566.67``, ``36,000.00``."""
    return f"{value:,.2f}"


def percent(value: Decimal) -> str:
    """``0.5`` → ``50%``, ``0.125`` → ``12.5%`` (no trailing zeros)."""
    text = f"{value * 100:f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


def first_few(names: Sequence[str], shown: int = 3) -> str:
    """Names for a message a cell can show whole: ``A, B and C``; beyond ``shown``, the
    first ones and how many more (``A, B, C and 4 more``)."""
    if len(names) <= shown:
        return " and ".join(filter(None, (", ".join(names[:-1]), names[-1] if names else "")))
    return f"{', '.join(names[:shown])} and {len(names) - shown} more"


def figure(value: Decimal) -> str:
    """A count or a ratio as read: ``1,500,000`` shares, ``12.5`` months (no trailing zeros)."""
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value.normalize():,f}"




@dataclasses.dataclass(frozen=True)
class Breach:
    """One rule a plan or a payout breaks, in plain words, with the rule's source.

    ``rule`` is a stable identifier (``"csrc.tranche_share"``) for tests, reports and
    filters; ``subject`` says which part of the input broke it (a tranche, a participant, a
    year); ``actual`` and ``limit`` are the two figures compared, when there are figures.
    """

    rule: str
    message: str
    source: Source
    subject: str = ""
    actual: Decimal | None = None
    limit: Decimal | None = None

    def __str__(self) -> str:
        return f"{self.message} [{self.source}]"


OK = "OK"  # what a check shows without breaches (XP_CSRC_CHECK, XP_SOE_CHECK, Check cells)


class BreachList:
    """What every check result that holds ``breaches`` answers: ``ok``, its ``lines`` and
    the ``text`` a Check cell shows."""

    breaches: tuple[Breach, ...]

    @property
    def ok(self) -> bool:
        """True when nothing checked is breached."""
        return not self.breaches

    @property
    def lines(self) -> tuple[str, ...]:
        """Each breach in plain words with its source, one line each (empty: compliant)."""
        return tuple(str(b) for b in self.breaches)

    @property
    def text(self) -> str:
        """``OK``, or the breach lines one per line (what TEXTJOIN(CHAR(10),…) shows)."""
        return "\n".join(self.lines or (OK,))
