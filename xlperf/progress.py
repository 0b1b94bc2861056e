"""What ``xlperf report`` prints: a progress bar on a terminal, plain lines otherwise, and
the closing account of the run (problems with sheet and cell, files, reconciliation)."""

from __future__ import annotations

import time
import unicodedata
from collections import Counter
from typing import TextIO

from xlperf.outputs import in_listing_order

MAX_PROBLEMS_SHOWN = 40
_BAR = 30
_WIDTH = 79  # terminal columns the bar and its label fill (an 80-column terminal)


def fitted(text: str, columns: int) -> str:
    """``text`` cut and padded to ``columns`` terminal columns; a Chinese character takes
    two, so 王建国 is 6 columns wide, not 3."""
    out, used = [], 0
    for char in text:
        width = 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        if used + width > columns:
            break
        out.append(char)
        used += width
    return "".join(out) + " " * (columns - used)


class Progress:
    """Reports (done, total, what) as a bar on a TTY, else as one log line per item."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.started = time.monotonic()
        self.drawn = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()

    def update(self, done: int, total: int, what: str) -> None:
        """One more item finished."""
        if not self.tty:
            self.stream.write(f"[{done}/{total}] {what}\n")
            return
        filled = int(_BAR * done / max(total, 1))
        elapsed = time.monotonic() - self.started
        bar = f"[{'#' * filled}{'.' * (_BAR - filled)}] {done}/{total} {elapsed:5.1f}s "
        self.stream.write(f"\r{bar}{fitted(what, max(10, _WIDTH - len(bar)))}")
        self.stream.flush()
        self.drawn = True


def _problem_lines(result) -> list[str]:
    lines = []
    problems = in_listing_order(result.problems)
    for located in problems[:MAX_PROBLEMS_SHOWN]:
        p = located.problem
        named = located.workbook and located.workbook not in p.message
        prefix = f"{located.workbook}: " if named else ""
        lines.append(f"{p.severity}: {prefix}{p}")
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append(f"… and {len(problems) - MAX_PROBLEMS_SHOWN} more: see errors.csv")
    return lines


def describe_result(result, options) -> str:
    """The account of a run printed at its end."""
    lines = _problem_lines(result)
    statuses = Counter(e.status for e in result.executives)
    if not result.rendered:
        only = [e.problem.executive for e in result.errors
                if e.problem.message.startswith("--only ") and not e.workbook]
        if only and len(only) == len(result.errors):  # nothing wrong but the ids asked for
            lines.append(f"Nothing rendered: --only {', '.join(only)} names no executive of "
                         "the workbook(s): give an ID from the Executives sheet.")
            return "\n".join(lines) + "\n"
        lines.append(f"Nothing rendered: {len(result.errors)} error(s) (listed in "
                     f"{options.out_dir / 'errors.csv'}). Fix them, or use --keep-going to "
                     "render every valid executive.")
        return "\n".join(lines) + "\n"
    counts = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
    written = len(result.files) + 1  # and manifest.json, written last: it lists the others
    lines.append(f"Wrote {written} files to {options.out_dir} "
                 f"(executives: {counts or 'none'}).")
    if not result.ok:
        lines.append("Not everything was produced: see errors.csv and manifest.json.")
    return "\n".join(lines) + "\n"
