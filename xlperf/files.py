"""Writing output files safely: every file appears whole or not at all.

A file is written to a temporary name in the same folder, flushed to disk, then renamed over
the target (``os.replace`` is atomic on one file system). An interrupted run leaves either
the old file or the new one, never half of one; the temporary file is removed on any error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from xlperf.errors import XlperfError

TEMP_PREFIX = ".xlperf-"  # temporary files start with this (a test looks for leftovers)
TEMP_FILES = f"{TEMP_PREFIX}*.tmp"  # the pattern of their names (SIGKILL can leave one)


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "wb", **kwargs) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success it is renamed to ``path``."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise _not_written(target, error) from None
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        if isinstance(error, OSError):  # the disk filled, the folder went away
            raise _not_written(target, error) from None
        raise


def _not_written(target: Path, error: OSError) -> OutputError:
    """An OSError writing ``target`` said with its path (a failed write names no file)."""
    return OutputError(f"could not write {target}: {error.strerror or error}")


def write_bytes_atomic(path: str | Path, data: bytes) -> str:
    """Write ``data`` to ``path`` atomically; returns its sha256 (hex)."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)
    return hashlib.sha256(data).hexdigest()


def write_text_atomic(path: str | Path, text: str) -> str:
    """Write UTF-8 ``text`` to ``path`` atomically; returns the sha256 of its bytes."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def sha256_file(path: str | Path) -> str:
    """The sha256 (hex) of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class OutputError(XlperfError):
    """The output folder cannot be used (not a folder, no permission, read-only)."""


def usable_folder(path: str | Path) -> Path:
    """``path`` as a folder files can be written into, created if missing.

    Checked before any work is done (a temporary file is made and removed), so an unusable
    ``--out`` fails at once with a message rather than after every PDF is rendered.
    """
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except FileExistsError:
        raise OutputError(f"cannot write to {folder}: it is a file, not a folder") from None
    except OSError as error:
        raise OutputError(f"cannot write to {folder}: {error.strerror or error}") from None
    return folder


def _removable(path: Path) -> bool:
    """A file, or a symbolic link (removed itself, never what it points to)."""
    return path.is_symlink() or path.is_file()


def remove_files(folder: Path, patterns: Iterable[str]) -> list[str]:
    """Delete the files in ``folder`` (not below it) whose names match ``patterns``; returns
    their names. A symbolic link of such a name is removed, not followed (a link would make
    the next write refuse); folders and other files are left alone."""
    removed = []
    for pattern in patterns:
        for path in sorted(folder.glob(pattern)):
            if _removable(path):
                path.unlink()
                removed.append(path.name)
    return removed


def _plainly_inside(folder: Path, path: Path) -> bool:
    """``path`` is inside ``folder`` with no symbolic link on the way (a listed
    ``sub/x.pdf`` where ``sub`` links elsewhere is not)."""
    lexical = os.path.join(os.path.realpath(folder), os.path.relpath(path.parent, folder))
    return os.path.realpath(path.parent) == os.path.normpath(lexical)


def remove_listed(folder: Path, paths: Iterable[Path], patterns: Iterable[str]) -> list[str]:
    """Delete the files of ``paths`` whose names match ``patterns`` (files xlperf writes),
    then each subfolder of ``folder`` they leave empty; returns what was removed, relative
    to ``folder``. Nothing reached through a symbolic link folder and nothing else is
    touched: the paths come from a manifest, which is untrusted."""
    removed, emptied = [], set()
    patterns = tuple(patterns)
    for path in paths:
        if (_removable(path) and any(path.match(p) for p in patterns)
                and _plainly_inside(folder, path)):
            path.unlink()
            removed.append(str(path.relative_to(folder)))
            if path.parent != folder:
                emptied.add(path.parent)
    for sub in sorted(emptied, reverse=True):
        with contextlib.suppress(OSError):  # only when empty: a user's file keeps its folder
            sub.rmdir()
    return removed


def remove_output_folders(folder: Path, keep: Iterable[Path], patterns: Iterable[str]
                          ) -> list[str]:
    """Each subfolder of ``folder`` (not a link, not one of ``keep``) that holds files and
    nothing but files whose names match ``patterns``: a book folder of an earlier run that
    was stopped before its manifest, so none lists it. Its files and the folder go; returns
    them, relative to ``folder``. A folder with anything else in it is left as it is."""
    removed = []
    keep = set(keep)
    patterns = tuple(patterns)
    for sub in sorted(folder.iterdir()) if folder.is_dir() else ():
        if sub in keep or sub.is_symlink() or not sub.is_dir():
            continue
        entries = list(sub.iterdir())
        if not entries or not all(_removable(e) and any(e.match(p) for p in patterns)
                                  for e in entries):
            continue
        for entry in entries:
            entry.unlink()
            removed.append(f"{sub.name}/{entry.name}")
        with contextlib.suppress(OSError):
            sub.rmdir()
    return removed
