"""What the appraisal report template receives: one executive's year, ready to print.

Built from the core's :class:`~xlperf.model.Appraisal` and
:class:`~xlperf.rules.pay_statement.PayStatement`; numbers are formatted here
(:mod:`xlperf.report.formats`), labels are translated by the template. The 360 section holds
group figures only: a group left out for too few raters carries no score at all.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from xlperf.model import Appraisal
from xlperf.policy import Policy
from xlperf.report import formats as f
from xlperf.report.charts import Bar, parts_bars, trend_bars
from xlperf.report.formats import Bilingual
from xlperf.rules.annual import PARTS
from xlperf.rules.composite import as_fractions
from xlperf.rules.democratic import GROUP_LABELS_ZH, TRIM_FROM
from xlperf.rules.incentives import EventKind, GrantSummary, TrancheOutcome
from xlperf.rules.pay_statement import PayStatement


@dataclasses.dataclass(frozen=True)
class Header:
    """Running header and provenance of every page."""

    company: str
    year: int
    workbook: str  # the input workbook's file name
    workbook_sha256: str
    policy: str


@dataclasses.dataclass(frozen=True)
class Person:
    """Who the report is about."""

    id: str
    name: str
    name_en: str
    department: str
    title: str


@dataclasses.dataclass(frozen=True)
class IndicatorRow:
    """A line of the indicator table: an indicator, a category subtotal or a part total."""

    kind: str  # "line", "subtotal" or "total"
    part: str
    category: str
    name: str = ""
    unit: str = ""
    weight: str = ""
    target: str = ""
    actual: str = ""
    method: str = ""
    score: str = ""
    weighted: str = ""
    vetoed: bool = False
    counted: str = ""  # a part total above the part score cap: the score it counts as


@dataclasses.dataclass(frozen=True)
class PartRow:
    """One of the four parts of the annual score."""

    part: str  # "business", "individual", "duty_report", "democratic"
    score: str
    weight: str
    points: str


@dataclasses.dataclass(frozen=True)
class GroupRow:
    """A 360 rater group: how many rated and their (trimmed) mean; never a rater's score."""

    group: Bilingual
    raters: int
    mean: str  # "" when left out
    weight: str
    trimmed: bool
    left_out: bool


@dataclasses.dataclass(frozen=True)
class KeyResultRow:
    """A key result of an objective."""

    name: str
    weight: str
    score: str


@dataclasses.dataclass(frozen=True)
class ObjectiveRow:
    """An OKR objective with its key results."""

    name: str
    aligns_to: str
    weight: str
    score: str
    achieved: bool
    key_results: tuple[KeyResultRow, ...]


@dataclasses.dataclass(frozen=True)
class EventRow:
    """An incentive event (vest, unlock, exercise, payment, …)."""

    date: str
    grant_id: str
    instrument: Bilingual
    kind: Bilingual
    quantity: str
    value: str
    estimated: bool
    realised: bool


@dataclasses.dataclass(frozen=True)
class GrantRow:
    """A long-term incentive grant as of the year end: schedule, value realised and to come."""

    grant_id: str
    instrument: Bilingual
    granted: str
    schedule: tuple[tuple[str, Bilingual], ...]  # (date, what it delivers) of each tranche
    realised: str
    outstanding: str
    upcoming: tuple[EventRow, ...]


@dataclasses.dataclass(frozen=True)
class AppraisalReport:
    """Everything the appraisal report shows (``report_templates/appraisal.html``)."""

    header: Header
    person: Person
    annual_score: str
    grade: str
    grade_by_score: str
    coefficient: str
    bonus: str
    parts: tuple[PartRow, ...]
    indicators: tuple[IndicatorRow, ...]
    groups: tuple[GroupRow, ...]
    democratic_score: str
    duty_report: str
    duty_panel: int
    objectives: tuple[ObjectiveRow, ...]
    okr_score: str
    vetoes: tuple[str, ...]
    veto_cap: str
    consecutive_flag: bool
    to_recover: str  # "" unless advances exceed the payout
    part_bars: tuple[Bar, ...]  # the four parts, then the annual score
    bar_scale: str  # the bars' axis runs from 0 to this (the most a part counts)
    trend: tuple[Bar, ...]  # past years oldest first, then this year
    grade_bands: tuple[tuple[str, float], ...]  # (grade, lowest score), best first
    grants: tuple[GrantRow, ...]
    figure_width: float = 11  # % of the table for Target and for Actual each
    points_rounded: bool = False  # the parts' rounded points do not add up to the score shown
    duty_trimmed: bool = False  # the panel's highest and lowest score were dropped
    consecutive_years: int = 2  # the consecutive-C rule: this many years at this grade or worse
    consecutive_worst: str = "C"
    okr_not_counted: bool = False  # OKR rows shown, but no okr indicator counts them


def _group_label(group: str) -> Bilingual:
    return Bilingual(GROUP_LABELS_ZH.get(group, group), group)


def figure_width(rows: tuple[IndicatorRow, ...]) -> float:
    """The Target and Actual columns' width, % of the table: 11, or up to 18 when the widest
    entered value (up to 15 digits: 9,175,551,234.56) needs it, in the 8pt regular face
    (digits 0.56 em, separators 0.28)."""
    widest = max([0] + [f.text_ems(v, 0.56, 0.28) for row in rows if row.kind == "line"
                        for v in (row.target, row.actual)])
    need = (widest * 8 + f.CELL_PADDING_PT) / f.PT_PER_PERCENT
    return min(need, 18) if need > 11 else 11


def _indicator_rows(appraisal: Appraisal) -> tuple[IndicatorRow, ...]:
    rows: list[IndicatorRow] = []
    composites = (("business", appraisal.business), ("individual", appraisal.individual))
    counts = appraisal.parts
    for part, composite in composites:
        if composite is None:
            continue
        lines = [r for r in appraisal.indicators if r.indicator.part == part]
        for sub in composite.categories:
            for r in (r for r in lines if r.indicator.category == sub.category):
                ind = r.indicator
                rows.append(IndicatorRow(
                    "line", part, ind.category, ind.name, ind.unit, f.percent(r.weight, 1),
                    f.number(ind.target), f.number(ind.actual), ind.method, f.score(r.score),
                    f.score(r.weighted), r.vetoed))
            rows.append(IndicatorRow("subtotal", part, sub.category,
                                     weight=f.percent(sub.weight, 1), score=f.score(sub.score),
                                     weighted=f.score(sub.points)))
        capped = counts[part] != composite.score
        rows.append(IndicatorRow("total", part, "", weight="100%",
                                 weighted=f.score(composite.score),
                                 counted=f.score(counts[part]) if capped else ""))
    return tuple(rows)


def _groups(appraisal: Appraisal) -> tuple[GroupRow, ...]:
    return tuple(GroupRow(_group_label(g.group), g.raters, "" if g.dropped else f.score(g.mean),
                          "" if g.dropped else f.percent(g.weight, 1), g.trimmed, g.dropped)
                 for g in appraisal.democratic.groups)


def _objectives(appraisal: Appraisal) -> tuple[ObjectiveRow, ...]:
    objectives = appraisal.input.objectives
    if not objectives:
        return ()
    weights = [o.weight for o in objectives]
    shares = (as_fractions(weights, "objective weights") if None not in weights
              else [None] * len(objectives))
    rows = []
    for o, share in zip(objectives, shares, strict=True):
        krs = as_fractions([kr.weight for kr in o.key_results], "key-result weights")
        rows.append(ObjectiveRow(
            o.name, o.aligns_to, f.percent(share), f"{o.score:.2f}", o.achieved,
            tuple(KeyResultRow(kr.name, f.percent(w), f"{kr.score:.2f}")
                  for kr, w in zip(o.key_results, krs, strict=True))))
    return tuple(rows)


def event_row(event) -> EventRow:
    """An incentive event as the reports print it."""
    return EventRow(f.date(event.date), event.grant_id,
                    Bilingual(event.instrument.label_zh, event.instrument.label),
                    _kind_text(event),
                    f.number(event.quantity) if event.quantity else "", f.amount(event.value),
                    event.estimated, event.realised)


def _kind_text(event) -> Bilingual:
    """What happened; a clawback names its instalment, as one clawback date takes back each
    instalment paid (and they may belong to different tax years)."""
    zh, en = event.kind.label_zh, event.kind.label
    if event.kind is EventKind.CLAWBACK and event.tranche is not None:
        return Bilingual(f"{zh}（第{event.tranche}期）", f"{en} (instalment {event.tranche})")
    return Bilingual(zh, en)


def _tranche_text(outcome: TrancheOutcome) -> Bilingual:
    """What a tranche delivers: shares or units (with the target when a performance payout
    changed it), the cash of an instalment, or what was forfeited."""
    t, got, lost = outcome.tranche, outcome.delivered, outcome.forfeited
    if got is None and lost is not None:
        what = f.number(lost.quantity) if lost.quantity else f.amount(lost.value)
        return Bilingual(f"{what} 失效", f"{what} forfeited")
    if got is None:
        return Bilingual(f.number(t.quantity), f.number(t.quantity))
    what = f.number(got.quantity) if got.quantity else f.amount(got.value)
    if t.quantity and got.quantity != t.quantity:
        target = f.number(t.quantity)
        return Bilingual(f"{what}（目标 {target}）", f"{what} (target {target})")
    return Bilingual(what, what)


def _grant_row(summary: GrantSummary) -> GrantRow:
    return GrantRow(
        summary.grant_id, Bilingual(summary.instrument.label_zh, summary.instrument.label),
        f.date(summary.grant_date),
        tuple((f.date(o.tranche.date), _tranche_text(o)) for o in summary.outcomes),
        f.amount(summary.realised.income), f.amount(summary.outstanding_value),
        tuple(event_row(e) for e in summary.upcoming))


def appraisal_report(statement: PayStatement, header: Header, policy: Policy) -> AppraisalReport:
    """The appraisal report of one executive."""
    a = statement.appraisal
    ex = a.executive
    shares = dict(zip(PARTS, policy.part_weights.as_tuple(), strict=True))
    parts = tuple(PartRow(p, f.score(v), f.percent(shares[p]), f.score(v * shares[p]))
                  for p, v in a.parts.items())
    trend = tuple((y.year, y.score, y.grade) for y in a.input.history)
    indicators = _indicator_rows(a)
    return AppraisalReport(
        header, Person(ex.id, ex.name, ex.name_en, ex.department, ex.title),
        f.score(a.annual_score), a.grade, a.grade_by_score, f.coefficient(a.coefficient),
        f.amount(a.payout.bonus), parts, indicators, _groups(a),
        f.score(a.democratic.score), f.score(a.duty_report), len(a.input.duty_panel),
        _objectives(a), "" if a.okr is None else f"{a.okr:.2f}", a.vetoes, policy.veto_cap,
        a.consecutive_flag,
        f.amount(a.payout.to_recover) if a.payout.to_recover else "",
        parts_bars(tuple(a.parts.items()), a.annual_score, policy.part_score_cap),
        f"{policy.part_score_cap:g}",
        trend_bars((*trend, (a.input.year, a.annual_score, a.grade))), policy.grades.bands,
        tuple(_grant_row(g) for g in statement.grants), figure_width(indicators),
        _points_rounded(parts, f.score(a.annual_score)),
        len(a.input.duty_panel) >= TRIM_FROM, policy.consecutive_years,
        policy.consecutive_worst, a.okr_not_counted)


def _points_rounded(parts: tuple[PartRow, ...], annual_score: str) -> bool:
    """True when the points as printed add up to other than the annual score as printed
    (40.00 + 30.00 + 9.13 + 18.95 = 98.08 beside 98.09): the score is rounded once, from
    the unrounded parts, so a note says the cent is rounding."""
    return sum(Decimal(p.points) for p in parts) != Decimal(annual_score)

