"""A located problem in the summary's language: Chinese written here, English the core's own
message.

errors.csv, the terminal and the manifest keep the one English wording. The summary in
Chinese says the same for the problems an analyst meets most: a cell holding a value of the
wrong kind, or a required cell left blank. They are recognised by the closing words the core
uses for each kind (:mod:`xlperf.rules.inputs`: ``weight is "abc", expected a number``) and
named by the Chinese header of the cell's column (权重). Any other problem keeps its English
text, as does a problem outside an input sheet's table (Config, a range of cells).
"""

from __future__ import annotations

import re

from xlperf.errors import Problem
from xlperf.report.formats import Bilingual

# the closing words of rules/inputs.py's messages, one per kind of value a cell must hold
KINDS = {
    "expected a number": "应为数字",
    "expected a finite number": "应为有限的数字",
    "expected an amount": "应为金额",
    "expected a whole number": "应为整数",
    "expected zero or more": "应为零或正数",
    "expected done/not done (1 or 0)": "应为完成/未完成（1 或 0）",
    "expected a share from 0 to 100%: type 40% or 0.4": "应为 0–100% 的比例（填 40% 或 0.4）",
    "expected a year such as 2026": "应为年份（如 2026）",
}
_WRONG_KIND = re.compile(r"^.+? is (?P<value>.+), (?P<kind>expected .+)$")
_EMPTY = re.compile(r"^.+? is empty$")


def problem_text(problem: Problem, column: str | None) -> Bilingual:
    """``problem`` in both languages; ``column`` is the Chinese header of the column its cell
    lies in (None: not an input table's cell, so the English text serves both)."""
    english = str(problem)
    return Bilingual(_chinese(problem, column) or english, english)


def _chinese(problem: Problem, column: str | None) -> str | None:
    if not column:
        return None
    where = f"{problem.sheet}!{problem.cell}（{column}）"
    if _EMPTY.match(problem.message):
        return f"{where}：未填写"
    found = _WRONG_KIND.match(problem.message)
    if found and found["kind"] in KINDS:
        return f"{where}：填写为 {found['value']}，{KINDS[found['kind']]}"
    return None
