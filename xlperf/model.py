"""Frozen value objects for an executive's appraisal: what goes in and what comes out.

Inputs check themselves when they are built, so bad data fails where it enters; ``origin``
(sheet, row) records where a workbook row came from, so that errors can point at it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal

from xlperf.errors import InputError
from xlperf.rules import inputs
from xlperf.rules.bonus import Payout
from xlperf.rules.china.soe import SoePayInput
from xlperf.rules.composite import Composite, weight_value
from xlperf.rules.democratic import DemocraticResult, group_name
from xlperf.rules.incentives import NO_MARKET, Grant, MarketData
from xlperf.rules.okr import Objective
from xlperf.rules.scoring import NO_PARAMS, ScoringParams, method_name, tidy_percent

PARTS_OF_CONTRACT = ("business", "individual")
ADVANCE_QUARTERS = (1, 2, 3)  # advances are paid after Q1–Q3; Q4's pay is the settlement

Origin = tuple[str, int] | None  # (sheet, row) of the workbook row an input came from

# an id names the executive's report files (appraisal-<id>.pdf): no path separators or
# spaces, nothing a file system refuses, and short enough for any file system
_ID = re.compile(r"[^\W_][\w.-]{0,63}")
ID_MAX_BYTES = 200  # UTF-8: "appraisal-<id>.pdf" within the 255 bytes of a file name


def shown_id(text: str) -> str:
    """An executive id as a message shows it: past 40 characters, its first 37 and "…"."""
    return text if len(text) <= 40 else f"{text[:37]}…"


def executive_id(value: object) -> str:
    """An executive id as typed (E001, HR-0012, 张三): letters or digits first, then letters,
    digits, "-", "_" or "."; at most 64 characters and 200 bytes in UTF-8."""
    text = inputs.text(value, "executive id", field="id")
    shown = shown_id(text)
    if _ID.fullmatch(text) and len(text.encode("utf-8")) > ID_MAX_BYTES:
        raise InputError(f'executive id is "{shown}": too long to name its report files '
                         f"({len(text.encode('utf-8'))} bytes in UTF-8, at most "
                         f"{ID_MAX_BYTES}); use a shorter id", field="id")
    if not _ID.fullmatch(text):
        raise InputError(f'executive id is "{shown}": it names the report files, so use '
                         'letters, digits, "-", "_" and "." (at most 64, starting with a '
                         "letter or digit)", field="id")
    return text


@dataclasses.dataclass(frozen=True, slots=True)
class Indicator:
    """One line of an executive's contract (目标责任书)."""

    name: str
    weight: float
    actual: object  # a number, an incident count or a done flag, as entered
    target: float | None = None
    method: str = "ratio"
    category: str = "financial"
    part: str = "business"  # "business" (企业经营业绩) or "individual" (个人业绩)
    params: ScoringParams = NO_PARAMS
    veto: bool = False
    unit: str = ""
    origin: Origin = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", inputs.text(self.name, "indicator name", field="name"))
        object.__setattr__(self, "method", method_name(self.method))
        object.__setattr__(self, "weight", weight_value(self.weight))
        part = inputs.choice(self.part or "business")
        if part not in PARTS_OF_CONTRACT:
            raise InputError(f"part is {inputs.describe(self.part)}, expected business or "
                             "individual", field="part")
        part = PARTS_OF_CONTRACT[PARTS_OF_CONTRACT.index(part)]  # one string for everyone
        object.__setattr__(self, "part", part)
        target = inputs.optional_number(self.target, "target", field="target")
        if self.method in ("ratio", "inverse_ratio") and not target:
            raise InputError(f"target is {inputs.describe(self.target)}: method {self.method} "
                             "needs a non-zero target", field="target")
        object.__setattr__(self, "target", target)
        if self.veto and self.method != "zero_tolerance":
            raise InputError("veto applies only to zero_tolerance indicators", field="veto")


def long_term_achievement(value: object) -> float | None:
    """The long-term achievement as a percentage (None when blank), read as XP_EXTRA reads
    it (:func:`inputs.achievement`): 112, "112%" and a 112% cell (1.12) are all 112; above
    1000% is an error.

    The one reading, for the workbook reader and code alike. An executive rebuilt from
    another (``dataclasses.replace``) reads the stored percentage again, and one of at most
    10 as a fraction (5% → 500%): pass such an achievement again as "5%" when rebuilding.
    """
    if inputs.is_blank(value):
        return None
    return tidy_percent(inputs.achievement(value, "long-term achievement %",
                                           field="long_term_achievement"))


@dataclasses.dataclass(frozen=True, slots=True)
class Executive:
    """An appraised executive and the amounts their bonus is computed from."""

    id: str
    name: str
    bonus_standard: Decimal
    name_en: str = ""
    department: str = ""
    title: str = ""
    months_served: Decimal = Decimal(12)
    bonus_cap: Decimal | None = None
    # % of the medium/long-term target: 112, "112%" or a 112% cell (1.12), read once here
    long_term_achievement: float | None = None
    origin: Origin = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", executive_id(self.id))
        object.__setattr__(self, "name", inputs.words(inputs.text(self.name, "name",
                                                                  field="name")))
        for field in ("name_en", "department", "title"):  # one department however spaced
            object.__setattr__(self, field, inputs.words(str(getattr(self, field) or "")))
        object.__setattr__(self, "bonus_standard", inputs.amount(
            self.bonus_standard, "bonus standard", field="bonus_standard"))
        object.__setattr__(self, "months_served", inputs.months_served(
            self.months_served, field="months_served"))
        if self.bonus_cap is not None:
            object.__setattr__(self, "bonus_cap",
                               inputs.amount(self.bonus_cap, "bonus cap", field="bonus_cap"))
        object.__setattr__(self, "long_term_achievement",
                           long_term_achievement(self.long_term_achievement))


@dataclasses.dataclass(frozen=True, slots=True)
class Rating:
    """One 360 rating: the rater's group and score (0–100). Raters stay anonymous."""

    group: str
    score: float
    origin: Origin = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "group", group_name(self.group))
        value = inputs.points(self.score, "rating", field="score")  # "95%" is 95 points
        if not 0 <= value <= 100:
            raise InputError(f"rating is {value:g}, expected 0 to 100", field="score")
        object.__setattr__(self, "score", value)


@dataclasses.dataclass(frozen=True, slots=True)
class PastYear:
    """One past year's result, for the consecutive-C rule and the trend chart."""

    year: int
    grade: str
    score: float | None = None
    origin: Origin = None


@dataclasses.dataclass(frozen=True, slots=True)
class AppraisalInput:
    """Everything needed to appraise and pay one executive for one year."""

    executive: Executive
    year: int
    indicators: tuple[Indicator, ...]
    ratings: tuple[Rating, ...] = ()
    duty_panel: tuple[float, ...] = ()
    objectives: tuple[Objective, ...] = ()
    history: tuple[PastYear, ...] = ()  # oldest first, before ``year``
    advances: tuple[Decimal, ...] = ()  # quarterly advances already paid (预发)
    grants: tuple[Grant, ...] = ()  # long-term incentive grants (xlperf.rules.incentives)
    market: MarketData = NO_MARKET  # the company's share prices and dividends
    pay_date: dt.date | None = None  # when the settlement is paid (None: 31 Dec of ``year``)
    soe_pay: SoePayInput | None = None  # central-SOE pay to check (None: not under the rules)
    # the quarter (1–3) each advance was paid in; left out: the latest quarters (one
    # advance: Q3, two: Q2 and Q3), as a mid-year joiner is advanced
    advance_quarters: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if len(self.advances) > len(ADVANCE_QUARTERS):
            raise InputError(f"{len(self.advances)} advances, expected at most one a quarter "
                             "for Q1–Q3 (Q4 is the settlement)")
        quarters = self.advance_quarters or ADVANCE_QUARTERS[len(ADVANCE_QUARTERS)
                                                             - len(self.advances):]
        if len(quarters) != len(self.advances) or list(quarters) != sorted(set(quarters)) \
                or not set(quarters) <= set(ADVANCE_QUARTERS):
            raise InputError(f"advance quarters {list(quarters)} do not fit "
                             f"{len(self.advances)} advances: one of Q1–Q3 each, in order")
        object.__setattr__(self, "advance_quarters", tuple(quarters))  # frozen: set once here


@dataclasses.dataclass(frozen=True, slots=True)
class IndicatorResult:
    """An indicator with its score and its share of the part it belongs to."""

    indicator: Indicator
    score: float
    weight: float  # fraction of its part (business or individual)
    vetoed: bool

    @property
    def weighted(self) -> float:
        """The indicator's points in its part: score × weight."""
        return self.score * self.weight


@dataclasses.dataclass(frozen=True, slots=True)
class Appraisal:
    """One executive's appraisal and pay for the year, with every intermediate figure."""

    input: AppraisalInput
    indicators: tuple[IndicatorResult, ...]
    business: Composite
    business_score: float  # the business part as it counts: at most the part score cap
    individual: Composite | None  # None when the individual part comes from OKR only
    okr: float | None  # overall OKR score 0.0–1.0, when the executive has OKRs
    individual_score: float  # the individual part as it counts (OKR × 100, or capped)
    duty_report: float
    democratic: DemocraticResult
    annual_score: float
    grade_by_score: str
    grade: str  # after the veto cap
    vetoes: tuple[str, ...]  # names of the indicators whose incidents vetoed
    coefficient: float
    payout: Payout
    consecutive_flag: bool
    warnings: tuple[str, ...]
    extra_withheld: str = ""  # why an over-achievement extra earned is not paid ("veto" …)

    @property
    def executive(self) -> Executive:
        """The appraised executive."""
        return self.input.executive

    @property
    def okr_not_counted(self) -> bool:
        """OKR rows given and individual indicators scored, none of them an ``okr`` line: the
        OKR score is shown but counts nowhere (an ``okr`` line takes it as its actual)."""
        return (self.okr is not None and self.individual is not None
                and not any(r.indicator.method == "okr" for r in self.indicators))

    @property
    def parts(self) -> dict[str, float]:
        """The four part scores of the annual score, by part name."""
        return {"business": self.business_score, "individual": self.individual_score,
                "duty_report": self.duty_report, "democratic": self.democratic.score}
