"""Templates and labels stay in step; each language prints its own labels."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from xlperf.report.render import TEMPLATES, labels, templates_dir

from .conftest import pdf_text

LABEL_CALL = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z_]+)["']\s*\)""")
DYNAMIC = re.compile(r"""\bt\(\s*["']([a-z_]+)\.["']\s*~""")


def template_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in templates_dir().glob("*.html")}


def test_every_label_a_template_asks_for_exists_in_both_languages():
    known = labels()
    used = {key for text in template_texts().values() for key in LABEL_CALL.findall(text)}
    assert used and not used - set(known), sorted(used - set(known))
    for section in {s for text in template_texts().values() for s in DYNAMIC.findall(text)}:
        assert any(k.startswith(section + ".") for k in known), section
    for key, (zh, en) in known.items():
        assert zh.strip() and en.strip(), key


def test_labels_file_is_pairs_only():
    with open(templates_dir() / "labels.toml", "rb") as handle:
        data = tomllib.load(handle)
    for section, entries in data.items():
        for key, pair in entries.items():
            assert isinstance(pair, list) and len(pair) == 2, f"{section}.{key}"


def test_every_template_is_known_to_the_renderer():
    assert set(TEMPLATES.values()) | {"base.html"} == set(template_texts())


@pytest.mark.parametrize("lang, present, absent", [
    ("zh", "年度绩效考核报告", "Annual appraisal report"),
    ("en", "Annual appraisal report", "年度绩效考核报告"),
])
def test_one_language_at_a_time(demo_run, tmp_path, lang, present, absent):
    from xlperf.batch import ReportOptions, run_report

    out = tmp_path / lang
    assert run_report([str(demo_run.book)], ReportOptions(out, lang=lang, only=("E002",),
                                                           jobs=1)).ok
    text = pdf_text(out / "appraisal-E002.pdf")
    assert present in text and absent not in text
    page = "第1页/共2页" if lang == "zh" else "Page1of2"
    assert page in text.replace(" ", "")
    assert Path(out / "payout-E002.pdf").exists()
