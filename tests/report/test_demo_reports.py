"""The demo workbook through `xlperf report`: read the PDFs back and check them against the
ledger, the manifest and the rules (WeasyPrint tests' habit: assert on what came out)."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from decimal import Decimal

import pytest

from tests.workbook.conftest import config_cell
from xlperf.batch import ReportOptions, run_report
from xlperf.demo import demo_inputs
from xlperf.rules.money import format_amount

from .conftest import edit_cells, pdf_info, pdf_text, read_csv

IDS = [f"E{i:03d}" for i in range(1, 13)]


def amount(text: str) -> str:
    return format_amount(Decimal(text))


def test_every_file_is_written_and_the_run_is_ok(demo_run):
    assert demo_run.result.ok
    names = {p.name for p in demo_run.out.iterdir()}
    for ex_id in IDS:
        assert {f"appraisal-{ex_id}.pdf", f"payout-{ex_id}.pdf"} <= names
    assert {"summary.pdf", "ledger.xlsx", "ledger.csv", "errors.csv", "manifest.json"} <= names
    assert not [n for n in names if n.startswith(".xlperf-")]  # no temporary file left


def key_figures(path) -> list[str]:
    """The four key figures under their captions (score, grade, coefficient, bonus)."""
    lines = [line for line in pdf_text(path, layout=True).splitlines() if line.strip()]
    at = next(i for i, line in enumerate(lines) if "考核等级 Grade" in line)
    return re.split(r"\s{2,}", lines[at + 1].strip())


def test_each_appraisal_shows_name_grade_and_bonus_equal_to_the_ledger(demo_run):
    assert [row["ID"] for row in demo_run.ledger] == IDS
    for row in demo_run.ledger:
        path = demo_run.out / f"appraisal-{row['ID']}.pdf"
        text = pdf_text(path)
        assert row["Name"] in text and row["English name"] in text
        score, grade, coefficient, bonus = key_figures(path)[:4]
        assert score == row["Annual score"]  # 83.50 in both, as printed
        assert grade.split()[0] == row["Grade"]
        assert coefficient == row["Coefficient"]  # 1.00 in both
        assert bonus == amount(row["Performance bonus"])


def test_each_payout_statement_adds_up_to_the_ledger(demo_run):
    for row in demo_run.ledger:
        text = pdf_text(demo_run.out / f"payout-{row['ID']}.pdf")
        assert row["Name"] in text
        for column in ("Bonus standard", "Performance bonus", "Total payout", "Settlement due",
                       "Bonus tax on the pay date", "Net cash of the year (below 0: to collect)"):
            assert amount(row[column]) in text, (row["ID"], column)
        total = Decimal(row["Performance bonus"]) + Decimal(row["Over-achievement extra"])
        assert total == Decimal(row["Total payout"])
        due = total - Decimal(row["Deferred"]) - Decimal(row["Advances paid"])
        assert due == Decimal(row["Settlement due"])
        assert Decimal(row["Gross (taxable income)"]) - Decimal(row["Tax"]) == Decimal(
            row["Net after tax (shares at their taxable value)"])


def test_the_ledger_equals_the_core_for_the_demo(demo_run):
    """The workbook path gives the same money as the demo's own inputs (same engine)."""
    from xlperf.rules.appraisal import appraise

    expected = {i.executive.id: appraise(i).payout for i in demo_inputs()}
    for row in demo_run.ledger:
        pay = expected[row["ID"]]
        assert Decimal(row["Performance bonus"]) == pay.bonus
        assert Decimal(row["Settlement due"]) == pay.due_now


def test_pdfs_are_a4_with_header_page_numbers_and_an_embedded_cjk_font(demo_run):
    for name in ("appraisal-E001.pdf", "payout-E001.pdf", "summary.pdf"):
        path = demo_run.out / name
        info = pdf_info(path)
        assert info["Page size"].startswith("595.") and "841.8" in info["Page size"]
        assert info["Creator"] == "xlperf"
        assert info["CreationDate"].endswith("2026 UTC") and "Dec 31" in info["CreationDate"]
        pages = int(info["Pages"])
        text = pdf_text(path)
        assert "华夏汽车股份有限公司" in text and "保密 Confidential" in text
        assert "考核年度 Appraisal year 2026" in text
        assert f"第 {pages} 页 / 共 {pages} 页" in text and f"Page {pages} of {pages}" in text
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert fonts, "no font in the PDF"
        for line in fonts:
            assert " yes yes yes " in line, line  # embedded, subset, with a ToUnicode map
        assert any("CID TrueType" in line and "Identity-H" in line for line in fonts)  # CJK


def test_the_appraisal_report_has_every_section(demo_run):
    text = pdf_text(demo_run.out / "appraisal-E001.pdf")
    for heading in ("年度得分构成", "经营业绩与个人业绩指标", "360度民主测评", "述职考核",
                    "目标与关键成果", "提示 Flags", "历年考核趋势"):
        assert heading in text, heading
    for part in ("企业经营业绩", "个人业绩", "述职", "民主测评"):
        assert part in text
    assert "利润总额 Total profit" in text and "财务指标 Financial results" in text
    assert "新能源车型按期上市" in text and "两款车型SOP" in text  # OKR objective and KR


def test_a_part_above_100_says_what_it_counts(demo_run):
    """E001's business indicators weigh to 106.57: the part counts 100 (each part of the
    annual score is scored 0–100), and the report says so beside the part's total."""
    lines = [" ".join(line.split()) for line in
             pdf_text(demo_run.out / "appraisal-E001.pdf", layout=True).splitlines()]
    total = next(line for line in lines if "每部分最高计" in line)
    assert "每部分最高计 100.00 分 a part counts at most 100.00" in total and "106.57" in total
    assert not any("每部分最高计" in line for line in pdf_text(
        demo_run.out / "appraisal-E002.pdf", layout=True).splitlines())


def test_grant_schedules_show_what_each_tranche_delivers(demo_run):
    """E001's performance shares pay 120% of the 60,000 target; E002's deferred cash pays
    a third of ¥90,000 a year; E004's third restricted tranche fails its condition."""
    def grants(ex_id):
        return pdf_text(demo_run.out / f"appraisal-{ex_id}.pdf").split("中长期激励")[1]
    assert "2026-12-31: 72,000（目标 60,000） 72,000 (target 60,000)" in " ".join(
        grants("E001").split())
    assert grants("E002").count("¥30,000.00") >= 3 and ": 0\n" not in grants("E002")
    assert "2026-03-15: 24,000 失效 24,000 forfeited" in " ".join(grants("E004").split())


def test_the_statement_names_advances_by_quarter_and_says_what_its_net_cash_covers(
        demo_run):
    """E009 was advanced once, in Q3 (a mid-year joiner: the Executives sheet's Advance Q3
    column), and the statement says Q3, not "the first"; E001's net cash is below 0 because
    the tax on his shares exceeds his cash, and it is the year's: incentive cash paid on its
    own dates is in it."""
    e009 = " ".join(pdf_text(demo_run.out / "payout-E009.pdf").split())
    assert "− 第 3 季度预发 Q3 advance" in e009 and "Q1 advance" not in e009
    assert "已预发（季度） Advances paid (quarterly):" not in e009  # one advance: no total
    e001 = " ".join(pdf_text(demo_run.out / "payout-E001.pdf").split())
    assert "全年税后实发现金 Net cash pay of the year" in e001
    assert "settlement paid on 2027-03-31; incentive cash paid on its own dates" in e001
    assert "(tax on shares exceeds the cash)" in e001
    assert "(advances above the year's payout)" not in e001


def test_points_that_do_not_add_up_to_the_score_say_it_is_rounding(demo_run):
    # E001: 100 × 40% + 100 × 30% + 91.33 × 10% + 94.77 × 20% = 98.087 → 98.09, but the
    # points as printed, 40.00 + 30.00 + 9.13 + 18.95, add up to 98.08: a note says why.
    # E003: 38.06 + 21.28 + 7.71 + 16.45 = 83.50, its score: no note
    e001 = " ".join(pdf_text(demo_run.out / "appraisal-E001.pdf").split())
    assert "Points are rounded; the annual score is the unrounded points' sum" in e001
    assert "Points are rounded" not in pdf_text(demo_run.out / "appraisal-E003.pdf")


def test_veto_and_consecutive_c_are_flagged(demo_run):
    vetoed = pdf_text(demo_run.out / "appraisal-E010.pdf")
    assert "一票否决 Veto" in vetoed and "重大安全责任事故" in vetoed
    # the veto withholds the over-achievement extra of his 115% long-term target (67,500)
    payout = " ".join(pdf_text(demo_run.out / "payout-E010.pdf").split())
    assert "achievement 115%; 因一票否决不予发放 withheld for the veto)" in payout
    e010 = next(row for row in demo_run.ledger if row["ID"] == "E010")
    assert e010["Over-achievement extra"] == "0.00"
    flagged = [row["ID"] for row in demo_run.ledger if "consecutive-C" in row["Flags"]]
    assert flagged
    for ex_id in flagged:
        assert "连续考核预警" in pdf_text(demo_run.out / f"appraisal-{ex_id}.pdf")


def test_360_shows_groups_only_and_leaves_out_a_small_group(demo_run):
    """E011 has only 2 peer raters: the group is left out and said so; no rater's score."""
    text = pdf_text(demo_run.out / "appraisal-E011.pdf")
    assert "评价人数不足，未计入且不单独显示" in text
    item = next(i for i in demo_inputs() if i.executive.id == "E011")
    peers = [r.score for r in item.ratings if r.group == "peer"]
    assert len(peers) == 2
    section = text.split("360度民主测评")[1].split("述职考核")[0]
    for score in peers:
        assert f"{score:.2f}" not in section and f"{score:.1f}" not in section


def test_summary_shows_distribution_quotas_departments_and_totals(demo_run):
    text = pdf_text(demo_run.out / "summary.pdf")
    grades = [row["Grade"] for row in demo_run.ledger]
    for grade in "SABCD":
        assert grade in text
    assert "S ≤ 10%" in text and "S+A ≤ 30%" in text
    total_due = sum(Decimal(r["Settlement due"]) for r in demo_run.ledger)
    total_net = sum(Decimal(r["Net cash of the year (below 0: to collect)"])
                    for r in demo_run.ledger)
    assert format_amount(total_due) in text and format_amount(total_net) in text
    for row in demo_run.ledger:
        assert row["Department"] in text.replace("\n", " ")
    assert len(grades) == 12
    assert "工作簿未经 Excel 重算保存" in text  # written by xlperf, never recalculated
    # the two executives under the central-SOE rules defer 40% to the term's end:
    # E001 583,200 + E002 288,000 = 871,200 in the departments' Deferred column
    assert "延期支付" in text and "¥871,200.00" in text


def test_manifest_traces_every_file_and_the_input(demo_run, demo_book):
    manifest = json.loads((demo_run.out / "manifest.json").read_text(encoding="utf-8"))
    book = manifest["workbooks"][0]
    assert book["sha256"] == hashlib.sha256(demo_book.read_bytes()).hexdigest()
    assert book["policy"]["source"] == "Config sheet"
    assert len(book["policy"]["sha256"]) == 64 and "grades" in book["policy"]["rules"]
    assert book["policy"]["scoring_tables"]["CollectionCurve"][0] == [85, 40]
    listed = {f["path"]: f for f in manifest["files"]}
    assert len(listed) == 24 + 4  # 2 PDFs each, summary, 2 ledgers, errors.csv
    for path, entry in listed.items():
        data = (demo_run.out / path).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data)
    statuses = {e["id"]: e["status"] for e in manifest["executives"]}
    assert statuses == dict.fromkeys(IDS, "reported")
    assert manifest["ok"] is True


def test_same_input_same_bytes(demo_run, tmp_path):
    """A rerun (other worker count, one executive) writes the very same PDF bytes."""
    from xlperf.batch import ReportOptions, run_report

    again = run_report([str(demo_run.book)], ReportOptions(tmp_path, only=("E003",), jobs=1))
    assert again.ok
    for name in ("appraisal-E003.pdf", "payout-E003.pdf", "summary.pdf", "ledger.xlsx",
                 "ledger.csv"):
        assert (tmp_path / name).read_bytes() == (demo_run.out / name).read_bytes(), name
    assert not (tmp_path / "appraisal-E004.pdf").exists()


def test_errors_csv_is_empty_but_for_its_header(demo_run):
    lines = (demo_run.out / "errors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines == ["workbook,sheet,cell,executive,severity,message,message_zh"]


def test_summary_checks_the_equity_plans_against_the_csrc_measures(demo_run):
    text = " ".join(pdf_text(demo_run.out / "summary.pdf").split())
    assert "股权激励计划合规检查" in text
    assert "RS-2023 合规 compliant" in text
    assert "OPT-2024 违反规定 breaches" in text
    assert "E001 holds 500,000 shares through all live plans, 1.0417% of the share" in text


def test_payout_statements_show_the_central_soe_check_of_those_under_it(demo_run):
    """E001's 2026 payout 1,458,000 is above 2 × 700,000 (tests/workbook/test_soe_pay.py
    derives it); E002's is within its cap; nobody else is on the SoePay sheet."""
    e001 = " ".join(pdf_text(demo_run.out / "payout-E001.pdf").split())
    assert "中央企业负责人薪酬核查 Central-SOE executive pay check" in e001
    assert ("2026: the performance salary (绩效年薪) 1,458,000.00 is more than 2 × the base "
            "salary (基本年薪) 700,000.00 = 1,400,000.00.") in e001
    assert "任期激励收入 Term incentive ¥1,000,000.00" in e001 and "¥1,803,000.00" in e001
    e002 = " ".join(pdf_text(demo_run.out / "payout-E002.pdf").split())
    assert "Central-SOE executive pay check" in e002 and "未发现超出规定 No breach found" in e002
    assert "Central-SOE" not in pdf_text(demo_run.out / "payout-E003.pdf")
    # E001's 2026 row leaves Paid now blank: what the statement pays in the year is checked,
    # 60% of 1,458,000 = 874,800 (40% deferred to the term's end: no deferral breach);
    # E002's 432,000 entered is what the statement pays (720,000 − 288,000): no note
    assert ("checked with what this statement pays in the year (advances included), "
            "¥874,800.00") in e001
    assert "may be paid now" not in e001
    for text, deferred in ((e001, "¥583,200.00"), (e002, "¥288,000.00")):
        assert "延期支付 Deferred (中央企业负责人：延期至任期结束后兑现 central-SOE" in text
        assert deferred in text
    assert "延期至任期结束后兑现" not in pdf_text(demo_run.out / "payout-E003.pdf")
    # what each term's end releases: E001 472,000 + 540,000 + 583,200 deferred + 1,000,000
    # term incentive; E002 (term to 2027) 276,000 + 288,000, no term incentive yet
    assert ("Payable once the term ending 2026 is appraised (each year's deferred part and the "
            "term incentive, subject to that appraisal; not paid in this close): "
            "¥2,595,200.00") in e001
    assert "term ending 2027 is appraised" in e002 and "this close): ¥564,000.00" in e002
    assert "SoePay gives" not in e002
    # the same amounts, row by row, in the schedule of payments to come, on the pay date of
    # the term's last year (E001: term to 2026, paid 2027-03-31; E002: to 2027, 2028-03-31)
    for who, rows in (("E001", ["2027-03-31 BONUS-2026 ¥583,200.00", "2027-03-31 SOE-2024 "
                               "¥472,000.00", "2027-03-31 SOE-2025 ¥540,000.00",
                               "2027-03-31 TERM-2026 ¥1,000,000.00"]),
                       ("E002", ["2028-03-31 BONUS-2026 ¥288,000.00",
                                 "2028-03-31 SOE-2025 ¥276,000.00"])):
        text = pdf_text(demo_run.out / f"payout-{who}.pdf", layout=True)
        schedule = text.split("Deferred and future payments")[1]
        found = [" ".join(line.split()[:2] + line.split()[-1:])
                 for line in schedule.splitlines()
                 if line[:4].isdigit() and line.split()[1].startswith(("BONUS", "SOE", "TERM"))]
        assert found == rows
        assert "SOE and TERM rows: earlier years' deferred" in " ".join(schedule.split())
    # two tax years' one-time bonuses: the once-a-year rule is stated beside them
    assert "may be used once a tax year (财税〔2018〕164号)" in e002
    assert "may be used once a tax year" not in e001  # one tax year only
    flags = {row["ID"]: row["Flags"] for row in demo_run.ledger}
    assert "SOE pay breach 央企薪酬超限" in flags["E001"]
    assert [k for k, v in flags.items() if "SOE pay" in v] == ["E001"]
    summary = " ".join(pdf_text(demo_run.out / "summary.pdf").split())
    assert "央企薪酬超限 SOE pay breach" in summary
    section = summary.split("中央企业负责人薪酬核查 Central-SOE executive pay check")[1].strip()
    # each breach in Chinese, then in English (--lang both)
    assert section.startswith("人员 Executive 状态 Status 检查结果 Findings E001 王建国 违反规定 "
                              "breaches 2026年：绩效年薪 1,458,000.00 超过上限 1,400,000.00")
    assert "2026: the performance salary (绩效年薪) 1,458,000.00 is more than" in section
    assert "E002 李雪梅 合规 compliant" in section
    # and what the terms' ends release, for finance to provide for at the close: E001
    # 2,595,200 + E002 564,000 (each one's in the ledger)
    assert ("Payable once their terms are appraised, all executives (the deferred parts and "
            "the term incentives, subject to those appraisals; each one's in the ledger): "
            "¥3,159,200.00") in section


def test_page_one_renders_to_an_image_with_ink_where_the_report_is(demo_run, tmp_path):
    """pdftoppm draws page 1; the header band, the title and the tables carry ink."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1",
                    str(demo_run.out / "appraisal-E001.pdf"), str(tmp_path / "page")],
                   check=True)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = image.size
    assert (width, height) == (331, 468)  # A4 at 40 dpi

    def ink(top: float, bottom: float) -> float:
        band = image.crop((0, int(top * height), width, int(bottom * height)))
        dark = band.point(lambda p: 255 if p < 200 else 0).histogram()[255]
        return dark / (band.size[0] * band.size[1])

    assert ink(0.02, 0.04) > 0.02  # running header: company, year, confidential
    assert ink(0.04, 0.06) < 0.005  # the page margin under it
    assert ink(0.06, 0.10) > 0.05  # title, name, key figures
    assert ink(0.30, 0.90) > 0.05  # the tables
    assert ink(0.95, 0.98) > 0.005  # footer: source and page number
    assert ink(0.985, 1.0) < 0.005  # below the footer: blank paper


def test_a_deferral_share_on_config_flows_to_statement_ledger_and_summary(demo_book, tmp_path):
    """Config's DeferralShare at 40%: E003's payout 679,250 defers 271,700, the settlement
    pays 679,250 − 271,700 − 243,750 advances = 163,800."""
    cell = config_cell(demo_book, "DeferralShare")
    book = edit_cells(demo_book, tmp_path / "deferral.xlsx", {("Config", cell): 0.4})
    out = tmp_path / "out"
    assert run_report([str(book)], ReportOptions(out, only=("E003",), jobs=1)).ok
    row = next(r for r in read_csv(out / "ledger.csv") if r["ID"] == "E003")
    assert (row["Deferred"], row["Settlement due"]) == ("271700.00", "163800.00")
    payout = pdf_text(out / "payout-E003.pdf", layout=True)
    assert "¥271,700.00" in payout and "¥163,800.00" in payout
    # planned as deferred cash from the pay date (2027-03-31): a third a year, to the cent
    # by largest remainder: 90,566.67 + 90,566.67 + 90,566.66 = 271,700.00
    planned = [" ".join(line.split()[:2] + line.split()[-1:]) for line in payout.splitlines()
               if "BONUS-2026" in line and "¥" in line]
    assert planned == ["2028-03-31 BONUS-2026 ¥90,566.67", "2029-03-31 BONUS-2026 ¥90,566.67",
                       "2030-03-31 BONUS-2026 ¥90,566.66"]
    summary = " ".join(pdf_text(out / "summary.pdf").split())
    assert "延期支付 Deferred" in summary and "¥271,700.00" in summary


@pytest.mark.parametrize("lang", ["zh", "both"])
def test_a_department_table_never_leaves_its_totals_alone_on_a_page(demo_run, tmp_path, lang):
    """The cash table runs onto page 2 of the demo summary: a department row goes with its
    totals row (in Chinese it printed alone under the repeated header)."""
    assert run_report([str(demo_run.book)], ReportOptions(tmp_path, lang=lang, only=("E001",),
                                                          jobs=1)).ok
    for page in pdf_text(tmp_path / "summary.pdf", layout=True).split("\f"):
        lines = page.splitlines()
        for at, line in enumerate(lines):
            if line.lstrip().startswith("合计"):
                header = max(i for i in range(at) if "人数" in lines[i])
                assert any("¥" in row for row in lines[header + 1:at]), page


def test_a_negative_net_cash_from_advances_says_so(demo_book, tmp_path):
    """E006's advances raised to 600,000 against a payout of 505,000 and no incentive cash:
    95,000 to collect, because of the advances, not of any tax on shares."""
    book = edit_cells(demo_book, tmp_path / "advanced.xlsx", {
        ("Executives", "J10"): 200_000, ("Executives", "K10"): 200_000,
        ("Executives", "L10"): 200_000})
    result = run_report([str(book)], ReportOptions(tmp_path / "out", only=("E006",), jobs=1))
    assert result.ok
    text = " ".join(pdf_text(tmp_path / "out" / "payout-E006.pdf").split())
    assert "取（预发超过全年应发）" in text  # 应向本人收 | 取: wrapped beside the amount
    assert "to collect from the executive (advances above the year's payout)" in text
    assert "tax on shares exceeds" not in text and "-¥95,000.00" in text


def test_a_negative_settlement_says_it_is_not_taxed(demo_run):
    """E012's advances exceed the payout: the settlement is −126,000 and the one-time bonus
    0, which the statement explains; the SAR cash is equity income, not on the bonus line."""
    e012 = " ".join(pdf_text(demo_run.out / "payout-E012.pdf").split())
    assert "-¥126,000.00" in e012
    assert ("A negative settlement (advances to recover) is not taxed: the one-time bonus is "
            "never below 0.") in e012
    assert "Long-term incentive cash taxed as a bonus (deferred cash," in e012
    e003 = " ".join(pdf_text(demo_run.out / "payout-E003.pdf").split())
    assert "A negative settlement" not in e003


def test_an_extra_beside_a_cap_or_proration_says_it_takes_neither(demo_run):
    """E009 (7 months, capped at 350,000) earns an extra of 160,000 on 125%: the payout
    510,000 is above the cap, which the statement explains; E001 (12 months, no cap) not."""
    e009 = " ".join(pdf_text(demo_run.out / "payout-E009.pdf").split())
    assert "¥350,000.00" in e009 and "¥160,000.00" in e009 and "¥510,000.00" in e009
    assert ("The extra rewards the long-term target: the bonus cap and the months-served "
            "proration do not apply to it.") in e009
    assert "The extra rewards" not in pdf_text(demo_run.out / "payout-E001.pdf")


def test_english_reports_print_chinese_units_and_punctuation_in_english(demo_book, tmp_path):
    """An indicator's unit typed in Chinese (万元, 次) reads as ¥10k and times in English;
    a Chinese report keeps it, in full-width parentheses."""
    for lang in ("en", "zh"):
        assert run_report([str(demo_book)], ReportOptions(tmp_path / lang, lang=lang,
                                                          only=("E001",), jobs=1)).ok
    english = " ".join(pdf_text(tmp_path / "en" / "appraisal-E001.pdf").split())
    assert "利润总额 Total profit (¥10k)" in english and "Violations (times)" in english
    assert "(万元)" not in english
    chinese = " ".join(pdf_text(tmp_path / "zh" / "appraisal-E001.pdf").split())
    assert "利润总额 Total profit（万元）" in chinese and "指标（单位）" in chinese


def test_the_summary_lists_departments_in_the_workbooks_order(demo_run):
    """As the Executives sheet runs (总经理办公室 first), not by code point."""
    order = list(dict.fromkeys(r["Department"].split()[0] for r in demo_run.ledger))
    text = pdf_text(demo_run.out / "summary.pdf")
    table = text[text.index(order[0]):]
    assert [table.index(d) for d in order] == sorted(table.index(d) for d in order)


def test_the_payout_statement_says_which_incentive_values_are_not_paid(demo_run):
    """E001's options vest (grey ¥675,000: intrinsic value, not paid) beside the restricted
    shares unlocked (¥996,000 at market) whose taxable income, ¥738,000, follows the
    unlock formula: both differences are said in words under the table."""
    text = " ".join(pdf_text(demo_run.out / "payout-E001.pdf").split())
    assert "Grey amounts are neither paid nor taxed" in text and "¥675,000.00" in text
    assert "A restricted-stock unlock's taxable income is" in text and "¥738,000.00" in text
    plain = " ".join(pdf_text(demo_run.out / "payout-E004.pdf").split())
    assert "A restricted-stock unlock's taxable income" not in plain


def test_the_summary_splits_net_cash_into_cash_to_pay_and_to_collect(demo_run):
    """The company's net cash (¥1,678,838.75) nets E001's −¥957,480.00 to collect against
    the others' ¥2,636,318.75 to pay: finance sees both, from the ledger's own rows."""
    column = "Net cash of the year (below 0: to collect)"
    cash = [Decimal(r[column]) for r in demo_run.ledger]
    collect, pay = -sum(c for c in cash if c < 0), sum(c for c in cash if c >= 0)
    assert (collect, pay) == (Decimal("957480.00"), Decimal("2636318.75"))
    text = " ".join(pdf_text(demo_run.out / "summary.pdf").split())
    assert ("The net cash total is after ¥957,480.00 to collect from 1 executive(s); the "
            "cash to pay out comes to ¥2,636,318.75.") in text
