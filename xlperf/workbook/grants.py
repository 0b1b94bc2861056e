"""The long-term incentive sheets → grants, market data and the pay date, every problem located.

Grants (one row per grant), Exercises and Clawbacks (keyed by ID + Grant ID) and SharePrices
(the company's closing prices and dividends) are read here; the columns each instrument uses
are the layout's :data:`~xlperf.workbook.layout.GRANT_COLUMNS`. Each cell is checked on its
own, then each grant is built by the core (its own checks located at the cell they name), and
finally :func:`check_statement` runs the year's pay statement, so that an error that only
appears when the events are computed (a share price missing for an unlock date) is located at
the grant's row. Nothing in a cell is ever evaluated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from xlperf.errors import InputError, Problem
from xlperf.model import AppraisalInput
from xlperf.policy import Policy
from xlperf.rules import inputs
from xlperf.rules.china.tax import bonus_rule
from xlperf.rules.incentives import (
    AppreciationRightGrant,
    Clawback,
    DeferredCashGrant,
    Exercise,
    IncentiveRules,
    Instrument,
    MarketData,
    PerformanceShareGrant,
    PerformanceUnitGrant,
    PhantomStockGrant,
    RestrictedStockGrant,
    StockOptionGrant,
    as_date,
    as_schedule,
    conditions_from,
)
from xlperf.rules.incentives.dates import optional_date
from xlperf.rules.incentives.performance import MIN_PERIOD_YEARS, short_period
from xlperf.rules.pay_statement import PayStatement, pay_statement
from xlperf.rules.scoring import tidy_percent
from xlperf.workbook import layout as L
from xlperf.workbook.rows import BAD, Bad, RowReader, blank, ok

_NAMES = {inputs.choice(name): i for i in Instrument
          for name in (i.value, i.label, i.label_zh)}
_NAMES["sar"] = Instrument.APPRECIATION_RIGHT
_WORDS = {"forfeit": "forfeit", "没收": "forfeit", "pro rata": "pro rata",
          "pro-rata": "pro rata", "按比例": "pro rata", "keep": "keep", "保留": "keep",
          "held": "held", "暂扣": "held", "paid": "paid", "支付": "paid", "none": "none",
          "无": "none"}
_ALLOWED = {"on_leaving": {Instrument.PERFORMANCE_SHARE: ("forfeit", "pro rata"),
                           Instrument.PERFORMANCE_UNIT: ("forfeit", "pro rata"),
                           Instrument.DEFERRED_CASH: ("forfeit", "keep")},
            "dividends": {Instrument.RESTRICTED_STOCK: ("held", "paid"),
                          Instrument.PHANTOM_STOCK: ("paid", "none")}}


def instrument(value: object) -> Instrument:
    """An instrument from its name (``stock_option``, ``stock option`` or ``股票期权``)."""
    found = _NAMES.get(inputs.choice(value)) if isinstance(value, str) else None
    if found is None:
        raise InputError(f"instrument is {inputs.describe(value)}, expected one from the list: "
                         f"{', '.join(i.value for i in Instrument)} (or the Chinese names)")
    return found


def whole(value: object, what: str) -> int:
    """A whole number of zero or more, with a message that says so."""
    try:
        return inputs.count(value, what)
    except InputError as error:
        if error.message.endswith(f"at most {inputs.MAX_AMOUNT:,}"):
            raise  # a whole number, too large: that message says what to type
        raise InputError(f"{what} is {inputs.describe(value)}, expected a whole number") \
            from None


def _schedule(value: object) -> Any:
    if not isinstance(value, str):
        raise InputError(f'schedule is {inputs.describe(value)}, expected a text such as '
                         '"graded 40/30/30", "equal 3", "cliff 36" or "monthly 48 cliff 12"')
    return as_schedule(value.strip())


PARSERS: dict[str, Callable[[object], Any]] = {
    "grant_date": lambda v: as_date(v, "grant date"),
    "leaving_date": lambda v: as_date(v, "leaving date"),
    "quantity": lambda v: whole(v, "quantity"),
    "amount": lambda v: inputs.amount(v, "amount"),
    "price": lambda v: inputs.amount(v, "price"),
    "grant_date_price": lambda v: inputs.amount(v, "grant-date price"),
    "unit_value": lambda v: inputs.amount(v, "unit value"),
    "cap_per_unit": lambda v: inputs.amount(v, "cap per unit"),
    "cap_total": lambda v: inputs.amount(v, "total cap"),
    "schedule": _schedule,
    "conditions": conditions_from,
    "achievement": lambda v: tidy_percent(inputs.achievement(v, "achievement %")),  # 1.12: 112
    "period_years": lambda v: whole(v, "period (years)"),
    "term_years": lambda v: whole(v, "term (years)"),
    "exercise_window": lambda v: whole(v, "window after leaving (months)"),
    "bonus_year": lambda v: whole(v, "bonus year"),
    "on_leaving": lambda v: _word(v, "on leaving"),
    "dividends": lambda v: _word(v, "dividends"),
}


def _word(value: object, what: str) -> str:
    word = _WORDS.get(inputs.choice(value)) if isinstance(value, str) else None
    if word is None:
        raise InputError(f"{what} is {inputs.describe(value)}, expected a word from the list")
    return word


@dataclasses.dataclass
class GrantRow:
    """A Grants row whose cells are all valid: the values the grant is built from."""

    row: int
    grant_id: str
    instrument: Instrument
    values: dict[str, Any]


def _what(field: str, kind: Instrument) -> str:
    if field == "price":
        return L.PRICE_MEANING[kind]
    if field == "quantity":
        return L.QUANTITY_MEANING[kind]
    return L.GRANTS_LAYOUT.columns[L.GRANTS_LAYOUT.index(field)].header.lower()


def grant_row(r: RowReader) -> GrantRow | Bad:
    """A Grants row: the common cells, then each column as the instrument uses it."""
    grant_id = r.text("grant_id", "grant id")
    grant_date = r.get("grant_date", PARSERS["grant_date"])
    kind = r.get("instrument", instrument)
    if not ok(kind):
        return BAD
    uses = L.GRANT_COLUMNS[kind]
    values: dict[str, Any] = {"grant_date": grant_date}
    for column in L.GRANTS_LAYOUT.columns:
        field = column.field
        if field in L.GRANT_COMMON or field in L.GRANT_FORMULA_FIELDS:
            continue
        given = not blank(r.raw(field))
        if field not in uses:
            if given:
                r.error(f"{column.header.lower()} does not apply to {kind.label} grants: "
                        "leave it blank", field)
                values[field] = BAD
        elif not given:
            if uses[field] == L.REQUIRED:
                r.error(f"{field.replace('_', ' ')} is empty: a {kind.label} grant needs its "
                        f"{_what(field, kind)}", field)
                values[field] = BAD
        else:
            value = r.get(field, PARSERS[field])
            allowed = _ALLOWED.get(field, {}).get(kind)
            if ok(value) and allowed and value not in allowed:
                r.error(f'{field.replace("_", " ")} is {inputs.describe(r.raw(field))}: for '
                        f"{kind.label} grants expected {' or '.join(allowed)}", field)
                value = BAD
            values[field] = value
    if not ok(grant_id, *values.values()):
        return BAD
    _warn_of_a_short_period(r, kind, values.get("period_years"))
    return GrantRow(r.row, grant_id, kind, values)


def _warn_of_a_short_period(r: RowReader, kind: Instrument, years: int | None) -> None:
    """A performance period under the guide's 3 years is read, with a warning: a plan may
    have its reasons, but finance should see it."""
    if years is not None and short_period(years):
        r.warn(f"performance period is {years} year(s): {kind.label}s "
               f"are usually measured over at least {MIN_PERIOD_YEARS} years "
               f"(业绩考核期一般不少于{MIN_PERIOD_YEARS}年)", "period_years")


@dataclasses.dataclass
class LinkedRow:
    """An Exercises or Clawbacks row: the grant it belongs to and what it records."""

    sheet: str
    row: int
    grant_id: str
    item: Exercise | Clawback


def exercise_row(r: RowReader) -> LinkedRow | Bad:
    """An Exercises row."""
    grant_id = r.text("grant_id", "grant id")
    date = r.get("date", lambda v: as_date(v, "exercise date"))
    quantity = r.get("quantity", lambda v: whole(v, "exercise quantity"))
    price = None if blank(r.raw("price")) else r.get(
        "price", lambda v: inputs.amount(v, "share price"))
    if not ok(grant_id, date, quantity, price):
        return BAD
    item = r.build(lambda: Exercise(date, quantity, price))
    return BAD if item is BAD else LinkedRow(L.EXERCISES, r.row, grant_id, item)


def clawback_row(r: RowReader) -> LinkedRow | Bad:
    """A Clawbacks row (a blank amount claws back everything)."""
    grant_id = r.text("grant_id", "grant id")
    date = r.get("date", lambda v: as_date(v, "clawback date"))
    value = None if blank(r.raw("amount")) else r.get(
        "amount", lambda v: inputs.amount(v, "clawback amount"))
    reason = r.text("reason", "reason", False)
    if not ok(grant_id, date, value, reason):
        return BAD
    item = r.build(lambda: Clawback(date, value, reason))
    return BAD if item is BAD else LinkedRow(L.CLAWBACKS, r.row, grant_id, item)


_LINKED = {L.EXERCISES: ("exercises", (Instrument.STOCK_OPTION, Instrument.APPRECIATION_RIGHT),
                         "stock options and stock appreciation rights"),
           L.CLAWBACKS: ("clawbacks", (Instrument.DEFERRED_CASH,), "deferred cash")}


def _make(kind: Instrument, v: dict[str, Any], grant_id: str, linked: dict[str, tuple],
          rules: IncentiveRules) -> Any:
    get = v.get
    common = {"grant_date": v["grant_date"], "leaving_date": get("leaving_date"),
              "grant_id": grant_id, "rules": rules}
    if kind in (Instrument.STOCK_OPTION, Instrument.APPRECIATION_RIGHT):
        extra = ({"cap_per_unit": get("cap_per_unit"), "cap_total": get("cap_total")}
                 if kind is Instrument.APPRECIATION_RIGHT else {})
        make = StockOptionGrant if kind is Instrument.STOCK_OPTION else AppreciationRightGrant
        return make(quantity=v["quantity"], exercise_price=v["price"], schedule=get("schedule"),
                    exercises=linked.get("exercises", ()), term_years=get("term_years"),
                    exercise_window_months=get("exercise_window"),
                    grant_date_price=get("grant_date_price"), **extra, **common)
    if kind is Instrument.RESTRICTED_STOCK:
        return RestrictedStockGrant(quantity=v["quantity"], grant_price=v["price"],
                                    schedule=get("schedule"),
                                    conditions_met=get("conditions") or (),
                                    grant_date_price=get("grant_date_price"),
                                    dividends=get("dividends"), **common)
    if kind in (Instrument.PERFORMANCE_SHARE, Instrument.PERFORMANCE_UNIT):
        leaving = get("on_leaving")
        extra = ({"unit_value": get("unit_value", Decimal(1))}
                 if kind is Instrument.PERFORMANCE_UNIT else {})
        make = PerformanceShareGrant if kind is Instrument.PERFORMANCE_SHARE \
            else PerformanceUnitGrant
        return make(target=v["quantity"], achievement=get("achievement"),
                    period_years=get("period_years"),
                    good_leaver=None if leaving is None else leaving == "pro rata",
                    **extra, **common)
    if kind is Instrument.PHANTOM_STOCK:
        dividends = get("dividends")
        return PhantomStockGrant(units=v["quantity"], base_price=get("price"),
                                 schedule=get("schedule"),
                                 dividend_equivalents=None if dividends is None
                                 else dividends == "paid", **common)
    leaving = get("on_leaving")
    return DeferredCashGrant(amount=v["amount"], schedule=get("schedule"),
                             conditions_met=get("conditions") or (),
                             forfeit_on_leaving=None if leaving is None else leaving == "forfeit",
                             clawbacks=linked.get("clawbacks", ()), bonus_year=get("bonus_year"),
                             **common)


def _linked_range(rows: Sequence[LinkedRow]) -> str:
    first, last = rows[0].row, rows[-1].row
    return f"C{first}:D{last}"


def _grant_problem(error: InputError, ex_id: str, row: GrantRow,
                   linked: dict[str, list[LinkedRow]]) -> Problem:
    """A core error about one grant, at the cell (or the Exercises/Clawbacks rows) it names."""
    for sheet, (field, _, _) in _LINKED.items():
        if error.field in (field, field[:-1]) and linked.get(sheet):
            return Problem(error.message, sheet, _linked_range(linked[sheet]), ex_id)
    field = "grant_date" if error.field in (None, "share prices") else error.field
    cell = L.cell_for(L.GRANTS, row.row, field) or f"B{row.row}"
    return Problem(error.message, L.GRANTS, cell, ex_id)


def build(ex_id: str, rows: Sequence[GrantRow], linked_rows: Iterable[LinkedRow],
          rules: IncentiveRules, problems: list[Problem]
          ) -> tuple[tuple[Any, ...], tuple[GrantRow, ...]] | Bad:
    """One executive's grants (and the rows they came from), or :data:`BAD` with every
    problem recorded: duplicate grant ids, exercises or clawbacks of an unknown grant or of an
    instrument that has none, and each grant's own checks."""
    by_id: dict[str, GrantRow] = {}
    bad = False
    for row in rows:
        if row.grant_id in by_id:
            problems.append(Problem(f'grant id "{row.grant_id}" is listed twice for {ex_id} '
                                    f"(also row {by_id[row.grant_id].row}): give each grant its "
                                    "own id", L.GRANTS, f"B{row.row}", ex_id))
            bad = True
            continue
        by_id[row.grant_id] = row
    linked: dict[str, dict[str, list[LinkedRow]]] = {gid: {} for gid in by_id}
    for line in linked_rows:
        _, instruments, names = _LINKED[line.sheet]
        target = by_id.get(line.grant_id)
        if target is None:
            message = f'grant "{line.grant_id}" of {ex_id} is not on the Grants sheet'
        elif target.instrument not in instruments:
            message = (f'grant "{line.grant_id}" is {target.instrument.label}: '
                       f"{line.sheet.lower()} apply to {names} only")
        else:
            linked[line.grant_id].setdefault(line.sheet, []).append(line)
            continue
        problems.append(Problem(message, line.sheet, f"B{line.row}", ex_id))
        bad = True
    grants = []
    for gid, row in by_id.items():
        items = {_LINKED[s][0]: tuple(x.item for x in lines)
                 for s, lines in linked[gid].items()}
        try:
            grants.append(_make(row.instrument, row.values, gid, items, rules))
        except InputError as error:
            problems.append(_grant_problem(error, ex_id, row, linked[gid]))
            bad = True
    if bad:
        return BAD
    return tuple(grants), tuple(by_id.values())


def market(rows: Iterable[tuple[int, Sequence[object]]], problems: list[Problem]
           ) -> MarketData | Bad:
    """The SharePrices rows as :class:`MarketData`, or :data:`BAD` after recording each bad
    cell (a date given twice, a row with neither a price nor a dividend, …)."""
    prices, dividends, seen, bad = [], [], {}, False
    for r, values in rows:
        reader = RowReader(L.SHARE_PRICES_LAYOUT, r, values, "", problems)
        day = reader.get("date", lambda v: as_date(v, "date"))
        close = None if blank(reader.raw("close")) else reader.get(
            "close", lambda v: inputs.amount(v, "closing price"))
        cash = None if blank(reader.raw("dividend")) else reader.get(
            "dividend", lambda v: inputs.amount(v, "dividend per share"))
        if close is None and cash is None:
            reader.error("give a closing price, a dividend per share, or both", "close")
            bad = True
        if ok(day) and day in seen:
            reader.error(f"date {day.isoformat()} is listed twice (also row {seen[day]}): one "
                         "row per date", "date")
            day = BAD
        if not ok(day, close, cash):
            bad = True
            continue
        seen[day] = r
        if close is not None:
            prices.append((day, close))
        if cash is not None:
            dividends.append((day, cash))
    return BAD if bad else MarketData(tuple(prices), tuple(dividends))


def pay_date(value: object, year: int | None, problems: list[Problem]) -> dt.date | None | Bad:
    """The settlement's pay date (Executives!F2; blank: ``None``, 31 December of the year),
    checked against the year and the bonus tax tables xlperf knows."""
    try:
        day = optional_date(value, "pay date")
        if year is None:
            return day
        if day is not None and day < dt.date(year, 1, 1):
            raise InputError(f"pay date {day.isoformat()} is before the appraisal year {year}")
        bonus_rule(day or dt.date(year, 12, 31))
    except InputError as error:
        cell = L.PAY_DATE_CELL if not blank(value) else L.YEAR_CELL
        problems.append(Problem(error.message, L.EXECUTIVES, cell))
        return BAD
    return day


def check_statement(item: AppraisalInput, appraisal: Any, rows: Sequence[GrantRow],
                    policy: Policy, problems: list[Problem]) -> PayStatement | None:
    """The year's pay statement under ``policy`` (its central-SOE and incentive rules); a
    failure is located at the grant that causes it (found by computing each grant alone),
    else at the pay date, and gives None."""
    try:
        return pay_statement(appraisal, policy.soe, policy.incentives)
    except InputError:
        pass
    ex_id, found = item.executive.id, False
    if not rows:
        _locate_statement_error(appraisal, L.EXECUTIVES, L.PAY_DATE_CELL, ex_id, problems)
        return None
    for grant, row in zip(item.grants, rows, strict=True):
        alone = dataclasses.replace(appraisal, input=dataclasses.replace(item, grants=(grant,)))
        try:
            pay_statement(alone)
        except InputError as error:
            problems.append(_grant_problem(error, ex_id, row, {}))
            found = True
    if not found:
        try:  # the grants together fail (their combined tax), or the bonus itself does
            pay_statement(dataclasses.replace(appraisal, input=dataclasses.replace(
                item, grants=())))
            sheet, cell = L.GRANTS, f"A{rows[0].row}:A{rows[-1].row}"
        except InputError:
            sheet, cell = L.EXECUTIVES, L.PAY_DATE_CELL
        _locate_statement_error(appraisal, sheet, cell, ex_id, problems)
    return None


def _locate_statement_error(appraisal: Any, sheet: str, cell: str, ex_id: str,
                            problems: list[Problem]) -> None:
    try:
        pay_statement(appraisal)
    except InputError as error:
        problems.append(Problem(error.message, sheet, cell, ex_id))


__all__ = ["GrantRow", "LinkedRow", "build", "check_statement", "clawback_row",
           "exercise_row", "grant_row", "instrument", "market", "pay_date"]
