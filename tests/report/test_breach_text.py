"""Breaches of the China rules in Chinese for Chinese reports (the English is the core's)."""

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.test_china_csrc import D, variant
from xlperf.report.breach_text import CHINESE, breach_text
from xlperf.rules.china import csrc
from xlperf.rules.china.soe import SoePayRules, SoeTermPay, SoeYearPay, check_term


def test_every_rule_the_core_words_has_a_chinese_sentence():
    core = "".join(p.read_text(encoding="utf-8")
                   for p in (Path(__file__).parents[2] / "xlperf/rules/china").glob("*.py"))
    rules = set(re.findall(r'Breach\(\s*"((?:csrc|soe)\.[a-z_]+)"', core))
    assert rules and rules == set(CHINESE)


def test_soe_breaches_in_chinese_with_their_figures_and_source():
    term = SoeTermPay((SoeYearPay(2026, Decimal(700_000), Decimal(1_458_000), "A",
                                  Decimal(1_458_000)),))
    breaches = check_term(term, SoePayRules()).breaches
    texts = [breach_text(b) for b in breaches]
    assert texts[0].zh.startswith("2026年：绩效年薪 1,458,000.00 超过上限 1,400,000.00")
    assert texts[1].zh.startswith("2026年：当期兑现 1,458,000.00，超过当期可兑现的 "
                                  "874,800.00")  # 60% of the salary may be paid now
    assert [t.zh.endswith(f"[{b.source}]") for t, b in zip(texts, breaches, strict=True)] == [
        True, True]
    assert texts[0].en.startswith("2026: the performance salary (绩效年薪) 1,458,000.00")


@pytest.mark.parametrize(("change", "words"), [
    (dict(grant_price=D("0.40")), "低于股票票面金额"),
])
def test_csrc_breaches_in_chinese(change, words):
    breaches = csrc.check_plan(dataclasses.replace(variant(), **change)).breaches
    assert any(words in breach_text(b).zh for b in breaches)
