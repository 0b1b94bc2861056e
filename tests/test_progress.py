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
