"""The Plans and PlanPeriods sheets → each equity-incentive plan checked, every bad cell located.

A plan's row gives its instrument, regime, prices, dates and shares; its unlock or exercise
periods are its PlanPeriods rows; its participants are the Grants rows whose Grant ID is the
plan's id (:mod:`xlperf.rules.china.plans` puts them together and counts the plans announced
on or before it as its other live plans). Each cell is checked on its own, then the core
builds and checks the plan exactly as the Check column's ``XP_CSRC_CHECK`` formula does.

Bad cells are errors at their cells; a breach of the rules is not an input error but a
finding, returned in :class:`PlanCheckResult`. A plan is checked only when its own cells,
its periods and its grants read well, and so do those of every plan announced on or before
it (their shares count towards its limits); otherwise the reason is given at its Plan ID.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from xlperf.errors import InputError, InputErrors, Problem
from xlperf.rules import inputs
from xlperf.rules.china import csrc
from xlperf.rules.china.csrc import EquityPlan, ReferencePrices, Tranche, check_plan
from xlperf.rules.china.legal import share
from xlperf.rules.china.plans import CompanyPlan, Holding, with_participants
from xlperf.rules.incentives import as_date
from xlperf.workbook import grants as lti
from xlperf.workbook import layout as L
from xlperf.workbook.plan_rows import GRANT_INSTRUMENT
from xlperf.workbook.rows import BAD, RowReader, blank, ok

NOTE = "Note: "  # how it starts each note line
Rows = Iterable[tuple[int, Sequence[object]]]


@dataclasses.dataclass(frozen=True, kw_only=True)
class PlanCheckResult(csrc.PlanCheck):
    """One plan of the Plans sheet checked against the CSRC measures (and, for the
    state-controlled regime, the SASAC price rule): the core's :class:`~csrc.PlanCheck`
    (``plan`` as checked — its participants are the executives' grants under the plan's
    id, ``other_plan_shares`` includes the earlier plans on the sheet —, every breach, the
    notes on what was not checked or was allowed by a special resolution) and where it is
    on the sheet. ``cached`` is the value Excel saved in the Check cell (``None`` when Excel
    never calculated the book).
    """

    plan_id: str
    row: int  # the plan's row on the Plans sheet
    cached: object = None

    @property
    def text(self) -> str:
        """What the Check cell shows: ``OK`` or the breach lines, then the notes, one per
        line."""
        return "\n".join((super().text, *(NOTE + n for n in self.notes)))

    @property
    def sheet(self) -> str:
        """The sheet of the plan's Check cell."""
        return L.PLANS

    @property
    def cell(self) -> str:
        """The plan's Check cell, e.g. ``Q6``."""
        return f"{L.PLANS_LAYOUT.letter('check')}{self.row}"


@dataclasses.dataclass
class _Plan:
    """A Plans row as read: its parsed cells (``BAD`` where a cell failed)."""

    row: int
    plan_id: Any
    announced: Any
    values: dict[str, Any]
    cached: object
    bad: bool = False
    periods: list[tuple[int, Tranche]] = dataclasses.field(default_factory=list)
    holdings: list[Holding] = dataclasses.field(default_factory=list)
    company_plan: CompanyPlan | None = None


def _instrument(value: object) -> str:
    try:
        return csrc.instrument_name(value)
    except InputError:
        raise InputError(f"instrument is {inputs.describe(value)}, expected restricted_stock or "
                         "stock_option (限制性股票, 股票期权)") from None


def _above_zero(what: str, expected: str):
    """A parser of an amount that must be above 0 (``expected`` says what it should be)."""
    def parse(value: object) -> Decimal:
        result = inputs.amount(value, what)
        if result == 0:
            raise InputError(f"{what} is 0, expected {expected}")
        return result
    return parse


def _market_price(what: str):
    return _above_zero(what, "a market price above 0")


def _positive(what: str):
    return _above_zero(what, "the number of shares")


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise InputError(f"special resolution is {inputs.describe(value)}, expected TRUE or FALSE "
                     "(blank: none)")


_OPTIONAL = {  # field: (parser, value when blank)
    "name": (lambda v: inputs.text(v, "plan name"), ""),
    "regime": (csrc.regime_name, "csrc"),
    "par_value": (lambda v: inputs.amount(v, "par value"), Decimal(1)),
    "previous_day_average": (_market_price("previous-day average price"), None),
    "period_average": (_market_price("period average price"), None),
    "period_days": (lambda v: lti.whole(v, "period days"), 20),
    "previous_close": (_market_price("previous close"), None),
    "average_close_30": (_market_price("30-day average close"), None),
    "other_shares": (lambda v: inputs.amount(v, "other live shares"), Decimal(0)),
    "special_resolution": (_flag, False),
}
_REQUIRED = {
    "instrument": _instrument,
    "price": lambda v: inputs.amount(v, "price"),
    "share_capital": _positive("share capital"),
    "plan_shares": _positive("plan shares"),
}
_NEEDED = {  # regime: the reference prices its price floor needs, and what they are called
    "csrc": (("previous_day_average", "previous-day average price (前1个交易日交易均价)"),
             ("period_average", "20/60/120-day average price (前20/60/120个交易日交易均价)"),
             "the CSRC price floor"),
    "soe": (("previous_close", "previous close (前1个交易日收盘价)"),
            ("average_close_30", "30-day average close (前30个交易日平均收盘价)"),
            "the state-controlled price floor"),
}


def _plan_row(r: RowReader) -> _Plan:
    plan_id = r.text("plan_id", "plan id")
    announced = r.get("announced", lambda v: as_date(v, "announcement date"))
    values: dict[str, Any] = {f: r.get(f, parse) for f, parse in _REQUIRED.items()}
    for field, (parse, default) in _OPTIONAL.items():
        values[field] = default if blank(r.raw(field)) else r.get(field, parse)
    if ok(values["regime"]):
        *needed, floor = _NEEDED[values["regime"]]
        for field, what in needed:
            if blank(r.raw(field)):
                r.error(f"{what} is empty: {floor} needs it", field)
                values[field] = BAD
    return _Plan(r.row, plan_id, announced, values, r.raw("check"),
                 not ok(plan_id, announced, *values.values()))


def _period_row(r: RowReader) -> tuple[str, Tranche] | Any:
    plan_id = r.text("plan_id", "plan id")
    start = r.get("start", lambda v: lti.whole(v, "start (months after the grant)"))
    end = r.get("end", lambda v: lti.whole(v, "end (months after the grant)"))
    part = r.get("share", lambda v: share(v, "share of the grant"))
    if not ok(plan_id, start, end, part):
        return BAD
    tranche = r.build(lambda: Tranche(start, end, part))
    return BAD if tranche is BAD else (plan_id, tranche)


def _problem(message: str, layout: L.SheetLayout, row: int, field: str,
             severity: str = "error") -> Problem:
    return Problem(message, layout.name, f"{layout.letter(field)}{row}", "", severity)


def _not_checked(plan: _Plan, reason: str) -> Problem:
    """A warning at the Plan ID of a plan left unchecked because of errors elsewhere (those
    are reported at their own cells)."""
    return _problem(f'plan "{plan.plan_id}" is not checked: {reason}', L.PLANS_LAYOUT,
                    plan.row, "plan_id", "warning")


def _read_plans(plan_rows: Rows, problems: list[Problem]) -> list[_Plan]:
    plans = [_plan_row(RowReader(L.PLANS_LAYOUT, r, values, "", problems))
             for r, values in plan_rows]
    rows_of = defaultdict(list)
    for plan in plans:
        if ok(plan.plan_id):
            rows_of[plan.plan_id].append(plan)
    for plan_id, same in rows_of.items():
        if len(same) > 1:
            listed = ", ".join(str(p.row) for p in same)
            for plan in same:
                problems.append(_problem(f'plan id "{plan_id}" is on rows {listed}: one row '
                                         "per plan", L.PLANS_LAYOUT, plan.row, "plan_id"))
                plan.bad = True
    return plans


def _read_periods(period_rows: Rows, by_id: dict[str, _Plan], listed: set[str],
                  problems: list[Problem]) -> None:
    for r, values in period_rows:
        reader = RowReader(L.PLAN_PERIODS_LAYOUT, r, values, "", problems)
        read = _period_row(reader)
        plan_id = reader.raw("plan_id")
        plan = by_id.get(plan_id.strip()) if isinstance(plan_id, str) else None
        if read is BAD:
            if plan is not None:
                plan.bad = True
            continue
        if plan is None:
            if read[0] not in listed:  # a repeated id's periods: that error is at the id
                reader.error(f'plan "{read[0]}" is not on the Plans sheet', "plan_id")
            continue
        plan.periods.append((r, read[1]))


def _read_holdings(grant_rows: Rows, by_id: dict[str, _Plan], problems: list[Problem]) -> None:
    """The Grants rows whose Grant ID names a plan: its participants."""
    layout = L.GRANTS_LAYOUT
    for r, values in grant_rows:
        raw_id = values[layout.index("grant_id")]
        plan = by_id.get(raw_id.strip()) if isinstance(raw_id, str) else None
        if plan is None:
            continue
        quiet: list[Problem] = []  # the grants reader reports these cells already
        reader = RowReader(layout, r, values, "", quiet)
        ex_id = reader.text("id", "executive id")
        kind = reader.get("instrument", lti.instrument)
        quantity = reader.get("quantity", lambda v: lti.whole(v, "quantity"))
        plan_kind = plan.values["instrument"]
        if ok(kind, plan_kind) and kind is not GRANT_INSTRUMENT[plan_kind]:
            expected = GRANT_INSTRUMENT[plan_kind]
            problems.append(_problem(
                f'grant "{plan.plan_id}" is {kind.label}, but plan {plan.plan_id} on the Plans '
                f"sheet is {expected.label}: a plan's grants are of its instrument (or give "
                "the grant another id)", layout, r, "instrument"))
            plan.bad = True
        elif not ok(ex_id, kind, quantity):
            problems.append(_not_checked(plan, f"its grant on Grants row {r} has errors"))
            plan.bad = True
        else:
            try:
                plan.holdings.append(Holding(ex_id, plan.plan_id, Decimal(quantity)))
            except InputError as error:  # a quantity the grant takes but a holding cannot
                problems.append(dataclasses.replace(
                    _problem(error.message, layout, r, "quantity"), executive=ex_id))
                plan.bad = True


def _errors(error: InputError) -> list[InputError]:
    return list(error.errors) if isinstance(error, InputErrors) else [error]


def _locate(error: InputError, plan: _Plan) -> Problem:
    """A core error about a plan, at the cell (or the PlanPeriods cells) it names."""
    if error.field in ("share", "tranches") and plan.periods:
        letter = L.PLAN_PERIODS_LAYOUT.letter("share")
        return Problem(error.message, L.PLAN_PERIODS,
                       f"{letter}{plan.periods[0][0]}:{letter}{plan.periods[-1][0]}")
    if error.field == "tranches":
        return _problem(f"{error.message}: add its rows to the PlanPeriods sheet",
                        L.PLANS_LAYOUT, plan.row, "plan_id")
    field = "plan_id" if error.field == "name" else error.field  # a participant twice
    cell = L.cell_for(L.PLANS, plan.row, field) or f"A{plan.row}"
    return Problem(error.message, L.PLANS, cell)


def _build(plan: _Plan, problems: list[Problem]) -> CompanyPlan | None:
    v = plan.values
    try:
        reference = ReferencePrices(v["previous_day_average"], v["period_average"],
                                    v["period_days"], v["previous_close"],
                                    v["average_close_30"])
        return CompanyPlan(plan.plan_id, EquityPlan(
            v["instrument"], v["price"], reference, tuple(t for _, t in plan.periods),
            v["share_capital"], plan_shares=v["plan_shares"],
            other_plan_shares=v["other_shares"], par_value=v["par_value"],
            regime=v["regime"], announced=plan.announced, name=v["name"]),
            v["special_resolution"])
    except InputError as error:
        problems += [_locate(e, plan) for e in _errors(error)]
        return None


def _blocker(plan: _Plan, plans: Sequence[_Plan]) -> _Plan | None:
    """A bad plan announced on or before ``plan`` (or on an unreadable date)."""
    for other in plans:
        if other is not plan and other.bad and (
                not isinstance(other.announced, dt.date) or other.announced <= plan.announced):
            return other
    return None


def check_plans(plan_rows: Rows, period_rows: Rows, grant_rows: Rows,
                problems: list[Problem]) -> tuple[PlanCheckResult, ...]:
    """Every plan of the Plans sheet that reads well, checked; each bad cell (and each plan
    that cannot be checked, with the reason) recorded in ``problems``. ``grant_rows`` are
    the Grants rows (number, values) whose Grant ID names a plan; others are ignored."""
    plans = _read_plans(plan_rows, problems)
    listed = [p.plan_id for p in plans if ok(p.plan_id)]
    by_id = {p.plan_id: p for p in plans if listed.count(p.plan_id) == 1}
    _read_periods(period_rows, by_id, set(listed), problems)
    _read_holdings(grant_rows, by_id, problems)
    for plan in plans:
        if not plan.bad:
            plan.company_plan = _build(plan, problems)
            plan.bad = plan.company_plan is None
    good = [p.company_plan for p in plans if not p.bad]
    holdings = [h for p in plans for h in p.holdings]  # each plan's in Grants order
    results = []
    for plan in plans:
        if plan.bad:
            continue
        blocker = _blocker(plan, plans)
        if blocker is not None:
            problems.append(_not_checked(
                plan, f"the plan on row {blocker.row}, announced on or before it, has errors, "
                "and its shares count towards this plan's limits"))
            continue
        try:
            check = check_plan(with_participants(plan.company_plan, good, holdings))
        except InputError as error:
            problems += [_locate(e, plan) for e in _errors(error)]
            continue
        results.append(PlanCheckResult(check.plan, check.breaches, check.notes,
                                       plan_id=plan.plan_id, row=plan.row, cached=plan.cached))
    return tuple(results)
