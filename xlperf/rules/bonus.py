"""Grade → coefficient (表-3), the performance bonus, over-achievement extra, advances, settlement.

performance bonus = coefficient × bonus standard (绩效奖金激励标准) × months served / 12,
optionally capped. Every amount is a Decimal rounded half-up to the cent once, at the end of
its own formula; the parts of a payout are such amounts, so they add up exactly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from decimal import Decimal

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.curves import Curve
from xlperf.rules.grades import grade_in, grade_name
from xlperf.rules.inputs import MONTHS_IN_YEAR
from xlperf.rules.money import figure, money, money_result


@dataclasses.dataclass(frozen=True)
class CoefficientTable:
    """Grade → appraisal coefficient, best grade first; optionally a score → coefficient curve.

    With a curve the coefficient is read from the curve at the annual score, but a grade
    capped by a veto never earns more than that grade's step coefficient.
    """

    steps: tuple[tuple[str, float], ...] = (
        ("S", 1.5), ("A", 1.2), ("B", 1.0), ("C", 0.6), ("D", 0.0))
    curve: Curve | None = None

    def __post_init__(self) -> None:
        steps = tuple((grade_name(g, "coefficient table grade"),
                       float(as_coefficient(c, f"coefficient of {g}")))
                      for g, c in inputs.pairs(self.steps, "coefficient table", '("S", 1.5)'))
        object.__setattr__(self, "steps", steps)
        for (g0, c0), (g1, c1) in zip(steps, steps[1:], strict=False):
            if c1 > c0:
                raise InputError(f"coefficient of {g1} ({c1:g}) is above that of the better "
                                 f"grade {g0} ({c0:g}): list grades best first")

    def step_for(self, grade: object) -> float:
        """The step coefficient of a grade."""
        table = dict(self.steps)
        name = grade_in(grade, tuple(table))  # 基本称职 is C in an S–D table
        if name is None:
            raise InputError(f"grade is {inputs.describe(grade)}, the coefficient table has "
                             f"{', '.join(table)}", field="grade")
        return table[name]

    def coefficient_for(self, grade: object, score: float | None = None,
                        vetoed: bool = False) -> float:
        """The coefficient of a grade (or of the score on the curve, when there is one)."""
        step = self.step_for(grade)
        if self.curve is None or score is None:
            return step
        value = self.curve.value_at(inputs.points(score, "score"))
        return min(value, step) if vetoed else value


SHARE_LIMIT = 10  # a coefficient or extra rate above 10 × the standard is a percent typed


def as_coefficient(value: object, what: str = "coefficient") -> Decimal:
    """An appraisal coefficient, a multiple of the standard: 1.2, "120%" or a 120% cell.
    Above :data:`SHARE_LIMIT` it is a percent typed as a number (120 would pay 120 × the
    standard), an error."""
    text = inputs.typed(value) if isinstance(value, str) else ""
    try:
        result = (inputs.decimal(text[:-1], what, field="coefficient") / 100
                  if text.endswith("%") else inputs.decimal(value, what, field="coefficient"))
    except InputError:  # "A", TRUE: said as a coefficient, not as an amount
        raise InputError(f"{what} is {inputs.describe(value)}, expected a coefficient such as "
                         "1.2 (120%)", field="coefficient") from None
    if result < 0:
        raise InputError(f"{what} is {inputs.describe(value)}, expected zero or more",
                         field="coefficient")
    if result > SHARE_LIMIT:
        raise InputError(f"{what} is {inputs.describe(value)}, expected a multiple of the "
                         f"standard such as 1.2 (120%), at most {SHARE_LIMIT:g}",
                         field="coefficient")
    return result


def extra_rate(value: float, what: str) -> float:
    """The over-achievement rate, a multiple of the standard per 100% above target, read as
    a coefficient is (1, 1.5 or 150%: an accelerator may pass 100%); above
    :data:`SHARE_LIMIT` it is a percent typed as a number (50 would pay 50 × the standard),
    refused. Its cap is a share, 0–100% (:func:`inputs.share`)."""
    if value < 0:
        raise InputError(f"{what} is {value:g}, expected zero or more", field=what)
    if value > SHARE_LIMIT:
        raise InputError(f"{what} is {value:g}, expected a multiple of the standard such as "
                         f"1, 1.5 or 150%, at most {SHARE_LIMIT:g}", field=what)
    return value


@dataclasses.dataclass(frozen=True)
class BonusRules:
    """Over-achievement extra, quarterly advances and deferral, as shares of the standard."""

    over_achievement_rate: float = 1.0  # × standard per 100% of achievement above target
    over_achievement_cap: float = 0.5  # the extra never exceeds this share (0–100%) of it
    advance_rate: float = 0.5  # share of a quarter's bonus paid as an advance (预发)
    deferral_share: float = 0.0  # share of the year's payout deferred (延期支付)
    extra_withheld: bool = True  # no extra in a year paying no bonus (coefficient 0) or vetoed

    def __post_init__(self) -> None:
        if not isinstance(self.extra_withheld, bool):
            raise InputError(f"extra_withheld is {inputs.describe(self.extra_withheld)}, "
                             "expected true or false", field="extra_withheld")
        for name in ("over_achievement_cap", "advance_rate", "deferral_share"):  # 0.4, 40%, 40
            object.__setattr__(self, name, float(inputs.share(getattr(self, name), name,
                                                              field=name)))
        rate = "over_achievement_rate"  # 1.5 or "150%"
        object.__setattr__(self, rate, extra_rate(
            inputs.number(self.over_achievement_rate, rate, field=rate), rate))


def _amount(value: object, what: str, field: str | None = None) -> Decimal:
    """An amount of zero or more (a standard, a cap), not rounded."""
    return inputs.amount(value, what, field=field or what.replace(" ", "_"))


def _paid(value: object, what: str, field: str | None = None) -> Decimal:
    """An amount paid or to pay (a bonus, an advance): zero or more, to the cent."""
    return money(_amount(value, what, field))


def bonus_amount(coefficient: object, standard: object, months: object = MONTHS_IN_YEAR,
                 cap: object = None) -> Decimal:
    """coefficient × standard × months / 12, rounded half-up to the cent, at most ``cap``.
    A bonus beyond 10^15 is refused, saying how it came: "bonus (coefficient 1.5 × standard
    1,000,000,000,000,000 × 12/12 months) is more than 10^15, too large an amount"."""
    exact, formula = _exact_bonus(coefficient, standard, months)
    amount = money(exact)
    if not inputs.is_blank(cap):
        amount = min(amount, money(_amount(cap, "bonus cap")))
    return money_result(amount, "bonus", field="standard", formula=formula)


def _exact_bonus(coefficient: object, standard: object, months: object
                 ) -> tuple[Decimal, Callable[[], str]]:
    """coefficient × standard × months / 12, not rounded, and what words its formula with
    its figures (for a message, so only worded when one is)."""
    coef = as_coefficient(coefficient)
    base = _amount(standard, "bonus standard")
    served = inputs.months_served(months, field="months")
    def formula() -> str:
        return (f"coefficient {figure(coef)} × standard {figure(base)} × "
                f"{figure(served)}/{MONTHS_IN_YEAR} months")

    return coef * base * served / MONTHS_IN_YEAR, formula


def _percentage(value: object, what: str) -> Decimal:
    """A percentage as a Decimal: 112 and "112%" are both 112 (never 1.12)."""
    text = inputs.typed(value) if isinstance(value, str) else ""
    try:
        return inputs.decimal(text[:-1] if text.endswith("%") else value, what,
                              field="achievement")
    except InputError:
        raise InputError(f"{what} is {inputs.describe(value)}, expected a percentage such as "
                         "112 or 112%", field="achievement") from None


def over_achievement_extra(achievement_pct: object, standard: object,
                           rules: BonusRules = BonusRules()) -> Decimal:  # noqa: B008
    """Extra incentive for beating a medium/long-term target (超额完成目标额外增加激励), as
    earned: the year may withhold it (:func:`year_extra`).

    Demo: (achievement % − 100%) × standard, at most 50% of the standard; nothing at or
    below target. ``achievement_pct`` is a percentage already: 112 or "112%" (a % cell's
    1.12 is read first, by :func:`~xlperf.model.long_term_achievement` or XP_EXTRA).
    """
    achievement = _percentage(achievement_pct, "achievement %")
    base = _amount(standard, "bonus standard")
    excess = max(Decimal(0), achievement - 100) / 100
    rate = inputs.decimal(rules.over_achievement_rate, "over-achievement rate")
    cap = inputs.decimal(rules.over_achievement_cap, "over-achievement cap")
    return money(min(excess * rate * base, cap * base))


@dataclasses.dataclass(frozen=True)
class YearExtra:
    """The over-achievement extra the year pays, and why it withholds an extra earned."""

    amount: Decimal
    withheld: str = ""  # "veto", "no_bonus" (:func:`extra_withheld`), "" when paid


def year_extra(achievement_pct: object, standard: object,
               rules: BonusRules = BonusRules(),  # noqa: B008
               coefficient: object = None, vetoed: bool = False) -> YearExtra:
    """The over-achievement extra of the year: as earned (:func:`over_achievement_extra`),
    or 0 when :func:`extra_withheld` withholds it for the year's ``coefficient`` and veto
    (the reason is given only when there was an extra to withhold)."""
    earned = over_achievement_extra(achievement_pct, standard, rules)
    withheld = extra_withheld(coefficient, vetoed, rules) if earned else ""
    return YearExtra(Decimal("0.00"), withheld) if withheld else YearExtra(earned)


def extra_withheld(coefficient: object, vetoed: bool,
                   rules: BonusRules = BonusRules()) -> str:  # noqa: B008
    """Why the year withholds the over-achievement extra, or "" when it does not: the rules
    withhold it (the demo does) under a veto (一票否决, ``"veto"``) and in a year paying no
    bonus (coefficient 0: D, 不称职, ``"no_bonus"``). A coefficient not known (None)
    withholds nothing."""
    if not rules.extra_withheld:
        return ""
    if vetoed:
        return "veto"
    if coefficient is not None and inputs.number(coefficient, "coefficient",
                                                 field="coefficient") == 0:
        return "no_bonus"
    return ""


def quarterly_advance(coefficient: object, standard: object,
                      rules: BonusRules = BonusRules(), months: object = 3) -> Decimal:  # noqa: B008
    """A quarter's advance (预发): coefficient × standard × months / 12 × advance rate, rounded
    half-up to the cent once (the quarter's bonus is not rounded on its own first)."""
    rate = inputs.decimal(rules.advance_rate, "advance rate")
    exact, formula = _exact_bonus(coefficient, standard, months)
    return money_result(exact * rate, "advance", field="standard",
                        formula=lambda: f"{formula()} × advance rate {figure(rate * 100)}%")


def deferred_amount(total: object, deferral_share: object) -> Decimal:
    """The part of a year's payout deferred to later years (延期支付): share × payout,
    rounded half-up to the cent (30% of 100,000.15 = 30,000.045 → 30,000.05)."""
    share = inputs.share(deferral_share, "deferral share", field="deferral_share")
    return money(_paid(total, "annual bonus") * share)


def settlement(total: object, advances: Sequence[object], deferral_share: object = 0
               ) -> Decimal:
    """The annual settlement (年度清算): the year's payout less the deferred part
    (:func:`deferred_amount`) and the advances already paid.

    Negative when the advances exceeded what is due: an amount to recover. A negative
    bonus or advance is an error (a recovery is the result, never an input).
    """
    each = [_paid(a, f"advance {i}", "advance") for i, a in enumerate(advances, start=1)
            if not inputs.is_blank(a)]
    paid = money_result(sum(each, Decimal(0)), "advances paid", field="advance",
                        formula=lambda: " + ".join(figure(a) for a in each))
    year = _paid(total, "annual bonus")
    return year - deferred_amount(year, deferral_share) - paid


@dataclasses.dataclass(frozen=True, slots=True)
class Payout:
    """A year's pay-out: bonus and extra, less deferral and advances, all in cents.

    ``total = bonus + extra`` and ``due_now = total − deferred − advances`` hold exactly.
    """

    bonus: Decimal
    extra: Decimal
    deferred: Decimal
    advances: Decimal

    @property
    def total(self) -> Decimal:
        """The year's payout before deferral and advances."""
        return self.bonus + self.extra

    @property
    def due_now(self) -> Decimal:
        """What the settlement pays now (negative: to recover)."""
        return self.total - self.deferred - self.advances

    @property
    def paid_in_year(self) -> Decimal:
        """What the year pays, advances included: the payout less its deferred part."""
        return self.total - self.deferred

    @property
    def settlement_paid(self) -> Decimal:
        """The settlement paid now: the amount due, 0 when advances exceed the payout."""
        return max(Decimal(0), self.due_now)

    @property
    def to_recover(self) -> Decimal:
        """Advances paid above the year's payout, to take back (0 if none)."""
        return max(Decimal(0), -self.due_now)


def payout(bonus: Decimal, extra: Decimal, advances: Sequence[object],
           rules: BonusRules = BonusRules()) -> Payout:  # noqa: B008
    """The payout of a year: the deferred share is rounded to the cent, the rest follows.
    A payout beyond 10^15 is refused: "payout (bonus … + extra …) is more than 10^15, too
    large an amount"."""
    total = money_result(money(bonus) + money(extra), "payout", field="standard",
                         formula=lambda: f"bonus {figure(money(bonus))} + extra "
                                         f"{figure(money(extra))}")
    deferred = deferred_amount(total, rules.deferral_share)
    paid = total - settlement(total, advances)  # the advances, each to the cent
    return Payout(money(bonus), money(extra), deferred, paid)
