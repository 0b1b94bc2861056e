"""The batch's bookkeeping files: ``errors.csv`` and ``manifest.json``.

The manifest makes every figure traceable: each input workbook with its sha256 and the
policy used (name, where it came from, its digest and its rules), each file written with
its sha256 and size, and each executive's status. It holds no timestamp, so a rerun on the
same input writes the same manifest.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path

from xlperf import __version__
from xlperf.ledger import neutralised
from xlperf.policy import policy_digest, policy_to_mapping
from xlperf.report.problem_text import in_chinese


def listed_files(out_dir: Path) -> list[Path]:
    """The files an earlier run's ``manifest.json`` in ``out_dir`` lists, as paths inside
    ``out_dir`` (a book's subfolder included). The manifest is read as untrusted: anything
    but a readable xlperf manifest lists nothing, and a path that is absolute or climbs out
    with ``..`` is skipped."""
    try:
        data = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
        entries = data["files"] if "xlperf" in data else []
        paths = [Path(entry["path"]) for entry in entries]
    except (OSError, ValueError, TypeError, KeyError):
        return []
    return [out_dir / p for p in paths if not p.is_absolute() and ".." not in p.parts]


@dataclasses.dataclass(frozen=True)
class OutputFile:
    """A file the batch wrote: path relative to the output folder, sha256, size."""

    path: str
    sha256: str
    bytes: int


ERROR_COLUMNS = ("workbook", "sheet", "cell", "executive", "severity", "message", "message_zh")


def in_listing_order(problems: Iterable) -> list:
    r"""``LocatedProblem``\ s as a user reads them: errors first, then warnings; each
    workbook's in the order given; within a workbook by sheet (the template's order), row
    and column, so a weight sum found while appraising sits with its sheet's other rows."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
    from openpyxl.utils.exceptions import CellCoordinatesException

    from xlperf.workbook.layout import SHEET_ORDER

    books: dict[str, int] = {}

    def key(located) -> tuple:
        p = located.problem
        book = books.setdefault(located.workbook, len(books))
        sheet = SHEET_ORDER.index(p.sheet) + 1 if p.sheet in SHEET_ORDER else len(SHEET_ORDER)
        try:
            column, row = coordinate_from_string(re.split(r"[:,]", p.cell)[0])
            where = (row, column_index_from_string(column))
        except (CellCoordinatesException, ValueError):
            where = (0, 0)  # no cell (the sheet as a whole) or a range of columns: first
        return (p.severity != "error", book, sheet if p.sheet else 0, *where)

    return sorted(problems, key=key)


def errors_csv(problems: Iterable) -> str:
    """Every problem (``LocatedProblem``) as CSV, in :func:`in_listing_order`; text cells
    neutralised. message_zh says it in Chinese where :mod:`xlperf.report.problem_text`
    words it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(ERROR_COLUMNS)
    for located in in_listing_order(problems):
        p = located.problem
        writer.writerow([neutralised(str(v)) for v in
                         (located.workbook, p.sheet, p.cell, p.executive, p.severity,
                          p.message, in_chinese(p))])
    return "\ufeff" + buffer.getvalue()


def _workbook_entry(book, root: Path) -> dict:
    entry = {"path": book.path}
    data = book.data
    if data is None:
        entry["status"] = "unreadable"
        return entry
    general = [str(p) for p in data.errors if not p.executive]
    entry.update({
        "sha256": data.sha256, "company": data.company, "year": data.year,
        "status": "blocked" if data.blocked else "read",
        "output_dir": book.out_dir.relative_to(root).as_posix() if book.out_dir != root else ".",
        "policy": {"name": data.policy.name, "source": data.policy_source,
                   "sha256": policy_digest(data.policy, data.scoring_tables),
                   "rules": policy_to_mapping(data.policy),
                   "scoring_tables": data.scoring_tables},
    })
    if general:
        entry["problems"] = general
    if book.summary is not None:  # rendered: the formula cells were compared
        rec = book.summary.reconciliation
        entry["reconciliation"] = {"status": rec.status, "compared": rec.compared,
                                   "uncached": rec.uncached, "not_loaded": rec.not_loaded,
                                   "differences": [d.where for d in rec.differences]}
    return entry


def manifest_json(books, options, result) -> str:
    """The manifest of a batch run (see the module doc)."""
    manifest = {
        "xlperf": __version__,
        "options": {"lang": options.lang, "only": list(options.only),
                    "keep_going": options.keep_going},
        "workbooks": [_workbook_entry(b, options.out_dir) for b in books],
        "files": [dataclasses.asdict(f) for f in sorted(result.files, key=lambda f: f.path)],
        "executives": [dataclasses.asdict(e) for e in result.executives],
        "ok": result.ok,
    }
    return json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n"
