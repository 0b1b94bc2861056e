"""The formulas xlperf writes into workbooks: XP_ calls wired to the sheets' tables.

Each XP_ function gets the Config tables explicitly (``GradeTable``, ``CoefTable`` …) so the
company's own policy is used, never the functions' demo defaults. Aggregation per executive
uses Excel 365's FILTER over the input tables; those cells are written as single-cell array
formulas (CSE), so every Excel evaluates them as arrays and never applies implicit
intersection (docs/workbook.md explains the choice). ``_xlfn._xlws.`` is how the file format
spells FILTER; Excel shows it as plain FILTER.
"""

from __future__ import annotations

from xlperf.rules.annual import PART_SCORE_CAP
from xlperf.rules.incentives import DEFAULT_INCENTIVE_RULES, Instrument
from xlperf.workbook import layout as L

FILTER = "_xlfn._xlws.FILTER"
APPRAISAL_YEAR = f"{L.EXECUTIVES}!${L.YEAR_CELL[0]}${L.YEAR_CELL[1:]}"  # Executives!$D$2
EXEC_ROW = f"ROW()-{L.FIRST_ROW - 1}"  # Results row r shows the (r-4)-th executive


def _escape(header: str) -> str:
    for special in ("'", "[", "]", "#"):
        header = header.replace(special, "'" + special)
    return header


def column(table: str, header: str) -> str:
    """A structured reference to a whole table column: ``tblIndicators[Weight]``."""
    return f"{table}[{_escape(header)}]"


def this_row(table: str, header: str) -> str:
    """A structured reference to this row's cell of a table column."""
    return f"{table}[[#This Row],[{_escape(header)}]]"


def _ind(header: str) -> str:
    return this_row(L.INDICATORS_LAYOUT.table, header)


def indicator_score() -> str:
    """The Indicators sheet's Score column (a calculated column: the same in every row)."""
    i, a, t, m = _ind("ID"), _ind("Actual"), _ind("Target"), _ind("Method")
    f, c, tb = _ind("Floor"), _ind("Cap"), _ind("Table")
    block = f"{L.SCORING_TABLES}[[Achievement]:[Score]]"
    names = column(L.SCORING_TABLES, "Table")
    first = f"MATCH({tb},{names},0)"
    custom = (f"INDEX({block},{first},0):"
              f"INDEX({block},{first}+COUNTIF({names},{tb})-1,0)")
    okr = L.result_letter("OKR")
    okr_actual = (f"IF(ISBLANK({a}),INDEX({L.RESULTS}!${okr}:${okr},"
                  f"MATCH({i},{L.RESULTS}!$A:$A,0)),{a})")
    plain = f"{a},{t},{m},{f},{c}"
    return (
        f'=IF({i}="","",'
        f'IF({m}="zero_tolerance",XP_DEDUCT({a},PerIncident),'
        f'IF(OR({m}="ratio",{m}="inverse_ratio"),XP_SCORE({a},{t},{m},'
        f"IF(ISBLANK({f}),ScoreFloor,{f}),IF(ISBLANK({c}),ScoreCap,{c})),"
        f'IF({m}="okr",XP_SCORE({okr_actual},{t},{m},{f},{c}),'
        f'IF({tb}<>"",XP_SCORE({plain},{custom}),'
        f'IF({m}="curve",XP_SCORE({plain},DefaultCurve),'
        f'IF({m}="band",XP_SCORE({plain},DefaultBands),'
        f"XP_SCORE({plain}))))))))"
    )


def grant_vested() -> str:
    """The Grants sheet's "Vested at year end" column: ``XP_VESTED_QTY`` on 31 December of the
    appraisal year (Executives!D2), for the instruments that vest a quantity by a schedule
    (blank for performance shares and units, which vest on their achievement, and for
    deferred cash, which has an amount); restricted stock's tranches count once their
    Conditions met says so."""
    def g(header: str) -> str:
        return this_row(L.GRANTS_LAYOUT.table, header)

    performance = ",".join(f'"{name}"' for i in (Instrument.PERFORMANCE_SHARE,
                                                 Instrument.PERFORMANCE_UNIT)
                           for name in (i.value, i.label, i.label_zh))
    year = APPRAISAL_YEAR  # blank until the year is typed: no quantity yet
    default = DEFAULT_INCENTIVE_RULES.vesting_schedule.name
    schedule = f'IF({g("Schedule")}="","{default}",{g("Schedule")})'
    return (f'=IF(OR({g("ID")}="",{g("Grant date")}="",{g("Quantity")}="",{year}="",'
            f'ISNUMBER(MATCH({g("Instrument")},{{{performance}}},0))),"",'
            f'XP_VESTED_QTY({g("Quantity")},{g("Grant date")},DATE({year},12,31),{schedule},'
            f'{g("Leaving date")},{g("Conditions met")}))')


def _executive(header: str) -> str:
    return f"INDEX({column(L.EXECUTIVES_LAYOUT.table, header)},{EXEC_ROW})"


def _filter(table: str, header: str, row: int, part: str | None = None) -> str:
    match = f"{column(table, 'ID')}=$A{row}"
    if part:
        match = f'({match})*({column(table, "Part")}="{part}")'
    return f"{FILTER}({column(table, header)},{match})"


def _if_executive(row: int, body: str) -> str:
    return f'=IF($A{row}="","",{body})'


def _okr(row: int) -> str:
    t = L.OKR_LAYOUT.table
    args = ",".join(_filter(t, h, row) for h in ("KR score", "KR weight", "Objective"))
    weights = _filter(t, "Objective weight", row)
    return _if_executive(row, (
        f'IF(COUNTIF({column(t, "ID")},$A{row})=0,"",'
        f'IF(COUNTIFS({column(t, "ID")},$A{row},{column(t, "Objective weight")},"<>")=0,'
        f"XP_OKR({args}),XP_OKR({args},{weights})))"))


def _part(row: int, part: str) -> str:
    """A part of the annual score from its indicators, at most the part score cap (100)."""
    t = L.INDICATORS_LAYOUT.table
    return (f"XP_WEIGHTED({_filter(t, 'Score', row, part)},{_filter(t, 'Weight', row, part)},"
            f"{PART_SCORE_CAP:g})")


# the batch's words (appraisal._individual_score), as an #XP! error the cells after pass on
NO_INDIVIDUAL = "#XP! no individual indicators and no OKR"


def _individual(row: int) -> str:
    """The individual part: its indicators, else the OKR score × 100 (an OKR error passed
    on), else an #XP! error."""
    t = L.INDICATORS_LAYOUT.table
    okr = L.result_letter("OKR")
    return _if_executive(row, (
        f'IF(COUNTIFS({column(t, "ID")},$A{row},{column(t, "Part")},"individual")>0,'
        f"{_part(row, 'individual')},IF(ISNUMBER(${okr}{row}),XP_WEIGHTED(${okr}{row}*100,1),"
        f"IF(${okr}{row}=\"\",\"{NO_INDIVIDUAL}\",${okr}{row})))"))


def _past_grade(row: int, back: int) -> str:
    """The grade of the calendar year ``back`` years before the appraisal year, blank when
    History has none: a year missing breaks a run of C grades, as the batch counts
    (``appraisal._run_of_years``), however the History rows run."""
    t = L.HISTORY_LAYOUT.table
    grades = (f'{FILTER}({column(t, "Grade")},({column(t, "ID")}=$A{row})*'
              f'({column(t, "Year")}={APPRAISAL_YEAR}-{back}))')
    return _if_executive(row, f'IFERROR(INDEX({grades},1)&"","")')


def result_formulas(row: int) -> list[tuple[str, bool]]:
    """The Results row's formulas, one per column: (formula, is_array_formula)."""
    x = {c.header: f"{L.result_letter(c.header)}{row}" for c in L.RESULT_COLUMNS}
    advances = (f"INDEX({L.EXECUTIVES_LAYOUT.table}[[Advance Q1]:[Advance Q3]],"
                f"{EXEC_ROW},0)")
    ind = L.INDICATORS_LAYOUT.table
    achievement = _executive("Long-term achievement")
    history = f"{x['Grade -3']}:{x['Grade now']}"
    soe = f"COUNTIF({column(L.SOE_PAY_LAYOUT.table, 'ID')},$A{row})>0"  # under SOE pay rules
    by_header = {
        "ID": (f'=IFERROR({_executive("ID")}&"","")', False),
        "Name": (_if_executive(row, f'{_executive("Name")}&""'), False),
        "OKR": (_okr(row), True),
        "Business": (_if_executive(row, _part(row, "business")), True),
        "Individual": (_individual(row), True),
        "Duty report": (_if_executive(row, (
            f"XP_DUTY({_filter(L.DUTY_LAYOUT.table, 'Score', row)})")), True),
        "360": (_if_executive(row, (
            f"XP_360({_filter(L.RATINGS_LAYOUT.table, 'Score', row)},"
            f"{_filter(L.RATINGS_LAYOUT.table, 'Group', row)},GroupWeights)")), True),
        "Annual score": (_if_executive(row, (
            f"XP_ANNUAL({x['Business']},{x['Individual']},{x['Duty report']},{x['360']},"
            "PartWeights)")), False),
        "Grade by score": (_if_executive(row, f"XP_GRADE({x['Annual score']},GradeTable)"),
                           False),
        "Veto incidents": (_if_executive(row, (
            f"SUMIFS({column(ind, 'Actual')},{column(ind, 'ID')},$A{row},"
            f'{column(ind, "Veto")},TRUE,{column(ind, "Method")},"zero_tolerance")')), False),
        "Grade": (_if_executive(row, (
            f"XP_GRADE({x['Annual score']},GradeTable,{x['Veto incidents']},VetoCap)")),
                  False),
        "Coefficient": (_if_executive(row, f"XP_COEF({x['Grade']},CoefTable)"), False),
        "Bonus": (_if_executive(row, (
            f"XP_BONUS({x['Coefficient']},{_executive('Bonus standard')},"
            f"{_executive('Months served')},{_executive('Bonus cap')})")), False),
        "Extra": (_if_executive(row, (
            f"IF(ISBLANK({achievement}),0,XP_EXTRA({achievement},"
            f"{_executive('Bonus standard')},ExtraRate,ExtraCap,{x['Coefficient']},"
            f"{x['Veto incidents']}))")), False),
        "Total": (_if_executive(row, f"{x['Bonus']}+{x['Extra']}"), False),
        "Advances paid": (_if_executive(row, f"SUM({advances})"), False),
        "Deferred": (_if_executive(row, f"XP_DEFER({x['Total']},DeferralShare,{soe})"), False),
        "Due now": (_if_executive(row, (
            f"XP_SETTLE({x['Total']},{advances},DeferralShare,{soe})")), False),
        "Grade -3": (_past_grade(row, 3), True),
        "Grade -2": (_past_grade(row, 2), True),
        "Grade -1": (_past_grade(row, 1), True),
        "Grade now": (_if_executive(row, x["Grade"]), False),
        "Consecutive-C": (_if_executive(row, (
            f"XP_CONSEC({history},ConsecWorst,ConsecYears,GradeTable)")), False),
        "Flags": (_if_executive(row, (
            f'IFERROR(TRIM(IF({x["Veto incidents"]}>0,"veto 一票否决; ","")'
            f'&IF({x["Consecutive-C"]}=TRUE,"consecutive C 连续C; ","")'
            f'&IF({x["Due now"]}<0,"to recover 待追回","")),"")')), False),
    }
    return [by_header[c.header] for c in L.RESULT_COLUMNS]


def quota_check(first_row: int, last_row: int) -> str:
    """XP_QUOTA over the Results grade column: one row per quota (label, count, allowed, ok)."""
    grade = L.result_letter("Grade")
    return f"=XP_QUOTA({grade}{first_row}:{grade}{last_row},Quotas,GradeTable)"


TEXTJOIN = "_xlfn.TEXTJOIN"
NO_ANNOUNCEMENT = ("#XP! Announced is empty: give the day the draft plan was announced "
                   "(草案公布日)")


def plan_check() -> str:
    """The Plans sheet's Check column: ``XP_CSRC_CHECK`` on the row's cells, the lines it
    spills joined into the one cell (``TEXTJOIN`` with line breaks: ``OK``, or one line per
    breach). Its periods are the PlanPeriods rows of the plan (FILTER); its participants the
    Grants rows whose Grant ID is the plan's id, each with the shares it holds under the
    plans announced on or before this one (MMULT over the Grants rows); the other live
    plans' shares are those plans' Plan shares (SUMIFS by date) plus Other live shares."""
    def p(header: str) -> str:
        return this_row(L.PLANS_LAYOUT.table, header)

    plans, periods = L.PLANS_LAYOUT.table, L.PLAN_PERIODS_LAYOUT.table
    grants = L.GRANTS_LAYOUT.table
    plan_id, announced = p("Plan ID"), p("Announced")
    g_id, g_plan, g_quantity = (column(grants, h) for h in ("ID", "Grant ID", "Quantity"))
    mine = f"{g_plan}={plan_id}"
    people, shares = f"{FILTER}({g_id},{mine})", f"{FILTER}({g_quantity},{mine})"
    by_date = f'{column(plans, "Announced")},"<="&{announced}'
    earlier = f'COUNTIFS({column(plans, "Plan ID")},{g_plan},{by_date})>0'
    held = (f"MMULT(--({people}=TRANSPOSE({g_id})),"
            f"({g_plan}<>{plan_id})*({earlier})*IFERROR({g_quantity}*1,0))")
    participants = (f'IF(COUNTIF({g_plan},{plan_id})=0,"",CHOOSE({{1,2,3,4}},{people},'
                    f'{shares},{held},{p("Special resolution")}=TRUE))')
    tranches = (f"{FILTER}({periods}[[Start (months)]:[Share]],"
                f"{column(periods, 'Plan ID')}={plan_id})")
    other = (f'SUMIFS({column(plans, "Plan shares")},{by_date})-{p("Plan shares")}'
             f'+N({p("Other live shares")})')
    check = (f"XP_CSRC_CHECK({p('Instrument')},{p('Price')},{tranches},{p('Share capital')},"
             f"{p('Previous-day average')},{p('Period average')},{participants},"
             f"{p('Plan shares')},{other},{p('Regime')},{p('Previous close')},"
             f"{p('30-day average close')},{p('Period days')},{p('Par value')},{announced})")
    return (f'=IF({plan_id}="","",IF(ISBLANK({announced}),"{NO_ANNOUNCEMENT}",'
            f"{TEXTJOIN}(CHAR(10),TRUE,{check})))")


def soe_check() -> str:
    """The SoePay sheet's Check column, filled on the appraisal year's row of each executive:
    ``XP_SOE_CHECK`` over the executive's rows (FILTER by ID), the appraisal year's
    performance salary and grade taken from Results (Total, Grade), its part paid at the
    close the Paid now entered or, blank, Results' Total − Deferred (what the statement pays
    in the year), the lines joined into the one cell as on Plans. Earlier years' rows stay
    blank: the term is checked once."""
    def s(header: str) -> str:
        return this_row(L.SOE_PAY_LAYOUT.table, header)

    table = L.SOE_PAY_LAYOUT.table
    ex_id, year = s("ID"), s("Year")
    mine = f'{column(table, "ID")}={ex_id}'

    def rows(header: str) -> str:
        return f"{FILTER}({column(table, header)},{mine})"

    def result(header: str) -> str:
        letter = L.result_letter(header)
        return f"INDEX({L.RESULTS}!${letter}:${letter},MATCH({ex_id},{L.RESULTS}!$A:$A,0))"

    this_year = f'{rows("Year")}={year}'
    check = (f'XP_SOE_CHECK({rows("Base salary")},'
             f'IF({this_year},{result("Total")},{rows("Performance salary")}),'
             f'IF({this_year},{result("Grade")},{rows("Grade")}),{rows("Year")},'
             f'{s("Term incentive")},{s("Term grade")},'
             f'IF({this_year},IF({s("Paid now")}="",{result("Total")}-{result("Deferred")},'
             f'{s("Paid now")}),{rows("Paid now")}),,GradeTable)')
    return (f'=IF(OR({ex_id}="",{year}<>{APPRAISAL_YEAR}),"",'
            f"{TEXTJOIN}(CHAR(10),TRUE,{check}))")
