"""Every ```console block of the README and docs/ is a transcript: its commands are run and
must print what the block shows (the sqlite-utils model: the docs show real output).

The blocks of one document are run in order, as one session, in a fresh folder holding a
copy of ``workbooks/`` (a later block may use a file an earlier one wrote), each ``$ `` line
by bash with this checkout's ``xlperf`` first on PATH (and as ``.venv/bin/xlperf``), stdout
and stderr together, 80 columns. The lines under a command are what it prints; a line ``…``
stands for any number of lines. Two things differ from machine to machine and are compared
loosely: the order in which the workers finish (a progress line ``[3/13] E003 张伟`` must be
the third of 13 and name an executive the run names) and the number of cores (``2 worker
process(es)``). ``echo $?`` prints the exit status of the command before it. Commands only,
with no output to check, and output recorded from runs the docs test cannot reproduce (a
killed worker, Ctrl+C), go in ```sh and ```text blocks.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
ANY = "…"
_PROGRESS = re.compile(r"^\[(\d+)/(\d+)\] (.*)$")
_CORES = re.compile(r"\b\d+ worker process\(es\)")


def transcripts() -> dict[str, list[tuple[int, str, list[str]]]]:
    """Each document's console steps, in order: (line, command, lines shown under it)."""
    found = {}
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        steps: list[tuple[int, str, list[str]]] = []
        for block in re.finditer(r"^```console\n(.*?)^```", text, re.S | re.M):
            first = text[:block.start()].count("\n") + 2
            for n, line in enumerate(block.group(1).splitlines(), first):
                if line.startswith("$ "):
                    steps.append((n, line[2:], []))
                else:
                    assert steps and steps[-1][0] >= first, \
                        f"{doc.name}:{first}: a console block starts with $ "
                    steps[-1][2].append(line.rstrip())
        if steps:
            found[str(doc.relative_to(ROOT))] = steps
    return found


def _loose(line: str) -> str:
    progress = _PROGRESS.match(line)
    if progress:
        return f"[{progress[1]}/{progress[2]}] <executive or summary>"
    return _CORES.sub("N worker process(es)", line)


def matches(shown: list[str], printed: list[str]) -> bool:
    """``printed`` is what ``shown`` says, ``…`` standing for any lines."""
    if not shown:
        return not printed
    if shown[0] == ANY:
        return any(matches(shown[1:], printed[i:]) for i in range(len(printed) + 1))
    return bool(printed) and _loose(shown[0]) == _loose(printed[0]) \
        and matches(shown[1:], printed[1:])


def _names(lines: list[str]) -> set[str]:
    return {m[3] for m in map(_PROGRESS.match, lines) if m}


@pytest.fixture
def shell(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    xlperf = bin_dir / "xlperf"
    xlperf.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m xlperf.cli "$@"\n')
    xlperf.chmod(0o755)
    work = tmp_path / "work"
    (work / ".venv" / "bin").mkdir(parents=True)  # the README's .venv/bin/xlperf
    shutil.copy2(xlperf, work / ".venv" / "bin" / "xlperf")
    shutil.copytree(ROOT / "workbooks", work / "workbooks")
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
               PYTHONPATH=str(ROOT), COLUMNS="80", LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")
    status = 0

    def run(command: str) -> list[str]:
        nonlocal status
        done = subprocess.run(["bash", "-c", f"(exit {status}); {command}"], cwd=work,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, encoding="utf-8", timeout=300)
        status = done.returncode
        return [line.rstrip() for line in done.stdout.splitlines()]

    return run


TRANSCRIPTS = transcripts()


def test_the_docs_hold_transcripts():
    assert {"README.md", "docs/reports.md", "docs/workbook.md"} <= set(TRANSCRIPTS)


@pytest.mark.slow
@pytest.mark.parametrize("doc", sorted(TRANSCRIPTS))
def test_console_blocks_show_what_their_commands_print(doc, shell):
    for line, command, shown in TRANSCRIPTS[doc]:
        printed = shell(command)
        assert matches(shown, printed), (
            f"{doc}:{line}: $ {command}\nthe doc shows:\n" + "\n".join(shown)
            + "\nit prints:\n" + "\n".join(printed))
        assert _names(shown) <= _names(printed), f"{doc}:{line}: $ {command}"


@pytest.mark.parametrize(("shown", "printed", "ok"), [
    (["a", ANY, "z"], ["a", "b", "c", "z"], True),
    (["a", ANY, "z"], ["a", "z"], True),
    (["a", ANY], ["b"], False),
    (["[1/13] E001 王建国"], ["[1/13] E002 李雪梅"], True),  # the names are checked apart
    (["[1/13] E001 王建国"], ["[2/13] E001 王建国"], False),
    (["xlperf: --jobs 64: 2 worker process(es), one"], ["xlperf: --jobs 64: 4 worker "
                                                        "process(es), one"], True),
    (["a"], ["a", "b"], False),
])
def test_matching(shown, printed, ok):
    assert matches(shown, printed) is ok


def test_python_examples_show_what_they_return():
    """The ``>>>`` examples of the docs (incentives.md's vesting): each expression's repr is
    the line shown under it (a comment after it aside)."""
    from xlperf.rules.incentives import vesting

    namespace = vars(vesting).copy()
    checked = 0
    for doc in DOCS:
        lines = doc.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if line.startswith(">>> "):
                shown = re.sub(r"\s+#.*$", "", lines[i + 1])
                assert repr(eval(line[4:], namespace)) == shown, f"{doc.name}:{i + 1}"  # noqa: S307
                checked += 1
    assert checked >= 4
