"""The LibreOffice side of benchmarks/report_speed.py: the reports' content as a workbook.

One sheet per executive holding what that executive's appraisal report and payout statement
show — key figures, the four parts, every indicator with its subtotals, the 360 groups, the
duty report, OKR, grants, the payout lines, the year's incentive events, tax and net, the
central-SOE pay check where there is one, payments still to come — laid out
and formatted the way an HR team's print-ready sheet would be (title, section headings,
header rows with a fill, borders, number and ¥ formats, column widths, A4, page header with
company, year and "Confidential", page numbers), with the appraisal report's two charts as
spreadsheet charts over their rows: the score parts as horizontal bars and the past years'
scores as columns.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Border, Font, PatternFill, Side

FONT = "Noto Sans CJK SC"
THIN = Side(style="thin", color="BFBFBF")
FILL = PatternFill("solid", fgColor="D9E1F2")
WIDTHS = (38, 10, 12, 12, 16, 10, 12)


class _Sheet:
    def __init__(self, ws) -> None:
        self.ws, self.row = ws, 1

    def put(self, values, bold=False, fill=False, size=8, border=True, money=()):
        for col, value in enumerate(values, start=1):
            cell = self.ws.cell(self.row, col, value)
            cell.font = Font(name=FONT, size=size, bold=bold, color="1F3864" if size > 9 else None)
            if fill:
                cell.fill = FILL
            if border:
                cell.border = Border(bottom=THIN)
            if col in money:
                cell.number_format = '"¥"#,##0.00'
        self.row += 1

    def heading(self, text):
        self.row += 1
        self.put([text], bold=True, size=10, border=False)

    def table(self, header, rows):
        self.put(header, bold=True, fill=True)
        for values in rows:
            self.put(values)

    def chart(self, first_row: int, horizontal: bool) -> None:
        """A bar chart of column B over the rows from ``first_row`` to the last one written,
        labelled by column A, beside them (columns E–G)."""
        chart = BarChart()
        chart.type = "bar" if horizontal else "col"
        chart.legend = None
        chart.height, chart.width = 4, 8
        last = self.row - 1
        chart.add_data(Reference(self.ws, min_col=2, min_row=first_row, max_row=last))
        chart.set_categories(Reference(self.ws, min_col=1, min_row=first_row, max_row=last))
        self.ws.add_chart(chart, f"E{first_row - 1}")


def _number(text: str) -> float | None:
    """A report figure ("106.57", "87.6 A") as a number for a chart, None when it has none."""
    try:
        return float(text.split()[0].replace(",", ""))
    except (ValueError, IndexError):
        return None


def _appraisal(sheet: _Sheet, r) -> None:
    sheet.put([f"年度绩效考核报告 Annual appraisal report {r.header.year}"], bold=True, size=14,
              border=False)
    p = r.person
    sheet.put([f"{p.name} {p.name_en} · {p.id} · {p.department} · {p.title}"], border=False)
    sheet.table(["年度考核得分 Annual score", "考核等级 Grade", "考核系数 Coefficient",
                 "绩效奖金 Performance bonus"], [[r.annual_score, r.grade, r.coefficient, r.bonus]])
    sheet.heading("年度得分构成 The four parts of the annual score")
    first = sheet.row + 1
    sheet.table(["部分 Part", "得分 Score", "权重 Weight", "折算分 Points"],
                [[x.part, _number(x.score), x.weight, x.points] for x in r.parts]
                + [["年度考核得分 Annual score", _number(r.annual_score), "100%", r.annual_score]])
    sheet.chart(first, horizontal=True)
    sheet.heading("历年考核趋势 Trend over the past years")
    first = sheet.row + 1
    sheet.table(["年度 Year", "得分 Score", "等级 Grade"],
                [[b.label, _number(b.value) if b.percent else None,
                  (b.value.split() or [""])[-1]] for b in r.trend])
    sheet.chart(first, horizontal=False)
    sheet.heading("提示 Flags")
    sheet.put([("一票否决 Veto: " + "; ".join(r.vetoes)) if r.vetoes else "无 None"])
    sheet.heading("经营业绩与个人业绩指标 Indicators")
    sheet.table(["指标 Indicator (单位 Unit)", "权重 Weight", "目标值 Target", "实际值 Actual",
                 "计分方法 Method", "得分 Score", "加权得分 Weighted"],
                [[f"{x.name} ({x.unit})" if x.kind == "line" else f"{x.category} 小计 Subtotal",
                  x.weight, x.target, x.actual, x.method, x.score, x.weighted]
                 for x in r.indicators])
    sheet.heading("360度民主测评 360 democratic evaluation, by rater group")
    sheet.table(["评价群体 Rater group", "评价人数 Raters", "平均分 Mean", "采用权重 Weight used"],
                [[f"{g.group.zh} {g.group.en}", g.raters, g.mean, g.weight] for g in r.groups]
                + [["民主测评 360", "", r.democratic_score, "100%"],
                   ["述职考核 Duty report", r.duty_panel, r.duty_report, ""]])
    if r.objectives:
        sheet.heading("目标与关键成果 Objectives and key results (OKR)")
        rows = []
        for o in r.objectives:
            rows.append([o.name, o.aligns_to, o.weight, o.score])
            rows += [[f"· {k.name}", "", k.weight, k.score] for k in o.key_results]
        sheet.table(["目标 Objective / 关键成果 Key result", "对齐 Aligns to", "权重 Weight",
                     "得分 Score"], rows + [["OKR", "", "", r.okr_score]])
    if r.grants:
        sheet.heading("中长期激励 Long-term incentives")
        sheet.table(["授予 Grant", "激励工具 Instrument", "授予日 Granted", "兑现安排 Schedule",
                     "已实现 Realised", "尚未兑现 Outstanding"],
                    [[g.grant_id, f"{g.instrument.zh} {g.instrument.en}", g.granted,
                      "\n".join(f"{d}: {q}" for d, q in g.schedule), g.realised, g.outstanding]
                     for g in r.grants])


def _payout(sheet: _Sheet, r) -> None:
    sheet.row += 2
    sheet.put([f"绩效薪酬兑现单 Payout statement {r.header.year}"], bold=True, size=14,
              border=False)
    sheet.heading("绩效奖金 Performance bonus")
    sheet.table(["项目 Item", "金额 Amount"], [
        ["绩效奖金标准 Bonus standard", r.standard], ["考核系数 Coefficient", r.coefficient],
        ["任职月数折算 Proration", r.proration], ["绩效奖金 Performance bonus", r.bonus],
        ["超额激励 Over-achievement extra", r.extra], ["合计 Year's payout", r.total]])
    sheet.heading("年度清算 Annual settlement")
    sheet.table(["项目 Item", "金额 Amount"], [["合计 Year's payout", r.total],
                                           ["延期支付 Deferred", r.deferred]]
                + [[f"已预发 Advance Q{q}", a] for q, a in r.advances]
                + [["本次清算应发 Settlement due now", r.due_now]])
    sheet.heading("本年中长期激励兑现 Long-term incentives in the year")
    sheet.table(["日期 Date", "授予 Grant", "激励工具 Instrument", "事项 Event", "数量 Quantity",
                 "价值 Value"], [[e.date, e.grant_id, e.instrument.en, e.kind.en, e.quantity,
                                 e.value] for e in r.events])
    sheet.heading("个人所得税与实发 Income tax and net pay")
    sheet.table(["项目 Item", "金额 Amount"], [
        ["全年一次性奖金 One-time bonus", r.one_time_bonus], ["个税 Bonus tax", r.bonus_tax]]
        + [[f"股权激励所得 {x.date} {x.what}", x.income] for x in r.equity_lines]
        + [["股权激励个税 Equity tax", r.equity_tax], ["分红 Dividends", r.dividends],
           ["税前 Gross", r.gross], ["个税 Tax", r.tax], ["税后实发 Net pay", r.net]])
    if r.soe:
        _soe(sheet, r.soe)
    sheet.heading("递延与未来兑现 Deferred and future payments")
    sheet.table(["日期 Date", "授予 Grant", "激励工具 Instrument", "事项 Event", "数量 Quantity",
                 "价值 Value"], [[e.date, e.grant_id, e.instrument.en, e.kind.en, e.quantity,
                                 e.value] for e in r.future])


def _soe(sheet: _Sheet, soe) -> None:
    sheet.heading("中央企业负责人薪酬核查 Central-SOE executive pay check")
    sheet.table(["年度 Year", "基本年薪 Base salary", "绩效年薪 Performance salary",
                 "上限 Cap", "等级 Grade", "当期兑现 Paid now"],
                [[y.year, y.base, y.performance, y.cap, y.grade, y.paid_now]
                 for y in soe.years])
    if soe.term_incentive:
        sheet.put([f"任期激励收入 Term incentive {soe.term_incentive} · 上限 Cap "
                   f"{soe.term_cap}"], border=False)
    for line in [f"{b.zh} {b.en}" for b in soe.breaches] or ["未发现超出规定 No breach found"]:
        sheet.put([line], border=False)  # as the bilingual report prints it


def write_equivalent(path, reports, company: str) -> int:
    """Write the workbook of ``reports`` [(AppraisalReport, PayoutReport)]; returns the rows."""
    wb = Workbook()
    wb.remove(wb.active)
    rows = 0
    for appraisal, payout in reports:
        ws = wb.create_sheet(appraisal.person.id)
        for i, width in enumerate(WIDTHS):
            ws.column_dimensions["ABCDEFG"[i]].width = width
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.oddHeader.left.text = company
        ws.oddHeader.center.text = f"考核年度 Appraisal year {appraisal.header.year}"
        ws.oddHeader.right.text = "保密 Confidential"
        ws.oddFooter.right.text = "第 &P 页 / 共 &N 页 Page &P of &N"
        sheet = _Sheet(ws)
        _appraisal(sheet, appraisal)
        _payout(sheet, payout)
        rows += sheet.row
    wb.save(path)
    return rows
