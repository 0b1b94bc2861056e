"""WeasyPrint's layout, style and drawing modules compiled with Cython: same PDFs, less time.

Why: a report's time is WeasyPrint's pure-Python work per box (layout, cascade, drawing).
Compiled with Cython, unchanged, the :data:`MODULES` below run 15% fewer instructions per
executive, and a 200-executive batch took 4-22% less time (paired runs; docs/reports.md).
The PDFs are byte for byte the same (tested).

``python -m xlperf.report.compiled`` (run by ./bootstrap, needs Cython, a C compiler and the
Python headers) copies the installed ``weasyprint`` package into
``<venv>/xlperf-compiled/<stamp>/weasyprint`` and compiles the modules there in place; the
stamp is a hash of the installed package's files and of the interpreter.
:func:`prefer_compiled`, called by :mod:`xlperf.report.pdf` before it imports WeasyPrint,
puts that copy first on ``sys.path`` only when its stamp is the installed package's: an
upgraded WeasyPrint is never shadowed by code compiled from an older one, and without the
copy (no compiler, or ``XLPERF_PURE_WEASYPRINT=1`` in the environment) the installed package
is used as it is.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PURE_ENV = "XLPERF_PURE_WEASYPRINT"  # non-empty: render with the installed package
ROOT = Path(sys.prefix) / "xlperf-compiled"
# The modules where a report's rendering spends its time (cProfile of the demo's reports).
# Compiling the rest of WeasyPrint (and pydyf, tinycss2, cssselect2) too saved 2% more
# instructions, for a 9-minute build.
MODULES = tuple(f"{name}.py" for name in (
    "document", "stacking", "matrix", "pdf/stream",
    "css/__init__", "css/computed_values",
    "formatting_structure/boxes", "formatting_structure/build",
    "layout/__init__", "layout/absolute", "layout/background", "layout/block",
    "layout/float", "layout/inline", "layout/min_max", "layout/page", "layout/percent",
    "layout/replaced", "layout/table",
    "text/fonts", "text/line_break",
    "draw/__init__", "draw/border", "draw/color", "draw/text",
))
# -O1: a third of the build time of Python's default -O3, 1.5% more instructions
COMPILER_FLAGS = "-O1"


def installed_package() -> Path | None:
    """The folder of the installed ``weasyprint`` package (never the compiled copy)."""
    path = [p for p in sys.path if not p.startswith(str(ROOT))]
    spec = importlib.machinery.PathFinder.find_spec("weasyprint", path)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def stamp(package: Path) -> str:
    """A hash of the package's Python files and of this interpreter (ABI and version)."""
    digest = hashlib.sha256(f"{sys.implementation.cache_tag} {sys.version}".encode())
    for file in sorted(package.rglob("*.py")):
        digest.update(file.relative_to(package).as_posix().encode() + b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()[:20]


def compiled_folder() -> Path | None:
    """The folder holding the compiled copy built from the installed WeasyPrint, if any."""
    package = installed_package()
    if package is None or not ROOT.is_dir():
        return None
    folder = ROOT / stamp(package)
    return folder if (folder / "weasyprint").is_dir() else None


def folder_to_use() -> Path | None:
    """The compiled copy reports will import: :func:`compiled_folder`, unless the
    environment asks for the installed package (:data:`PURE_ENV`)."""
    return None if os.environ.get(PURE_ENV) else compiled_folder()


def prefer_compiled() -> None:
    """Make ``import weasyprint`` load :func:`folder_to_use`'s copy when there is one;
    nothing once WeasyPrint is imported (:func:`is_compiled` tells which it was)."""
    if "weasyprint" in sys.modules:
        return
    folder = folder_to_use()
    if folder is not None and str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


def is_compiled() -> bool:
    """True when the imported WeasyPrint's layout is the compiled copy."""
    block = sys.modules.get("weasyprint.layout.block")
    return block is not None and not str(block.__file__).endswith(".py")


def build(force: bool = False) -> Path | None:
    """Compile the copy for the installed WeasyPrint (skipped when it exists, unless
    ``force``); the folder written, or None. Older copies are removed."""
    package = installed_package()
    if package is None:
        raise RuntimeError("WeasyPrint is not installed")
    target = ROOT / stamp(package)
    if (target / "weasyprint").is_dir() and not force:
        return None
    ROOT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=ROOT, prefix=".build-") as work:
        built = Path(work) / "copy"
        copy = built / "weasyprint"
        shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
        _cythonize(copy, Path(work))
        shutil.rmtree(target, ignore_errors=True)
        built.rename(target)  # whole or not at all
    for old in ROOT.iterdir():
        if old != target and not old.name.startswith(".build-"):
            shutil.rmtree(old, ignore_errors=True)
    return target


def _cythonize(copy: Path, work: Path) -> None:
    """Compile :data:`MODULES` of ``copy`` in place; leave only the extension modules."""
    # a module a later WeasyPrint no longer has stays out (the others are still worth it)
    sources = [copy / name for name in MODULES if (copy / name).is_file()]
    folders = {copy.parent, *(path for path in copy.parent.rglob("*") if path.is_dir())}
    env = {**os.environ, "CFLAGS": COMPILER_FLAGS, "LDFLAGS": "-s"}
    done = subprocess.run(
        [sys.executable, "-m", "Cython.Build.Cythonize", "-i", "-3", "-q",
         "-j", str(os.cpu_count() or 1), *map(str, sources)],
        cwd=work, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError("Cython could not compile WeasyPrint: "
                           + (done.stderr.strip().splitlines() or ["no message"])[-1])
    for path in sorted(copy.parent.rglob("*")):  # setuptools' build folders, copies of the .so
        if path.is_dir() and path not in folders and path.parent in folders:
            shutil.rmtree(path)
    for source in sources:
        source.with_suffix(".c").unlink(missing_ok=True)
        if not any(source.parent.glob(f"{source.stem}.*.so")):
            raise RuntimeError(f"Cython did not compile {source.relative_to(copy.parent)}")


def main() -> int:
    """Build the compiled copy; print what was done."""
    start = time.perf_counter()
    try:
        written = build(force="--force" in sys.argv)
    except Exception as error:  # a setup step: say what failed, never a traceback
        print(f"xlperf compiled WeasyPrint: {error}", file=sys.stderr)
        return 1
    if written is None:
        print("compiled WeasyPrint is ready")
    else:
        print(f"compiled {len(MODULES)} WeasyPrint modules into {written} "
              f"({time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
