"""What ``xlperf report`` prints while it runs: a bar on a terminal, lines otherwise."""

import io
import unicodedata

from xlperf.progress import Progress, fitted


class Terminal(io.StringIO):
    def isatty(self):
        return True


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def test_a_label_is_fitted_to_terminal_columns_chinese_characters_taking_two():
    assert fitted("E001 王建国", 12) == "E001 王建国 "  # 5 + 6 columns, one space
    assert fitted("E001 王建国", 8) == "E001 王 "  # 建 would need columns 8 and 9
    assert columns(fitted("欧阳" * 40, 40)) == 40


def test_the_bar_stays_within_80_columns_with_chinese_names():
    terminal = Terminal()
    with Progress(terminal) as progress:
        progress.update(7, 13, "E007 " + "赵敏" * 30)
    line = terminal.getvalue().strip("\r\n")
    assert "E007 赵敏" in line and columns(line) <= 80


def test_piped_output_is_one_plain_line_per_item():
    piped = io.StringIO()
    with Progress(piped) as progress:
        progress.update(1, 2, "E001 王建国")
    assert piped.getvalue() == "[1/2] E001 王建国\n"


def test_the_terminal_lists_the_first_40_problems_then_says_how_many_more():
    """docs/reports.md, Reading and checking, shows this cut as recorded from a run."""
    from pathlib import Path

    from xlperf.batch import BatchResult, LocatedProblem, ReportOptions
    from xlperf.errors import Problem
    from xlperf.progress import describe_result

    result = BatchResult(problems=[
        LocatedProblem("junk.xlsx", Problem('weight is "abc", expected a number', "Indicators",
                                            f"F{row}")) for row in range(5, 65)])
    lines = describe_result(result, ReportOptions(Path("reports"))).splitlines()
    assert lines[0] == 'error: junk.xlsx: Indicators!F5: weight is "abc", expected a number'
    assert lines[39].startswith("error: junk.xlsx: Indicators!F44: ")
    assert lines[40:] == [
        "… and 20 more: see errors.csv",
        "Nothing rendered: 60 error(s) (listed in reports/errors.csv). Fix them, or use "
        "--keep-going to render every valid executive."]
