"""WeasyPrint's hot modules compiled with Cython (xlperf.report.compiled): used when built for
the installed package, never when built from other sources, and the PDFs are the same bytes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from xlperf.report import compiled

CHECK = ("import xlperf.report.pdf, weasyprint.layout.block as block;"
         "from xlperf.report.compiled import is_compiled; print(is_compiled(), block.__file__)")


def run_python(code: str, pure: bool) -> str:
    env = {k: v for k, v in os.environ.items() if k != compiled.PURE_ENV}
    if pure:
        env[compiled.PURE_ENV] = "1"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True).stdout


def report(book, out, pure: bool) -> dict[str, bytes]:
    code = ("import sys; from xlperf.cli import main;"
            f"sys.exit(main(['report', {str(book)!r}, '--out', {str(out)!r},"
            "'--only', 'E003', '--jobs', '1']))")
    run_python(code, pure)
    return {name: (out / name).read_bytes() for name in ("appraisal-E003.pdf",
                                                          "payout-E003.pdf")}


needs_copy = pytest.mark.skipif(compiled.compiled_folder() is None,
                                reason="no compiled copy (./bootstrap builds it)")


@needs_copy
def test_reports_use_the_compiled_copy_unless_told_not_to():
    used, file = run_python(CHECK, pure=False).split()
    assert used == "True" and file.endswith(".so")
    assert file.startswith(str(compiled.ROOT))
    used, file = run_python(CHECK, pure=True).split()
    assert used == "False" and file.endswith("block.py")
    copy = compiled.compiled_folder()
    extensions = sorted(p.relative_to(copy / "weasyprint").as_posix().split(".")[0] + ".py"
                        for p in copy.rglob("*.so"))
    assert extensions == sorted(compiled.MODULES)  # one each, no build leftovers
    assert not list(copy.rglob("*.c"))


@needs_copy
@pytest.mark.slow
def test_compiled_and_pure_weasyprint_write_the_same_bytes(demo_book, tmp_path):
    fast = report(demo_book, tmp_path / "compiled", pure=False)
    assert fast == report(demo_book, tmp_path / "pure", pure=True)
    assert all(pdf.startswith(b"%PDF") for pdf in fast.values())


def test_a_copy_compiled_from_other_sources_is_never_used(tmp_path, monkeypatch):
    package = compiled.installed_package()
    assert package is not None and (package / "layout" / "block.py").is_file()
    monkeypatch.setattr(compiled, "ROOT", tmp_path)
    (tmp_path / ("0" * 20) / "weasyprint").mkdir(parents=True)  # an older WeasyPrint's
    assert compiled.compiled_folder() is None
    current = tmp_path / compiled.stamp(package)
    (current / "weasyprint").mkdir(parents=True)
    assert compiled.compiled_folder() == current
    assert compiled.folder_to_use() == current
    monkeypatch.setenv(compiled.PURE_ENV, "1")
    assert compiled.folder_to_use() is None


def test_the_stamp_changes_with_any_source_file(tmp_path):
    package = tmp_path / "weasyprint"
    (package / "layout").mkdir(parents=True)
    (package / "layout" / "block.py").write_text("x = 1\n")
    before = compiled.stamp(package)
    (package / "layout" / "block.py").write_text("x = 2\n")
    assert compiled.stamp(package) != before
