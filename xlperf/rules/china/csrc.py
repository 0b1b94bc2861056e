"""Equity-incentive plans checked against the CSRC measures (上市公司股权激励管理办法).

:func:`check_plan` takes an :class:`EquityPlan` (restricted stock 限制性股票 or stock options
股票期权) and returns EVERY breach, in plain words with the Chinese term and the article:

- price floor: restricted-stock grant price ≥ 50%, option exercise price ≥ 100% of the higher
  of the previous trading day's average price and the chosen 20/60/120-day average price
  (第二十三条, 第二十九条); never below par value;
- at least 12 months from grant to the first unlock or exercise (第二十四条, 第三十条);
- each unlock/exercise period at least 12 months, at most 50% of the grant (第二十五条,
  第三十一条), option periods not overlapping (第三十一条); plan life ≤ 10 years (第十三条);
- all live plans ≤ 10% of share capital, one participant ≤ 1% unless approved by a special
  resolution of the shareholders' meeting (第十四条).

A state-controlled company (``regime="soe"``) must also meet the SASAC price rule: the
fair market price (公平市场价格) is the higher of the previous trading day's closing price
and the average closing price of the previous 30 trading days (国资发分配〔2006〕175号
第十八条); restricted stock may be granted at no less than 50% of it (国资考分〔2020〕178号:
限制性股票的授予价格…不得低于公平市场价格的50%), an option's exercise price no less than
all of it. The CSRC floor is then checked too when its reference prices are given.
A compliance aid, not legal advice (see docs/china.md).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import ROUND_FLOOR, Decimal

from xlperf.errors import InputError, InputErrors
from xlperf.rules import inputs
from xlperf.rules.china.csrc_rules import (
    ARTICLES,
    OPTION,
    RESTRICTED_STOCK,
    CsrcMeasures,
    SoePriceRule,
    csrc_measures,
    soe_price_rule,
)
from xlperf.rules.china.legal import (
    Breach,
    BreachList,
    amount,
    as_date,
    figure,
    first_few,
    percent,
    share,
)
from xlperf.rules.money import price_text, whole_fen_up

_INSTRUMENTS = {  # keys after "-" and "_" become spaces: restricted_stock, stock-option …
    "restricted stock": RESTRICTED_STOCK, "rs": RESTRICTED_STOCK, "限制性股票": RESTRICTED_STOCK,
    "option": OPTION, "options": OPTION, "stock option": OPTION, "stock options": OPTION,
    "股票期权": OPTION, "期权": OPTION,
}
_NAMES = {RESTRICTED_STOCK: ("restricted stock", "限制性股票", "grant price", "授予价格",
                             "unlock", "解除限售"),
          OPTION: ("stock option", "股票期权", "exercise price", "行权价格",
                   "exercise", "行权")}
REGIMES = ("csrc", "soe")
_REGIMES = {"csrc": "csrc", "listed": "csrc", "上市公司": "csrc",
            "soe": "soe", "state": "soe", "state controlled": "soe", "state-controlled": "soe",
            "国有控股": "soe", "国企": "soe"}


def instrument_name(value: object) -> str:
    """``restricted_stock`` or ``option`` from what a user writes (限制性股票, options,
    ``stock_option`` as the Grants sheet spells it, …)."""
    key = inputs.choice(inputs.text(value, "instrument", field="instrument"))
    key = key.replace("-", " ").replace("_", " ")
    if key not in _INSTRUMENTS:
        raise InputError(f"instrument is {inputs.describe(value)}, expected restricted stock "
                         "(限制性股票) or option (股票期权)", field="instrument")
    return _INSTRUMENTS[key]


def regime_name(value: object) -> str:
    """``csrc`` (any listed company) or ``soe`` (state-controlled, 国有控股); empty is csrc."""
    if inputs.is_blank(value):
        return "csrc"
    key = inputs.choice(value)
    if key not in _REGIMES:
        raise InputError(f"regime is {inputs.describe(value)}, expected csrc or soe "
                         "(state-controlled, 国有控股)", field="regime")
    return _REGIMES[key]


def _optional_price(value: object, what: str, field: str) -> Decimal | None:
    if inputs.is_blank(value):
        return None
    price = amount(value, what, field=field)
    if price == 0:
        raise InputError(f"{what} is 0, expected a market price above 0", field=field)
    return price


@dataclasses.dataclass(frozen=True)
class ReferencePrices:
    """Market prices per share before the draft plan is announced (草案公布前).

    An average price (交易均价) is turnover ÷ volume over the days, not a mean of closes.
    """

    previous_day_average: Decimal | None = None  # 前1个交易日交易均价
    period_average: Decimal | None = None  # 前20/60/120个交易日交易均价 (one of them)
    period_days: int = 20  # which window ``period_average`` covers: 20, 60 or 120
    previous_close: Decimal | None = None  # 前1个交易日收盘价 (state-controlled regime)
    average_close_30: Decimal | None = None  # 前30个交易日平均收盘价 (state-controlled regime)

    def __post_init__(self) -> None:
        for name, what in (("previous_day_average", "previous trading day's average price"),
                           ("period_average", "period average price"),
                           ("previous_close", "previous trading day's closing price"),
                           ("average_close_30", "30-day average closing price")):
            object.__setattr__(self, name, _optional_price(getattr(self, name), what, name))
        object.__setattr__(self, "period_days",
                           inputs.count(self.period_days, "average-price window (days)",
                                        field="period_days"))

    @property
    def has_csrc(self) -> bool:
        """True when the two prices of the CSRC floor are given."""
        return self.previous_day_average is not None and self.period_average is not None

    @property
    def has_soe(self) -> bool:
        """True when the two prices of the state-controlled regime's floor are given."""
        return self.previous_close is not None and self.average_close_30 is not None


@dataclasses.dataclass(frozen=True)
class Tranche:
    """One unlock (解除限售期) or exercise period (行权期), in months after the grant date."""

    starts_after_months: int
    ends_after_months: int
    share: Decimal  # of the grant: 0.4, "40%" or 40

    def __post_init__(self) -> None:
        start = inputs.count(self.starts_after_months, "period start (months after grant)",
                             field="starts_after_months")
        end = inputs.count(self.ends_after_months, "period end (months after grant)",
                           field="ends_after_months")
        if end <= start:
            raise InputError(f"period ends at month {end}, not after its start at month "
                             f"{start}", field="ends_after_months")
        object.__setattr__(self, "starts_after_months", start)
        object.__setattr__(self, "ends_after_months", end)
        object.__setattr__(self, "share", share(self.share, "period share of the grant",
                                                field="share"))


@dataclasses.dataclass(frozen=True)
class Participant:
    """One participant (激励对象) and the shares granted to them."""

    name: str
    shares: Decimal  # under this plan
    other_plan_shares: Decimal = Decimal(0)  # under the company's other live plans
    special_resolution: bool = False  # > 1% approved by a special resolution (股东大会特别决议)

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", inputs.text(self.name, "participant name",
                                                     field="name"))
        for name in ("shares", "other_plan_shares"):
            object.__setattr__(self, name, amount(getattr(self, name),
                                                  f"{self.name}'s {name.replace('_', ' ')}",
                                                  field=name))
        object.__setattr__(self, "special_resolution",
                           inputs.done(self.special_resolution, "special resolution",
                                       field="special_resolution"))

    @property
    def live_shares(self) -> Decimal:
        """Shares held through all live plans (累计获授)."""
        return self.shares + self.other_plan_shares


@dataclasses.dataclass(frozen=True)
class EquityPlan:
    """A restricted-stock or option plan (股权激励计划) as the checks need it.

    ``share_capital`` is the company's total share capital (股本总额) when the shareholders'
    meeting approved the latest plan; ``plan_shares`` the shares this plan covers (default:
    the participants' total; more when some are reserved, 预留).
    """

    instrument: str
    grant_price: Decimal  # 授予价格 (restricted stock) or 行权价格 (options), per share
    reference: ReferencePrices
    tranches: tuple[Tranche, ...]
    share_capital: Decimal
    participants: tuple[Participant, ...] = ()
    plan_shares: Decimal | None = None
    other_plan_shares: Decimal = Decimal(0)  # shares of the company's other live plans
    par_value: Decimal = Decimal(1)  # 股票票面金额
    regime: str = "csrc"  # "csrc", or "soe" for a state-controlled company (国有控股)
    announced: dt.date | None = None  # the draft's announcement date (default today)
    name: str = ""

    def __post_init__(self) -> None:
        errors: list[InputError] = []

        def check(step) -> None:
            try:
                step()
            except InputErrors as many:
                errors.extend(many.errors)
            except InputError as error:
                errors.append(error)

        check(self._read_basics)
        check(self._read_shares)
        check(self._read_tranches)
        check(self._read_regime)
        if errors:
            raise errors[0] if len(errors) == 1 else InputErrors(errors)

    def _set(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)

    def _read_basics(self) -> None:
        self._set("instrument", instrument_name(self.instrument))
        self._set("grant_price", amount(self.grant_price, self.price_name, field="grant_price"))
        self._set("par_value", amount(self.par_value, "par value (票面金额)", field="par_value"))
        self._set("announced", as_date(self.announced, "announcement date (草案公布日)"))
        self._set("name", str(self.name or "").strip())

    def _read_shares(self) -> None:
        capital = amount(self.share_capital, "share capital (股本总额)", field="share_capital")
        if capital == 0:
            raise InputError("share capital (股本总额) is 0, expected the company's total "
                             "shares", field="share_capital")
        self._set("share_capital", capital)
        self._set("participants", tuple(self.participants))
        self._set("other_plan_shares", amount(self.other_plan_shares, "other live plans' "
                                              "shares", field="other_plan_shares"))
        names = [p.name for p in self.participants]
        twice = list(dict.fromkeys(n for n in names if names.count(n) > 1))  # as listed
        if twice:
            who = (f"participant {twice[0]} is" if len(twice) == 1
                   else f"participants {first_few(twice)} are")
            raise InputError(f"{who} listed more than once: give one row per participant",
                             field="name")
        granted = sum((p.shares for p in self.participants), Decimal(0))
        if self.plan_shares is None:
            self._set("plan_shares", granted)
            return
        total = amount(self.plan_shares, "plan shares (标的股票总数)", field="plan_shares")
        if total < granted:
            raise InputError(f"plan shares ({figure(total)}) are fewer than the shares granted "
                             f"to the participants ({figure(granted)})", field="plan_shares")
        self._set("plan_shares", total)

    def _read_tranches(self) -> None:
        tranches = tuple(sorted(self.tranches, key=lambda t: t.starts_after_months))
        if not tranches:
            raise InputError("the plan has no unlock or exercise periods", field="tranches")
        total = sum((t.share for t in tranches), Decimal(0))
        if abs(total - 1) > Decimal("0.0001"):
            raise InputError(f"the periods' shares add to {percent(total)}, expected 100% of "
                             "the grant", field="share")
        self._set("tranches", tranches)

    def _read_regime(self) -> None:
        regime = regime_name(self.regime)
        self._set("regime", regime)
        if not isinstance(self.reference, ReferencePrices):
            raise InputError("the plan needs its reference prices (ReferencePrices)",
                             field="reference")
        if regime == "csrc" and not self.reference.has_csrc:
            raise InputError("the CSRC price floor needs the previous trading day's average "
                             "price (前1个交易日交易均价) and the 20/60/120-day average price",
                             field="reference")
        if regime == "soe" and not self.reference.has_soe:
            raise InputError("the state-controlled price floor needs the previous trading "
                             "day's closing price (前1个交易日收盘价) and the 30-day average "
                             "closing price (前30个交易日平均收盘价)", field="reference")

    @property
    def price_name(self) -> str:
        """``grant price (授予价格)`` or ``exercise price (行权价格)``."""
        names = _NAMES[instrument_name(self.instrument)]
        return f"{names[2]} ({names[3]})"


def _csrc_floor(instrument: str, prices: ReferencePrices, measures: CsrcMeasures) -> Decimal:
    """The CSRC floor as a quotable price: rounded up to the fen (:func:`whole_fen_up`)."""
    part = (measures.restricted_stock_price_share if instrument == RESTRICTED_STOCK
            else measures.option_price_share)
    return whole_fen_up(part * max(prices.previous_day_average, prices.period_average))


def _soe_floor(instrument: str, prices: ReferencePrices, rule: SoePriceRule) -> Decimal:
    """The state-controlled floor as a quotable price: rounded up to the fen."""
    return whole_fen_up(rule.price_share(instrument)
                        * max(prices.previous_close, prices.average_close_30))


def price_floor(instrument: object, previous_day_average: object = None,
                period_average: object = None, *, previous_close: object = None,
                average_close_30: object = None, regime: object = "csrc",
                on: object = None) -> Decimal:
    """The lowest grant price (限制性股票) or exercise price (股票期权) the price rules allow.

    ``regime="csrc"``: restricted stock 50%, options 100% of the higher of the previous
    trading day's average price and the chosen 20/60/120-day average price. ``"soe"``:
    restricted stock 50%, options 100% of the fair market price, the higher of the previous
    day's close and the 30-day average close; and the CSRC floor too when its prices are
    given (one of its two prices alone is an error, not a check left out). Par value is not
    included (check it separately). The floor is a whole fen,
    rounded up: the lowest price that is not below the rule (50% of 10.21 = 5.105 → 5.11).
    """
    kind = instrument_name(instrument)
    prices = ReferencePrices(previous_day_average, period_average, 20, previous_close,
                             average_close_30)
    mode = regime_name(regime)
    floors = []
    half_given = (prices.previous_day_average is None) != (prices.period_average is None)
    if mode == "csrc" or prices.has_csrc or half_given:  # one of two: not a floor left out
        if not prices.has_csrc:
            raise InputError("give the previous trading day's average price (前1个交易日交易均价) "
                             "and the 20/60/120-day average price", field="reference")
        floors.append(_csrc_floor(kind, prices, csrc_measures(on)))
    if mode == "soe":
        if not prices.has_soe:
            raise InputError("give the previous trading day's closing price (前1个交易日收盘价) "
                             "and the 30-day average closing price (前30个交易日平均收盘价)",
                             field="reference")
        floors.append(_soe_floor(kind, prices, soe_price_rule(on)))
    return max(floors)


@dataclasses.dataclass(frozen=True)
class PlanCheck(BreachList):
    """The outcome of :func:`check_plan`: every breach, and notes on what was not checked."""

    plan: EquityPlan
    breaches: tuple[Breach, ...]
    notes: tuple[str, ...] = ()


def share_of_capital(ratio: Decimal, limit: Decimal) -> str:
    """``ratio`` as a percentage to 4 decimals (``1.0417%``), more when fewer would not show
    it above ``limit``: 10.000004% of share capital reads ``10.000004%``, never ``10%``
    against a limit of 10%."""
    if ratio >= 10**6:  # absurd share counts: quantizing would exceed the decimal context
        return percent(ratio.to_integral_value())
    shown = ratio.quantize(Decimal("0.000001"))
    places = 6
    while ratio > limit and shown <= limit and places < 40:
        places += 1  # ends by the ratio's last digit, where the figure shown is the ratio
        shown = ratio.quantize(Decimal(1).scaleb(-places), rounding=ROUND_FLOOR)
    return percent(shown)


def _higher_of(part: Decimal) -> str:
    return "the higher of" if part == 1 else f"{percent(part)} of the higher of"


def _price_breaches(plan: EquityPlan, measures: CsrcMeasures) -> tuple[list[Breach], list[str]]:
    breaches, notes = [], []
    p, prices, price, t = plan.price_name, plan.reference, plan.grant_price, price_text
    kind = plan.instrument
    article = ARTICLES[("price", kind)]
    if price < plan.par_value:
        breaches.append(Breach(
            "csrc.par_value", f"The {p} {t(price)} is below the par value (票面金额) "
            f"{t(plan.par_value)}.", measures.cite(article), "plan", price, plan.par_value))
    if prices.has_csrc:
        days = prices.period_days
        if days not in measures.period_days:
            breaches.append(Breach(
                "csrc.price_window", f"The reference average price covers {days} trading days; "
                "the measures allow the 20, 60 or 120 trading days before the draft "
                f"(前20个、60个或者120个交易日交易均价).", measures.cite(article), "plan"))
        floor = _csrc_floor(kind, prices, measures)
        if price < floor:
            part = (measures.restricted_stock_price_share if kind == RESTRICTED_STOCK
                    else measures.option_price_share)
            breaches.append(Breach(
                "csrc.price_floor", f"The {p} {t(price)} is below the floor of {t(floor)}: "
                f"{_higher_of(part)} the previous trading day's average price "
                f"(前1个交易日交易均价) {t(prices.previous_day_average)} and the "
                f"{days}-trading-day average price "
                f"(前{days}个交易日交易均价) {t(prices.period_average)}.", measures.cite(article),
                "plan", price, floor))
    else:
        notes.append(f"CSRC price floor ({measures.cite(article)}) not checked: give the "
                     "previous trading day's average price and the 20/60/120-day average price.")
    if plan.regime == "soe":
        rule = soe_price_rule(plan.announced)
        floor = _soe_floor(kind, prices, rule)
        if price < floor:
            part = rule.price_share(kind)
            share_of = "" if part == 1 else f"{percent(part)} of "
            basis = "" if rule.cite(kind) == rule.source else f" ({rule.source})"
            breaches.append(Breach(
                "soe.price_floor", f"The {p} {t(price)} is below the state-controlled "
                f"floor of {t(floor)}: {share_of}the fair market price (公平市场价格), the "
                f"higher of the previous trading day's closing price (前1个交易日收盘价) "
                f"{t(prices.previous_close)} and the {rule.average_days}-trading-day average "
                f"closing price (前{rule.average_days}个交易日平均收盘价) "
                f"{t(prices.average_close_30)}{basis}.", rule.cite(kind), "plan", price, floor))
    return breaches, notes


def _timing_breaches(plan: EquityPlan, measures: CsrcMeasures) -> list[Breach]:
    kind = plan.instrument
    _, _, _, _, verb, verb_zh = _NAMES[kind]
    breaches = []
    tranches = plan.tranches
    first = tranches[0].starts_after_months
    if first < measures.min_months_to_first:
        breaches.append(Breach(
            "csrc.first_period", f"The first {verb} comes {first} months after the grant; it "
            f"must be at least {measures.min_months_to_first} months (授予日与首次{verb_zh}日"
            f"之间的间隔不得少于{measures.min_months_to_first}个月).",
            measures.cite(ARTICLES[("first", kind)]), "period 1", Decimal(first),
            Decimal(measures.min_months_to_first)))
    cite = measures.cite(ARTICLES[("period", kind)])
    for i, tranche in enumerate(tranches, start=1):
        start, end = tranche.starts_after_months, tranche.ends_after_months
        nxt = tranches[i] if i < len(tranches) else None
        length = end - start if nxt is None else min(end, nxt.starts_after_months) - start
        if length < measures.min_period_months:
            until = "it ends" if nxt is None or end <= nxt.starts_after_months else \
                "the next period starts"
            breaches.append(Breach(
                "csrc.period_length", f"Period {i} (第{i}期, months {start}–{end} after the "
                f"grant) lasts only {length} months before {until}; each {verb} period must "
                f"last at least {measures.min_period_months} months (每期时限不得少于"
                f"{measures.min_period_months}个月).", cite, f"period {i}", Decimal(length),
                Decimal(measures.min_period_months)))
        if tranche.share > measures.max_tranche_share:
            breaches.append(Breach(
                "csrc.tranche_share", f"Period {i} (第{i}期) {verb}s {percent(tranche.share)} "
                f"of the grant; one period may {verb} at most "
                f"{percent(measures.max_tranche_share)} (各期{verb_zh}的比例不得超过获授总额的"
                f"{percent(measures.max_tranche_share)}).", cite, f"period {i}", tranche.share,
                measures.max_tranche_share))
        if kind == OPTION and nxt is not None and nxt.starts_after_months < end:
            breaches.append(Breach(
                "csrc.period_overlap", f"Exercise period {i + 1} (第{i + 1}期) starts at month "
                f"{nxt.starts_after_months}, before period {i} ends at month {end} "
                "(后一行权期的起算日不得早于前一行权期的届满日).", cite, f"period {i + 1}"))
    last = max(t.ends_after_months for t in tranches)
    if last > measures.max_plan_months:
        breaches.append(Breach(
            "csrc.plan_life", f"The plan runs {last} months after the grant; a plan may last "
            f"at most {measures.max_plan_months} months from the first grant (有效期从首次授予"
            "权益日起不得超过10年).", measures.cite("第十三条"), "plan", Decimal(last),
            Decimal(measures.max_plan_months)))
    return breaches


def _size_breaches(plan: EquityPlan, measures: CsrcMeasures) -> tuple[list[Breach], list[str]]:
    breaches, notes = [], []
    cite = measures.cite("第十四条")
    capital = plan.share_capital
    live = plan.plan_shares + plan.other_plan_shares
    if live / capital > measures.total_cap:
        breaches.append(Breach(
            "csrc.total_cap", f"All live plans cover {figure(live)} shares, "
            f"{share_of_capital(live / capital, measures.total_cap)} of the share capital of "
            f"{figure(capital)}; the limit is "
            f"{percent(measures.total_cap)} (全部在有效期内的股权激励计划所涉及的标的股票总数累计"
            f"不得超过公司股本总额的{percent(measures.total_cap)}).", cite, "plan",
            live / capital, measures.total_cap))
    limit = measures.individual_cap
    for person in plan.participants:
        held = person.live_shares / capital
        if held <= limit:
            continue
        if person.special_resolution:
            notes.append(f"{person.name} holds {share_of_capital(held, limit)} of the share "
                         f"capital through all live plans, above the {percent(limit)} limit, "
                         "approved by a special resolution of the shareholders' meeting "
                         "(股东大会特别决议).")
            continue
        breaches.append(Breach(
            "csrc.individual_cap", f"{person.name} holds {figure(person.live_shares)} shares "
            f"through all live plans, {share_of_capital(held, limit)} of the share capital; one "
            f"participant may hold at most {percent(limit)} unless a special resolution of the "
            "shareholders' meeting approves it (非经股东大会特别决议批准，任何一名激励对象累计获授"
            f"不得超过公司股本总额的{percent(limit)}).", cite, person.name, held, limit))
    return breaches, notes


def check_plan(plan: EquityPlan) -> PlanCheck:
    """Every breach of the CSRC measures (and, for ``regime="soe"``, of the SASAC price rule).

    The measures in force on the plan's announcement date apply. Breaches come in a fixed
    order: price, timing (first period, then each period), size (all plans, then each
    participant); ``notes`` say what could not be checked or was allowed by resolution.
    """
    measures = csrc_measures(plan.announced)
    prices, price_notes = _price_breaches(plan, measures)
    sizes, size_notes = _size_breaches(plan, measures)
    return PlanCheck(plan, tuple(prices + _timing_breaches(plan, measures) + sizes),
                     tuple(price_notes + size_notes))
