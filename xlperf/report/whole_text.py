"""Chinese for the messages said whole, not about a value in an input table's column: a
workbook file that cannot be read, the run itself (a workbook given twice, ``--only``), an
executive whose reports failed, and a few cells outside the input tables (Config).

As in :mod:`xlperf.report.problem_text`, the English message is the one the code writes
and the Chinese is found from it: each pattern below matches one message's fixed words (a
path, an ID or an error's own text in between is kept as it is). A message none matches
has no Chinese (errors.csv's message_zh is left empty). tests/report/test_message_zh.py
produces each message for real and checks that it is said here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_Say = Callable[[re.Match], str]
_SAID: list[tuple[re.Pattern, _Say]] = []


def _says(pattern: str) -> Callable[[_Say], _Say]:
    """Register a function wording the message ``pattern`` matches in Chinese."""
    def register(say: _Say) -> _Say:
        _SAID.append((re.compile(pattern, re.S), say))
        return say
    return register


def _template(pattern: str, chinese: str) -> None:
    """Register ``chinese``, with the pattern's named groups put in, for ``pattern``."""
    _SAID.append((re.compile(pattern, re.S),
                  lambda found: chinese.format(**found.groupdict(default=""))))


def said_whole(message: str) -> str | None:
    """``message`` in Chinese, None when it is not one this module words."""
    for pattern, say in _SAID:
        if found := pattern.fullmatch(message):
            return say(found)
    return None


# --- an executive's reports or the summary could not be made (batch) ---------------------

_template(r"(?P<who>.+?): report could not be laid out: (?P<error>.+)",
          "{who}：报告无法排版（{error}）")
_template(r"(?P<who>.+?): rendering failed: the PDF renderer stopped unexpectedly \(out of "
          r"memory\?\) while rendering (?P<files>.+), twice; the other PDFs are not affected",
          "{who}：PDF 生成失败：生成 {files} 时 PDF 渲染进程两次意外退出（内存不足？）；"
          "其他 PDF 不受影响")
_template(r"(?P<who>.+?): rendering failed: (?P<error>.+)", "{who}：PDF 生成失败（{error}）")
_template(r"summary\.pdf could not be rendered: (?P<error>.+)",
          "汇总报告 summary.pdf 生成失败（{error}）")
