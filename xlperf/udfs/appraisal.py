"""XP_ functions of the appraisal (category "xlperf appraisal"): scores, parts, grades.

Thin wrappers: each reads its Excel-shaped arguments with :mod:`xlperf.udfs.cells` and
calls one rule of the core. Tables left out use the demo policy (``DEMO_POLICY``).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence

from xlperf.errors import InputError
from xlperf.policy import DEMO_POLICY
from xlperf.rules import inputs
from xlperf.rules.annual import (
    PART_SCORE_CAP,
    PARTS,
    PartWeights,
    annual_score,
    part_score,
    term_score,
)
from xlperf.rules.composite import weighted_score
from xlperf.rules.curves import Curve, StepTable
from xlperf.rules.democratic import democratic_score, duty_report_score, group_name
from xlperf.rules.democratic import group_weights_from as _group_weights_from
from xlperf.rules.grades import GradeTable, Quota, check_quotas, consecutive_flag
from xlperf.rules.grades import grade_after_veto as _grade_after_veto
from xlperf.rules.okr import KeyResult, Objective, okr_score
from xlperf.rules.scoring import (
    ScoringParams,
    given_achievement,
    method_name,
    score_indicator,
    score_table_rows,
    score_zero_tolerance,
)
from xlperf.udfs.cells import (
    aligned,
    each,
    filled,
    flag,
    grid,
    is_blank,
    log,
    pairs,
    present,
    single,
    values,
)
from xlperf.udfs.registry import APPRAISAL, excel_function

POLICY = DEMO_POLICY
_S = POLICY.scoring
_PLACES = POLICY.score_decimals


def _points(curve: Curve) -> str:
    return ", ".join(f"{x:g}→{y:g}" for x, y in curve.points)


def _bands(bands: StepTable) -> str:
    return ", ".join(f"≥{x:g}→{y:g}" for x, y in reversed(bands.steps))


def grade_table_from(block: object) -> GradeTable:
    """The grade table argument (2 columns: grade, lowest score), or the policy's."""
    return _grade_table(block)[0]


def _grade_table(block: object) -> tuple[GradeTable, bool]:
    """The grade table argument or the policy's, and whether it was typed in % cells (every
    lowest score at most 10, as :func:`inputs.typed_in_percent_cells` reads a column: 0.95
    for 95%): such a table is read as percentages (0.95 → 95), and XP_GRADE reads its scores
    so too."""
    if not present(block):
        return POLICY.grades, False
    return GradeTable.read(pairs(block, "grade_table"))


def _grade_or_default(table: GradeTable, given: object, default: str, name: str) -> str:
    """``given`` (blank: ``default``) as a grade of ``table``. A table of 优秀/良好/合格 has
    no "C": the error then says the default is meant and which grades to give."""
    grade = default if given is None else given
    if grade == default and default not in table.grades:
        raise InputError(f'{name} is "{default}" (the default), not a grade of grade_table: '
                         f"give one of {', '.join(table.grades)}", field=name)
    return table.known(grade, name)


GRADE_TABLE_HELP = ("Grade table (考核等级表): 2 columns, grade and lowest score (closed below), "
                    "best grade first; the last grade takes every lower score. In % cells "
                    "(0.95): read as 95, and so are scores up to 10. Blank: " +
                    ", ".join(f"{g} ≥{b:g}" for g, b in POLICY.grades.bands[:-1]) +
                    f", else {POLICY.grades.grades[-1]}.")


# --- indicator scores ---------------------------------------------------------------------

def _percent_table(rows: Sequence[tuple[object, object]], name: str) -> list[tuple[float, float]]:
    """A scoring table keyed by achievement %: typed in % cells (0.8) it reads as 80, and a
    score column in % cells too (0.5) as 50 points (:func:`inputs.percent_rows`)."""
    return score_table_rows(rows, name)


TABLE_METHODS = ("curve", "band")


def _table_methods(method: object) -> set[str]:
    """The table methods (curve, band) among the cells of the method argument (a method
    column mixes methods: the table is for those rows, and the others score without it)."""
    def name(cell: object) -> str:
        try:
            return method_name(cell)
        except InputError:  # the cell's own error shows in its row
            return ""

    return {name(m) for row in grid(method) for m in row if not is_blank(m)} & set(TABLE_METHODS)


TWO_TABLES = ("table given for both curve and band rows: one table cannot be both; score them "
              "in separate formulas")


def _score_table(rows: tuple[tuple[object, object], ...], method: str) -> ScoringParams:
    if method not in TABLE_METHODS:
        raise InputError(f"table is used by methods curve and band, not {method}",
                         field="table")
    table = _percent_table(rows, "table")
    if method == "curve":
        return ScoringParams(curve=Curve.from_rows(table, "table"))
    return ScoringParams(bands=StepTable.from_rows(table, "table"))


@excel_function(APPRAISAL, cellwise=("actual", "target", "method", "floor", "cap"), help={
    "actual": "Actual result (实际完成值), a cell or a column. zero_tolerance: number of "
              "incidents; binary: done or not (TRUE/FALSE, 是/否); rating: 1–5; okr: "
              "0.0–1.0. A blank actual gives a blank cell.",
    "target": "Target (目标值), a cell or a column. ratio and inverse_ratio need a non-zero "
              "target; curve and band score the achievement actual/target×100, or the actual "
              "itself as the achievement % when the target is blank.",
    "method": 'Scoring method (计分方法): "ratio" (default), "inverse_ratio", "curve", '
              '"band", "zero_tolerance", "binary", "rating" or "okr"; a cell or a column '
              "with one method per indicator.",
    "floor": f"Lowest score (得分下限), in points (\"20%\" as text is 20). Blank: {_S.floor:g} "
             "for ratio and inverse_ratio, no floor for the other methods. A cell or a column.",
    "cap": f"Highest score (得分上限), in points: 120, \"120%\" or a 120% cell (up to 10 is "
           f"read as a % cell: 1.2 = 120). Blank: {_S.cap:g} for ratio and inverse_ratio, "
           "no cap for the other methods. A cell or a column.",
    "table": "Scoring table (计分表) of the curve rows or the band rows, not both: 2 columns, "
             "achievement % and score (curve 计分曲线) or lowest achievement % and score (band "
             f"分档). % cells (0.8) ×100. Blank: curve {_points(_S.curve)}; bands "
             f"{_bands(_S.bands)}.",
}, examples=[
    (1050, 1000),
    ([[1050], [880], [""]], 1000),
    (105, 100, "curve"),
    (0.93, None, "band"),
    (90, 100, "inverse_ratio"),
    (2, None, "zero_tolerance"),
    ("是", None, "binary"),
    (1050, 0),
])
def XP_SCORE(actual, target, method="ratio", floor=None, cap=None, table=None):
    """Indicator score (指标得分) of an actual against its target by a scoring method (ratio,
    curve, band, zero tolerance 零容忍, …). One score per row, not rounded
    (a ratio's float noise cleared at 10 decimals); a blank actual gives a blank cell."""
    table_rows = tuple(pairs(table, "table")) if present(table) else None
    parsed = functools.cache(_score_table)
    kinds = _table_methods(method) if table_rows is not None else set()

    def score(actual, target, method, floor, cap):
        name = method_name(method)
        params = ScoringParams()
        if len(kinds) > 1 and name in kinds:
            raise InputError(TWO_TABLES, field="table")
        if table_rows is not None and (name in TABLE_METHODS or not kinds):
            params = parsed(table_rows, name)  # for every method: the error says whose
        if floor is not None or cap is not None:  # read as scores are: "120%" is 120
            params = dataclasses.replace(params, floor=floor, cap=cap)
        return score_indicator(name, actual, target, params, _S)

    return each(score, ("actual",), function="XP_SCORE", actual=actual, target=target,
                method=method, floor=floor, cap=cap)


@excel_function(APPRAISAL, cellwise=("achievement",), help={
    "achievement": "Achievement (完成率): 105, \"105%\" or a 105% cell (numbers up to 10 are "
                   "read as % cells); a cell or a column.",
    "points": "Payout curve (计分曲线): 2 columns of achievement % and score, achievement "
              "ascending; straight lines between points, 0 below the first, flat after the "
              "last. In % cells (0.8, 0.5): ×100 (the score column only if in % cells too).",
}, examples=[
    (105, [[80, 50], [100, 100], [120, 150]]),
    ([[0.75], [0.9], [1.3]], [[0.8, 50], [1.0, 100], [1.2, 150]]),
])
def XP_CURVE(achievement, points):
    """Score read from a payout curve (计分曲线) at an achievement %, as XP_SCORE's curve
    method: straight lines between the points, 0 below the first point, flat after the
    last. One result per cell."""
    curve = Curve.from_rows(_percent_table(pairs(points, "points"), "points"), "points")
    return each(lambda achievement: curve.value_at(given_achievement(achievement)),
                ("achievement",),
                function="XP_CURVE", achievement=achievement)


@excel_function(APPRAISAL, cellwise=("value",), help={
    "value": "Achievement (完成率) to place in a band: 93, \"93%\" or a 93% cell (numbers up "
             "to 10 are read as % cells); a cell or a column.",
    "bands": "Step table (分档): 2 columns of lowest achievement % (closed below) and score; "
             "a value below every band scores 0. In % cells (0.8, 0.7): ×100 (the score "
             "column only if in % cells too).",
}, examples=[
    (93, [[80, 70], [90, 85], [100, 100]]),
    ([[79.9], [80], [100]], [[80, 70], [90, 85], [100, 100]]),
])
def XP_BAND(value, bands):
    """Score of the highest band (分档) whose lowest achievement % is reached, as XP_SCORE's
    band method; 0 below every band. One result per cell."""
    table = StepTable.from_rows(_percent_table(pairs(bands, "bands"), "bands"), "bands")
    return each(lambda value: table.value_at(given_achievement(value, "value")), ("value",),
                function="XP_BAND", value=value)


@excel_function(APPRAISAL, cellwise=("incidents", "per_incident"), help={
    "incidents": "Number of incidents (事故/违规次数), a whole number, a cell or a column.",
    "per_incident": f"Points deducted per incident (每次扣分). Default {_S.per_incident:g}.",
}, examples=[(0,), (1,), (3, 40)])
def XP_DEDUCT(incidents, per_incident=_S.per_incident):
    """Zero-tolerance score (零容忍扣分): 100 with no incident, less per_incident for each,
    never below 0. One result per cell."""
    def deduct(incidents, per_incident):
        per = _S.per_incident if per_incident is None else inputs.number(
            per_incident, "per_incident", field="per_incident")
        return score_zero_tolerance(incidents, per)

    return each(deduct, ("incidents",), function="XP_DEDUCT", incidents=incidents,
                per_incident=per_incident)


# --- parts of the annual score --------------------------------------------------------------

@excel_function(APPRAISAL, help={
    "scores": "Scores (得分), one row or one column. A row whose score and weight are both "
              "blank (or weight 0) is left out; a blank score with a weight is an error. All "
              "blank: a blank cell.",
    "weights": "Weights (权重), one per score: fractions (0.3, 30% cells) or percentages (30); "
               "they must add to 100%.",
    "cap": f"The most the result counts (满分): {PART_SCORE_CAP:g} for a part of the annual "
           "score, which 表-1 scores 0–100 (an indicator may score more; its part may not). "
           "A 100% cell (1) is 100. Blank: no cap.",
}, examples=[
    ([[92], [85], [100]], [[0.5], [0.3], [0.2]]),
    ([[90], [80]], [[60], [35]]),
    ([[150], [95]], [[0.6], [0.4]], PART_SCORE_CAP),
])
def XP_WEIGHTED(scores, weights, cap=None):
    """Weighted score (加权得分) of scores and their weights (adding to 100%), rounded half-up
    to 2 decimals: a part score such as business performance (企业经营业绩), at most cap."""
    score_cells = values(scores, "scores")
    weight_cells = values(weights, "weights")
    aligned("scores", score_cells, "weights", weight_cells)
    if all(s is None for s in score_cells):
        return None  # nothing scored yet: a blank cell
    weights = [None if w is None else inputs.number(w, f"weight {i}", field="weights")
               for i, w in enumerate(weight_cells, start=1)]
    score_cells = [None if s is None else inputs.points(s, f"score {i}", field="scores")
                   for i, s in enumerate(score_cells, start=1)]  # numbered before any is left out
    to_percent = 100 if max((w for w in weights if w is not None), default=0) <= 1 else 1
    for i, (s, w) in enumerate(zip(score_cells, weights, strict=True), start=1):
        if s is None and w:  # 0.2 or a 20% cell, else 20
            raise InputError(f"score {i} is blank but weighs {w * to_percent:g}%: give its "
                             "score, or clear its weight (0 or blank) and reweigh the rest",
                             field="scores")
    kept = [(s, w) for s, w in zip(score_cells, weights, strict=True) if s is not None]
    score = weighted_score([s for s, _ in kept], [w for _, w in kept], _PLACES)
    return part_score(score, single(cap, "cap")) if present(cap) else score


def _group_weights(block: object):
    rows = pairs(block, "group_weights")
    names = [group_name(g) for g, _ in rows]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InputError(f"group_weights lists {twice[0]} twice", field="group_weights")
    return _group_weights_from(dict(zip(names, (w for _, w in rows), strict=True)))


@excel_function(APPRAISAL, help={
    "ratings": "360 ratings (民主测评分), 0–100, one row or one column, one per rater; blank "
               "ratings are left out.",
    "groups": "Each rater's group, same length as ratings: superior, peer or subordinate "
              "(上级, 同级, 下级).",
    "group_weights": "Rater group weights (测评主体权重): 2 columns, rater group and weight. "
                     "Blank: " + ", ".join(
        f"{g} {w:.0%}" for g, w in POLICY.democratic.group_weights) + ".",
}, examples=[
    ([[90], [85], [80], [80], [70], [75], [95], [85], [90]],
     [["superior"], ["superior"], ["superior"], ["同级"], ["同级"], ["同级"],
      ["下级"], ["下级"], ["下级"]]),
])
def XP_360(ratings, groups, group_weights=None):
    """360 democratic evaluation score (民主测评): each rater group's mean (highest and lowest
    dropped at 5+ raters; a group under 3 raters left out), weighted by group, rounded to 2."""
    rating_cells = values(ratings, "ratings")
    group_cells = values(groups, "groups")
    aligned("ratings", rating_cells, "groups", group_cells)
    if all(r is None for r in rating_cells):
        return None
    rated = list(zip(group_cells, rating_cells, strict=True))  # blank ratings: the core skips
    rules = POLICY.democratic
    if present(group_weights):
        rules = dataclasses.replace(rules, group_weights=_group_weights(group_weights))
    result = democratic_score(rated, rules, _PLACES)
    for warning in result.warnings:
        log.warning("XP_360: %s", warning)
    return result.score


@excel_function(APPRAISAL, help={
    "panel_scores": "The panel's scores of the duty report (述职评分), 0–100, any range; "
                    "blanks are left out.",
}, examples=[([[88, 92, 75, 95, 90]],), ([[80], [90], [85]],)])
def XP_DUTY(panel_scores):
    """Duty-report score (述职得分): the panel's mean, dropping the highest and lowest score at
    5 or more panel members, rounded half-up to 2 decimals."""
    scores = values(panel_scores, "panel_scores", ordered=False)
    if all(s is None for s in scores):
        return None
    return duty_report_score(scores, POLICY.democratic.trim_from, _PLACES)


@excel_function(APPRAISAL, cellwise=PARTS, help={
    "business": "Business performance score (企业经营业绩), a cell or a column: above "
                f"{PART_SCORE_CAP:g} counts {PART_SCORE_CAP:g} (each part is scored 0–100, as "
                "in the batch); below 0 is an error.",
    "individual": "Individual performance score (个人业绩), a cell or a column: above "
                  f"{PART_SCORE_CAP:g} counts {PART_SCORE_CAP:g}; below 0 is an error.",
    "duty_report": "Duty-report score (述职), 0–100 (a panel's mean: outside is an error), a "
                   "cell or a column.",
    "democratic": "360 democratic evaluation score (民主测评), 0–100 (outside is an error), a "
                  "cell or a column.",
    "weights": "The four part weights (各部分权重) in a row or a column: business, individual, "
               "duty report, democratic. Blank: " + "/".join(
                   f"{w * 100:g}" for w in POLICY.part_weights.as_tuple()) + ".",
}, examples=[
    (91.5, 88, 90, 83.5),
    (91.5, 88, 90, 83.5, [[50, 30, 10, 10]]),
    (120, 88, 90, 83.5),
    ([[91.5], [""]], [[88], [""]], [[90], [""]], [[83.5], [""]]),
])
def XP_ANNUAL(business, individual, duty_report, democratic, weights=None):
    """Annual score (年度考核得分) from its four parts (表-1) and their weights, rounded half-up
    to 2 decimals. One result per row; a row with all four parts blank gives a blank."""
    part_weights = (PartWeights.from_values(filled(values(weights, "weights"))) if present(weights)
                    else POLICY.part_weights)

    def annual(business, individual, duty_report, democratic):
        return annual_score(business, individual, duty_report, democratic, part_weights,
                            _PLACES, POLICY.part_score_cap)

    return each(annual, PARTS, function="XP_ANNUAL", business=business,
                individual=individual, duty_report=duty_report, democratic=democratic)


def _objectives(rows: list[int], scores, weights, names, objective_weights):
    grouped: dict[str, list[int]] = {}
    for i in rows:
        name = inputs.text(names[i], f"objectives cell {i + 1}", field="objectives")
        grouped.setdefault(name, []).append(i)
    objectives = []
    for name, members in grouped.items():
        given = {inputs.number(objective_weights[i], f"objective_weights cell {i + 1}")
                 for i in members if objective_weights and objective_weights[i] is not None}
        if len(given) > 1:
            shown = ", ".join(inputs.describe(w) for w in sorted(given))
            raise InputError(f"objective {name} has {len(given)} different weights ({shown}): "
                             "give its weight on every one of its rows (FILTER turns a blank "
                             "into 0)", field="objective_weights")
        krs = tuple(KeyResult(str(i + 1), weights[i], scores[i]) for i in members)
        objectives.append(Objective(name, krs, given.pop() if given else None))
    return objectives


@excel_function(APPRAISAL, help={
    "kr_scores": "Key-result scores (关键成果得分), 0.0–1.0 (0.7 = achieved), a column.",
    "kr_weights": "Key-result weights (关键成果权重), one per score: fractions or percentages "
                  "adding to 100% within each objective.",
    "objectives": "Optional: each key result's objective (目标), same length. Given, the "
                  "result is the overall OKR score of all objectives.",
    "objective_weights": "Optional: each key result's objective weight (目标权重), the same "
                         "on every row of an objective (blank rows are skipped, but FILTER "
                         "turns blanks into 0); same length. Blank: objectives weigh equally.",
}, examples=[
    ([[0.8], [0.6]], [[0.5], [0.5]]),
    ([[0.8], [0.6], [0.9], [0.5]], [[50], [50], [60], [40]],
     [["O1"], ["O1"], ["O2"], ["O2"]], [[60], [""], [40], [""]]),
])
def XP_OKR(kr_scores, kr_weights, objectives=None, objective_weights=None):
    """OKR score (目标与关键成果), 0.0–1.0: one objective's weighted key results (2 to 5), or,
    with objectives, the weighted mean of every objective's score."""
    scores = values(kr_scores, "kr_scores")
    weights = values(kr_weights, "kr_weights")
    aligned("kr_scores", scores, "kr_weights", weights)
    names = values(objectives, "objectives") if present(objectives) else None
    objective_weights_cells = (values(objective_weights, "objective_weights")
                               if present(objective_weights) else None)
    for label, other in (("objectives", names), ("objective_weights", objective_weights_cells)):
        if other is not None:
            aligned("kr_scores", scores, label, other)
    columns = [c for c in (scores, weights, names, objective_weights_cells) if c is not None]
    rows = [i for i in range(len(scores)) if any(c[i] is not None for c in columns)]
    if all(scores[i] is None for i in rows):
        return None
    if names is None:
        key_results = tuple(KeyResult(str(i + 1), weights[i], scores[i]) for i in rows)
        return Objective("in the range", key_results).score
    return okr_score(_objectives(rows, scores, weights, names, objective_weights_cells))


@excel_function(APPRAISAL, help={
    "annual_scores": "The term's annual scores (年度考核得分), 0–100, oldest first, one row or "
                     "one column; blank years are left out (their weight shared by the "
                     "others).",
    "weights": "Optional year weights (年度权重), one per annual score (fractions or "
               "percentages adding to 100%). Blank: the plain mean.",
}, examples=[([[86.5, 91.2, 88.9]],), ([[86.5, 91.2, 88.9]], [[20, 30, 50]])])
def XP_TERM(annual_scores, weights=None):
    """Term score (任期考核得分): the mean of the term's annual scores, or their weighted
    mean with year weights, rounded half-up to 2 decimals."""
    scores = values(annual_scores, "annual_scores")
    year_weights = values(weights, "weights") if present(weights) else None
    if year_weights is not None:
        aligned("annual_scores", scores, "weights", year_weights)
    if all(s is None for s in scores):
        return None
    return term_score(scores, year_weights, _PLACES, POLICY.part_score_cap)


# --- grades ----------------------------------------------------------------------------------

@excel_function(APPRAISAL, cellwise=("score", "veto", "veto_cap"), help={
    "score": "The annual score (年度考核得分), a cell or a column.",
    "grade_table": GRADE_TABLE_HELP,
    "veto": "Veto (一票否决): TRUE, or a number of incidents above 0, caps the grade at "
            "veto_cap. Blank or FALSE: no veto. A cell or a column.",
    "veto_cap": f'The best grade a veto allows (否决封顶等级). Default "{POLICY.veto_cap}" '
                "(give it with a grade table without that grade).",
}, examples=[(95,), (94.99,), (96, None, True), ([[88.7], [59.5], [""]],)])
def XP_GRADE(score, grade_table=None, veto=None, veto_cap=POLICY.veto_cap):
    """Grade (考核等级) of a score from the grade table (S/A/B/C/D, closed below); a veto
    (一票否决) caps it at veto_cap. One grade per row."""
    table, in_cells = _grade_table(grade_table)

    def grade(score, veto, veto_cap):
        vetoed = flag(veto, "veto")
        cap = _grade_or_default(table, veto_cap, POLICY.veto_cap, "veto_cap") if vetoed else ""
        if in_cells:  # a table in % cells: 0.88 and 88 are both 88%
            score = inputs.achievement_percent(score, "score", field="score")
        return _grade_after_veto(table.grade_for(score), vetoed, table, cap)

    return each(grade, ("score",), function="XP_GRADE", score=score, veto=veto,
                veto_cap=veto_cap)


@excel_function(APPRAISAL, help={
    "grades": "Grade history (历年考核等级), one per year, oldest first, ending with the "
              "current year, one row or one column. A blank between two grades is a year "
              "not appraised and breaks the run.",
    "worst_allowed": f'The grade that counts, with every worse one (该等级及以下). Default '
                     f'"{POLICY.consecutive_worst}" (give it with a grade table without it).',
    "years": f"How many latest years in a row (连续年数), 1 or more. Default "
             f"{POLICY.consecutive_years}.",
    "grade_table": GRADE_TABLE_HELP,
}, examples=[([["B", "C", "C"]],), ([["C", "B", "C"]],), ([["C", None, "C"]],),
             ([["A"], ["C"], ["D"]], "C", 3)])
def XP_CONSEC(grades, worst_allowed=POLICY.consecutive_worst,
              years=POLICY.consecutive_years, grade_table=None):
    """TRUE when the latest `years` grades are all worst_allowed or worse: C two years running
    (连续两年为C) flags a review for demotion or removal."""
    table = grade_table_from(grade_table)
    history = values(grades, "grades")
    if all(g is None for g in history):
        return None
    worst = _grade_or_default(table, single(worst_allowed, "worst_allowed"),
                              POLICY.consecutive_worst, "worst_allowed")
    run = single(years, "years")
    return consecutive_flag(history, table, worst,
                            POLICY.consecutive_years if run is None
                            else inputs.count(run, "years", field="years", least=1))


@excel_function(APPRAISAL, help={
    "grades": "The grades of all executives (考核等级), any range; blanks are left out. All "
              "blank: a blank cell.",
    "quotas": "Forced-distribution quotas (强制分布比例): 2 columns, grades joined by + (S, "
              "S+A) and their maximum share (比例上限, 10% or 0.1). Blank: "
              + ", ".join(f"{q.label} ≤{q.max_share:.0%}" for q in POLICY.quotas) + ".",
    "grade_table": GRADE_TABLE_HELP,
}, examples=[([["S"], ["A"], ["A"], ["B"], ["B"], ["B"], ["B"], ["C"], ["B"], ["A"]],)])
def XP_QUOTA(grades, quotas=None, grade_table=None):
    """Forced distribution check (强制分布): one row per quota with its label, count, allowed
    count (share × headcount, rounded down) and "ok" or "over"."""
    grade_cells = values(grades, "grades", ordered=False)
    if all(g is None for g in grade_cells):
        return None  # no headcount: nothing to check, not a table of zeros marked ok
    table = grade_table_from(grade_table)
    limits = POLICY.quotas
    if present(quotas):
        limits = tuple(Quota.parse(inputs.text(label, "quotas label", field="quotas"), share)
                       for label, share in pairs(quotas, "quotas"))
    checks = check_quotas(grade_cells, limits, table)
    return [[c.quota.label, c.count, c.allowed, "ok" if c.ok else "over"] for c in checks]
